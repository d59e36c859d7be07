"""Every path the project uses, resolved from the repository root so that nothing
depends on the working directory.

ANALYSIS_DATA_DIR, when set, points the loaders (and so the notebooks and the
command line) at another copy of data/: to try a correction, or, in the tests,
to show that changing one figure makes the notebooks and the claims check fail.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("ANALYSIS_DATA_DIR", ROOT / "data"))
NOTEBOOKS_DIR = ROOT / "notebooks"
BUILD_DIR = ROOT / "build"
REPORT_DIR = BUILD_DIR / "report"

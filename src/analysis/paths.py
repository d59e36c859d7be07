"""Every path the project uses, resolved from the repository root so that nothing
depends on the working directory.

ANALYSIS_DATA_DIR, when set, points the loaders (and so the notebooks and the
command line) at another copy of data/: to try a correction, or, in the tests,
to show that changing one figure makes the notebooks and the claims check fail.
A relative ANALYSIS_DATA_DIR is resolved once, here, against the working
directory of the process that first imports this module, and written back to
the environment as an absolute path: notebook kernels inherit the environment
but start in notebooks/, where the relative path would mean another folder.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.path.abspath(os.environ.get("ANALYSIS_DATA_DIR", ROOT / "data")))
if "ANALYSIS_DATA_DIR" in os.environ:
    os.environ["ANALYSIS_DATA_DIR"] = str(DATA_DIR)
NOTEBOOKS_DIR = ROOT / "notebooks"
BUILD_DIR = ROOT / "build"
REPORT_DIR = BUILD_DIR / "report"


def shown(path: Path) -> str:
    """A path as messages name it: relative to the repository when inside it
    ("data/arrivals.csv"), else in full, so an error names the file actually read."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(ROOT))
    except ValueError:
        return str(path)

"""Every path the project uses, resolved from the repository root so that nothing
depends on the working directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
NOTEBOOKS_DIR = ROOT / "notebooks"
BUILD_DIR = ROOT / "build"
REPORT_DIR = BUILD_DIR / "report"

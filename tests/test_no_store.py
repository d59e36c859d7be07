"""Nothing is cached, so no stored result can go stale or be doctored: every command
reads the data afresh, an edit that keeps the file's size and time is seen, the
commands write nothing, and an edited code file changes the very next run.

(The caches the first versions kept, in memory keyed by size and time and on disk in
build/validated, were removed: these tests hold that nothing takes their place.)
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from analysis import paths
from tests.conftest import run_cli

LINE = "2017-01-01,2017-12-31,188,939,1127,mou-table-2025-06,mou_table"
EDITED = "2017-01-01,2017-12-31,187,940,1127,mou-table-2025-06,mou_table"
COMMANDS = (
    ("validate",),
    ("arrivals", "--format", "csv"),
    ("claims", "--format", "json"),
    ("claims", "--press", "--format", "json"),
)


def _row_2017(csv_text: str) -> str:
    [row] = [line for line in csv_text.splitlines() if line.startswith("2017,")]
    return row


def test_an_edit_that_keeps_the_size_and_time_of_the_file_is_read(data_copy: Path) -> None:
    """As `cp -p` or `tar` leave it: same size, same modification time, other figures."""
    path = data_copy / "arrivals.csv"
    first = run_cli("arrivals", "--format", "csv", data_dir=data_copy)
    assert ",188,939,1127,mou-table-2025-06," in _row_2017(first.stdout)
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count(LINE) == 1
    path.write_text(text.replace(LINE, EDITED), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size and path.stat().st_mtime_ns == status.st_mtime_ns
    again = run_cli("arrivals", "--format", "csv", data_dir=data_copy)
    assert ",187,940,1127,mou-table-2025-06," in _row_2017(again.stdout)


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


def test_the_commands_write_no_store(data_copy: Path) -> None:
    """No store anywhere: the data folder is left as it was, and no build/validated (the
    old disk cache) or pickle appears."""
    before = _tree(data_copy)
    for command in COMMANDS:
        assert run_cli(*command, data_dir=data_copy).returncode == 0, command
    assert _tree(data_copy) == before
    assert not (paths.BUILD_DIR / "validated").exists()
    stores = [p for p in (paths.ROOT / "src").rglob("*") if p.suffix in (".pickle", ".pkl")]
    assert stores == []


def _claims_json(root: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "claims", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={
            **{k: v for k, v in os.environ.items() if k != "ANALYSIS_DATA_DIR"},
            "PYTHONPATH": str(root / "src"),
        },
    )
    return result.stdout


def test_an_edited_code_file_changes_the_next_run(tmp_path: Path) -> None:
    """A copy of the project whose number formatting is edited: the next run gives the
    edited output, and a run after it the same (what an uncached run gives)."""
    for name in ("src", "data", "notebooks"):
        ignore = shutil.ignore_patterns("__pycache__", "*.ipynb_checkpoints")
        shutil.copytree(paths.ROOT / name, tmp_path / name, ignore=ignore)
    original = _claims_json(tmp_path)
    assert "1,418 → 1,127" in original
    formatting = tmp_path / "src" / "analysis" / "formatting.py"
    text = formatting.read_text(encoding="utf-8")
    assert text.count('return f"{value:,.0f}"') == 1
    formatting.write_text(text.replace('return f"{value:,.0f}"', 'return f"{value:_.0f}"'))
    edited = _claims_json(tmp_path)
    assert "1_418 → 1_127" in edited and "1,418 → 1,127" not in edited
    assert _claims_json(tmp_path) == edited

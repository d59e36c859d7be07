"""Lint, formatting and type checks run as part of the test suite.

Only files tracked by git are checked: an analyst's untracked scratch scripts
are theirs to tidy, and must not fail the suite.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths

BIN = Path(sys.executable).parent
LINTED = ("*.py", "*.ipynb")
TYPED = ("src/*.py", "tests/*.py", "scripts/*.py")


def tracked_files(root: Path, *patterns: str) -> list[str]:
    """The files git tracks under `root` that match `patterns` (git pathspecs)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", *patterns],
        cwd=root,
        capture_output=True,
        check=True,
    )
    return sorted(name for name in listed.stdout.decode().split("\0") if name)


@pytest.mark.parametrize(
    ("command", "patterns"),
    [
        (["ruff", "check"], LINTED),
        (["ruff", "format", "--check"], LINTED),
        (["mypy"], TYPED),
    ],
    ids=["ruff-lint", "ruff-format", "mypy"],
)
def test_code_quality(command: list[str], patterns: tuple[str, ...]) -> None:
    files = tracked_files(paths.ROOT, *patterns)
    assert "src/analysis/load/validation.py" in files
    result = subprocess.run(
        [str(BIN / command[0]), *command[1:], *files],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_untracked_scratch_files_are_not_checked(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "tracked.py").write_text("x = 1\n")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "kept.py").write_text("y = 2\n")
    git("add", "tracked.py", "scripts/kept.py")
    (tmp_path / "scratch.py").write_text("import os, sys\n")  # unused imports: fails ruff
    (tmp_path / "scripts" / "mine.py").write_text("z=3\n")
    assert tracked_files(tmp_path, *LINTED) == ["scripts/kept.py", "tracked.py"]
    assert tracked_files(tmp_path, *TYPED) == ["scripts/kept.py"]


def test_environment_yml_matches_the_lock() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/environment_yml.py", "--check"],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr

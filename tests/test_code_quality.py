"""Lint, formatting and type checks run as part of the test suite."""

import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths

BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ],
    ids=["ruff-lint", "ruff-format", "mypy"],
)
def test_code_quality(command: list[str]) -> None:
    result = subprocess.run(
        [str(BIN / command[0]), *command[1:]],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_environment_yml_matches_the_lock() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/environment_yml.py", "--check"],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr

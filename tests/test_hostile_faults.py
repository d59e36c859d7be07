"""Hostile input, faults: the data folder missing or not a folder, empty settings, a disk
or a parser failing mid-read, an output folder that is not the tool's. Each ends in a
located error (or the right folder), never a traceback, a hang or a deleted file."""

import errno
import importlib
import json
import os
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from analysis import paths
from analysis.load import problems
from analysis.show import readme
from analysis.site import buildfolder
from tests.conftest import run_cli
from tests.hostile import ARTICLE, CLAIMS, refused

Make = Callable[[Path], object]
FOLDERS: dict[str, tuple[Make, str]] = {
    "missing": (lambda d: None, "the data directory does not exist"),
    "a-file": (lambda d: d.write_text("x"), "the data directory cannot be read"),
    "a-link-loop": (lambda d: d.symlink_to(d), "the data directory cannot be read"),
    "a-link-to-a-device": (
        lambda d: d.symlink_to("/dev/null"),
        "the data directory cannot be read",
    ),
}


@pytest.mark.parametrize("kind", FOLDERS)
@pytest.mark.parametrize("command", ["validate", "arrivals", "claims"])
def test_a_data_folder_that_is_not_a_folder_is_named(
    tmp_path: Path, kind: str, command: str
) -> None:
    folder = tmp_path / "data"
    make, message = FOLDERS[kind]
    make(folder)
    refused(folder, "", message, command=(command,))


def test_an_empty_data_option_is_refused() -> None:
    result = run_cli("--data", "", "validate")
    assert result.returncode == 2
    assert "argument --data: an empty path: name the data directory" in result.stderr


@pytest.mark.parametrize(("value", "expected"), [("", "default"), ("elsewhere", "relative")])
def test_analysis_data_dir_empty_means_unset_and_relative_means_from_here(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    monkeypatch.setenv("ANALYSIS_DATA_DIR", value)
    try:
        reloaded = importlib.reload(paths)
        if expected == "default":
            assert reloaded.DATA_DIR == paths.ROOT / "data"
            assert os.environ["ANALYSIS_DATA_DIR"] == ""
        else:
            assert str(reloaded.DATA_DIR) == str(Path.cwd() / "elsewhere")
            assert os.environ["ANALYSIS_DATA_DIR"] == str(Path.cwd() / "elsewhere")
    finally:
        monkeypatch.delenv("ANALYSIS_DATA_DIR")
        importlib.reload(paths)
    assert paths.DATA_DIR == paths.ROOT / "data"


def test_a_descriptor_that_cannot_be_written_is_an_error_naming_it(minimal_data: Path) -> None:
    target = minimal_data / "datapackage.json"
    target.unlink()
    target.mkdir()
    result = run_cli("datapackage", "--write", data_dir=minimal_data)
    assert result.returncode == 2
    assert result.stderr == f"error: Is a directory ({target})\n"


def test_a_readme_without_its_generated_section_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readme, "README", tmp_path / "README.md")
    (tmp_path / "README.md").write_text("# A readme with no generated section\n")
    result = run_cli("readme", "--check")
    assert result.returncode == 2
    assert result.stderr == "error: README.md has no generated section 'summary'\n"


def _raises(error: BaseException) -> Any:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


PARSERS = {
    "json-memory": ("datapackage.json", json, MemoryError(), problems.TOO_LARGE),
    "json-recursion": ("datapackage.json", json, RecursionError(), problems.NESTED),
    "toml-recursion": (ARTICLE, tomllib, RecursionError(), problems.NESTED),
}


@pytest.mark.parametrize("case", PARSERS)
def test_a_parser_that_runs_out_is_an_error_naming_the_file(
    minimal_data: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    name, module, error, message = PARSERS[case]
    monkeypatch.setattr(module, "loads", _raises(error))
    refused(minimal_data, name, message)


class _FailingFile:
    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def __enter__(self) -> "_FailingFile":
        return self

    def __exit__(self, *args: object) -> None:
        pass

    def read(self, size: int = -1) -> bytes:
        raise OSError(errno.EIO, os.strerror(errno.EIO))


@pytest.mark.parametrize("name", ["arrivals.csv", ARTICLE, CLAIMS, "datapackage.json"])
def test_a_read_error_from_the_disk_is_an_error_naming_the_file(
    minimal_data: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    real = problems.read_bytes

    def failing(path: Path, display_name: str, limit: int | None = None) -> bytes:
        if not str(path).endswith(name):
            return real(path, display_name, limit)
        monkeypatch.setattr(problems, "open", _FailingFile, raising=False)
        try:
            return real(path, display_name, limit)
        finally:
            monkeypatch.delattr(problems, "open")

    monkeypatch.setattr(problems, "read_bytes", failing)
    importlib.import_module("analysis.cli")  # every module the command line reads with
    for module in [m for n, m in sys.modules.items() if n.startswith("analysis.")]:
        if getattr(module, "read_bytes", None) is real:  # each module that imported it
            monkeypatch.setattr(module, "read_bytes", failing)
    refused(minimal_data, name, "cannot be read: Input/output error")


def _user_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "my_thesis.txt").write_text("mine")


def _fake_marker(folder: Path) -> None:
    _user_folder(folder)
    (folder / buildfolder.MARKER).write_text("x")


OUTPUTS: dict[str, tuple[Make, str]] = {
    "a-file": (lambda f: f.write_text("mine"), "it is not a folder"),
    "a-link": (lambda f: f.symlink_to(f.parent), "it is a symbolic link"),
    "a-user-folder": (_user_folder, "it holds files the report did not write"),
    "a-fake-marker": (_fake_marker, "it holds files the report did not write"),
}


@pytest.mark.parametrize("kind", OUTPUTS)
def test_an_output_that_is_not_the_reports_own_is_refused(tmp_path: Path, kind: str) -> None:
    make, message = OUTPUTS[kind]
    folder = tmp_path / "out"
    make(folder)
    assert (buildfolder.refusal(folder) or "").startswith(message)
    with pytest.raises(buildfolder.FolderRefused):
        buildfolder.check(folder)
    assert os.path.lexists(folder)

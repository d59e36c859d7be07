"""Hostile input, files: every data file (the seven CSV tables, article.toml, claims.toml,
datapackage.json) replaced by what a hostile or unlucky user could leave in its place,
each rejected by `validate` with an error naming the file actually read.

A named pipe would hang a reader that waited for a writer; /dev/zero and a sparse file
of a gigabyte would exhaust memory; deep nesting would exhaust the parser's recursion:
each is refused by name, before anything is parsed."""

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from analysis.load import datapackage, problems
from analysis.load.problems import MAX_BYTES, MAX_TEXT_BYTES
from tests.hostile import ARTICLE, CLAIMS, CSV_FILES, FILES, edit, refused


def _replace(path: Path, make: Callable[[Path], None]) -> None:
    path.unlink()
    make(path)


def _oversized(path: Path) -> None:
    """A sparse file one byte over the limit: costs no disk, would cost memory if read."""
    limit = MAX_BYTES if path.suffix == ".csv" else MAX_TEXT_BYTES
    with path.open("wb") as handle:
        handle.truncate(limit + 1)


PLACED: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing": (lambda p: p.unlink(), "the file does not exist"),
    "directory": (lambda p: _replace(p, Path.mkdir), "is a directory, not a file"),
    "fifo": (lambda p: _replace(p, os.mkfifo), "is a named pipe (FIFO), not a regular file"),
    "dev-zero": (
        lambda p: _replace(p, lambda q: q.symlink_to("/dev/zero")),
        "is a character device, not a regular file",
    ),
    "dangling-link": (
        lambda p: _replace(p, lambda q: q.symlink_to(q.parent / "nowhere")),
        "the file does not exist",
    ),
    "link-loop": (
        lambda p: _replace(p, lambda q: q.symlink_to(q)),
        "is a symbolic link that loops back on itself",
    ),
    "oversized": (_oversized, "bytes, the most this file may hold: not read"),
}


@pytest.mark.parametrize("kind", PLACED)
@pytest.mark.parametrize("name", FILES)
def test_a_file_that_is_not_a_readable_regular_file_is_refused_by_name(
    minimal_data: Path, name: str, kind: str
) -> None:
    make, message = PLACED[kind]
    make(minimal_data / name)
    refused(minimal_data, name, message)


def _nul(path: Path) -> None:
    data = path.read_bytes()
    at = data.index(b"\n") + 3
    path.write_bytes(data[:at] + b"\0" + data[at:])


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


CONTENT: dict[str, Callable[[Path], object]] = {
    "empty": lambda p: p.write_bytes(b""),
    "bom": lambda p: p.write_bytes(problems.BOM + p.read_bytes()),
    "not-utf8": lambda p: p.write_bytes(p.read_bytes().replace(b"\n", b"\xff\n", 1)),
    "nul": _nul,
    "truncated": _truncated,
}
CSV_MESSAGES: dict[str, tuple[str, int | None]] = {
    "empty": ("the file is empty: no header row", None),
    "bom": ("byte-order mark", 1),
    "not-utf8": ("not valid UTF-8 text", 1),
    "nul": ("contains a control character", 2),
    "truncated": ("", None),  # where the cut falls decides what is wrong; it is located
}
OTHER_MESSAGES: dict[str, dict[str, tuple[str, int | None]]] = {
    ARTICLE: {
        "empty": ("missing key", None),
        "bom": ("byte-order mark", 1),
        "not-utf8": ("not valid UTF-8 text", 1),
        "nul": ("not valid TOML", 2),
        "truncated": ("not valid TOML", None),
    },
    CLAIMS: {
        "empty": ("missing the [review] table", None),
        "bom": ("byte-order mark", 1),
        "not-utf8": ("not valid UTF-8 text", 1),
        "nul": ("not valid TOML", 2),
        "truncated": ("not valid TOML", None),
    },
    "datapackage.json": {
        "empty": ("not valid JSON", 1),
        "bom": ("byte-order mark", 1),
        "not-utf8": ("not valid UTF-8 text", 1),
        "nul": ("not valid JSON", 2),
        "truncated": ("not valid JSON", None),
    },
}


@pytest.mark.parametrize("kind", CONTENT)
@pytest.mark.parametrize("name", FILES)
def test_a_file_whose_bytes_are_broken_is_refused_at_its_line(
    minimal_data: Path, name: str, kind: str
) -> None:
    CONTENT[kind](minimal_data / name)
    message, line = (CSV_MESSAGES if name in CSV_FILES else OTHER_MESSAGES[name])[kind]
    refused(minimal_data, name, message, line=line)


NESTED_MESSAGE = f": {problems.NESTED}"  # JSON and TOML alike
DEPTH = 100_000
NESTED = {
    ARTICLE: "sentences = " + "[" * DEPTH + "]" * DEPTH + "\n",
    CLAIMS: "x = " + "{ a = " * DEPTH + "1" + " }" * DEPTH + "\n",
    "datapackage.json": '{"a": ' * DEPTH + "1" + "}" * DEPTH + "\n",
}


@pytest.mark.parametrize("name", NESTED)
def test_nesting_past_the_recursion_limit_is_refused_by_name(minimal_data: Path, name: str) -> None:
    (minimal_data / name).write_text(NESTED[name], encoding="utf-8")
    refused(minimal_data, name, NESTED_MESSAGE)


def _package(data_dir: Path) -> Path:
    return data_dir / "datapackage.json"


def _rewrite_package(data_dir: Path, change: Callable[[dict[str, Any]], object]) -> None:
    document = json.loads(_package(data_dir).read_text(encoding="utf-8"))
    change(document)
    _package(data_dir).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


RESOURCES = len(datapackage.descriptor()["resources"])

PACKAGE_EDITS: dict[str, tuple[Callable[[Path], None], str]] = {
    "duplicate-key": (
        lambda d: edit(_package(d), '"name": "sources",', '"name": "sources",\n"name": "x",'),
        "a key given twice in one object",
    ),
    "duplicate-top-key": (
        lambda d: edit(_package(d), '"profile": "tabular-data-package"', '"title": "x", "a": 1'),
        "a key given twice in one object",
    ),
    "no-processing": (
        lambda d: _rewrite_package(d, lambda p: p.pop("processing")),
        "first at key 'processing': a required key is missing",
    ),
    "no-title": (
        lambda d: _rewrite_package(d, lambda p: p.pop("title")),
        "first at key 'title': a required key is missing",
    ),
    "licence-as-text": (
        lambda d: _rewrite_package(d, lambda p: p.update(licenses="MIT")),
        "first at key 'licenses': must be a list",
    ),
    "licence-without-title": (
        lambda d: _rewrite_package(d, lambda p: p["licenses"][0].pop("title")),
        "first at key 'licenses[0].title': a required key is missing",
    ),
    "unknown-key": (
        lambda d: _rewrite_package(d, lambda p: p.update(zz="x")),
        "first at key 'zz': an unexpected key",
    ),
    "resource-dropped": (
        lambda d: _rewrite_package(d, lambda p: p["resources"].pop()),
        f"first at key 'resources': holds {RESOURCES - 1} items, not {RESOURCES}",
    ),
}


@pytest.mark.parametrize("kind", PACKAGE_EDITS)
def test_a_datapackage_missing_or_doubling_a_part_is_refused_at_validate_time(
    minimal_data: Path, kind: str
) -> None:
    """Refused by `validate`, which `report` runs first: never a template error after
    every notebook has run."""
    change, message = PACKAGE_EDITS[kind]
    change(minimal_data)
    refused(minimal_data, "datapackage.json", message)
    refused(
        minimal_data, "datapackage.json", message, command=("report", "--output", "/nonexistent/x")
    )

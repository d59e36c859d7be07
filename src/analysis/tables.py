"""Strict reading of the project's CSV files, and the error that locates a problem.

Files are read as text, exactly as written: nothing is coerced, dropped or
guessed. A problem is reported with the file, the line and data row, and the
column, so a person can open the file and fix it. Every way a file can fail to
open (missing, a directory, a symlink loop, unreadable, not UTF-8, a BOM) is
turned into such a problem: loaders never let a traceback reach the reader.
"""

import csv
import errno
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

MAX_SHOWN = 50
"""How many problems an error lists; the rest are counted, so a broken million-row
file gives a message a person can read."""

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located as precisely as possible.

    `column` is a CSV column's name; `char` is a character position within the
    line (for TOML and JSON syntax errors); `key` is a key path in a TOML or JSON
    document.
    """

    file: str
    message: str
    line: int | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    char: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}" + (f" (row {self.row})" if self.row else ""))
        if self.char is not None:
            where.append(f"column {self.char}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        if self.key is not None:
            where.append(f"key {self.key!r}")
        shown = f" (value {_shown(self.value)})" if self.value is not None else ""
        return f"{', '.join(where)}: {self.message}{shown}"


def _shown(value: str) -> str:
    """A value as a person can read it: quoted, control characters escaped, long ones cut."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class DataValidationError(ValueError):
    """Raised when a data file does not meet its schema.

    Lists the first MAX_SHOWN problems and counts the rest; `total` is the number
    of problems found, which may exceed len(problems).
    """

    def __init__(self, problems: Sequence[Problem], total: int | None = None) -> None:
        self.problems = list(problems)[:MAX_SHOWN]
        self.total = max(total or 0, len(problems))
        lines = [f"{self.total} problem{'s' if self.total != 1 else ''} in the data:"]
        lines += [f"  - {p}" for p in self.problems]
        if self.total > len(self.problems):
            lines.append(f"  ... and {self.total - len(self.problems)} more")
        super().__init__("\n".join(lines))


def read_bytes(path: Path, display_name: str) -> bytes:
    """The file's bytes, or a DataValidationError saying in plain words why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise DataValidationError([Problem(display_name, unreadable_reason(path, error))]) from None


def unreadable_reason(path: Path, error: OSError) -> str:
    """Why `path` could not be read, in plain words."""
    if isinstance(error, FileNotFoundError):
        if not path.parent.is_dir():
            return f"the data directory {str(path.parent)!r} does not exist"
        return "the file does not exist"
    if isinstance(error, IsADirectoryError):
        return "is a directory, not a file"
    if error.errno == errno.ELOOP:
        return "is a symbolic link that loops back on itself"
    if isinstance(error, PermissionError):
        return "cannot be read: permission denied"
    return f"cannot be read: {error.strerror or error}"


def decode_utf8(data: bytes, display_name: str) -> str:
    """UTF-8 text without a byte-order mark, or a located error."""
    if data.startswith(BOM):
        message = "starts with a byte-order mark (BOM): save the file as UTF-8 without BOM"
        raise DataValidationError([Problem(display_name, message, line=1)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        message = f"not valid UTF-8 text ({error.reason} at byte {error.start})"
        problem = Problem(
            display_name,
            message,
            line=data.count(b"\n", 0, error.start) + 1,
            char=error.start - line_start + 1,
        )
        raise DataValidationError([problem]) from None


def read_text_table(path: Path, display_name: str) -> tuple[pd.DataFrame, "np.ndarray"]:
    """Read a CSV file as strings; return the table and each row's line number.

    Empty cells become missing values; every other cell stays text as written.
    A file with a header but no rows is a problem, not an empty table. The work
    is done by the csv module and NumPy on whole columns, so a million rows take
    about as long as pandas.read_csv.
    """
    text = decode_utf8(read_bytes(path, display_name), display_name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as error:
        message = f"malformed CSV: {error}"
        raise DataValidationError([Problem(display_name, message, line=reader.line_num)]) from None
    if not records:
        raise DataValidationError([Problem(display_name, "the file is empty: no header row")])
    lines = (
        np.arange(1, len(records) + 1) if reader.line_num == len(records) else _record_lines(text)
    )
    header = records[0]
    widths = np.fromiter(map(len, records), dtype=np.int64, count=len(records))
    blank, uneven = widths == 0, (widths != len(header)) & (widths > 0)
    problems = [Problem(display_name, "blank line", line=int(lines[i])) for i in _first(blank)]
    for i in _first(uneven):
        message = f"expected {len(header)} fields as in the header, found {widths[i]}"
        problems.append(Problem(display_name, message, line=int(lines[i]), row=int(lines[i]) - 1))
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise DataValidationError(problems, int(blank.sum() + uneven.sum()))
    if len(set(header)) != len(header):
        twice = next(name for name in header if header.count(name) > 1)
        problem = Problem(display_name, "the header names this column twice", line=1, column=twice)
        raise DataValidationError([problem])
    if len(records) == 1:
        raise DataValidationError([Problem(display_name, "has a header but no data rows", line=2)])
    columns = zip(*records[1:], strict=True)
    frame = pd.DataFrame(
        {name: np.array(cells, dtype=object) for name, cells in zip(header, columns, strict=True)}
    )
    frame = frame.mask(frame == "")
    return frame, lines[1:]


def _first(mask: "np.ndarray") -> "np.ndarray":
    """Positions of the first MAX_SHOWN true values: problems beyond them are only counted."""
    return np.flatnonzero(mask)[:MAX_SHOWN]


def _record_lines(text: str) -> "np.ndarray":
    """The line on which each record starts, for files where a quoted cell spans lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    starts, previous_end = [], 0
    for _ in reader:
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return np.array(starts)

"""Strict reading of the project's CSV files.

Files are read as text, exactly as written: nothing is coerced, dropped or
guessed. A problem is reported (analysis.load.problems) with the file, the line
and data row, and the column, so a person can open the file and fix it.
"""

import csv
import io
import re
from pathlib import Path

import numpy as np

from analysis.load.fastread import read_fast
from analysis.load.problems import MAX_SHOWN, DataValidationError, Problem, check_utf8, read_bytes
from analysis.load.text import TextTable, distinct

FAST_BYTES = 1 << 18
"""From this size on, the C reader's fixed cost (a few milliseconds) pays for itself."""


def read_text_table(path: Path, display_name: str) -> TextTable:
    """Read a CSV file as strings, exactly as written.

    Empty cells become missing values; every other cell stays text. A file with a
    header but no rows is a problem, not an empty table. A large well-formed file is
    parsed by pandas' C reader (as fast as pandas.read_csv); a small one (the project's
    own files), and anything unusual (quoted line breaks, carriage returns, NUL bytes,
    stray quotes, blank lines, uneven rows), is read by the csv module in strict mode,
    which locates the problem and, below FAST_BYTES, is the quicker of the two.
    """
    data = read_bytes(path, display_name)
    check_utf8(data, display_name)
    if b"\r" in data and (lone := re.search(rb"\r(?!\n)", data)):
        # the csv module would end a line there; an editor, grep and GitHub do not
        line = data.count(b"\n", 0, lone.start()) + 1
        message = "a carriage return without a line feed: lines end with LF or CRLF"
        raise DataValidationError([Problem(display_name, message, line=line)])
    fast = read_fast(data) if len(data) >= FAST_BYTES else None
    table = fast or _read_exact(data.decode("utf-8"), display_name)
    header = table.header
    if len(set(header)) != len(header):
        twice = next(name for name in header if header.count(name) > 1)
        problem = Problem(display_name, "the header names this column twice", line=1, column=twice)
        raise DataValidationError([problem])
    if not len(table.lines) or not header:
        raise DataValidationError([Problem(display_name, "has a header but no data rows", line=2)])
    return table


def _read_exact(text: str, display_name: str) -> TextTable:
    """Read with the csv module in strict mode, reporting every structural problem."""
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
    cells = list(zip(*records[1:], strict=True)) or [()] * len(header)
    columns = []
    for texts in cells:
        values = np.array(texts, dtype=object)
        values[values == ""] = None
        columns.append(distinct(values))
    return TextTable(header, columns, lines[1:])


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

"""Strict reading of the project's CSV files, and the error that locates a problem.

Files are read as text, exactly as written: nothing is coerced, dropped or
guessed. A problem is reported with the file, the line and data row, and the
column, so a person can open the file and fix it. (Schema checks live in
analysis.validation; this module needs no validation library.)
"""

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located as precisely as possible."""

    file: str
    message: str
    line: int | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}" + (f" (row {self.row})" if self.row else ""))
        if self.column is not None:
            where.append(f"column {self.column!r}")
        shown = f" (value {self.value!r})" if self.value is not None else ""
        return f"{', '.join(where)}: {self.message}{shown}"


class DataValidationError(ValueError):
    """Raised when a data file does not meet its schema; lists every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the data:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def read_text_table(path: Path, display_name: str) -> tuple[pd.DataFrame, list[int]]:
    """Read a CSV file as strings; return the table and each row's line number.

    Empty cells become missing values; every other cell stays text as written.
    """
    problems: list[Problem] = []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            records: list[list[str]] = []
            lines: list[int] = []
            previous_end = 0
            for record in reader:
                start = previous_end + 1
                previous_end = reader.line_num
                if not record:
                    problems.append(Problem(display_name, "blank line", line=start))
                    continue
                records.append(record)
                lines.append(start)
    except UnicodeDecodeError as error:
        message = f"not valid UTF-8 text (byte {error.start}: {error.reason})"
        raise DataValidationError([Problem(display_name, message)]) from error
    except csv.Error as error:
        message = f"malformed CSV: {error}"
        raise DataValidationError(
            [Problem(display_name, message, line=previous_end + 1)]
        ) from error
    if not records:
        raise DataValidationError([Problem(display_name, "the file is empty: no header row")])
    header, body, body_lines = records[0], records[1:], lines[1:]
    for record, line in zip(body, body_lines, strict=True):
        if len(record) != len(header):
            message = f"expected {len(header)} fields as in the header, found {len(record)}"
            problems.append(Problem(display_name, message, line=line, row=line - 1))
    if problems:
        raise DataValidationError(problems)
    frame = pd.DataFrame(body, columns=header, dtype=object)
    frame = frame.mask(frame == "")
    return frame, body_lines

"""Strict reading of the project's CSV files and readable validation errors.

Files are read as text, exactly as written: nothing is coerced, dropped or
guessed. Their content is then checked against a pandera schema, and every
failure is reported with the file, the line and data row, and the column, so a
person can open the file and fix it.
"""

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors


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


@dataclass(frozen=True)
class RowRule:
    """A rule over several columns of a row (or of rows together).

    `check` returns True for every row that passes; a row that fails is reported
    against `columns`, the columns a person has to look at to fix it.
    """

    message: str
    columns: tuple[str, ...]
    check: Callable[[pd.DataFrame], "pd.Series[bool]"]

    def as_pandera(self) -> pa.Check:
        return pa.Check(self.check, name=self.message, error=self.message)


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


def validate(
    frame: pd.DataFrame,
    schema: pa.DataFrameSchema,
    rules: Sequence[RowRule],
    display_name: str,
    lines: Sequence[int],
) -> None:
    """Check `frame` against `schema` and `rules`; raise DataValidationError on failure."""
    full = pa.DataFrameSchema(
        schema.columns,
        checks=[*schema.checks, *(rule.as_pandera() for rule in rules)],
        strict=schema.strict,
        ordered=schema.ordered,
    )
    try:
        full.validate(frame, lazy=True)
    except SchemaErrors as errors:
        raise DataValidationError(
            _problems(errors.failure_cases, frame, rules, display_name, lines)
        ) from None


def _problems(
    failures: pd.DataFrame,
    frame: pd.DataFrame,
    rules: Sequence[RowRule],
    display_name: str,
    lines: Sequence[int],
) -> list[Problem]:
    by_rule = {rule.message: rule for rule in rules}
    found: dict[tuple[int, str, str], Problem] = {}
    for failure in failures.to_dict("records"):
        check, column, index = str(failure["check"]), failure["column"], failure["index"]
        case = None if _missing(failure["failure_case"]) else str(failure["failure_case"])
        if _missing(index):
            problem = _structural_problem(check, case, column, display_name)
        else:
            row = int(index)
            if check in by_rule:
                rule = by_rule[check]
                message, where = rule.message, ", ".join(rule.columns)
                case = ", ".join(f"{c}={_show(frame.loc[row, c])}" for c in rule.columns)
            else:
                message, where = _column_message(check), str(column)
            problem = Problem(display_name, message, lines[row], lines[row] - 1, where, case)
        found.setdefault((problem.line or 0, problem.column or "", problem.message), problem)
    return [found[key] for key in sorted(found)]


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _structural_problem(check: str, case: str | None, column: object, name: str) -> Problem:
    if check == "column_in_dataframe":
        return Problem(name, "required column is missing", line=1, column=case)
    if check == "column_in_schema":
        return Problem(name, "unexpected column", line=1, column=case)
    return Problem(name, f"{check}: {case}", column=None if _missing(column) else str(column))


def _column_message(check: str) -> str:
    if check == "not_nullable":
        return "a value is required"
    if check in ("field_uniqueness", "multiple_fields_uniqueness"):
        return "duplicate row"
    return check


def _show(value: object) -> str:
    return "(empty)" if _missing(value) else str(value)

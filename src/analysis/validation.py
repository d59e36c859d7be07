"""Checking a table read by analysis.tables against its declared schema, with every
failure reported as a located Problem (file, line, row, column, value).

Every check runs on a whole column (or on whole rows at once) with pandas and
NumPy: no Python loop visits the rows, so validating a million rows costs about
as much as reading them. Only the first MAX_SHOWN failures become Problem
objects; the rest are counted.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.tables import MAX_SHOWN, DataValidationError, Problem

CellTest = Callable[["pd.Series[str]"], "pd.Series[bool] | np.ndarray"]


@dataclass(frozen=True)
class CellCheck:
    """A test of each filled cell of a column, written on the whole column at once."""

    message: str
    passes: CellTest


@dataclass(frozen=True)
class Column:
    """A column's name, whether every row must fill it, and the checks its cells must pass.

    Checks run in order and a cell is tested only while it passes: a count that is
    not digits is not also reported as out of range.
    """

    name: str
    checks: tuple[CellCheck, ...]
    required: bool = True


@dataclass(frozen=True)
class RowRule:
    """A rule over several columns of a row (or of rows together).

    `check` returns True for every row that passes; a row that fails is reported
    against `columns`, the columns a person has to look at to fix it. Cells that
    failed their own column's checks are blank when the rule runs, so one bad cell
    is reported once.
    """

    message: str
    columns: tuple[str, ...]
    check: Callable[[pd.DataFrame], "pd.Series[bool]"]


@dataclass(frozen=True)
class Schema:
    """A file's columns, in the order the header must give them, and its row rules."""

    columns: tuple[Column, ...]
    rules: tuple[RowRule, ...] = ()

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


def validate(
    frame: pd.DataFrame, schema: Schema, display_name: str, lines: "Sequence[int] | np.ndarray"
) -> None:
    """Check `frame` against `schema`; raise DataValidationError naming every problem."""
    header_problems = check_header(list(frame.columns), schema.names, display_name)
    if header_problems:
        raise DataValidationError(header_problems)
    failures: list[tuple[np.ndarray, str, str, Callable[[int], str | None]]] = []
    clean = frame
    for column in schema.columns:
        values = frame[column.name]
        present = values.notna().to_numpy()
        if column.required:
            failures.append((np.flatnonzero(~present), "a value is required", column.name, _blank))
        passing = present.copy()
        for check in column.checks:
            tested = np.flatnonzero(passing)
            ok = np.asarray(check.passes(values.iloc[tested]), dtype=bool)
            bad = tested[~ok]
            if len(bad):
                failures.append((bad, check.message, column.name, _cell(values)))
                passing[bad] = False
        if not (passing | ~present).all():
            clean = clean.assign(**{column.name: values.where(passing | ~present)})
    for rule in schema.rules:
        ok = rule.check(clean).to_numpy(dtype=bool)
        failures.append(
            (np.flatnonzero(~ok), rule.message, ", ".join(rule.columns), _row(frame, rule))
        )
    total = sum(len(positions) for positions, *_ in failures)
    if total:
        order = {name: i for i, name in enumerate(schema.names)}
        problems = [
            Problem(display_name, message, int(lines[i]), int(lines[i]) - 1, where, show(int(i)))
            for positions, message, where, show in failures
            for i in positions[:MAX_SHOWN]
        ]
        problems.sort(key=lambda p: (p.line or 0, order.get((p.column or "").split(",")[0], 0)))
        raise DataValidationError(problems[:MAX_SHOWN], total)


def check_header(header: list[str], expected: list[str], display_name: str) -> list[Problem]:
    """Say which columns are missing, unexpected or out of order, all on line 1."""
    problems = [
        Problem(display_name, "required column is missing", line=1, column=name)
        for name in expected
        if name not in header
    ]
    wanted = ", ".join(expected)
    problems += [
        Problem(display_name, f"unexpected column (the header should be: {wanted})", 1, None, name)
        for name in header
        if name not in expected
    ]
    if not problems and header != expected:
        position = next(i for i, (a, b) in enumerate(zip(header, expected, strict=True)) if a != b)
        message = (
            f"column out of order: column {position + 1} should be {expected[position]!r} "
            f"(the header should be: {wanted})"
        )
        problems.append(Problem(display_name, message, line=1, column=header[position]))
    return problems


def _blank(_: int) -> None:
    return None


def _cell(values: "pd.Series[str]") -> Callable[[int], str]:
    return lambda position: str(values.iloc[position])


def _row(frame: pd.DataFrame, rule: RowRule) -> Callable[[int], str]:
    def show(position: int) -> str:
        row = frame.iloc[position]
        return ", ".join(f"{c}={_show(row[c])}" for c in rule.columns)

    return show


def _show(value: object) -> str:
    return "(empty)" if value is None or value is pd.NA or value != value else str(value)

"""Checking a table read by analysis.tables against its declared schema, with every
failure reported as a located Problem (file, line, row, column, value).

Every check runs on a whole column (or on whole rows at once) with pandas and
NumPy: no Python loop visits the rows, so a million rows take seconds (see
`make bench`). Only the first MAX_SHOWN failures of each check become Problem
objects; the rest are counted.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.tables import MAX_SHOWN, DataValidationError, Problem, TextTable


class Cells:
    """Some cells of one column, as text and as ASCII bytes.

    The bytes are made once per column and shared by every check of the column
    (digits, dates and their bounds are tested on bytes, which NumPy compares at
    C speed); a cell with a non-ASCII character has no bytes (b"") and is marked so.
    """

    def __init__(
        self, values: "pd.Series[str]", positions: np.ndarray, shared: dict[str, np.ndarray]
    ):
        self.values, self.positions, self._shared = values, positions, shared

    @property
    def text(self) -> "pd.Series[str]":
        return self.values.iloc[self.positions]

    def ascii(self) -> tuple[np.ndarray, np.ndarray]:
        """The cells' bytes, and whether each cell is ASCII (missing cells are not)."""
        if "raw" not in self._shared:
            objects = self.values.to_numpy(dtype=object)
            present = self._shared["present"]
            filled = np.where(present, objects, "")
            try:
                self._shared["raw"], self._shared["ascii"] = filled.astype("S"), present
            except UnicodeEncodeError:
                ascii_ = present & self.values.str.isascii().fillna(False).to_numpy(dtype=bool)
                self._shared["raw"] = np.where(ascii_, filled, "").astype("S")
                self._shared["ascii"] = ascii_
        return self._shared["raw"][self.positions], self._shared["ascii"][self.positions]

    def derived(
        self, name: str, make: Callable[[np.ndarray, np.ndarray], np.ndarray]
    ) -> np.ndarray:
        """`make(bytes, is_ascii)` for the whole column, computed once and shared by its checks."""
        if name not in self._shared:
            self._shared[name] = make(*self.within(np.arange(len(self.values))).ascii())
        return self._shared[name][self.positions]

    def within(self, positions: np.ndarray) -> "Cells":
        return Cells(self.values, positions, self._shared)


CellTest = Callable[[Cells], "pd.Series[bool] | np.ndarray"]
Parser = Callable[[Cells], "pd.Series | np.ndarray"]


@dataclass(frozen=True)
class CellCheck:
    """A test of each filled cell of a column, written on the whole column at once.

    `implied_by` names a fact of analysis.tables (found by one scan of the file's
    bytes) that makes the test pass for every cell, so it need not run.
    """

    message: str
    passes: CellTest
    implied_by: str | None = None


@dataclass(frozen=True)
class Column:
    """A column's name, whether every row must fill it, and the checks its cells must pass.

    Checks run in order and a cell is tested only while it passes: a count that is
    not digits is not also reported as out of range.
    """

    name: str
    checks: tuple[CellCheck, ...]
    required: bool = True
    parse: Parser | None = None
    """Converts the cells that passed every check to the type the row rules compare
    (numbers, days); missing and failed cells are left missing."""


@dataclass(frozen=True)
class RowRule:
    """A rule over several columns of a row (or of rows together).

    `check` returns True for every row that passes; a row that fails is reported
    against `columns`, the columns a person has to look at to fix it. The rule
    sees each column converted by its Column.parse, and cells that failed their
    own column's checks as missing, so one bad cell is reported once.
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


def validate(table: TextTable, schema: Schema, display_name: str) -> None:
    """Check `table` against `schema`; raise DataValidationError naming every problem."""
    frame, lines = table.frame, table.lines
    header_problems = check_header(list(frame.columns), schema.names, display_name)
    if header_problems:
        raise DataValidationError(header_problems)
    failures: list[tuple[np.ndarray, str, str, Callable[[int], str | None]]] = []
    typed = {}
    for column in schema.columns:
        values = frame[column.name]
        present = values.notna().to_numpy()
        if column.required:
            failures.append((np.flatnonzero(~present), "a value is required", column.name, _blank))
        passing = present.copy()
        cells = Cells(values, np.flatnonzero(passing), {"present": present})
        for check in column.checks:
            if check.implied_by in table.facts:
                continue
            tested = np.flatnonzero(passing)
            ok = np.asarray(check.passes(cells.within(tested)), dtype=bool)
            bad = tested[~ok]
            if len(bad):
                failures.append((bad, check.message, column.name, _cell(values)))
                passing[bad] = False
        if column.parse:
            good = np.flatnonzero(passing)
            parsed = np.asarray(column.parse(cells.within(good)))
            typed[column.name] = pd.Series(parsed, index=values.index[good]).reindex(values.index)
        else:
            typed[column.name] = values if (passing == present).all() else values.where(passing)
    checked = pd.DataFrame(typed, index=frame.index)
    for rule in schema.rules:
        ok = rule.check(checked).to_numpy(dtype=bool)
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

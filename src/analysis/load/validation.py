"""Checking a table read by analysis.tables against its declared schema, with every
failure reported as a located Problem (file, line, row, column, value).

Every check runs on a whole column (or on whole rows at once) with pandas and
NumPy: no Python loop visits the rows, so a million rows take seconds (see
`make bench`). Only the first MAX_SHOWN failures of each check become Problem
objects; the rest are counted.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.load.problems import MAX_SHOWN, DataValidationError, Problem
from analysis.load.text import TextColumn, TextTable

FACTS_PAY_FROM = 100_000
"""How many distinct texts a column must hold before a check implied by a fact of the
file (analysis.text.FACTS) is skipped rather than run: below it, running the check
on the texts costs less than the scan of the file's bytes that proves the fact."""


class Cells:
    """Some distinct texts of one column, as text and as ASCII bytes.

    A check sees each distinct text once (see analysis.text.TextColumn). The
    bytes are made once per column and shared by every check of the column
    (digits, dates and their bounds are tested on bytes, which NumPy compares at
    C speed); a text with a non-ASCII character has no bytes (b"") and is marked so.
    """

    def __init__(self, texts: np.ndarray, positions: np.ndarray, shared: dict[str, np.ndarray]):
        self.texts, self.positions, self._shared = texts, positions, shared

    @property
    def text(self) -> "pd.Series[str]":
        return pd.Series(self.texts[self.positions], index=self.positions, dtype=object)

    def ascii(self) -> tuple[np.ndarray, np.ndarray]:
        """The texts' bytes, and whether each text is ASCII."""
        if "raw" not in self._shared:
            try:
                self._shared["raw"] = self.texts.astype("S")
                self._shared["ascii"] = np.ones(len(self.texts), dtype=bool)
            except UnicodeEncodeError:
                ascii_ = np.fromiter(map(str.isascii, self.texts), bool, len(self.texts))
                self._shared["raw"] = np.where(ascii_, self.texts, "").astype("S")
                self._shared["ascii"] = ascii_
        return self._shared["raw"][self.positions], self._shared["ascii"][self.positions]

    def derived(
        self, name: str, make: Callable[[np.ndarray, np.ndarray], np.ndarray]
    ) -> np.ndarray:
        """`make(bytes, is_ascii)` for every text of the column, computed once and shared."""
        if name not in self._shared:
            self._shared[name] = make(*self.within(np.arange(len(self.texts))).ascii())
        return self._shared[name][self.positions]

    def within(self, positions: np.ndarray) -> "Cells":
        return Cells(self.texts, positions, self._shared)


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
    constraints: Mapping[str, object] = field(default_factory=dict)
    """What the test demands, said as Frictionless Table Schema constraints (enum,
    pattern, minimum, maximum) for the data package descriptor (analysis.datapackage)."""


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
    type: str = "string"
    """The Frictionless Table Schema type of a cell that passes (string, integer, date)."""
    refers_to: tuple[str, str] | None = None
    """The (table, column) that a filled cell must name, as a check of this column
    demands: a foreign key in the data package descriptor."""


@dataclass(frozen=True)
class RowRule:
    """A rule over several columns of a row (or of rows together).

    `check` returns True for every row that passes; a row that fails is reported
    against `columns`, the columns a person has to look at to fix it. The rule
    sees those columns only, each converted by its Column.parse (text columns as
    categoricals), and cells that failed their own column's checks as missing; a
    row with such a cell in one of `columns` is not reported by the rule, so one
    bad cell is reported once (two unknown sources are not also a duplicate).
    """

    message: str
    columns: tuple[str, ...]
    check: Callable[[pd.DataFrame], "pd.Series[bool]"]
    key: bool = False
    """The rule is that `columns`, together, are unique: the table's primary key."""


@dataclass(frozen=True)
class Schema:
    """A file's columns, in the order the header must give them, and its row rules."""

    columns: tuple[Column, ...]
    rules: tuple[RowRule, ...] = ()

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


def validate(table: TextTable, schema: Schema, display_name: str) -> None:
    """Check `table` against `schema`; raise DataValidationError naming every problem.

    Cell checks run on each column's distinct texts and reach the rows through
    the column's codes; row rules see the parsed columns, and text columns as
    categoricals, whose codes compare, sort and group at C speed.
    """
    lines = table.lines
    header_problems = check_header(table.header, schema.names, display_name)
    if header_problems:
        raise DataValidationError(header_problems)
    failures: list[tuple[np.ndarray, str, str, Callable[[int], str | None]]] = []
    typed = {}
    failed_rows = {}  # per column ruled on: the rows whose cell failed a check of its own
    ruled = {name for rule in schema.rules for name in rule.columns}
    for column in schema.columns:
        cells = table.column(column.name)
        texts, codes = cells.texts, cells.codes
        if column.required:
            failures.append((np.flatnonzero(codes < 0), "a value is required", column.name, _blank))
        passing = np.ones(len(texts) + 1, dtype=bool)  # the last stands for empty cells
        distinct = Cells(texts, np.arange(len(texts)), {})
        for check in column.checks:
            if len(texts) > FACTS_PAY_FROM and check.implied_by in table.facts:
                continue
            tested = np.flatnonzero(passing[:-1])
            ok = np.asarray(check.passes(distinct.within(tested)), dtype=bool)
            if not ok.all():
                failed = np.zeros(len(texts) + 1, dtype=bool)
                failed[tested[~ok]] = True
                passing &= ~failed
                failures.append(
                    (np.flatnonzero(failed[codes]), check.message, column.name, _cell(cells))
                )
        if column.name not in ruled:
            continue
        failed_rows[column.name] = ~passing[codes] | ((codes < 0) & column.required)
        kept = codes if passing.all() else np.where(passing[codes], codes, -1)
        if column.parse:
            good = np.flatnonzero(passing[:-1])
            parsed = np.asarray(column.parse(distinct.within(good)))
            filled = np.empty(len(texts) + 1, dtype=parsed.dtype)
            filled[:] = np.datetime64("NaT") if parsed.dtype.kind == "M" else np.nan
            filled[good] = parsed
            typed[column.name] = pd.Series(filled[kept])
        else:
            categories = pd.Index(texts, dtype=object)
            typed[column.name] = pd.Series(pd.Categorical.from_codes(kept, categories))
    checked = pd.DataFrame(typed, index=pd.RangeIndex(len(lines)))
    for rule in schema.rules:
        ok = rule.check(checked).to_numpy(dtype=bool)
        # A cell that failed is reported once, for itself.
        ok = ok | np.any([failed_rows[name] for name in rule.columns], axis=0)
        failures.append(
            (np.flatnonzero(~ok), rule.message, ", ".join(rule.columns), _row(table, rule))
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


def _cell(cells: TextColumn) -> Callable[[int], str]:
    return lambda position: str(cells.texts[cells.codes[position]])


def _row(table: TextTable, rule: RowRule) -> Callable[[int], str]:
    def show(position: int) -> str:
        shown = []
        for name in rule.columns:
            code = table.column(name).codes[position]
            text = "(empty)" if code < 0 else str(table.column(name).texts[code])
            shown.append(f"{name}={text}")
        return ", ".join(shown)

    return show

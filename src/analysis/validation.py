"""Checking a table read by analysis.tables against a pandera schema, with every
failure reported as a located Problem (file, line, row, column, value)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from analysis.tables import DataValidationError, Problem


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
    return check


def _show(value: object) -> str:
    return "(empty)" if _missing(value) else str(value)

"""Every kind of malformed input gives an error naming the file, the line and
row, and the column, and saying what is wrong. Each case is a small fixture file
in tests/fixtures/malformed/ placed into an otherwise valid data directory."""

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

from analysis import datasets
from analysis.tables import DataValidationError

MALFORMED = Path(__file__).parent / "fixtures" / "malformed"


class Case(NamedTuple):
    fixture: str
    target: str
    line: int | None
    column: str | None
    message: str


ARRIVALS = "arrivals.csv"
CASES = [
    Case("count_with_comma", ARRIVALS, 3, "total", "whole number"),
    Case("negative_count", ARRIVALS, 3, "men", "whole number"),
    Case("decimal_count", ARRIVALS, 3, "men", "whole number"),
    Case("sexes_do_not_sum", ARRIVALS, 3, "men, women, total", "men + women must equal total"),
    Case("part_exceeds_total", ARRIVALS, 3, "men, women, total", "cannot exceed total"),
    Case("missing_total", ARRIVALS, 3, "total", "a value is required"),
    Case("impossible_date", ARRIVALS, 3, "period_end", "existing date"),
    Case("start_after_end", ARRIVALS, 3, "period_start, period_end", "not be after"),
    Case("not_whole_months", ARRIVALS, 3, "period_start, period_end", "last day of a month"),
    Case("overlapping_periods", ARRIVALS, 3, "period_start, period_end, source_id", "overlap"),
    Case("unknown_source", ARRIVALS, 3, "source_id", "unknown source_id"),
    Case("duplicate_row", ARRIVALS, 2, "period_start, period_end, source_id", "duplicate row"),
    Case("unknown_evidence", ARRIVALS, 3, "evidence", "must be one of"),
    Case("table_evidence_from_press", ARRIVALS, 3, "evidence, source_id", "official MOU table"),
    Case("wrong_field_count", ARRIVALS, 3, None, "expected 8 fields"),
    Case("surrounding_space", ARRIVALS, 3, "source_id", "surrounding spaces"),
    Case("missing_column", ARRIVALS, 1, "quote", "required column is missing"),
    Case("unexpected_column", ARRIVALS, 1, "extra", "unexpected column"),
    Case("blank_line", ARRIVALS, 2, None, "blank line"),
    Case("not_utf8", ARRIVALS, None, None, "not valid UTF-8"),
    Case("empty_file", ARRIVALS, None, None, "the file is empty"),
    Case("sources_without_url", "sources.csv", 3, "url", "a value is required"),
    Case("sources_bad_month", "sources.csv", 2, "published", "YYYY, YYYY-MM or YYYY-MM-DD"),
    Case(
        "cumulative_sexes_do_not_sum", "cumulative.csv", 2, "men, women, total", "must equal total"
    ),
    Case(
        "anecdote_low_above_high",
        "border_arrests.csv",
        2,
        "low, high",
        "low must not be above high",
    ),
]

LOADERS: dict[str, Callable[[Path], object]] = {
    "arrivals.csv": datasets.reports,
    "sources.csv": datasets.sources,
    "cumulative.csv": datasets.cumulative,
    "border_arrests.csv": datasets.border_arrests,
}


def test_every_fixture_is_a_case() -> None:
    assert {p.stem for p in MALFORMED.glob("*.csv")} == {c.fixture for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.fixture for c in CASES])
def test_malformed_input_is_located_and_explained(case: Case, minimal_data: Path) -> None:
    shutil.copy(MALFORMED / f"{case.fixture}.csv", minimal_data / case.target)
    with pytest.raises(DataValidationError) as raised:
        LOADERS[case.target](minimal_data)
    problems = raised.value.problems
    located = [p for p in problems if case.message in p.message]
    assert located, f"no problem says {case.message!r}: {problems}"
    problem = located[0]
    assert problem.file == f"data/{case.target}"
    assert (problem.line, problem.column) == (case.line, case.column)
    text = str(raised.value)
    assert f"data/{case.target}" in text
    if case.line is not None:
        assert f"line {case.line}" in text
    if case.line not in (None, 1) and case.column is not None:
        assert f"(row {case.line - 1})" in text
    if case.column is not None:
        assert f"column {case.column!r}" in text


def test_the_minimal_fixture_itself_is_valid(minimal_data: Path) -> None:
    for loader in LOADERS.values():
        assert len(loader(minimal_data)) > 0  # type: ignore[arg-type]


def test_every_problem_in_a_file_is_reported_at_once(minimal_data: Path) -> None:
    bad = (
        "period_start,period_end,men,women,total,source_id,evidence,quote\n"
        "2016-01-01,2016-12-31,x,1116,1418,mou-table-2020-09,mou_table,q\n"
        "2017-01-01,2017-12-31,188,939,1127,nobody,mou_table,q\n"
    )
    (minimal_data / ARRIVALS).write_text(bad, encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        datasets.reports(minimal_data)
    located = {(p.line, p.column) for p in raised.value.problems}
    assert {(2, "men"), (3, "source_id")} <= located


def test_values_are_not_coerced(minimal_data: Path) -> None:
    reports = datasets.reports(minimal_data)
    assert str(reports["total"].dtype) == "Int64"
    assert reports["total"].tolist() == [1418, 1127, 1127]
    assert pd.api.types.is_datetime64_any_dtype(reports["period_end"])


def test_article_must_name_a_known_source(minimal_data: Path) -> None:
    (minimal_data / "article.toml").write_text('source_id = "nobody"\nvintage_date = 2018-01-07\n')
    with pytest.raises(DataValidationError, match=r"data/article.toml, column 'source_id'"):
        datasets.article(minimal_data)

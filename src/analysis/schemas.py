"""The declared shape of every data file: pandera column schemas for what each
cell must look like, and row rules for what must hold across cells and rows.

Cells are checked as the text written in the file; the loaders convert types
only after these checks pass, so a conversion can never guess.
"""

from collections.abc import Collection

import pandas as pd
import pandera.pandas as pa

from analysis.dates import is_iso_day, is_partial_date
from analysis.validation import RowRule

EVIDENCE_KINDS = ("mou_table", "mou_correction", "mou_restatement", "report")
SOURCE_KINDS = (
    "official_table",
    "news_report",
    "blog",
    "secondary_copy",
    "government_report",
    "the_article",
)
LANGUAGES = ("en", "ko", "zh", "es", "ja")
ISSUE_KINDS = (
    "typo",
    "mislabelled_period",
    "conflation",
    "disagreement",
    "inconsistent",
    "unverified",
)
ANECDOTE_UNITS = ("people", "percent", "instances")

_WHOLE = pa.Check.str_matches(r"^\d+$", error="must be a whole number written with digits only")
_ID = pa.Check.str_matches(r"^[a-z0-9]+(-[a-z0-9]+)*$", error="must be a lowercase id: a-z, 0-9, -")
_DAY = pa.Check(is_iso_day, element_wise=True, error="must be an existing date written YYYY-MM-DD")
_PARTIAL = pa.Check(
    is_partial_date, element_wise=True, error="must be a date written YYYY, YYYY-MM or YYYY-MM-DD"
)
_TRIMMED = pa.Check(
    lambda text: text == text.strip(), element_wise=True, error="has surrounding spaces"
)
_URL = pa.Check.str_matches(r"^https?://\S+$", error="must be an http(s) URL")


def _one_of(values: Collection[str]) -> pa.Check:
    return pa.Check.isin(list(values), error=f"must be one of {', '.join(sorted(values))}")


def _text(*checks: pa.Check, required: bool = True) -> pa.Column:
    return pa.Column(object, [_TRIMMED, *checks], nullable=not required)


def _count(required: bool) -> pa.Column:
    return pa.Column(object, _WHOLE, nullable=not required)


def _numbers(frame: pd.DataFrame, column: str) -> "pd.Series[float]":
    return pd.to_numeric(frame[column], errors="coerce")


def _unique(*key: str) -> RowRule:
    return RowRule(
        f"duplicate row: another row has the same {', '.join(key)}",
        key,
        lambda frame: ~frame.duplicated(list(key), keep=False),
    )


def _men_women_total(frame: pd.DataFrame) -> "pd.Series[bool]":
    men, women, total = (_numbers(frame, c) for c in ("men", "women", "total"))
    both = men.notna() & women.notna()
    return ~both | (men + women == total)


def _part_within_total(frame: pd.DataFrame) -> "pd.Series[bool]":
    total = _numbers(frame, "total")
    ok = pd.Series(True, index=frame.index)
    for column in ("men", "women"):
        part = _numbers(frame, column)
        ok &= part.isna() | total.isna() | (part <= total)
    return ok


SEX_RULES = (
    RowRule("men + women must equal total", ("men", "women", "total"), _men_women_total),
    RowRule("men and women cannot exceed total", ("men", "women", "total"), _part_within_total),
)


def _days(frame: pd.DataFrame, column: str) -> "pd.Series[pd.Timestamp]":
    return pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")


_BEFORE_RECORDS = pd.Timestamp("1900-01-01")  # stands in for an open start ("up to 1998")


def _start_before_end(frame: pd.DataFrame) -> "pd.Series[bool]":
    start, end = _days(frame, "period_start"), _days(frame, "period_end")
    return start.isna() | end.isna() | (start <= end)


def _whole_months(frame: pd.DataFrame) -> "pd.Series[bool]":
    start, end = _days(frame, "period_start"), _days(frame, "period_end")
    return (start.isna() | (start.dt.day == 1)) & (end.isna() | end.dt.is_month_end)


def _no_overlap_within_source(frame: pd.DataFrame) -> "pd.Series[bool]":
    """Within one source (one vintage), no period may share a day with an earlier one."""
    spans = pd.DataFrame(
        {
            "source_id": frame["source_id"],
            "start": _days(frame, "period_start").fillna(_BEFORE_RECORDS),
            "end": _days(frame, "period_end"),
        }
    ).sort_values(["source_id", "start", "end"])
    by_source = spans.groupby("source_id", sort=False)["end"]
    latest_earlier_end = by_source.shift().groupby(spans["source_id"]).cummax()
    overlaps = spans["start"] <= latest_earlier_end
    return ~overlaps.reindex(frame.index, fill_value=False)


PERIOD_RULES = (
    RowRule(
        "period_start must not be after period_end",
        ("period_start", "period_end"),
        _start_before_end,
    ),
    RowRule(
        "a period runs from the first day of a month to the last day of a month",
        ("period_start", "period_end"),
        _whole_months,
    ),
    RowRule(
        "periods overlap within one source: a vintage must not count the same days twice",
        ("period_start", "period_end", "source_id"),
        _no_overlap_within_source,
    ),
)


def sources_schema() -> tuple[pa.DataFrameSchema, tuple[RowRule, ...]]:
    schema = pa.DataFrameSchema(
        {
            "source_id": _text(_ID),
            "publisher": _text(),
            "title": _text(),
            "url": _text(_URL),
            "published": _text(_PARTIAL),
            "language": _text(_one_of(LANGUAGES)),
            "kind": _text(_one_of(SOURCE_KINDS)),
            "note": _text(required=False),
        },
        strict=True,
        ordered=True,
    )
    return schema, (_unique("source_id"),)


def _source_id(source_ids: Collection[str]) -> pa.Column:
    known = pa.Check.isin(list(source_ids), error="unknown source_id: not in sources.csv")
    return _text(_ID, known)


def _counts_with_provenance(source_ids: Collection[str]) -> dict[str, pa.Column]:
    """Men, women, total, and where the figure comes from: shared by arrivals and cumulative."""
    return {
        "men": _count(required=False),
        "women": _count(required=False),
        "total": _count(required=True),
        "source_id": _source_id(source_ids),
        "evidence": _text(_one_of(EVIDENCE_KINDS)),
        "quote": _text(),
    }


def arrivals_schema(
    source_ids: Collection[str], table_source_ids: Collection[str]
) -> tuple[pa.DataFrameSchema, tuple[RowRule, ...]]:
    """Arrivals per period as each source reported them."""
    table_sources = set(table_source_ids)

    def evidence_matches_source(frame: pd.DataFrame) -> "pd.Series[bool]":
        from_table = frame["source_id"].isin(table_sources)
        return (frame["evidence"] == "mou_table") == from_table

    schema = pa.DataFrameSchema(
        {
            "period_start": _text(_DAY, required=False),
            "period_end": _text(_DAY),
            **_counts_with_provenance(source_ids),
        },
        strict=True,
        ordered=True,
    )
    rules = (
        *SEX_RULES,
        *PERIOD_RULES,
        RowRule(
            "evidence is 'mou_table' exactly when the source is an official MOU table",
            ("evidence", "source_id"),
            evidence_matches_source,
        ),
        _unique("period_start", "period_end", "source_id"),
    )
    return schema, rules


def cumulative_schema(
    source_ids: Collection[str],
) -> tuple[pa.DataFrameSchema, tuple[RowRule, ...]]:
    """Cumulative arrivals since records began, as reported at a date."""
    schema = pa.DataFrameSchema(
        {"as_of": _text(_DAY), **_counts_with_provenance(source_ids)},
        strict=True,
        ordered=True,
    )
    return schema, (*SEX_RULES, _unique("as_of", "source_id"))


TABLE_DATING = ("publication", "earliest_evidence")


def table_dates_schema(
    table_source_ids: Collection[str],
) -> tuple[pa.DataFrameSchema, tuple[RowRule, ...]]:
    """Each MOU table's reference date, and whether its `published` date in sources.csv
    is its publication or only the earliest evidence that it was public."""
    known = pa.Check.isin(list(table_source_ids), error="not an official_table in sources.csv")
    schema = pa.DataFrameSchema(
        {
            "source_id": _text(_ID, known),
            "reference_date": _text(_DAY),
            "dated_by": _text(_one_of(TABLE_DATING)),
            "note": _text(),
        },
        strict=True,
        ordered=True,
    )
    return schema, (_unique("source_id"),)


def anecdotes_schema(source_ids: Collection[str]) -> tuple[pa.DataFrameSchema, tuple[RowRule, ...]]:
    """Counts reported by individual sources, with a low and (if known) high value."""

    def low_not_above_high(frame: pd.DataFrame) -> "pd.Series[bool]":
        low, high = _numbers(frame, "low"), _numbers(frame, "high")
        return high.isna() | low.isna() | (low <= high)

    schema = pa.DataFrameSchema(
        {
            "figure_id": _text(_ID),
            "quantity": _text(),
            "low": _count(required=True),
            "high": _count(required=False),
            "unit": _text(_one_of(ANECDOTE_UNITS)),
            "period_start": _text(_DAY, required=False),
            "period_end": _text(_DAY, required=False),
            "place": _text(),
            "source_id": _source_id(source_ids),
            "quote": _text(),
            "note": _text(required=False),
        },
        strict=True,
        ordered=True,
    )
    rules = (
        RowRule("low must not be above high", ("low", "high"), low_not_above_high),
        PERIOD_RULES[0],
        _unique("figure_id"),
    )
    return schema, rules


def source_issues_schema(
    source_ids: Collection[str],
) -> tuple[pa.DataFrameSchema, tuple[RowRule, ...]]:
    """Typos, conflations and disagreements found in sources, kept as data."""
    schema = pa.DataFrameSchema(
        {
            "issue_id": _text(_ID),
            "source_id": _source_id(source_ids),
            "table": _text(_one_of(("arrivals", "cumulative"))),
            "period_end": _text(_DAY),
            "field": _text(),
            "printed": _text(),
            "reading": _text(required=False),
            "kind": _text(_one_of(ISSUE_KINDS)),
            "note": _text(),
        },
        strict=True,
        ordered=True,
    )
    return schema, (_unique("issue_id"),)

"""The declared shape of every data file: column checks for what each cell must
look like, and row rules for what must hold across cells and rows.

Cells are checked as the text written in the file; the loaders convert types
only after these checks pass, so a conversion can never guess. Nothing is
coerced: a count is ASCII digits without a leading zero and within MAX_COUNT,
a date is an existing day between 1950 and tomorrow, text holds no control
characters, an id matches ID_PATTERN and a URL is a plain http(s) address.
"""

from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd

from analysis.dates import (
    EARLIEST_DAY,
    parse_days,
    parse_partial_dates,
    within_bounds,
)
from analysis.validation import CellCheck, Column, RowRule, Schema

EVIDENCE_KINDS = ("mou_table", "mou_correction", "report")
SOURCE_KINDS = (
    "official_table",
    "news_report",
    "relayed_mou_notice",
    "blog",
    "secondary_copy",
    "government_report",
    "the_article",
)
EVIDENCE_SOURCE_KINDS: Mapping[str, Collection[str]] = {
    "mou_table": ("official_table",),
    "mou_correction": ("official_table", "relayed_mou_notice"),
    "report": tuple(kind for kind in SOURCE_KINDS if kind != "official_table"),
}
"""Which kinds of source can give each kind of evidence. An MOU table comes only from
MOU's own table; an MOU correction from MOU, or from a news report labelled as
relaying MOU's correction notice (kind relayed_mou_notice); a plain news report is
never an MOU correction."""
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

MAX_COUNT = 100_000
"""The largest count a cell may hold. Every arrival since 1953 adds up to about
35,000, so a larger number is a typo (or an overflow waiting to happen)."""
ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
"""Ids (source_id, figure_id, issue_id): lowercase words and digits joined by hyphens."""
URL_PATTERN = (
    r"https?://"
    r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+"
    r"(:[0-9]{1,5})?"
    r"([/?#][^\x00-\x20\x7f\"<>\\^`{|}]*)?"
)
"""An http(s) address with a host name; no spaces, quotes, angle brackets or controls."""
CONTROL_CHARACTERS = r"[\x00-\x1f\x7f-\x9f]"


def _matches(pattern: str, message: str) -> CellCheck:
    return CellCheck(message, lambda cells: cells.str.fullmatch(pattern).astype(bool))


def _within_count_bound(cells: "pd.Series[str]") -> np.ndarray:
    short = (cells.str.len() <= len(str(MAX_COUNT))).to_numpy(dtype=bool)
    values = np.zeros(len(cells), dtype=np.int64)
    values[short] = cells[short].astype(np.int64).to_numpy()
    return short & (values <= MAX_COUNT)


_PLAIN = CellCheck(
    "contains a control character (such as NUL, a tab or a line break)",
    lambda cells: ~cells.str.contains(CONTROL_CHARACTERS).astype(bool),
)
_TRIMMED = CellCheck("has surrounding spaces", lambda cells: cells == cells.str.strip())
_WHOLE = _matches(
    "0|[1-9][0-9]*",
    "must be a whole number written with ASCII digits 0-9 only, without a leading zero",
)
_BOUNDED = CellCheck(f"must be at most {MAX_COUNT:,}", _within_count_bound)
_ID = _matches(ID_PATTERN, "must be a lowercase id: words of a-z and 0-9 joined by single hyphens")
_DAY = CellCheck(
    "must be an existing date written YYYY-MM-DD", lambda cells: parse_days(cells).notna()
)
_PARTIAL = CellCheck(
    "must be a date written YYYY, YYYY-MM or YYYY-MM-DD",
    lambda cells: parse_partial_dates(cells).notna(),
)
_DATE_RANGE = f"must fall between {EARLIEST_DAY} and tomorrow"
_DAY_IN_RANGE = CellCheck(_DATE_RANGE, lambda cells: within_bounds(parse_days(cells)))
_PARTIAL_IN_RANGE = CellCheck(_DATE_RANGE, lambda cells: within_bounds(parse_partial_dates(cells)))
_URL = _matches(
    URL_PATTERN,
    'must be an http(s) URL with a host name and no spaces, quotes, "<", ">" or control characters',
)


def _one_of(values: Collection[str]) -> CellCheck:
    return CellCheck(
        f"must be one of {', '.join(sorted(values))}", lambda cells: cells.isin(list(values))
    )


def _text(name: str, *checks: CellCheck, required: bool = True) -> Column:
    return Column(name, (_PLAIN, _TRIMMED, *checks), required)


def _count(name: str, required: bool) -> Column:
    return Column(name, (_PLAIN, _WHOLE, _BOUNDED), required)


def _day(name: str, required: bool = True) -> Column:
    return Column(name, (_PLAIN, _DAY, _DAY_IN_RANGE), required)


def _numbers(frame: pd.DataFrame, column: str) -> "pd.Series[float]":
    return pd.to_numeric(frame[column])


def _unique(*key: str) -> RowRule:
    return RowRule(
        f"duplicate row: another row has the same {', '.join(key)}",
        key,
        lambda frame: ~frame.duplicated(list(key), keep=False),
    )


def _men_women_total(frame: pd.DataFrame) -> "pd.Series[bool]":
    men, women, total = (_numbers(frame, c) for c in ("men", "women", "total"))
    both = men.notna() & women.notna() & total.notna()  # a missing total is reported as such
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

_BEFORE_RECORDS = pd.Timestamp("1900-01-01")  # stands in for an open start ("up to 1998")


def _start_before_end(frame: pd.DataFrame) -> "pd.Series[bool]":
    start, end = parse_days(frame["period_start"]), parse_days(frame["period_end"])
    return start.isna() | end.isna() | (start <= end)


def _whole_months(frame: pd.DataFrame) -> "pd.Series[bool]":
    start, end = parse_days(frame["period_start"]), parse_days(frame["period_end"])
    return (start.isna() | (start.dt.day == 1)) & (end.isna() | end.dt.is_month_end)


def _no_overlap_within_source(frame: pd.DataFrame) -> "pd.Series[bool]":
    """Within one source (one vintage), no period may share a day with an earlier one."""
    spans = pd.DataFrame(
        {
            "source_id": frame["source_id"],
            "start": parse_days(frame["period_start"]).fillna(_BEFORE_RECORDS),
            "end": parse_days(frame["period_end"]),
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


def _published_after(day_column: str, published_to: Mapping[str, pd.Timestamp]) -> RowRule:
    """A figure cannot be published before the last day it covers.

    A provisional figure for part of a year is labelled by its own period (for
    example 2020-01-01 to 2020-09-30), so it passes; a figure labelled as a whole
    year but published before the year ended does not. `published_to` is the
    latest day each source's (possibly partial) publication date can mean.
    """

    def check(frame: pd.DataFrame) -> "pd.Series[bool]":
        latest = pd.to_datetime(frame["source_id"].map(published_to))
        day = parse_days(frame[day_column])
        return latest.isna() | day.isna() | (day <= latest)

    return RowRule(
        f"published before the end of the period it covers: the source's publication date "
        f"is earlier than {day_column} (a provisional partial-year figure must give the "
        f"period it covers)",
        (day_column, "source_id"),
        check,
    )


def _evidence_fits_source(source_kinds: Mapping[str, str]) -> RowRule:
    """The kind of evidence must be one that the source's kind can give (EVIDENCE_SOURCE_KINDS)."""
    allowed = {
        (evidence, kind) for evidence, kinds in EVIDENCE_SOURCE_KINDS.items() for kind in kinds
    }

    def check(frame: pd.DataFrame) -> "pd.Series[bool]":
        kind = frame["source_id"].map(source_kinds)
        pairs = pd.Series(list(zip(frame["evidence"], kind, strict=True)), index=frame.index)
        known = frame["evidence"].notna() & kind.notna()
        return ~known | pairs.isin(allowed)

    return RowRule(
        "evidence does not fit the source's kind: 'mou_table' comes only from an official MOU "
        "table (kind official_table), which gives no 'report'; 'mou_correction' only from MOU "
        "or a report relaying MOU's notice (kind relayed_mou_notice)",
        ("evidence", "source_id"),
        check,
    )


def sources_schema() -> Schema:
    return Schema(
        (
            _text("source_id", _ID),
            _text("publisher"),
            _text("title"),
            _text("url", _URL),
            Column("published", (_PLAIN, _PARTIAL, _PARTIAL_IN_RANGE)),
            _text("language", _one_of(LANGUAGES)),
            _text("kind", _one_of(SOURCE_KINDS)),
            _text("note", required=False),
        ),
        (_unique("source_id"),),
    )


class Sources:
    """What other tables need to know about sources.csv: its ids, each source's kind,
    and the latest day each source's publication date can mean."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.ids = frame["source_id"].tolist()
        self.kinds: dict[str, str] = dict(zip(frame["source_id"], frame["kind"], strict=True))
        self.published_to: dict[str, pd.Timestamp] = dict(
            zip(frame["source_id"], frame["published_to"], strict=True)
        )


def _source_id(sources: Sources) -> Column:
    known = CellCheck(
        "unknown source_id: not in sources.csv", lambda cells: cells.isin(sources.ids)
    )
    return _text("source_id", _ID, known)


def _counts_with_provenance(sources: Sources) -> tuple[Column, ...]:
    """Men, women, total, and where the figure comes from: shared by arrivals and cumulative."""
    return (
        _count("men", required=False),
        _count("women", required=False),
        _count("total", required=True),
        _source_id(sources),
        _text("evidence", _one_of(EVIDENCE_KINDS)),
        _text("quote"),
    )


def arrivals_schema(sources: Sources) -> Schema:
    """Arrivals per period as each source reported them."""
    return Schema(
        (
            _day("period_start", required=False),
            _day("period_end"),
            *_counts_with_provenance(sources),
        ),
        (
            *SEX_RULES,
            *PERIOD_RULES,
            _evidence_fits_source(sources.kinds),
            _published_after("period_end", sources.published_to),
            _unique("period_start", "period_end", "source_id"),
        ),
    )


def cumulative_schema(sources: Sources) -> Schema:
    """Cumulative arrivals since records began, as reported at a date."""
    return Schema(
        (_day("as_of"), *_counts_with_provenance(sources)),
        (
            *SEX_RULES,
            _evidence_fits_source(sources.kinds),
            _published_after("as_of", sources.published_to),
            _unique("as_of", "source_id"),
        ),
    )


def anecdotes_schema(sources: Sources) -> Schema:
    """Counts reported by individual sources, with a low and (if known) high value."""

    def low_not_above_high(frame: pd.DataFrame) -> "pd.Series[bool]":
        low, high = _numbers(frame, "low"), _numbers(frame, "high")
        return high.isna() | low.isna() | (low <= high)

    return Schema(
        (
            _text("figure_id", _ID),
            _text("quantity"),
            _count("low", required=True),
            _count("high", required=False),
            _text("unit", _one_of(ANECDOTE_UNITS)),
            _day("period_start", required=False),
            _day("period_end", required=False),
            _text("place"),
            _source_id(sources),
            _text("quote"),
            _text("note", required=False),
        ),
        (
            RowRule("low must not be above high", ("low", "high"), low_not_above_high),
            PERIOD_RULES[0],
            _published_after("period_end", sources.published_to),
            _unique("figure_id"),
        ),
    )


def source_issues_schema(sources: Sources) -> Schema:
    """Typos, conflations and disagreements found in sources, kept as data."""
    return Schema(
        (
            _text("issue_id", _ID),
            _source_id(sources),
            _text("table", _one_of(("arrivals", "cumulative"))),
            _day("period_end"),
            _text("field"),
            _text("printed"),
            _text("reading", required=False),
            _text("kind", _one_of(ISSUE_KINDS)),
            _text("note"),
        ),
        (_unique("issue_id"),),
    )

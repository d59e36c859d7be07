"""The declared shape of every data file: column checks for what each cell must
look like, and row rules for what must hold across cells and rows.

Cells are checked as the text written in the file; the loaders convert types
only after these checks pass, so a conversion can never guess. Nothing is
coerced: a count is ASCII digits without a leading zero and within MAX_COUNT,
a date is an existing day between 1950 and tomorrow, text holds no control
characters, an id matches ID_PATTERN and a URL is a plain http(s) address.
"""

from collections.abc import Collection, Mapping
from functools import partial

import numpy as np
import pandas as pd

from analysis.dates import (
    EARLIEST_DAY,
    iso_days_from_bytes,
    iso_partial_days,
    latest_day,
    within_bounds,
)
from analysis.tables import NO_CONTROL_CHARACTERS, NO_SURROUNDING_SPACE
from analysis.validation import CellCheck, Cells, Column, RowRule, Schema

EVIDENCE_KINDS = ("mou_table", "mou_correction", "mou_restatement", "report")
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
    "mou_restatement": ("news_report", "relayed_mou_notice"),
    "report": tuple(kind for kind in SOURCE_KINDS if kind != "official_table"),
}
"""Which kinds of source can give each kind of evidence. An MOU table comes only from
MOU's own table; an MOU correction from MOU, or from a news report labelled as
relaying MOU's correction notice (kind relayed_mou_notice); a plain news report is
never an MOU correction, but may be a dated restatement of MOU's revised back-series."""
LANGUAGES = ("en", "ko", "zh", "es", "ja")
ISSUE_KINDS = (
    "typo",
    "mislabelled_period",
    "conflation",
    "disagreement",
    "inconsistent",
    "unverified",
)
ISSUE_FIELDS = ("men", "women", "total", "men+women", "period")
"""What a source issue is about: a figure's column, both sexes at once, or its period.
The checks match issues to figures by it, so it is an enumeration, not free text."""
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
PARTIAL_DATE_PATTERN = r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"
"""YYYY, YYYY-MM or YYYY-MM-DD as the data package states it; the check is stricter
(the day must exist)."""
CONTROL_CHARACTERS = r"[\x00-\x1f\x7f-\x9f]"


def _fullmatch(cells: Cells, pattern: str) -> "pd.Series[bool]":
    """Whole-cell regular-expression match (cells are never missing, so never NaN)."""
    return cells.text.str.fullmatch(pattern)


def _ascii_whole_numbers(cells: Cells) -> np.ndarray:
    """ASCII digits without a leading zero, tested on the column's bytes at once."""
    raw, ascii_ = cells.ascii()
    leading_zero = np.strings.startswith(raw, b"0") & (np.strings.str_len(raw) > 1)
    return ascii_ & np.strings.isdigit(raw) & ~leading_zero


def _numbers(raw: np.ndarray, ascii_: np.ndarray) -> np.ndarray:
    """Each cell of at most len(str(MAX_COUNT)) ASCII digits as a number, else -1.

    Lengths are compared first, so a 30-digit count never overflows.
    """
    usable = ascii_ & np.strings.isdigit(raw) & (np.strings.str_len(raw) <= len(str(MAX_COUNT)))
    values = np.full(len(raw), -1, dtype=np.int64)
    values[usable] = raw[usable].astype(np.int64)
    return values


def _within_count_bound(cells: Cells) -> np.ndarray:
    """Called on cells of ASCII digits only."""
    values = cells.derived("numbers", _numbers)
    return (values >= 0) & (values <= MAX_COUNT)


def _as_numbers(cells: Cells) -> np.ndarray:
    """Checked counts as floats, for the row rules' arithmetic."""
    return cells.derived("numbers", _numbers).astype(np.float64)


def _iso_days(cells: Cells) -> np.ndarray:
    """The cells as days (NaT where not an existing YYYY-MM-DD day), parsed once per column."""
    days = cells.derived(
        "days", lambda raw, ascii_: np.where(ascii_, iso_days_from_bytes(raw), np.datetime64("NaT"))
    )
    return days


def _days_in_range(cells: Cells) -> np.ndarray:
    """ISO days compare as bytes in the same order as in time."""
    raw, _ = cells.ascii()
    return (raw >= EARLIEST_DAY.isoformat().encode()) & (raw <= latest_day().isoformat().encode())


_PLAIN = CellCheck(
    "contains a control character (such as NUL, a tab or a line break)",
    lambda cells: ~cells.text.str.contains(CONTROL_CHARACTERS).astype(bool),
    implied_by=NO_CONTROL_CHARACTERS,
)
_TRIMMED = CellCheck(
    "has surrounding spaces",
    lambda cells: cells.text == cells.text.str.strip(),
    implied_by=NO_SURROUNDING_SPACE,
)
_WHOLE = CellCheck(
    "must be a whole number written with ASCII digits 0-9 only, without a leading zero",
    _ascii_whole_numbers,
    constraints={"minimum": 0},
)
_BOUNDED = CellCheck(
    f"must be at most {MAX_COUNT:,}", _within_count_bound, constraints={"maximum": MAX_COUNT}
)
_ID = CellCheck(
    "must be a lowercase id: words of a-z and 0-9 joined by single hyphens",
    partial(_fullmatch, pattern=ID_PATTERN),
    constraints={"pattern": ID_PATTERN},
)
_DAY = CellCheck(
    "must be an existing date written YYYY-MM-DD", lambda cells: ~np.isnat(_iso_days(cells))
)
_PARTIAL = CellCheck(
    "must be a date written YYYY, YYYY-MM or YYYY-MM-DD",
    lambda cells: iso_partial_days(cells.text).notna(),
    constraints={"pattern": PARTIAL_DATE_PATTERN},
)
_DATE_RANGE = f"must fall between {EARLIEST_DAY} and tomorrow"
# "Tomorrow" moves, so the data package states only the earliest day.
_DAY_IN_RANGE = CellCheck(
    _DATE_RANGE, _days_in_range, constraints={"minimum": EARLIEST_DAY.isoformat()}
)
_PARTIAL_IN_RANGE = CellCheck(
    _DATE_RANGE, lambda cells: within_bounds(iso_partial_days(cells.text))
)
_URL = CellCheck(
    'must be an http(s) URL with a host name and no spaces, quotes, "<", ">" or control characters',
    partial(_fullmatch, pattern=URL_PATTERN),
    constraints={"pattern": URL_PATTERN},
)


def _one_of(values: Collection[str]) -> CellCheck:
    return CellCheck(
        f"must be one of {', '.join(sorted(values))}",
        lambda cells: cells.text.isin(list(values)),
        constraints={"enum": sorted(values)},
    )


def _text(
    name: str, *checks: CellCheck, required: bool = True, refers_to: tuple[str, str] | None = None
) -> Column:
    return Column(name, (_PLAIN, _TRIMMED, *checks), required, refers_to=refers_to)


def _count(name: str, required: bool) -> Column:
    return Column(name, (_PLAIN, _WHOLE, _BOUNDED), required, parse=_as_numbers, type="integer")


def _day(name: str, required: bool = True) -> Column:
    return Column(name, (_PLAIN, _DAY, _DAY_IN_RANGE), required, parse=_iso_days, type="date")


def _unique(*key: str) -> RowRule:
    """No two rows share `key`. Missing cells count as equal, as a person would read them."""

    def check(frame: pd.DataFrame) -> "pd.Series[bool]":
        """Each row's key as one integer (its columns' codes in order of appearance, mixed
        radix, the first column most significant), sorted so that equal keys sit side by
        side. A file written in key order is already sorted, which the stable sort
        confirms in one pass."""
        ids = np.zeros(len(frame), dtype=np.int64)
        for name in key:
            codes, distinct = pd.factorize(frame[name])  # missing: -1, one code for all
            if len(ids) and ids.max() >= 2**62 // (len(distinct) + 1):
                ids = pd.factorize(ids)[0]  # renumbered below len(frame), so the next fits
            ids = ids * (len(distinct) + 1) + codes + 1
        order = np.argsort(ids, kind="stable")
        in_order = ids[order]
        same_as_next = in_order[1:] == in_order[:-1]
        shared = np.zeros(len(ids), dtype=bool)
        shared[order[:-1]] |= same_as_next
        shared[order[1:]] |= same_as_next
        return pd.Series(~shared, index=frame.index, dtype=bool)

    return RowRule(
        f"duplicate row: another row has the same {', '.join(key)}", key, check, key=True
    )


def _men_women_total(frame: pd.DataFrame) -> "pd.Series[bool]":
    men, women, total = frame["men"], frame["women"], frame["total"]
    both = men.notna() & women.notna() & total.notna()  # a missing total is reported as such
    return ~both | (men + women == total)


def _part_within_total(frame: pd.DataFrame) -> "pd.Series[bool]":
    total = frame["total"]
    ok = pd.Series(True, index=frame.index)
    for column in ("men", "women"):
        part = frame[column]
        ok &= part.isna() | total.isna() | (part <= total)
    return ok


SEX_RULES = (
    RowRule("men + women must equal total", ("men", "women", "total"), _men_women_total),
    RowRule("men and women cannot exceed total", ("men", "women", "total"), _part_within_total),
)

_BEFORE_RECORDS = pd.Timestamp("1900-01-01")
"""Day 0 of the overlap rule's day numbers, long before any checked date: a missing
start (an open period, "up to 1998") is day 0, and so is a missing end."""


def _start_before_end(frame: pd.DataFrame) -> "pd.Series[bool]":
    start, end = frame["period_start"], frame["period_end"]
    return start.isna() | end.isna() | (start <= end)


def _whole_months(frame: pd.DataFrame) -> "pd.Series[bool]":
    start, end = frame["period_start"], frame["period_end"]
    return (start.isna() | (start.dt.day == 1)) & (end.isna() | end.dt.is_month_end)


def _no_overlap_within_source(frame: pd.DataFrame) -> "pd.Series[bool]":
    """Within one source (one vintage), no period may share a day with an earlier one.

    Rows are sorted by source and start as one integer key (a stable sort: of two rows
    with the same start the later line is reported, and a file already in that order
    costs one pass); a running maximum of (source, end) then gives, for each row, the
    latest end among its source's earlier rows. A missing start is day 0 (_BEFORE_RECORDS),
    before every checked date; so is a missing end, which therefore extends no period.
    Rows with a missing source or day are reported for that cell, not here (RowRule).
    """
    source = pd.factorize(frame["source_id"])[0]  # -1 where missing
    start = _day_numbers(frame["period_start"])
    end = _day_numbers(frame["period_end"])
    order = np.argsort((source << _DAY_BITS) | start, kind="stable")
    source, start, end = source[order], start[order], end[order]
    latest_end = np.maximum.accumulate((source << _DAY_BITS) | end) & _LAST_DAY
    overlaps = np.zeros(len(frame), dtype=bool)
    overlaps[order[1:]] = (source[1:] == source[:-1]) & (start[1:] <= latest_end[:-1])
    return pd.Series(~overlaps, index=frame.index, dtype=bool)


_DAY_BITS = 17
_LAST_DAY = (1 << _DAY_BITS) - 1


def _day_numbers(days: "pd.Series[pd.Timestamp]") -> np.ndarray:
    """Days since _BEFORE_RECORDS (0 where missing, a day no checked date is on).
    Checked dates (1950 to tomorrow) fall within 2**_DAY_BITS days (358 years) of it,
    which leaves 46 bits of an int64 key for the source: far more than rows in any file."""
    values = days.to_numpy(dtype="datetime64[D]")
    numbers = (values - np.datetime64(_BEFORE_RECORDS.date())).astype(np.int64)
    return np.where(np.isnat(values), 0, numbers)


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
        known = pd.Index(list(published_to))
        days = pd.DatetimeIndex(list(published_to.values())).to_numpy(dtype="datetime64[s]")
        dates = np.append(days, np.datetime64("NaT", "s"))
        latest = dates[known.get_indexer(pd.Index(frame["source_id"]))]  # -1 (unknown) -> NaT
        day = frame[day_column].to_numpy(dtype="datetime64[s]")
        ok = np.isnat(latest) | np.isnat(day) | (day <= latest)
        return pd.Series(ok, index=frame.index, dtype=bool)

    return RowRule(
        f"published before the end of the period it covers: the source's publication date "
        f"is earlier than {day_column} (a provisional partial-year figure must give the "
        f"period it covers)",
        (day_column, "source_id"),
        check,
    )


def _evidence_fits_source(source_kinds: Mapping[str, str]) -> RowRule:
    """The kind of evidence must be one that the source's kind can give (EVIDENCE_SOURCE_KINDS)."""
    known = pd.Index(list(source_kinds))

    def check(frame: pd.DataFrame) -> "pd.Series[bool]":
        """Looked up in a table of (distinct evidence, source): a row passes when its
        evidence or source is missing or unknown, or the source's kind can give it. (An
        evidence kind that is not one of EVIDENCE_KINDS fails its own column's check,
        and validate passes such a cell here as missing.)"""
        source = known.get_indexer(pd.Index(frame["source_id"]))  # -1: the last column
        evidence, kinds = pd.factorize(frame["evidence"])  # -1 (missing): the last row
        fits = np.ones((len(kinds) + 1, len(known) + 1), dtype=bool)
        for row, kind in enumerate(kinds):
            allowed = EVIDENCE_SOURCE_KINDS[kind]
            fits[row, :-1] = [given in allowed for given in source_kinds.values()]
        return pd.Series(fits[evidence, source], index=frame.index, dtype=bool)

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
            Column("published", (_PLAIN, _TRIMMED, _PARTIAL, _PARTIAL_IN_RANGE)),
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


SOURCE_KEY = ("sources", "source_id")
"""What a source_id column of another table refers to."""


def _source_id(sources: Sources) -> Column:
    """A reference to sources.csv, whose ids have passed ID_PATTERN: being known implies it."""
    known = CellCheck(
        "unknown source_id: not in sources.csv", lambda cells: cells.text.isin(sources.ids)
    )
    return _text("source_id", known, refers_to=SOURCE_KEY)


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
            _unique("source_id", "period_start", "period_end"),
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


TABLE_DATING = ("publication", "earliest_evidence")


def table_dates_schema(sources: Sources) -> Schema:
    """Each MOU table's reference date, and whether its `published` date in sources.csv
    is its publication or only the earliest evidence that it was public."""
    tables = [i for i, kind in sources.kinds.items() if kind == "official_table"]
    known = CellCheck("not an official_table in sources.csv", lambda cells: cells.text.isin(tables))
    return Schema(
        (
            _text("source_id", known, refers_to=SOURCE_KEY),
            _day("reference_date"),
            _text("dated_by", _one_of(TABLE_DATING)),
            _text("note"),
        ),
        (_unique("source_id"),),
    )


def anecdotes_schema(sources: Sources) -> Schema:
    """Counts reported by individual sources, with a low and (if known) high value."""

    def low_not_above_high(frame: pd.DataFrame) -> "pd.Series[bool]":
        low, high = frame["low"], frame["high"]
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
            _text("field", _one_of(ISSUE_FIELDS)),
            _text("printed"),
            _text("reading", required=False),
            _text("kind", _one_of(ISSUE_KINDS)),
            _text("note"),
        ),
        (_unique("issue_id"),),
    )

"""What must hold across the cells of a row and across rows: keys unique, men and
women summing to the total, periods that do not overlap within a source, figures
published no earlier than they were made, evidence that fits its source."""

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.load.validation import RowRule
from analysis.load.vocabulary import COUNT_COLUMNS, EVIDENCE_SOURCE_KINDS


def unique(*key: str) -> RowRule:
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
    RowRule("men + women must equal total", COUNT_COLUMNS, _men_women_total),
    RowRule("men and women cannot exceed total", COUNT_COLUMNS, _part_within_total),
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
    """Within one source (one vintage), no period may cross or repeat an earlier one;
    a period nested inside another (Q1 within H1 of the same year) is allowed, as a
    source gives both and a vintage's series never sums part-years.

    Rows are sorted by source, start and then the longer period first (a stable sort: of
    two equal rows the later line is reported); a running maximum of (source, end) then
    gives, for each row, the latest end among its source's earlier rows. A row crosses
    when it starts on or before that end and ends after it; it repeats when its start
    and end equal the previous row's. A missing start is day 0 (_BEFORE_RECORDS), before
    every checked date; so is a missing end, which therefore extends no period. Rows with
    a missing source or day are reported for that cell, not here (RowRule).
    """
    source = pd.factorize(frame["source_id"])[0]  # -1 where missing
    start = _day_numbers(frame["period_start"])
    end = _day_numbers(frame["period_end"])
    order = np.lexsort((-end, (source << _DAY_BITS) | start))
    source, start, end = source[order], start[order], end[order]
    latest_end = np.maximum.accumulate((source << _DAY_BITS) | end) & _LAST_DAY
    same = source[1:] == source[:-1]
    crosses = (start[1:] <= latest_end[:-1]) & (end[1:] > latest_end[:-1])
    repeats = (start[1:] == start[:-1]) & (end[1:] == end[:-1])
    overlaps = np.zeros(len(frame), dtype=bool)
    overlaps[order[1:]] = same & (crosses | repeats)
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
        "periods overlap within one source (other than one nested in another): "
        "a vintage must not count the same days twice",
        ("period_start", "period_end", "source_id"),
        _no_overlap_within_source,
    ),
)


def published_after(day_column: str, published_to: Mapping[str, pd.Timestamp]) -> RowRule:
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


def evidence_fits_source(source_kinds: Mapping[str, str]) -> RowRule:
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

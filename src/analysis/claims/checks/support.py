"""What other sources say about a press figure: the misprint it actually printed,
and the cumulative totals or annual figures of other sources consistent with it.
The press checks (analysis.claims.checks.press) read them to tell a figure no one
else gives from one another source confirms, and a plain difference from one that
circulated (disputed)."""

from datetime import date
from typing import Any

import pandas as pd

from analysis.claims.reading import Reading
from analysis.vintages import reconcile_total
from analysis.vintages.reconcile import cumulative_through


def printed_as(reading: Reading, source: str, period: str, column: str) -> int | None:
    """What `source` printed where data/arrivals.csv keeps a corrected reading: the
    `printed` of a typo recorded in data/source_issues.csv (None when none is)."""
    rows = reading.ctx.inputs.by_period.get(period, [])
    if not rows:
        return None
    printed = reading.ctx.inputs.misprints.get((source, rows[0].end, column), "")
    return int(printed) if printed.isdigit() else None


def _totals_from_others(reading: Reading, source: str, end: pd.Timestamp) -> list[dict[Any, Any]]:
    """Other sources' cumulative totals to a 31 December on or after `end`."""
    return [
        row
        for (src, as_of), row in reading.ctx.inputs.cumulative.items()
        if src != source
        and as_of >= end
        and (as_of.month, as_of.day) == (12, 31)
        and not pd.isna(row["total"])
    ]


def confirming_totals(reading: Reading, period: str, source: str) -> list[str]:
    """Other sources' cumulative totals that the series of their day, holding this very
    figure of `source`, reproduces in total."""
    rows = [r for r in reading.ctx.inputs.by_period.get(period, []) if r.source_id == source]
    if len(rows) != 1:
        return []
    book, found = reading.ctx.inputs.book, []
    for total in _totals_from_others(reading, source, rows[0].end):
        day = pd.Timestamp(str(total["published_to"])).date()
        try:
            series = book.chosen(day)
        except ValueError:
            continue
        as_of = pd.Timestamp(str(total["as_of"]))
        computed = reconcile_total(book, as_of, str(total["source_id"]), day)
        if rows[0] in series and computed is not None and computed["total"] == total["total"]:
            found.append(f"{total['source_id']}'s total {total['total']} to {as_of:%Y-%m-%d}")
    return found


def consistent_totals(reading: Reading, period: str, source: str, stated: int) -> list[str]:
    """Other sources' cumulative totals to the end of `period` that the series of their
    day would reproduce with `stated` in place of its own figure for `period`."""
    rows = reading.ctx.inputs.by_period.get(period, [])
    if not rows:
        return []
    book, found = reading.ctx.inputs.book, []
    for total in _totals_from_others(reading, source, rows[0].end):
        as_of = pd.Timestamp(str(total["as_of"]))
        if as_of != rows[0].end:
            continue
        day = pd.Timestamp(str(total["published_to"])).date()
        try:
            series = book.chosen(day)
        except ValueError:
            continue
        own = [r for r in series if r.end == as_of]
        base = cumulative_through(series, as_of)["total"]
        if (
            own
            and base is not None
            and own[0].total is not None
            and (base - own[0].total + stated == total["total"])
        ):
            found.append(f"{total['source_id']}'s total {total['total']} to {as_of:%Y-%m-%d}")
    return found


def consistent_figures(
    reading: Reading, as_of: str, source: str, day: date, computed: int
) -> list[str]:
    """Other sources' figures for the series' last period to `as_of` that, in place of the
    series' own, would make it reproduce `source`'s cumulative total to `as_of`."""
    end = pd.Timestamp(as_of)
    reported = reading.ctx.inputs.cumulative.get((source, end))
    if reported is None or (end.month, end.day) != (12, 31):
        return []
    book = reading.ctx.inputs.book
    own = [r for r in book.chosen(day) if r.end == end]
    if not own or own[0].total is None:
        return []
    return [
        f"{row.source_id}'s {row.total} for {row.period}"
        for row in reading.ctx.inputs.by_period.get(own[0].period, [])
        if row.source_id != source
        and row.total is not None
        and row.total != own[0].total
        and computed - own[0].total + row.total == reported["total"]
    ]

"""Reconciliation, in one place: does a cumulative total add up from the annual
series as it stood on the day it was reported? That is the evidence that the
as-of rule picks the back-series MOU was using, and the check of every reported
total, the article's and the press's alike."""

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from analysis.load.vocabulary import COUNT_COLUMNS
from analysis.vintages.rule import Row

if TYPE_CHECKING:
    from analysis.vintages.book import Book

Counts = dict[str, int | None]


class Reconciled(NamedTuple):
    """A cumulative total that the series of its publication day reproduces exactly."""

    label: str  # "source_id (to YYYY-MM-DD)"
    as_of: int  # ordinal days
    day: int
    held: dict[tuple[tuple[int, int], str], int | None]  # that series' totals by (span, source)


def cumulative_through(rows: Sequence[Row], year_end: pd.Timestamp) -> Counts:
    """Men, women and total summed over the series periods ending on or before `year_end`.

    A sum is missing (None) when any period in it lacks that figure: a partial sum
    would look like a number and be wrong.
    """
    upto = [r for r in rows if r.end <= year_end]
    sums: Counts = {}
    for column in COUNT_COLUMNS:
        values = [r.value(column) for r in upto]
        sums[column] = None if None in values else sum(v for v in values if v is not None)
    return sums


def _part_year(book: "Book", as_of: pd.Timestamp, source_id: str, day: date) -> Counts | None:
    """The arrivals figure for 1 January to `as_of` published by `day`: the cumulative
    report's own if it gives one, else the latest other (None when there is none)."""
    published = pd.Timestamp(day)
    part = [r for r in book.part_years.get(as_of, []) if r["published_to"] <= published]
    if not part:
        return None
    own = [r for r in part if r["source_id"] == source_id]
    # The latest publication; of two on the same day, the later line (a stable sort).
    row = own[-1] if own else sorted(part, key=lambda r: r["published_to"])[-1]
    return {c: None if pd.isna(row[c]) else int(row[c]) for c in COUNT_COLUMNS}


def reconcile_total(book: "Book", as_of: pd.Timestamp, source_id: str, day: date) -> Counts | None:
    """What the series on `day` gives for the cumulative total to `as_of`: the sum of the
    series periods to the last 31 December on or before it, plus (when `as_of` is not a
    year end) the part-year figure to `as_of` published by then. None when the series or
    the part-year figure was not published by `day`."""
    try:
        rows = book.chosen(day)
    except ValueError:
        return None
    last_end = rows[-1].end
    if as_of == pd.Timestamp(as_of.year, 12, 31):
        return cumulative_through(rows, as_of) if last_end >= as_of else None
    previous = pd.Timestamp(as_of.year - 1, 12, 31)
    part = _part_year(book, as_of, source_id, day)
    if last_end < previous or last_end > as_of or part is None:
        return None
    base = cumulative_through(rows, previous)
    return {c: _plus(base[c], part[c]) for c in COUNT_COLUMNS}


def _plus(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def matches(stated: dict[Any, Any], computed: Counts) -> bool:
    """Every figure the report states equals the computed one."""
    return all(
        pd.isna(stated[c]) or (computed[c] is not None and computed[c] == stated[c])
        for c in COUNT_COLUMNS
    )


def exact_reconciliations(book: "Book") -> list[Reconciled]:
    """Every cumulative total that the series on its publication day reproduces exactly."""
    exact = []
    for report in book.data.cumulative.to_dict("records"):
        day = pd.Timestamp(report["published_to"]).date()
        as_of = pd.Timestamp(report["as_of"])
        computed = reconcile_total(book, as_of, str(report["source_id"]), day)
        if computed is not None and matches(report, computed):
            held = {(r.span, r.source_id): r.total for r in book.chosen(day)}
            label = f"{report['source_id']} (to {as_of:%Y-%m-%d})"
            exact.append(Reconciled(label, as_of.toordinal(), day.toordinal(), held))
    return exact


def reconciles_with(exact: Sequence[Reconciled], row: Row, day: int) -> str:
    """The reported total nearest to `day` whose reproducing series holds `row`'s very
    figure from the same source ("" when none does)."""
    candidates = [
        (abs(r.day - day), r.day, r.label)
        for r in exact
        if r.as_of >= row.end_day and r.held.get((row.span, row.source_id)) == row.total
    ]
    return min(candidates)[2] if candidates else ""


def year_end_reconciliation(book: "Book") -> pd.DataFrame:
    """Every cumulative total reported for a 31 December, beside the sum of the
    series as it stood on the report's (latest possible) publication day.

    `status` is "exact" when every reported figure equals the computed one,
    "differs" when one does not, and "no series" when no series figure had been
    published by then.
    """
    reported = book.data.cumulative
    year_ends = reported[(reported["as_of"].dt.month == 12) & (reported["as_of"].dt.day == 31)]
    rows = []
    for report in year_ends.to_dict("records"):
        row: dict[str, object] = {
            "as_of": report["as_of"],
            "source_id": report["source_id"],
            "published": report["published"],
        }
        try:
            series: Sequence[Row] | None = book.chosen(pd.Timestamp(report["published_to"]).date())
        except ValueError:
            series = None
        computed = cumulative_through(series, report["as_of"]) if series is not None else {}
        differences = []
        for column in COUNT_COLUMNS:
            stated = report[column]
            value = computed.get(column)
            row[f"reported_{column}"] = stated
            row[f"computed_{column}"] = pd.NA if value is None else value
            if not pd.isna(stated) and (value is None or value != stated):
                differences.append(column)
        row["status"] = "no series" if series is None else ("differs" if differences else "exact")
        row["differs_in"] = ", ".join(differences)
        rows.append(row)
    table = pd.DataFrame(rows)
    counts = [c for c in table.columns if c.startswith(("reported_", "computed_"))]
    return table.astype({c: "Int64" for c in counts})

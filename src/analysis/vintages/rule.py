"""The as-of rule itself: which figure stands for each series period on a day.

It works on plain rows (`Row`), not frames: a series is a few dozen periods, and
the rule is asked for a series on every publication day, so each choice is a
handful of comparisons rather than a pandas pipeline. Days are ordinals
(`date.toordinal()`), so partial dates, ranks and ties compare as integers.
"""

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import pandas as pd

EVIDENCE_RANK = {"mou_correction": 1, "mou_table": 1, "mou_restatement": 1, "report": 0}
"""MOU's own publications rank alike (the newest is in force), above press reports."""
OFFICIAL_STATEMENTS = ("mou_table", "mou_restatement")


Span = tuple[int, int]  # a period's first and last day, as ordinals


class Row(NamedTuple):
    """One source's figures for one series period, with what the ranking compares."""

    pos: int  # position in the ranked reports frame (Book.ranked)
    period: str
    start: pd.Timestamp | None  # None for a bucket from the start of records
    end: pd.Timestamp
    end_day: int
    source_id: str
    evidence: str
    rank: int
    precision: int  # 4, 7 or 10 characters: a year, a month or a day
    pub_from: int
    pub_to: int
    ref: int | None  # an MOU table's reference date
    men: int | None
    women: int | None
    total: int | None
    line: int
    # The period as (first day, last day) ordinals (0 for an open start), computed once:
    # a Q2 and an H1 figure end on the same day and are different periods.
    span: Span

    def value(self, column: str) -> int | None:
        """The figure in `column` ("men", "women" or "total"); None where not given."""
        figure: int | None = getattr(self, column)
        return figure


def _day(value: Any) -> int | None:
    return None if pd.isna(value) else value.toordinal()


def _count(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


def rows_of(frame: pd.DataFrame) -> list[Row]:
    """The reports frame as rows (its `period`, ranks and dates already added), each
    column read once as Python values."""
    rows = []
    columns = (
        "period", "period_start", "period_end", "source_id", "evidence", "rank", "precision",
        "published_from", "published_to", "reference_date", "men", "women", "total", "line",
    )  # fmt: skip
    for pos, values in enumerate(zip(*(frame[c].tolist() for c in columns), strict=True)):
        period, start, end, source, evidence, rank, precision = values[:7]
        pub_from, pub_to, ref, men, women, total, line = values[7:]
        start = None if pd.isna(start) else start
        rows.append(
            Row(
                pos=pos,
                period=str(period),
                start=start,
                end=end,
                end_day=end.toordinal(),
                source_id=str(source),
                evidence=str(evidence),
                rank=int(rank),
                precision=int(precision),
                pub_from=pub_from.toordinal(),
                pub_to=pub_to.toordinal(),
                ref=_day(ref),
                men=_count(men),
                women=_count(women),
                total=_count(total),
                line=int(line),
                span=(0 if start is None else start.toordinal(), end.toordinal()),
            )
        )
    return rows


def _by_period(rows: Iterable[Row]) -> dict[tuple[int, int], list[Row]]:
    groups: dict[tuple[int, int], list[Row]] = {}
    for row in rows:
        groups.setdefault(row.span, []).append(row)
    return groups


def _latest_key(row: Row) -> tuple[int, int, bool, int, bool, str]:
    # The more precise date, the later, the later reference date (a table's), a sex
    # split, then source_id: the choice is deterministic.
    return (
        -row.precision,
        -row.pub_to,
        row.ref is None,
        -(row.ref or 0),
        row.men is None,
        row.source_id,
    )


def best(rows: Iterable[Row]) -> dict[Span, Row]:
    """Per period, the best-ranked, latest figure (the ranking in the package docstring)."""
    chosen = {}
    for span, group in _by_period(rows).items():
        top_rank = max(r.rank for r in group)
        top = [r for r in group if r.rank == top_rank]
        # Figures known to be older than another (their interval ends before its starts)
        # drop out; among the rest, whose order is unknown, the most precise date wins.
        latest_start = max(r.pub_from for r in top)
        chosen[span] = min((r for r in top if r.pub_to >= latest_start), key=_latest_key)
    return chosen


def earliest(rows: Iterable[Row]) -> dict[Span, Row]:
    """Per period, the figure published first (then the more precise date, a sex split,
    then source_id)."""
    return {
        span: min(group, key=lambda r: (r.pub_to, -r.precision, r.men is None, r.source_id))
        for span, group in _by_period(rows).items()
    }


def latest_tables(rows: Iterable[Row]) -> dict[Span, Row]:
    """Per period, the latest MOU table covering it, published when it may be: rule 3's
    last resort for a period no statement since the release covers."""
    return best(r for r in rows if r.evidence == "mou_table")


def _back_series(
    rows: Sequence[Row], latest_tables: dict[Span, Row], release: int, day: int
) -> dict[Span, Row]:
    """Per period, MOU's statement of the back-series in force on `day` (rule 3)."""
    since = [r for r in rows if r.evidence in OFFICIAL_STATEMENTS and r.pub_from >= release]
    newest_known = best(r for r in since if r.pub_to <= day)
    pending = sorted(
        (r for r in since if r.pub_to > day),
        key=lambda r: (r.span, r.pub_from, r.ref is None, r.ref or 0, r.source_id),
    )
    chosen = dict(newest_known)
    for row in pending:
        chosen.setdefault(row.span, row)
    return chosen | {span: row for span, row in latest_tables.items() if span not in chosen}


def chosen_on(rows: Sequence[Row], latest_tables: dict[Span, Row], day: int) -> list[Row]:
    """The chosen figure per period on `day` (rules 1-3 of the package docstring),
    ordered by period. `day` is on or after the first publication (Book.chosen sees
    to it), so some figure is known."""
    known = [r for r in rows if r.pub_to <= day]
    newest = max(r.end_day for r in known)
    # The series' periods do not overlap (Book.series_reports), so one ends on `newest`.
    (provisional,) = best(r for r in known if r.end_day == newest).values()
    back = _back_series(rows, latest_tables, provisional.pub_from, day)
    chosen = {span: row for span, row in back.items() if span[1] < newest}  # none after it
    chosen |= best(r for r in known if r.span not in chosen)
    chosen[provisional.span] = provisional
    for span, fix in best(r for r in known if r.evidence == "mou_correction").items():
        # Among MOU's own publications the newest wins: a correction, or a later table.
        # A correction published by `day` is known, so its period is chosen above, and
        # from MOU's own rank, which it shares: only the dates decide.
        if chosen[span].pub_from <= fix.pub_to:
            chosen[span] = fix
    return [chosen[span] for span in sorted(chosen)]

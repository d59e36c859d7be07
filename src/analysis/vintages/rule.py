"""The as-of rule itself: which figure stands for each series period on a day.

It works on plain rows (`Row`), not frames: a series is a few dozen periods, and
the rule is asked for a series on every publication day, so each choice is a
handful of comparisons rather than a pandas pipeline. Days are ordinals
(`date.toordinal()`), so partial dates, ranks and ties compare as integers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import pandas as pd

EVIDENCE_RANK = {"mou_correction": 1, "mou_table": 1, "mou_restatement": 1, "report": 0}
OFFICIAL_STATEMENTS = ("mou_table", "mou_restatement")
COUNTS = ("men", "women", "total")


class Row(NamedTuple):
    """One source's figures for one series period, with what the ranking compares."""

    pos: int  # position in the series reports frame
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

    def value(self, column: str) -> int | None:
        """The figure in `column` ("men", "women" or "total"); None where not given."""
        figure: int | None = getattr(self, column)
        return figure


def _day(value: Any) -> int | None:
    return None if pd.isna(value) else pd.Timestamp(value).toordinal()


def _count(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


def rows_of(frame: pd.DataFrame) -> list[Row]:
    """The series reports frame as rows (its `period`, ranks and dates already added)."""
    rows = []
    for pos, r in enumerate(frame.to_dict("records")):
        end = pd.Timestamp(r["period_end"])
        rows.append(
            Row(
                pos=pos,
                period=str(r["period"]),
                start=None if pd.isna(r["period_start"]) else pd.Timestamp(r["period_start"]),
                end=end,
                end_day=end.toordinal(),
                source_id=str(r["source_id"]),
                evidence=str(r["evidence"]),
                rank=int(r["rank"]),
                precision=int(r["precision"]),
                pub_from=pd.Timestamp(r["published_from"]).toordinal(),
                pub_to=pd.Timestamp(r["published_to"]).toordinal(),
                ref=_day(r["reference_date"]),
                men=_count(r["men"]),
                women=_count(r["women"]),
                total=_count(r["total"]),
                line=int(r["line"]),
            )
        )
    return rows


def _by_period(rows: Iterable[Row]) -> dict[int, list[Row]]:
    groups: dict[int, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.end_day, []).append(row)
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


def best(rows: Iterable[Row]) -> dict[int, Row]:
    """Per period, the best-ranked, latest figure (the ranking in the package docstring)."""
    chosen = {}
    for end, group in _by_period(rows).items():
        top_rank = max(r.rank for r in group)
        top = [r for r in group if r.rank == top_rank]
        # Figures known to be older than another (their interval ends before its starts)
        # drop out; among the rest, whose order is unknown, the most precise date wins.
        latest_start = max(r.pub_from for r in top)
        chosen[end] = min((r for r in top if r.pub_to >= latest_start), key=_latest_key)
    return chosen


def earliest(rows: Iterable[Row]) -> dict[int, Row]:
    """Per period, the figure published first (then the more precise date, a sex split,
    then source_id)."""
    return {
        end: min(group, key=lambda r: (r.pub_to, -r.precision, r.men is None, r.source_id))
        for end, group in _by_period(rows).items()
    }


def _back_series(
    rows: Sequence[Row], latest_tables: dict[int, Row], release: int, day: int
) -> dict[int, Row]:
    """Per period, MOU's statement of the back-series in force on `day` (rule 3)."""
    since = [r for r in rows if r.evidence in OFFICIAL_STATEMENTS and r.pub_from >= release]
    newest_known = best(r for r in since if r.pub_to <= day)
    pending = sorted(
        (r for r in since if r.pub_to > day),
        key=lambda r: (r.end_day, r.pub_from, r.ref is None, r.ref or 0, r.source_id),
    )
    chosen = dict(newest_known)
    for row in pending:
        chosen.setdefault(row.end_day, row)
    return chosen | {end: row for end, row in latest_tables.items() if end not in chosen}


def chosen_on(
    rows: Sequence[Row], latest_tables: dict[int, Row], day: int, totals: Sequence[Total] = ()
) -> list[Row]:
    """The chosen figure per period on `day` (rules 1-4 of the package docstring),
    ordered by period. `day` is on or after the first publication (Book.chosen sees
    to it), so some figure is known."""
    known = [r for r in rows if r.pub_to <= day]
    newest = max(r.end_day for r in known)
    provisional = best(r for r in known if r.end_day == newest)[newest]
    back = _back_series(rows, latest_tables, provisional.pub_from, day)
    chosen = {end: row for end, row in back.items() if end < newest}  # none after the release
    chosen |= best(r for r in known if r.end_day not in chosen)
    chosen[newest] = provisional
    for end, fix in best(r for r in known if r.evidence == "mou_correction").items():
        # Among MOU's own publications the newest wins: a correction, or a later table.
        if chosen[end].rank < fix.rank or chosen[end].pub_from <= fix.pub_to:
            chosen[end] = fix
    return [chosen[end] for end in sorted(on_the_evidence(chosen, rows, totals, day, newest))]


class Total(NamedTuple):
    """A cumulative total to a 31 December as reported: what decides between figures."""

    as_of: int
    pub_to: int
    men: int | None
    women: int | None
    total: int | None

    def value(self, column: str) -> int | None:
        figure: int | None = getattr(self, column)
        return figure


def _sum_with(
    chosen: dict[int, Row], end: int, candidate: Row, as_of: int, column: str
) -> int | None:
    """The series' `column` summed to `as_of` with `candidate` standing for period `end`."""
    values = [(candidate if e == end else r).value(column) for e, r in chosen.items() if e <= as_of]
    return None if None in values else sum(v for v in values if v is not None)


def _deciders(totals: Sequence[Total], end: int, newest: int, day: int, column: str) -> list[Total]:
    """The totals of the latest day by `day` on which a total through `end` (and no
    further than the series) was reported, that state `column`: the evidence of the
    day. A figure recorded as the source's error is None, so such a day decides nothing."""
    fit = [t for t in totals if t.pub_to <= day and end <= t.as_of <= newest]
    latest = max((t.pub_to for t in fit), default=None)
    return [t for t in fit if t.pub_to == latest and t.value(column) is not None]


def _candidates(group: Sequence[Row], current: Row, day: int) -> list[Row]:
    """`current`, then one row per other value ever printed for the period: a row printed
    by `day` (the best-ranked, latest) or else the first printed after it."""
    found = {(current.men, current.women, current.total): current}
    ordered = sorted(
        group,
        key=lambda r: (
            r.pub_to > day,
            -r.rank if r.pub_to <= day else 0,
            -r.pub_to if r.pub_to <= day else r.pub_to,
            r.source_id,
        ),
    )
    for row in ordered:
        found.setdefault((row.men, row.women, row.total), row)
    return list(found.values())


def _newest(rows: Sequence[Row]) -> Row:
    """MOU's own statement before a press report, then the newest."""
    return min(rows, key=lambda r: (-r.rank, -r.pub_to, r.source_id))


def _pick(viable: Sequence[Row], current: Row, day: int, printed_same: bool) -> Row:
    """The figure the evidence leaves standing. The chosen one when its figures were
    printed by `day`; else, for its total, a sex split printed by then; else the chosen
    one (inferred).
    When a total ruled the chosen one out: the newest viable figure printed by then,
    else the first printed after."""
    printed = [r for r in viable if r.pub_to <= day]
    if current in viable:
        if printed_same:
            return current
        split = [r for r in printed if r.total == current.total and r.men is not None]
        if split:
            return _newest(split)
        return current
    if printed:
        return _newest(printed)
    return min(viable, key=lambda r: (r.pub_to, r.source_id))


def on_the_evidence(
    chosen: dict[int, Row], rows: Sequence[Row], totals: Sequence[Total], day: int, newest: int
) -> dict[int, Row]:
    """Each earlier period's figure checked against what was printed by `day` (rule 4).
    Of the figures ever
    printed for the period, those that make the latest cumulative totals reported by
    then add up stay in the running (a total is no evidence once a figure printed after
    it contradicts it, nor when nothing fits it); a sex split printed by then beats one
    printed only later. Newest period first, each with the others as chosen."""
    groups = _by_period(rows)
    for end in sorted((e for e in chosen if e < newest), reverse=True):
        current, group = chosen[end], groups.get(end, [chosen[end]])
        same = (current.men, current.women, current.total)
        printed_same = [r for r in group if r.pub_to <= day and (r.men, r.women, r.total) == same]
        viable = _candidates(group, current, day)
        for column in ("total", "women", "men"):
            for total in _deciders(totals, end, newest, day, column):

                def fits(r: Row, t: Total = total, c: str = column, e: int = end) -> bool:
                    return _sum_with(chosen, e, r, t.as_of, c) == t.value(c)

                later = [r for r in group if total.pub_to < r.pub_from and r.pub_to <= day]
                if any(not fits(r) for r in later):
                    continue  # a figure printed since contradicts this total: it is stale
                viable = [r for r in viable if fits(r)] or viable
        chosen[end] = _pick(viable, current, day, bool(printed_same))
    return chosen

"""Rule 4: the earlier periods of a day's series checked against what was printed by then.

The rule of `rule.chosen_on` takes the back-series MOU stated, even from a table
published years later. Here each earlier period whose figure no source had printed
by the day is weighed against the evidence of the day:

- the totals: of the cumulative totals reported to a 31 December, those of the latest
  day by then (a figure a source misprinted, recorded in data/source_issues.csv, is
  no evidence). When the series does not reproduce such a total but exactly one other
  figure, ever printed for exactly one of those periods, would make it do so, that
  figure stood: Hankook Ilbo's 4,410 to the end of 2003 reproduces only with 2002 at
  Daily NK's 1,139, not the 1,138 of the 2012 table. More than one way to reproduce
  it decides nothing (a total is one equation);
- the sexes: a split printed by then for the same total stands over one printed only
  later, unless the series then reproduces the latest men or women reported by then
  and would not with the printed split.

MOU's own statement in force, printed by then, is never second-guessed.
"""

from collections.abc import Sequence
from typing import NamedTuple

from analysis.vintages.rule import Row, Span


class Total(NamedTuple):
    """A cumulative total to a 31 December as reported (ordinal days)."""

    as_of: int
    pub_to: int
    men: int | None
    women: int | None
    total: int | None

    def value(self, column: str) -> int | None:
        figure: int | None = getattr(self, column)
        return figure


def _sum(chosen: dict[Span, Row], as_of: int, column: str) -> int | None:
    values = [row.value(column) for span, row in chosen.items() if span[1] <= as_of]
    return None if None in values else sum(v for v in values if v is not None)


def latest_totals(totals: Sequence[Total], day: int, newest: int) -> list[Total]:
    """The totals reported on the latest day by `day` (to no later than the series)."""
    known = [t for t in totals if t.pub_to <= day and t.as_of <= newest]
    latest = max((t.pub_to for t in known), default=None)
    return [t for t in known if t.pub_to == latest]


def _printed(group: Sequence[Row], day: int) -> list[Row]:
    return [r for r in group if r.pub_to <= day]


def _open(current: Row, group: Sequence[Row], day: int) -> bool:
    """Whether the period's figure is open to the evidence: no source printed its
    total by `day` (and so MOU did not either)."""
    return not any(r.total == current.total for r in _printed(group, day))


def _best(rows: Sequence[Row], day: int) -> Row:
    """A figure printed by `day` (MOU's own first, then the newest), else the first after."""
    printed = _printed(rows, day)
    if printed:
        return min(printed, key=lambda r: (-r.rank, -r.pub_to, r.source_id))
    return min(rows, key=lambda r: (r.pub_to, r.source_id))


def _by_total(
    chosen: dict[Span, Row], groups: dict[Span, list[Row]], totals: Sequence[Total], day: int
) -> None:
    """A total reproduced by exactly one other figure for one open period decides it."""
    for reported in totals:
        stated, computed = reported.total, _sum(chosen, reported.as_of, "total")
        if stated is None or computed is None or computed == stated:
            continue
        fixes: dict[tuple[Span, int], list[Row]] = {}
        for span, current in chosen.items():
            group = groups[span]
            if span[1] > reported.as_of or current.total is None or not _open(current, group, day):
                continue
            for row in group:
                if row.total is not None and computed - current.total + row.total == stated:
                    fixes.setdefault((span, row.total), []).append(row)
        if len(fixes) == 1:
            [((span, _), rows)] = fixes.items()
            chosen[span] = _best(rows, day)


def _by_split(
    chosen: dict[Span, Row], groups: dict[Span, list[Row]], totals: Sequence[Total], day: int
) -> None:
    """A split printed by `day` for the same total stands over one printed later, unless
    the latest men or women reported by then say otherwise."""
    for span, current in list(chosen.items()):
        group = groups[span]
        if current.men is None or any(
            (r.men, r.women, r.total) == (current.men, current.women, current.total)
            for r in _printed(group, day)
        ):
            continue
        printed = [
            r for r in _printed(group, day) if r.total == current.total and r.men is not None
        ]
        if not printed:
            continue
        split = _best(printed, day)
        trial = chosen | {span: split}
        for reported in totals:
            if reported.as_of < span[1]:
                continue
            for column in ("men", "women"):
                stated = reported.value(column)
                if stated is None:
                    continue
                now, then = (_sum(c, reported.as_of, column) for c in (chosen, trial))
                if now == stated and then != stated:
                    split = current
        chosen[span] = split


def on_the_evidence(
    chosen: list[Row], rows: Sequence[Row], totals: Sequence[Total], day: int
) -> list[Row]:
    """The day's series (`chosen`, by period, as rule.chosen_on gives it: its newest
    period's figure published by `day`) with its earlier periods weighed against the
    evidence of `day` (see the module's docstring); `rows` hold every chosen row."""
    newest = chosen[-1].end_day
    groups: dict[Span, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.span, []).append(row)
    latest = latest_totals(totals, day, newest)
    # Both steps pass over a figure printed by `day` as it stands: the newest period's
    # (published by then, by definition), and MOU's own statement in force.
    fixed = {row.span: row for row in chosen}
    _by_total(fixed, groups, latest, day)
    _by_split(fixed, groups, latest, day)
    return [fixed[span] for span in sorted(fixed)]

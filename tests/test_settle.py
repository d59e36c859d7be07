"""Rule 4 of the as-of rule (analysis.vintages.settle) at its edges, on plain rows: a
back-series figure nobody had printed by the day gives way to the one other figure
that makes the day's reported total add up, and a split printed by then for the same
total stands over one printed later."""

import pandas as pd

from analysis.vintages import rule, settle

DAY = 30  # the vintage's day (an ordinal); the tables below were printed on day 50


def year(
    y: int, source: str, published: int, total: int, men: int | None = None, rank: int = 0
) -> rule.Row:
    """One source's figure for calendar year `y`."""
    start, end = pd.Timestamp(y, 1, 1), pd.Timestamp(y, 12, 31)
    women = None if men is None else total - men
    return rule.Row(
        *(0, str(y), start, end, end.toordinal(), source, "report", rank, 10),
        *(published, published, None, men, women, total, 1, (start.toordinal(), end.toordinal())),
    )


def end_of(y: int) -> int:
    return pd.Timestamp(y, 12, 31).toordinal()


def total(y: int, published: int, figure: int) -> settle.Total:
    """A cumulative total to the end of `y`, reported on day `published`."""
    return settle.Total(end_of(y), published, None, None, figure)


def test_the_latest_totals_are_those_of_the_last_day_by_then_up_to_the_series() -> None:
    early, late = total(2002, 10, 100), total(2002, 20, 200)
    beyond, after = total(2004, 20, 300), total(2002, 40, 400)
    assert settle.latest_totals([early, late, beyond, after], DAY, end_of(2003)) == [late]
    assert settle.latest_totals([after], DAY, end_of(2003)) == []


TABLE = {
    y: year(y, f"table-{y}", 50, t, rank=1)
    for y, t in ((2001, 1000), (2002, 1138), (2003, 1200), (2004, 900))
}
CHOSEN = [TABLE[y] for y in sorted(TABLE)]


def test_the_one_figure_that_makes_the_total_add_up_stands() -> None:
    """To the end of 2002 the press reported 2,139: only 2002 at 1,139 (printed by then)
    instead of the table's 1,138 makes it so. 2001's figure was printed by then and is
    not weighed; 2003 lies after the total; a total already reproduced decides nothing."""
    printed_2001 = year(2001, "press-2001", 5, 1000)
    press_2002 = year(2002, "press-2002", 5, 1139)
    press_2003 = year(2003, "press-2003", 5, 1201)  # after the total: not a candidate
    rows = [*CHOSEN, printed_2001, press_2002, press_2003]
    totals = [total(2001, 20, 1000), total(2002, 20, 2139)]
    settled = settle.on_the_evidence(CHOSEN, rows, totals, DAY)
    assert [r.source_id for r in settled] == [
        "table-2001",
        "press-2002",
        "table-2003",
        "table-2004",
    ]


def test_a_total_with_two_ways_to_add_up_decides_nothing() -> None:
    press_2001 = year(2001, "press-2001", 5, 1001)
    press_2002 = year(2002, "press-2002", 5, 1139)
    rows = [*CHOSEN, press_2001, press_2002]
    settled = settle.on_the_evidence(CHOSEN, rows, [total(2002, 20, 2139)], DAY)
    assert settled == CHOSEN


def test_a_split_printed_by_then_stands_over_one_printed_later() -> None:
    """2002's split as printed by then stands; 2001's total was printed without a split
    (nothing to stand for it), and 2003's table gives no split, so a press split does
    not replace it."""
    chosen = [
        year(2001, "table-2001", 50, 1000, men=600, rank=1),
        year(2002, "table-2002", 50, 1138, men=500, rank=1),
        year(2003, "table-2003", 50, 1200, rank=1),
        TABLE[2004],
    ]
    printed = [
        year(2001, "press-2001", 5, 1000),
        year(2002, "press-2002", 5, 1138, men=501),
        year(2003, "press-2003", 5, 1200, men=700),
    ]
    settled = settle.on_the_evidence(chosen, [*chosen, *printed], [], DAY)
    assert [r.source_id for r in settled] == [
        "table-2001",
        "press-2002",
        "table-2003",
        "table-2004",
    ]


# 2000 and 2001 as printed by then, split and all; 2002's split printed only later, while
# a press report printed the same total with another split by then.
SPLITS = [
    year(2000, "table-2000", 50, 900, men=400, rank=1),
    year(2001, "table-2001", 50, 1000, men=600, rank=1),
    year(2002, "table-2002", 50, 1138, men=500, rank=1),
    year(2003, "table-2003", 50, 1200, rank=1),
]
SPLITS_PRINTED = [
    year(2000, "press-2000", 5, 900, men=400),
    year(2001, "press-2001", 5, 1000, men=600),
    year(2002, "press-2002", 5, 1138, men=501),
]


def _split_2002(*totals: settle.Total) -> str:
    settled = settle.on_the_evidence(SPLITS, [*SPLITS, *SPLITS_PRINTED], list(totals), DAY)
    return {r.end_day: r for r in settled}[end_of(2002)].source_id


def test_a_split_is_weighed_after_periods_printed_as_they_stand() -> None:
    """2000 and 2001 stand as printed and are passed over; 2002 is still weighed."""
    assert _split_2002() == "press-2002"


def test_the_latest_women_keep_a_later_split_that_adds_up() -> None:
    """Women to the end of 2002 reported as 1,538 (no men given) add up with the table's
    later split (500 + 400 + 638) and not the press split's 637: the later split stays.
    A total to the end of 2001, before the period, weighs nothing and does not stop the
    weighing; a total that adds up with neither split keeps the split printed by then."""
    before = settle.Total(end_of(2001), 20, None, 1000, None)
    women = settle.Total(end_of(2002), 20, None, 500 + 400 + 638, None)
    assert _split_2002(before, women) == "table-2002"
    assert _split_2002(settle.Total(end_of(2002), 20, None, 9999, None)) == "press-2002"


def test_a_sum_with_a_figure_missing_is_none() -> None:
    chosen = {r.span: r for r in (year(2001, "a", 5, 1000), year(2002, "b", 5, 1100, men=600))}
    assert settle._sum(chosen, end_of(2002), "men") is None
    assert settle._sum(chosen, end_of(2002), "total") == 2100
    assert settle._sum(chosen, end_of(2001), "total") == 1000

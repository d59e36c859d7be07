"""Annual arrivals as they stood in a given vintage.

MOU revises its figures: the first release of a year is provisional, and each
later table restates the whole back-series. A vintage is one answer to "which
figures?": an official table as printed, each year as first reported, the
figures as they stood on a given day (for example the article's), or the latest.

The series periods are those of MOU's own tables (the buckets "up to 1998" and
1999-2001, then calendar years), followed by the calendar years reported after
the newest table. Other periods (single years before 2002, part-years) stay in
the reports table; they are never spread over or summed into the series.

Dates. A publication date is a day, a month, a year, or an interval of two of
them ("2020-10-01/2021-01-19"): the interval of days it may mean. A figure counts
as published on day D only from the interval's last day. An MOU table has two
dates: the day its figures refer to (data/table_dates.csv) and the day it was
published, or the earliest day evidence shows it was public, or, for an undated
table, the interval its contents allow: after its reference date and before the
first announcement of a figure it lacks (sources.csv, `published`); only the
second makes it count.

Ranking of the figures for one period, best first, and why:
1. MOU's own publications, equal in rank: a correction (MOU's notice that a
   figure was wrong), a table, and a restatement (a dated report of MOU's
   revised back-series). Each is MOU stating a figure on a day, so the newest
   is in force: a table older than a restatement, or a correction older than a
   table, is stale.
2. Press report of a release (the newest year's provisional figure).
Within a rank the later publication wins where the order is known; where two
date intervals overlap (the order is unknown), a precise date outranks an
imprecise one; then the later, then a sex split, then source_id.

Rule for "as stood on day D" (`as_of`):
1. Only figures published by D count as published.
2. The newest year reported by D is provisional: it takes its best figure
   published by D (the ranking above). Its publication is "the release".
3. Every earlier period takes MOU's statement of the back-series in force: the
   newest MOU table or restatement published by D on or after the release; or,
   when none was, the earliest published after D (MOU does not date individual
   revisions, and a table restates the back-series it held then, so the first
   one after the release is the nearest evidence of the series in force); else
   the latest table covering the period. Periods no table covers fall back to
   rule 2; MOU corrections published by D override an older statement.
4. The evidence of the day (`settle`): an earlier period's figure that no source
   had printed by D gives way when the latest cumulative totals reported by D do
   not add up with it but add up with exactly one other figure ever printed for
   one such period (2002 stood at 1,139, not the 2012 table's 1,138, while
   Hankook Ilbo's 4,410 to the end of 2003 was the latest total); and a split by
   sex printed by D for the same total stands over one printed only later,
   unless the latest men or women reported by then add up only with the later
   one. MOU's own statement in force, printed by D, is never second-guessed.
5. Each row says so: `basis` is "published" when some source had printed its
   total by D (`source_id` and `published` name that source), "inferred" when
   none had (`inferred_from` names the later source it comes from, and so does
   it for a split printed only later); an inferred row names in
   `reconciles_with` the cumulative total, reported at a date, that the series
   containing that very figure reproduces exactly (the evidence that the
   back-series stood then), or is empty when no such total exists.
The rule is checked against every cumulative total reported (tests/test_vintages.py,
notebooks on revisions): it gives 31,339 arrivals with 22,345 women at the end of
2017 exactly, as reported on 5 January 2018.

Modules: `names` (vintages in words), `rule` (the ranking and the choice per
day), `settle` (rule 4: the day's evidence), `reconcile` (cumulative totals
against the series), `book` (one data set's vintages, each computed once).
"""

from datetime import date

import pandas as pd

from analysis.load.datasets import Data
from analysis.load.vocabulary import COUNT_COLUMNS
from analysis.vintages.book import (
    INFERRED,
    OUTPUT_COLUMNS,
    PUBLISHED,
    Book,
    Entry,
    period_label,
)
from analysis.vintages.names import ACCEPTED_FORMS, ARTICLE, FIRST, LATEST, Vintage
from analysis.vintages.reconcile import reconcile_total, year_end_reconciliation

__all__ = [
    "ACCEPTED_FORMS",
    "ARTICLE",
    "FIRST",
    "INFERRED",
    "LATEST",
    "OUTPUT_COLUMNS",
    "PUBLISHED",
    "Book",
    "Entry",
    "Vintage",
    "arrivals",
    "period_label",
    "reconcile_total",
    "revisions",
    "year_end_reconciliation",
]


def arrivals(vintage: "str | date | Vintage", data: Data) -> pd.DataFrame:
    """Annual arrivals (period, start, end, men, women, total) for one vintage.

    `vintage` is "latest", "first" (each period as first reported), "article"
    (as stood on the article's vintage date), a day (as stood that day:
    "2018-01-07" or a date), or the source_id of an official MOU table (e.g.
    "mou-table-2012-01-11"). Each row names the source_id and publication date
    of its figure, whether it was published by then or inferred from a later
    table, and the evidence for an inference. To ask several questions of one
    data set, make a `Book` once and call its `arrivals`.
    """
    return Book(data).arrivals(vintage)


def revisions(book: Book) -> pd.DataFrame:
    """Each series period as first reported beside the latest figure, by sex and in
    total, with the change: a revision that moves people between the sexes (2017's
    189 -> 188 men, 938 -> 939 women) leaves the total unchanged and shows only here."""
    first, latest = book.arrivals(FIRST), book.arrivals(LATEST)
    merged = first[["period", "end", *COUNT_COLUMNS]].merge(
        latest[["period", *COUNT_COLUMNS]], on="period", suffixes=("_first", "_latest")
    )
    changes = {f"{c}_change": merged[f"{c}_latest"] - merged[f"{c}_first"] for c in COUNT_COLUMNS}
    return merged.assign(**changes).sort_values("end").reset_index(drop=True)

"""One data set's vintages: the series reports ranked once, each publication
day's series chosen once, and the reconciliations that show which back-series
stood when. Everything a vintage question needs comes from one `Book`."""

import copy
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from analysis.load.article import Article
from analysis.load.datasets import Data
from analysis.load.vocabulary import COUNT_COLUMNS
from analysis.vintages import reconcile, rule, settle
from analysis.vintages.names import ACCEPTED_FORMS, FIRST, Vintage
from analysis.vintages.periods import Period
from analysis.vintages.rule import EVIDENCE_RANK, Row

PUBLISHED, INFERRED = "published", "inferred"
OUTPUT_COLUMNS = [
    "period",
    "start",
    "end",
    "men",
    "women",
    "total",
    "source_id",
    "published",
    "basis",
    "inferred_from",
    "reconciles_with",
]


@dataclass(frozen=True)
class Entry:
    """A period's figure in one vintage: the row chosen and how it stood then."""

    row: Row
    inferred: bool  # no source printed this total by the vintage's day
    reconciles_with: str  # for an inferred figure, the total that shows it stood then
    printed_by: Row | None = None  # the source that printed the total by then, if not `row`
    split_inferred: bool = False  # men and women as printed only after the vintage's day


def period_label(start: pd.Timestamp | None, end: pd.Timestamp) -> str:
    """'2017' for a calendar year, 'up to 1998' for an open bucket, '1999-2001' for years."""
    if start is None or pd.isna(start):
        return f"up to {end.year}"
    whole_years = start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31
    if whole_years:
        return str(end.year) if start.year == end.year else f"{start.year}-{end.year}"
    return f"{start:%Y-%m} to {end:%Y-%m}"


def _ranked(reports: pd.DataFrame, data: Data) -> pd.DataFrame:
    """Reports with each figure's period label, rank, date precision and its table's
    reference date: what the as-of rule compares."""
    labels = [
        period_label(s, e)
        for s, e in zip(reports["period_start"], reports["period_end"], strict=True)
    ]
    reference = data.table_dates.set_index("source_id")["reference_date"]
    published = reports["published"]
    return reports.assign(
        period=labels,
        reference_date=reports["source_id"].map(reference),
        rank=reports["evidence"].map(EVIDENCE_RANK),
        # 4, 7 or 10 characters: a year, a month or a day; an interval counts as a year
        precision=published.str.len().where(~published.str.contains("/", regex=False), 4),
    )


def _whole_years(row: Row) -> bool:
    starts_year = row.start is None or (row.start.month, row.start.day) == (1, 1)
    return starts_year and (row.end.month, row.end.day) == (12, 31)


def series_rows(rows: list[Row]) -> list[Row]:
    """The rows of series periods, in file order: MOU's table periods (whole calendar
    years, or runs of them), then the calendar years after the last table period."""
    whole = [r for r in rows if _whole_years(r)]
    tables = {r.span for r in whole if r.evidence == "mou_table"}
    last = max((end for _, end in tables), default=None)
    return [
        r
        for r in whole
        if r.span in tables
        or (
            last is not None
            and r.end_day > last
            and r.start is not None
            and r.start.year == r.end.year
        )
    ]


def year_end_totals(data: Data) -> list[settle.Total]:
    """The cumulative totals reported to a 31 December, as the as-of rule weighs them:
    a figure recorded as the source's error (data/source_issues.csv) is left out."""
    issues = data.source_issues
    issues = issues[issues["table"] == "cumulative"]
    flagged = set(zip(issues["source_id"], issues["period_end"], issues["field"], strict=True))
    found = []
    for r in data.cumulative.to_dict("records"):
        as_of = pd.Timestamp(r["as_of"])
        if (as_of.month, as_of.day) != (12, 31):
            continue
        counts = [
            None if pd.isna(r[c]) or (r["source_id"], as_of, c) in flagged else int(r[c])
            for c in COUNT_COLUMNS
        ]
        day = pd.Timestamp(r["published_to"]).toordinal()
        found.append(settle.Total(as_of.toordinal(), day, *counts))
    return found


def _printed(rows: list[Row], row: Row, day: int) -> tuple[Row | None, bool]:
    """The best source among `rows` (the period's) that printed `row`'s total by `day`
    (None when none did), and whether `row`'s split was printed by then."""
    same = [r for r in rows if r.pub_to <= day and r.total == row.total]
    split = row.men is None or any((r.men, r.women) == (row.men, row.women) for r in same)
    by = min(same, key=lambda r: (-r.rank, -r.pub_to, r.source_id), default=None)
    return by, split


def _part_years(reports: pd.DataFrame) -> dict[pd.Timestamp, list[dict[str, Any]]]:
    """Every figure for 1 January to a day of the same year, by that day, in file order:
    what a cumulative total to a day other than 31 December adds to the series' whole
    years (only such days are looked up)."""
    starts_year = (reports["period_start"].dt.month == 1) & (reports["period_start"].dt.day == 1)
    same_year = reports["period_start"].dt.year == reports["period_end"].dt.year
    found: dict[pd.Timestamp, list[dict[str, Any]]] = {}
    for row in reports[starts_year & same_year].to_dict("records"):
        found.setdefault(pd.Timestamp(row["period_end"]), []).append(row)
    return found


def _published(data: Data, source_id: str) -> str:
    match = data.sources.loc[data.sources["source_id"] == source_id, "published"]
    return str(match.iloc[0])


class Book:
    """The as-of rule over one Data: each day's series chosen once, on demand.

    The series changes only on publication days, so a day's series is that of the
    last publication day on or before it; each of those is computed once.
    """

    def __init__(
        self,
        data: Data,
        article: Article | None = None,
        ranked: tuple[pd.DataFrame, list[Row]] | None = None,
    ):
        self.data = data
        self.article = data.articles[0] if article is None else article
        # The article's own figures, and reports that only repeat it, never stand for MOU's.
        # Every report ranked once per data set (shared with `for_article`'s books);
        # a row's `pos` is its position in `ranked`.
        self.ranked, self._every_row = ranked if ranked else self._rank(data)
        own = self.article.own_sources
        self.reports = data.reports[~data.reports["source_id"].isin(own).to_numpy()]
        kept = [r for r in self._every_row if r.source_id not in own]
        self.rows = series_rows(kept)
        self.series_reports = self.ranked.iloc[[r.pos for r in self.rows]]
        self.series_by_span: dict[tuple[int, int], list[Row]] = {}
        for row in self.rows:
            self.series_by_span.setdefault(row.span, []).append(row)
        self.latest_tables = rule.latest_tables(self.rows)
        self._days = sorted({r.pub_to for r in self.rows})
        self.part_years = _part_years(self.reports)
        self.by_span: dict[tuple[int, int], list[Row]] = {}
        for row in kept:
            self.by_span.setdefault(row.span, []).append(row)
        self.totals = year_end_totals(data)
        # Computed on demand, and shared with the copies `for_article` makes.
        self._chosen: dict[int, list[Row]] = {}
        self._exact: list[list[reconcile.Reconciled]] = []

    @staticmethod
    def _rank(data: Data) -> tuple[pd.DataFrame, list[Row]]:
        ranked = _ranked(data.reports, data)
        return ranked, rule.rows_of(ranked)

    @property
    def article_day(self) -> date:
        return self.article.vintage_date

    def for_article(self, article: Article) -> "Book":
        """This book for another article whose own reports it equally leaves out (none
        of either's are in the data): what is chosen per day is shared, computed once;
        only the day "article" means differs."""
        own = set(self.data.reports["source_id"])
        if (article.own_sources | self.article.own_sources) & own:
            return Book(self.data, article, (self.ranked, self._every_row))
        book = copy.copy(self)
        book.article = article
        return book

    def chosen(self, day: date) -> list[Row]:
        """The chosen figure per period on `day`, ordered by period."""
        at = bisect_right(self._days, day.toordinal())
        if at == 0:
            raise ValueError(f"no arrivals figure was published on or before {day}")
        boundary = self._days[at - 1]
        if boundary not in self._chosen:
            chosen = rule.chosen_on(self.rows, self.latest_tables, boundary)
            self._chosen[boundary] = settle.on_the_evidence(
                chosen, self.rows, self.totals, boundary
            )
        return self._chosen[boundary]

    @property
    def exact(self) -> list[reconcile.Reconciled]:
        """Every cumulative total its day's series reproduces exactly (computed once)."""
        if not self._exact:
            self._exact.append(reconcile.exact_reconciliations(self))
        return self._exact[0]

    def entries(self, vintage: "str | date | Vintage") -> list[Entry]:
        """Each series period's figure in `vintage`, ordered by period."""
        parsed = Vintage.parse(vintage)
        day = parsed.on(self.article_day)
        if day is None:
            rows = self._as_printed(parsed)
            return [Entry(row, False, "") for row in rows]
        ordinal = day.toordinal()
        entries = []
        for row in self.chosen(day):
            by, split = (
                (row, True)
                if row.pub_to <= ordinal
                else _printed(self.series_by_span[row.span], row, ordinal)
            )
            inferred = by is None
            label = reconcile.reconciles_with(self.exact, row, ordinal) if inferred else ""
            entries.append(Entry(row, inferred, label, None if by is row else by, not split))
        return entries

    def figure(self, period: Period, vintage: "str | date | Vintage") -> Entry | None:
        """The figure that stands for any period in `vintage`: a series year's from the
        series, any other period's (a half, a quarter, January to August) by the same
        ranking among its own reports (a first release is provisional until restated).
        None when no figure for the period was published by then."""
        parsed = Vintage.parse(vintage)
        if period.whole_year:
            entry = next((e for e in self.entries(parsed) if e.row.end == period.end), None)
            if entry is not None and entry.row.start == period.start:
                return entry
        rows = self.by_span.get((period.start.toordinal(), period.end.toordinal()), [])
        day = parsed.on(self.article_day)
        if parsed.name == FIRST:
            chosen = rule.earliest(rows)
        elif day is None:  # an MOU table, as printed
            chosen = rule.best(r for r in rows if r.source_id == parsed.table)
        else:  # a day's figures ("latest" is the last day's)
            chosen = rule.best(r for r in rows if r.pub_to <= day.toordinal())
        row = next(iter(chosen.values()), None)
        return None if row is None else Entry(row, False, "")

    def _as_printed(self, vintage: Vintage) -> list[Row]:
        if vintage.name == FIRST:
            chosen = rule.earliest(self.rows)
            return [chosen[end] for end in sorted(chosen)]
        rows = [r for r in self.rows if r.source_id == vintage.table and r.evidence == "mou_table"]
        if not rows:
            raise ValueError(
                f"no official MOU table with source_id {vintage.table!r}; "
                f"a vintage is {ACCEPTED_FORMS}"
            )
        return sorted(rows, key=lambda r: r.end_day)

    def arrivals(self, vintage: "str | date | Vintage") -> pd.DataFrame:
        """Annual arrivals (period, start, end, men, women, total) for one vintage, each
        row naming its source, publication date, basis and the evidence for an inference."""
        entries = self.entries(vintage)
        rows = self.ranked.iloc[[e.row.pos for e in entries]]
        shown = [e.printed_by or e.row for e in entries]
        out = rows.rename(columns={"period_start": "start", "period_end": "end"}).assign(
            source_id=[r.source_id for r in shown],
            published=[_published(self.data, r.source_id) for r in shown],
            basis=[INFERRED if e.inferred else PUBLISHED for e in entries],
            inferred_from=[
                e.row.source_id if e.inferred or e.split_inferred else "" for e in entries
            ],
            reconciles_with=[e.reconciles_with for e in entries],
        )
        return out[OUTPUT_COLUMNS].reset_index(drop=True)

    def describe(self, vintage: "str | date | Vintage") -> str:
        """A vintage in words, for labels: "as published on 7 January 2018"."""
        return Vintage.parse(vintage).describe(self.article_day)

"""How checks read the data: only through a Reading, which records every cell it
hands out as a located Figure. A verdict's evidence is that record, so it lists
the figures the check actually used, no more and no fewer
(tests/test_evidence.py changes each listed cell, and a sample of the others,
to prove it).
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis.claims.evidence import Figure
from analysis.claims.inputs import Point, Series
from analysis.claims.reports import ARRIVALS_FILE, COLUMN_WORDS, Reports
from analysis.vintages import ARTICLE, Vintage, periods


def _basis(point: Point, column: str) -> str:
    """How a series figure stood on the vintage's day: published by then (by the row's
    source or another), or inferred; a split printed only later says so (its total was
    then printed by another source, or the figure would be inferred)."""
    if not point.inferred:
        printed = f"printed by then by {point.printed_by}" if point.printed_by else ""
        if column != "total" and point.split_inferred:
            return (
                f"split from {point.row.source_id}, published later; only the total was {printed}"
            )
        return printed
    evidence = point.reconciles_with
    return f"inferred from {point.row.source_id}, published later" + (
        f"; the back-series it belongs to reconciles with {evidence}" if evidence else ""
    )


def period_words(period: str) -> str:
    """A registry period in words: "2017" stays, "2018-H1" is "January to June 2018"."""
    try:
        return periods.parse(period).words
    except ValueError:
        return period  # a series label such as "up to 1998"


@dataclass
class Reading(Reports):
    """One claim's view of the data: every value it reads becomes evidence."""

    sole_source: bool = False  # a period it found no figure for is given by the article alone

    # --- the annual series ----------------------------------------------------

    def _table(self, then: "bool | date") -> Series:
        """This vintage's series; with `then`, the article's; with a day, that day's."""
        if isinstance(then, date):
            return self.ctx.series_on(then)
        return self.ctx.article_series if then else self.ctx.series

    def _point(self, period: str, then: "bool | date") -> Point | None:
        """A series period's figure, or any other period's (a half, a quarter, a year
        before the series' own years) ranked among its own reports."""
        point = self._table(then).get(period)
        if point is not None:
            return point
        try:
            span = periods.parse(period)
        except ValueError:
            return None
        vintage = self.ctx.vintage if then is False else (ARTICLE if then is True else then)
        book = self.ctx.inputs.book
        entry = book.figure(span, vintage)
        if entry is None:
            last = Vintage.parse(vintage).on(book.article_day) or date.max
            self.sole_source |= self.ctx.inputs.own_figure_by(span, last)
            return None
        return Point(entry.row, False, "", book.describe(vintage))

    def has(self, period: str, then: "bool | date" = False) -> bool:
        """Whether the vintage has a figure for `period` (reads no value)."""
        point = self._point(period, then)
        return point is not None and point.row.total is not None

    def sole_source_note(self) -> str:
        """When a period this reading found no figure for is one the article itself
        gives by then (its own figure cannot confirm it), say so."""
        if not self.sole_source:
            return ""
        return "; sole source by then: the article itself, which cannot confirm its own figure"

    def figure(self, period: str, column: str, then: "bool | date" = False) -> Figure | None:
        """`column` for `period` on this vintage (or, `then`, the article's date, or a day)."""
        point = self._point(period, then)
        value = None if point is None else point.row.value(column)
        if point is None or value is None:
            return None
        return self._use(
            Figure(
                label=f"{COLUMN_WORDS[column]}, {period_words(period)}",
                value=value,
                file=ARRIVALS_FILE,
                line=point.row.line,
                column=column,
                source=self.ctx.source(point.row.source_id),
                vintage=point.vintage,
                note=_basis(point, column),
            )
        )

    def value(self, period: str, column: str, then: "bool | date" = False) -> int | None:
        found = self.figure(period, column, then)
        return None if found is None else int(found.value)

    def cumulative(
        self, through: str, column: str, then: "bool | date" = False
    ) -> tuple[int | None, list[tuple[str, int | None]]]:
        """The sum of `column` over every series period ending by `through` (a year's end,
        or a day: then the part year to that day is added), and its terms; the sum is None
        when any term is missing (a partial sum would look right and be wrong)."""
        end = periods.through(through)
        year_end = end if (end.month, end.day) == (12, 31) else pd.Timestamp(end.year - 1, 12, 31)
        labels = [p for p, point in self._table(then).items() if point.row.end <= year_end]
        if end != year_end:
            labels.append(f"{end.year}-01-01/{through}")
        terms = [(p, self.value(p, column, then)) for p in labels]
        values = [v for _, v in terms if v is not None]
        return (sum(values) if terms and len(values) == len(terms) else None), terms

    def years(
        self, first: int, last: int, column: str, then: "bool | date" = False
    ) -> dict[str, int]:
        """Each calendar year's `column` from `first` to `last` that the vintage gives,
        from the series or, before its own years, from single-year reports."""
        found = {}
        for year in range(first, last + 1):
            value = self.value(str(year), column, then)
            if value is not None:
                found[str(year)] = value
        return found

    def periods(self, first: int, last: int, then: "bool | date" = False) -> list[str]:
        """The calendar years of the series from `first` to `last` (reads no value)."""
        return [
            period
            for period, point in self._table(then).items()
            if point.row.start is not None
            and point.row.start.year == point.row.end.year
            and first <= point.row.end.year <= last
        ]

    def last_year(self) -> int:
        return max(point.row.end.year for point in self.ctx.series.values())

    def first_published(self, period: str) -> Figure | None:
        """When `period`'s figures were first published: the publication date of its first report."""
        point = self.ctx.first().get(period)
        if point is None:
            return None
        source = self.ctx.source(point.row.source_id)
        return self._use(
            Figure(
                label=f"first publication of {period}'s figures",
                value=source.published,
                file="data/sources.csv",
                line=source.line,
                column="published",
                source=source,
                vintage=point.vintage,
            )
        )

    def trail(self, period: str, column: str) -> None:
        """Record every value ever published for `period`'s `column` (context, not evidence
        the verdict rests on), when the article's date and the latest data disagree."""
        if not self.revised(period, column):  # so the period is one of the series'
            return
        rows = sorted(
            (r for r in self.ctx.inputs.by_period[period] if r.value(column) is not None),
            key=lambda r: (r.pub_to, r.pub_from, r.source_id),
        )
        if len({r.value(column) for r in rows}) < 2:
            return
        for row in rows:
            figure = self._report_figure(row, column, "as published")
            if figure.cell not in {f.cell for f in self.revisions}:
                self.revisions.append(figure)

    def revised(self, period: str, column: str) -> bool:
        """Whether `period`'s `column` differs between the article's date and now (reads no value)."""
        then, now = self.ctx.article_series.get(period), self.ctx.latest_series.get(period)
        if then is None or now is None:
            return False
        return then.row.value(column) != now.row.value(column)

    def revised_periods(self, through: str, column: str) -> list[str]:
        """Periods up to `through` whose `column` differs between the article's date and now."""
        end = periods.through(through)
        return [
            period
            for period, point in self.ctx.article_series.items()
            if point.row.end <= end and self.revised(period, column)
        ]

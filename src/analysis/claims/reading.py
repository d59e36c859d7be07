"""How checks read the data: only through a Reading, which records every cell it
hands out as a located Figure. A verdict's evidence is that record, so it lists
the figures the check actually used, no more and no fewer
(tests/test_evidence.py changes each listed cell, and a sample of the others,
to prove it).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from analysis.claims.evidence import Figure
from analysis.claims.inputs import Point, Series
from analysis.claims.ledger import Ledger
from analysis.vintages.rule import Row

ARRIVALS_FILE = "data/arrivals.csv"
COLUMN_WORDS = {"men": "men", "women": "women", "total": "arrivals"}


def _basis(point: Point, column: str = "total") -> str:
    """How a series figure stood on the vintage's day: published by then (by the row's
    source or another), or inferred; a split printed only later says so."""
    if not point.inferred:
        printed = f"printed by then by {point.printed_by}" if point.printed_by else ""
        if column != "total" and point.split_inferred:
            split = f"split from {point.row.source_id}, published later"
            return f"{split}; the total {printed}" if printed else split
        return printed
    evidence = point.reconciles_with
    return f"inferred from {point.row.source_id}, published later" + (
        f"; the back-series it belongs to reconciles with {evidence}" if evidence else ""
    )


def _year_end(year: str) -> pd.Timestamp:
    return pd.Timestamp(f"{year}-12-31")


@dataclass
class Reading(Ledger):
    """One claim's view of the data: every value it reads becomes evidence."""

    # --- the annual series ----------------------------------------------------

    def _table(self, then: "bool | date") -> Series:
        """This vintage's series; with `then`, the article's; with a day, that day's."""
        if isinstance(then, date):
            return self.ctx.series_on(then)
        return self.ctx.article_series if then else self.ctx.series

    def has(self, period: str, then: "bool | date" = False) -> bool:
        """Whether the vintage has a figure for `period` (reads no value)."""
        point = self._table(then).get(period)
        return point is not None and point.row.total is not None

    def figure(self, period: str, column: str, then: "bool | date" = False) -> Figure | None:
        """The series' `column` for `period` on this vintage (or, `then`, the article's)."""
        point = self._table(then).get(period)
        value = None if point is None else point.row.value(column)
        if point is None or value is None:
            return None
        return self._use(
            Figure(
                label=f"{COLUMN_WORDS[column]}, {period}",
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
        """The sum of `column` over every series period ending by the end of `through`,
        and its terms; the sum is None when any term is missing (a partial sum would
        look right and be wrong)."""
        end = _year_end(through)
        periods = [p for p, point in self._table(then).items() if point.row.end <= end]
        terms = [(p, self.value(p, column, then)) for p in periods]
        values = [v for _, v in terms if v is not None]
        return (sum(values) if terms and len(values) == len(terms) else None), terms

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
        end = _year_end(through)
        return [
            period
            for period, point in self.ctx.article_series.items()
            if point.row.end <= end and self.revised(period, column)
        ]

    # --- reported figures and totals -------------------------------------------

    def reported_totals(self, through: str, column: str) -> list[tuple[Figure, date]]:
        """Cumulative totals to the end of `through` as reported (data/cumulative.csv) by
        this vintage's last day, each with the last day it can have been published."""
        end, last = _year_end(through), pd.Timestamp(self.ctx.last_day)
        rows = [
            row
            for (_, as_of), row in self.ctx.inputs.cumulative.items()
            if as_of == end and not pd.isna(row[column]) and row["published_to"] <= last
        ]
        return [
            (
                self._use(self._cumulative_figure(row, column, f"up to {through}, as reported")),
                row["published_to"].date(),
            )
            for row in rows
        ]

    def _cumulative_figure(self, row: dict[Any, Any], column: str, label: str) -> Figure:
        """A cell of data/cumulative.csv."""
        return Figure(
            label=f"{COLUMN_WORDS[column]} {label}",
            value=int(row[column]),
            file="data/cumulative.csv",
            line=int(row["line"]),
            column=column,
            source=self.ctx.source(str(row["source_id"])),
            vintage="as reported",
        )

    def recorded_issue(self, figure: Figure, table: str, period: str) -> str | None:
        """The id of the source issue (data/source_issues.csv) recorded for a figure of
        `table` ("arrivals" or "cumulative") for the period ending with `period` (a year,
        a series period's label, or a day)."""
        issues = self.ctx.inputs.data.source_issues
        if period.isdigit():
            end = _year_end(period)
        elif len(period) == 10 and period[4] == "-" and period[:4].isdigit():
            end = pd.Timestamp(period)
        else:
            end = self.ctx.inputs.by_period[period][0].end
        match = issues[
            (issues["table"] == table)
            & (issues["source_id"] == figure.source.id)
            & (issues["period_end"] == end)
            & (issues["field"] == figure.column)
        ]
        return str(match["issue_id"].iloc[0]) if len(match) else None

    def _report_figure(self, row: Row, column: str, vintage: str) -> Figure:
        value = row.value(column)
        assert value is not None  # every caller picks rows that give the figure
        return Figure(
            label=f"{COLUMN_WORDS[column]}, {row.period}",
            value=value,
            file=ARRIVALS_FILE,
            line=row.line,
            column=column,
            source=self.ctx.source(row.source_id),
            vintage=vintage,
        )

    def reported_cumulative(self, source_id: str, as_of: str, column: str) -> Figure:
        """One source's cumulative total to `as_of`, as it printed it."""
        row = self.ctx.inputs.cumulative.get((source_id, pd.Timestamp(as_of)))
        if row is None or pd.isna(row[column]):
            raise ValueError(f"{source_id} gives no {column} up to {as_of} in data/cumulative.csv")
        return self._use(self._cumulative_figure(row, column, f"up to {as_of}"))

    def _rows(self, period: str) -> list[Row]:
        return self.ctx.inputs.by_period.get(period, [])

    def report(self, source_id: str, period: str, column: str) -> Figure:
        """One source's figure for a series period, as it printed it."""
        match = [r for r in self._rows(period) if r.source_id == source_id]
        if len(match) != 1 or match[0].value(column) is None:
            raise ValueError(f"{source_id} gives no {column} for {period} in {ARRIVALS_FILE}")
        return self._use(self._report_figure(match[0], column, "as reported"))

    def same_value_elsewhere(self, period: str, column: str, reported: Figure) -> list[Figure]:
        """Other sources' figures for `period` equal to `reported`, whenever published."""
        same = sorted(
            (
                r
                for r in self._rows(period)
                if r.value(column) == reported.value and r.source_id != reported.source.id
            ),
            key=lambda r: (r.pub_to, r.source_id),
        )
        return [self._use(self._report_figure(r, column, "as published")) for r in same]

    def earlier_reports(self, period: str, column: str, than: Figure) -> list[Figure]:
        """Figures for `period` that other sources published before `than`'s source."""
        published_from = self.ctx.inputs.published[than.source.id][0].toordinal()
        earlier = sorted(
            (
                r
                for r in self._rows(period)
                if r.value(column) is not None
                and r.pub_to < published_from
                and r.source_id != than.source.id
            ),
            key=lambda r: (r.pub_to, r.source_id),
        )
        return [self._use(self._report_figure(r, column, "as published earlier")) for r in earlier]

"""How checks read what sources reported, as opposed to the series: MOU's and the
press's cumulative totals (data/cumulative.csv) and single sources' figures
(data/arrivals.csv), each handed out as a located Figure that becomes evidence."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from analysis.claims.evidence import Figure
from analysis.claims.ledger import Ledger
from analysis.vintages import periods
from analysis.vintages.rule import Row

ARRIVALS_FILE = "data/arrivals.csv"
COLUMN_WORDS = {"men": "men", "women": "women", "total": "arrivals"}


@dataclass
class Reports(Ledger):
    """A claim's view of single sources' figures and totals: each becomes evidence."""

    def reported_totals(self, through: str, column: str) -> list[tuple[Figure, date]]:
        """Cumulative totals to the end of `through` as reported (data/cumulative.csv) by
        this vintage's last day, each with the last day it can have been published."""
        end, last = periods.through(through), pd.Timestamp(self.ctx.last_day)
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
        if period.isdigit():
            end = periods.through(period)
        elif len(period) == 10 and period[4] == "-" and period[:4].isdigit():
            end = pd.Timestamp(period)
        else:
            end = self.ctx.inputs.by_period[period][0].end
        issue = self.ctx.inputs.issues.get((table, figure.source.id, end, figure.column))
        return None if issue is None else str(issue["issue_id"])

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

    def reported_series(self, column: str) -> list[tuple[pd.Timestamp, Figure]]:
        """Every cumulative total of `column` reported by this vintage's last day, by the
        day it runs to (of two to one day, the later published)."""
        last = pd.Timestamp(self.ctx.last_day)
        rows = sorted(
            (r for r in self.ctx.inputs.cumulative.values() if not pd.isna(r[column])),
            key=lambda r: (r["as_of"], r["published_to"]),
        )
        by_day = {r["as_of"]: r for r in rows if r["published_to"] <= last}
        return [
            (as_of, self._use(self._cumulative_figure(r, column, f"up to {as_of.date()}")))
            for as_of, r in by_day.items()
        ]

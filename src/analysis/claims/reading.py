"""How checks read the data: only through a Reading, which records every cell it
hands out as a located Figure. A verdict's evidence is that record, so it lists
the figures the check actually used, no more and no fewer
(tests/test_evidence.py changes each listed cell, and a sample of the others,
to prove it).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import datasets, vintages
from analysis.claims.evidence import Evidence, Figure, Outcome, Source
from analysis.claims.registry import Claim, Registry, stated_line
from analysis.claims.verdicts import Verdict

ARRIVALS_FILE = "data/arrivals.csv"
COLUMN_WORDS = {"men": "men", "women": "women", "total": "arrivals"}


def _at(table: pd.DataFrame, row: str, column: str) -> Any:
    """One cell, None when missing (pandas' own missing markers never leave this module)."""
    value: Any = table.loc[row, column]
    return None if pd.isna(value) else value


def _basis(table: pd.DataFrame, period: str) -> str:
    """How a series figure stood on the vintage's day: published by then, or inferred."""
    if _at(table, period, "basis") != vintages.INFERRED:
        return ""
    evidence = _at(table, period, "reconciles_with")
    return f"inferred from {_at(table, period, 'inferred_from')}, published later" + (
        f"; the back-series it belongs to reconciles with {evidence}" if evidence else ""
    )


class Context:
    """The data one vintage's checks need, loaded once per vintage."""

    def __init__(
        self, vintage: "str | date | vintages.Vintage", registry: Registry, data_dir: Path
    ):
        self.vintage = vintages.Vintage.parse(vintage)
        self.registry = registry
        self.data_dir = data_dir
        self.series = self._series(self.vintage)
        self.article_series = self._series(vintages.Vintage(vintages.ARTICLE))
        self.latest_series = self._series(vintages.Vintage(vintages.LATEST))
        self._series_on: dict[date, pd.DataFrame] = {}
        self.reports = datasets.reports(data_dir)
        self.series_reports = vintages.series_reports(data_dir)
        self.cumulative = datasets.cumulative(data_dir)
        self.source_issues = datasets.source_issues(data_dir)
        self.table_dates = datasets.table_dates(data_dir).set_index("source_id")
        self.sources = datasets.sources(data_dir).set_index("source_id")
        self.article_source = datasets.article(data_dir).source_id
        self.anecdotes = {
            "border_arrests.csv": datasets.border_arrests(data_dir).set_index("figure_id"),
            "repatriation_context.csv": datasets.repatriation_context(data_dir).set_index(
                "figure_id"
            ),
        }
        self._report_lines: dict[tuple[Any, Any, Any], int] = {
            (
                r["source_id"],
                r["period_end"],
                None if pd.isna(r["period_start"]) else r["period_start"],
            ): int(r["line"])
            for r in self.reports.to_dict("records")
        }

    def series_on(self, day: date) -> pd.DataFrame:
        """The series as it stood on `day` (kept: several reports may share a day)."""
        if day not in self._series_on:
            self._series_on[day] = self._series(vintages.Vintage("day", day=day))
        return self._series_on[day]

    @property
    def last_day(self) -> date:
        """The last publication day this vintage admits (every day for tables and 'latest')."""
        if self.vintage.name == vintages.ARTICLE:
            return datasets.article(self.data_dir).vintage_date
        return self.vintage.day or date.max

    def _series(self, vintage: vintages.Vintage) -> pd.DataFrame:
        series = vintages.arrivals(vintage, self.data_dir)
        return series.assign(_vintage=vintage.describe(self.data_dir)).set_index("period")

    def source(self, source_id: str) -> Source:
        table = self.sources
        published = str(_at(table, source_id, "published"))
        return Source(
            id=source_id,
            publisher=str(_at(table, source_id, "publisher")),
            title=str(_at(table, source_id, "title")),
            published=published,
            url=str(_at(table, source_id, "url")),
            line=int(_at(table, source_id, "line")),
            dated=self._dated(source_id, published),
        )

    def _dated(self, source_id: str, published: str) -> str:
        """A source's date in words: an MOU table also gives the day its figures run to,
        and says when only the earliest evidence that it was public is known."""
        if source_id not in self.table_dates.index:
            return published
        reference = pd.Timestamp(_at(self.table_dates, source_id, "reference_date"))
        if _at(self.table_dates, source_id, "dated_by") == "earliest_evidence":
            return f"figures to {reference:%B %Y}; public by {published} at the latest"
        return f"{published} (figures to {reference:%B %Y})"

    def anecdote_row(self, figure_id: str, context: bool = False) -> dict[str, Any]:
        """An anecdote's row: its wording (quantity, unit, place) alongside its figures."""
        name = "repatriation_context.csv" if context else "border_arrests.csv"
        table = self.anecdotes[name]
        if figure_id not in table.index:
            raise ValueError(f"data/claims.toml names figure {figure_id!r}, not in data/{name}")
        return {column: _at(table, figure_id, column) for column in table.columns}

    def series_line(self, table: pd.DataFrame, period: str) -> int:
        """The line of data/arrivals.csv that gave `period`'s figure in `table`."""
        key = (
            _at(table, period, "source_id"),
            _at(table, period, "end"),
            _at(table, period, "start"),
        )
        return self._report_lines[key]


@dataclass
class Reading:
    """One claim's view of the data: every value it reads becomes evidence."""

    claim: Claim
    ctx: Context
    used: list[Figure] = field(default_factory=list)
    revisions: list[Figure] = field(default_factory=list)

    @property
    def registry(self) -> Registry:
        return self.ctx.registry

    def _use(self, figure: Figure) -> Figure:
        if figure.cell not in {f.cell for f in self.used}:
            self.used.append(figure)
        return figure

    # --- the annual series ----------------------------------------------------

    def _table(self, then: "bool | date") -> pd.DataFrame:
        """This vintage's series; with `then`, the article's; with a day, that day's."""
        if isinstance(then, date):
            return self.ctx.series_on(then)
        return self.ctx.article_series if then else self.ctx.series

    def has(self, period: str, then: "bool | date" = False) -> bool:
        """Whether the vintage has a figure for `period` (reads no value)."""
        table = self._table(then)
        return period in table.index and _at(table, period, "total") is not None

    def figure(self, period: str, column: str, then: "bool | date" = False) -> Figure | None:
        """The series' `column` for `period` on this vintage (or, `then`, the article's)."""
        table = self._table(then)
        if period not in table.index or _at(table, period, column) is None:
            return None
        return self._use(
            Figure(
                label=f"{COLUMN_WORDS[column]}, {period}",
                value=int(_at(table, period, column)),
                file=ARRIVALS_FILE,
                line=self.ctx.series_line(table, period),
                column=column,
                source=self.ctx.source(str(_at(table, period, "source_id"))),
                vintage=str(_at(table, period, "_vintage")),
                note=_basis(table, period),
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
        table = self._table(then)
        periods = table.index[table["end"] <= pd.Timestamp(f"{through}-12-31")]
        terms = [(str(p), self.value(str(p), column, then)) for p in periods]
        values = [v for _, v in terms if v is not None]
        return (sum(values) if terms and len(values) == len(terms) else None), terms

    def periods(self, first: int, last: int, then: "bool | date" = False) -> list[str]:
        """The calendar years of the series from `first` to `last` (reads no value)."""
        table = self._table(then)
        years = table[(table["start"].dt.year == table["end"].dt.year)]
        years = years[(years["end"].dt.year >= first) & (years["end"].dt.year <= last)]
        return [str(p) for p in years.index]

    def last_year(self) -> int:
        return int(self.ctx.series["end"].max().year)

    def first_published(self, period: str) -> Figure | None:
        """When `period`'s figures were first published: the publication date of its first report."""
        first = vintages.arrivals(vintages.FIRST, self.ctx.data_dir).set_index("period")
        if period not in first.index:
            return None
        source = self.ctx.source(str(_at(first, period, "source_id")))
        return self._use(
            Figure(
                label=f"first publication of {period}'s figures",
                value=source.published,
                file="data/sources.csv",
                line=source.line,
                column="published",
                source=source,
                vintage=vintages.describe(vintages.FIRST, self.ctx.data_dir),
            )
        )

    def trail(self, period: str, column: str) -> None:
        """Record every value ever published for `period`'s `column` (context, not evidence
        the verdict rests on), when the article's date and the latest data disagree."""
        if not self.revised(period, column):
            return
        reports = self.ctx.reports
        periods = vintages.series_reports(self.ctx.data_dir)
        periods = periods[periods["period"] == period]
        if periods.empty:
            return
        start, end = periods["period_start"].iloc[0], periods["period_end"].iloc[0]
        same = (reports["period_end"] == end) & (
            reports["period_start"].isna() if pd.isna(start) else reports["period_start"] == start
        )
        rows = reports[same & reports[column].notna()].sort_values(
            ["published_to", "published_from", "source_id"]
        )
        if rows[column].nunique() < 2:
            return
        for row in rows.itertuples():
            figure = Figure(
                label=f"{COLUMN_WORDS[column]}, {period}",
                value=int(getattr(row, column)),
                file=ARRIVALS_FILE,
                line=int(row.line),
                column=column,
                source=self.ctx.source(str(row.source_id)),
                vintage="as published",
            )
            if figure.cell not in {f.cell for f in self.revisions}:
                self.revisions.append(figure)

    def revised(self, period: str, column: str) -> bool:
        """Whether `period`'s `column` differs between the article's date and now (reads no value)."""
        then, now = self.ctx.article_series, self.ctx.latest_series
        if period not in then.index or period not in now.index:
            return False
        return bool(_at(then, period, column) != _at(now, period, column))

    def revised_periods(self, through: str, column: str) -> list[str]:
        """Periods up to `through` whose `column` differs between the article's date and now."""
        then = self.ctx.article_series
        periods = then.index[then["end"] <= pd.Timestamp(f"{through}-12-31")]
        return [str(p) for p in periods if self.revised(str(p), column)]

    # --- the registry and the article's own figures -------------------------------

    def reported_totals(self, through: str, column: str) -> list[tuple[Figure, date]]:
        """Cumulative totals to the end of `through` as reported (data/cumulative.csv) by
        this vintage's last day, each with the last day it can have been published."""
        table = self.ctx.cumulative
        rows = table[
            (table["as_of"] == pd.Timestamp(f"{through}-12-31"))
            & table[column].notna()
            & (table["published_to"] <= pd.Timestamp(self.ctx.last_day))
        ]
        return [
            (
                self._use(self._cumulative_figure(row, column, f"up to {through}, as reported")),
                row["published_to"].date(),
            )
            for row in rows.to_dict("records")
        ]

    def _cumulative_figure(self, row: Mapping[Any, Any], column: str, label: str) -> Figure:
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
        issues = self.ctx.source_issues
        if period.isdigit():
            end = pd.Timestamp(f"{period}-12-31")
        elif len(period) == 10 and period[4] == "-" and period[:4].isdigit():
            end = pd.Timestamp(period)
        else:
            end = self._period_end(period)
        match = issues[
            (issues["table"] == table)
            & (issues["source_id"] == figure.source.id)
            & (issues["period_end"] == end)
            & (issues["field"] == figure.column)
        ]
        return str(match["issue_id"].iloc[0]) if len(match) else None

    def _period_end(self, period: str) -> pd.Timestamp:
        rows = self.ctx.series_reports
        return pd.Timestamp(rows.loc[rows["period"] == period, "period_end"].iloc[0])

    def _report_figure(self, row: Mapping[Any, Any], column: str, vintage: str) -> Figure:
        return Figure(
            label=f"{COLUMN_WORDS[column]}, {row['period']}",
            value=int(row[column]),
            file=ARRIVALS_FILE,
            line=int(row["line"]),
            column=column,
            source=self.ctx.source(str(row["source_id"])),
            vintage=vintage,
        )

    def reported_cumulative(self, source_id: str, as_of: str, column: str) -> Figure:
        """One source's cumulative total to `as_of`, as it printed it."""
        table = self.ctx.cumulative
        match = table[(table["source_id"] == source_id) & (table["as_of"] == pd.Timestamp(as_of))]
        if len(match) != 1 or pd.isna(match[column].iloc[0]):
            raise ValueError(f"{source_id} gives no {column} up to {as_of} in data/cumulative.csv")
        row = match.to_dict("records")[0]
        return self._use(self._cumulative_figure(row, column, f"up to {as_of}"))

    def report(self, source_id: str, period: str, column: str) -> Figure:
        """One source's figure for a series period, as it printed it."""
        rows = self.ctx.series_reports
        match = rows[(rows["source_id"] == source_id) & (rows["period"] == period)]
        if len(match) != 1 or pd.isna(match[column].iloc[0]):
            raise ValueError(f"{source_id} gives no {column} for {period} in {ARRIVALS_FILE}")
        return self._use(self._report_figure(match.to_dict("records")[0], column, "as reported"))

    def same_value_elsewhere(self, period: str, column: str, reported: Figure) -> list[Figure]:
        """Other sources' figures for `period` equal to `reported`, whenever published."""
        rows = self.ctx.series_reports
        same = rows[
            (rows["period"] == period)
            & (rows[column] == reported.value)
            & (rows["source_id"] != reported.source.id)
        ].sort_values(["published_to", "source_id"])
        return [
            self._use(self._report_figure(row, column, "as published"))
            for row in same.to_dict("records")
        ]

    def earlier_reports(self, period: str, column: str, than: Figure) -> list[Figure]:
        """Figures for `period` that other sources published before `than`'s source."""
        rows = self.ctx.series_reports
        published_from = self.ctx.sources.loc[than.source.id, "published_from"]
        earlier = rows[
            (rows["period"] == period)
            & rows[column].notna()
            & (rows["published_to"] < published_from)
            & (rows["source_id"] != than.source.id)
        ].sort_values(["published_to", "source_id"])
        return [
            self._use(self._report_figure(row, column, "as published earlier"))
            for row in earlier.to_dict("records")
        ]

    def stated(self, claim: Claim) -> Figure:
        """Another claim's stated value, as the registry records it from the article."""
        return self._use(
            Figure(
                label=f"the article's {claim.quantity}",
                value=str(claim.stated) if claim.precision == "year" else claim.stated,
                file="data/claims.toml",
                line=stated_line(claim, self.ctx.data_dir),
                column="stated",
                source=self.ctx.source(self.ctx.article_source),
                vintage="the article",
            )
        )

    def era_start(self) -> Figure:
        """The year the article dates Kim Jong Un's era from (the registry's [eras] used)."""
        return self._use(
            Figure(
                label="first year of Kim Jong Un's era, as the article dates it",
                value=str(self.registry.era_start),
                file="data/claims.toml",
                line=self.registry.era_line,
                column="eras.used",
                source=self.ctx.source(self.ctx.article_source),
                vintage="the article",
            )
        )

    def anecdote(self, figure_id: str, column: str, context: bool = False) -> Figure | None:
        """A cell of data/border_arrests.csv (or, `context`, repatriation_context.csv)."""
        name = "repatriation_context.csv" if context else "border_arrests.csv"
        row = self.ctx.anecdote_row(figure_id, context)
        cell = row[column]
        if cell is None:
            return None
        value: int | str = cell.date().isoformat() if isinstance(cell, pd.Timestamp) else int(cell)
        return self._use(
            Figure(
                label=f"{row['quantity']} ({column.replace('_', ' ')})",
                value=value,
                file=f"data/{name}",
                line=int(row["line"]),
                column=column,
                source=self.ctx.source(str(row["source_id"])),
                vintage="as reported",
            )
        )

    def days(self, figure_id: str) -> int:
        """The length in days of an anecdote's window, read from its two date cells."""
        first, last = (self.anecdote(figure_id, c) for c in ("period_start", "period_end"))
        if first is None or last is None:
            raise ValueError(f"{figure_id}: the window's dates are not given")
        return (pd.Timestamp(str(last.value)) - pd.Timestamp(str(first.value))).days + 1

    def context_ids(self) -> list[str]:
        return [str(i) for i in self.ctx.anecdotes["repatriation_context.csv"].index]

    # --- the outcome -------------------------------------------------------------

    def outcome(
        self,
        verdict: Verdict,
        computed: str,
        reason: str,
        value: Any,
        arithmetic: tuple[str, ...] = (),
        band: str = "",
    ) -> Outcome:
        """The outcome, carrying as evidence every figure this reading handed out."""
        evidence = Evidence(tuple(self.used), arithmetic, band, tuple(self.revisions))
        return Outcome(
            self.claim.id, str(self.ctx.vintage), computed, verdict, reason, value, evidence
        )


class Names(list[str]):
    """Argument kind: a list of names (periods, figure ids)."""


class Numbers(list[float]):
    """Argument kind: a list of numbers (alternative thresholds)."""


ArgSpec = type | tuple[str, ...]


@dataclass(frozen=True)
class Check:
    """A check function with the arguments the registry must give it."""

    function: Callable[[Reading], Outcome]
    args: Mapping[str, ArgSpec]

    @property
    def name(self) -> str:
        module = self.function.__module__.rsplit(".", 1)[-1]
        return f"{module}.{self.function.__name__}"

    def __call__(self, reading: Reading) -> Outcome:
        return self.function(reading)

    def argument_problems(self, args: Mapping[str, Any]) -> list[str]:
        """What is wrong with a registry entry's `args` for this check."""
        problems = [
            f"unknown argument {k!r} for {self.name}" for k in sorted(set(args) - set(self.args))
        ]
        for key, spec in self.args.items():
            if key not in args:
                problems.append(f"missing argument {key!r} for {self.name}")
            elif isinstance(spec, tuple) and args[key] not in spec:
                problems.append(f"argument {key!r} must be one of {', '.join(spec)}")
            elif isinstance(spec, type) and not _is(args[key], spec):
                problems.append(f"argument {key!r} must be {spec.__name__}")
        return problems


def _is(value: Any, kind: type) -> bool:
    def number(item: Any) -> bool:
        return isinstance(item, int | float) and not isinstance(item, bool)

    if kind is float:
        return number(value)
    if kind is Names:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind is Numbers:
        return isinstance(value, list) and all(number(v) for v in value)
    return isinstance(value, kind)


def check(**args: ArgSpec) -> Callable[[Callable[[Reading], Outcome]], Check]:
    """Declare a check and the registry arguments it takes (str, float, Names,
    Numbers, or a tuple of allowed values)."""

    def declare(function: Callable[[Reading], Outcome]) -> Check:
        return Check(function, args)

    return declare

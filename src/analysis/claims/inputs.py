"""What the checks read, prepared once per data set: the vintages' series as
lookups by period, the sources as evidence records, and indexes of the reports
by period, so that no check filters a frame to find one cell."""

import copy
from datetime import date
from typing import Any, NamedTuple

import pandas as pd

from analysis import formatting
from analysis.claims.claim import Registry
from analysis.claims.evidence import Source
from analysis.load import issues
from analysis.load.datasets import Data
from analysis.vintages import ARTICLE, FIRST, LATEST, Book, Vintage
from analysis.vintages.rule import Row

ANECDOTE_FILES = ("border_arrests.csv", "repatriation_context.csv")


class Point(NamedTuple):
    """A series period's figures in one vintage, and how they stood then."""

    row: Row
    inferred: bool
    reconciles_with: str
    vintage: str  # the vintage in words
    printed_by: str = ""  # the source that printed the total by then, when not the row's
    split_inferred: bool = False  # men and women printed only after the vintage's day


Series = dict[str, Point]  # by period label, in period order


def _dated(source_id: str, published: str, tables: dict[Any, dict[Any, Any]]) -> str:
    """A source's date in words: an MOU table also gives the day its figures run to,
    and says when only the earliest evidence that it was public is known."""
    if source_id not in tables:
        return formatting.published(published)
    reference = pd.Timestamp(tables[source_id]["reference_date"])
    if tables[source_id]["dated_by"] == "earliest_evidence":
        return f"figures to {reference:%B %Y}; public by {published} at the latest"
    if "/" in published:
        first, last = (pd.Timestamp(part) for part in published.split("/"))
        return f"figures to {reference:%B %Y}; posted between {first:%B %Y} and {last:%B %Y}"
    return f"{published} (figures to {reference:%B %Y})"


class Inputs:
    """One data set and one article's registry, read for the checks: every lookup
    built once. The article's own figures, and reports that only repeat it, are left
    out: a claim is never confirmed by the article that makes it."""

    def __init__(self, data: Data, registry: Registry):
        self.data = data
        tables = {r["source_id"]: r for r in data.table_dates.to_dict("records")}
        records = data.sources.to_dict("records")
        self.sources = {
            str(r["source_id"]): Source(
                id=str(r["source_id"]),
                publisher=str(r["publisher"]),
                title=str(r["title"]),
                published=str(r["published"]),
                url=str(r["url"]),
                line=int(r["line"]),
                dated=_dated(str(r["source_id"]), str(r["published"]), tables),
            )
            for r in records
        }
        self.published: dict[str, tuple[date, date]] = {
            str(r["source_id"]): (r["published_from"].date(), r["published_to"].date())
            for r in records
        }  # the first and last day each source's publication date can mean
        self._cumulative = data.cumulative.to_dict("records")
        self.issues = issues.by_figure(data.source_issues)  # each figure's recorded issue
        typos = data.source_issues
        typos = typos[(typos["table"] == "arrivals") & (typos["kind"] == "typo")]
        self.misprints: dict[tuple[str, pd.Timestamp, str], str] = {
            (str(source), end, str(field)): str(printed)
            for source, end, field, printed in zip(
                typos["source_id"],
                typos["period_end"],
                typos["field"],
                typos["printed"],
                strict=True,
            )
        }  # what a source printed where arrivals.csv keeps the corrected reading
        self.anecdotes = {
            "border_arrests.csv": _by_id(data.border_arrests),
            "repatriation_context.csv": _by_id(data.repatriation_context),
        }
        self._of(registry, Book(data, registry.article))

    def for_article(self, registry: Registry) -> "Inputs":
        """These inputs for another article of the same data set: the lookups of the
        data are shared, built once; only what the article leaves out is built anew."""
        inputs = copy.copy(self)
        inputs._of(registry, self.book.for_article(registry.article))
        return inputs

    def _of(self, registry: Registry, book: Book) -> None:
        """What depends on the article: its book, and its own reports left out."""
        self.registry = registry
        self.article = registry.article
        self.book = book
        self.by_period: dict[str, list[Row]] = {}
        for row in self.book.rows:
            self.by_period.setdefault(row.period, []).append(row)
        self.cumulative = {
            (str(r["source_id"]), pd.Timestamp(r["as_of"])): r
            for r in self._cumulative
            if r["source_id"] not in self.article.own_sources
        }
        self._series: dict[Vintage, Series] = {}
        reports = self.data.reports
        own = reports[reports["source_id"].isin(self.article.own_sources).to_numpy()]
        self._own_spans: dict[tuple[int, int], list[int]] = {}
        for start, end, published in zip(
            own["period_start"], own["period_end"], own["published_to"], strict=True
        ):
            if not pd.isna(start):
                key = (start.toordinal(), end.toordinal())
                self._own_spans.setdefault(key, []).append(published.toordinal())

    def own_figure_by(self, span: Any, last: date) -> bool:
        """Whether the article itself (or a report that repeats it) gives a figure for
        the period `span` published by `last`."""
        key = (span.start.toordinal(), span.end.toordinal())
        return any(day <= last.toordinal() for day in self._own_spans.get(key, ()))

    def series(self, vintage: "str | date | Vintage") -> Series:
        """A vintage's series by period (each vintage computed once)."""
        parsed = Vintage.parse(vintage)
        if parsed not in self._series:
            words = self.book.describe(parsed)
            self._series[parsed] = {
                e.row.period: Point(
                    e.row,
                    e.inferred,
                    e.reconciles_with,
                    words,
                    "" if e.printed_by is None else e.printed_by.source_id,
                    e.split_inferred,
                )
                for e in self.book.entries(parsed)
            }
        return self._series[parsed]

    def context(self, vintage: "str | date | Vintage") -> "Context":
        return Context(vintage, self)


def _by_id(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """An anecdote table by figure id, missing cells as None."""
    return {
        str(r["figure_id"]): {str(k): None if pd.isna(v) else v for k, v in r.items()}
        for r in frame.to_dict("records")
    }


class Context:
    """The series one vintage's checks read: its own, the article's and the latest."""

    def __init__(self, vintage: "str | date | Vintage", inputs: Inputs):
        self.vintage = Vintage.parse(vintage)
        self.inputs = inputs
        self.registry = inputs.registry
        self.series = inputs.series(self.vintage)
        self.article_series = inputs.series(ARTICLE)
        self.latest_series = inputs.series(LATEST)

    @property
    def last_day(self) -> date:
        """The last publication day this vintage admits (every day for tables and 'first')."""
        return self.vintage.on(self.inputs.article.vintage_date) or date.max

    def series_on(self, day: date) -> Series:
        """A day's series; the last day there is (date.max) is the latest, so named."""
        return self.latest_series if day == date.max else self.inputs.series(day)

    def first(self) -> Series:
        return self.inputs.series(FIRST)

    def source(self, source_id: str) -> Source:
        return self.inputs.sources[source_id]

    def anecdote_row(self, figure_id: str, context: bool = False) -> dict[str, Any]:
        """An anecdote's row: its wording (quantity, unit, place) alongside its figures."""
        name = ANECDOTE_FILES[1] if context else ANECDOTE_FILES[0]
        table = self.inputs.anecdotes[name]
        if figure_id not in table:
            raise ValueError(f"{self.registry.file} names figure {figure_id!r}, not in data/{name}")
        return table[figure_id]

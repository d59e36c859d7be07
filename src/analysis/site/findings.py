"""What the report's index says, computed from the registry, the verdicts and the data.

The one place the report reads the claims engine (`analysis.claims`): the
summary counts, the revised figures, what changed since the article, the
claims table and the key figures all come from here, so no sentence of the
index carries a number typed by hand, and re-pointing the report at a new
claims API means changing this module only.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import claims, vintages
from analysis.load.datasets import Data
from analysis.show import charts, claimreview, conclusions, plots, render

THEN, NOW = claims.VINTAGES  # the article's date, the latest figures


@dataclass(frozen=True)
class ClaimRow:
    """One claim as the index's table shows it."""

    id: str
    quote: str
    says: str  # the article's own figure or wording, or what was checked when it gives none
    page: str  # the notebook page's document name (no suffix)
    then: str  # verdict label on the figures published on the article's date
    now: str  # verdict label on the latest figures


@dataclass(frozen=True)
class Correction:
    """A year whose latest figure is MOU's correction of an earlier report."""

    year: int
    reported: int
    reported_on: str
    corrected: int
    corrected_on: str
    publisher: str


@dataclass(frozen=True)
class Changes:
    """How the annual series moved after the year the article covers."""

    article_year: int
    article_total: int
    later: pd.DataFrame  # year, total for every later whole year (latest figures)
    all_lower: bool
    low_year: int
    low_total: int
    corrections: tuple[Correction, ...]


@dataclass(frozen=True)
class Figure:
    """A key figure of the index: file stem, its finding, the figures behind it, alt text."""

    stem: str
    title: str
    detail: str
    alt: str


@dataclass(frozen=True)
class Findings:
    """Everything the index states."""

    total: int
    counts: str  # how many claims get each verdict on the latest figures, in words
    now: str  # the verdicts on the latest figures, each claim named and linked (Markdown)
    about_year: str  # the verdicts of the claims about the article's year (Markdown)
    changes: Changes
    rows: tuple[ClaimRow, ...]
    glossary: tuple[tuple[str, str, str], ...]  # short label, full label, meaning


def _corrections(data: Data) -> tuple[Correction, ...]:
    """Each whole year whose figures include an MOU correction, with the report it corrected."""
    reports = data.reports
    sources = data.sources.set_index("source_id")
    whole = reports[
        reports["period_start"].notna()
        & (reports["period_start"].dt.year == reports["period_end"].dt.year)
        & (reports["period_start"].dt.month == 1)
        & (reports["period_end"].dt.month == 12)
    ]
    found = []
    for _, fix in whole[whole["evidence"] == "mou_correction"].iterrows():
        same = whole[
            (whole["period_end"] == fix["period_end"])
            & (whole["published_to"] < fix["published_from"])
            & (whole["total"] != fix["total"])
        ].sort_values("published_to")
        if same.empty:
            continue
        before = same.iloc[-1]
        found.append(
            Correction(
                year=int(fix["period_end"].year),
                reported=int(before["total"]),
                reported_on=str(before["published"]),
                corrected=int(fix["total"]),
                corrected_on=str(fix["published"]),
                publisher=str(sources.loc[fix["source_id"], "publisher"]),
            )
        )
    return tuple(sorted(found, key=lambda c: c.year))


def _changes(book: vintages.Book) -> Changes:
    article = plots.whole_years(book.arrivals("article"), 0)
    latest = plots.whole_years(book.arrivals("latest"), 0).set_index("year")["total"]
    year = int(article["year"].max())
    total = int(latest[year])
    later = latest[latest.index > year].astype(int)
    low_year = int(later.index[int(later.argmin())]) if not later.empty else year
    return Changes(
        article_year=year,
        article_total=total,
        later=later.rename_axis("year").reset_index(),
        all_lower=bool((later < total).all()),
        low_year=low_year,
        low_total=int(latest[low_year]),
        corrections=_corrections(book.data),
    )


def _era(results: claims.Results) -> int | None:
    eras = results.article.eras
    return None if eras is None else eras.used


def compute(results: claims.Results) -> Findings:
    """Summarise the verdicts of every claim on both vintages, and the series."""
    registry = results.registry
    outcomes = {(o.claim_id, o.vintage): o for o in results.outcomes}
    rows = tuple(
        ClaimRow(
            id=c.id,
            quote=c.quote,
            says=c.stated_words or f"(checked: {c.quantity})",
            page=c.notebook.removesuffix(".ipynb"),
            then=claims.words(outcomes[(c.id, THEN)].verdict).short,
            now=claims.words(outcomes[(c.id, NOW)].verdict).short,
        )
        for c in registry.claims
    )
    verdicts = conclusions.Verdicts(results)
    href = conclusions.from_notebook("index", ".html")  # links from the index to the pages
    changes = _changes(results.inputs.book)
    return Findings(
        total=len(registry.claims),
        counts=verdicts.counts(registry.claims, NOW),
        now="\n".join(verdicts.by_verdict(registry.claims, NOW, href, bold=True, noun=False)),
        about_year=verdicts.about(changes.article_year, href),
        changes=changes,
        rows=rows,
        glossary=tuple((w.short, w.label, w.meaning) for w in claims.VERDICTS.values()),
    )


def figures(directory: Path, results: claims.Results) -> tuple[Figure, ...]:
    """Draw the index's key figures into `directory` (PNG, SVG and CSV each)."""
    book = results.inputs.book
    era = _era(results)
    article, latest = book.arrivals("article"), book.arrivals("latest")
    scorecard = claims.scorecard(results)
    labels = {v.value: w.short for v, w in claims.VERDICTS.items()}
    plots.use_house_style()
    drawn = {
        "arrivals_article": plots.arrivals_chart(article, book.describe("article"), era),
        "arrivals_latest": plots.arrivals_chart(latest, book.describe("latest"), era),
        "women_share": charts.women_share_chart(latest, book.describe("latest"), era),
        "revisions": charts.revisions_chart(vintages.revisions(book)),
        "scorecard": charts.scorecard_chart(scorecard, labels),
    }
    shown = []
    for stem, chart in drawn.items():
        plots.save_chart(chart, stem, directory)
        shown.append(Figure(stem, chart.title, chart.detail, chart.alt))
    return tuple(shown)


def exports(every: tuple[claims.Results, ...]) -> dict[str, str]:
    """Every article's claims and verdicts as files for other tools: JSON and
    ClaimReview JSON-LD (on the latest figures)."""
    latest = tuple(
        claims.Results(r.inputs, (NOW,), tuple(o for o in r.outcomes if o.vintage == NOW))
        for r in every
    )
    return {
        "claims.json": render.as_json(every),
        "claimreview.jsonld": claimreview.as_json_ld(latest, "", site=True),
    }

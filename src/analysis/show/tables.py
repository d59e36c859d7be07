"""The tables a notebook shows, each written for people (analysis.show.present): the
series with its sources, the revisions, the reconciliations, the source issues, the
anecdotes, the verdicts and what they mean. They read the notebook's session
(analysis.show.narrative.setup)."""

import re

import pandas as pd

from analysis import claims, formatting, vintages
from analysis.load import metadata
from analysis.show import present
from analysis.show.narrative import checked_press, session


def _scorecard() -> pd.DataFrame:
    return claims.scorecard(session().results)


def _with_labels(table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(
        **{
            f"label_{v}": table[f"verdict_{v}"].map(lambda x: claims.words(x).short)
            for v in claims.VINTAGES
        }
    )


def changed_since_article() -> present.Table:
    """Claims whose verdict on the latest figures differs from the article's date."""
    table = _with_labels(_scorecard())
    changed = table[table["verdict_article"] != table["verdict_latest"]]
    return present.table(
        changed,
        {
            "quote": "The article says",
            "computed_article": "Data on the article's date",
            "computed_latest": "Latest data",
            "label_latest": "Verdict now",
        },
        # the sentence above the table names each claim and its figures; this is the detail
        fold=f"The {formatting.counted(len(changed), 'claim', 'claims')}, then and now, as a table",
    )


def _with_sources(frame: pd.DataFrame) -> pd.DataFrame:
    sources = session().data.sources[["source_id", "publisher", "url"]]
    return frame.merge(sources, on="source_id", how="left", validate="many_to_one")


# What an inferred row, or a split printed only later, means: said once under the table.
INFERRED = (
    "no source had printed this total by that day; the figure comes from a table published "
    "later, and the series it belongs to reproduces the cumulative total named as its evidence."
)
SPLIT_LATER = "the total was printed by then; its split by sex comes from a table published later."


def series(first_year: int, vintage: str = vintages.LATEST) -> present.Table:
    """The annual series from `first_year` on, each figure with its source."""
    frame = session().book.arrivals(vintage)
    frame = _with_sources(frame[frame["end"].dt.year >= first_year])
    inferred = frame["basis"] == vintages.INFERRED
    split_later = ~inferred & (frame["inferred_from"] != "")
    notes = [
        note for note, rows in ((INFERRED, inferred), (SPLIT_LATER, split_later)) if rows.any()
    ]
    basis = frame["basis"].map({vintages.PUBLISHED: "published by then"})
    if inferred.any():
        basis = basis.where(~inferred, f"inferred (note {notes.index(INFERRED) + 1})")
    if split_later.any():
        basis = basis.where(
            ~split_later, f"published by then (note {notes.index(SPLIT_LATER) + 1})"
        )
    evidence = frame["reconciles_with"].map(session().names)
    columns = {
        "period": "Year",
        "men": "Men",
        "women": "Women",
        "total": "Arrivals",
        "publisher": "Source",
        "published": "Published",
        "basis": "Status on that day",
    }
    if evidence.ne("").any():  # a column with nothing in it is left out
        columns["reconciles_with"] = "Evidence it stood then"
    years = formatting.counted(len(frame), "year", "years")
    return present.table(
        frame.assign(
            basis=basis,
            reconciles_with=evidence,
            published=frame["published"].map(formatting.published),
        ),
        columns,
        links={"publisher": "url"},
        caption=f"{metadata.ARRIVALS}, {session().book.describe(vintage)}",
        notes=tuple(notes),
        fold=f"The figures for {years}, each with its source and the day it was published",
    )


def revisions() -> present.Table:
    """Each period's figures as first reported against the latest, by sex and in total."""
    table = vintages.revisions(session().book)
    return present.table(
        table[table[["men_change", "women_change", "total_change"]].ne(0).any(axis=1)],
        {
            "period": "Period",
            "men_first": "Men, first",
            "men_latest": "Men, latest",
            "women_first": "Women, first",
            "women_latest": "Women, latest",
            "total_first": "Arrivals, first",
            "total_latest": "Arrivals, latest",
        },
        caption="Periods whose figures changed between the first report and the latest",
    )


def reconciliation() -> present.Table:
    """Year-end cumulative totals as reported, against the series of their day."""
    table = _with_sources(vintages.year_end_reconciliation(session().book))
    return present.table(
        table.assign(year=table["as_of"].dt.year.astype(str)),
        {
            "year": "To the end of",
            "reported_total": "Reported",
            "computed_total": "Sum of the series then",
            "reported_women": "Women reported",
            "computed_women": "Women, sum",
            "status": "Result",
            "publisher": "Reported by",
            "published": "Published",
        },
        links={"publisher": "url"},
    )


def source_issues() -> present.Table:
    """Known typos, conflations and disagreements in the sources."""
    table = _with_sources(session().data.source_issues)
    ending = table["period_end"].dt.strftime("%Y-%m-%d")
    cumulative = table["table"].eq("cumulative")
    periods = table["field"].eq("period")  # printed and reading are years, not counts
    figure = (table["field"] + ", period ending " + ending).where(
        ~periods, "period ending " + ending
    )
    return present.table(
        table.assign(
            field=figure.where(~cumulative, "cumulative " + table["field"] + " to " + ending),
            printed=table["printed"].where(
                periods, table["printed"].map(_separated, na_action="ignore")
            ),
            reading=table["reading"].where(
                periods, table["reading"].map(_separated, na_action="ignore")
            ),
            note=table["note"].map(session().names),
            kind=table["kind"].str.replace("_", " "),  # "mislabelled_period" in words
        ),
        {
            "publisher": "Source",
            "field": "Figure",
            "printed": "Printed",
            "reading": "Reading",
            "kind": "Kind",
            "note": "Note",
        },
        links={"publisher": "url"},
    )


def _separated(text: str) -> str:
    """The counts in a figure as written in a source issue ("16124", "5+9") with
    thousands separators, as every other count in the report."""
    return re.sub(r"\d{4,}", lambda found: formatting.count(int(found[0])), text)


def press_findings() -> present.Table:
    """The press findings recorded in data/press_findings.csv, each with why it changed."""
    names = session().names
    table = _with_sources(session().data.press_findings)
    labels = {c.claim.id: c.claim.quantity for c in checked_press()}
    return present.table(
        table.assign(figure=table["claim_id"].map(labels), reason=table["reason"].map(names)),
        {
            "figure": "Press figure",
            "publisher": "Outlet",
            "previous": "Was",
            "finding": "Now",
            "reason": "Why",
        },
        links={"publisher": "url"},
        fold=f"The {formatting.counted(len(table), 'finding', 'findings')} recorded, "
        "each with what it was, what it is now and why",
    )


def anecdotes(context: bool = False) -> present.Table:
    """The article's anecdotal figures (or, `context`, rights groups' related counts),
    folded below a line counting them."""
    data = session().data
    table = _with_sources(data.repatriation_context if context else data.border_arrests)
    counted = formatting.counted(
        len(table), *(("count", "counts") if context else ("figure", "figures"))
    )
    return present.table(
        table,
        {
            "quantity": "What",
            "low": "Low",
            "high": "High",
            "unit": "Unit",
            "period_start": "From",
            "period_end": "To",
            "place": "Where",
            "publisher": "Reported by",
        },
        links={"publisher": "url"},
        fold=f"The {counted}, each with its period, place and who reported it",
    )


def glossary() -> present.Table:
    """What each verdict means, from the one verdict vocabulary."""
    rows = [
        {"label": words.label, "meaning": words.meaning[0].upper() + words.meaning[1:] + "."}
        for words in claims.VERDICTS.values()
    ]
    return present.table(
        pd.DataFrame(rows),
        {"label": "Verdict", "meaning": "What it means"},
        fold="What each verdict means",
    )

"""Statements about the data, written from it: the series after the article's year,
how the year-end cumulative totals reconcile, and what the press checks found. A
notebook shows these instead of a typed sentence, so a corrected figure changes the
words with it; whatever a count covers is named. Every string that reaches Markdown is
made inert (analysis.show.markdown)."""

from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis import formatting, vintages
from analysis.load import issues
from analysis.load.issues import IssueKey
from analysis.show import markdown, plots

if TYPE_CHECKING:
    from analysis.claims import press


def arrivals_since(book: vintages.Book, closed: int = plots.BORDER_CLOSED) -> str:
    """The latest figures for the last year the article covers and every whole year
    since: how many were lower, the lowest, and the years either side of `closed`
    (the year North Korea sealed its border)."""
    year = int(plots.whole_years(book.arrivals("article"), 0)["year"].max())
    totals = plots.whole_years(book.arrivals("latest"), 0).set_index("year")["total"].astype(int)
    later = totals[totals.index > year]
    count = formatting.count
    text = f"On the latest figures, {count(totals[year])} North Koreans arrived in {year}, the last year the article covers."
    if later.empty:
        return text + " No later whole year is in the data.\n"
    lower = later[later < totals[year]]
    low = plots.year_of_min(later)
    which = (
        ""
        if len(lower) in (0, len(later))
        else f" ({formatting.joined([str(y) for y in lower.index])})"
    )
    text += (
        f" {'Every one' if len(lower) == len(later) else len(lower)} of the "
        f"{formatting.counted(len(later), 'later whole year', 'later whole years')} had fewer{which}; "
        f"the fewest came in {low} ({count(later[low])})."
    )
    if closed - 1 in totals.index and closed in totals.index:
        text += (
            f" In {closed - 1}, the year before the border closed, {count(totals[closed - 1])} "
            f"arrived; in {closed}, {count(totals[closed])}."
        )
    return text + "\n"


def _issue(
    known: dict[IssueKey, dict[Hashable, Any]], row: Mapping[Hashable, Any], field: str
) -> str:
    issue = known.get(("cumulative", row["source_id"], row["as_of"], field))
    if issue is None:
        return "no source issue recorded"
    kind = str(issue["kind"]).replace("_", " ")  # "mislabelled_period" in words
    return f"recorded as a source issue ({markdown.inline(kind)}; see the known issues below)"


def reconciliation(book: vintages.Book) -> str:
    """How many cumulative totals reported for a 31 December equal the sum of the series
    as it stood on their publication day; each that does not, with its recorded source
    issue; each reported before any series in the data."""
    table = vintages.year_end_reconciliation(book)
    sources = book.data.sources.set_index("source_id")
    known = issues.by_figure(book.data.source_issues)

    def who(row: Mapping[Hashable, Any]) -> str:
        source = sources.loc[row["source_id"]]
        return (
            f"[{markdown.inline(source['publisher'])}]({markdown.destination(source['url'])}), "
            f"{markdown.inline(formatting.published(str(row['published'])))}"
        )

    exact = table[table["status"] == "exact"]
    differs = table[table["status"] == "differs"]
    alone = table[table["status"] == "no series"]
    lines = [
        f"Of the {formatting.counted(len(table), 'cumulative total', 'cumulative totals')} reported for a "
        f"31 December, {len(exact)} equal the sum of the series as it stood on the day "
        f"{'it was' if len(exact) == 1 else 'they were'} published"
        + (
            f" (to the end of {formatting.joined(sorted({str(d.year) for d in exact['as_of']}))})"
            if len(exact)
            else ""
        )
        + (f"; {len(differs)} differ:" if len(differs) else ".")
    ]
    if len(differs):
        lines.append("")
    for row in differs.to_dict("records"):
        fields = str(row["differs_in"]).split(", ")
        parts = [
            f"{field} reported {formatting.count(row[f'reported_{field}'])}, "
            f"sum {formatting.count(row[f'computed_{field}'])}: {_issue(known, row, field)}"
            for field in fields
        ]
        lines.append(f"- To the end of {row['as_of'].year}, by {who(row)}: {'; '.join(parts)}.")
    if len(alone):
        named = formatting.joined(
            [f"to the end of {r['as_of'].year} ({who(r)})" for r in alone.to_dict("records")]
        )
        lines += [
            "",
            f"No series in the data reaches back to compare {formatting.counted(len(alone), 'total', 'totals')}: {named}.",
        ]
    return "\n".join(lines) + "\n"


def _named_figure(check: "press.PressCheck", sources: pd.DataFrame) -> str:
    source = sources.loc[check.claim.args["source_id"]]
    return (
        f"[{markdown.inline(source['publisher'])}]({markdown.destination(source['url'])}) "
        f"({markdown.inline(formatting.published(str(source['published'])))}): "
        f"{markdown.inline(check.claim.quantity)}, {formatting.count(check.claim.stated)}"
    )


def press_findings(checks: "list[press.PressCheck]", sources: pd.DataFrame) -> str:
    """What the press checks found: how many figures were checked, any difference not yet
    recorded as a source issue named, then, folded below, each figure that did not match
    its day's series (outlet, date, figure), finding by finding (the notebook's table
    counts them)."""
    from analysis.claims import press as press_

    matched = {press_.FINDINGS[0], press_.FINDINGS[1]}  # matched then, revised since or not
    by_id = sources.set_index("source_id")
    unexplained = [c for c in checks if not c.explained]
    lines = [
        f"{formatting.counted(len(checks), 'press figure was', 'press figures were')} checked; "
        + (
            "every one that does not match its day's series is explained."
            if not unexplained
            else f"{len(unexplained)} differ{'s' if len(unexplained) == 1 else ''} and "
            f"{'is' if len(unexplained) == 1 else 'are'} not yet a recorded source issue: "
            + formatting.joined([_named_figure(c, by_id) for c in unexplained])
            + "."
        ),
    ]
    others = [c for c in checks if c.finding not in matched]
    named = [
        f"- *{markdown.inline(finding)}*, {len(having)}: "
        + "; ".join(_named_figure(c, by_id) for c in having)
        + "."
        for finding in press_.FINDINGS
        if (having := [c for c in others if c.finding == finding])
    ]
    if named:
        summary = f"The {len(others)} that did not match, by finding, each with its outlet and day"
        lines += ["", markdown.fold(summary, "\n".join(named)).rstrip("\n")]
    return "\n".join(lines) + "\n"

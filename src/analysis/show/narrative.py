"""What the notebooks call to show a claim and its work: the quote, the verdicts,
the figures with their sources, the arithmetic and what changed since. The
checks compute everything; this module only displays what they used.

Showing a claim also asserts that its verdicts are the ones recorded in the
registry, so a notebook whose claim stops reproducing fails (and nbval reports
the notebook and cell)."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure

from analysis import claims, paths, vintages
from analysis.claims.checks.anecdotes import NO_DATA
from analysis.load.datasets import Data, load
from analysis.show import charts, plots, present

if TYPE_CHECKING:
    from analysis.claims import press


@dataclass
class Session:
    """A notebook's data, read and validated once, and every claim evaluated on it."""

    results: claims.Results
    press_checks: "list[press.PressCheck]" = field(default_factory=list)

    @property
    def data(self) -> Data:
        return self.results.data

    @property
    def book(self) -> vintages.Book:
        return self.results.inputs.book


_session: Session | None = None


def setup(data_dir: Path = paths.DATA_DIR) -> None:
    """Prepare a notebook: the house plot style, and the data of `data_dir` read,
    validated and every claim evaluated, once for the kernel (call it again after
    editing a data file)."""
    global _session
    plots.use_house_style()
    _session = Session(claims.results(load(data_dir)))


def session() -> Session:
    """The notebook's session (setup() must have been called)."""
    if _session is None:
        raise RuntimeError("call narrative.setup() first: it reads the data")
    return _session


class VerdictChanged(AssertionError):
    """A claim's computed verdict no longer matches the registry, or its check found
    a disagreement in the data."""


@dataclass(frozen=True)
class Result:
    """One vintage's outcome with the words to show it under."""

    heading: str
    short_heading: str
    outcome: claims.Outcome

    @property
    def words(self) -> claims.verdicts.VerdictWords:
        return claims.words(self.outcome.verdict)

    @property
    def reason(self) -> str:
        """The check's reason as a sentence."""
        reason = self.outcome.reason
        return reason[:1].upper() + reason[1:]


@dataclass(frozen=True)
class ClaimView:
    """A claim shown whole: quote, verdicts, evidence (as HTML in notebooks, as text elsewhere)."""

    claim: claims.Claim
    said: str
    results: tuple[Result, ...]

    @property
    def verdict_results(self) -> tuple[Result, ...]:
        """Each vintage's verdict, once under a joint heading when they say the same."""
        first = self.results[0]
        if all(
            (r.outcome.verdict, r.outcome.reason) == (first.outcome.verdict, first.outcome.reason)
            for r in self.results[1:]
        ):
            return (Result("On the article's date and now", first.short_heading, first.outcome),)
        return self.results

    @property
    def evidence_results(self) -> tuple[Result, ...]:
        """The evidence of each vintage, once when the vintages used the same figures."""
        first = self.results[0]
        same = all(r.outcome.evidence == first.outcome.evidence for r in self.results[1:])
        return (first,) if same else self.results

    @property
    def revisions(self) -> tuple[claims.Figure, ...]:
        return self.results[-1].outcome.evidence.revisions

    @property
    def no_figure(self) -> str:
        return NO_DATA

    def _repr_html_(self) -> str:
        return present.render_html("claim.html.j2", view=self)

    def __repr__(self) -> str:
        lines = [f"“{self.claim.quote}”"] + (
            [f"The article says: {self.said}"] if self.said else []
        )
        lines += [f"{r.heading}: {r.words.label}. {r.reason}." for r in self.verdict_results]
        for result in self.evidence_results:
            lines.append(f"The work ({result.short_heading}):")
            lines += [
                f"  {f.label} = {present.cell(f.value)} ({f.file}, line {f.line}; "
                f"{f.source.publisher}, {f.source.dated}, {f.source.url}"
                + (f"; {f.note}" if f.note else "")
                + ")"
                for f in result.outcome.evidence.figures
            ] or [f"  no figure: {NO_DATA}"]
            lines += [f"  {line}" for line in result.outcome.evidence.arithmetic]
            if result.outcome.evidence.band:
                lines.append(f"  the wording allows: {result.outcome.evidence.band}")
        if self.revisions:
            lines.append("What changed since: every published value")
            lines += [
                f"  {f.label} = {present.cell(f.value)} ({f.source.publisher}, {f.source.dated}; "
                f"{f.file}, line {f.line})"
                for f in self.revisions
            ]
        return "\n".join(lines)


def said(claim: claims.Claim, outcome: claims.Outcome) -> str:
    """The figure the article gives, in its own words: a count, share or year as its
    quote words it, or for an anecdote the article's sentences behind the figures it
    rests on; empty for an ordering or trend, which the quoted heading already says."""
    if claim.stated is not None:
        return claim.stated_words if claim.precision in ("exact", "percent", "year") else ""
    lines = {f.line for f in outcome.evidence.figures if f.file == "data/border_arrests.csv"}
    table = session().data.border_arrests
    return "; ".join(f"“{quote}”" for quote in table.loc[table["line"].isin(lines), "quote"])


def _headings(vintage: str) -> tuple[str, str]:
    if vintage == vintages.ARTICLE:
        day = present.day(session().data.article.vintage_date)
        return (
            f"On MOU's figures as published on {day} (the article's date)",
            f"as published on {day}",
        )
    return "On the latest figures", "latest figures"


def claim(claim_id: str) -> ClaimView:
    """The claim with its verdicts and evidence on the article's vintage and the latest.

    Raises VerdictChanged when a computed verdict differs from the registry's.
    """
    entry = session().results.registry.get(claim_id)
    results = []
    for vintage in claims.VINTAGES:
        outcome = _outcome(claim_id, vintage)
        recorded = entry.recorded[vintage]
        if outcome.problems:
            raise VerdictChanged(f"{claim_id} [{vintage}]: " + "; ".join(outcome.problems))
        if outcome.verdict.value != recorded:
            raise VerdictChanged(
                f"{claim_id} [{vintage}]: recorded {recorded}, computed {outcome.verdict.value}: {outcome.reason}"
            )
        results.append(Result(*_headings(vintage), outcome))
    return ClaimView(entry, said(entry, results[0].outcome), tuple(results))


def _outcome(claim_id: str, vintage: str) -> claims.Outcome:
    return session().results.outcome(claim_id, vintage)


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
    )


def verdict_summary() -> present.Table:
    """Every claim with its verdict on both vintages."""
    table = _with_labels(_scorecard())
    return present.table(
        table,
        {
            "quote": "The article says",
            "label_article": "Verdict on the article's date",
            "label_latest": "Verdict on the latest data",
        },
    )


def scorecard_table() -> pd.DataFrame:
    """The full scorecard (for charts.scorecard)."""
    return _scorecard().copy()


def _with_sources(frame: pd.DataFrame) -> pd.DataFrame:
    sources = session().data.sources[["source_id", "publisher", "url"]]
    return frame.merge(sources, on="source_id", how="left", validate="many_to_one")


def series(first_year: int, vintage: str = vintages.LATEST) -> present.Table:
    """The annual series from `first_year` on, each figure with its source."""
    frame = session().book.arrivals(vintage)
    frame = _with_sources(frame[frame["end"].dt.year >= first_year])
    basis = frame["basis"].map(
        {vintages.PUBLISHED: "published by then", vintages.INFERRED: "inferred from a later table"}
    )
    return present.table(
        frame.assign(basis=basis),
        {
            "period": "Year",
            "men": "Men",
            "women": "Women",
            "total": "Arrivals",
            "publisher": "Source",
            "published": "Published",
            "basis": "Status on that day",
            "reconciles_with": "Evidence it stood then",
        },
        links={"publisher": "url"},
        caption=f"North Koreans arriving in South Korea, {session().book.describe(vintage)}",
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
    return present.table(
        table.assign(period_end=table["period_end"].dt.strftime("%Y-%m-%d")),
        {
            "issue_id": "Issue",
            "publisher": "Source",
            "period_end": "Period ending",
            "field": "Figure",
            "printed": "Printed",
            "reading": "Reading",
            "kind": "Kind",
            "note": "Note",
        },
        links={"publisher": "url"},
    )


def anecdotes(context: bool = False) -> present.Table:
    """The article's anecdotal figures (or, `context`, rights groups' related counts)."""
    data = session().data
    table = _with_sources(data.repatriation_context if context else data.border_arrests)
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
    )


def glossary() -> present.Table:
    """What each verdict means, from the one verdict vocabulary."""
    rows = [
        {"label": words.label, "meaning": words.meaning[0].upper() + words.meaning[1:] + "."}
        for words in claims.VERDICTS.values()
    ]
    return present.table(pd.DataFrame(rows), {"label": "Verdict", "meaning": "What it means"})


# --- figures: the plotting helpers with the registry's era and the verdict words ---


def _era_start() -> int:
    return session().results.registry.era_start


def arrivals_figure(vintage: str = vintages.LATEST) -> Figure:
    """Arrivals by sex per year on one vintage, Kim Jong Un's era shaded."""
    book = session().book
    return plots.arrivals_by_sex(
        book.arrivals(vintage), book.describe(vintage), era_start=_era_start()
    )


def women_share_figure() -> Figure:
    """Women's share of each year's arrivals, latest figures."""
    book = session().book
    return charts.women_share(
        book.arrivals(vintages.LATEST), book.describe(vintages.LATEST), era_start=_era_start()
    )


def revisions_figure() -> Figure:
    """Each year's change from first report to latest, for men, women and the total."""
    return charts.revisions(vintages.revisions(session().book))


def scorecard_figure() -> Figure:
    """How many claims get each verdict, on both vintages."""
    labels = {v.value: w.short for v, w in claims.VERDICTS.items()}
    return charts.scorecard(scorecard_table(), labels)


# --- the press figures, checked as claims by their outlets ------------------------


def _press_checks() -> "list[press.PressCheck]":
    """Every press figure checked, once per session."""
    from analysis.claims import press

    current = session()
    if not current.press_checks:
        current.press_checks = press.check_press(current.results.inputs)
    return current.press_checks


def press_summary() -> present.Table:
    """How many press figures matched the series of their day, were revised since, stale,
    different (each a recorded source issue) or not comparable.

    Raises VerdictChanged when a figure is neither matched nor a recorded source issue."""
    from analysis.claims import press

    checks = _press_checks()
    unexplained = [c.claim.id for c in checks if not c.explained]
    if unexplained:
        raise VerdictChanged(
            "press figures neither matched nor recorded as source issues: " + ", ".join(unexplained)
        )
    counts = press.summary(checks)
    frame = pd.DataFrame({"finding": list(counts), "figures": list(counts.values())})
    return present.table(frame, {"finding": "Finding", "figures": "Press figures"})


def press_mismatches() -> present.Table:
    """Every press figure that did not match the series of its day, with its explanation."""
    from analysis.claims import press

    rows = []
    for check in _press_checks():
        if check.finding not in (press.STALE, press.DIFFERS):
            continue
        figure = check.outcome.evidence.figures[0]
        rows.append(
            {
                "outlet": figure.source.publisher,
                "url": figure.source.url,
                "published": figure.source.published,
                "figure": figure.label,
                "reported": figure.value,
                "finding": check.finding,
                "why": check.issue or " ".join(check.outcome.evidence.arithmetic[1:]),
            }
        )
    return present.table(
        pd.DataFrame(rows),
        {
            "outlet": "Outlet",
            "published": "Published",
            "figure": "Figure",
            "reported": "Reported",
            "finding": "Finding",
            "why": "Recorded source issue, or the older figure it repeats",
        },
        links={"outlet": "url"},
    )

"""What the notebooks call to show a claim and its work: the quote, the verdicts,
the figures with their sources, the arithmetic and what changed since. The
checks compute everything; this module only displays what they used.

Each claim's cell computes the claim's figure itself, in pandas on `book()` (the
vintages of the series) and `data()` (every table), and passes it to `claim`,
which fails the cell when the notebook's value and the engine's differ
(`agreement`), or when a verdict is not the one recorded in the registry: a
notebook whose claim stops reproducing fails, and nbval reports the notebook and
cell."""

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis import claims, formatting, paths, vintages
from analysis.load.datasets import Data, load
from analysis.show import agreement, charts, plots, present
from analysis.show.claimview import ClaimView, result
from analysis.show.figures import Chart
from analysis.show.sourcenames import SourceNames

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

    @cached_property
    def names(self) -> SourceNames:
        """Source ids in reader words, for every claim's card."""
        return SourceNames(self.results.inputs.sources, self.results.inputs.data.source_issues)


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


def book() -> vintages.Book:
    """The vintages of the series: `book().arrivals("article")` is MOU's annual figures as
    they stood on the article's date, `"latest"` as they stand now, `"first"` each year as
    first reported."""
    return session().book


def data() -> Data:
    """Every table of the data directory, read and validated (`data().border_arrests`, ...)."""
    return session().data


def stated() -> "pd.Series[Any]":
    """The value each claim of the notebooks' article states, by claim id (as the registry
    records it from the article)."""
    registry = session().results.registry
    return pd.Series({c.id: c.stated for c in registry.claims}, dtype=object)


def era_start() -> int:
    """The year the article dates Kim Jong Un's era from ("came to power in 2012")."""
    eras = session().results.article.eras
    if eras is None:
        raise ValueError("the article dates no era")
    return eras.used


ComputationDisagrees = agreement.ComputationDisagrees


def said(claim: claims.Claim, outcome: claims.Outcome) -> str:
    """The figure the article gives, in its own words: a count, share or year as its
    quote words it, or for an anecdote the article's sentences behind the figures it
    rests on; empty for an ordering or trend, which the quoted heading already says."""
    if claim.stated is not None:
        return claim.figure_words
    lines = {f.line for f in outcome.evidence.figures if f.file == "data/border_arrests.csv"}
    table = session().data.border_arrests
    return "; ".join(f"“{quote}”" for quote in table.loc[table["line"].isin(lines), "quote"])


def claim(claim_id: str, computed: Any) -> ClaimView:
    """The claim with its verdicts and evidence on the article's vintage and the latest,
    once the notebook's own computation of its figure, `computed`, agrees with the
    engine's on both (see `agreement` for the forms it may take: a Series with one value
    per vintage, a table with one column per vintage, a tuple of them, or one value for
    both).

    Raises ComputationDisagrees, naming the claim, the vintage and both values, when they
    differ. A verdict that differs from the registry's, or a disagreement in the data the
    check found, is shown on the claim, marked as a preview: the notebook still runs (so
    a correction can be previewed in the report), while its stored output, and so nbval,
    and `claims --check` fail until the change is recorded.
    """
    entry = session().results.registry.get(claim_id)
    day = formatting.day(session().results.article.vintage_date)
    results, changes = [], []
    for vintage in claims.VINTAGES:
        outcome = _outcome(claim_id, vintage)
        agreement.check(entry, outcome, computed)
        recorded = entry.recorded.get(vintage)
        changes += [f"{vintage}: {problem}" for problem in outcome.problems]
        if outcome.verdict.value != recorded:
            changes.append(f"{vintage}: {claims.change_words(recorded, outcome.verdict)}")
        results.append(result(outcome, day))
    shown = said(entry, results[0].outcome)
    own = session().results.article.own_sources
    return ClaimView(entry, shown, tuple(results), session().names, tuple(changes), own)


def _outcome(claim_id: str, vintage: str) -> claims.Outcome:
    return session().results.outcome(claim_id, vintage)


# --- figures: the plotting helpers with the registry's era and the verdict words ---


def _era_start() -> int | None:
    eras = session().results.article.eras
    return None if eras is None else eras.used


# Each returns a Chart, which a notebook shows wide, or tall on a phone, with its alt text.


def arrivals_figure(series: pd.DataFrame, vintage: str = vintages.LATEST) -> Chart:
    """Arrivals by sex per year, Kim Jong Un's era shaded: `series` is the notebook's
    `book().arrivals(vintage)` (with `period` as a column or as the index)."""
    series = series.reset_index() if "period" not in series else series
    return plots.arrivals_chart(series, book().describe(vintage), era_start=_era_start())


def women_share_figure(series: pd.DataFrame, vintage: str = vintages.LATEST) -> Chart:
    """Women's share of each year's arrivals in the notebook's `series` of `vintage`."""
    series = series.reset_index() if "period" not in series else series
    return charts.women_share_chart(series, book().describe(vintage), era_start=_era_start())


def revisions_figure(table: pd.DataFrame) -> Chart:
    """Each year's change from first report to latest, for men, women and the total:
    `table` is the notebook's `vintages.revisions(book())`."""
    return charts.revisions_chart(table)


def scorecard_figure() -> Chart:
    """How many claims get each verdict, on both vintages."""
    labels = {v.value: w.short for v, w in claims.VERDICTS.items()}
    return charts.scorecard_chart(claims.scorecard(session().results), labels)


# --- the press figures, checked as claims by their outlets ------------------------


def checked_press() -> "list[press.PressCheck]":
    """Every press figure checked, once per session."""
    from analysis.claims import press

    current = session()
    if not current.press_checks:
        current.press_checks = press.check_press(current.results.inputs)
    return current.press_checks


def press_summary() -> present.Table:
    """How many press figures matched the series of their day, were revised since, stale,
    different (each a recorded source issue) or not comparable; figures neither matched
    nor recorded as a source issue are counted apart (`claims --press --check` fails on
    them until they are recorded)."""
    from analysis.claims import press

    checks = checked_press()
    counts = press.summary(checks)
    unexplained = sum(not c.explained for c in checks)
    if unexplained:
        counts = {**counts, "unexplained: not yet a recorded source issue": unexplained}
    frame = pd.DataFrame({"finding": list(counts), "figures": list(counts.values())})
    return present.table(frame, {"finding": "Finding", "figures": "Press figures"})


def _without_latest(arithmetic: tuple[str, ...]) -> tuple[str, ...]:
    """A press figure's working without its second step, the latest figure (the table
    is about the figure's own day)."""
    return (*arithmetic[:1], *arithmetic[2:])


def press_mismatches() -> present.Table:
    """Every press figure that did not match the series of its day, with its explanation."""
    from analysis.claims import press

    current, rows = session(), []
    table = current.data.source_issues
    issues = dict(zip(table["issue_id"], table["note"], strict=True))  # each in words
    shown = [
        c for c in checked_press() if c.finding in (press.STALE, press.DISPUTED, press.DIFFERS)
    ]
    tally = ", ".join(f"{f}: {n}" for f, n in press.summary(shown).items() if n)
    for check in shown:
        figure = check.outcome.evidence.figures[0]
        rows.append(
            {
                "outlet": figure.source.publisher,
                "url": figure.source.url,
                "published": formatting.published(figure.source.published),
                "figure": figure.label,
                "reported": check.claim.stated,  # as printed: a misprint as the outlet gave it
                "finding": check.finding,
                "why": current.names(
                    issues[check.issue]
                    if check.issue
                    # the figure in force that day, then what it repeats or agrees with
                    else "; ".join(_without_latest(check.outcome.evidence.arithmetic))
                ),
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
            "why": "The recorded source issue, or the older figure it repeats",
        },
        links={"outlet": "url"},
        fold=f"The {formatting.counted(len(rows), 'figure', 'figures')} ({tally}), each "
        "with its outlet, its day and why it differs",
    )

"""The generated prose a notebook shows where it would otherwise state a finding in
typed Markdown: its conclusion from the verdicts (analysis.show.conclusions) and
statements about the data (analysis.show.statements), read from the notebook's
session (analysis.show.narrative.setup). A notebook re-run on corrected data says
what the new verdicts and figures say."""

from dataclasses import dataclass

from analysis.show import conclusions, markdown, statements
from analysis.show.narrative import checked_press, session


@dataclass(frozen=True)
class Prose:
    """Generated Markdown, shown as text in a notebook and in the report."""

    text: str

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


def conclusion(notebook: str) -> Prose:
    """The conclusion of `notebook` (its file name): the verdicts of the claims it shows,
    grouped and linked to each claim's section."""
    return Prose(conclusions.notebook_conclusion(session().results, notebook))


def every_verdict(notebook: str, counted: bool = True) -> Prose:
    """How many claims of the article get each verdict on both dates (unless not
    `counted`: a chart beside it counts them), then, folded below, the verdicts of every
    claim, grouped, each linked from `notebook` to its section in the notebook that
    shows it."""
    results = session().results
    chosen = results.registry.claims
    verdicts = conclusions.Verdicts(results)
    listed = verdicts.conclusion(chosen, conclusions.from_notebook(notebook))
    folded = markdown.fold(conclusions.EVERY_CLAIM, listed)
    if not counted:
        return Prose(folded)
    return Prose(f"{verdicts.summary(chosen, 'of the article')}\n\n{folded}")


def changed_verdicts(notebook: str) -> Prose:
    """Which claims changed verdict since the article's date, with the figures behind
    the change, linked from `notebook`."""
    verdicts = conclusions.Verdicts(session().results)
    return Prose(verdicts.changes(conclusions.from_notebook(notebook)))


def arrivals_since() -> Prose:
    """The latest figures for the article's last year and every whole year since."""
    return Prose(statements.arrivals_since(session().book))


def reconciliation() -> Prose:
    """How the year-end cumulative totals reconcile, and each recorded source issue."""
    return Prose(statements.reconciliation(session().book))


def press_findings() -> Prose:
    """What the press checks found, each figure named but those that matched."""
    return Prose(statements.press_findings(checked_press(), session().data.sources))

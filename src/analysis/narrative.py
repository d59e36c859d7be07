"""What the notebooks call to show a claim: its wording, the stated value, what
the data give on each vintage and the verdict. Showing a claim also asserts that
its verdicts are the ones recorded in the registry, so a notebook whose claim
stops reproducing fails (and nbval reports the notebook and cell)."""

import html
from dataclasses import dataclass
from functools import cache

import pandas as pd

from analysis import claims, paths, plots, vintages


def setup() -> None:
    """Prepare a notebook: the house plot style, and tables shown whole (no truncated text)."""
    plots.use_house_style()
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 100)


class VerdictChanged(AssertionError):
    """A claim's computed verdict no longer matches the registry."""


COLUMNS = ("figures", "the article says", "the data give", "verdict", "why")


@dataclass(frozen=True)
class ClaimView:
    """A claim's verdicts, shown whole (no truncated reasons) as HTML and as text."""

    claim_id: str
    rows: tuple[tuple[str, ...], ...]

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
            for row in self.rows
        )
        return f'<table class="claim" id="{self.claim_id}-verdicts"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def __repr__(self) -> str:
        return "\n".join(
            f"{row[0]}: {row[3]} (article says {row[1]}; data give {row[2]}): {row[4]}"
            for row in self.rows
        )


def claim(claim_id: str) -> ClaimView:
    """The claim's verdicts on the article's vintage and the latest.

    Raises VerdictChanged when a computed verdict differs from the registry's.
    """
    entry = claims.load_registry().get(claim_id)
    rows = []
    for vintage in claims.VINTAGES:
        outcome = _outcome(claim_id, vintage)
        recorded = entry.recorded[vintage]
        if outcome.verdict.value != recorded:
            raise VerdictChanged(
                f"{claim_id} [{vintage}]: recorded {recorded}, computed {outcome.verdict.value}: {outcome.reason}"
            )
        label = claims.VERDICT_LABELS[outcome.verdict]
        rows.append((vintage, str(entry.stated), outcome.computed, label, outcome.reason))
    return ClaimView(claim_id, tuple(rows))


@cache
def _outcome(claim_id: str, vintage: str) -> claims.Outcome:
    """One claim on one vintage, evaluated once per kernel."""
    return claims.evaluate(claim_id, vintage, paths.DATA_DIR)


@cache
def _scorecard() -> pd.DataFrame:
    evaluated = [_outcome(c.id, v) for c in claims.load_registry().claims for v in claims.VINTAGES]
    return claims.scorecard(claims.VINTAGES, paths.DATA_DIR, evaluated)


def changed_since_article() -> pd.DataFrame:
    """Claims whose verdict on the latest figures differs from the article's date."""
    table = _scorecard()
    changed = table[table["verdict_article"] != table["verdict_latest"]]
    return changed[
        ["id", "quote", "computed_article", "computed_latest", "verdict_latest"]
    ].set_index("id")


def verdict_summary() -> pd.DataFrame:
    """Every claim with its verdict on both vintages."""
    table = _scorecard()
    return table[["id", "kind", "quote", "verdict_article", "verdict_latest"]].set_index("id")


def since(year: int, vintage: str = "latest") -> pd.DataFrame:
    """The annual series from `year` on."""
    series = vintages.arrivals(vintage)
    return series[series["end"].dt.year >= year].set_index("period")[
        ["men", "women", "total", "source_id"]
    ]


def scorecard_table() -> pd.DataFrame:
    """The full scorecard (for plots.scorecard)."""
    return _scorecard().copy()

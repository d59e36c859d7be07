"""What the notebooks call to show a claim: its wording, the stated value, what
the data give on each vintage and the verdict. Showing a claim also asserts that
its verdicts are the ones recorded in the registry, so a notebook whose claim
stops reproducing fails (and nbval reports the notebook and cell)."""

from functools import cache

import pandas as pd

from analysis import claims, paths, vintages


class VerdictChanged(AssertionError):
    """A claim's computed verdict no longer matches the registry."""


def claim(claim_id: str) -> pd.DataFrame:
    """The claim's verdicts on the article's vintage and the latest, as a small table."""
    entry = claims.load_registry().get(claim_id)
    rows = []
    for vintage in claims.VINTAGES:
        outcome = _outcomes()[(claim_id, vintage)]
        recorded = entry.recorded[vintage]
        if outcome.verdict.value != recorded:
            raise VerdictChanged(
                f"{claim_id} [{vintage}]: recorded {recorded}, computed {outcome.verdict.value}: {outcome.reason}"
            )
        rows.append(
            {
                "figures": vintage,
                "the article says": entry.stated,
                "the data give": outcome.computed,
                "verdict": claims.VERDICT_LABELS[outcome.verdict],
                "why": outcome.reason,
            }
        )
    return pd.DataFrame(rows).set_index("figures")


@cache
def _evaluated() -> list[claims.Outcome]:
    """Every claim evaluated once per kernel: notebooks show many claims."""
    return claims.evaluate_all(claims.VINTAGES, paths.DATA_DIR)


@cache
def _outcomes() -> dict[tuple[str, str], claims.Outcome]:
    return {(o.claim_id, o.vintage): o for o in _evaluated()}


@cache
def _scorecard() -> pd.DataFrame:
    return claims.scorecard(claims.VINTAGES, paths.DATA_DIR, _evaluated())


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

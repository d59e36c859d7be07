"""Every check, by the name the registry uses: the module and the function,
e.g. `official.women_share` is `analysis.claims.checks.official.women_share`.

The table is written out, so a check is found by its name from Python as from
the registry, and adding a check means adding it here.
"""

from analysis.claims.checks import (
    anecdotes,
    arithmetic,
    cumulative,
    figures,
    official,
    press,
    ranks,
)
from analysis.claims.claim import Registry
from analysis.claims.declare import Check
from analysis.claims.registry import load_registries as _load
from analysis.load.datasets import Data

CHECKS: dict[str, Check] = {
    check.name: check
    for check in (
        figures.value,
        figures.share,
        figures.difference,
        figures.change,
        figures.ratio,
        figures.projection,
        cumulative.total,
        cumulative.share,
        cumulative.passed,
        ranks.extreme,
        ranks.run,
        ranks.every_year,
        ranks.first_reached,
        ranks.trend,
        official.went_down,
        official.fluctuated_but_low,
        official.first_published,
        arithmetic.sum_of_stated,
        arithmetic.era_start_matches,
        anecdotes.source_reported,
        anecdotes.daily_rates,
        anecdotes.rise_arithmetic,
        anecdotes.attempts_vs_arrivals,
        anecdotes.repatriation_context,
        press.reported_figure,
        press.reported_total,
    )
}


def load_registries(data: Data) -> tuple[Registry, ...]:
    """Every article's registry in `data`, validated against this table of checks."""
    return _load(data, CHECKS)

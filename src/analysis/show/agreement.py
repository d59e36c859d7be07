"""A notebook's own computation of a claim against the engine's: the two
implementations check each other.

A notebook computes each claim's figure in pandas and passes it to
`narrative.claim(id, computed=...)`. `computed` may be:
- a Series indexed by the vintages ("article", "latest"): one value per vintage,
  e.g. `total.loc["2017"]` on a frame with one column per vintage;
- a DataFrame whose columns are the vintages: per vintage, its column's values in
  order (e.g. every year's share);
- any other Series: its values in order, the same on every vintage;
- a tuple of any of these, compared element by element;
- a plain value (a number, a year or a date as text): the same on every vintage.

Each check's `Outcome.value` is turned into the figure a notebook computes (`ENGINE`):
for instance the year found lowest for an ordering, the change for a fall, the needed
count for a rise. Counts, years and dates must be equal; shares and rates (an engine
value that is a float) agree within `TOLERANCE`.
"""

import itertools
from collections.abc import Callable
from typing import Any

import pandas as pd

from analysis.claims import Claim, Outcome

TOLERANCE = 0.01  # percentage points for shares, arrests a day for rates
VINTAGE_NAMES = ("article", "latest")


class ComputationDisagrees(AssertionError):
    """The notebook's computation of a claim and the engine's give different values."""


# --- the engine's value as the figure a notebook computes --------------------------


def _itself(claim: Claim, outcome: Outcome) -> Any:
    return outcome.value


def _figure(claim: Claim, outcome: Outcome) -> Any:
    """A figure that was revised comes as (now, as published then): the first is this vintage's."""
    value = outcome.value
    return value[0] if isinstance(value, tuple) else value


def _cumulative(claim: Claim, outcome: Outcome) -> Any:
    """(sum of the series, reconciled reported totals): the sum, as `_figure` reads it."""
    total = outcome.value[0]
    return total[0] if isinstance(total, tuple) else total


def _extreme(claim: Claim, outcome: Outcome) -> Any:
    """The year found lowest (or highest) from the era's first year through the claim's."""
    first, compared, _ = outcome.value
    last = int(claim.args["period"]) if claim.args["until"] == "period" else None
    years = {p: v for p, v in compared if int(p) >= first and (last is None or int(p) <= last)}
    pick = min if claim.args["order"] == "lowest" else max
    return pick(years, key=lambda p: years[p])


def _every_year(claim: Claim, outcome: Outcome) -> Any:
    """Each year's value, in order."""
    return tuple(v for _, v in outcome.value)


def _went_down(claim: Claim, outcome: Outcome) -> Any:
    """The change from the first year to the second."""
    return outcome.value[1] - outcome.value[0]


def _fluctuated(claim: Claim, outcome: Outcome) -> Any:
    """The changes of direction among the years, and their highest against the lowest of
    the reference years."""
    years, reference = outcome.value
    rises = [b > a for a, b in itertools.pairwise(years)]
    turns = sum(a != b for a, b in itertools.pairwise(rises))
    return turns, max(years), min(reference)


def _first_published(claim: Claim, outcome: Outcome) -> Any:
    return outcome.value[0]


def _reported(claim: Claim, outcome: Outcome) -> Any:
    """How many people the article's own figures for the sentence count (0 when it gives none)."""
    figures = outcome.evidence.figures
    return sum(
        int(f.value) for f in figures if f.file == "data/border_arrests.csv" and f.column == "low"
    )


def _daily_rates(claim: Claim, outcome: Outcome) -> Any:
    """Arrests a day this year, and last year's at the low and the high end of its range."""
    now, now_days, low, high, before_days = outcome.value
    return now / now_days, low / before_days, high / before_days


def _rise_needs(claim: Claim, outcome: Outcome) -> Any:
    """The arrests the stated rise needs over last year's window, at both ends of its range."""
    rise, _, _, low, high, _ = outcome.value
    return low * (1 + rise / 100), high * (1 + rise / 100)


def _first_counts(claim: Claim, outcome: Outcome) -> Any:
    """Each related count (its low end), in order."""
    return tuple(row[0] for row in outcome.value)


ENGINE: dict[str, Callable[[Claim, Outcome], Any]] = {
    # every check that compares one figure with the stated band (checks.compare)
    **dict.fromkeys(
        (
            "figures.value",
            "figures.share",
            "figures.difference",
            "figures.change",
            "figures.ratio",
            "figures.projection",
            "cumulative.share",
        ),
        _figure,
    ),
    "cumulative.total": _cumulative,
    "ranks.extreme": _extreme,
    "ranks.every_year": _every_year,
    "official.went_down": _went_down,
    "official.fluctuated_but_low": _fluctuated,
    "official.first_published": _first_published,
    "anecdotes.source_reported": _reported,
    "anecdotes.daily_rates": _daily_rates,
    "anecdotes.rise_arithmetic": _rise_needs,
    "anecdotes.repatriation_context": _first_counts,
}
"""Checks whose value is not itself the figure a notebook computes; any other check's
value (a count, a share, a difference, a pair of figures) is compared as it is."""


def engine_value(claim: Claim, outcome: Outcome) -> Any:
    """The engine's figure for `claim` on the outcome's vintage, as a notebook computes it."""
    if outcome.value is None:
        return None
    return _plain(ENGINE.get(claim.check, _itself)(claim, outcome))


# --- the notebook's value -----------------------------------------------------------


def _plain(value: Any) -> Any:
    """Python numbers and text for NumPy and pandas scalars; None for a missing value."""
    if isinstance(value, tuple | list):
        return tuple(_plain(v) for v in value)
    if isinstance(value, str):
        return value
    if value is None or bool(pd.isna(value)):
        return None
    if hasattr(value, "item"):  # a NumPy scalar
        return value.item()
    return value


def notebook_value(computed: Any, vintage: str) -> Any:
    """What the notebook computed for `vintage` (see the module's docstring for the forms)."""
    if isinstance(computed, tuple):
        return tuple(notebook_value(part, vintage) for part in computed)
    if isinstance(computed, pd.DataFrame):
        if set(computed.columns) != set(VINTAGE_NAMES):
            raise TypeError(
                f"a computed table needs one column per vintage {VINTAGE_NAMES}, "
                f"not {list(computed.columns)}"
            )
        return _plain(tuple(computed[vintage]))
    if isinstance(computed, pd.Series):
        if set(computed.index) == set(VINTAGE_NAMES):
            return _plain(computed[vintage])
        return _plain(tuple(computed))
    return _plain(computed)


# --- the comparison -----------------------------------------------------------------


def agree(ours: Any, theirs: Any) -> bool:
    """Whether the notebook's value `ours` matches the engine's `theirs`: element by element
    for tuples, within TOLERANCE where the engine's is a float, else exactly."""
    if isinstance(theirs, tuple):
        return (
            isinstance(ours, tuple)
            and len(ours) == len(theirs)
            and all(agree(a, b) for a, b in zip(ours, theirs, strict=True))
        )
    if isinstance(ours, bool) or isinstance(theirs, bool):
        return ours is theirs
    numbers = int | float
    if isinstance(theirs, float) and isinstance(ours, numbers):
        return abs(ours - theirs) <= TOLERANCE
    if isinstance(theirs, int) and isinstance(ours, numbers):
        return ours == theirs
    return bool(ours == theirs) and type(ours) is type(theirs)


def shown(value: Any) -> str:
    """A value for an error message: floats to four decimals, text quoted."""
    if isinstance(value, tuple):
        return "(" + ", ".join(shown(v) for v in value) + ")"
    if isinstance(value, float):
        return f"{value:.4f}"
    return repr(value)


def check(claim: Claim, outcome: Outcome, computed: Any) -> None:
    """Raise ComputationDisagrees, naming the claim, the vintage and both values, when the
    notebook's `computed` and the engine's outcome differ."""
    ours = notebook_value(computed, outcome.vintage)
    theirs = engine_value(claim, outcome)
    if not agree(ours, theirs):
        raise ComputationDisagrees(
            f"{claim.id} [{outcome.vintage}]: the notebook computes {shown(ours)}, "
            f"the engine {shown(theirs)}"
        )

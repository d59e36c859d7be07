"""Generic checks of cumulative totals: the total on a date (a year's end, or a day
with its part year), a share of it, and the date it passed a threshold. The sums
are of the series as it stood; MOU's own reported totals are reconciled alongside."""

from dataclasses import replace
from typing import Any

import pandas as pd

from analysis.claims.checks.compare import (
    compare,
    reconcile_reported,
    share_of,
    summed,
    unpublished,
)
from analysis.claims.declare import COLUMNS, SEXES, WHOLE, Through, check
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Reading
from analysis.claims.verdicts import Verdict
from analysis.formatting import count, day, percent
from analysis.load.dates import date_bounds
from analysis.vintages import periods


def _last_period(through: str) -> str:
    """The period a total to `through` needs last: its year, or the part year to the day."""
    end = periods.through(through)
    return str(end.year) if (end.month, end.day) == (12, 31) else f"{end.year}-01-01/{through}"


@check(through=Through, field=COLUMNS)
def total(reading: Reading) -> Outcome:
    """The sum of the series to a year's end or a day against the stated total, with
    MOU's own reported totals to that day reconciled alongside."""
    through, column = reading.claim.args["through"], reading.claim.args["field"]
    if missing := unpublished(reading, _last_period(through)):
        return missing
    for period in reading.revised_periods(through, column):
        reading.trail(period, column)
    reconciled, lines, problems = reconcile_reported(reading, through, column)

    def compute(then: Any) -> tuple[float | None, str]:
        return summed(reading, through, column, then)

    outcome = compare(reading, compute, "count")
    evidence = replace(outcome.evidence, arithmetic=(*outcome.evidence.arithmetic, *lines))
    return replace(
        outcome, value=(outcome.value, reconciled), evidence=evidence, problems=tuple(problems)
    )


@check(through=Through, part=SEXES, whole=WHOLE)
def share(reading: Reading) -> Outcome:
    """One field's share of another, summed to a year's end or a day ("71% women")."""
    args = reading.claim.args
    through, part, whole = args["through"], args["part"], args["whole"]
    if missing := unpublished(reading, _last_period(through)):
        return missing

    def compute(then: Any) -> tuple[float | None, str]:
        x, _ = reading.cumulative(through, part, then)
        y, _ = reading.cumulative(through, whole, then)
        result = share_of(x, y)
        if result is None or x is None or y is None:
            return None, f"{part} / {whole} up to {through}: a figure is missing"
        return result, (
            f"{part} up to {through} / {whole} up to {through} = "
            f"{count(x)} / {count(y)} = {percent(result)}"
        )

    return compare(reading, compute, "percent")


@check(threshold=float, field=COLUMNS)
def passed(reading: Reading) -> Outcome:
    """When a cumulative total, as reported by this vintage's day, passed a threshold:
    between the last total reported below it and the first at or above it. The stated
    date (a day, a month or a year) holds when it overlaps that interval."""
    threshold, column = reading.claim.args["threshold"], reading.claim.args["field"]
    totals = reading.reported_series(column)
    below = [(d, f) for d, f in totals if f.value < threshold]
    above = [(d, f) for d, f in totals if f.value >= threshold]
    if not above:
        reason = f"no total of {count(threshold)} or more had been reported by then"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, None)
    first_day = above[0][0]
    before = [d for d, _ in below if d < first_day]
    start = before[-1] + pd.Timedelta(days=1) if before else None
    low, high = (pd.Timestamp(b) for b in date_bounds(str(reading.claim.stated)))
    holds = low <= first_day and (start is None or high >= start)
    since = "records began" if start is None else day(start)
    computed = f"between {since} and {day(first_day)}"
    arithmetic = tuple(
        f"{day(d)}: {count(int(f.value))} ({'≥' if f.value >= threshold else '<'} {count(threshold)})"
        for d, f in totals
    )
    verdict = Verdict.REPRODUCED if holds else Verdict.CONTRADICTED
    stated = reading.claim.stated
    reason = f"the total passed {count(threshold)} {computed}; the article says {stated}"
    band = f"“{stated}” → {day(low)} to {day(high)}"
    return reading.outcome(verdict, computed, reason, (start, first_day), arithmetic, band)

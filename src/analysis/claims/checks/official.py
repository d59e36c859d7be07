"""Checks of official statistics whose wording no generic check fits: a fall that the
article also dates against its era, "fluctuated but remained low", and the day a
year's figures were first published. Each reads the data only through its Reading,
so its evidence lists what it used."""

import itertools
from typing import Any

from analysis.claims.checks.compare import unpublished
from analysis.claims.declare import PeriodName, Periods, check
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Reading
from analysis.claims.verdicts import Verdict
from analysis.formatting import count, counted, signed, span


def _totals(reading: Reading, periods: list[str]) -> dict[str, int]:
    return {p: v for p in periods if (v := reading.value(p, "total")) is not None}


def _listing(values: dict[str, int]) -> str:
    return ", ".join(f"{p}: {count(v)}" for p, v in values.items())


@check(before=PeriodName, after=PeriodName, earlier=("before", "after"))
def went_down(reading: Reading) -> Outcome:
    """Whether arrivals fell from one year to the next; and, where the article dates the
    era differently from the years the sentence names, what that dating gives."""
    before, after = reading.claim.args["before"], reading.claim.args["after"]
    x, y = reading.value(before, "total"), reading.value(after, "total")
    if x is None or y is None:
        return reading.outcome(
            Verdict.NOT_VERIFIABLE, "", "a year is missing from these figures", None
        )
    change = 100 * (y - x) / x
    computed = f"{count(x)} → {count(y)} ({signed(change, 1)}%)"
    verdict = Verdict.REPRODUCED if y < x else Verdict.CONTRADICTED
    arithmetic = [f"({count(y)} − {count(x)}) / {count(x)} = {signed(change, 1)}%"]
    reason = f"{before} to {after}: {computed}"
    value: tuple[Any, ...] = (x, y)
    first = int(reading.era_start().value)
    if str(first) != before:
        a, b = reading.value(str(first), "total"), reading.value(str(first + 1), "total")
        if a is not None and b is not None:
            went = "down" if b < a else "up"
            reason += (
                f"; the sentence's years make {before} the era's first year: dated from {first}, "
                f"as the article dates it elsewhere, the year after the first went {went} "
                f"({first} to {first + 1}: {count(a)} → {count(b)})"
            )
            arithmetic.append(f"era from {first}: {count(a)} → {count(b)}, {went}")
            value = (x, y, a, b)
    return reading.outcome(verdict, computed, reason, value, tuple(arithmetic))


@check(years=Periods, reference=Periods)
def fluctuated_but_low(reading: Reading) -> Outcome:
    """'Fluctuated but remained low': at least one change of direction, and every
    year below the lowest year of a reference period."""
    years, reference = reading.claim.args["years"], reading.claim.args["reference"]
    totals = _totals(reading, years)
    ref = _totals(reading, reference)
    if len(totals) < len(years) or len(ref) < len(reference):
        return reading.outcome(
            Verdict.NOT_VERIFIABLE, "", "a year is missing from these figures", None
        )
    values = list(totals.values())
    steps = [b - a for a, b in itertools.pairwise(values)]
    turns = sum(1 for a, b in itertools.pairwise(steps) if (a > 0) != (b > 0))
    highest, floor = max(values), min(ref.values())
    computed = f"{span(years[0], years[-1])}: {', '.join(count(t) for t in values)}"
    low = highest < floor
    verdict = Verdict.REPRODUCED if low and turns >= 1 else Verdict.CONTRADICTED
    changes = counted(turns, "change of direction", "changes of direction")
    reason = (
        f"{computed}; {changes}; highest {count(highest)} is "
        f"{'below' if low else 'not below'} the lowest year of {span(reference[0], reference[-1])} ({count(floor)})"
    )
    arithmetic = (
        "year-on-year changes: " + ", ".join(signed(s) for s in steps) + f" → {changes}",
        f"highest {span(years[0], years[-1])}: {count(highest)}; "
        f"lowest {span(reference[0], reference[-1])}: "
        f"{count(floor)} ({_listing(ref)})",
    )
    return reading.outcome(
        verdict, computed, reason, (tuple(values), tuple(ref.values())), arithmetic
    )


@check(period=PeriodName)
def first_published(reading: Reading) -> Outcome:
    """The date a year's figures were first published, against the article's."""
    period = reading.claim.args["period"]
    if missing := unpublished(reading, period):
        return missing
    figure = reading.first_published(period)
    published = "" if figure is None else str(figure.value)
    source = "none" if figure is None else figure.source.id
    verdict = (
        Verdict.REPRODUCED_EXACTLY if published == reading.claim.stated else Verdict.CONTRADICTED
    )
    reason = f"{period}'s figures first appear on {published} ({source})"
    arithmetic = (f"earliest report of {period} found: {source}, published {published}",)
    return reading.outcome(verdict, published, reason, (published, source), arithmetic)

"""Generic checks of a year among years: lowest or highest since a year (or since
the era an article counts from, re-checked under every dating it allows), an
"N-year low", the first year a count or share reached a threshold, every year
inside a band, and a run of rises or falls. Parameters are in the registry."""

import itertools
from collections.abc import Callable, Mapping

from analysis.claims.band import Band
from analysis.claims.band import band as band_of
from analysis.claims.checks.compare import (
    claim_band,
    share_of,
    stated_text,
    unpublished,
    wording_band,
)
from analysis.claims.declare import COLUMNS, PeriodName, Thresholds, YearOrEra, check
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Reading
from analysis.claims.verdicts import Verdict
from analysis.formatting import count, percent, signed, span

ORDERS = ("lowest", "highest")


def _band(reading: Reading, stated: object) -> Band:
    """The claim's band with another stated value (an alternative threshold)."""
    claim = reading.claim
    return band_of(stated, claim.precision, claim.tolerance)


def _first_year(reading: Reading, since: str) -> int:
    return int(reading.era_start().value) if since == "era" else int(since)


def _listing(values: Mapping[str, float], show: Callable[[float], str] = count) -> str:
    return ", ".join(f"{p}: {show(v)}" for p, v in values.items())


def _measure(
    reading: Reading, first: int, last: int, column: str, measure: str
) -> dict[str, float]:
    """Each year's count of `column`, or its share of the total in percent."""
    counts: dict[str, float] = dict(reading.years(first, last, column))
    if measure == "count":
        return counts
    totals = reading.years(first, last, "total")
    return {y: s for y, v in counts.items() if (s := share_of(int(v), totals.get(y))) is not None}


@check(
    period=PeriodName,
    field=COLUMNS,
    order=ORDERS,
    since=YearOrEra,
    until=("period", "latest"),
    earlier=("since", "period"),
)
def extreme(reading: Reading) -> Outcome:
    """Whether a year is the lowest (or highest) of the years since `since` up to it (or
    up to the latest year); since the era, under every dating the article allows, with
    later years reported, not judged."""
    args = reading.claim.args
    period, column, order = args["period"], args["field"], args["order"]
    if missing := unpublished(reading, period):
        return missing
    pick = min if order == "lowest" else max
    through = int(period) if args["until"] == "period" else reading.last_year()
    used = _first_year(reading, args["since"])
    eras = reading.registry.article.eras
    starts = eras.alternatives if args["since"] == "era" and eras else (used,)
    ranges = {s: reading.years(s, through, column) for s in starts}
    held = {
        s: period in t and pick(t.values()) == t[period] and list(t.values()).count(t[period]) == 1
        for s, t in ranges.items()
    }
    years = ranges[used]
    others = {p: v for p, v in years.items() if p != period}
    runner_up = pick(others, key=lambda p: others[p])
    computed = (
        f"{period}: {count(years[period])}; next {order} {runner_up}: {count(others[runner_up])}"
    )
    kind = "era" if args["since"] == "era" else "years"
    robustness = ", ".join(
        f"{kind} from {s}: {'holds' if ok else 'fails'}" for s, ok in held.items()
    )
    later = reading.years(through + 1, reading.last_year(), column)
    after = ""
    if later:
        low = pick(later, key=lambda p: later[p])
        beyond = later[low] != years[period] and pick(later[low], years[period]) == later[low]
        still = f"{'lower' if order == 'lowest' else 'higher'} still ({low}: {count(later[low])})"
        after = f"; later years are {still if beyond else 'not beyond it'}, after the article"
    arithmetic = tuple(
        f"{kind} from {s}: {_listing(t)} → {order} {pick(t, key=lambda p: t[p])}"
        for s, t in ranges.items()
    ) + ((f"after the article: {_listing(later)}",) if later else ())
    verdict = Verdict.REPRODUCED if held[used] else Verdict.CONTRADICTED
    compared = {p: v for t in ranges.values() for p, v in t.items()}
    value = (used, tuple(sorted(compared.items())), tuple(later.items()))
    return reading.outcome(
        verdict, computed, f"{computed} ({robustness}){after}", value, arithmetic
    )


@check(period=PeriodName, field=COLUMNS, order=ORDERS)
def run(reading: Reading) -> Outcome:
    """ "An N-year low": how many years, counting back from this one, it is the lowest
    (or highest) of; the stated N is compared within its band."""
    args = reading.claim.args
    period, column, order = args["period"], args["field"], args["order"]
    if missing := unpublished(reading, period):
        return missing
    year = int(period)
    this = reading.value(period, column)
    assert this is not None  # unpublished() saw to it
    n, earlier = 1, None
    while (value := reading.value(str(year - n), column)) is not None:
        if (value <= this) if order == "lowest" else (value >= this):
            earlier = (year - n, value)
            break
        n += 1
    ended = (
        f"{earlier[0]} ({count(earlier[1])}) was {order[:-3]}er" if earlier else "no earlier year"
    )
    computed = f"{n}-year {order[:-3]}"
    working = f"{period}: {count(this)}; {span(year - n + 1, year - 1)} all {'higher' if order == 'lowest' else 'lower'}; {ended}"
    allowed = claim_band(reading)
    verdict = Verdict.REPRODUCED_EXACTLY if allowed.holds(n) else Verdict.CONTRADICTED
    if allowed.holds(n) and reading.claim.precision != "exact":
        verdict = Verdict.REPRODUCED
    reason = f"{period} is the {order} in {n} years ({working})"
    return reading.outcome(verdict, computed, reason, n, (working,), wording_band(reading))


@check(
    field=COLUMNS,
    measure=("count", "share"),
    since=YearOrEra,
    through=PeriodName,
    alternatives=Thresholds,
    earlier=("since", "through"),
)
def every_year(reading: Reading) -> Outcome:
    """Every year from `since` to `through` inside the stated band ("ranged between
    1,100 and 1,500", "the vast majority": at least 70%), re-checked at each
    alternative threshold."""
    claim = reading.claim
    args = claim.args
    if missing := unpublished(reading, args["through"]):
        return missing
    first, last = _first_year(reading, args["since"]), int(args["through"])
    share = args["measure"] == "share"
    values = _measure(reading, first, last, args["field"], args["measure"])
    if len(values) < last - first + 1:
        reason = f"a year of {span(first, last)} has no {'split by sex' if share else 'figure'} among these figures"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, None)
    show = percent if share else count
    allowed = claim_band(reading)
    outside = {y: v for y, v in values.items() if not allowed.holds(v)}
    low, high = min(values, key=lambda y: values[y]), max(values, key=lambda y: values[y])
    computed = f"lowest {show(values[low])} ({low}), highest {show(values[high])} ({high})"
    unit = "percent" if share else "count"
    robustness = ", ".join(
        f"{stated_text(reading, unit, t)}: {'holds' if all(map(_band(reading, t).holds, values.values())) else 'fails'}"
        for t in [claim.stated, *args["alternatives"]]
    )
    misses = f"; outside: {_listing(outside, show)}" if outside else ""
    verdict = Verdict.CONTRADICTED if outside else Verdict.REPRODUCED
    band = wording_band(reading, unit)
    reason = f"every year {span(first, last)}: {computed}{misses} ({robustness})"
    return reading.outcome(
        verdict, computed, reason, tuple(values.items()), (_listing(values, show),), band
    )


@check(field=COLUMNS, measure=("count", "share"), threshold=float, since=YearOrEra)
def first_reached(reading: Reading) -> Outcome:
    """The first year since `since` whose count (or share) reached a threshold, against
    the stated year."""
    args = reading.claim.args
    first, threshold = _first_year(reading, args["since"]), args["threshold"]
    values = _measure(reading, first, reading.last_year(), args["field"], args["measure"])
    show = percent if args["measure"] == "share" else count
    reached = next((y for y, v in values.items() if v >= threshold), None)
    working = _listing(values, show)
    if reached is None:
        reason = f"no year since {first} reached {show(threshold)} among these figures"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, None, (working,))
    verdict = (
        Verdict.REPRODUCED_EXACTLY if int(reached) == reading.claim.stated else Verdict.CONTRADICTED
    )
    reason = f"{reached} was the first year since {first} at {show(threshold)} or more ({show(values[reached])})"
    return reading.outcome(verdict, reached, reason, int(reached), (working,))


@check(
    field=COLUMNS,
    since=PeriodName,
    through=PeriodName,
    direction=("up", "down"),
    earlier=("since", "through"),
)
def trend(reading: Reading) -> Outcome:
    """A steady rise (or fall): every year-on-year change from `since` to `through` in
    the stated direction; the years that break it are named."""
    args = reading.claim.args
    first, last = int(args["since"]), int(args["through"])
    values = reading.years(first, last, args["field"])
    if len(values) < last - first + 1:
        reason = f"a year of {span(first, last)} is missing from these figures"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, None)
    up = args["direction"] == "up"
    steps = {b: values[b] - values[a] for a, b in itertools.pairwise(values)}
    against = {y: s for y, s in steps.items() if (s <= 0 if up else s >= 0)}
    word = "rise" if up else "fall"
    computed = f"{len(steps) - len(against)} of {len(steps)} years {word}"
    breaks = ", ".join(f"{y} ({signed(s)})" for y, s in against.items())
    reason = f"{span(first, last)}: {computed}" + (f"; not in {breaks}" if against else "")
    working = "year-on-year changes: " + ", ".join(f"{y}: {signed(s)}" for y, s in steps.items())
    verdict = Verdict.CONTRADICTED if against else Verdict.REPRODUCED
    return reading.outcome(
        verdict, computed, reason, tuple(steps.items()), (_listing(values), working)
    )

"""Checks of the article's official statistics against MOU's series: single
figures, sums, shares, differences, orderings and trends. Each reads the data
only through its Reading, so its evidence lists what it used."""

import itertools
from dataclasses import replace
from typing import Any

from analysis.claims.checks.compare import compare, reconcile_reported, share_of, summed
from analysis.claims.declare import Names, Numbers, check
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Reading
from analysis.claims.verdicts import Verdict
from analysis.formatting import count, percent

COLUMNS = ("men", "women", "total")


# --- figures, sums, shares, differences ----------------------------------------


@check(period=str, field=COLUMNS)
def annual(reading: Reading) -> Outcome:
    """One year's figure (arrivals, men or women) against the article's."""
    period, column = reading.claim.args["period"], reading.claim.args["field"]
    reading.trail(period, column)

    def compute(then: bool) -> tuple[float | None, str]:
        figure = reading.figure(period, column, then)
        shown = "no figure" if figure is None else count(int(figure.value))
        return (None if figure is None else int(figure.value)), f"{column}, {period} = {shown}"

    return compare(reading, compute, count)


@check(through=str, field=COLUMNS)
def cumulative(reading: Reading) -> Outcome:
    """The sum of the annual series up to a year's end against the article's total,
    with MOU's own reported totals reconciled alongside."""
    through, column = reading.claim.args["through"], reading.claim.args["field"]
    if missing := _unpublished(reading, through):
        return missing
    for period in reading.revised_periods(through, column):
        reading.trail(period, column)
    reconciled, lines, problems = reconcile_reported(reading, through, column)

    def compute(then: bool) -> tuple[float | None, str]:
        return summed(reading, through, column, then)

    outcome = compare(reading, compute, count)
    evidence = replace(outcome.evidence, arithmetic=(*outcome.evidence.arithmetic, *lines))
    return replace(
        outcome, value=(outcome.value, reconciled), evidence=evidence, problems=tuple(problems)
    )


@check(period=str)
def women_share(reading: Reading) -> Outcome:
    """Women's share of one year's arrivals against the article's percentage."""
    period = reading.claim.args["period"]

    def compute(then: bool) -> tuple[float | None, str]:
        women, total = reading.value(period, "women", then), reading.value(period, "total", then)
        share = share_of(women, total)
        if share is None or women is None or total is None:
            return None, f"women / arrivals, {period}: a figure is missing"
        return share, f"{count(women)} / {count(total)} = {percent(share)}"

    return compare(reading, compute, percent)


@check(through=str)
def cumulative_women_share(reading: Reading) -> Outcome:
    """Women's share of all arrivals up to a year's end against the article's percentage."""
    through = reading.claim.args["through"]
    if missing := _unpublished(reading, through):
        return missing

    def compute(then: bool) -> tuple[float | None, str]:
        women, _ = reading.cumulative(through, "women", then)
        total, _ = reading.cumulative(through, "total", then)
        share = share_of(women, total)
        if share is None or women is None or total is None:
            return None, f"women / arrivals up to {through}: a figure is missing"
        return share, (
            f"women up to {through} / arrivals up to {through} = "
            f"{count(women)} / {count(total)} = {percent(share)}"
        )

    return compare(reading, compute, percent)


@check(minuend=str, subtrahend=str)
def difference(reading: Reading) -> Outcome:
    """The difference between two years' arrivals against the article's."""
    a, b = reading.claim.args["minuend"], reading.claim.args["subtrahend"]

    def compute(then: bool) -> tuple[float | None, str]:
        x, y = reading.value(a, "total", then), reading.value(b, "total", then)
        if x is None or y is None:
            return None, f"arrivals {a} − arrivals {b}: a figure is missing"
        return x - y, f"arrivals {a} − arrivals {b} = {count(x)} − {count(y)} = {count(x - y)}"

    return compare(reading, compute, count)


# --- orderings and trends ------------------------------------------------------


def _unpublished(reading: Reading, period: str) -> Outcome | None:
    if reading.has(period):
        return None
    reason = f"no figure for {period} had been published by this vintage ({reading.ctx.vintage})"
    return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, None)


def _totals(reading: Reading, periods: list[str]) -> dict[str, int]:
    return {p: v for p in periods if (v := reading.value(p, "total")) is not None}


def _listing(values: dict[str, int]) -> str:
    return ", ".join(f"{p}: {count(v)}" for p, v in values.items())


@check(period=str)
def lowest_in_era(reading: Reading) -> Outcome:
    """Whether a year is the lowest of Kim Jong Un's era up to it, under every era
    definition in the registry; later years are reported, not judged."""
    period = reading.claim.args["period"]
    if missing := _unpublished(reading, period):
        return missing
    through = int(period)
    registry = reading.registry
    used = int(reading.era_start().value)
    era_totals = {
        start: _totals(reading, reading.periods(start, through))
        for start in registry.era_alternatives
    }
    held = {
        start: min(t.values()) == t[period] and list(t.values()).count(t[period]) == 1
        for start, t in era_totals.items()
    }
    years = era_totals[used]
    others = {p: v for p, v in years.items() if p != period}
    runner_up = min(others, key=lambda p: others[p])
    computed = (
        f"{period}: {count(years[period])}; next lowest {runner_up}: {count(others[runner_up])}"
    )
    robustness = ", ".join(f"era from {s}: {'holds' if ok else 'fails'}" for s, ok in held.items())
    later = _totals(reading, reading.periods(through + 1, reading.last_year()))
    after = ""
    if later:
        low = min(later, key=lambda p: later[p])
        after = f"; later years are lower still ({low}: {count(later[low])}), after the article"
    arithmetic = tuple(
        f"era from {start}: {_listing(t)} → lowest {min(t, key=lambda p: t[p])}"
        for start, t in era_totals.items()
    ) + ((f"after the article: {_listing(later)}",) if later else ())
    verdict = Verdict.REPRODUCED if held[used] else Verdict.CONTRADICTED
    compared = {p: v for t in era_totals.values() for p, v in t.items()}
    value = (used, tuple(sorted(compared.items())), tuple(later.items()))
    return reading.outcome(
        verdict, computed, f"{computed} ({robustness}){after}", value, arithmetic
    )


@check(before=str, after=str)
def went_down(reading: Reading) -> Outcome:
    """Whether arrivals fell from one year to the next; and, where the article dates the
    era differently from the years the sentence names, what that dating gives."""
    before, after = reading.claim.args["before"], reading.claim.args["after"]
    x, y = reading.value(before, "total"), reading.value(after, "total")
    if x is None or y is None:
        return reading.outcome(
            Verdict.NOT_VERIFIABLE, "", "a year is missing from this vintage", None
        )
    change = 100 * (y - x) / x
    computed = f"{count(x)} -> {count(y)} ({change:+.1f}%)"
    verdict = Verdict.REPRODUCED if y < x else Verdict.CONTRADICTED
    arithmetic = [f"({count(y)} − {count(x)}) / {count(x)} = {change:+.1f}%"]
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
                f"({first} to {first + 1}: {count(a)} -> {count(b)})"
            )
            arithmetic.append(f"era from {first}: {count(a)} -> {count(b)}, {went}")
            value = (x, y, a, b)
    return reading.outcome(verdict, computed, reason, value, tuple(arithmetic))


@check(years=Names, reference=Names)
def fluctuated_but_low(reading: Reading) -> Outcome:
    """'Fluctuated but remained low': at least one change of direction, and every
    year below the lowest year of a reference period."""
    years, reference = reading.claim.args["years"], reading.claim.args["reference"]
    totals = _totals(reading, years)
    ref = _totals(reading, reference)
    if len(totals) < len(years) or len(ref) < len(reference):
        return reading.outcome(
            Verdict.NOT_VERIFIABLE, "", "a year is missing from this vintage", None
        )
    values = list(totals.values())
    steps = [b - a for a, b in itertools.pairwise(values)]
    turns = sum(1 for a, b in itertools.pairwise(steps) if (a > 0) != (b > 0))
    highest, floor = max(values), min(ref.values())
    computed = f"{years[0]}-{years[-1]}: {', '.join(count(t) for t in values)}"
    low = highest < floor
    verdict = Verdict.REPRODUCED if low and turns >= 1 else Verdict.CONTRADICTED
    reason = (
        f"{computed}; {turns} change(s) of direction; highest {count(highest)} is "
        f"{'below' if low else 'not below'} the lowest year of {reference[0]}-{reference[-1]} ({count(floor)})"
    )
    arithmetic = (
        "year-on-year changes: "
        + ", ".join(f"{s:+,}" for s in steps)
        + f" → {turns} change(s) of direction",
        f"highest {years[0]}-{years[-1]}: {count(highest)}; lowest {reference[0]}-{reference[-1]}: "
        f"{count(floor)} ({_listing(ref)})",
    )
    return reading.outcome(
        verdict, computed, reason, (tuple(values), tuple(ref.values())), arithmetic
    )


@check(through=str, alternatives=Numbers)
def women_majority(reading: Reading) -> Outcome:
    """'The vast majority': women's share at or above a threshold in every year of
    the era, re-checked at the alternative thresholds."""
    claim = reading.claim
    if missing := _unpublished(reading, claim.args["through"]):
        return missing
    through = int(claim.args["through"])
    shares: dict[str, float] = {}
    working = []
    for period in reading.periods(int(reading.era_start().value), through):
        women, total = reading.value(period, "women"), reading.value(period, "total")
        share = share_of(women, total)
        if share is None or women is None or total is None:
            reason = f"{period} has no split by sex in this vintage"
            return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, None)
        shares[period] = share
        working.append(f"{period}: {count(women)} / {count(total)} = {percent(share)}")
    lowest = min(shares, key=lambda p: shares[p])
    computed = f"lowest share {percent(shares[lowest])} ({lowest})"
    thresholds = [claim.stated, *claim.args["alternatives"]]
    robustness = ", ".join(
        f">= {t}%: {'holds' if shares[lowest] >= t else 'fails'}" for t in thresholds
    )
    verdict = Verdict.REPRODUCED if shares[lowest] >= claim.stated else Verdict.CONTRADICTED
    first = next(iter(shares))
    reason = (
        f"'vast majority' read as at least {claim.stated}% in every year {first}-{through}: "
        f"{computed} ({robustness})"
    )
    band = f"“vast majority” read as ≥ {claim.stated}% (re-checked at {', '.join(f'{t}%' for t in claim.args['alternatives'])})"
    return reading.outcome(verdict, computed, reason, tuple(shares.items()), tuple(working), band)


@check(period=str)
def first_published(reading: Reading) -> Outcome:
    """The date a year's figures were first published, against the article's."""
    period = reading.claim.args["period"]
    if missing := _unpublished(reading, period):
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

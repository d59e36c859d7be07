"""Checks of the article's official statistics against MOU's series: single
figures, sums, shares, differences, orderings and trends. Each reads the data
only through its Reading, so its evidence lists what it used."""

import itertools
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from analysis.claims.declare import Names, Numbers, check
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Reading
from analysis.claims.verdicts import Verdict
from analysis.formatting import count, percent

COLUMNS = ("men", "women", "total")


# --- comparing a stated value with the data ---------------------------------


def _matches(stated: float, computed: float, precision: str) -> bool:
    if precision == "percent":
        return stated - 0.5 <= computed < stated + 0.5
    return computed == stated


def _stated(reading: Reading) -> str:
    stated = reading.claim.stated
    if reading.claim.precision == "percent":
        return f"{stated}%"
    return count(stated) if isinstance(stated, int) else str(stated)


def _band(reading: Reading) -> str:
    stated = reading.claim.stated
    if reading.claim.precision == "percent":
        return f"“{stated}%” → {percent(stated - 0.5)} to under {percent(stated + 0.5)}"
    return f"“{count(stated)}” → exactly {count(stated)}"


def _compare(
    reading: Reading,
    compute: Callable[[bool], tuple[float | None, str]],
    show: Callable[[float], str],
) -> Outcome:
    """Verdict for a numeric claim: the value on this vintage, and, only when that
    does not match, the value as published on the article's date.

    `compute(then)` returns the value and its arithmetic with the numbers filled in.
    """
    claim = reading.claim
    exact = (
        Verdict.REPRODUCED_WITHIN_ROUNDING
        if claim.precision == "percent"
        else Verdict.REPRODUCED_EXACTLY
    )
    now, working = compute(False)
    band = _band(reading)
    stated = _stated(reading)
    if now is None:
        reason = f"no figure for {claim.quantity} in this vintage"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, None, (working,), band)
    computed = show(now)
    if _matches(claim.stated, now, claim.precision):
        reason = f"the data give {computed}; the article says {stated}"
        return reading.outcome(
            exact,
            computed,
            reason,
            now,
            (f"{working}; the article: {stated} → within the wording",),
            band,
        )
    then, then_working = compute(True)
    arithmetic = (
        f"{working}; the article: {stated} → outside the wording",
        f"as published on the article's date: {then_working}",
    )
    if then is not None and _matches(claim.stated, then, claim.precision):
        reason = f"{show(then)} as published on the article's date, revised since to {computed}"
        verdict = Verdict.REPRODUCED_AS_PUBLISHED_THEN
        return reading.outcome(verdict, computed, reason, (now, then), arithmetic, band)
    reason = f"the data give {computed}, not {stated}"
    return reading.outcome(Verdict.CONTRADICTED, computed, reason, (now, then), arithmetic, band)


def _share(women: int | None, total: int | None) -> float | None:
    return None if women is None or not total else 100 * women / total


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

    return _compare(reading, compute, count)


def _sum(reading: Reading, through: str, column: str, then: bool) -> tuple[int | None, str]:
    total, terms = reading.cumulative(through, column, then)
    shown = " + ".join("missing" if v is None else count(v) for _, v in terms)
    result = "missing" if total is None else count(total)
    return total, f"{column}, every period to {through}: {shown} = {result}"


def _reconcile(
    reading: Reading, through: str, column: str
) -> tuple[tuple[Any, ...], list[str], list[str]]:
    """MOU's own cumulative totals as reported by this vintage's day, each against the
    sum of the series as it stood on its publication day: the values, the working,
    and the problems.

    A disagreement must be a recorded source issue; an unrecorded one is a problem
    that `claims --check` and the notebooks fail on, naming the file and line.
    """
    results, lines, problems = [], [], []
    for figure, day in reading.reported_totals(through, column):
        total, _ = reading.cumulative(through, column, day)
        issue = reading.recorded_issue(figure, "cumulative", through)
        reported = count(int(figure.value))
        summed = "missing" if total is None else count(total)
        said = f"{figure.source.publisher} ({figure.source.published}) reported {reported}"
        if total == figure.value:
            lines.append(f"{said}: the series of that day sums to {summed}")
        elif issue is not None:
            lines.append(
                f"{said}, the series of that day sums to {summed}: a recorded source issue ({issue})"
            )
        else:
            lines.append(f"{said}, the series of that day sums to {summed}: UNRECONCILED")
            problems.append(
                f"{figure.file}, line {figure.line}, column {figure.column!r}: reported total "
                f"{reported} disagrees with the sum of the series as it stood on {day} ({summed}), "
                "and data/source_issues.csv records no issue for it"
            )
        results.append((figure.value, total))
    return tuple(results), lines, problems


@check(through=str, field=COLUMNS)
def cumulative(reading: Reading) -> Outcome:
    """The sum of the annual series up to a year's end against the article's total,
    with MOU's own reported totals reconciled alongside."""
    through, column = reading.claim.args["through"], reading.claim.args["field"]
    if missing := _unpublished(reading, through):
        return missing
    for period in reading.revised_periods(through, column):
        reading.trail(period, column)
    reconciled, lines, problems = _reconcile(reading, through, column)

    def compute(then: bool) -> tuple[float | None, str]:
        return _sum(reading, through, column, then)

    outcome = _compare(reading, compute, count)
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
        share = _share(women, total)
        if share is None or women is None or total is None:
            return None, f"women / arrivals, {period}: a figure is missing"
        return share, f"{count(women)} / {count(total)} = {percent(share)}"

    return _compare(reading, compute, percent)


@check(through=str)
def cumulative_women_share(reading: Reading) -> Outcome:
    """Women's share of all arrivals up to a year's end against the article's percentage."""
    through = reading.claim.args["through"]
    if missing := _unpublished(reading, through):
        return missing

    def compute(then: bool) -> tuple[float | None, str]:
        women, _ = reading.cumulative(through, "women", then)
        total, _ = reading.cumulative(through, "total", then)
        share = _share(women, total)
        if share is None or women is None or total is None:
            return None, f"women / arrivals up to {through}: a figure is missing"
        return share, (
            f"women up to {through} / arrivals up to {through} = "
            f"{count(women)} / {count(total)} = {percent(share)}"
        )

    return _compare(reading, compute, percent)


@check(minuend=str, subtrahend=str)
def difference(reading: Reading) -> Outcome:
    """The difference between two years' arrivals against the article's."""
    a, b = reading.claim.args["minuend"], reading.claim.args["subtrahend"]

    def compute(then: bool) -> tuple[float | None, str]:
        x, y = reading.value(a, "total", then), reading.value(b, "total", then)
        if x is None or y is None:
            return None, f"arrivals {a} − arrivals {b}: a figure is missing"
        return x - y, f"arrivals {a} − arrivals {b} = {count(x)} − {count(y)} = {count(x - y)}"

    return _compare(reading, compute, count)


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
        share = _share(women, total)
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

"""How a numeric claim is compared with the data (the band its wording allows, the
value on the vintage and, when that fails, as published on the article's date), and
how MOU's own reported totals are reconciled with the series of their day."""

from collections.abc import Callable
from typing import Any

from analysis.claims import band
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Reading
from analysis.claims.verdicts import Verdict
from analysis.formatting import count, percent


def _plain(value: float) -> str:
    """A stated number as written: 1,127, 20.8."""
    return f"{value:,}"


def _stated_show(unit: str) -> Callable[[float], str]:
    return (lambda v: f"{_plain(v)}%") if unit == "percent" else _plain


def _band_show(reading: Reading, unit: str) -> Callable[[float], str]:
    """Band ends with one decimal more than the stated value: "20.75%", "82.5%"."""
    if unit != "percent":
        return lambda v: count(v) if float(v).is_integer() else _plain(v)
    stated = reading.claim.stated
    places = max(band.decimals(v) for v in (stated if isinstance(stated, list) else [stated]))
    digits = places + 1 if reading.claim.precision == "percent" else max(places, 1)
    return lambda v: f"{v:,.{digits}f}%"


def claim_band(reading: Reading) -> band.Band:
    claim = reading.claim
    return band.band(claim.stated, claim.precision, claim.tolerance)


def stated_text(reading: Reading, unit: str = "count", stated: Any = None) -> str:
    """The stated value (or another in its place) as the wording gives it: "at least 70%"."""
    claim = reading.claim
    if claim.precision == "percent":
        unit = "percent"
    value = claim.stated if stated is None else stated
    return band.stated_words(value, claim.precision, _stated_show(unit))


def wording_band(reading: Reading, unit: str = "count") -> str:
    if reading.claim.precision == "percent":
        unit = "percent"
    words = claim_band(reading).words(_band_show(reading, unit))
    return f"“{stated_text(reading, unit)}” → {words}"


def held_verdict(precision: str) -> Verdict:
    """What a value inside the band is called: exact for a count stated exactly, within
    rounding for a rounded or approximate one, reproduced for a bound."""
    if precision == "exact":
        return Verdict.REPRODUCED_EXACTLY
    if precision in ("percent", "about"):
        return Verdict.REPRODUCED_WITHIN_ROUNDING
    return Verdict.REPRODUCED


def compare(
    reading: Reading,
    compute: Callable[[Any], tuple[float | None, str]],
    unit: str,
) -> Outcome:
    """Verdict for a numeric claim: the value on this vintage, and, only when that
    is outside the wording's band, the value as published on the article's date.

    `compute(then)` returns the value and its arithmetic with the numbers filled in;
    `unit` ("count" or "percent") says how the value is written.
    """
    claim = reading.claim
    show = percent if unit == "percent" else count
    now, working = compute(False)
    allowed = claim_band(reading)
    words = wording_band(reading, unit)
    stated = stated_text(reading, unit)
    if now is None:
        reason = f"no figure for {claim.quantity} among these figures{reading.sole_source_note()}"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, None, (working,), words)
    computed = show(now)
    if allowed.holds(now):
        reason = f"the data give {computed}; the article says {stated}"
        return reading.outcome(
            held_verdict(claim.precision),
            computed,
            reason,
            now,
            (f"{working}; the article: {stated} → within the wording",),
            words,
        )
    then, then_working = compute(True)
    arithmetic = (
        f"{working}; the article: {stated} → outside the wording",
        f"as published on the article's date: {then_working}",
    )
    if then is not None and allowed.holds(then):
        reason = f"{show(then)} as published on the article's date, revised since to {computed}"
        verdict = Verdict.REPRODUCED_AS_PUBLISHED_THEN
        return reading.outcome(verdict, computed, reason, (now, then), arithmetic, words)
    reason = f"the data give {computed}, not {stated}"
    return reading.outcome(Verdict.CONTRADICTED, computed, reason, (now, then), arithmetic, words)


def unpublished(reading: Reading, period: str) -> Outcome | None:
    """Not verifiable when the vintage has no figure yet for `period`."""
    if reading.has(period):
        return None
    reason = f"no figure for {period} had been published by then"
    return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason + reading.sole_source_note(), None)


def share_of(women: int | None, total: int | None) -> float | None:
    return None if women is None or not total else 100 * women / total


def summed(reading: Reading, through: str, column: str, then: Any) -> tuple[int | None, str]:
    total, terms = reading.cumulative(through, column, then)
    shown = " + ".join("missing" if v is None else count(v) for _, v in terms)
    result = "missing" if total is None else count(total)
    return total, f"{column}, every period to {through}: {shown} = {result}"


def reconcile_reported(
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

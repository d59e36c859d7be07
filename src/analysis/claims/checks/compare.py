"""How a numeric claim is compared with the data (the band its wording allows, the
value on the vintage and, when that fails, as published on the article's date), and
how MOU's own reported totals are reconciled with the series of their day."""

from collections.abc import Callable
from typing import Any

from analysis.claims.evidence import Outcome
from analysis.claims.reading import Reading
from analysis.claims.verdicts import Verdict
from analysis.formatting import count, percent


def matches(stated: float, computed: float, precision: str) -> bool:
    if precision == "percent":
        return stated - 0.5 <= computed < stated + 0.5
    return computed == stated


def stated_text(reading: Reading) -> str:
    stated = reading.claim.stated
    if reading.claim.precision == "percent":
        return f"{stated}%"
    return count(stated) if isinstance(stated, int) else str(stated)


def wording_band(reading: Reading) -> str:
    stated = reading.claim.stated
    if reading.claim.precision == "percent":
        return f"“{stated}%” → {percent(stated - 0.5)} to under {percent(stated + 0.5)}"
    return f"“{count(stated)}” → exactly {count(stated)}"


def compare(
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
    band = wording_band(reading)
    stated = stated_text(reading)
    if now is None:
        reason = f"no figure for {claim.quantity} in this vintage"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, None, (working,), band)
    computed = show(now)
    if matches(claim.stated, now, claim.precision):
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
    if then is not None and matches(claim.stated, then, claim.precision):
        reason = f"{show(then)} as published on the article's date, revised since to {computed}"
        verdict = Verdict.REPRODUCED_AS_PUBLISHED_THEN
        return reading.outcome(verdict, computed, reason, (now, then), arithmetic, band)
    reason = f"the data give {computed}, not {stated}"
    return reading.outcome(Verdict.CONTRADICTED, computed, reason, (now, then), arithmetic, band)


def share_of(women: int | None, total: int | None) -> float | None:
    return None if women is None or not total else 100 * women / total


def summed(reading: Reading, through: str, column: str, then: bool) -> tuple[int | None, str]:
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

"""Checks of the article against itself: sums of its own figures, and whether
its statements about the same thing agree."""

from analysis.claims.declare import ClaimIds, check
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Reading
from analysis.claims.verdicts import Verdict
from analysis.formatting import count


@check(parts=ClaimIds)
def sum_of_stated(reading: Reading) -> Outcome:
    """Whether the article's parts add up to its stated total."""
    claim = reading.claim
    parts = [int(reading.stated(reading.registry.get(p)).value) for p in claim.args["parts"]]
    total = sum(parts)
    computed = " + ".join(count(p) for p in parts) + f" = {count(total)}"
    arithmetic = (f"{computed}; the article's total: {count(claim.stated)}",)
    if total == claim.stated:
        reason = f"the article's own figures: {computed}"
        return reading.outcome(Verdict.REPRODUCED_EXACTLY, computed, reason, total, arithmetic)
    reason = f"the article's own figures give {computed}, not {count(claim.stated)}"
    return reading.outcome(Verdict.INTERNALLY_INCONSISTENT, computed, reason, total, arithmetic)


@check()
def era_start_matches(reading: Reading) -> Outcome:
    """Whether the era's first year implied by a sentence is the one the article
    gives elsewhere ("came to power in 2012")."""
    claim = reading.claim
    here = int(reading.stated(claim).value)
    used = int(reading.era_start().value)
    computed = f"first era year here {here}; elsewhere the article dates the era from {used}"
    arithmetic = (
        f"{here} (this sentence) {'=' if here == used else '≠'} {used} (“came to power in {used}”)",
    )
    if here == used:
        return reading.outcome(
            Verdict.REPRODUCED_EXACTLY, computed, computed, (here, used), arithmetic
        )
    reason = (
        f"the sentence treats {here} as the era's first year, but the article says he came to "
        f"power in {used}; the drop it describes ({here} → {here + 1}) is the first "
        f"year of the era only if the era starts in {here}"
    )
    return reading.outcome(
        Verdict.INTERNALLY_INCONSISTENT, computed, reason, (here, used), arithmetic
    )

"""Previewing a correction: the report builds on data whose verdicts differ from the
recorded ones, and says so on every page (a banner listing each change: was, now,
why) and on each changed verdict, so an analyst sees the consequences before
recording them with `python -m analysis claims --record`. `claims --check` and
`make test` keep failing until then."""

import html
from collections.abc import Sequence
from dataclasses import dataclass

from analysis import claims


@dataclass(frozen=True)
class Change:
    """A claim whose computed verdict on one vintage is not the one recorded."""

    claim: claims.Claim
    vintage: str
    recorded: str  # "" when no verdict was recorded yet
    outcome: claims.Outcome

    @property
    def words(self) -> str:
        """The change in words: "was reproduced exactly, now contradicted"."""
        return claims.change_words(self.recorded, self.outcome.verdict)


def changes(every: Sequence[claims.Results]) -> list[Change]:
    """Every (claim, vintage) of every article whose verdict differs from its record."""
    found = []
    for results in every:
        for outcome in results.outcomes:
            claim = results.registry.get(outcome.claim_id)
            recorded = claim.recorded.get(outcome.vintage, "")
            if outcome.vintage in claims.VINTAGES and recorded != outcome.verdict.value:
                found.append(Change(claim, outcome.vintage, recorded, outcome))
    return found


def banner(found: Sequence[Change]) -> str:
    """The banner every page shows (HTML, every string escaped); "" when nothing changed."""
    if not found:
        return ""
    items = "".join(
        f"<li>“{html.escape(c.claim.quote)}” ({html.escape(c.vintage)}): "
        f"{html.escape(c.words)}: {html.escape(c.outcome.reason)}</li>"
        for c in found
    )
    count = f"{len(found)} verdict{'s' if len(found) != 1 else ''}"
    return (
        f"<strong>Preview, not recorded:</strong> on these data {count} differ from the "
        "recorded ones. Review them, then run <code>python -m analysis claims --record</code>."
        f"<ul>{items}</ul>"
    )

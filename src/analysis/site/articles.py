"""Each article's page, generated from its registry and verdicts: the article, its
bottom line, then its claims as cards (the quote, the verdict in words, the
deciding number and one source), each with the full work collapsed below it.
No sentence here is typed by hand: every finding is worded from the verdicts."""

from collections import Counter
from dataclasses import dataclass

from analysis import claims, formatting
from analysis.show.claimview import ClaimView, Result

THEN, NOW = claims.VINTAGES
HOLDS = (
    claims.Verdict.REPRODUCED_EXACTLY,
    claims.Verdict.REPRODUCED_WITHIN_ROUNDING,
    claims.Verdict.REPRODUCED,
)


def page_name(article: claims.Article) -> str:
    """The article's page in the report, without suffix."""
    return f"articles/{article.id}"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def bottom_line(results: claims.Results) -> str:
    """One sentence from the verdicts on the latest figures: how many claims hold, hold
    only as published then, are contradicted, inconsistent or cannot be verified."""
    now = Counter(o.verdict for o in results.outcomes if o.vintage == NOW)
    total = sum(now.values())
    parts = [f"{sum(now[v] for v in HOLDS)} hold"]
    if n := now[claims.Verdict.REPRODUCED_AS_PUBLISHED_THEN]:
        parts.append(f"{n} hold only as MOU published them then")
    if n := now[claims.Verdict.CONTRADICTED]:
        parts.append(f"{n} {'is' if n == 1 else 'are'} contradicted")
    if n := now[claims.Verdict.INTERNALLY_INCONSISTENT]:
        parts.append(f"{n} {'is' if n == 1 else 'are'} internally inconsistent")
    if n := now[claims.Verdict.NOT_VERIFIABLE]:
        parts.append(f"{n} cannot be verified")
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return f"Of its {_plural(total, 'checkable claim', 'checkable claims')}, on today's figures {listed}."


@dataclass(frozen=True)
class Card:
    """A claim as its card shows it, and its full work."""

    claim: claims.Claim
    now: Result
    then: Result
    deciding: str  # the number the verdict turns on, in words
    source: claims.Source | None  # the source of the first figure the verdict rests on
    view: ClaimView

    @property
    def same(self) -> bool:
        return self.now.outcome.verdict == self.then.outcome.verdict


def cards(results: claims.Results) -> list[Card]:
    """Every claim of one article as a card, in registry order."""
    day = formatting.day(results.article.vintage_date)
    found = {(o.claim_id, o.vintage): o for o in results.outcomes}
    made = []
    for claim in results.registry.claims:
        then = Result(
            f"On MOU's figures as published on {day}",
            f"as published on {day}",
            found[(claim.id, THEN)],
        )
        now = Result("On the latest figures", "latest figures", found[(claim.id, NOW)])
        figures = now.outcome.evidence.figures or then.outcome.evidence.figures
        computed = now.outcome.computed or then.outcome.computed
        said = claim.stated_words if claim.precision in ("exact", "percent", "year") else ""
        made.append(
            Card(
                claim=claim,
                now=now,
                then=then,
                deciding=computed,
                source=figures[0].source if figures else None,
                view=ClaimView(claim, said, (then, now)),
            )
        )
    return made

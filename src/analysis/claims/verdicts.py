"""The verdict vocabulary: one table that every output (command line, notebooks,
report, JSON, ClaimReview, CSS classes) takes its words from, so a verdict is
never named two ways."""

from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    """What the data say about a claim."""

    REPRODUCED_EXACTLY = "reproduced_exactly"
    REPRODUCED_WITHIN_ROUNDING = "reproduced_within_rounding"
    REPRODUCED = "reproduced"  # an ordering or trend that holds
    REPRODUCED_AS_PUBLISHED_THEN = "reproduced_as_published_then"
    CONTRADICTED = "contradicted"
    INTERNALLY_INCONSISTENT = "internally_inconsistent"
    NOT_VERIFIABLE = "not_verifiable"


@dataclass(frozen=True)
class VerdictWords:
    """How a verdict is written: in full, in a narrow column, as a CSS class, rated, and
    as the verb of a sentence about one claim or several (a generated conclusion)."""

    label: str
    short: str
    meaning: str
    css_class: str
    rating: int | None  # ClaimReview's 1-5 scale (5 = holds); None: no rating applies
    one: str  # "holds exactly": what one claim does
    many: str  # "hold exactly": what several do

    def said(self, count: int) -> str:
        """The verb for `count` claims."""
        return self.one if count == 1 else self.many


VERDICTS: dict[Verdict, VerdictWords] = {
    Verdict.REPRODUCED_EXACTLY: VerdictWords(
        "Reproduced exactly",
        "reproduced exactly",
        "the article's figure is exactly what MOU's data give",
        "verdict-reproduced-exactly",
        5,
        "holds exactly",
        "hold exactly",
    ),
    Verdict.REPRODUCED_WITHIN_ROUNDING: VerdictWords(
        "Reproduced within rounding",
        "reproduced (rounding)",
        "the data agree to the precision the wording allows (“83%” means 82.5% to under 83.5%)",
        "verdict-reproduced-within-rounding",
        5,
        "holds within rounding",
        "hold within rounding",
    ),
    Verdict.REPRODUCED: VerdictWords(
        "Reproduced",
        "reproduced",
        "an ordering or trend the article describes holds in the data",
        "verdict-reproduced",
        5,
        "holds as an ordering or trend",
        "hold as orderings or trends",
    ),
    Verdict.REPRODUCED_AS_PUBLISHED_THEN: VerdictWords(
        "Reproduced only with the figures published then",
        "as published then",
        "matches MOU's figures as published on the article's date; MOU has revised them since",
        "verdict-as-published-then",
        4,
        "holds only as published then",
        "hold only as published then",
    ),
    Verdict.CONTRADICTED: VerdictWords(
        "Contradicted",
        "contradicted",
        "the data give a different figure, on the article's date and since",
        "verdict-contradicted",
        1,
        "is contradicted",
        "are contradicted",
    ),
    Verdict.INTERNALLY_INCONSISTENT: VerdictWords(
        "Internally inconsistent",
        "internally inconsistent",
        "the article's own statements disagree with each other",
        "verdict-internally-inconsistent",
        2,
        "is internally inconsistent",
        "are internally inconsistent",
    ),
    Verdict.NOT_VERIFIABLE: VerdictWords(
        "Not verifiable",
        "not verifiable",
        "no public data can confirm or refute it; the work shows what its own figures would imply",
        "verdict-not-verifiable",
        None,
        "cannot be verified",
        "cannot be verified",
    ),
}


HOLDS = (Verdict.REPRODUCED_EXACTLY, Verdict.REPRODUCED_WITHIN_ROUNDING, Verdict.REPRODUCED)
"""The verdicts by which a claim holds on a vintage's figures."""


def words(verdict: Verdict | str) -> VerdictWords:
    """The words for a verdict given as a Verdict or its value."""
    return VERDICTS[Verdict(verdict)]


def change_words(recorded: str | None, now: Verdict) -> str:
    """A verdict's change from the recorded one, in words: "was reproduced exactly, now
    contradicted" (none recorded: "was not yet recorded")."""
    was = words(recorded).short if recorded else "not yet recorded"
    return f"was {was}, now {words(now).short}"

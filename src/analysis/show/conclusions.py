"""Conclusions written from the verdicts: a set of claims (a notebook's, the claims
about one year, every claim of an article) grouped by verdict on MOU's figures as
published on the article's date and on the latest, each claim named and linked to its
work. Regenerated with the verdicts, a conclusion cannot state one they contradict,
and a new article's notebook gets one with no new code: nothing here knows a claim.
Every string that reaches Markdown is made inert (analysis.show.markdown)."""

from collections.abc import Callable, Sequence

from analysis import claims, formatting
from analysis.show import markdown

EVERY_CLAIM = "Each claim, by verdict, linked to its check"  # the fold of a conclusion

THEN, NOW = claims.VINTAGES
Href = Callable[[claims.Claim], str]
Claims = Sequence[claims.Claim]


def from_notebook(notebook: str, suffix: str = ".ipynb") -> Href:
    """Links from `notebook`: a claim it shows to its anchor there, any other to its
    section in its own notebook (files named with `suffix`)."""

    def href(claim: claims.Claim) -> str:
        if claim.notebook == notebook:
            return f"#{claim.id}"
        return f"{claim.notebook.removesuffix('.ipynb')}{suffix}#{claim.id}"

    return href


def link(claim: claims.Claim, href: Href) -> str:
    """The claim's quote, linked to its work."""
    return f"[{markdown.quoted(claim.quote)}]({markdown.destination(href(claim))})"


class Verdicts:
    """The verdicts of one article's claims on both vintages, to write sentences from."""

    def __init__(self, results: claims.Results):
        self.results = results
        self.found = {(o.claim_id, o.vintage): o for o in results.outcomes}
        self.day = formatting.day(results.article.vintage_date)

    def verdict(self, claim: claims.Claim, vintage: str) -> claims.Verdict:
        return self.found[(claim.id, vintage)].verdict

    def computed(self, claim: claims.Claim, vintage: str) -> str:
        return markdown.inline(self.found[(claim.id, vintage)].computed)

    def changed(self, chosen: Claims) -> list[claims.Claim]:
        """The claims of `chosen` whose verdict differs between the two vintages."""
        return [c for c in chosen if self.verdict(c, THEN) != self.verdict(c, NOW)]

    def unchanged(self, chosen: Claims) -> list[claims.Claim]:
        """The claims of `chosen` whose verdict is the same on both vintages."""
        return [c for c in chosen if self.verdict(c, THEN) == self.verdict(c, NOW)]

    def revised(self, claim: claims.Claim) -> str:
        return f"{self.computed(claim, THEN)} then, **{self.computed(claim, NOW)}** now"

    def revisions(self, having: Claims) -> str:
        """The figure each of `having` turns on, then and now."""
        return "; ".join(self.revised(c) for c in having)

    def named(self, chosen: Claims, verdict: claims.Verdict, vintage: str, href: Href) -> str:
        """The claims, linked; where a verdict does not hold, with the figures it turns on
        (on both vintages where they differ)."""
        shown = []
        for claim in chosen:
            detail = ""
            if self.computed(claim, THEN) != self.computed(claim, NOW):
                detail = f" ({self.revised(claim)})" if verdict not in claims.HOLDS else ""
            elif verdict not in claims.HOLDS and verdict is not claims.Verdict.NOT_VERIFIABLE:
                detail = f" ({self.computed(claim, vintage)})"
            shown.append(link(claim, href) + detail)
        return formatting.joined(shown)

    def counts(self, chosen: Claims, vintage: str) -> str:
        """How many claims of `chosen` get each verdict on `vintage`, in the vocabulary's
        order, in words: "11 hold exactly, ... and 8 cannot be verified"."""
        parts = []
        for verdict, words in claims.VERDICTS.items():
            n = sum(self.verdict(c, vintage) is verdict for c in chosen)
            if n:
                parts.append(f"{n} {words.said(n)}")
        return formatting.joined(parts)

    def by_verdict(
        self, chosen: Claims, vintage: str, href: Href, bold: bool = False, noun: bool = True
    ) -> list[str]:
        """One bullet per verdict on `vintage`, in the vocabulary's order: how many
        claims of `chosen` have it (`bold`, and followed by "claims" if `noun`), and which."""
        lines = []
        for verdict, words in claims.VERDICTS.items():
            having = [c for c in chosen if self.verdict(c, vintage) is verdict]
            if having:
                n = len(having)
                count = f"**{n}**" if bold else str(n)
                what = ("claim " if n == 1 else "claims ") if noun else ""
                named = self.named(having, verdict, vintage, href)
                lines.append(f"- {count} {what}{words.said(n)}: {named}.")
        return lines

    def unchanged_lines(self, chosen: Claims, href: Href) -> list[str]:
        """Bullets for the claims whose verdict is the same on both vintages."""
        return self.by_verdict(self.unchanged(chosen), NOW, href)

    def pairs(self, chosen: Claims) -> dict[tuple[claims.Verdict, claims.Verdict], Claims]:
        """The claims of `chosen` whose verdict differs, by their verdicts (then, now)."""
        pairs: dict[tuple[claims.Verdict, claims.Verdict], Claims] = {}
        for claim in self.changed(chosen):
            key = (self.verdict(claim, THEN), self.verdict(claim, NOW))
            pairs[key] = [*pairs.get(key, []), claim]
        return pairs

    def changed_lines(self, chosen: Claims, href: Href) -> list[str]:
        """A bullet per pair of verdicts (then, now) that differ, naming its claims and
        the figure each turns on, then and now."""
        lines = []
        for (then, now), having in self.pairs(chosen).items():
            n = len(having)
            lines.append(
                f"- {formatting.joined([link(c, href) for c in having])}: "
                f"{claims.words(then).said(n)} on MOU's figures as published on {self.day}; "
                f"on the latest, {claims.words(now).said(n)} ({self.revisions(having)})."
            )
        return lines

    def summary(self, chosen: Claims, whose: str = "checked here") -> str:
        """One sentence, naming no claim: how many of `chosen` (the claims `whose`) get
        each verdict on both dates alike, and how many changed, from which verdict to
        which, with the figures they turn on then and now."""
        same = self.unchanged(chosen)
        parts = []
        if same:
            parts.append(
                f"on MOU's figures as published on {self.day} (the article's date) and on "
                f"the latest alike, {self.counts(same, NOW)}"
            )
        for (then, now), having in self.pairs(chosen).items():
            n = len(having)
            parts.append(
                f"{n} {claims.words(then).said(n)} on the figures of {self.day} and "
                f"{claims.words(now).said(n)} on the latest ({self.revisions(having)})"
            )
        counted = formatting.counted(len(chosen), "claim", "claims")
        return f"Of the {counted} {whose}, {'; '.join(parts)}."

    def conclusion(self, chosen: Claims, href: Href) -> str:
        """What the verdicts of `chosen` say, both vintages: the claims whose verdict is
        the same on both, by verdict, then those whose verdict changed."""
        if not chosen:
            return "No claim of the article is checked here."
        parts = []
        same = self.unchanged_lines(chosen, href)
        if same:
            parts += [
                f"On MOU's figures as published on {self.day} (the article's date) "
                "and on the latest alike:",
                "",
                *same,
            ]
        changed = self.changed_lines(chosen, href)
        if changed:
            parts += ["", "Where the two differ:", "", *changed]
        return "\n".join(parts).strip() + "\n"

    def changes(self, href: Href) -> str:
        """Which claims of the article changed verdict between the article's date and
        the latest figures, and why (the figures they turn on); how many did not."""
        every = self.results.registry.claims
        changed = self.changed(every)
        if not changed:
            return (
                f"No claim's verdict differs between MOU's figures as published on "
                f"{self.day} and the latest.\n"
            )
        kept = formatting.counted(len(every) - len(changed), "claim keeps", "claims keep")
        lines = [
            f"{formatting.counted(len(changed), 'claim', 'claims')} of {len(every)} changed verdict; "
            f"the other {kept} the verdict of {self.day}:",
            "",
            *self.changed_lines(every, href),
        ]
        return "\n".join(lines) + "\n"

    def about(self, year: int, href: Href) -> str:
        """The verdicts, on the latest figures, of the checkable claims whose quote or
        quantity names `year` (the article's statements about it)."""
        chosen = [
            c
            for c in self.results.registry.claims
            if str(year) in f"{c.quote} {c.quantity}"
            and self.verdict(c, NOW) is not claims.Verdict.NOT_VERIFIABLE
        ]
        if not chosen:
            return f"The article makes no checkable statement about {year}.\n"
        lines = [
            f"Of the article's {formatting.counted(len(chosen), 'checkable statement', 'checkable statements')} "
            f"about {year}, on the latest figures:",
            "",
            *self.by_verdict(chosen, NOW, href),
        ]
        return "\n".join(lines) + "\n"


def notebook_conclusion(results: claims.Results, notebook: str) -> str:
    """The conclusion of `notebook`: the verdicts of the claims it shows counted in one
    sentence, then, folded below it, grouped with each claim linked (the page's own
    headings quote them)."""
    chosen = results.registry.claims_in(notebook)
    verdicts = Verdicts(results)
    listed = verdicts.conclusion(chosen, from_notebook(notebook))
    if not chosen:
        return listed
    folded = markdown.fold(EVERY_CLAIM, listed)
    return f"{verdicts.summary(chosen)}\n\n{folded}"

"""Each article's page, generated from its registry and verdicts: the article, its
bottom line, then its claims as cards (the quote, then analysis.show.claimview's card:
the verdict in words, the deciding number and one source, the full work folded below).
No sentence here is typed by hand: every finding is worded from the verdicts."""

from collections.abc import Sequence
from dataclasses import dataclass

from analysis import claims, formatting
from analysis.show import markdown
from analysis.show.claimview import ClaimView, result
from analysis.show.sourcenames import SourceNames
from analysis.site import preview

THEN, NOW = claims.VINTAGES


def page_name(article: claims.Article) -> str:
    """The article's page in the report, without suffix."""
    return page_name_of(article.id)


KINDS: list[tuple[tuple[claims.Verdict, ...], str, str]] = [
    (claims.HOLDS, "holds", "hold"),
    *(
        ((verdict,), words.one, words.many)
        for verdict, words in claims.VERDICTS.items()
        if verdict not in claims.HOLDS
    ),
]
"""How an article's claims are counted on the latest figures, in order: those that hold
(any verdict of claims.HOLDS), then each other verdict; with the verb for one and for
several. The bottom line and the page's folds say them alike."""


def bottom_line(results: claims.Results, page: str = "", named: bool = True) -> str:
    """One sentence of Markdown from the verdicts on the latest figures: how many claims
    hold, and each that holds only as published then, is contradicted, inconsistent or
    cannot be verified, counted and (`named`) named and linked to its card on the
    article's page (`page`, or this page when empty)."""
    now = {o.claim_id: o.verdict for o in results.outcomes if o.vintage == NOW}
    every = results.registry.claims

    parts = []
    for verdicts, one, many in KINDS:
        held = [c for c in every if now[c.id] in verdicts]
        holding = verdicts is claims.HOLDS  # always counted, never named
        if not held and not holding:
            continue
        links = [
            f"[{markdown.inline(c.quantity)}]({markdown.destination(f'{page}#{c.id}')})"
            for c in held
        ]
        which = f" ({formatting.joined(links)})" if named and not holding else ""
        parts.append(f"{len(held)} {one if len(held) == 1 else many}{which}")
    listed = formatting.joined(parts)
    return f"Of its {formatting.counted(len(every), 'claim', 'claims')} checked, on today's figures {listed}."


def cards(results: claims.Results, changes: Sequence[preview.Change] = ()) -> list[ClaimView]:
    """Every claim of one article as its card (analysis.show.claimview, as the notebooks
    show it), in registry order; a claim whose verdict differs from the recorded one
    says how."""
    day = formatting.day(results.article.vintage_date)
    found = {(o.claim_id, o.vintage): o for o in results.outcomes}
    names = SourceNames(results.inputs.sources, results.inputs.data.source_issues)
    made = []
    for claim in results.registry.claims:
        then, now = (result(found[(claim.id, v)], day) for v in (THEN, NOW))
        changed = tuple(f"{c.vintage}: {c.words}" for c in changes if c.claim.id == claim.id)
        own = results.article.own_sources
        made.append(ClaimView(claim, claim.figure_words, (then, now), names, changed, own))
    return made


@dataclass(frozen=True)
class Group:
    """An article's claims that share a verdict on the latest figures, as its page
    folds them on a phone below one line: how many, and what they do."""

    heading: str
    cards: tuple[ClaimView, ...]


def groups(cards: Sequence[ClaimView]) -> list[Group]:
    """`cards` by their verdict on the latest figures, in the bottom line's order (those
    that hold first), each in registry order: a phone shows an article of thirty claims
    as a few lines, each opening onto its cards."""
    made = []
    for verdicts, one, many in KINDS:
        if having := tuple(c for c in cards if c.now.outcome.verdict in verdicts):
            counted = formatting.counted(len(having), "claim", "claims")
            made.append(Group(f"{counted} {one if len(having) == 1 else many}", having))
    return made


@dataclass(frozen=True)
class Entry:
    """An article as the index lists it: its page, its date in words and its bottom line
    counted, not named (its page names each claim)."""

    results: claims.Results
    page: str
    day: str
    bottom_line: str


def entries(every: Sequence[claims.Results]) -> list[Entry]:
    """Each article as the index lists it."""
    return [
        Entry(
            r,
            page_name(r.article),
            formatting.day(r.article.vintage_date),
            bottom_line(r, f"{page_name(r.article)}.html", named=False),
        )
        for r in every
    ]


@dataclass(frozen=True)
class Named:
    """A claim named in a sentence, linked to where its work is shown."""

    quantity: str
    href: str


@dataclass(frozen=True)
class Summary:
    """What the bottom line of an article says, counted and named from its verdicts:
    its statistical claims as MOU's figures stood on its date, then its anecdotes."""

    day: str
    statistical: int
    held_then: int
    revised: tuple[Named, ...]
    contradicted: tuple[Named, ...]
    inconsistent: tuple[Named, ...]
    anecdotal: int
    anecdotal_unverifiable: int
    anecdotes_href: str  # the page that checks the first of them ("" when none)


def _page(claim: claims.Claim) -> str:
    if claim.notebook:
        return claim.notebook.removesuffix(".ipynb") + ".html"
    return f"{page_name_of(claim.article)}.html"


def page_name_of(article_id: str) -> str:
    return f"articles/{article_id}"


def summary(results: claims.Results) -> Summary:
    """The bottom line of one article, from its verdicts (links relative to the site root)."""
    found = {(o.claim_id, o.vintage): o.verdict for o in results.outcomes}
    every = results.registry.claims
    statistical = [c for c in every if c.kind != "source_reported"]
    anecdotal = [c for c in every if c.kind == "source_reported"]

    def named(chosen: list[claims.Claim]) -> tuple[Named, ...]:
        return tuple(Named(c.quantity, f"{_page(c)}#{c.id}") for c in chosen)

    def having(verdict: claims.Verdict, vintage: str) -> list[claims.Claim]:
        return [c for c in statistical if found[(c.id, vintage)] is verdict]

    return Summary(
        day=formatting.day(results.article.vintage_date),
        statistical=len(statistical),
        held_then=sum(found[(c.id, THEN)] in claims.HOLDS for c in statistical),
        revised=named(having(claims.Verdict.REPRODUCED_AS_PUBLISHED_THEN, NOW)),
        contradicted=named(having(claims.Verdict.CONTRADICTED, THEN)),
        inconsistent=named(having(claims.Verdict.INTERNALLY_INCONSISTENT, THEN)),
        anecdotal=len(anecdotal),
        anecdotal_unverifiable=sum(
            found[(c.id, NOW)] is claims.Verdict.NOT_VERIFIABLE for c in anecdotal
        ),
        anecdotes_href=f"{_page(anecdotal[0])}#{anecdotal[0].id}" if anecdotal else "",
    )

"""The README's bottom line, written from the verdicts: how many of the deep dive's
claims hold on the figures of its date, which is contradicted or inconsistent, which
MOU revised since, which cannot be verified, the verdict counts on both sets of
figures, and a line for each other article checked. No count or figure is typed."""

from collections import Counter
from collections.abc import Sequence

from analysis import claims, formatting
from analysis.show import markdown

Every = Sequence[claims.Results]


def _deep_dive(every: Every) -> claims.Results:
    """The article whose registry declares the narrative notebooks (else the first)."""
    return next((r for r in every if r.registry.notebooks), every[0])


def _holding(results: claims.Results, vintage: str) -> tuple[int, int, int]:
    """Claims holding on `vintage`, claims the data can check, claims contradicted."""
    found = [o.verdict for o in results.outcomes if o.vintage == vintage]
    verdict = claims.Verdict
    return (
        sum(v in claims.HOLDS for v in found),
        sum(v is not verdict.NOT_VERIFIABLE for v in found),
        sum(v is verdict.CONTRADICTED for v in found),
    )


def summary(every: Every) -> str:
    """The bottom line and the verdict counts on both vintages, from the verdicts: the
    deep dive's in full, then a line for each other article checked."""
    results = _deep_dive(every)
    then, now = results.vintages[0], results.vintages[-1]
    registry = results.registry
    outcome = {(o.claim_id, o.vintage): o for o in results.outcomes}
    verdicts = {
        v: Counter(outcome[(c.id, v)].verdict for c in registry.claims) for v in (then, now)
    }
    verdict_ = claims.Verdict
    unverifiable = [
        c for c in registry.claims if outcome[(c.id, now)].verdict is verdict_.NOT_VERIFIABLE
    ]
    checkable = len(registry.claims) - len(unverifiable)
    contradicted = [
        c for c in registry.claims if outcome[(c.id, then)].verdict is verdict_.CONTRADICTED
    ]
    holds = sum(verdicts[then][v] for v in claims.HOLDS)
    article = results.article
    lines = [
        f"**The bottom line.** Of the {checkable} claims in {markdown.inline(article.publisher)}'s article "
        f"that the data can check, {holds} hold on MOU's figures as published on the "
        f"article's date and "
        + (
            "none is contradicted"
            if not contradicted
            else f"{len(contradicted)} {'is' if len(contradicted) == 1 else 'are'} contradicted ("
            + formatting.joined([markdown.quoted(c.quote) for c in contradicted])
            + ")"
        )
        + "."
    ]
    inconsistent = [
        c
        for c in registry.claims
        if outcome[(c.id, then)].verdict is verdict_.INTERNALLY_INCONSISTENT
    ]
    if inconsistent:
        lines.append(
            f"{len(inconsistent)} {'claim disagrees' if len(inconsistent) == 1 else 'claims disagree'}"
            " with the article's own statements: "
            + formatting.joined(
                [
                    f"{markdown.quoted(c.quote)} ({markdown.inline(outcome[(c.id, then)].computed)})"
                    for c in inconsistent
                ]
            )
            + "."
        )
    revised = [
        c
        for c in registry.claims
        if outcome[(c.id, now)].verdict is verdict_.REPRODUCED_AS_PUBLISHED_THEN
    ]
    if revised:
        lines.append(
            "MOU has since revised "
            + formatting.joined(
                [
                    f"{markdown.inline(outcome[(c.id, then)].computed)} to {markdown.inline(outcome[(c.id, now)].computed)} "
                    f"({markdown.inline(c.quantity)})"
                    for c in revised
                ]
            )
            + "."
        )
    if unverifiable:
        sourced = sum(c.kind == "source_reported" for c in unverifiable)
        where = {c.notebook for c in unverifiable}
        topic = registry.notebook(where.pop()).title.split(":")[0] if len(where) == 1 else ""
        about = f"about {markdown.inline(topic[0].lower() + topic[1:])} " if topic else ""
        lines.append(
            f"The {len(unverifiable)} claims {about}cannot be verified"
            + (
                ": they rest only on the article's anonymous sources."
                if sourced == len(unverifiable)
                else f" ({sourced} rest only on the article's anonymous sources)."
            )
        )
    table = [
        "",
        f"| Verdict | Claims, figures as published on {formatting.day(article.vintage_date)} "
        "| Claims, latest figures |",
        "|---|---:|---:|",
    ]
    for verdict, words in claims.VERDICTS.items():
        counts = [verdicts[v][verdict] for v in (then, now)]
        if any(counts):
            table.append(f"| {words.short} | {counts[0]} | {counts[1]} |")
    others = []
    for other in every:
        if other is results:
            continue
        held, checkable_, wrong = _holding(other, other.vintages[0])
        then_ = {o.claim_id: o for o in other.outcomes if o.vintage == other.vintages[0]}
        named = [
            f"{markdown.quoted(c.quote)} ({markdown.inline(then_[c.id].computed)})"
            for c in other.registry.claims
            if then_[c.id].verdict is claims.Verdict.CONTRADICTED
        ]
        others.append(
            f"- {markdown.inline(other.article.publisher)}, “{markdown.inline(other.article.title)}” (figures as of "
            f"{formatting.day(other.article.vintage_date)}): {held} of {checkable_} checkable "
            f"claims hold on the figures of its date; "
            + (
                f"{wrong} contradicted: {formatting.joined(named)}."
                if named
                else "none contradicted."
            )
        )
    also = ["", "Also checked:", "", *others] if others else []
    return " ".join(lines) + "\n" + "\n".join(table + also) + "\n"

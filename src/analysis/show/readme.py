"""Keep the generated parts of README.md in step with the registry and the verdicts.

Sections between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` are
rewritten from the code; `stale()` reports whether any is out of date. The bottom
line (`summary`) is written from the verdicts: no count or figure in it is typed.
"""

import re
from collections import Counter
from collections.abc import Callable

from analysis import claims, formatting, paths
from analysis.show import render

README = paths.ROOT / "README.md"


def notebooks_table(results: claims.Results) -> str:
    """The notebooks with their titles and questions, as the registry declares them."""
    lines = ["| Notebook | Title | Question |", "|---|---|---|"]
    lines += [
        f"| [`{n.file}`](notebooks/{n.file}) | {n.title} | {n.question} |"
        for n in results.registry.notebooks
    ]
    return "\n".join(lines) + "\n"


MARKDOWN = re.compile(r"([\\`*_\[\]<>|])")


def _md(text: str) -> str:
    return MARKDOWN.sub(r"\\\1", text)


def _named(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def summary(results: claims.Results) -> str:
    """The bottom line and the verdict counts on both vintages, from the verdicts."""
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
    holds = sum(
        verdicts[then][v]
        for v in (
            verdict_.REPRODUCED_EXACTLY,
            verdict_.REPRODUCED_WITHIN_ROUNDING,
            verdict_.REPRODUCED,
        )
    )
    article = results.data.article
    lines = [
        f"**The bottom line.** Of the {checkable} claims in {_md(article.publisher)}'s article "
        f"that the data can check, {holds} hold on MOU's figures as published on the "
        f"article's date and "
        + (
            "none is contradicted"
            if not contradicted
            else f"{len(contradicted)} {'is' if len(contradicted) == 1 else 'are'} contradicted ("
            + _named([f"“{_md(c.quote)}”" for c in contradicted])
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
            + _named(
                [f"“{_md(c.quote)}” ({_md(outcome[(c.id, then)].computed)})" for c in inconsistent]
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
            + _named(
                [
                    f"{_md(outcome[(c.id, then)].computed)} to {_md(outcome[(c.id, now)].computed)} "
                    f"({_md(c.quantity)})"
                    for c in revised
                ]
            )
            + "."
        )
    if unverifiable:
        sourced = sum(c.kind == "source_reported" for c in unverifiable)
        where = {c.notebook for c in unverifiable}
        topic = registry.notebook(where.pop()).title.split(":")[0] if len(where) == 1 else ""
        about = f"about {topic[0].lower() + topic[1:]} " if topic else ""
        lines.append(
            f"The {len(unverifiable)} claims {_md(about)}cannot be verified"
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
    return " ".join(lines) + "\n" + "\n".join(table) + "\n"


SECTIONS: dict[str, Callable[[claims.Results], str]] = {
    "summary": summary,
    "claims": render.markdown_table,
    "notebooks": notebooks_table,
}


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- generated:{name} -->\n)(.*?)(<!-- /generated:{name} -->)", re.DOTALL)


def updated(text: str, results: claims.Results) -> str:
    """`text` with every generated section rewritten from `results`."""
    for name, build in SECTIONS.items():
        pattern = _pattern(name)
        if not pattern.search(text):
            raise ValueError(f"README.md has no generated section {name!r}")
        content = build(results)
        text = pattern.sub(_replacement(content), text)
    return text


def _replacement(content: str) -> Callable[[re.Match[str]], str]:
    return lambda match: match.group(1) + content + match.group(3)


def write(results: claims.Results) -> None:
    README.write_text(updated(README.read_text(encoding="utf-8"), results), encoding="utf-8")


def stale(results: claims.Results) -> bool:
    text = README.read_text(encoding="utf-8")
    return updated(text, results) != text

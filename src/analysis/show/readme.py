"""Keep the generated parts of README.md in step with the registries and the verdicts.

Sections between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` are
rewritten from the code; `stale()` reports whether any is out of date. The bottom
line (`summary`) is written from the verdicts: no count or figure in it is typed.
"""

import re
from collections.abc import Callable, Sequence

from analysis import claims, paths
from analysis.show import markdown, render
from analysis.show.bottomline import summary

README = paths.ROOT / "README.md"


Every = Sequence[claims.Results]


def notebooks_table(every: Every) -> str:
    """The notebooks with their titles and questions, as the deep dive's registry
    declares them; every field inert (analysis.show.markdown)."""
    lines = ["| Notebook | Title | Question |", "|---|---|---|"]
    lines += [
        f"| [{markdown.code(n.file)}]({markdown.destination(f'notebooks/{n.file}')}) "
        f"| {markdown.inline(n.title)} | {markdown.inline(n.question)} |"
        for results in every
        for n in results.registry.notebooks
    ]
    return "\n".join(lines) + "\n"


def claims_tables(every: Every) -> str:
    """Each article's claims table under a line naming the article and its date; every
    field inert (analysis.show.markdown)."""
    parts = []
    for results in every:
        article = results.article
        day = article.vintage_date.isoformat()
        registry = markdown.code(results.registry.file)
        parts.append(
            f"**{markdown.inline(article.publisher)}, [{markdown.inline(article.title)}]"
            f"({markdown.destination(article.url)})** "
            f"(figures as of {day}; registry {registry})\n\n" + render.markdown_table(results)
        )
    return "\n".join(parts)


def checks_table(every: Every) -> str:
    """Every check with its arguments, what it checks (its docstring's first sentence)
    and, where a registry uses it, the first such claim as an example."""
    lines = ["| Check | Arguments | What it checks | Example |", "|---|---|---|---|"]
    used: dict[str, claims.Claim] = {}
    for results in every:
        for claim in results.registry.claims:
            used.setdefault(claim.check, claim)
    for name, check in claims.CHECKS.items():
        if name.startswith("press."):
            continue  # the press checks are made for each press figure, not registered
        args = (
            "<br>".join(f"`{k}`: {claims.kind_words(v)}" for k, v in check.args.items()) or "none"
        )
        if check.earlier:
            args += "<br>`{}` strictly before `{}`".format(*check.earlier)
        if check.distinct:
            args += "<br>`{}` and `{}` different".format(*check.distinct)
        doc = " ".join((check.function.__doc__ or "").split())
        what = markdown.inline(doc.split(". ")[0].rstrip("."))
        first = used.get(name)
        example = "–"
        if first is not None:
            stated = "" if first.stated is None else f" {markdown.inline(first.stated)}"
            example = f"“{markdown.inline(first.quote)}” (`{first.id}`: {first.precision}{stated})"
        lines.append(f"| `{name}` | {args} | {what} | {example} |")
    return "\n".join(lines) + "\n"


SECTIONS: dict[str, Callable[[Every], str]] = {
    "summary": summary,
    "claims": claims_tables,
    "checks": checks_table,
    "notebooks": notebooks_table,
}


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- generated:{name} -->\n)(.*?)(<!-- /generated:{name} -->)", re.DOTALL)


def updated(text: str, every: Every) -> str:
    """`text` with every generated section rewritten from every article's results."""
    for name, build in SECTIONS.items():
        pattern = _pattern(name)
        if not pattern.search(text):
            raise ValueError(f"README.md has no generated section {name!r}")
        content = build(every)
        text = pattern.sub(_replacement(content), text)
    return text


def _replacement(content: str) -> Callable[[re.Match[str]], str]:
    return lambda match: match.group(1) + content + match.group(3)


def write(every: Every) -> None:
    README.write_text(updated(README.read_text(encoding="utf-8"), every), encoding="utf-8")


def stale(every: Every) -> bool:
    text = README.read_text(encoding="utf-8")
    return updated(text, every) != text

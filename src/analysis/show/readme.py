"""Keep the generated parts of README.md in step with the registry.

Sections between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` are
rewritten from the code; `check()` reports the ones that are out of date.
"""

import re
from collections.abc import Callable, Sequence

from analysis import claims, paths
from analysis.show import markdown, render

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
        registry = markdown.code(f"data/articles/{article.id}/claims.toml")
        parts.append(
            f"**{markdown.inline(article.publisher)}, [{markdown.inline(article.title)}]"
            f"({markdown.destination(article.url)})** "
            f"(figures as of {day}; registry {registry})\n\n" + render.markdown_table(results)
        )
    return "\n".join(parts)


SECTIONS: dict[str, Callable[[Every], str]] = {
    "claims": claims_tables,
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

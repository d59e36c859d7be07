"""Keep the generated parts of README.md in step with the registry.

Sections between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` are
rewritten from the code; `check()` reports the ones that are out of date.
"""

import re
from collections.abc import Callable

from analysis import claims, paths
from analysis.show import markdown, render

README = paths.ROOT / "README.md"


def notebooks_table(results: claims.Results) -> str:
    """The notebooks with their titles and questions, as the registry declares them; every
    field inert (analysis.show.markdown)."""
    lines = ["| Notebook | Title | Question |", "|---|---|---|"]
    lines += [
        f"| [{markdown.code(n.file)}]({markdown.destination(f'notebooks/{n.file}')}) "
        f"| {markdown.inline(n.title)} | {markdown.inline(n.question)} |"
        for n in results.registry.notebooks
    ]
    return "\n".join(lines) + "\n"


SECTIONS: dict[str, Callable[[claims.Results], str]] = {
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

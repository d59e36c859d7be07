"""Text interpolated into Markdown (the README's generated tables) and MyST Markdown (the
report's generated pages), made inert: whatever a field holds, it stays one run of
literal text on its line and creates no structure.

A line break would start a new block (a heading after `#`, a table row after `|`, a
directive after `:::`), so lines are joined; every ASCII punctuation character that
Markdown, MyST or their extensions give a meaning (emphasis, links, code, HTML, tables,
headings, lists, definition lists, fences, roles, math) is backslash-escaped, which
CommonMark allows before any ASCII punctuation, and so is what starts a block only at a
line's start (an ordered list's `1.`, a MyST comment's `%`); control characters are shown
escaped. A link's destination is percent-encoded, so it cannot end the link early.
"""

import html
import re
from urllib.parse import quote

from analysis.formatting import typeset
from analysis.show import terminal

SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~$&:])")
LEADING = re.compile(r"^(\d*)([.%=])")
"""What starts structure only at a line's start: an ordered list (1.), a MyST comment (%),
a heading's underline (=)."""
PLAIN_NAME = re.compile(r"[A-Za-z0-9_./-]+")


def inline(value: object) -> str:
    """`value` as literal inline text: lines joined, markup characters escaped."""
    text = SPECIAL.sub(r"\\\1", terminal.inert(" ".join(str(value).split())))
    return LEADING.sub(r"\1\\\2", text)


def quoted(quote: str) -> str:
    """A claim's quote in running text, as literal text in curly quotation marks, without
    the full stop that ends its sentence (the running sentence supplies its own: no
    “... on the rise.”.). An ellipsis stays."""
    ends = quote.endswith(".") and not quote.endswith("..")
    return f"“{inline(quote[:-1] if ends else quote)}”"


def code(value: object) -> str:
    """A file name as inline code when it is a plain name, else as escaped text (a
    backtick or a `|` in a code span would end it or split a table's cell)."""
    text = str(value)
    return f"`{text}`" if PLAIN_NAME.fullmatch(text) else inline(text)


def destination(url: object) -> str:
    """A link's destination, percent-encoded: no space, parenthesis, angle bracket, quote,
    backtick or line break can end the link or the table cell it is in."""
    return quote(str(url), safe="/#:?=&%@+,;~")


def html_text(value: object) -> str:
    """`value` as the literal text of an element in a raw HTML block: lines joined (a blank
    line would end the block), `&`, `<` and `>` escaped (quotes are text outside an
    attribute), control characters shown escaped, apostrophes typographic (Sphinx sets
    the Markdown around it so, but not raw HTML)."""
    return html.escape(typeset(terminal.inert(" ".join(str(value).split()))), quote=False)


def fold(summary: object, body: str) -> str:
    """Markdown `body` folded below the one line `summary` (a <details> block, which
    Jupyter and MyST both render, its body still read as Markdown)."""
    return (
        f'<details class="fold"><summary>{html_text(summary)}</summary>\n\n'
        f"{body.strip()}\n\n</details>\n"
    )

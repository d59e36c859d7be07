"""Text for a terminal, made inert: a control character (an escape sequence's ESC, a NUL,
a carriage return that would overwrite a line, a bidirectional override that would
reorder it) is shown escaped, as Python writes it in a string, never sent raw.

Every table and message the command line prints passes through `inert`; data and
registry text can hold anything, so this is where it stops acting on the terminal. The
command line's tables are laid out here too, from inert cells.
"""

import re
import textwrap

_CONTROLS = "\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_INERT = re.compile(f"[{_CONTROLS}]")
_INERT_LINES = re.compile(f"[{_CONTROLS}\n]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str, keep_newlines: bool = True) -> str:
    """`text` with every control character escaped (\\x1b, \\u202e); line breaks are kept
    unless `keep_newlines` is false (a table cell, which must stay on its line)."""
    pattern = _INERT if keep_newlines else _INERT_LINES
    return pattern.sub(_escaped, text)


def inert_rows(rows: list[list[str]]) -> list[list[str]]:
    """Every cell with its control characters, line breaks among them, shown escaped."""
    return [[inert(cell, keep_newlines=False) for cell in row] for row in rows]


def wrapped_table(rows: list[list[str]], widths: list[int]) -> str:
    """Rows laid out in columns of at most `widths` characters, wrapping at spaces
    (never inside a word), so the table fits a terminal."""
    out = []
    for row in rows:
        cells = [
            textwrap.wrap(cell, w, break_long_words=False) or [""]
            for cell, w in zip(row, widths, strict=True)
        ]
        for i in range(max(len(c) for c in cells)):
            parts = [
                (c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)
            ]
            out.append("  ".join(parts).rstrip())
    return "\n".join(out) + "\n"

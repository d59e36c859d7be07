"""Text for a terminal, made inert: a control character (an escape sequence's ESC, a NUL,
a carriage return that would overwrite a line, a bidirectional override that would
reorder it) is shown escaped, as Python writes it in a string, never sent raw.

Every table and message the command line prints passes through `inert`; data and
registry text can hold anything, so this is where it stops acting on the terminal.
"""

import re

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

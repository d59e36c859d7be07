"""Where a TOML file's keys are, by line. The evidence cites a claim's `id` and `stated`
by their lines in claims.toml (and an article's era by its `used` line), so each is
looked for only inside its own table, never on a line inside a multi-line string, and a
line counts only if, read as TOML on its own, it gives the very key and value (`id='x'`
and `"stated"=1` do). A key that cannot be found so is refused rather than cited at
another line. Lines are counted at "\\n" only, as TOML and every editor count them."""

import re
import tomllib
from collections.abc import Iterable
from typing import Any

# A table header: `[eras]`, `[[claim]]`, spaced or with its name quoted.
HEADER = re.compile(r"""[ \t]*(\[\[?)[ \t]*["']?([\w.-]+)["']?[ \t]*\]\]?[ \t]*(#.*)?\r?$""")
# What can hide a line from TOML: comments and strings, single- and multi-line.
TOKENS = re.compile(
    r'#[^\n]*|"""(?:\\.|[^\\])*?"""|\'\'\'.*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'', re.DOTALL
)
CITED = "the evidence cites the registry by line: write"


class KeyLines:
    """The lines of a TOML file's tables and of their keys."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.hidden: set[int] = set()  # inside a multi-line string, after its first line
        for token in TOKENS.finditer(text):
            if token.group().startswith(('"""', "'''")):
                first = text.count("\n", 0, token.start()) + 1
                self.hidden.update(range(first + 1, first + token.group().count("\n") + 1))
        shown = [n for n in range(1, len(self.lines) + 1) if n not in self.hidden]
        headers = [(n, HEADER.match(self.lines[n - 1])) for n in shown]
        self.headers = [(n, h[1] + h[2]) for n, h in headers if h]
        self.tables = [n for n, name in self.headers if name == "[[claim"]

    def table(self, index: int) -> range:
        """The line numbers of the `index`-th [[claim]] table (from 1), after its header;
        empty where the file has no such header (an inline table)."""
        if index > len(self.tables):
            return range(0)
        return self._after(self.tables[index - 1])

    def named(self, name: str) -> range:
        """The line numbers of the table `[name]`, after its header; empty if none."""
        return next((self._after(n) for n, h in self.headers if h == f"[{name}"), range(0))

    def _after(self, header: int) -> range:
        end = next((n for n, _ in self.headers if n > header), len(self.lines) + 1)
        return range(header + 1, end)

    def find(self, lines: Iterable[int], key: str, value: Any) -> int:
        """The first of `lines` (not inside a multi-line string) that is `key = value`;
        0 if none."""
        return next((n for n in lines if self._is(n, key, value)), 0)

    def _is(self, number: int, key: str, value: Any) -> bool:
        line = self.lines[number - 1]
        return number not in self.hidden and key in line and _reads_as(line, key, value)

    def value_text(self, number: int) -> str:
        """The value on line `number` as written (a `key = value` line, whose value
        `find` has read): after the first `=`, without an end-of-line comment."""
        return self.lines[number - 1].split("=", 1)[1].split("#", 1)[0].strip()


def _reads_as(line: str, key: str, value: Any) -> bool:
    """Whether `line`, read as TOML on its own, is exactly `key = value` (`value` as the
    whole file read: compared as written back, so that a nan is found as itself)."""
    try:
        return repr(tomllib.loads(line.strip())) == repr({key: value})
    except tomllib.TOMLDecodeError:
        return False

"""Where a TOML file's keys are, by line. The evidence cites a claim's `id` and `stated`
by their lines in claims.toml (and an article's era by its `used` line), so each is
looked for only inside its own table, and a line counts only if, read as TOML on its
own, it gives the very key and value (`id='x'` and `"stated"=1` do; a line inside a
multi-line string does not). A key that cannot be found so is refused rather than
cited at another line. Lines are counted at "\\n" only, as TOML and every editor count
them."""

import re
import tomllib
from collections.abc import Iterable
from typing import Any

CLAIM_TABLE = re.compile(r"""[ \t]*\[\[[ \t]*["']?claim["']?[ \t]*\]\][ \t]*(#.*)?\r?$""")
CITED = "the evidence cites the registry by line: write"


class KeyLines:
    """The lines of a registry's [[claim]] tables and of their keys."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.tables = [n for n, line in enumerate(self.lines, 1) if CLAIM_TABLE.match(line)]

    def table(self, index: int) -> range:
        """The line numbers of the `index`-th [[claim]] table (from 1), after its header;
        empty where the file has no such header (an inline table)."""
        if index > len(self.tables):
            return range(0)
        end = self.tables[index] if index < len(self.tables) else len(self.lines) + 1
        return range(self.tables[index - 1] + 1, end)

    def find(self, index: int, key: str, value: Any) -> int:
        """The line of `key = value` in the `index`-th [[claim]] table; 0 if none."""
        return line_of(self.lines, self.table(index), key, value)

    def value_text(self, number: int) -> str:
        """The value on line `number` as written (a `key = value` line, whose value
        `find` has read): after the first `=`, without an end-of-line comment."""
        return self.lines[number - 1].split("=", 1)[1].split("#", 1)[0].strip()


def line_of(lines: list[str], numbers: Iterable[int], key: str, value: Any) -> int:
    """The first of the line `numbers` of `lines` that is `key = value`; 0 if none."""
    return next(
        (n for n in numbers if key in lines[n - 1] and _reads_as(lines[n - 1], key, value)), 0
    )


def _reads_as(line: str, key: str, value: Any) -> bool:
    """Whether `line`, read as TOML on its own, is exactly `key = value`."""
    try:
        return tomllib.loads(line.strip()) == {key: value}
    except tomllib.TOMLDecodeError:
        return False

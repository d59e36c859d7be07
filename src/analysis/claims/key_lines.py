"""Where a registry's keys are, by line. The evidence cites a claim's `id` and `stated`
by their lines in claims.toml, so each is looked for only inside its own [[claim]]
table, and a line counts only if, read as TOML on its own, it gives the claim's very
key and value (`id='x'` and `"stated"=1` do; a line inside a multi-line string does
not). A claim whose key cannot be found so is refused rather than cited at another
line. Lines are counted at "\\n" only, as TOML and every editor count them."""

import re
import tomllib
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
        for number in self.table(index):
            line = self.lines[number - 1]
            if key in line and _reads_as(line, key, value):
                return number
        return 0


def _reads_as(line: str, key: str, value: Any) -> bool:
    """Whether `line`, read as TOML on its own, is exactly `key = value`."""
    try:
        return tomllib.loads(line.strip()) == {key: value}
    except tomllib.TOMLDecodeError:
        return False

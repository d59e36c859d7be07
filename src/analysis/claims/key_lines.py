"""Where a registry's keys are, by line. The evidence cites a claim's `id` and `stated`
by their lines in claims.toml, so each is found however TOML lets it be spaced or quoted
(`id='x'`, `"stated"=1`), and a claim whose key cannot be found is refused rather than
cited at another claim's line."""

import math
import re

ID_KEY = re.compile(r"""\s*["']?id["']?\s*=\s*["']([^"']*)["']""")
STATED_KEY = re.compile(r"""\s*["']?stated["']?\s*=""")
CITED = "the evidence cites the registry by line: write"


class KeyLines:
    """The lines of a registry's `id` and `stated` keys."""

    def __init__(self, text: str) -> None:
        self.ids: dict[str, int] = {}
        self.stated: list[int] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if match := ID_KEY.match(line):
                self.ids.setdefault(match.group(1), number)
            elif STATED_KEY.match(line):
                self.stated.append(number)
        self.starts = sorted(self.ids.values())

    def stated_after(self, start: int) -> int:
        """The line of the `stated` in the claim whose `id` is at `start`: after it and
        before the next claim's `id`; 0 when its table has none."""
        end = next((n for n in self.starts if n > start), math.inf)
        return next((n for n in self.stated if start < n < end), 0)

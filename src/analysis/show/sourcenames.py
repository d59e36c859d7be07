"""Source ids in reader words. The engine names the sources its reasons, notes and
arithmetic rest on by id (stable, and what the data files and exports key on); a
reader sees the publisher and the date instead, and the id stays in URLs alone."""

import re
from collections.abc import Mapping

from analysis.claims import Source


class SourceNames:
    """Rewrites every source id in a text as its publisher and date."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.words = {key: f"{s.publisher}, {s.dated}" for key, s in sources.items()}
        # The longest first, and whole ids only: "mou-table-2020-09" is not "mou-table-2020",
        # and a file name or path that holds an id ("data/x-2020.csv") is left as it is.
        ids = "|".join(map(re.escape, sorted(self.words, key=len, reverse=True)))
        self.pattern = re.compile(rf"(?<![\w./-])({ids})(?![\w/-]|\.\w)" if ids else r"(?!)")

    def __call__(self, text: str) -> str:
        return self.pattern.sub(lambda found: self.words[found.group(1)], text)

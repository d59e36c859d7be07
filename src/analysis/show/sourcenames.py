"""Source and source-issue ids in reader words. The engine names the sources its
reasons, notes and arithmetic rest on, and the source issues it relies on, by id
(stable, and what the data files and exports key on); a reader sees the publisher and
the date, or where the issue is recorded and its kind, and the id stays in URLs alone."""

import re
from collections.abc import Mapping

import pandas as pd

from analysis.claims import Source

ISSUES_FILE = "data/source_issues.csv"  # as evidence cites a data file


class SourceNames:
    """Rewrites every source id in a text as its publisher and date, and every source
    issue's id as its file and line and its kind."""

    def __init__(self, sources: Mapping[str, Source], issues: pd.DataFrame) -> None:
        self.words = {key: f"{s.publisher}, {s.dated}" for key, s in sources.items()}
        self.words |= {
            str(issue): f"{ISSUES_FILE} line {line}, {str(kind).replace('_', ' ')}"
            for issue, kind, line in zip(
                issues["issue_id"], issues["kind"], issues["line"], strict=True
            )
        }
        # The longest first, and whole ids only: "mou-table-2020-09" is not "mou-table-2020",
        # and a file name or path that holds an id ("data/x-2020.csv") is left as it is.
        ids = "|".join(map(re.escape, sorted(self.words, key=len, reverse=True)))
        self.pattern = re.compile(rf"(?<![\w./-])({ids})(?![\w/-]|\.\w)" if ids else r"(?!)")

    def __call__(self, text: str) -> str:
        return self.pattern.sub(lambda found: self.words[found.group(1)], text)

"""Vintage names: which figures a question is asked of, parsed one way for the
command line and the Python API alike."""

import re
from dataclasses import dataclass
from datetime import date

from analysis.load.cells import ID_PATTERN
from analysis.load.dates import EARLIEST_DAY, latest_day

LATEST, FIRST, ARTICLE = "latest", "first", "article"
ACCEPTED_FORMS = (
    "'latest', 'first', 'article', a day written YYYY-MM-DD (e.g. 2018-01-07), "
    "or the source_id of an MOU table (e.g. mou-table-2012-01-11)"
)
_DAY_LIKE = re.compile(r"^\d{1,4}-\d{1,2}-\d{1,2}$")


def _in_range(day: date) -> date:
    """A written vintage's day, once it is one whose figures can exist: from 1950 to
    tomorrow (a day in the future would be labelled "as published on" a day that has not
    come). The engine's own days (date.max, "every figure ever") are dates, not text."""
    if not EARLIEST_DAY <= day <= latest_day():
        raise ValueError(
            f"invalid date {day.isoformat()!r}: a vintage's day must fall between "
            f"{EARLIEST_DAY} and tomorrow ({latest_day()})"
        )
    return day


@dataclass(frozen=True)
class Vintage:
    """Which figures: one of the named vintages, a day, or one MOU table as printed.

    The command line and the Python API parse vintages the same way, so a typo
    such as 2018-02-30 is an invalid date everywhere, never an unknown table.
    """

    name: str  # "latest", "first", "article", "day" or "table"
    day: date | None = None
    table: str | None = None

    @classmethod
    def parse(cls, spec: "str | date | Vintage") -> "Vintage":
        """Read "latest", "first", "article", "YYYY-MM-DD", a date or an MOU table id."""
        if isinstance(spec, Vintage):
            return spec
        if isinstance(spec, date):
            return cls("day", day=spec)
        if spec in (LATEST, FIRST, ARTICLE):
            return cls(spec)
        if _DAY_LIKE.match(spec):
            try:
                day = date.fromisoformat(spec)
            except ValueError:
                raise ValueError(
                    f"invalid date {spec!r}: no such day; a vintage is {ACCEPTED_FORMS}"
                ) from None
            return cls("day", day=_in_range(day))
        if re.fullmatch(ID_PATTERN, spec):
            return cls("table", table=spec)
        raise ValueError(f"invalid vintage {spec!r}: a vintage is {ACCEPTED_FORMS}")

    def __str__(self) -> str:
        if self.day is not None:
            return self.day.isoformat()
        return self.table or self.name

    def on(self, article_day: date) -> date | None:
        """The day whose series this vintage is (None for 'first' and a table as printed)."""
        if self.name == ARTICLE:
            return article_day
        if self.name == LATEST:
            return date.max
        return self.day

    def describe(self, article_day: date) -> str:
        """The vintage in words, for labels: "as published on 7 January 2018"."""
        day = article_day if self.name == ARTICLE else self.day
        if day is not None:
            return f"as published on {day.day} {day:%B %Y}"
        if self.name == LATEST:
            return "as they stand now (each period's newest MOU table or correction)"
        if self.name == FIRST:
            return "each period as first reported"
        return f"MOU table {self.table}, as printed"

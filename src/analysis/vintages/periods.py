"""Periods as a registry names them: a year ("2017"), a half ("2018-H1"), a quarter
("2018-Q1"), a month ("2018-01"), a run of months ("2017-01/2017-08") or of days
("2018-01-01/2018-06-30"). Each is a (start, end) pair of days, which is how
data/arrivals.csv stores a figure's period, so a registry period finds its rows
by equality."""

import re
from dataclasses import dataclass

import pandas as pd

FORMS = (
    'a year ("2017"), a half ("2018-H1"), a quarter ("2018-Q1"), a month ("2018-01"), '
    'or months or days joined by "/" ("2017-01/2017-08", "2018-01-01/2018-06-30")'
)
_YEAR = re.compile(r"([0-9]{4})")
_PART = re.compile(r"([0-9]{4})-(H[12]|Q[1-4])")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


@dataclass(frozen=True, order=True)
class Period:
    """A span of whole days, both ends included."""

    start: pd.Timestamp
    end: pd.Timestamp

    @property
    def whole_year(self) -> bool:
        return (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    @property
    def year(self) -> int:
        return int(self.end.year)

    @property
    def words(self) -> str:
        """The period in words: "2017", "January to June 2018", "1 to 20 January 2018"."""
        start, end = self.start, self.end
        if self.whole_year:
            return str(end.year)
        if start.day == 1 and end == end + pd.offsets.MonthEnd(0):
            if (start.year, start.month) == (end.year, end.month):
                return f"{end:%B %Y}"
            first = f"{start:%B}" if start.year == end.year else f"{start:%B %Y}"
            return f"{first} to {end:%B %Y}"
        return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


def _start(text: str) -> pd.Timestamp | None:
    if found := _MONTH.fullmatch(text):
        return _safe(int(found[1]), int(found[2]), 1)
    if found := _DAY.fullmatch(text):
        return _safe(int(found[1]), int(found[2]), int(found[3]))
    return None


def _end(text: str) -> pd.Timestamp | None:
    if _MONTH.fullmatch(text):
        first = _start(text)
        return None if first is None else first + pd.offsets.MonthEnd(0)
    return _start(text)


def _safe(year: int, month: int, day: int) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        return None


def parse(text: str) -> Period:
    """The period `text` names; ValueError (naming the accepted forms) when it names none."""
    if not isinstance(text, str):
        raise ValueError(f"a period is text: {FORMS}")
    if found := _YEAR.fullmatch(text):
        year = int(found[1])
        return Period(pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31))
    if found := _PART.fullmatch(text):
        year, part = int(found[1]), found[2]
        months = 6 if part[0] == "H" else 3
        first = (int(part[1]) - 1) * months + 1
        start = pd.Timestamp(year, first, 1)
        return Period(start, start + pd.offsets.MonthEnd(months))
    start_text, _, end_text = text.partition("/")
    begin, finish = _start(start_text), _end(end_text or start_text)
    if begin is None or finish is None or finish < begin or (not end_text and _DAY.fullmatch(text)):
        raise ValueError(f"{text!r} is not a period: {FORMS}")
    return Period(begin, finish)


def through(text: str) -> pd.Timestamp:
    """The last day of "2017" (a year's end) or "2018-06-30" (a day), for cumulative totals."""
    if _YEAR.fullmatch(text):
        return pd.Timestamp(int(text), 12, 31)
    if _DAY.fullmatch(text) and (day := _start(text)) is not None:
        return day
    raise ValueError(f"{text!r} is not a year (2017) or a day (2018-06-30)")

"""Publication dates of uneven precision ("2017", "2017-01", "2017-01-05").

Many reports are dated only to a month or a year. A figure counts as published
on a day only if its latest possible publication date is on or before that day,
so a partial date is carried as the interval of days it may stand for.
"""

import calendar
import re
from datetime import date, timedelta

import pandas as pd

PARTIAL_DATE_PATTERN = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"  # ASCII digits only


def date_bounds(partial: str) -> tuple[date, date]:
    """Return the first and last day a partial ISO date can mean.

    Raises ValueError for anything but YYYY, YYYY-MM or a valid YYYY-MM-DD.
    """
    if not re.fullmatch(PARTIAL_DATE_PATTERN, partial):
        raise ValueError(f"{partial!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def is_partial_date(text: str) -> bool:
    """True when `text` is a well-formed, existing partial ISO date."""
    try:
        date_bounds(text)
    except ValueError:
        return False
    return True


def is_iso_day(text: str) -> bool:
    """True when `text` is an existing day written YYYY-MM-DD."""
    return len(text) == 10 and is_partial_date(text)


EARLIEST_DAY = date(1950, 1, 1)
"""No figure in this project can be dated before 1950: arrivals records start after the war."""


def latest_day() -> date:
    """The latest date a file may hold: tomorrow, so a figure dated in any time zone's today passes."""
    return date.today() + timedelta(days=1)


def parse_days(texts: "pd.Series[str]") -> "pd.Series[pd.Timestamp]":
    """Parse a whole column of YYYY-MM-DD texts; anything else (or a day that does not exist) is NaT."""
    shaped = texts.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fillna(False).astype(bool)
    days = pd.to_datetime(texts.where(shaped), format="%Y-%m-%d", errors="coerce")
    return days


def parse_partial_dates(texts: "pd.Series[str]") -> "pd.Series[pd.Timestamp]":
    """Parse a whole column of YYYY, YYYY-MM or YYYY-MM-DD texts to their first day (NaT if malformed)."""
    full = texts.where(texts.str.len() != 4, texts + "-01-01")
    full = full.where(texts.str.len() != 7, texts + "-01")
    return parse_days(full)


def within_bounds(days: "pd.Series[pd.Timestamp]") -> "pd.Series[bool]":
    """True for days from EARLIEST_DAY to latest_day(), inclusive."""
    return days.between(pd.Timestamp(EARLIEST_DAY), pd.Timestamp(latest_day()))

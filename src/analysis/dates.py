"""Publication dates of uneven precision ("2017", "2017-01", "2017-01-05").

Many reports are dated only to a month or a year. A figure counts as published
on a day only if its latest possible publication date is on or before that day,
so a partial date is carried as the interval of days it may stand for.
"""

import calendar
import re
from datetime import date

PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def date_bounds(partial: str) -> tuple[date, date]:
    """Return the first and last day a partial ISO date can mean.

    Raises ValueError for anything but YYYY, YYYY-MM or a valid YYYY-MM-DD.
    """
    if not re.match(PARTIAL_DATE_PATTERN, partial):
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

"""Publication dates of uneven precision ("2017", "2017-01", "2017-01-05"), and
intervals of them ("2020-10-01/2021-01-19": an undated page known to have been
posted after one day and before another).

Many reports are dated only to a month or a year. A figure counts as published
on a day only if its latest possible publication date is on or before that day,
so a partial date is carried as the interval of days it may stand for; an
interval runs from its first part's first day to its second part's last day.
"""

import calendar
import re
from datetime import date, timedelta

import numpy as np

PARTIAL_DATE_PATTERN = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"  # ASCII digits only


def date_bounds(partial: str) -> tuple[date, date]:
    """Return the first and last day a partial ISO date (or an interval of two) can mean.

    Raises ValueError for anything but YYYY, YYYY-MM or a valid YYYY-MM-DD, or two of
    them joined by "/" with the first not after the second.
    """
    if partial.count("/") == 1:
        first, last = (date_bounds(part)[i] for i, part in enumerate(partial.split("/")))
        if first > last:
            raise ValueError(f"{partial!r}: the interval ends before it starts")
        return first, last
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


EARLIEST_DAY = date(1950, 1, 1)
"""No figure in this project can be dated before 1950: arrivals records start after the war."""


def latest_day() -> date:
    """The latest date a file may hold: tomorrow, so a figure dated in any time zone's today passes."""
    return date.today() + timedelta(days=1)


_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9]
_MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def iso_days_from_bytes(raw: "np.ndarray") -> "np.ndarray":
    """Parse an array of ASCII YYYY-MM-DD bytes with NumPy, all cells at once.

    Anything else, or a day that does not exist (2017-02-29), is NaT.
    """
    days = np.full(len(raw), np.datetime64("NaT"), dtype="datetime64[D]")
    shaped = np.flatnonzero(np.strings.str_len(raw) == 10)
    codes = np.frombuffer(raw[shaped].astype("S10").tobytes(), dtype=np.uint8).reshape(-1, 10)
    digits = codes[:, _DIGITS].astype(np.int64) - ord("0")
    ok = ((digits >= 0) & (digits <= 9)).all(axis=1) & (codes[:, 4] == ord("-"))
    ok &= codes[:, 7] == ord("-")
    year = digits[:, :4] @ np.array([1000, 100, 10, 1])
    month, day = digits[:, 4] * 10 + digits[:, 5], digits[:, 6] * 10 + digits[:, 7]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    ok &= (month >= 1) & (month <= 12)
    length = _MONTH_DAYS[np.clip(month - 1, 0, 11)] + ((month == 2) & leap)
    ok &= (day >= 1) & (day <= length)
    months = ((year[ok] - 1970) * 12 + month[ok] - 1).astype("datetime64[M]")
    days[shaped[ok]] = months.astype("datetime64[D]") + (day[ok] - 1)
    return days

"""What each cell must look like, checked on the text written in the file: nothing is
coerced. A count is ASCII digits without a leading zero and within MAX_COUNT, a date an
existing day between 1950 and tomorrow, text free of control characters, an id matches
ID_PATTERN and a URL is a plain http(s) address."""

import re
from collections.abc import Callable, Collection
from datetime import date
from functools import partial

import numpy as np

from analysis.load.dates import EARLIEST_DAY, date_bounds, iso_days_from_bytes, latest_day
from analysis.load.text import NO_CONTROL_CHARACTERS, NO_SURROUNDING_SPACE
from analysis.load.validation import CellCheck, Cells, Column

MAX_COUNT = 100_000
"""The largest count a cell may hold. Every arrival since 1953 adds up to about
35,000, so a larger number is a typo (or an overflow waiting to happen)."""
ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
"""Ids (source_id, figure_id, issue_id): lowercase words and digits joined by hyphens."""
URL_PATTERN = (
    r"https?://"
    r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+"
    r"(:[0-9]{1,5})?"
    r"([/?#][^\x00-\x20\x7f\"<>\\^`{|}]*)?"
)
"""An http(s) address with a host name; no spaces, quotes, angle brackets or controls."""
_PARTIAL = r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"
PARTIAL_DATE_PATTERN = f"{_PARTIAL}(/{_PARTIAL})?"
"""YYYY, YYYY-MM or YYYY-MM-DD, or two of them joined by "/" (an interval: after the
first, before the end of the second), as the data package states it; the check is
stricter (the day must exist, the interval must not end before it starts)."""
CONTROL_CHARACTERS = r"[\x00-\x1f\x7f-\x9f]"
_CONTROL = re.compile(CONTROL_CHARACTERS)


def _each(cells: Cells, test: Callable[[str], object]) -> np.ndarray:
    """Whether `test` is true of each text: a loop over the column's distinct texts, as
    pandas' string methods run on text, without their fixed cost per call."""
    texts = cells.texts[cells.positions]
    return np.fromiter((bool(test(t)) for t in texts), dtype=bool, count=len(texts))


def _fullmatch(cells: Cells, pattern: str) -> np.ndarray:
    """Whole-cell regular-expression match (cells are never missing)."""
    return _each(cells, re.compile(pattern).fullmatch)


def _ascii_whole_numbers(cells: Cells) -> np.ndarray:
    """ASCII digits without a leading zero, tested on the column's bytes at once."""
    raw, ascii_ = cells.ascii()
    leading_zero = np.strings.startswith(raw, b"0") & (np.strings.str_len(raw) > 1)
    return ascii_ & np.strings.isdigit(raw) & ~leading_zero


def _numbers(raw: np.ndarray, ascii_: np.ndarray) -> np.ndarray:
    """Each cell of at most len(str(MAX_COUNT)) ASCII digits as a number, else -1.

    Lengths are compared first, so a 30-digit count never overflows.
    """
    usable = ascii_ & np.strings.isdigit(raw) & (np.strings.str_len(raw) <= len(str(MAX_COUNT)))
    values = np.full(len(raw), -1, dtype=np.int64)
    values[usable] = raw[usable].astype(np.int64)
    return values


def _within_count_bound(cells: Cells) -> np.ndarray:
    """Called on cells of ASCII digits only."""
    values = cells.derived("numbers", _numbers)
    return (values >= 0) & (values <= MAX_COUNT)


def _as_numbers(cells: Cells) -> np.ndarray:
    """Checked counts as floats, for the row rules' arithmetic."""
    return cells.derived("numbers", _numbers).astype(np.float64)


def _iso_days(cells: Cells) -> np.ndarray:
    """The cells as days (NaT where not an existing YYYY-MM-DD day), parsed once per column."""
    days = cells.derived(
        "days", lambda raw, ascii_: np.where(ascii_, iso_days_from_bytes(raw), np.datetime64("NaT"))
    )
    return days


def _days_in_range(cells: Cells) -> np.ndarray:
    """ISO days compare as bytes in the same order as in time."""
    raw, _ = cells.ascii()
    return (raw >= EARLIEST_DAY.isoformat().encode()) & (raw <= latest_day().isoformat().encode())


PLAIN = CellCheck(
    "contains a control character (such as NUL, a tab or a line break)",
    lambda cells: ~_each(cells, _CONTROL.search),
    implied_by=NO_CONTROL_CHARACTERS,
)
TRIMMED = CellCheck(
    "has surrounding spaces",
    lambda cells: _each(cells, lambda text: text == text.strip()),
    implied_by=NO_SURROUNDING_SPACE,
)
_WHOLE = CellCheck(
    "must be a whole number written with ASCII digits 0-9 only, without a leading zero",
    _ascii_whole_numbers,
    constraints={"minimum": 0},
)
_BOUNDED = CellCheck(
    f"must be at most {MAX_COUNT:,}", _within_count_bound, constraints={"maximum": MAX_COUNT}
)
ID = CellCheck(
    "must be a lowercase id: words of a-z and 0-9 joined by single hyphens",
    partial(_fullmatch, pattern=ID_PATTERN),
    constraints={"pattern": ID_PATTERN},
)
_DAY = CellCheck(
    "must be an existing date written YYYY-MM-DD", lambda cells: ~np.isnat(_iso_days(cells))
)


def _bounds(text: str) -> tuple[date, date] | None:
    """The first and last day a partial date or interval can mean; None if malformed."""
    try:
        return date_bounds(text)
    except ValueError:
        return None


def _partial_in_range(text: str) -> bool:
    """The first day a partial date can mean is in range, and an interval's last day
    too ("2026" may mean today; "2025/2026" runs to the end of 2026). The check before
    this one passed the text as well formed."""
    first, last = date_bounds(text)
    latest = latest_day()
    return EARLIEST_DAY <= first <= latest and ("/" not in text or last <= latest)


PARTIAL = CellCheck(
    "must be a date written YYYY, YYYY-MM or YYYY-MM-DD, or an interval of two such dates"
    " joined by '/' that does not end before it starts",
    lambda cells: _each(cells, _bounds),
    constraints={"pattern": PARTIAL_DATE_PATTERN},
)
_DATE_RANGE = f"must fall between {EARLIEST_DAY} and tomorrow"
# "Tomorrow" moves, so the data package states only the earliest day.
_DAY_IN_RANGE = CellCheck(
    _DATE_RANGE, _days_in_range, constraints={"minimum": EARLIEST_DAY.isoformat()}
)
PARTIAL_IN_RANGE = CellCheck(_DATE_RANGE, lambda cells: _each(cells, _partial_in_range))
URL = CellCheck(
    'must be an http(s) URL with a host name and no spaces, quotes, "<", ">" or control characters',
    partial(_fullmatch, pattern=URL_PATTERN),
    constraints={"pattern": URL_PATTERN},
)


def one_of(values: Collection[str]) -> CellCheck:
    return CellCheck(
        f"must be one of {', '.join(sorted(values))}",
        lambda cells: cells.text.isin(list(values)),
        constraints={"enum": sorted(values)},
    )


def text(
    name: str, *checks: CellCheck, required: bool = True, refers_to: tuple[str, str] | None = None
) -> Column:
    return Column(name, (PLAIN, TRIMMED, *checks), required, refers_to=refers_to)


def count(name: str, required: bool) -> Column:
    return Column(name, (PLAIN, _WHOLE, _BOUNDED), required, parse=_as_numbers, type="integer")


def day(name: str, required: bool = True) -> Column:
    return Column(name, (PLAIN, _DAY, _DAY_IN_RANGE), required, parse=_iso_days, type="date")

"""Numbers, dates and missing values written for people: thousands separators,
one decimal for shares, a dash for a missing value. The engine words its reasons
with these, and every table a reader sees formats its cells with them; they
need nothing but the standard library and pandas' missing markers."""

import math
import numbers
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

MISSING = "–"


def count(value: float) -> str:
    """A whole number with thousands separators: 31,339."""
    return f"{value:,.0f}"


def joined(items: Sequence[str]) -> str:
    """A list in words: `a`, `a and b`, `a, b and c`; `a, x; b; and c` where an item of
    three or more has a comma of its own, so that the items can still be counted."""
    if len(items) == 1:
        return items[0]
    if len(items) > 2 and any(", " in item for item in items):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def counted(n: int, one: str, many: str) -> str:
    """A count and its noun: 1 claim, 3 claims."""
    return f"{n} {one if n == 1 else many}"


def span(first: object, last: object) -> str:
    """A range, with an en dash: 2013–2016, 0.9–1.8."""
    return f"{first}\u2013{last}"


def signed(value: float, decimals: int = 0) -> str:
    """A change with its sign, a fall with a minus sign: +12, −1,204, −44.5."""
    return f"{value:+,.{decimals}f}".replace("-", "\u2212")


def months(first: date, last: date) -> str:
    """A span of months in words: July 2017, July–August 2017, July 2016–June 2017."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%B %Y}"
    return span(f"{first:%B}" if first.year == last.year else f"{first:%B %Y}", f"{last:%B %Y}")


def percent(value: float) -> str:
    """A share with one decimal: 83.2%."""
    return f"{value:.1f}%"


def published(text: str) -> str:
    """A publication date as data/sources.csv writes it, for a reader: an interval
    ("2020-10-01/2021-01-19", an undated page dated by what it holds) in words."""
    if "/" not in text:
        return text
    first, last = text.split("/", 1)
    return f"between {first} and {last}"


def day(value: date | pd.Timestamp) -> str:
    """A day in words: 7 January 2018."""
    return f"{value.day} {value:%B %Y}"


def cell(value: Any) -> str:
    """Any table cell as text: counts with separators, days as YYYY-MM-DD, missing as a dash."""
    if value is None or value is pd.NA or value is pd.NaT:
        return MISSING
    if isinstance(value, float) and math.isnan(value):
        return MISSING
    if isinstance(value, pd.Timestamp | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return count(int(value))
    if isinstance(value, numbers.Real):
        return f"{float(value):,.1f}"
    return str(value)


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=s)'(?=\s|$)")


def typeset(text: str) -> str:
    """Straight apostrophes as typographic ones (U+2019: "MOU's" as Sphinx sets the
    report's prose), so a card's or a table's text, written in HTML, reads the same."""
    return _APOSTROPHE.sub("\u2019", text)

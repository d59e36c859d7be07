"""The band a claim's wording allows around its stated value: what "1,127", "83%",
"20.8%", "over 1,200", "fewer than 1,100" or "between 1,100 and 1,500" mean as
numbers. The band always follows the stated value's precision: a percentage's
band is half a unit of its last stated decimal either side."""

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

Show = Callable[[float], str]


@dataclass(frozen=True)
class Band:
    """The values the wording allows: from `low` to `high`, each end open or closed."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def holds(self, value: float) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    def words(self, show: Show) -> str:
        """The band in words: "exactly 1,127", "82.5% to under 83.5%", "more than 1,200"."""
        if self.low == self.high:
            return f"exactly {show(self.low)}"
        if self.high == math.inf:
            return f"{'more than' if self.low_open else 'at least'} {show(self.low)}"
        if self.low == -math.inf:
            return f"{'less than' if self.high_open else 'at most'} {show(self.high)}"
        upper = f"under {show(self.high)}" if self.high_open else show(self.high)
        return f"{show(self.low)} to {upper}"


def decimals(value: float) -> int:
    """How many decimals a stated number gives: 83 -> 0, 20.8 -> 1, 85.0 -> 1."""
    if isinstance(value, int):
        return 0
    exponent = Decimal(repr(value)).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def band(stated: Any, precision: str, tolerance: float = 0) -> Band:
    """The band for a stated value and its precision, widened by any tolerance the
    registry gives for loose wording."""
    if precision == "percent":
        half = 0.5 * 10 ** -decimals(stated)
        return Band(stated - half - tolerance, stated + half + tolerance, high_open=True)
    if precision == "between":
        low, high = stated
        return Band(low - tolerance, high + tolerance)
    if precision == "over":
        return Band(stated - tolerance, math.inf, low_open=True)
    if precision == "at_least":
        return Band(stated - tolerance, math.inf)
    if precision == "fewer_than":
        return Band(-math.inf, stated + tolerance, high_open=True)
    if precision == "at_most":
        return Band(-math.inf, stated + tolerance)
    return Band(stated - tolerance, stated + tolerance)  # exact, about


def stated_words(stated: Any, precision: str, show: Show) -> str:
    """The stated value as the wording gives it: "1,127", "83%", "over 1,200"."""
    if precision == "between":
        return f"between {show(stated[0])} and {show(stated[1])}"
    prefix = {
        "over": "over ",
        "at_least": "at least ",
        "fewer_than": "fewer than ",
        "at_most": "at most ",
        "about": "about ",
    }.get(precision, "")
    return prefix + show(stated)

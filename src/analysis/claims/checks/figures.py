"""Generic checks of one quantity against the stated value's band: a field's value
for any period, a share, a difference, a percent change, a ratio and a projection
from a part year. Their parameters are in the registry, so a new sentence needs an
entry there and no code; the band follows the stated precision (exact, percent,
over, at_least, fewer_than, at_most, between, about)."""

from typing import Any

from analysis.claims.checks.compare import compare, share_of
from analysis.claims.declare import COLUMNS, SEXES, WHOLE, PeriodName, check
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Reading, period_words
from analysis.formatting import count, percent, signed
from analysis.vintages import periods

WORDS = {"men": "men", "women": "women", "total": "arrivals"}


def _missing(what: str) -> tuple[None, str]:
    return None, f"{what}: a figure is missing"


def _percent_of(
    reading: Reading, part: tuple[str, str], whole: tuple[str, str], label: str
) -> Outcome:
    """One (period, field) figure as a percentage of another, against the stated band."""

    def compute(then: Any) -> tuple[float | None, str]:
        x, y = reading.value(*part, then), reading.value(*whole, then)
        result = share_of(x, y)
        if result is None or x is None or y is None:
            return _missing(label)
        return result, f"{count(x)} / {count(y)} = {percent(result)}"

    return compare(reading, compute, "percent")


@check(period=PeriodName, field=COLUMNS)
def value(reading: Reading) -> Outcome:
    """A field's figure for a period (a year, a half, a quarter, January to August)."""
    period, column = reading.claim.args["period"], reading.claim.args["field"]
    reading.trail(period, column)

    def compute(then: Any) -> tuple[float | None, str]:
        figure = reading.figure(period, column, then)
        shown = "no figure" if figure is None else count(int(figure.value))
        label = f"{column}, {period_words(period)}"
        return (None if figure is None else int(figure.value)), f"{label} = {shown}"

    return compare(reading, compute, "count")


@check(period=PeriodName, part=SEXES, whole=WHOLE)
def share(reading: Reading) -> Outcome:
    """One field's share of another for a period, in percent ("women were 85%")."""
    args = reading.claim.args
    period, part, whole = args["period"], args["part"], args["whole"]
    label = f"{WORDS[part]} / {WORDS[whole]}, {period_words(period)}"
    return _percent_of(reading, (period, part), (period, whole), label)


@check(minuend=PeriodName, subtrahend=PeriodName, field=COLUMNS, distinct=("minuend", "subtrahend"))
def difference(reading: Reading) -> Outcome:
    """One period's figure minus another's ("ten more than 2017", "291 fewer")."""
    args = reading.claim.args
    a, b, column = args["minuend"], args["subtrahend"], args["field"]
    word = WORDS[column]

    def compute(then: Any) -> tuple[float | None, str]:
        x, y = reading.value(a, column, then), reading.value(b, column, then)
        if x is None or y is None:
            return _missing(f"{word} {a} − {word} {b}")
        return x - y, f"{word} {a} − {word} {b} = {count(x)} − {count(y)} = {count(x - y)}"

    return compare(reading, compute, "count")


@check(before=PeriodName, after=PeriodName, field=COLUMNS, direction=("up", "down"))
def change(reading: Reading) -> Outcome:
    """A percent change from one period to another, in the stated direction: a rise
    stated as a fall is outside the band ("down 20.8%" gives -20.8 for a rise)."""
    args = reading.claim.args
    a, b, column, down = args["before"], args["after"], args["field"], args["direction"] == "down"

    def compute(then: Any) -> tuple[float | None, str]:
        x, y = reading.value(a, column, then), reading.value(b, column, then)
        if x is None or y is None or not x:
            return _missing(f"change in {WORDS[column]}, {a} to {b}")
        growth = 100 * (y - x) / x
        moved = -growth if down else growth
        working = f"({count(y)} − {count(x)}) / {count(x)} = {signed(growth, 2)}%"
        return moved, f"{working}; {'a fall' if down else 'a rise'} of {moved:.2f}%"

    return compare(reading, compute, "percent")


@check(
    numerator=PeriodName,
    denominator=PeriodName,
    field=COLUMNS,
    distinct=("numerator", "denominator"),
)
def ratio(reading: Reading) -> Outcome:
    """One period's figure as a percentage of another's ("one-third of 2009's": 33.3)."""
    args = reading.claim.args
    a, b, column = args["numerator"], args["denominator"], args["field"]
    return _percent_of(reading, (a, column), (b, column), f"{WORDS[column]} {a} / {b}")


@check(part=PeriodName, field=COLUMNS)
def projection(reading: Reading) -> Outcome:
    """A whole year projected from a part year at the same daily rate ("on course for
    some 1,000 this year" from January to June)."""
    args = reading.claim.args
    part, column = args["part"], args["field"]
    span = periods.parse(part)
    days = (span.end - span.start).days + 1
    year_days = 366 if span.start.is_leap_year else 365

    def compute(then: Any) -> tuple[float | None, str]:
        x = reading.value(part, column, then)
        if x is None:
            return _missing(f"{WORDS[column]}, {span.words}")
        projected = x * year_days / days
        working = f"{count(x)} in {days} days × {year_days} / {days} = {projected:,.1f}"
        return projected, f"{span.year} projected from {span.words}: {working}"

    return compare(reading, compute, "count")

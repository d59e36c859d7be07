"""How numbers, ranges and months are written for readers: an en dash for a range, a
minus sign for a fall, months in words."""

from datetime import date

import pytest

from analysis import formatting
from analysis.formatting import months, signed, span


def test_a_range_takes_an_en_dash() -> None:
    assert span(2013, 2016) == "2013\u20132016"
    assert span("0.9", "1.8") == "0.9\u20131.8"


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [(143, 0, "+143"), (-1204, 0, "\u22121,204"), (0, 0, "+0"), (-44.49, 1, "\u221244.5")],
)
def test_a_change_shows_its_sign_and_a_fall_a_minus_sign(
    value: float, decimals: int, shown: str
) -> None:
    assert signed(value, decimals) == shown


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [
        (date(2017, 7, 1), date(2017, 7, 31), "July 2017"),
        (date(2017, 7, 1), date(2017, 8, 31), "July\u2013August 2017"),
        (date(2016, 7, 1), date(2017, 6, 30), "July 2016\u2013June 2017"),
        (date(2016, 7, 1), date(2017, 7, 31), "July 2016\u2013July 2017"),
    ],
)
def test_a_span_of_months_is_written_in_words(first: date, last: date, shown: str) -> None:
    assert months(first, last) == shown


@pytest.mark.parametrize(
    ("items", "words"),
    [
        (["a"], "a"),
        (["a", "b"], "a and b"),
        (["a", "b", "c"], "a, b and c"),
        (["1,127", "938", "189"], "1,127, 938 and 189"),  # a thousands separator is no comma
        (["men, 2017", "women"], "men, 2017 and women"),
        (["men, 2017", "women", "total"], "men, 2017; women; and total"),
    ],
)
def test_a_list_in_words_keeps_its_items_countable(items: list[str], words: str) -> None:
    assert formatting.joined(items) == words

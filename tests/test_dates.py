from datetime import date

import pytest

from analysis.load.dates import date_bounds


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2018-01-05", date(2018, 1, 5), date(2018, 1, 5)),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_partial_dates_cover_every_day_they_can_mean(text: str, first: date, last: date) -> None:
    assert date_bounds(text) == (first, last)


@pytest.mark.parametrize("text", ["2017-13", "2017-02-30", "17-01-05", "2017/01/05", "2017-1", ""])
def test_malformed_partial_dates_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        date_bounds(text)

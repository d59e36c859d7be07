"""Hostile input, numbers and dates: in the data files' cells, in datapackage.json and on
the command line, each either refused with an error naming the file, line and column
(or the option), or read as exactly the value it writes."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis.load import datasets
from tests.conftest import run_cli
from tests.hostile import edit, refused

WHOLE = "must be a whole number written with ASCII digits 0-9 only, without a leading zero"
AT_MOST = "must be at most 100,000"
DATE = "must be an existing date written YYYY-MM-DD"
RANGE = "must fall between 1950-01-01 and tomorrow"
PUBLISHED = "must be a date written YYYY, YYYY-MM or YYYY-MM-DD"
ROW = "2017-01-01,2017-12-31,188,939,1127,mou-table-2020-09"

COUNTS = {
    "-1": WHOLE,
    "1.5": WHOLE,
    "1e3": WHOLE,
    "NaN": WHOLE,
    "inf": WHOLE,
    "-inf": WHOLE,
    " 188": WHOLE,
    "188 ": WHOLE,
    "0x10": WHOLE,
    "1_000": WHOLE,
    "١٨٨": WHOLE,  # Arabic-Indic digits
    "\uff11\uff18\uff18": WHOLE,  # full-width digits
    "+188": WHOLE,
    "0188": WHOLE,
    "188.0": WHOLE,
    "1e2": WHOLE,
    "188\u00a0": WHOLE,
    str(2**63): AT_MOST,
    str(2**64 + 1): AT_MOST,
    "1" + "0" * 30: AT_MOST,
    "100001": AT_MOST,
}


@pytest.mark.parametrize("value", COUNTS)
def test_a_count_that_is_not_a_plain_whole_number_in_range_is_refused(
    minimal_data: Path, value: str
) -> None:
    edit(minimal_data / "arrivals.csv", ROW, ROW.replace(",188,", f",{value},"))
    refused(minimal_data, "arrivals.csv", COUNTS[value], f"(value {value!r})", line=3, column="men")


def test_a_count_with_a_thousands_comma_splits_the_row_and_is_refused(minimal_data: Path) -> None:
    edit(minimal_data / "arrivals.csv", ROW, ROW.replace(",1127,", ",1,127,"))
    refused(minimal_data, "arrivals.csv", "expected 8 fields as in the header, found 9", line=3)


def test_a_total_of_zero_against_its_parts_is_refused(minimal_data: Path) -> None:
    edit(minimal_data / "arrivals.csv", ROW, ROW.replace(",1127,", ",0,"))
    refused(minimal_data, "arrivals.csv", "men + women must equal total", line=3)


@pytest.mark.parametrize(("men", "expected"), [("", None), ("0", None), ("100000", None)])
def test_an_empty_or_boundary_count_is_read_as_written(
    minimal_data: Path, men: str, expected: None
) -> None:
    """An empty sex is missing (the total stands alone); 0 and 100,000 are in range (and
    refused only by the sum rule, located)."""
    women_total = {"": ",939,1127,", "0": ",1127,1127,", "100000": ",0,100000,"}[men]
    edit(minimal_data / "arrivals.csv", ROW, ROW.replace(",188,939,1127,", f",{men}{women_total}"))
    reports = datasets.load(minimal_data).reports
    row = reports[reports["line"] == 3].iloc[0]
    assert (None if pd.isna(row["men"]) else int(row["men"])) == (int(men) if men else expected)
    assert int(row["total"]) == int(women_total.strip(",").split(",")[1])


DAYS = {
    "2017-02-30": DATE,
    "2017-11-31": DATE,
    "2017-13-31": DATE,
    "2017/12/31": DATE,
    "2017-12-31T00:00": DATE,
    "20171231": DATE,
    " 2017-12-31": DATE,
    "2017-12-3": DATE,
    "31-12-2017": DATE,
    "0001-12-31": RANGE,
    "1949-12-31": RANGE,
    "9999-12-31": RANGE,
}


@pytest.mark.parametrize("value", DAYS)
def test_a_day_that_is_not_an_existing_date_in_range_is_refused(
    minimal_data: Path, value: str
) -> None:
    edit(minimal_data / "arrivals.csv", ROW, ROW.replace("2017-12-31", value))
    refused(minimal_data, "arrivals.csv", DAYS[value], line=3, column="period_end")


def test_a_part_year_period_is_read_as_written(minimal_data: Path) -> None:
    edit(minimal_data / "arrivals.csv", ROW, ROW.replace("2017-12-31", "2017-02-28"))
    reports = datasets.load(minimal_data).reports
    assert reports.loc[reports["line"] == 3, "period_end"].tolist() == [pd.Timestamp("2017-02-28")]


THIS_YEAR = date.today().year
PUBLICATION = {
    "2018-13": PUBLISHED,
    "2018-00": PUBLISHED,
    "2018-02-29": PUBLISHED,
    "2018-1-5": PUBLISHED,
    "18-01-05": PUBLISHED,
    "1949": RANGE,
    "2999-01-01": RANGE,
    "1949/1950": RANGE,  # an interval whose first day is before 1950
    f"{THIS_YEAR - 1}/{THIS_YEAR + 1}": RANGE,  # one whose last day is after tomorrow
    "2018-01-05 ": "has surrounding spaces",
}


@pytest.mark.parametrize("value", PUBLICATION)
def test_a_publication_date_that_is_not_a_date_in_range_is_refused(
    minimal_data: Path, value: str
) -> None:
    edit(minimal_data / "sources.csv", ",2018-01-05,ko,", f",{value},ko,")
    refused(minimal_data, "sources.csv", PUBLICATION[value], line=3, column="published")


@pytest.mark.parametrize("value", [str(THIS_YEAR), f"1950/{date.today().isoformat()}"])
def test_a_publication_date_that_may_mean_today_is_in_range(minimal_data: Path, value: str) -> None:
    """This year runs past tomorrow but may mean today: a partial date's first day must
    be in range, and an interval's last day too (1950 to today is)."""
    edit(minimal_data / "sources.csv", ",2018-01-05,ko,", f",{value},ko,")
    sources = datasets.load(minimal_data).sources
    row = sources[sources["source_id"] == "press-2018-01-05"].iloc[0]
    assert row["published"] == value


def test_a_publication_year_is_read_as_the_whole_year(minimal_data: Path) -> None:
    edit(minimal_data / "sources.csv", ",2018-01-05,ko,", ",2018,ko,")
    sources = datasets.load(minimal_data).sources
    row = sources[sources["source_id"] == "press-2018-01-05"].iloc[0]
    bounds = [row["published_from"], row["published_to"]]
    assert bounds == [pd.Timestamp("2018-01-01"), pd.Timestamp("2018-12-31")]


ANECDOTES = {
    "21,20": ("low must not be above high", "low, high"),
    "-1,20": (WHOLE, "low"),
    "1.5,2": (WHOLE, "low"),
    "20,100001": (AT_MOST, "high"),
}


@pytest.mark.parametrize("value", ANECDOTES)
def test_an_anecdote_range_that_is_not_two_ordered_counts_is_refused(
    minimal_data: Path, value: str
) -> None:
    edit(minimal_data / "border_arrests.csv", ",20,20,people", f",{value},people")
    message, column = ANECDOTES[value]
    refused(minimal_data, "border_arrests.csv", message, line=2, column=column)


@pytest.mark.parametrize(("value", "low", "high"), [("0,0", 0, 0), ("20,", 20, None)])
def test_an_anecdote_range_is_read_as_written(
    minimal_data: Path, value: str, low: int, high: int | None
) -> None:
    edit(minimal_data / "border_arrests.csv", ",20,20,people", f",{value},people")
    row = datasets.load(minimal_data).border_arrests.iloc[0]
    assert int(row["low"]) == low
    assert (None if pd.isna(row["high"]) else int(row["high"])) == high


CUMULATIVE = {
    "NaN": WHOLE,
    "-1": WHOLE,
    "1e3": WHOLE,
    "2545.0": WHOLE,
    "": "a value is required",
}


@pytest.mark.parametrize("value", CUMULATIVE)
def test_a_cumulative_total_that_is_not_a_count_is_refused(minimal_data: Path, value: str) -> None:
    edit(minimal_data / "cumulative.csv", ",,,2545,", f",,,{value},")
    refused(minimal_data, "cumulative.csv", CUMULATIVE[value], line=2, column="total")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_a_non_number_literal_in_datapackage_json_is_refused_at_its_line(
    minimal_data: Path, literal: str
) -> None:
    path = minimal_data / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index('"minimum": 0')].count("\n") + 1
    path.write_text(text.replace('"minimum": 0', f'"minimum": {literal}', 1), encoding="utf-8")
    refused(minimal_data, "datapackage.json", "NaN and Infinity are not JSON", line=line)


def test_an_overflowing_number_in_datapackage_json_is_refused_at_its_key(
    minimal_data: Path,
) -> None:
    path = minimal_data / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"minimum": 0', '"minimum": 1e999', 1), encoding="utf-8")
    refused(minimal_data, "datapackage.json", "constraints.minimum': must be a whole number")


VINTAGES = {
    "9999-12-31": "a vintage's day must fall between 1950-01-01 and tomorrow",
    "2999-01-01": "a vintage's day must fall between 1950-01-01 and tomorrow",
    "1949-12-31": "a vintage's day must fall between 1950-01-01 and tomorrow",
    "0001-01-01": "a vintage's day must fall between 1950-01-01 and tomorrow",
    "2018-02-30": "no such day",
    "2018-13-01": "no such day",
    "latest\x1b[2J": "invalid vintage 'latest\\x1b[2J'",
    "../../etc": "invalid vintage",
    "": "invalid vintage",
    " latest": "invalid vintage",
    # a table's id with a line end after it (a pattern's $ would let it through)
    "mou-table-2012-01-11\n": "invalid vintage 'mou-table-2012-01-11\\n'",
}


@pytest.mark.parametrize("command", ["arrivals", "claims"])
@pytest.mark.parametrize("value", VINTAGES)
def test_a_vintage_that_is_not_a_past_day_or_a_name_is_refused(command: str, value: str) -> None:
    result = run_cli(command, "--vintage", value)
    assert result.returncode == 2
    assert "argument --vintage: invalid" in result.stderr and VINTAGES[value] in result.stderr
    assert "\x1b" not in result.stderr and "Traceback" not in result.stderr


def test_a_vintage_before_any_figure_is_a_clear_error() -> None:
    result = run_cli("arrivals", "--vintage", "1950-01-01")
    assert result.returncode == 2
    assert result.stderr == "error: no arrivals figure was published on or before 1950-01-01\n"


def test_the_article_day_as_a_vintage_gives_the_article_series() -> None:
    by_day = run_cli("arrivals", "--vintage", "2018-01-07", "--format", "csv")
    by_name = run_cli("arrivals", "--vintage", "article", "--format", "csv")
    assert by_day.returncode == 0 and by_day.stdout == by_name.stdout
    assert ",1127," in by_day.stdout

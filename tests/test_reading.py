"""The Reading ledger: every cell a check reads comes back as a located Figure (file,
line, column, source, vintage, and a note when the figure was inferred), from the
vintage asked for, and the press-figure look-ups find exactly the rows they name.

The expected figures are the cells of data/ themselves (line numbers count the
header as line 1, as an editor shows them)."""

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from analysis import claims
from analysis.claims.checks import press
from analysis.claims.claim import Registry
from analysis.claims.declare import (
    Check,
    Names,
    Numbers,
    PeriodName,
    Thresholds,
    Through,
    YearOrEra,
    check,
)
from analysis.claims.evidence import Figure, Outcome, Source
from analysis.claims.inputs import Context, Inputs
from analysis.claims.reading import Reading, period_words
from analysis.claims.reports import ARRIVALS_FILE
from analysis.claims.verdicts import Verdict
from analysis.load.datasets import Data, load
from tests.conftest import add_article, value_claim

ARTICLE_DAY = "as published on 7 January 2018"
HANKYUNG = "hankyung-2018-01-05"  # the first report of 2017: 189 men, 938 women, 1,127


@pytest.fixture
def registry(inputs: Inputs) -> Registry:
    return inputs.registry


@pytest.fixture
def latest_ctx(inputs: Inputs) -> Context:
    return inputs.context("latest")


@pytest.fixture
def article_ctx(inputs: Inputs) -> Context:
    return inputs.context("article")


@pytest.fixture
def latest(registry: Registry, latest_ctx: Context) -> Reading:
    return Reading(registry.get("arrivals-2017"), latest_ctx)


@pytest.fixture
def article(registry: Registry, article_ctx: Context) -> Reading:
    return Reading(registry.get("arrivals-2017"), article_ctx)


def _altered(ctx: Context, **tables: Any) -> Context:
    """`ctx` with some of its series replaced: the data as they might have been."""
    altered = copy.copy(ctx)
    for name, table in tables.items():
        setattr(altered, name, table)
    return altered


def _altered_inputs(ctx: Context, **lookups: Any) -> Context:
    """`ctx`'s vintage read from its inputs with some lookups replaced."""
    inputs = copy.copy(ctx.inputs)
    for name, lookup in lookups.items():
        setattr(inputs, name, lookup)
    return inputs.context(ctx.vintage)


def _hankyung(ctx: Context) -> Source:
    return ctx.source(HANKYUNG)


# --- sources ---------------------------------------------------------------------


def test_a_source_reads_its_row_of_sources_csv(latest_ctx: Context) -> None:
    assert latest_ctx.source(HANKYUNG) == Source(
        id=HANKYUNG,
        publisher="Hankyung (Yonhap)",
        title="Hankyung/Yonhap 2018-01-05: 작년 입국 탈북민 1127명",
        published="2018-01-05",
        url="https://hankyung.com/amp/201801058396Y",
        line=27,
        dated="2018-01-05",
    )


@pytest.mark.parametrize(
    ("source_id", "dated"),
    [
        ("mou-table-2012-01-11", "2012-01-11 (figures to December 2011)"),
        (
            "mou-table-2020-09",
            "figures to September 2020; posted between October 2020 and January 2021",
        ),
    ],
)
def test_an_mou_table_is_dated_by_its_figures_and_its_evidence(
    latest_ctx: Context, source_id: str, dated: str
) -> None:
    assert latest_ctx.source(source_id).dated == dated


def test_a_table_dated_by_its_earliest_evidence_says_public_by_then(
    data_copy: Path, edit_csv: Callable[[Path, str, str, str], None]
) -> None:
    """An undated table known only to be public by the day of its earliest evidence."""
    edit_csv(data_copy / "table_dates.csv", ",contents,", ",earliest_evidence,", "2020-09-30")
    edit_csv(data_copy / "sources.csv", ",2020-10-01/2021-01-19,", ",2021-01-19,", "2020-09")
    source = claims.inputs_for(load(data_copy)).sources["mou-table-2020-09"]
    assert source.dated == "figures to September 2020; public by 2021-01-19 at the latest"


def test_a_period_in_words() -> None:
    assert period_words("2018-H1") == "January to June 2018"
    assert period_words("2017") == "2017"
    assert period_words("up to 1998") == "up to 1998"  # a series label stays as it is


def test_a_period_outside_the_series_is_read_as_of_the_day_asked(latest: Reading) -> None:
    """January to June 2018 (488, NK News of 13 July 2018): published, not inferred; not
    yet out on the article's day."""
    figure = latest.figure("2018-H1", "total")
    assert figure is not None and (figure.value, figure.note) == (488, "")
    assert figure.vintage == "as they stand now (each period's newest MOU table or correction)"
    assert latest.value("2018-H1", "total", then=date(2018, 8, 1)) == 488
    assert latest.value("2018-H1", "total", then=True) is None


# --- the annual series --------------------------------------------------------------


def test_a_series_figure_is_located_in_arrivals_csv(article: Reading) -> None:
    """On the article's day 2017 stood at Hankyung's first report (line 116)."""
    assert article.figure("2017", "women") == Figure(
        label="women, 2017",
        value=938,
        file=ARRIVALS_FILE,
        line=116,
        column="women",
        source=_hankyung(article.ctx),
        vintage=ARTICLE_DAY,
        note="",
    )
    assert article.used == [article.figure("2017", "women")]  # listed once


def test_an_inferred_figure_says_so_and_names_its_evidence(article: Reading) -> None:
    """No source had printed 2010's 2,402 by 7 January 2018: its figure comes from the
    2020 table, and the series it belongs to reproduces Hankyung's total to 2017."""
    found = article.figure("2010", "total")
    assert found is not None
    assert (found.value, found.line, found.source.id) == (2402, 74, "mou-table-2020-09")
    assert found.note == (
        "inferred from mou-table-2020-09, published later; the back-series it belongs to "
        "reconciles with hankyung-2018-01-05 (to 2017-12-31)"
    )


def test_a_figure_printed_by_then_names_its_printer_and_a_later_split_says_so(
    article: Reading,
) -> None:
    """2016's 1,418 was printed by then (the Korea Herald, 5 January 2018), though its
    split was printed only in the 2020 table."""
    total = article.figure("2016", "total")
    assert total is not None and (total.value, total.source.id) == (1418, "mou-table-2020-09")
    assert total.note == "printed by then by koreaherald-2018-01-05"
    women = article.figure("2016", "women")
    assert women is not None and women.note == (
        "split from mou-table-2020-09, published later; "
        "only the total was printed by then by koreaherald-2018-01-05"
    )


def test_an_inferred_figure_without_evidence_says_only_where_it_comes_from(
    registry: Registry, article_ctx: Context
) -> None:
    """When no reported total reconciles with the back-series, the note says no more."""
    series = {p: point._replace(reconciles_with="") for p, point in article_ctx.series.items()}
    ctx = _altered(article_ctx, series=series)
    found = Reading(registry.get("arrivals-2017"), ctx).figure("2010", "total")
    assert found is not None
    assert found.note == "inferred from mou-table-2020-09, published later"


def test_the_vintage_is_this_contexts_unless_asked_for_the_articles(latest: Reading) -> None:
    """2017 was restated from 189/938 to 188/939 after the article."""
    assert latest.value("2017", "women") == 939
    assert latest.value("2017", "women", then=True) == 938
    now = latest.figure("2017", "men")
    assert now is not None and (now.value, now.source.id) == (188, "mou-table-2025-06")
    assert latest.value("2030", "total") is None
    assert latest.figure("2030", "total") is None


def test_a_day_reads_the_series_as_it_stood_that_day(latest: Reading) -> None:
    """On 5 January 2018 2017 stood at Hankyung's first report (the second read of
    the day uses the series kept from the first)."""
    day = date(2018, 1, 5)
    women = latest.figure("2017", "women", day)
    assert women is not None
    assert (women.value, women.line, women.vintage) == (938, 116, "as published on 5 January 2018")
    assert latest.value("2017", "men", day) == 189
    assert latest.has("2017", day) and not latest.has("2018", day)


def test_the_last_year_is_the_vintages(latest: Reading, article: Reading) -> None:
    assert (latest.last_year(), article.last_year()) == (2025, 2017)


def test_has_reads_the_vintage_asked_for(latest: Reading) -> None:
    assert latest.has("2025")
    assert not latest.has("2025", then=True)
    assert not latest.has("2030")
    assert latest.used == []


def test_a_cumulative_sum_lists_its_terms(latest: Reading) -> None:
    assert latest.cumulative("2002", "men") == (
        1906,
        [("up to 1998", 831), ("1999-2001", 565), ("2002", 510)],
    )
    # the article's series ends with 2017: its sum to 2018 is the total reported for 2017
    total, terms = latest.cumulative("2018", "total", then=True)
    assert (total, terms[-1]) == (31339, ("2017", 1127))
    # to 2017 the women number one more than on the article's day (938 became 939)
    sums = [latest.cumulative("2017", "women", then)[0] for then in (False, True)]
    assert sums == [22346, 22345]


def test_a_cumulative_sum_to_a_day_adds_that_years_part(latest: Reading) -> None:
    """To 30 June 2018: every period to 31 December 2017, then January to June 2018
    (488, NK News, data/arrivals.csv)."""
    total, terms = latest.cumulative("2018-06-30", "total")
    assert terms[-2:] == [("2017", 1127), ("2018-01-01/2018-06-30", 488)]
    assert (total, len(terms)) == (31339 + 488, 19)
    assert latest.cumulative("2017-06-30", "women")[1][-2:] == [
        ("2016", 1116),
        ("2017-01-01/2017-06-30", 507),
    ]


def test_years_reads_the_vintage_asked_for(latest: Reading) -> None:
    """2017's women were 938 on the article's day, 939 in MOU's latest table."""
    assert latest.years(2016, 2017, "women") == {"2016": 1116, "2017": 939}
    assert latest.years(2016, 2017, "women", then=True)["2017"] == 938


def test_a_sum_with_a_missing_term_or_no_term_is_none(inputs: Inputs) -> None:
    """On 1 June 2017 the 2016 figure had no split by sex yet; before 1990 no period ends."""
    reading = Reading(inputs.registry.get("arrivals-2017"), inputs.context("2017-06-01"))
    total, terms = reading.cumulative("2016", "men")
    assert total is None and terms[-1] == ("2016", None) and len(terms) == 17
    assert reading.cumulative("1990", "total") == (None, [])


def test_periods_are_the_calendar_years_between_both_ends(latest: Reading) -> None:
    assert latest.periods(2002, 2004) == ["2002", "2003", "2004"]
    assert latest.periods(1998, 2002) == ["2002"]  # the buckets are not calendar years
    assert latest.periods(2016, 2020) == ["2016", "2017", "2018", "2019", "2020"]
    assert latest.periods(2016, 2020, then=True) == ["2016", "2017"]


def test_first_published_is_the_first_reports_publication(minimal_data: Path) -> None:
    """In the minimal data 2017 was first printed by a newspaper on 5 January 2018."""
    inputs = claims.inputs_for(load(minimal_data))
    registry, ctx = inputs.registry, inputs.context("latest")
    reading = Reading(registry.get("arrivals-2017"), ctx)
    assert reading.first_published("2017") == Figure(
        label="first publication of 2017's figures",
        value="2018-01-05",
        file="data/sources.csv",
        line=3,
        column="published",
        source=ctx.source("press-2018-01-05"),
        vintage="each period as first reported",
    )
    assert reading.first_published("2030") is None
    # the series is the minimal data's: 2017 from the 2020 table, its line 3
    men = reading.figure("2017", "men")
    assert men is not None and (men.value, men.line) == (188, 3)
    assert reading.stated(registry.get("arrivals-2017")).line == 15


# --- revisions -----------------------------------------------------------------------


def test_revised_compares_the_articles_day_with_now(latest: Reading) -> None:
    assert latest.revised("2017", "women")
    assert not latest.revised("2017", "total")
    assert not latest.revised("2025", "total")  # not in the article's series
    assert latest.revised_periods("2017", "men") == ["2017"]
    assert latest.revised_periods("2016", "men") == []


def test_the_trail_lists_every_printing_as_published(latest: Reading) -> None:
    latest.trail("2017", "women")
    assert [(f.value, f.line, f.source.id) for f in latest.revisions] == [
        (938, 116, HANKYUNG),
        (939, 119, "mou-table-2020-09"),
        (939, 120, "mou-table-2025-06"),
    ]
    assert {(f.label, f.file, f.column, f.vintage) for f in latest.revisions} == {
        ("women, 2017", ARRIVALS_FILE, "women", "as published")
    }
    assert latest.used == []  # context, not evidence
    latest.trail("2017", "total")  # not revised: no trail
    assert len(latest.revisions) == 3


def test_the_trail_of_an_open_bucket(registry: Registry, latest_ctx: Context) -> None:
    """ "up to 1998" has no start: its printings (829 men in 2012, 831 in the 2020
    table) are found by the missing start. Here the latest series is made to differ."""
    now = dict(latest_ctx.latest_series)
    bucket = now["up to 1998"]
    now["up to 1998"] = bucket._replace(row=bucket.row._replace(men=830))
    ctx = _altered(latest_ctx, latest_series=now)
    reading = Reading(registry.get("arrivals-2017"), ctx)
    reading.trail("up to 1998", "men")
    assert [(f.value, f.line) for f in reading.revisions] == [(829, 6), (831, 7)]


# --- cumulative totals -----------------------------------------------------------------


def test_reported_totals_count_those_published_by_the_last_day(inputs: Inputs) -> None:
    """Two reports of 5 January 2018 gave 31,339 arrivals to the end of 2017."""
    reading = Reading(inputs.registry.get("arrivals-2017"), inputs.context("2018-01-05"))
    found = reading.reported_totals("2017", "total")
    assert [(f.line, f.source.id, day) for f, day in found] == [
        (28, HANKYUNG, date(2018, 1, 5)),
        (29, "youthdaily-2018-01-05", date(2018, 1, 5)),
    ]
    assert {(f.label, f.value, f.file, f.column, f.vintage) for f, _ in found} == {
        ("arrivals up to 2017, as reported", 31339, "data/cumulative.csv", "total", "as reported")
    }
    assert reading.used == [f for f, _ in found]


def test_reported_cumulative_is_one_sources_printed_total(latest: Reading) -> None:
    assert latest.reported_cumulative(HANKYUNG, "2017-12-31", "total") == Figure(
        label="arrivals up to 2017-12-31",
        value=31339,
        file="data/cumulative.csv",
        line=28,
        column="total",
        source=_hankyung(latest.ctx),
        vintage="as reported",
    )


@pytest.mark.parametrize(
    ("as_of", "column"),
    [("2017-12-31", "men"), ("2016-12-31", "total")],  # a blank cell; no such row
)
def test_reported_cumulative_refuses_a_total_the_source_does_not_give(
    latest: Reading, as_of: str, column: str
) -> None:
    message = f"{HANKYUNG} gives no {column} up to {as_of} in data/cumulative.csv"
    with pytest.raises(ValueError, match=f"^{message}$"):
        latest.reported_cumulative(HANKYUNG, as_of, column)


# --- press reports ------------------------------------------------------------------------


def test_report_is_one_sources_printed_figure(latest: Reading) -> None:
    assert latest.report(HANKYUNG, "2017", "men") == Figure(
        label="men, 2017",
        value=189,
        file=ARRIVALS_FILE,
        line=116,
        column="men",
        source=_hankyung(latest.ctx),
        vintage="as reported",
    )


@pytest.mark.parametrize(
    ("source_id", "period", "column"),
    [("koreaherald-2018-01-05", "2017", "men"), (HANKYUNG, "2016", "total")],
)
def test_report_refuses_a_figure_the_source_does_not_give(
    latest: Reading, source_id: str, period: str, column: str
) -> None:
    message = f"{source_id} gives no {column} for {period} in data/arrivals.csv"
    with pytest.raises(ValueError, match=f"^{message}$"):
        latest.report(source_id, period, column)


def test_the_same_value_elsewhere_in_order_of_publication(latest: Reading) -> None:
    """Hankyung's 1,127 for 2017 was printed by four others; its 189 men by none."""
    reported = latest.report(HANKYUNG, "2017", "total")
    same = latest.same_value_elsewhere("2017", "total", reported)
    assert [(f.source.id, f.line) for f in same] == [
        ("koreaherald-2018-01-05", 117),
        ("youthdaily-2018-01-05", 118),
        ("mou-table-2020-09", 119),
        ("mou-table-2025-06", 120),
    ]
    assert {(f.label, f.value, f.file, f.column, f.vintage) for f in same} == {
        ("arrivals, 2017", 1127, ARRIVALS_FILE, "total", "as published")
    }
    assert latest.same_value_elsewhere("2017", "men", latest.report(HANKYUNG, "2017", "men")) == []
    table = latest.report("mou-table-2020-09", "2017", "men")
    assert [f.source.id for f in latest.same_value_elsewhere("2017", "men", table)] == [
        "mou-table-2025-06"
    ]
    assert [(f.line, f.column) for f in latest.used] == [
        *((line, "total") for line in (116, 117, 118, 119, 120)),
        *((line, "men") for line in (116, 119, 120)),
    ]


def test_earlier_reports_are_those_published_before_the_source(latest: Reading) -> None:
    """Before the 2020 table, three reports of 5 January 2018 gave 2017's total (the
    2025 table, also dated 2026, is not earlier); only Hankyung gave its men. Nothing
    was published before Hankyung's own day."""
    table = latest.report("mou-table-2020-09", "2017", "total")
    earlier = latest.earlier_reports("2017", "total", table)
    assert [(f.source.id, f.line) for f in earlier] == [
        (HANKYUNG, 116),
        ("koreaherald-2018-01-05", 117),
        ("youthdaily-2018-01-05", 118),
    ]
    assert {(f.label, f.value, f.file, f.column, f.vintage) for f in earlier} == {
        ("arrivals, 2017", 1127, ARRIVALS_FILE, "total", "as published earlier")
    }
    men = latest.earlier_reports("2017", "men", latest.report("mou-table-2020-09", "2017", "men"))
    assert [(f.label, f.value, f.source.id) for f in men] == [("men, 2017", 189, HANKYUNG)]
    assert latest.earlier_reports("2017", "total", latest.report(HANKYUNG, "2017", "total")) == []


# --- recorded source issues ---------------------------------------------------------------


def _printed(ctx: Context, source_id: str, column: str) -> Figure:
    return Figure("a printed figure", 0, ARRIVALS_FILE, 0, column, ctx.source(source_id), "")


@pytest.mark.parametrize(
    ("source_id", "column", "table", "period", "issue"),
    [
        ("mediapen-2023-01-10", "total", "arrivals", "2022", "mediapen-2022-total"),
        ("mediapen-2023-01-10", "total", "arrivals", "2022-12-31", "mediapen-2022-total"),
        ("chosun-nk-2014-01-13", "total", "cumulative", "2013", "chosun-cumulative-2013"),
        ("yonhap-en-2012-10-28", "total", "cumulative", "2012-09-30", "yonhap-cumulative-2012-09"),
        (HANKYUNG, "total", "arrivals", "1999-2001", "hankyung-2001-conflation"),
        # one of the four keys differs: no issue
        ("datasom-2023", "total", "arrivals", "2022", None),
        ("mediapen-2023-01-10", "men", "arrivals", "2022", None),
        ("mediapen-2023-01-10", "total", "arrivals", "2021", None),
        ("mediapen-2023-01-10", "total", "cumulative", "2022", None),
        ("chosun-nk-2014-01-13", "total", "arrivals", "2013", None),
        (HANKYUNG, "total", "arrivals", "up to 1998", None),
    ],
)
def test_a_recorded_issue_matches_table_source_period_end_and_field(
    latest: Reading, source_id: str, column: str, table: str, period: str, issue: str | None
) -> None:
    assert latest.recorded_issue(_printed(latest.ctx, source_id, column), table, period) == issue


def test_a_period_printed_once_ends_where_it_says(registry: Registry, latest_ctx: Context) -> None:
    """A series period's end is read from its printings, however many there are."""
    by_period = {
        period: [r for r in rows if r.source_id != "mou-table-2012-01-11"]
        for period, rows in latest_ctx.inputs.by_period.items()
    }
    assert [r.source_id for r in by_period["1999-2001"]] == ["mou-table-2020-09"]  # printed once
    ctx = _altered_inputs(latest_ctx, by_period=by_period)
    reading = Reading(registry.get("arrivals-2017"), ctx)
    figure = _printed(ctx, HANKYUNG, "total")
    assert reading.recorded_issue(figure, "arrivals", "1999-2001") == "hankyung-2001-conflation"


# --- the article's own figures and the anecdotes -------------------------------------------


def test_stated_and_era_start_are_cells_of_claims_toml(latest: Reading, registry: Registry) -> None:
    article = latest.ctx.source(registry.article.source_id)
    assert latest.stated(registry.get("arrivals-2017")) == Figure(
        label="the article's arrivals in 2017",
        value=1127,
        file="data/articles/dailynk-2018-01/claims.toml",
        line=154,
        column="stated",
        source=article,
        vintage="the article",
    )
    # a year is stated as the year's name, like the era's first year below
    year = latest.stated(registry.get("era-start-consistency"))
    assert (year.value, year.line) == ("2011", 262)
    assert latest.era_start() == Figure(
        label="first year of Kim Jong Un's era, as the article dates it",
        value="2012",
        file="data/articles/dailynk-2018-01/article.toml",
        line=38,
        column="eras.used",
        source=article,
        vintage="the article",
    )


def test_an_anecdote_cell_is_located_in_its_file(latest: Reading) -> None:
    assert latest.anecdote("hrw-detained-2017-07-08", "period_start", context=True) == Figure(
        label="North Koreans detained in China (period start)",
        value="2017-07-01",
        file="data/repatriation_context.csv",
        line=2,
        column="period_start",
        source=latest.ctx.source("hrw-koreaherald-2017-09-05"),
        vintage="as reported",
    )
    low = latest.anecdote("arrests-2017-first-weeks", "low")
    assert low is not None and (low.value, low.file, low.line) == (30, "data/border_arrests.csv", 4)
    assert latest.anecdote("arrests-rise-yoy", "high") is None
    row = latest.ctx.anecdote_row("two-families-2018-01-01")  # border_arrests.csv by default
    assert (row["quantity"], row["low"], row["line"]) == (
        "people arrested attempting to cross into China",
        10,
        2,
    )


def test_the_context_figures_are_listed_in_file_order(latest: Reading) -> None:
    assert latest.context_ids() == [
        "hrw-detained-2017-07-08",
        "hrw-documented-2016-07-2017-06",
        "hrw-returned-since-2016-07",
        "dailynk-repatriations-since-2017-06",
    ]


def test_a_context_figure_counts_only_from_the_last_day_its_source_can_be_from(
    registry: Registry, article_ctx: Context, inputs: Inputs
) -> None:
    """Daily NK's tally is dated only "2018": on 7 January 2018 it is not yet public, as
    no figure is before the last day its date can mean (31 December 2018), the day it is."""
    article = Reading(registry.get("arrivals-2017"), article_ctx)
    assert article.context_ids() == [
        "hrw-detained-2017-07-08",
        "hrw-documented-2016-07-2017-06",
        "hrw-returned-since-2016-07",
    ]
    assert inputs.published["dailynk-en-forced-repatriation-2018"][1] == date(2018, 12, 31)
    for day, shown in ((date(2018, 12, 30), 3), (date(2018, 12, 31), 4)):
        on = Reading(registry.get("arrivals-2017"), inputs.context(day))
        assert len(on.context_ids()) == shown, day


def test_an_unknown_anecdote_names_the_registry_and_the_file(latest: Reading) -> None:
    message = (
        "data/articles/dailynk-2018-01/claims.toml names figure 'nope', "
        "not in data/border_arrests.csv"
    )
    with pytest.raises(ValueError, match=f"^{message}$"):
        latest.anecdote("nope", "low")


@pytest.mark.parametrize(
    ("figure_id", "days"), [("two-families-2018-01-01", 1), ("arrests-2017-first-weeks", 14)]
)
def test_a_window_counts_both_its_first_and_last_day(
    latest: Reading, figure_id: str, days: int
) -> None:
    assert latest.days(figure_id) == days


def test_a_window_needs_both_dates(registry: Registry, latest_ctx: Context) -> None:
    anecdotes = latest_ctx.inputs.anecdotes
    arrests = dict(anecdotes["border_arrests.csv"])
    arrests["arrests-2017-first-weeks"] = {
        **arrests["arrests-2017-first-weeks"],
        "period_start": None,
    }
    ctx = _altered_inputs(latest_ctx, anecdotes={**anecdotes, "border_arrests.csv": arrests})
    reading = Reading(registry.get("arrivals-2017"), ctx)
    for figure_id in ("arrests-rise-yoy", "arrests-2017-first-weeks"):
        with pytest.raises(ValueError, match=f"^{figure_id}: the window's dates are not given$"):
            reading.days(figure_id)


# --- the outcome and the check declarations ---------------------------------------------------


def test_the_outcome_carries_what_was_read(latest: Reading) -> None:
    figure = latest.figure("2017", "total")
    latest.trail("2017", "women")
    outcome = latest.outcome(Verdict.REPRODUCED_EXACTLY, "1,127", "why", 1127, ("1,127",))
    assert (outcome.claim_id, outcome.vintage, outcome.value) == ("arrivals-2017", "latest", 1127)
    assert (outcome.computed, outcome.verdict, outcome.reason) == (
        "1,127",
        Verdict.REPRODUCED_EXACTLY,
        "why",
    )
    assert outcome.evidence.figures == (figure,)
    assert (outcome.evidence.arithmetic, outcome.evidence.band) == (("1,127",), "")
    assert outcome.evidence.revisions == tuple(latest.revisions) and len(latest.revisions) == 3


def _reproduced(reading: Reading) -> Outcome:
    return reading.outcome(Verdict.REPRODUCED_EXACTLY, "1,127", "as stated", 1127)


def test_a_declared_check_runs_its_function(latest: Reading) -> None:
    outcome = check()(_reproduced)(latest)
    assert (outcome.claim_id, outcome.reason, outcome.value) == ("arrivals-2017", "as stated", 1127)


def test_a_check_declares_its_name_and_arguments(data: Data, registry: Registry) -> None:
    declared = press.reported_figure
    assert isinstance(declared, Check)
    assert declared.name == "press.reported_figure"
    assert declared.args == {"source_id": str, "period": str, "field": ("men", "women", "total")}
    good = {"source_id": "x", "period": "2017", "field": "men"}
    assert declared.argument_problems(good, data, registry.article) == []
    bad = {"source_id": "x", "field": "all", "extra": 1}
    assert declared.argument_problems(bad, data, registry.article) == [
        "unknown argument 'extra' for press.reported_figure",
        "missing argument 'period' for press.reported_figure",
        "argument 'field' must be one of men, women, total",
    ]


def _noop(reading: Reading) -> Outcome:  # pragma: no cover - never called
    raise AssertionError


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (float, [1, 2.5], [True, "1", None]),
        (str, ["2017"], [2017]),
        (Names, [[], ["2016", "2017"]], ["2017", [2017], ("2017",)]),
        (Numbers, [[], [0.9, 1]], ["", [True], ["1"], (1.0,)]),
        (Thresholds, [[], [0.9, 1]], ["", (1.0,)]),
    ],
)
def test_argument_kinds(
    kind: type, good: list[object], bad: list[object], data: Data, registry: Registry
) -> None:
    declared = check(x=kind)(_noop)
    assert declared.function is _noop and declared.args == {"x": kind}
    assert declared.name == "test_reading._noop"
    for value in good:
        assert declared.argument_problems({"x": value}, data, registry.article) == [], value
    for value in bad:
        assert declared.argument_problems({"x": value}, data, registry.article) == [
            f"argument 'x' must be {claims.kind_words(kind)}"
        ], value


@pytest.mark.parametrize(
    ("kind", "value", "problem"),
    [
        (PeriodName, "2017", None),
        (PeriodName, "2018-H1", None),  # NK News, 13 July 2018
        (PeriodName, "2017-01/2017-09", None),  # JoongAng's January to September
        (
            PeriodName,
            "2018-Q2",
            "no source gives a figure for '2018-Q2' (April to June 2018)",
        ),
        (PeriodName, "2018-H3", "'2018-H3' is not a period"),
        (PeriodName, "2000", None),  # a single year before the series' own years
        (Through, "2017", None),
        (Through, "2017-06-30", None),  # Kukmin's half-year completes the total
        (Through, "2017-05-31", "no source gives a figure for '2017-05-31'"),
        (Through, "2017-13-01", "is not a year (2017) or a day"),
        (YearOrEra, "era", None),
        (YearOrEra, "since", "must be a year, or 'era'"),
    ],
)
def test_period_arguments_name_a_period_the_data_give(
    data: Data, registry: Registry, kind: type, value: str, problem: str | None
) -> None:
    """A registry period the data cannot give is a located registry error (the registry
    test shows the location), never "no figure" at evaluation."""
    found = check(x=kind)(_noop).argument_problems({"x": value}, data, registry.article)
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and problem in found[0], found


ITS_OWN_FIGURE = value_claim(
    "own-h1-2018",
    "a total of 488 arrived in the first half",
    488,
    "2018-H1",
    recorded="not_verifiable",
)


def test_an_article_never_confirms_its_own_figure(data_copy: Path) -> None:
    """NK News's July 2018 report is the only source of the first half of 2018: checked
    as an article, its own 488 cannot confirm its claim, then or now, and the verdict
    says why; the same figure confirms a later article that reports it."""
    folder = data_copy / "articles" / "nknews-2018-07"
    folder.mkdir()
    (folder / "article.toml").write_text(
        'source_id = "nknews-2018-07-13"\nauthor = "NK News"\nvintage_date = 2018-07-13\n'
        'sentences = ["a total of 488 arrived in the first half"]\n',
        encoding="utf-8",
    )
    review = '[review]\nauthor = "A reviewer"\ndate = 2026-12-07\n\n'
    (folder / "claims.toml").write_text(review + ITS_OWN_FIGURE, encoding="utf-8")
    data = load(data_copy)
    inputs = claims.inputs_for(data, "nknews-2018-07")
    assert claims.discrepancies(inputs) == {}
    for vintage in ("article", "latest"):
        outcome = claims.evaluate("own-h1-2018", vintage, data)
        assert outcome.verdict is claims.Verdict.NOT_VERIFIABLE
        assert outcome.reason.endswith(
            "sole source by then: the article itself, which cannot confirm its own figure"
        )
        assert outcome.evidence.figures == ()
    later = add_article(
        data_copy,
        "later",
        "2019-01-10",
        "a total of 488 arrived in the first half",
        ITS_OWN_FIGURE.replace("own-h1-2018", "later-h1-2018"),
    )
    assert later.is_dir()
    confirmed = claims.evaluate("later-h1-2018", "article", load(data_copy))
    assert confirmed.verdict is claims.Verdict.REPRODUCED_EXACTLY
    assert [f.source.id for f in confirmed.evidence.figures] == ["nknews-2018-07-13"]


def test_printings_are_ordered_by_publication_whatever_the_file_order(
    registry: Registry, latest_ctx: Context
) -> None:
    """The trail, the same value elsewhere and the earlier reports list printings by
    their publication (then source), not by their place in arrivals.csv: with every
    period's rows read as if the file listed them the other way round, the lists are
    the same."""
    reversed_rows = {
        p: [r._replace(pos=-r.pos) for r in rows[::-1]]
        for p, rows in latest_ctx.inputs.by_period.items()
    }
    ctx = _altered_inputs(latest_ctx, by_period=reversed_rows)
    reading = Reading(registry.get("arrivals-2017"), ctx)
    reading.trail("2017", "women")
    assert [f.source.id for f in reading.revisions] == [
        HANKYUNG,
        "mou-table-2020-09",
        "mou-table-2025-06",
    ]
    reported = reading.report(HANKYUNG, "2017", "total")
    assert [f.source.id for f in reading.same_value_elsewhere("2017", "total", reported)] == [
        "koreaherald-2018-01-05",
        "youthdaily-2018-01-05",
        "mou-table-2020-09",
        "mou-table-2025-06",
    ]
    table = reading.report("mou-table-2020-09", "2017", "total")
    assert [f.source.id for f in reading.earlier_reports("2017", "total", table)] == [
        HANKYUNG,
        "koreaherald-2018-01-05",
        "youthdaily-2018-01-05",
    ]


def test_a_period_the_series_never_had_has_no_printings(latest: Reading) -> None:
    with pytest.raises(ValueError, match=f"^{HANKYUNG} gives no total for 1850 in "):
        latest.report(HANKYUNG, "1850", "total")
    reported = latest.report(HANKYUNG, "2017", "total")
    assert latest.same_value_elsewhere("1850", "total", reported) == []
    assert latest.earlier_reports("1850", "total", reported) == []


def test_earlier_means_before_the_first_day_a_source_can_be_from(latest: Reading) -> None:
    """Daily NK's English report is dated January 2017: Today Korea's of 3 January 2017
    may be later than it, so it is not an earlier report; nothing of 2016 was."""
    dailynk = latest.report("dailynk-en-2017-01", "2016", "total")
    assert latest.earlier_reports("2016", "total", dailynk) == []
    kukmin = latest.report("kukmin-2017-07-12", "2016", "total")
    assert [f.source.id for f in latest.earlier_reports("2016", "total", kukmin)] == [
        "todaykorea-2017-01-03",
        "dailynk-en-2017-01",
        "kbs-world-es-2017-01",
    ]


def test_thresholds_take_the_stated_values_form(data: Data, registry: Registry) -> None:
    declared = check(x=Thresholds)(_noop)
    problems = [
        declared.argument_problems({"x": x}, data, registry.article, stated)
        for x, stated in (([70], 80), ([[60, 70]], [80, 90]), ([[60, 70]], 80), ([70], [80, 90]))
    ]
    assert problems[:2] == [[], []]
    assert problems[2] == ["argument 'x' must be numbers, in the stated value's form"]
    assert problems[3] == ["argument 'x' must be [low, high] pairs, in the stated value's form"]
    backwards = declared.argument_problems({"x": [[70, 60]]}, data, registry.article, [80, 90])
    assert backwards == ["argument 'x' must be [low, high] pairs, in the stated value's form"]

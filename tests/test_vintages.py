"""Vintages: the figures as the article had them, as MOU's tables print them, and
as they stand now; and the evidence that the vintage rule is the right one."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis import datasets, reconcile, vintages


def by_period(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("period")


def test_the_article_figures_come_out_of_the_loader_for_its_date() -> None:
    article = by_period(vintages.arrivals("article"))
    totals = article.loc[[str(y) for y in range(2011, 2018)], "total"].tolist()
    assert totals == [2706, 1502, 1514, 1397, 1275, 1418, 1127]
    assert list(article.loc["2017", ["men", "women"]]) == [189, 938]
    through_2017 = reconcile.cumulative_through(
        vintages.arrivals("article"), pd.Timestamp("2017-12-31")
    )
    assert through_2017 == {"men": 8994, "women": 22345, "total": 31339}
    assert article.index[-1] == "2017"  # nothing published after the article's date


def test_the_latest_view_differs_exactly_where_mou_revised() -> None:
    article = by_period(vintages.arrivals("article"))
    latest = by_period(vintages.arrivals("latest")).loc[article.index]
    counts = ["men", "women", "total"]
    changed = (article[counts] != latest[counts]).reset_index().melt(id_vars="period")
    revised = changed[changed["value"]]
    assert list(zip(revised["period"], revised["variable"], strict=True)) == [
        ("2017", "men"),
        ("2017", "women"),
    ]
    assert list(latest.loc["2017", counts]) == [188, 939, 1127]
    through_2017 = reconcile.cumulative_through(
        vintages.arrivals("latest"), pd.Timestamp("2017-12-31")
    )
    assert through_2017 == {"men": 8993, "women": 22346, "total": 31339}


def test_the_vintage_rule_reproduces_what_mou_reported_on_the_article_date() -> None:
    """Why the rule is right: the end-2017 cumulative MOU reported on 5 January 2018
    equals the series the rule gives for that day, in total and by sex..."""
    table = reconcile.year_end_reconciliation()
    at_article = table[table["as_of"] == pd.Timestamp("2017-12-31")]
    assert len(at_article) == 2
    assert set(at_article["status"]) == {"exact"}


def latest_report_on_or_before(day: date) -> pd.DataFrame:
    """The naive rule: per period, the latest figure published by `day`, whatever its source."""
    rows = vintages.series_reports()
    known = rows[rows["published_to"] <= pd.Timestamp(day)].sort_values(
        ["period_end", "published_to"]
    )
    return known.groupby("period_end").tail(1).rename(columns={"period_end": "end"})


def test_the_naive_rules_do_not_reconcile() -> None:
    """...while the obvious alternatives do not."""
    day, year_end = datasets.article().vintage_date, pd.Timestamp("2017-12-31")
    naive = reconcile.cumulative_through(latest_report_on_or_before(day), year_end)
    assert naive["total"] != 31339
    old_table = vintages.arrivals("mou-table-2012-01-11")
    first = vintages.arrivals("first")
    later_years = first[(first["end"] > old_table["end"].max()) & (first["end"] <= year_end)]
    assert old_table["total"].sum() + later_years["total"].sum() != 31339
    latest = reconcile.cumulative_through(vintages.arrivals("latest"), year_end)
    assert latest["women"] != 22345


def test_every_year_end_mismatch_is_a_recorded_source_issue() -> None:
    table = reconcile.year_end_reconciliation()
    issues = datasets.source_issues()
    recorded = set(
        issues.loc[issues["table"] == "cumulative", ["source_id", "period_end"]].itertuples(
            index=False, name=None
        )
    )
    differs = set(
        table.loc[table["status"] == "differs", ["source_id", "as_of"]].itertuples(
            index=False, name=None
        )
    )
    assert differs, "the reconciliation should show the sources' known inconsistencies"
    assert differs <= recorded
    assert (table["status"] == "exact").sum() >= 12


def test_each_official_table_is_printed_as_published() -> None:
    table_2012 = vintages.arrivals("mou-table-2012-01-11")
    total_row = datasets.cumulative().query("source_id == 'mou-table-2012-01-11'")
    assert (
        table_2012[["men", "women", "total"]].sum().tolist()
        == total_row[["men", "women", "total"]].iloc[0].tolist()
    )
    assert by_period(table_2012).loc["2011", "total"] == 2737  # provisional then
    assert by_period(vintages.arrivals("mou-table-2020-09")).loc["2011", "total"] == 2706


def test_first_reports_are_the_provisional_figures() -> None:
    first = by_period(vintages.arrivals("first"))
    assert first.loc[["2009", "2011", "2017", "2025"], "total"].tolist() == [2952, 2737, 1127, 224]
    assert by_period(vintages.arrivals("latest")).loc["2025", "total"] == 223  # MOU's correction


def test_buckets_stay_buckets() -> None:
    latest = vintages.arrivals("latest")
    assert latest["period"].tolist()[:2] == ["up to 1998", "1999-2001"]
    assert pd.isna(latest["start"].iloc[0])
    assert "2000" not in set(latest["period"])


def test_as_of_ignores_what_was_published_later() -> None:
    before_release = vintages.as_of(date(2018, 1, 4))
    assert before_release["period"].iloc[-1] == "2016"


def test_loaders_do_not_depend_on_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert len(vintages.arrivals("latest")) > 0


def test_vintages_are_described_from_the_data() -> None:
    assert vintages.describe("article") == "as published on 7 January 2018"
    assert vintages.describe(date(2014, 1, 20)) == "as published on 20 January 2014"
    assert vintages.describe("mou-table-2020-09") == "MOU table mou-table-2020-09, as printed"

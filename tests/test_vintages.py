"""Vintages: the figures as the article had them, as MOU's tables print them, and
as they stand now; and the evidence that the vintage rule is the right one."""

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analysis import datasets, paths, reconcile, vintages


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


# --- The rule's three defects (issue 10), each pinned to the dates it was wrong on ---


def test_a_precise_date_outranks_a_year_dated_report_of_equal_rank() -> None:
    """cecc-2017 is dated only "2017" and counts from 31 December 2017, but kukmin-2017-07-12
    had reported 1,418 for 2016 already: an overlapping, vaguer date must not win."""
    for day in (date(2017, 12, 31), date(2018, 1, 1), date(2018, 1, 4)):
        series = by_period(vintages.as_of(day))
        assert list(series.loc["2016", ["total", "source_id"]]) == [1418, "kukmin-2017-07-12"]


def test_a_dated_restatement_outranks_the_older_table() -> None:
    """Yonhap reported MOU's revised 2011, 2010 and 2009 on 2012-10-28: from that day the
    2012-01 table's provisional figures are stale; the day before they still stood."""
    before = by_period(vintages.as_of(date(2012, 10, 27)))
    assert before.loc[["2011", "2010", "2009"], "total"].tolist() == [2737, 2379, 2927]
    for day in (date(2012, 10, 28), date(2012, 12, 1), date(2013, 1, 1)):
        series = by_period(vintages.as_of(day))
        assert series.loc[["2011", "2010", "2009"], "total"].tolist() == [2706, 2401, 2914]
        assert set(series.loc[["2011", "2010", "2009"], "source_id"]) == {"yonhap-en-2012-10-28"}


def test_a_year_announced_at_a_briefing_is_in_the_series_from_that_day() -> None:
    """MOU announced 2024's figure at its briefing of 2025-02-04 (dossier section 8)."""
    assert vintages.as_of(date(2025, 2, 3))["period"].iloc[-1] == "2023"
    for day in (date(2025, 2, 4), date(2025, 6, 29)):
        series = by_period(vintages.as_of(day))
        assert list(series.loc["2024", ["men", "women", "total"]]) == [26, 210, 236]
        assert series.loc["2024", "basis"] == "published"


def test_the_ranking_correction_then_newest_official_statement_then_report() -> None:
    latest = by_period(vintages.arrivals("latest"))
    assert list(latest.loc["2025", ["total", "source_id"]]) == [223, "newsis-2026-02-04"]
    # The newer official statement wins: the 2025-06 table over Yonhap's 2012 restatement.
    assert list(latest.loc["2010", ["total", "source_id"]]) == [2402, "mou-table-2025-06"]
    # An MOU table outranks a press report published by the same day.
    on_release = by_period(vintages.as_of(date(2012, 1, 11)))
    assert on_release.loc["2011", "source_id"] == "mou-table-2012-01-11"


# --- Inferred rows say so ---


def test_rows_from_a_later_table_are_marked_inferred_with_their_evidence() -> None:
    article = vintages.arrivals("article")
    inferred = article[article["basis"] == "inferred"]
    assert len(inferred) == 17
    assert set(inferred["inferred_from"]) == {"mou-table-2020-09"}
    assert set(inferred["reconciles_with"]) == {"hankyung-2018-01-05 (to 2017-12-31)"}
    published = article[article["basis"] == "published"]
    assert published["period"].tolist() == ["2017"]
    assert (published["inferred_from"] == "").all() and (published["reconciles_with"] == "").all()
    assert list(article.columns[:8]) == [
        "period", "start", "end", "men", "women", "total", "source_id", "published"
    ]  # fmt: skip


def test_tables_keep_their_reference_date_apart_from_their_publication() -> None:
    dates = datasets.table_dates().set_index("source_id")
    sources = datasets.sources().set_index("source_id")
    tables = sources.index[sources["kind"] == "official_table"]
    assert set(dates.index) == set(tables)
    reports = datasets.reports()
    for table in tables:
        reference = dates.loc[table, "reference_date"]
        assert reference < sources.loc[table, "published_from"], table
        assert reports.loc[reports["source_id"] == table, "period_end"].max() <= reference
    assert dates.loc["mou-table-2025-06", "reference_date"] == pd.Timestamp("2025-06-30")
    assert (
        dates.loc[["mou-table-2020-09", "mou-table-2025-06"], "dated_by"] == "earliest_evidence"
    ).all()


def test_every_mou_table_total_is_the_sum_of_its_rows() -> None:
    reports, cumulative = datasets.reports(), datasets.cumulative()
    totals = cumulative[cumulative["evidence"] == "mou_table"]
    assert set(totals["source_id"]) == {"mou-table-2012-01-11", "mou-table-2020-09"}
    for total in totals.itertuples(index=False):
        rows = reports[
            (reports["source_id"] == total.source_id) & (reports["period_end"] <= total.as_of)
        ]
        assert rows[["men", "women", "total"]].sum().tolist() == [
            total.men,
            total.women,
            total.total,
        ]


# --- Property: the rule at every publication boundary ---


def boundary_days() -> list[date]:
    """Every source's publication date (both ends of a partial date's interval) and one
    day either side, from 2000 to today."""
    sources = datasets.sources()
    days = {
        (bound + pd.Timedelta(days=shift)).date()
        for column in ("published_from", "published_to")
        for bound in sources[column]
        for shift in (-1, 0, 1)
    }
    return sorted(d for d in days if date(2000, 1, 1) <= d <= date.today())


def check_boundary(day: date, recorded: set[tuple[str, pd.Timestamp]]) -> tuple[int, int]:
    """Assert the rule's properties on `day`; return how many cumulative totals reported
    then were checked, and how many could not be (no part-year figure to complete them)."""
    series = vintages.as_of(day)
    stamp = pd.Timestamp(day)
    rows = vintages.series_reports()
    published_periods = set(rows.loc[rows["published_to"] <= stamp, "period"])
    # Complete: every period published by then is there, once; buckets once; no overlap.
    assert published_periods <= set(series["period"]), day
    assert series["period"].is_unique, day
    for bucket in ("up to 1998", "1999-2001"):
        assert (series["period"] == bucket).sum() == 1, (day, bucket)
    starts = series["start"].fillna(pd.Timestamp("1900-01-01"))
    assert (starts.iloc[1:].to_numpy() > series["end"].iloc[:-1].to_numpy()).all(), day
    # Published by then, or marked inferred and named.
    sources = datasets.sources().set_index("source_id")
    due = sources.loc[series["source_id"], "published_to"].to_numpy()
    late = due > stamp.to_datetime64()
    assert (series.loc[late, "basis"] == "inferred").all(), day
    assert (series.loc[~late, "basis"] == "published").all(), day
    inferred = series[series["basis"] == "inferred"]
    assert (inferred["inferred_from"] == inferred["source_id"]).all(), day
    assert (inferred["reconciles_with"] != "").all(), day
    # Sexes add up.
    both = series[series["men"].notna() & series["women"].notna()]
    assert (both["men"] + both["women"] == both["total"]).all(), day
    # Totals reported that day or the day before reconcile, or are recorded source issues.
    cumulative = datasets.cumulative()
    near = cumulative[
        (cumulative["published_to"] <= stamp)
        & (cumulative["published_to"] >= stamp - pd.Timedelta(days=1))
    ]
    checked, uncheckable = 0, 0
    for row in near.itertuples(index=False):
        report: Any = row
        computed = vintages.reconcile_total(pd.Timestamp(report.as_of), str(report.source_id), day)
        if computed is None:
            uncheckable += 1  # no part-year figure was published to complete the sum
            continue
        checked += 1
        if (report.source_id, report.as_of) in recorded:
            continue
        assert computed["total"] == report.total, (day, report.source_id)
        for sex in ("men", "women"):
            stated, value = getattr(report, sex), computed[sex]
            assert pd.isna(stated) or pd.isna(value) or stated == value, (day, report.source_id)
    return checked, uncheckable


def test_the_rule_holds_at_every_publication_boundary(record_property: Any) -> None:
    issues = datasets.source_issues()
    recorded = set(
        issues.loc[issues["table"] == "cumulative", ["source_id", "period_end"]].itertuples(
            index=False, name=None
        )
    )
    days = boundary_days()
    checked, totals, uncheckable = 0, 0, 0
    for day in days:
        try:
            vintages.as_of(day)
        except ValueError:
            continue  # nothing published yet
        reconciled, without_part_year = check_boundary(day, recorded)
        totals, uncheckable = totals + reconciled, uncheckable + without_part_year
        checked += 1
    assert len(days) > 200 and checked > 200 and totals > 30
    record_property("vintage_boundary_dates_checked", checked)
    record_property("vintage_boundary_totals_reconciled", totals)
    record_property("vintage_boundary_totals_without_part_year_figure", uncheckable)


# --- The registry quotes the article exactly ---


def test_every_registry_quote_is_in_the_article_sentences() -> None:
    with (paths.DATA_DIR / "article.toml").open("rb") as handle:
        sentences = tomllib.load(handle)["sentences"]
    with (paths.DATA_DIR / "claims.toml").open("rb") as handle:
        claims = tomllib.load(handle)["claim"]
    for claim in claims:
        parts = claim["quote"].split(" ... ")
        assert any(all(part in sentence for part in parts) for sentence in sentences), claim["id"]
    assert not any("'" in s or '"' in s for s in sentences)  # typographic marks only


def test_a_row_never_contradicts_its_own_quote() -> None:
    """Where a source misprinted a figure, the row holds the reading and says [sic]."""
    reports = datasets.reports()
    issues = datasets.source_issues()
    typos = issues[(issues["table"] == "arrivals") & issues["reading"].notna()]
    for typo in typos.itertuples(index=False):
        rows = reports[
            (reports["source_id"] == typo.source_id) & (reports["period_end"] == typo.period_end)
        ]
        if rows.empty or typo.field not in ("men", "women", "total"):
            continue
        assert f"[sic; {typo.reading}]" in rows["quote"].iloc[0], typo.issue_id

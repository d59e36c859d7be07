"""Annual arrivals as they stood in a given vintage.

MOU revises its figures: the first release of a year is provisional, and each
later table restates the whole back-series. A vintage is one answer to "which
figures?": an official table as printed, each year as first reported, the
figures as they stood on a given day (for example the article's), or the latest.

The series periods are those of MOU's own tables (the buckets "up to 1998" and
1999-2001, then calendar years), followed by the calendar years reported after
the newest table. Other periods (single years before 2002, part-years) stay in
`datasets.reports()`; they are never spread over or summed into the series.

Rule for "as stood on day D" (`as_of`):
1. Only figures published by D count; a report dated to a month or a year counts
   from the last day it can mean.
2. The newest year reported by D is provisional: it takes its best figure
   published by D (MOU correction > MOU table > press report; then the latest).
3. Every earlier period takes MOU's back-series from the earliest official table
   published on or after that provisional release: MOU does not date individual
   revisions, and a table restates the back-series it held then, so the first
   table after the release is the nearest evidence of the series in force. Where
   no table was published after it, the latest table covering the period is used;
   periods no table covers fall back to rule 2; MOU corrections published by D
   override.
The rule is checked against the cumulative totals MOU reported at the time
(tests/test_vintages.py, notebooks on revisions): it gives 31,339 arrivals with
22,345 women at the end of 2017 exactly, as reported on 5 January 2018.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from analysis import datasets, paths

EVIDENCE_RANK = {"mou_correction": 2, "mou_table": 1, "report": 0}
OUTPUT_COLUMNS = ["period", "start", "end", "men", "women", "total", "source_id", "published"]
LATEST, FIRST, ARTICLE = "latest", "first", "article"
ACCEPTED_FORMS = (
    "'latest', 'first', 'article', a day written YYYY-MM-DD (e.g. 2018-01-07), "
    "or the source_id of an MOU table (e.g. mou-table-2012-01-11)"
)
_DAY_LIKE = re.compile(r"^\d{1,4}-\d{1,2}-\d{1,2}$")
_TABLE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Vintage:
    """Which figures: one of the named vintages, a day, or one MOU table as printed.

    The command line and the Python API parse vintages the same way, so a typo
    such as 2018-02-30 is an invalid date everywhere, never an unknown table.
    """

    name: str  # "latest", "first", "article", "day" or "table"
    day: date | None = None
    table: str | None = None

    @classmethod
    def parse(cls, spec: "str | date | Vintage") -> "Vintage":
        """Read "latest", "first", "article", "YYYY-MM-DD", a date or an MOU table id."""
        if isinstance(spec, Vintage):
            return spec
        if isinstance(spec, date):
            return cls("day", day=spec)
        if spec in (LATEST, FIRST, ARTICLE):
            return cls(spec)
        if _DAY_LIKE.match(spec):
            try:
                return cls("day", day=date.fromisoformat(spec))
            except ValueError:
                raise ValueError(
                    f"invalid date {spec!r}: no such day; a vintage is {ACCEPTED_FORMS}"
                ) from None
        if _TABLE_ID.match(spec):
            return cls("table", table=spec)
        raise ValueError(f"invalid vintage {spec!r}: a vintage is {ACCEPTED_FORMS}")

    def __str__(self) -> str:
        if self.day is not None:
            return self.day.isoformat()
        return self.table or self.name

    def describe(self, data_dir: Path = paths.DATA_DIR) -> str:
        """The vintage in words, for labels: "as published on 7 January 2018"."""
        day = datasets.article(data_dir).vintage_date if self.name == ARTICLE else self.day
        if day is not None:
            return f"as published on {day.day} {day:%B %Y}"
        if self.name == LATEST:
            return "latest: each period's newest MOU table or MOU correction"
        if self.name == FIRST:
            return "each period as first reported"
        return f"MOU table {self.table}, as printed"


def period_label(start: pd.Timestamp | None, end: pd.Timestamp) -> str:
    """'2017' for a calendar year, 'up to 1998' for an open bucket, '1999-2001' for years."""
    if start is None or pd.isna(start):
        return f"up to {end.year}"
    whole_years = start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31
    if whole_years:
        return str(end.year) if start.year == end.year else f"{start.year}-{end.year}"
    return f"{start:%Y-%m} to {end:%Y-%m}"


def _whole_years(frame: pd.DataFrame) -> "pd.Series[bool]":
    start, end = frame["period_start"], frame["period_end"]
    starts_year = start.isna() | ((start.dt.month == 1) & (start.dt.day == 1))
    return starts_year & (end.dt.month == 12) & (end.dt.day == 31)


@datasets.cached_by_files
def series_reports(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """The reports of series periods: MOU's table periods, then later calendar years."""
    reports = datasets.reports(data_dir)
    whole = reports[_whole_years(reports)]
    tables = whole[whole["evidence"] == "mou_table"]
    table_periods = tables[["period_start", "period_end"]].drop_duplicates()
    last_table_end = table_periods["period_end"].max()
    later_years = whole["period_end"] > last_table_end
    later_years &= whole["period_start"].dt.year == whole["period_end"].dt.year
    in_tables = whole.merge(
        table_periods, on=["period_start", "period_end"], how="left", indicator=True
    )
    keep = (in_tables["_merge"] == "both").to_numpy() | later_years.to_numpy()
    series = whole[keep]
    labels = [
        period_label(s, e)
        for s, e in zip(series["period_start"], series["period_end"], strict=True)
    ]
    return series.assign(rank=series["evidence"].map(EVIDENCE_RANK), period=labels)


def _shape(rows: pd.DataFrame) -> pd.DataFrame:
    out = rows.sort_values("period_end").rename(
        columns={"period_start": "start", "period_end": "end"}
    )
    return out[OUTPUT_COLUMNS].reset_index(drop=True)


def _best(rows: pd.DataFrame, latest: bool = True) -> pd.DataFrame:
    """One row per period: the latest best-ranked figure, or (latest=False) the earliest.

    Ties are broken by the more precise date, then a sex split, then source_id,
    so the choice is deterministic.
    """
    if rows.empty:
        return rows
    keys = ["period_end", "published_to", "_precision", "_split", "source_id"]
    ascending = [True, not latest, False, False, True]
    if latest:
        keys.insert(1, "rank")
        ascending.insert(1, False)
    ordered = rows.assign(
        _precision=rows["published"].str.len(), _split=rows["men"].notna()
    ).sort_values(keys, ascending=ascending)
    return ordered.groupby("period_end", sort=True).head(1).drop(columns=["_precision", "_split"])


def mou_table(source_id: str, data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """The series periods of one official MOU table, as printed."""
    rows = series_reports(data_dir)
    table = rows[(rows["source_id"] == source_id) & (rows["evidence"] == "mou_table")]
    if table.empty:
        raise ValueError(
            f"no official MOU table with source_id {source_id!r}; a vintage is {ACCEPTED_FORMS}"
        )
    return _shape(table)


def first_reported(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Each series period as first reported (the earliest publication found)."""
    return _shape(_best(series_reports(data_dir), latest=False))


@datasets.cached_by_files
def _latest_tables(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Per period, the figure of the latest MOU table that covers it."""
    rows = series_reports(data_dir)
    return _best(rows[rows["evidence"] == "mou_table"])


def _back_series(data_dir: Path, release: pd.Timestamp) -> pd.DataFrame:
    """Per period, the earliest MOU table published on or after `release`, else the latest."""
    rows = series_reports(data_dir)
    tables = rows[rows["evidence"] == "mou_table"]
    after = tables[tables["published_from"] >= release]
    first_after = after["published_from"] == after.groupby("period_end")[
        "published_from"
    ].transform("min")
    nearest = after[first_after]
    latest = _latest_tables(data_dir)
    return pd.concat([nearest, latest[~latest["period_end"].isin(nearest["period_end"])]])


def as_of(day: date, data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """The series as it stood on `day`, by the rule in this module's docstring."""
    rows = series_reports(data_dir)
    known = rows[rows["published_to"] <= pd.Timestamp(day)]
    if known.empty:
        raise ValueError(f"no arrivals figure was published on or before {day}")
    newest = known["period_end"].max()
    provisional = _best(known[known["period_end"] == newest])
    back = _back_series(data_dir, provisional["published_from"].iloc[0])
    back = back[back["period_end"] < newest]
    untabled = known[~known["period_end"].isin(back["period_end"]) & (known["period_end"] < newest)]
    chosen = pd.concat([back, _best(untabled), provisional])
    corrections = _best(known[known["evidence"] == "mou_correction"])
    chosen = pd.concat([chosen[~chosen["period_end"].isin(corrections["period_end"])], corrections])
    return _shape(chosen)


def arrivals(
    vintage: "str | date | Vintage" = LATEST, data_dir: Path = paths.DATA_DIR
) -> pd.DataFrame:
    """Annual arrivals (period, start, end, men, women, total) for one vintage.

    `vintage` is "latest", "first" (each period as first reported), "article"
    (as stood on the article's vintage date), a day (as stood that day:
    "2018-01-07" or a date), or the source_id of an official MOU table (e.g.
    "mou-table-2012-01-11"). Each row names the source_id and publication date
    of its figure.
    """
    return _arrivals(Vintage.parse(vintage), data_dir, datasets.fingerprint(data_dir)).copy()


@cache
def _arrivals(vintage: Vintage, data_dir: Path, fingerprint: datasets.Fingerprint) -> pd.DataFrame:
    if vintage.day is not None:
        return as_of(vintage.day, data_dir)
    if vintage.name == LATEST:
        return as_of(date.max, data_dir)
    if vintage.name == FIRST:
        return first_reported(data_dir)
    if vintage.name == ARTICLE:
        return as_of(datasets.article(data_dir).vintage_date, data_dir)
    return mou_table(str(vintage.table), data_dir)


def describe(vintage: "str | date | Vintage" = LATEST, data_dir: Path = paths.DATA_DIR) -> str:
    """A vintage in words, for figure and table labels: "as published on 7 January 2018"."""
    return Vintage.parse(vintage).describe(data_dir)


def revisions(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Each series period as first reported beside the latest figure, by sex and in
    total, with the change: a revision that moves people between the sexes (2017's
    189 -> 188 men, 938 -> 939 women) leaves the total unchanged and shows only here."""
    first, latest = arrivals(FIRST, data_dir), arrivals(LATEST, data_dir)
    counts = ["men", "women", "total"]
    merged = first[["period", "end", *counts]].merge(
        latest[["period", *counts]],
        on="period",
        suffixes=("_first", "_latest"),
        validate="one_to_one",
    )
    changes = {f"{c}_change": merged[f"{c}_latest"] - merged[f"{c}_first"] for c in counts}
    return merged.assign(**changes).sort_values("end").reset_index(drop=True)

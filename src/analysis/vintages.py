"""Annual arrivals as they stood in a given vintage.

MOU revises its figures: the first release of a year is provisional, and each
later table restates the whole back-series. A vintage is one answer to "which
figures?": an official table as printed, each year as first reported, the
figures as they stood on a given day (for example the article's), or the latest.

The series periods are those of MOU's own tables (the buckets "up to 1998" and
1999-2001, then calendar years), followed by the calendar years reported after
the newest table. Other periods (single years before 2002, part-years) stay in
`datasets.reports()`; they are never spread over or summed into the series.

Dates. A publication date is a day, a month or a year: the interval of days it
may mean. A figure counts as published on day D only from the interval's last
day. An MOU table has two dates: the day its figures refer to (data/table_dates.csv)
and the day it was published, or the earliest day evidence shows it was public
(sources.csv, `published`); only the second makes it count.

Ranking of the figures for one period, best first, and why:
1. MOU correction: MOU's own notice that a figure was wrong (it names the
   figure it replaces, so nothing older can stand against it).
2. MOU table and MOU restatement (a dated report of MOU's revised back-series),
   equal in rank: each is MOU stating the series on a day, so the newer one is
   in force; a table older than a restatement is stale.
3. Press report of a release (the newest year's provisional figure).
Within a rank the later publication wins where the order is known; where two
date intervals overlap (the order is unknown), a precise date outranks an
imprecise one; then the later, then a sex split, then source_id.

Rule for "as stood on day D" (`as_of`):
1. Only figures published by D count as published.
2. The newest year reported by D is provisional: it takes its best figure
   published by D (the ranking above). Its publication is "the release".
3. Every earlier period takes MOU's statement of the back-series in force: the
   newest MOU table or restatement published by D on or after the release; or,
   when none was, the earliest published after D (MOU does not date individual
   revisions, and a table restates the back-series it held then, so the first
   one after the release is the nearest evidence of the series in force); else
   the latest table covering the period. Periods no table covers fall back to
   rule 2; MOU corrections published by D override.
4. Each row says so: `basis` is "published" when its figure was published by D,
   "inferred" when it comes from a later table (`inferred_from`); an inferred row
   names in `reconciles_with` the cumulative total, reported at a date, that the
   series containing that very figure reproduces exactly (the evidence that the
   back-series stood then), or is empty when no such total exists.
The rule is checked against every cumulative total reported (tests/test_vintages.py,
notebooks on revisions): it gives 31,339 arrivals with 22,345 women at the end of
2017 exactly, as reported on 5 January 2018.
"""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import datasets, paths
from analysis.caching import memoised

EVIDENCE_RANK = {"mou_correction": 2, "mou_table": 1, "mou_restatement": 1, "report": 0}
OFFICIAL_STATEMENTS = ("mou_table", "mou_restatement")
OUTPUT_COLUMNS = [
    "period",
    "start",
    "end",
    "men",
    "women",
    "total",
    "source_id",
    "published",
    "basis",
    "inferred_from",
    "reconciles_with",
]
PUBLISHED, INFERRED = "published", "inferred"
LATEST, FIRST, ARTICLE = "latest", "first", "article"
COUNTS = ("men", "women", "total")
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


def _with_ranks(frame: pd.DataFrame, data_dir: Path) -> pd.DataFrame:
    """Add each figure's rank, date precision (4, 7 or 10 characters) and its table's
    reference date (missing for other sources)."""
    reference = datasets.table_dates(data_dir)[["source_id", "reference_date"]]
    ranked = frame.merge(reference, on="source_id", how="left", validate="many_to_one")
    return ranked.assign(
        rank=ranked["evidence"].map(EVIDENCE_RANK),
        precision=ranked["published"].str.len(),
    )


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
    return _with_ranks(series.assign(period=labels), data_dir)


def _shape(rows: pd.DataFrame, day: pd.Timestamp | None = None) -> pd.DataFrame:
    """The output columns; `basis` is relative to `day` (None: as the source printed it)."""
    out = rows.sort_values("period_end").rename(
        columns={"period_start": "start", "period_end": "end"}
    )
    inferred = out["published_to"] > day if day is not None else pd.Series(False, index=out.index)
    out = out.assign(
        basis=inferred.map({True: INFERRED, False: PUBLISHED}),
        inferred_from=out["source_id"].where(inferred, ""),
        reconciles_with="",
    )
    return out[OUTPUT_COLUMNS].reset_index(drop=True)


def _best(rows: pd.DataFrame, latest: bool = True) -> pd.DataFrame:
    """One row per period: the best-ranked, latest figure (the module's ranking), or
    (latest=False) the earliest figure published.

    Ties are broken by the more precise date, then the later (for tables published
    in the same interval, the later reference date), then a sex split, then
    source_id, so the choice is deterministic.
    """
    if rows.empty:
        return rows
    if not latest:
        keys = ["period_end", "published_to", "precision", "_split", "source_id"]
        ordered = rows.assign(_split=rows["men"].notna()).sort_values(
            keys, ascending=[True, True, False, False, True]
        )
        return ordered.groupby("period_end", sort=True).head(1).drop(columns="_split")
    by_period = rows.groupby("period_end")
    top = rows[rows["rank"] == by_period["rank"].transform("max")]
    # Figures known to be older than another (their interval ends before its starts) drop out;
    # among the rest, whose order is unknown, the most precise date wins.
    latest_start = top.groupby("period_end")["published_from"].transform("max")
    current = top[top["published_to"] >= latest_start]
    keys = ["period_end", "precision", "published_to", "reference_date", "_split", "source_id"]
    ordered = current.assign(_split=current["men"].notna()).sort_values(
        keys, ascending=[True, False, False, False, False, True]
    )
    return ordered.groupby("period_end", sort=True).head(1).drop(columns="_split")


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


def _back_series(data_dir: Path, release: pd.Timestamp, day: pd.Timestamp) -> pd.DataFrame:
    """Per period, MOU's statement of the back-series in force on `day` (rule 3)."""
    rows = series_reports(data_dir)
    official = rows[rows["evidence"].isin(OFFICIAL_STATEMENTS)]
    since = official[official["published_from"] >= release]
    newest_known = _best(since[since["published_to"] <= day])
    pending = since[since["published_to"] > day].sort_values(
        ["period_end", "published_from", "reference_date", "source_id"]
    )
    earliest_after = pending.groupby("period_end").head(1)
    earliest_after = earliest_after[~earliest_after["period_end"].isin(newest_known["period_end"])]
    chosen = pd.concat([newest_known, earliest_after])
    latest = _latest_tables(data_dir)
    return pd.concat([chosen, latest[~latest["period_end"].isin(chosen["period_end"])]])


@memoised
def _series_on(day: date, data_dir: Path, _: datasets.Fingerprint) -> pd.DataFrame:
    """The chosen figure per period on `day` (rules 1-3), with all report columns."""
    rows = series_reports(data_dir)
    stamp = pd.Timestamp(day)
    known = rows[rows["published_to"] <= stamp]
    if known.empty:
        raise ValueError(f"no arrivals figure was published on or before {day}")
    newest = known["period_end"].max()
    provisional = _best(known[known["period_end"] == newest])
    back = _back_series(data_dir, provisional["published_from"].iloc[0], stamp)
    back = back[back["period_end"] < newest]
    untabled = known[~known["period_end"].isin(back["period_end"]) & (known["period_end"] < newest)]
    chosen = pd.concat([back, _best(untabled), provisional])
    corrections = _best(known[known["evidence"] == "mou_correction"])
    chosen = pd.concat([chosen[~chosen["period_end"].isin(corrections["period_end"])], corrections])
    return chosen.sort_values("period_end").reset_index(drop=True)


def series_on(day: date, data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """The series on `day` by rules 1-3, without the evidence columns of rule 4."""
    return _shape(_series_on(day, data_dir, datasets.fingerprint(data_dir)), pd.Timestamp(day))


def cumulative_through(series: pd.DataFrame, year_end: pd.Timestamp) -> dict[str, Any]:
    """Sum men, women and total of the series periods ending on or before `year_end`.

    A sum is missing (pd.NA) when any period in it lacks that figure: a partial
    sum would look like a number and be wrong.
    """
    upto = series[series["end"] <= year_end]
    return {c: upto[c].sum(skipna=False) for c in COUNTS}


def _part_year(as_of: pd.Timestamp, source_id: str, day: pd.Timestamp, data_dir: Path) -> Any:
    """The arrivals figure for 1 January to `as_of` published by `day`: the cumulative
    report's own if it gives one, else the best other (None when there is none)."""
    reports = datasets.reports(data_dir)
    start = pd.Timestamp(as_of.year, 1, 1)
    part = reports[
        (reports["period_start"] == start)
        & (reports["period_end"] == as_of)
        & (reports["published_to"] <= day)
    ]
    if part.empty:
        return None
    own = part[part["source_id"] == source_id]
    return (own if not own.empty else part.sort_values("published_to")).iloc[-1]


def reconcile_total(
    as_of: pd.Timestamp, source_id: str, day: date, data_dir: Path = paths.DATA_DIR
) -> dict[str, Any] | None:
    """What the series on `day` gives for the cumulative total to `as_of`: the sum of the
    series periods to the last 31 December on or before it, plus (when `as_of` is not a
    year end) the part-year figure to `as_of` published by then. None when the series or
    the part-year figure was not published by `day`."""
    try:
        series = series_on(day, data_dir)
    except ValueError:
        return None
    year_end = pd.Timestamp(as_of.year, 12, 31)
    if as_of == year_end:
        return cumulative_through(series, as_of) if series["end"].max() >= as_of else None
    previous = pd.Timestamp(as_of.year - 1, 12, 31)
    part = _part_year(as_of, source_id, pd.Timestamp(day), data_dir)
    if series["end"].max() < previous or series["end"].max() > as_of or part is None:
        return None
    base = cumulative_through(series, previous)
    return {c: base[c] + part[c] for c in COUNTS}


def _matches(stated: Any, computed: dict[str, Any]) -> bool:
    """Every figure the report states equals the computed one."""
    for column in COUNTS:
        value = getattr(stated, column)
        if not pd.isna(value) and (pd.isna(computed[column]) or computed[column] != value):
            return False
    return True


Held = dict[tuple[pd.Timestamp, str], int]


@memoised
def _exact_reconciliations(
    data_dir: Path, _: datasets.Fingerprint
) -> list[tuple[str, pd.Timestamp, date, Held]]:
    """Every cumulative total that the series on its publication day reproduces exactly:
    its label, as-of day, publication day and that series' figures by (end, source_id).

    Kept on disk by the content of the data and this code (datasets.stored_result):
    it takes a series per report, and every kernel would otherwise recompute it."""
    code = tuple(
        Path(__file__).parent / name for name in ("vintages.py", "datasets.py", "dates.py")
    )
    files = ("arrivals.csv", "cumulative.csv", "sources.csv", "table_dates.csv")
    return datasets.stored_result(
        "reconciliations.derived", data_dir, files, code, lambda: _reconcile_all(data_dir)
    )


def _reconcile_all(data_dir: Path) -> list[tuple[str, pd.Timestamp, date, Held]]:
    exact = []
    for report in datasets.cumulative(data_dir).itertuples(index=False):
        fields: Any = report
        day: date = pd.Timestamp(fields.published_to).date()
        as_of_day = pd.Timestamp(fields.as_of)
        computed = reconcile_total(as_of_day, str(fields.source_id), day, data_dir)
        if computed is not None and _matches(report, computed):
            series = series_on(day, data_dir)
            held: Held = {
                (end, str(source)): int(total)
                for end, source, total in zip(
                    series["end"], series["source_id"], series["total"], strict=True
                )
            }
            label = f"{fields.source_id} (to {as_of_day:%Y-%m-%d})"
            exact.append((label, as_of_day, day, held))
    return exact


def _evidence(series: pd.DataFrame, day: date, data_dir: Path) -> pd.DataFrame:
    """Fill `reconciles_with` for inferred rows: the reported cumulative total nearest to
    `day` whose reproducing series holds the same figure from the same table."""
    exact = _exact_reconciliations(data_dir, datasets.fingerprint(data_dir))
    labels = []
    for end, source, total, basis in zip(
        series["end"], series["source_id"], series["total"], series["basis"], strict=True
    ):
        candidates = [
            (abs((report_day - day).days), report_day, label)
            for label, as_of_day, report_day, held in exact
            if basis == INFERRED and as_of_day >= end and held.get((end, source)) == total
        ]
        labels.append(min(candidates)[2] if candidates else "")
    return series.assign(reconciles_with=labels)


def as_of(day: date, data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """The series as it stood on `day`, by the rule in this module's docstring."""
    return _evidence(series_on(day, data_dir), day, data_dir)


def arrivals(
    vintage: "str | date | Vintage" = LATEST, data_dir: Path = paths.DATA_DIR
) -> pd.DataFrame:
    """Annual arrivals (period, start, end, men, women, total) for one vintage.

    `vintage` is "latest", "first" (each period as first reported), "article"
    (as stood on the article's vintage date), a day (as stood that day:
    "2018-01-07" or a date), or the source_id of an official MOU table (e.g.
    "mou-table-2012-01-11"). Each row names the source_id and publication date
    of its figure, whether it was published by then or inferred from a later
    table, and the evidence for an inference.
    """
    return _arrivals(Vintage.parse(vintage), data_dir, datasets.fingerprint(data_dir)).copy()


@memoised
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

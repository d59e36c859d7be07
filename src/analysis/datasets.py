"""Loaders for the project's data files. Each reads its file strictly, validates
it against its schema (raising DataValidationError naming file, line, row and
column), then returns a typed table. Paths come from analysis.paths."""

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, wraps
from pathlib import Path
from typing import Protocol

import pandas as pd

from analysis import paths, schemas
from analysis.dates import date_bounds
from analysis.validation import DataValidationError, Problem, read_text_table, validate

COUNT_COLUMNS = ("men", "women", "total")


def _checked(name: str, data_dir: Path, schema_and_rules: tuple[object, ...]) -> pd.DataFrame:
    schema, rules = schema_and_rules
    frame, lines = read_text_table(data_dir / name, f"data/{name}")
    validate(frame, schema, rules, f"data/{name}", lines)  # type: ignore[arg-type]
    return frame


def _as_counts(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    return frame.astype({c: "Int64" for c in columns})


def _as_days(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    converted = {c: pd.to_datetime(frame[c], format="%Y-%m-%d") for c in columns}
    return frame.assign(**converted)


Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(data_dir: Path) -> Fingerprint:
    """What the caches are keyed on: every data file's name, size and modification time,
    so an edited file is read (and validated) again."""
    files = sorted(p for p in data_dir.iterdir() if p.is_file())
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)


class Loader(Protocol):
    def __call__(self, data_dir: Path = ...) -> pd.DataFrame: ...


def cached_by_files(load: Callable[[Path], pd.DataFrame]) -> Loader:
    """Cache a loader per data directory and its files' fingerprint; hand out copies
    so a caller's edits never reach the cache."""

    @cache
    def cached(data_dir: Path, _: Fingerprint) -> pd.DataFrame:
        return load(data_dir)

    @wraps(load)
    def loader(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
        return cached(data_dir, fingerprint(data_dir)).copy()

    return loader


@cached_by_files
def sources(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Every source, with the first and last day its (partial) publication date can mean."""
    frame = _checked("sources.csv", data_dir, schemas.sources_schema())
    bounds = frame["published"].map(date_bounds)
    return frame.assign(
        published_from=pd.to_datetime(bounds.str[0]),
        published_to=pd.to_datetime(bounds.str[1]),
    )


def _source_ids(data_dir: Path) -> list[str]:
    return sources(data_dir)["source_id"].tolist()


def _table_source_ids(data_dir: Path) -> list[str]:
    table = sources(data_dir)
    return table.loc[table["kind"] == "official_table", "source_id"].tolist()


def _with_publication(frame: pd.DataFrame, data_dir: Path) -> pd.DataFrame:
    published = sources(data_dir)[["source_id", "published", "published_from", "published_to"]]
    return frame.merge(published, on="source_id", how="left", validate="many_to_one")


@cached_by_files
def reports(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Every arrivals figure every source gave: one row per (period, source).

    `period_start` is missing for buckets that run from the start of records
    ("up to 1998"). Publication dates come from the source.
    """
    schema = schemas.arrivals_schema(_source_ids(data_dir), _table_source_ids(data_dir))
    frame = _checked("arrivals.csv", data_dir, schema)
    frame = _as_days(_as_counts(frame, COUNT_COLUMNS), ("period_start", "period_end"))
    return _with_publication(frame, data_dir)


@cached_by_files
def cumulative(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Cumulative arrivals since records began, as reported at various dates."""
    frame = _checked("cumulative.csv", data_dir, schemas.cumulative_schema(_source_ids(data_dir)))
    frame = _as_days(_as_counts(frame, COUNT_COLUMNS), ("as_of",))
    return _with_publication(frame, data_dir)


def _anecdotes(name: str, data_dir: Path) -> pd.DataFrame:
    frame = _checked(name, data_dir, schemas.anecdotes_schema(_source_ids(data_dir)))
    return _as_days(_as_counts(frame, ("low", "high")), ("period_start", "period_end"))


@cached_by_files
def border_arrests(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """The article's source-reported figures on arrests at the border (anecdotal)."""
    return _anecdotes("border_arrests.csv", data_dir)


@cached_by_files
def repatriation_context(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Rights groups' and media counts of detentions and forced returns near the article's time."""
    return _anecdotes("repatriation_context.csv", data_dir)


@cached_by_files
def source_issues(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Known typos, conflations and disagreements in the sources."""
    frame = _checked(
        "source_issues.csv", data_dir, schemas.source_issues_schema(_source_ids(data_dir))
    )
    return _as_days(frame, ("period_end",))


@dataclass(frozen=True)
class Article:
    """The checked article: its source record and the day its figures stand for."""

    source_id: str
    title: str
    publisher: str
    url: str
    published: str
    vintage_date: date


def article(data_dir: Path = paths.DATA_DIR) -> Article:
    """The article's record (from sources.csv) and its vintage date (from article.toml)."""
    path = data_dir / "article.toml"
    with path.open("rb") as handle:
        meta = tomllib.load(handle)
    table = sources(data_dir).set_index("source_id")
    source_id, vintage = str(meta.get("source_id")), meta.get("vintage_date")
    if source_id not in table.index:
        raise DataValidationError(
            [
                Problem(
                    "data/article.toml",
                    "unknown source_id: not in sources.csv",
                    column="source_id",
                    value=str(source_id),
                )
            ]
        )
    if not isinstance(vintage, date):
        raise DataValidationError(
            [
                Problem(
                    "data/article.toml",
                    "must be a TOML date (YYYY-MM-DD)",
                    column="vintage_date",
                    value=str(vintage),
                )
            ]
        )
    row = table.loc[source_id]
    return Article(
        source_id=source_id,
        title=str(row["title"]),
        publisher=str(row["publisher"]),
        url=str(row["url"]),
        published=str(row["published"]),
        vintage_date=vintage,
    )

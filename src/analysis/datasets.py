"""Loaders for the project's data files. Each reads its file strictly, validates
it against its schema (raising DataValidationError naming file, line, row and
column), then returns a typed table. Paths come from analysis.paths.

A file whose exact bytes already passed validation under the same validation
code is not validated again: the checked text table is kept in
build/validated/, keyed by a hash of the file, of sources.csv (which other
tables refer to) and of the validation code. Every notebook kernel loads the
data, and this spares each one the validation library's import and checks.
"""

import hashlib
import importlib
import os
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, wraps
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

import pandas as pd

from analysis import paths
from analysis.dates import date_bounds
from analysis.tables import DataValidationError, Problem, read_text_table

COUNT_COLUMNS = ("men", "women", "total")


VALIDATED_DIR = paths.BUILD_DIR / "validated"
VALIDATION_CODE = ("tables.py", "validation.py", "schemas.py", "dates.py", "datasets.py")
SchemaBuilder = Callable[[ModuleType], tuple[Any, Any]]


def validation_key(name: str, data_dir: Path) -> str:
    """What a validation result depends on: the file, sources.csv and the validation code."""
    digest = hashlib.sha256()
    code_dir = Path(__file__).parent
    for path in (
        data_dir / name,
        data_dir / "sources.csv",
        *(code_dir / c for c in VALIDATION_CODE),
    ):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _checked(name: str, data_dir: Path, build_schema: SchemaBuilder) -> pd.DataFrame:
    """The file as text, once it has passed its schema (now or before, byte for byte),
    with each row's line number in `line`."""
    stored = VALIDATED_DIR / f"{name}.{validation_key(name, data_dir)[:32]}.pkl"
    if stored.exists():
        frame: pd.DataFrame = pd.read_pickle(stored)
        return frame
    # Imported only when a file must be validated: pandera's import costs 0.15 s.
    schemas = importlib.import_module("analysis.schemas")
    validation = importlib.import_module("analysis.validation")
    schema, rules = build_schema(schemas)
    frame, lines = read_text_table(data_dir / name, f"data/{name}")
    validation.validate(frame, schema, rules, f"data/{name}", lines)
    frame = frame.assign(line=lines)  # each row's line in the file, which evidence cites
    VALIDATED_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=VALIDATED_DIR, delete=False) as handle:
        frame.to_pickle(handle.name)
    os.replace(handle.name, stored)  # atomic: kernels running side by side may race here
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
    frame = _checked("sources.csv", data_dir, lambda schemas: schemas.sources_schema())
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
    ids, table_ids = _source_ids(data_dir), _table_source_ids(data_dir)
    frame = _checked(
        "arrivals.csv", data_dir, lambda schemas: schemas.arrivals_schema(ids, table_ids)
    )
    frame = _as_days(_as_counts(frame, COUNT_COLUMNS), ("period_start", "period_end"))
    return _with_publication(frame, data_dir)


@cached_by_files
def cumulative(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Cumulative arrivals since records began, as reported at various dates."""
    ids = _source_ids(data_dir)
    frame = _checked("cumulative.csv", data_dir, lambda schemas: schemas.cumulative_schema(ids))
    frame = _as_days(_as_counts(frame, COUNT_COLUMNS), ("as_of",))
    return _with_publication(frame, data_dir)


@cached_by_files
def table_dates(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Each MOU table's reference date (the day its figures run to) and how its
    publication date in sources.csv is known (`dated_by`)."""
    table_ids = _table_source_ids(data_dir)
    frame = _checked(
        "table_dates.csv", data_dir, lambda schemas: schemas.table_dates_schema(table_ids)
    )
    return _as_days(frame, ("reference_date",))


def _anecdotes(name: str, data_dir: Path) -> pd.DataFrame:
    ids = _source_ids(data_dir)
    frame = _checked(name, data_dir, lambda schemas: schemas.anecdotes_schema(ids))
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
    ids = _source_ids(data_dir)
    frame = _checked(
        "source_issues.csv", data_dir, lambda schemas: schemas.source_issues_schema(ids)
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

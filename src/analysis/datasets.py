"""Loaders for the project's data files. Each reads its file strictly, validates
it against its schema (raising DataValidationError naming file, line, row and
column), then returns a typed table. Paths come from analysis.paths.

A file whose exact bytes already passed validation under the same validation
code is not validated again: the checked text table is kept in
build/validated/, keyed by a hash of the file, of sources.csv (which other
tables refer to) and of the validation code. Every notebook kernel loads the
data, and this spares each one the validation library's import and checks.
"""

import csv
import glob
import hashlib
import importlib
import io
import json
import os
import pickle
import re
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, TypeVar

import pandas as pd

from analysis import caching, paths
from analysis.dates import EARLIEST_DAY, date_bounds, latest_day
from analysis.tables import (
    DataValidationError,
    Problem,
    decode_utf8,
    read_bytes,
    read_text_table,
)

COUNT_COLUMNS = ("men", "women", "total")


VALIDATED_DIR = paths.BUILD_DIR / "validated"
T = TypeVar("T")
VALIDATION_CODE = ("tables.py", "validation.py", "schemas.py", "dates.py", "datasets.py")
SchemaBuilder = Callable[[ModuleType], Any]


def validation_key(name: str, data_dir: Path) -> str:
    """What a validation result depends on: the file, sources.csv and the validation code."""
    digest = hashlib.sha256()
    code_dir = Path(__file__).parent
    for path, shown in (
        (data_dir / name, f"data/{name}"),
        (data_dir / "sources.csv", "data/sources.csv"),
        *((code_dir / c, c) for c in VALIDATION_CODE),
    ):
        digest.update(path.name.encode() + b"\0" + read_bytes(path, shown) + b"\0")
    return digest.hexdigest()


def _checked(name: str, data_dir: Path, build_schema: SchemaBuilder) -> pd.DataFrame:
    """The file as text, once it has passed its schema (now or before, byte for byte)."""
    stored = VALIDATED_DIR / f"{name}.{validation_key(name, data_dir)[:32]}.pkl"
    if caching.DISK:
        try:
            frame: pd.DataFrame = pd.read_pickle(stored)
        except Exception:  # not stored yet, pruned, or damaged: a cache must never stop a load
            pass
        else:
            return frame
    # Imported only when a file must be validated.
    schemas = importlib.import_module("analysis.schemas")
    validation = importlib.import_module("analysis.validation")
    table = read_text_table(data_dir / name, f"data/{name}")
    validation.validate(table, build_schema(schemas), f"data/{name}")
    frame = table.frame.assign(line=table.lines)  # each row's line, which evidence cites
    if not caching.DISK:
        return frame
    VALIDATED_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=VALIDATED_DIR, delete=False) as handle:
        frame.to_pickle(handle.name)
    os.replace(handle.name, stored)  # atomic: kernels running side by side may race here
    prune_validated(name, keep=stored)
    return frame


def stored_result(
    name: str,
    data_dir: Path,
    files: tuple[str, ...],
    code: tuple[Path, ...],
    compute: Callable[[], T],
) -> T:
    """A result derived from data files, kept beside the validated tables and keyed by
    the bytes of those files and of the code that derives it: every notebook kernel
    needs it, and computing it once per change instead of once per kernel keeps
    notebook execution close to its floor."""
    digest = hashlib.sha256()
    for path in (*(data_dir / f for f in files), *code):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    stored = VALIDATED_DIR / f"{name}.{digest.hexdigest()[:32]}.pkl"
    if not caching.DISK:
        return compute()
    try:
        with stored.open("rb") as handle:
            result: T = pickle.load(handle)
    except Exception:  # not stored yet, pruned, or damaged: a cache must never stop a load
        pass
    else:
        return result
    result = compute()
    VALIDATED_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=VALIDATED_DIR, delete=False) as written:
        pickle.dump(result, written)
    os.replace(written.name, stored)
    prune_validated(name, keep=stored)
    return result


def package_code() -> tuple[Path, ...]:
    """Every module of the package: what a stored result over all the analysis depends on."""
    return tuple(sorted(Path(__file__).parent.rglob("*.py")))


def data_files(data_dir: Path) -> tuple[str, ...]:
    """The names of every file in the data directory."""
    return tuple(sorted(p.name for p in data_dir.iterdir() if p.is_file()))


def prune_validated(name: str, keep: Path) -> None:
    """Delete the stored validations of `name` other than `keep`: only the current
    file's entry is worth keeping, and without pruning the folder grows with every edit."""
    for entry in VALIDATED_DIR.glob(f"{glob.escape(name)}.*.pkl"):
        if entry != keep:
            entry.unlink(missing_ok=True)


def _as_counts(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    return frame.astype({c: "Int64" for c in columns})


def _as_days(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    converted = {c: pd.to_datetime(frame[c], format="%Y-%m-%d") for c in columns}
    return frame.assign(**converted)


Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(data_dir: Path) -> Fingerprint:
    """What the caches are keyed on: every data file's name, size and modification time,
    so an edited file is read (and validated) again."""
    try:
        files = sorted(data_dir.iterdir())
    except OSError as error:
        message = f"the data directory cannot be read ({error.strerror or error})"
        if isinstance(error, FileNotFoundError):
            message = "the data directory does not exist"
        raise DataValidationError([Problem(str(data_dir), message)]) from None
    stats = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue  # a broken or looping link: reading it reports the problem
        stats.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(stats)


class Loader(Protocol):
    def __call__(self, data_dir: Path = ...) -> pd.DataFrame: ...


def cached_by_files(load: Callable[[Path], pd.DataFrame]) -> Loader:
    """Cache a loader per data directory and its files' fingerprint; hand out copies
    so a caller's edits never reach the cache. Always on (whatever analysis.caching
    says): keyed by the files themselves, it cannot hand out a stale table."""

    @caching.always_memoised
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
    bounds = frame["published"].map(date_bounds)  # 80 rows: not worth vectorising
    return frame.assign(
        published_from=pd.to_datetime(bounds.str[0]),
        published_to=pd.to_datetime(bounds.str[1]),
    )


def _schema(build: str, data_dir: Path) -> SchemaBuilder:
    """A schema builder for a table that refers to sources.csv (loaded, and so validated, first)."""
    known = sources(data_dir)
    return lambda schemas: getattr(schemas, build)(schemas.Sources(known))


def _with_publication(frame: pd.DataFrame, data_dir: Path) -> pd.DataFrame:
    published = sources(data_dir)[["source_id", "published", "published_from", "published_to"]]
    return frame.merge(published, on="source_id", how="left", validate="many_to_one")


@cached_by_files
def reports(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Every arrivals figure every source gave: one row per (period, source).

    `period_start` is missing for buckets that run from the start of records
    ("up to 1998"). Publication dates come from the source.
    """
    frame = _checked("arrivals.csv", data_dir, _schema("arrivals_schema", data_dir))
    frame = _as_days(_as_counts(frame, COUNT_COLUMNS), ("period_start", "period_end"))
    return _with_publication(frame, data_dir)


@cached_by_files
def cumulative(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Cumulative arrivals since records began, as reported at various dates."""
    frame = _checked("cumulative.csv", data_dir, _schema("cumulative_schema", data_dir))
    frame = _as_days(_as_counts(frame, COUNT_COLUMNS), ("as_of",))
    return _with_publication(frame, data_dir)


@cached_by_files
def table_dates(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Each MOU table's reference date (the day its figures run to) and how its
    publication date in sources.csv is known (`dated_by`)."""
    frame = _checked("table_dates.csv", data_dir, _schema("table_dates_schema", data_dir))
    return _as_days(frame, ("reference_date",))


def _anecdotes(name: str, data_dir: Path) -> pd.DataFrame:
    frame = _checked(name, data_dir, _schema("anecdotes_schema", data_dir))
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
    frame = _checked("source_issues.csv", data_dir, _schema("source_issues_schema", data_dir))
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
    sentences: tuple[str, ...]


def article(data_dir: Path = paths.DATA_DIR) -> Article:
    """The article's record (from sources.csv) and its vintage date (from article.toml).

    article.toml must set exactly `source_id` (a known source) and `vintage_date`
    (a TOML date); anything else is a located DataValidationError.
    """
    name = "data/article.toml"
    text = decode_utf8(read_bytes(data_dir / "article.toml", name), name)
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataValidationError([_toml_problem(name, error)]) from None
    table = sources(data_dir).set_index("source_id")

    def problem(key: str, message: str, value: object = None) -> Problem:
        found = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        shown = None if value is None else str(value)
        return Problem(name, message, line=line, key=key, value=shown)

    problems = [problem(key, "unexpected key") for key in meta if key not in ARTICLE_KEYS]
    problems += [
        problem(key, f"missing key: {what}")
        for key, what in ARTICLE_KEYS.items()
        if key not in meta
    ]
    source_id, vintage = meta.get("source_id"), meta.get("vintage_date")
    if "source_id" in meta and not isinstance(source_id, str):
        problems.append(problem("source_id", "must be a quoted string", source_id))
    elif isinstance(source_id, str) and source_id not in table.index:
        problems.append(problem("source_id", "unknown source_id: not in sources.csv", source_id))
    sentences = meta.get("sentences")
    if "sentences" in meta and not (
        isinstance(sentences, list) and sentences and all(isinstance(x, str) for x in sentences)
    ):
        problems.append(problem("sentences", "must be a non-empty list of quoted strings"))
    if "vintage_date" in meta and type(vintage) is not date:
        problems.append(problem("vintage_date", "must be a TOML date (YYYY-MM-DD)", vintage))
    elif isinstance(vintage, date) and not EARLIEST_DAY <= vintage <= latest_day():
        problems.append(
            problem("vintage_date", f"must fall between {EARLIEST_DAY} and tomorrow", vintage)
        )
    if problems:
        raise DataValidationError(problems)
    assert isinstance(source_id, str) and isinstance(vintage, date)  # checked just above
    row = table.loc[source_id]
    return Article(
        source_id=source_id,
        title=str(row["title"]),
        publisher=str(row["publisher"]),
        url=str(row["url"]),
        published=str(row["published"]),
        vintage_date=vintage,
        sentences=tuple(meta["sentences"]),
    )


ARTICLE_KEYS = {
    "source_id": "the article's source_id in sources.csv",
    "vintage_date": "the day the article's figures stand for (YYYY-MM-DD)",
    "sentences": "the article's checkable sentences, quoted exactly (a list of strings)",
}


def _toml_problem(name: str, error: tomllib.TOMLDecodeError) -> Problem:
    """tomllib puts the position in its message; move it to where a Problem shows it."""
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", str(error))
    if found is None:
        return Problem(name, f"not valid TOML: {error}")
    message = f"not valid TOML: {str(error)[: found.start()]}"
    return Problem(name, message, line=int(found[1]), char=int(found[2]))


TABLES: dict[str, Loader] = {
    "sources.csv": sources,
    "arrivals.csv": reports,
    "cumulative.csv": cumulative,
    "table_dates.csv": table_dates,
    "border_arrests.csv": border_arrests,
    "repatriation_context.csv": repatriation_context,
    "source_issues.csv": source_issues,
}
"""Every CSV file of the data directory and its loader, in the order they are validated."""


def datapackage(data_dir: Path = paths.DATA_DIR) -> dict[str, list[str]]:
    """Check data/datapackage.json against the CSV files; return each file's described fields.

    It must be valid JSON, describe every CSV file in TABLES once, and each
    resource's `schema.fields` (as the Frictionless specification has them) must
    name the file's columns in the header's order, each with a description.
    """
    name = "data/datapackage.json"
    text = decode_utf8(read_bytes(data_dir / "datapackage.json", name), name)
    try:
        package = json.loads(text)
    except json.JSONDecodeError as error:
        problem = Problem(name, f"not valid JSON: {error.msg}", error.lineno, char=error.colno)
        raise DataValidationError([problem]) from None
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        message = "must be a JSON object whose 'resources' is a list of objects"
        raise DataValidationError([Problem(name, message, key="resources")])
    problems: list[Problem] = []
    described: dict[str, list[str]] = {}
    for i, resource in enumerate(resources):
        schema = resource.get("schema")
        path = resource.get("path")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        found = re.search(rf'"path"\s*:\s*{re.escape(json.dumps(path))}', text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        if path not in TABLES:
            message = f"'path' must name one of the data files: {', '.join(TABLES)}"
            problems.append(
                Problem(name, message, line, key=f"resources[{i}].path", value=str(path))
            )
            continue
        if path in described:
            message = "describes a file that an earlier resource already describes"
            problems.append(Problem(name, message, line, key=f"resources[{i}].path", value=path))
            continue
        if not isinstance(fields, list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str) and f.get("description")
            for f in fields
        ):
            message = "must be a list of objects, each with a 'name' and a 'description'"
            problems.append(Problem(name, message, line, key=f"resources[{i}].schema.fields"))
            continue
        described[path] = [f["name"] for f in fields]
        header = csv_header(data_dir / path, f"data/{path}")
        if described[path] != header:
            message = (
                f"the fields must name the columns of {path} in order: "
                f"{', '.join(header)}; they name {', '.join(described[path])}"
            )
            problems.append(Problem(name, message, line, key=f"resources[{i}].schema.fields"))
    for path in TABLES:
        if path not in described and not any(p.value == path for p in problems):
            problems.append(Problem(name, f"no resource describes {path}", key="resources"))
    if problems:
        raise DataValidationError(problems)
    return described


def csv_header(path: Path, display_name: str) -> list[str]:
    """The column names on a CSV file's first line."""
    text = decode_utf8(read_bytes(path, display_name), display_name)
    return next(csv.reader(io.StringIO(text, newline="")), [])

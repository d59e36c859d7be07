"""Loaders for the project's data files. Each reads its file strictly, validates
it against its schema (raising DataValidationError naming file, line, row and
column), then returns a typed table. Paths come from analysis.paths.

`load(data_dir)` reads and validates the whole directory once into one immutable
`Data` object: the engine (vintages, claims) takes that object, so nothing is
read twice and nothing needs a cache. The per-file loaders are the convenience
for an analyst who wants one table.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import paths
from analysis.load import schemas, validation
from analysis.load.article import ARTICLES_DIR, Article, read_articles
from analysis.load.dates import date_bounds
from analysis.load.problems import DataValidationError, Problem, parsing
from analysis.load.tables import read_text_table
from analysis.load.vocabulary import COUNT_COLUMNS

SchemaBuilder = Callable[[], Any]


def _checked(name: str, data_dir: Path, build_schema: SchemaBuilder) -> pd.DataFrame:
    """The file as text, once it has passed its schema, with each row's line (which
    evidence cites)."""
    table = read_text_table(data_dir / name, f"data/{name}")
    validation.validate(table, build_schema(), f"data/{name}")
    return table.frame.assign(line=table.lines)


def _as_counts(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    return frame.astype({c: "Int64" for c in columns})


def _as_days(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    converted = {c: pd.to_datetime(frame[c], format="%Y-%m-%d") for c in columns}
    return frame.assign(**converted)


def sources(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Every source, with the first and last day its (partial) publication date can mean."""
    frame = _checked("sources.csv", data_dir, schemas.sources_schema)
    bounds = frame["published"].map(date_bounds)  # 80 rows: not worth vectorising
    return frame.assign(
        published_from=pd.to_datetime(bounds.str[0]),
        published_to=pd.to_datetime(bounds.str[1]),
    )


@dataclass(frozen=True)
class _Table:
    """How a file that refers to sources.csv is read: its table in a Data object, its
    schema, and the columns typed after validation."""

    field: str
    schema: Callable[[schemas.Sources], Any]
    counts: tuple[str, ...] = ()
    days: tuple[str, ...] = ()
    published: bool = False  # joined with each source's publication dates


REFERRING = {
    "arrivals.csv": _Table(
        "reports", schemas.arrivals_schema, COUNT_COLUMNS, ("period_start", "period_end"), True
    ),
    "cumulative.csv": _Table(
        "cumulative", schemas.cumulative_schema, COUNT_COLUMNS, ("as_of",), True
    ),
    "table_dates.csv": _Table("table_dates", schemas.table_dates_schema, days=("reference_date",)),
    "border_arrests.csv": _Table(
        "border_arrests", schemas.anecdotes_schema, ("low", "high"), ("period_start", "period_end")
    ),
    "repatriation_context.csv": _Table(
        "repatriation_context",
        schemas.anecdotes_schema,
        ("low", "high"),
        ("period_start", "period_end"),
    ),
    "source_issues.csv": _Table(
        "source_issues", schemas.source_issues_schema, days=("period_end",)
    ),
    "press_findings.csv": _Table("press_findings", schemas.press_findings_schema),
}
"""Every CSV file but sources.csv, in the order they are validated."""


def _read(name: str, directory: Path, known: pd.DataFrame | None = None) -> pd.DataFrame:
    """The file `name` of `directory`, checked against the sources `known` (read from the
    same directory when not given), typed."""
    known = sources(directory) if known is None else known
    table = REFERRING[name]
    frame = _checked(name, directory, lambda: table.schema(schemas.Sources(known)))
    frame = _as_days(_as_counts(frame, table.counts), table.days)
    if not table.published:
        return frame
    published = known[["source_id", "published", "published_from", "published_to"]]
    return frame.merge(published, on="source_id", how="left", validate="many_to_one")


def reports(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Every arrivals figure every source gave: one row per (period, source).

    `period_start` is missing for buckets that run from the start of records
    ("up to 1998"). Publication dates come from the source.
    """
    return _read("arrivals.csv", data_dir)


def cumulative(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Cumulative arrivals since records began, as reported at various dates."""
    return _read("cumulative.csv", data_dir)


def table_dates(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Each MOU table's reference date (the day its figures run to) and how its
    publication date in sources.csv is known (`dated_by`)."""
    return _read("table_dates.csv", data_dir)


def border_arrests(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """The article's source-reported figures on arrests at the border (anecdotal)."""
    return _read("border_arrests.csv", data_dir)


def repatriation_context(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Rights groups' and media counts of detentions and forced returns near the article's time."""
    return _read("repatriation_context.csv", data_dir)


def source_issues(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Known typos, conflations and disagreements in the sources."""
    return _read("source_issues.csv", data_dir)


def press_findings(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Press findings recorded with their reason (what `--press --check` holds them to)."""
    return _read("press_findings.csv", data_dir)


def articles(data_dir: Path = paths.DATA_DIR) -> tuple[Article, ...]:
    """Every checked article (data/articles/<id>/article.toml), by the day its figures
    stand for; anything missing or out of range is a located DataValidationError."""
    return _articles(data_dir, sources(data_dir))


def _articles(data_dir: Path, known: pd.DataFrame) -> tuple[Article, ...]:
    """Every article, read by analysis.load.article; a parser that runs out of memory or
    recursion is a located error naming the articles' folder, never a traceback."""
    with parsing(paths.shown(data_dir / ARTICLES_DIR)):
        return read_articles(data_dir, known)


TABLES: dict[str, Callable[[Path], pd.DataFrame]] = {
    "sources.csv": sources,
    "arrivals.csv": reports,
    "cumulative.csv": cumulative,
    "table_dates.csv": table_dates,
    "border_arrests.csv": border_arrests,
    "repatriation_context.csv": repatriation_context,
    "source_issues.csv": source_issues,
    "press_findings.csv": press_findings,
}
"""Every CSV file of the data directory and its loader, in the order they are validated."""
FIELDS = {"sources.csv": "sources", **{name: t.field for name, t in REFERRING.items()}}
"""Every CSV file's table in a Data object."""


@dataclass(frozen=True, eq=False)
class Data:
    """Every table of one data directory, read and validated once.

    The engine takes this object rather than a path, so each file is read and
    checked once per run. Treat the frames as read-only: vintages and checks
    derive everything from them.
    """

    directory: Path
    sources: pd.DataFrame
    reports: pd.DataFrame
    cumulative: pd.DataFrame
    table_dates: pd.DataFrame
    border_arrests: pd.DataFrame
    repatriation_context: pd.DataFrame
    source_issues: pd.DataFrame
    press_findings: pd.DataFrame
    articles: tuple[Article, ...]

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(f"no article {article_id!r} in {self.directory}")


def check_directory(data_dir: Path) -> None:
    """Raise a DataValidationError naming `data_dir` when it is not a readable directory."""
    try:
        os.listdir(data_dir)
    except FileNotFoundError:
        message = "the data directory does not exist"
    except OSError as error:
        message = f"the data directory cannot be read ({error.strerror or error})"
    else:
        return
    raise DataValidationError([Problem(str(data_dir), message)])


def load(data_dir: Path = paths.DATA_DIR) -> Data:
    """Read and validate every data file of `data_dir` into one Data object.

    Every file is checked even when another fails (except that a broken
    sources.csv stops the files that refer to it), so one error lists every problem.
    """
    check_directory(data_dir)
    known = sources(data_dir)
    readers: dict[str, Callable[[], Any]] = {
        table.field: partial(_read, name, data_dir, known) for name, table in REFERRING.items()
    }
    readers["articles"] = lambda: _articles(data_dir, known)
    read: dict[str, Any] = {}
    failed: list[DataValidationError] = []
    for name, reader in readers.items():
        try:
            read[name] = reader()
        except DataValidationError as error:
            failed.append(error)
    if failed:
        raise DataValidationError.combined(failed)
    return Data(directory=data_dir, sources=known, **read)

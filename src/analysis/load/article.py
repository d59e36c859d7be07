"""The checked articles: each is a folder data/articles/<id>/ whose article.toml
names its source (in sources.csv), its author, the day its figures stand for, its
checkable sentences and, optionally, the era its claims count from. Its claims
registry (claims.toml) sits beside it and is read by analysis.claims."""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import paths
from analysis.load.cells import ID_PATTERN
from analysis.load.dates import EARLIEST_DAY, latest_day
from analysis.load.key_lines import CITED, KeyLines
from analysis.load.problems import DataValidationError, Problem, decode_utf8, read_bytes
from analysis.load.structured import parse_toml

ARTICLES_DIR = "articles"
ARTICLE_FILE = "article.toml"


@dataclass(frozen=True)
class Eras:
    """The era an article's claims count from ("since Kim Jong Un came to power"):
    the first year it uses, and the other datings its claims are re-checked under."""

    used: int
    alternatives: tuple[int, ...]
    line: int  # of `used = ...` in article.toml, which evidence cites


@dataclass(frozen=True)
class Article:
    """A checked article: its source record and the day its figures stand for."""

    id: str  # its folder's name under data/articles/
    source_id: str
    title: str
    publisher: str
    author: str
    url: str
    published: str
    vintage_date: date
    sentences: tuple[str, ...]
    eras: Eras | None = None
    repeats: tuple[str, ...] = ()  # sources that only repeat the article: never its evidence
    headline: str = ""  # as published, where known

    @property
    def name(self) -> str:
        """The article as a reader would name it: publisher and headline, or publisher
        and date when the headline is not known."""
        if self.headline:
            return f"{self.publisher}: “{self.headline}”"
        return f"{self.publisher}, {self.published}"

    @property
    def file(self) -> str:
        """Its article.toml, relative to the repository (as evidence cites it)."""
        return f"data/{ARTICLES_DIR}/{self.id}/{ARTICLE_FILE}"

    @property
    def own_sources(self) -> frozenset[str]:
        """The sources that are the article itself: none of them can confirm its claims."""
        return frozenset((self.source_id, *self.repeats))


ARTICLE_KEYS = {
    "source_id": "the article's source_id in sources.csv",
    "author": "the article's author, as its byline gives it",
    "vintage_date": "the day the article's figures stand for (YYYY-MM-DD)",
    "sentences": "the article's checkable sentences, quoted exactly (a list of strings)",
}
OPTIONAL_KEYS = {
    "headline": "the headline as published",
    "repeats": "source_ids of reports that only repeat the article",
    "eras": "a table: `used` (a year) and `alternatives` (years, `used` among them)",
}


def article_folders(data_dir: Path) -> list[Path]:
    """Every article's folder, in name order (a folder without article.toml is an error)."""
    root = data_dir / ARTICLES_DIR
    if not root.is_dir():
        raise DataValidationError(
            [Problem(paths.shown(root), "missing: every article is a folder data/articles/<id>/")]
        )
    return sorted(p for p in root.iterdir() if not p.name.startswith("."))


def read_articles(data_dir: Path, known: pd.DataFrame) -> tuple[Article, ...]:
    """Every article of `data_dir`, ordered by the day its figures stand for."""
    found, failed = [], []
    folders = article_folders(data_dir)
    if not folders:
        failed.append(
            DataValidationError([Problem(paths.shown(data_dir / ARTICLES_DIR), "no article")])
        )
    for folder in folders:
        try:
            found.append(read_article(folder, known))
        except DataValidationError as error:
            failed.append(error)
    if failed:
        raise DataValidationError.combined(failed)
    return tuple(sorted(found, key=lambda a: (a.vintage_date, a.id)))


def read_article(folder: Path, known: pd.DataFrame) -> Article:
    """One article's record (from sources.csv) and its settings (from article.toml);
    anything missing, unknown or out of range is a located DataValidationError."""
    path = folder / ARTICLE_FILE
    name = paths.shown(path)
    if not re.fullmatch(ID_PATTERN, folder.name):
        raise DataValidationError(
            [
                Problem(
                    paths.shown(folder),
                    "an article's folder name is its id: a-z, 0-9, single hyphens",
                )
            ]
        )
    text = decode_utf8(read_bytes(path, name), name)
    meta = parse_toml(text, name)
    table = known.set_index("source_id")

    def problem(key: str, message: str, value: object = None) -> Problem:
        found = re.search(rf"^[ \t]*{re.escape(key.split('.')[-1])}[ \t]*=", text, re.MULTILINE)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        shown = None if value is None else str(value)
        return Problem(name, message, line=line, key=key, value=shown)

    allowed = ARTICLE_KEYS | OPTIONAL_KEYS
    problems = [problem(key, "unexpected key") for key in meta if key not in allowed]
    problems += [problem(k, f"missing key: {w}") for k, w in ARTICLE_KEYS.items() if k not in meta]
    source_id, vintage = meta.get("source_id"), meta.get("vintage_date")
    repeats = meta.get("repeats", [])
    checked = [("source_id", source_id), ("author", meta.get("author"))]
    checked += [("headline", meta["headline"])] if "headline" in meta else []
    for key, value in checked:
        if key in meta and not printable_text(value):
            problems.append(problem(key, "must be a quoted, printable, non-empty string", value))
    if isinstance(source_id, str) and source_id not in table.index:
        problems.append(problem("source_id", "unknown source_id: not in sources.csv", source_id))
    if not (isinstance(repeats, list) and all(r in table.index for r in repeats)):
        problems.append(problem("repeats", "must be a list of source_ids in sources.csv", repeats))
    sentences = meta.get("sentences")
    if "sentences" in meta and not (
        isinstance(sentences, list) and sentences and all(map(printable_text, sentences))
    ):
        problems.append(problem("sentences", "must be a non-empty list of printable strings"))
    if "vintage_date" in meta and type(vintage) is not date:
        problems.append(problem("vintage_date", "must be a TOML date (YYYY-MM-DD)", vintage))
    elif isinstance(vintage, date) and not EARLIEST_DAY <= vintage <= latest_day():
        problems.append(
            problem("vintage_date", f"must fall between {EARLIEST_DAY} and tomorrow", vintage)
        )
    eras = _eras(meta.get("eras"), text, problems, problem)
    if problems:
        raise DataValidationError(problems)
    assert isinstance(source_id, str) and isinstance(vintage, date)  # checked just above
    row = table.loc[source_id]
    return Article(
        id=folder.name,
        source_id=source_id,
        title=str(row["title"]),
        publisher=str(row["publisher"]),
        author=str(meta["author"]),
        url=str(row["url"]),
        published=str(row["published"]),
        vintage_date=vintage,
        sentences=tuple(meta["sentences"]),
        eras=eras,
        repeats=tuple(repeats),
        headline=str(meta.get("headline", "")),
    )


def printable_text(value: Any) -> bool:
    """A TOML text field a reader sees: a string, not blank, with no control character."""
    return isinstance(value, str) and bool(value.strip()) and value.isprintable()


def _eras(raw: Any, text: str, problems: list[Problem], problem: Any) -> Eras | None:
    """The optional [eras] table: `used` one of `alternatives`, all plausible years."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != {"used", "alternatives"}:
        problems.append(problem("eras", "needs exactly `used` and `alternatives`"))
        return None
    used, alternatives = raw["used"], raw["alternatives"]

    def year(value: Any) -> bool:
        return type(value) is int and EARLIEST_DAY.year <= value <= latest_day().year

    if not (isinstance(alternatives, list) and alternatives and all(map(year, alternatives))):
        problems.append(problem("eras.alternatives", "must be a list of years", alternatives))
    elif not year(used) or used not in alternatives:
        problems.append(problem("eras.used", "must be a year among the alternatives", used))
    else:
        lines = KeyLines(text)
        line = lines.find(lines.named("eras"), "used", used)
        if line:
            return Eras(used, tuple(alternatives), line)
        problems.append(
            problem("eras.used", f"{CITED} `used = {used}` on a line of its own in [eras]")
        )
    return None

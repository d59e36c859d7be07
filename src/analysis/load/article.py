"""The checked article's record: article.toml names its source (in sources.csv) and
the day its figures stand for, and quotes its checkable sentences."""

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from analysis.load.dates import EARLIEST_DAY, latest_day
from analysis.load.problems import DataValidationError, Problem, decode_utf8, read_bytes


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


def read_article(data_dir: Path, known: pd.DataFrame) -> Article:
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
    table = known.set_index("source_id")

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

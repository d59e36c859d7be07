"""The claims registries (data/articles/<id>/claims.toml): reading each and holding it
to its declared schema, so that a misspelt check, an unknown verdict, a period the
data cannot give or a stray field is a located error before anything is computed."""

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any

from analysis import paths
from analysis.claims.claim import Claim, Notebook, Registry
from analysis.claims.claim_table import Where, claim_from
from analysis.claims.declare import Check, ClaimIds
from analysis.load.article import ARTICLES_DIR, Article, printable_text
from analysis.load.datasets import Data
from analysis.load.dates import EARLIEST_DAY, latest_day
from analysis.load.key_lines import CITED, KeyLines
from analysis.load.problems import DataValidationError, Problem, decode_utf8, read_bytes
from analysis.load.structured import parse_toml

CLAIMS_FILE = "claims.toml"
NAMED = "must name other claims of this registry that state a count, each once"


def registry_file(article_id: str) -> str:
    """An article's registry as messages and links name it."""
    return f"data/{ARTICLES_DIR}/{article_id}/{CLAIMS_FILE}"


def load_registries(data: Data, checks: Mapping[str, Check]) -> tuple[Registry, ...]:
    """Every article's registry, in the articles' order; claim ids are unique across
    them (a claim's page anchor is its id)."""
    found, failed = [], []
    for article in data.articles:
        try:
            found.append(load_registry(data, article, checks))
        except DataValidationError as error:
            failed.append(error)
    if failed:
        raise DataValidationError.combined(failed)
    seen: dict[str, Registry] = {}
    problems = []
    for registry in found:
        for claim in registry.claims:
            if claim.id in seen:
                other = seen[claim.id].file
                message = f"claim id also used in {other}: ids are unique across articles"
                problems.append(Problem(registry.file, message, line=claim.line, column="id"))
            seen[claim.id] = registry
    if problems:
        raise DataValidationError(problems)
    return tuple(found)


def load_registry(data: Data, article: Article, checks: Mapping[str, Check]) -> Registry:
    """One article's registry, checked against its schema, the article's sentences, the
    data's periods and the `checks` it may name; raise DataValidationError naming the
    file, line and field of every problem."""
    path = data.directory / ARTICLES_DIR / article.id / CLAIMS_FILE
    name = paths.shown(path)
    text = decode_utf8(read_bytes(path, name), name)
    raw = parse_toml(text, name)
    lines = KeyLines(text)
    problems = _review_problems(name, raw, lines)
    entries = raw.get("claim", [])
    if not isinstance(entries, list) or not entries:
        problems.append(Problem(name, "needs at least one [[claim]] table"))
        entries = []
    notebooks = _notebooks(name, raw.get("notebook", {}), problems)
    found: list[tuple[Claim, int]] = []  # each claim, and the line of its `args`
    known = {n.file for n in notebooks}
    for index, entry in enumerate(entries, start=1):
        table = lines.table(index)
        line = lines.find(table, "id", entry.get("id")) if isinstance(entry, dict) else 0
        where = Where(
            name, index, line or None, problems, partial(_field_line, lines, table, entry)
        )
        claim = claim_from(entry, where, known, checks, article, data)
        if claim is None:
            continue
        if not line:
            where.bad(f'{CITED} `id = "{claim.id}"` on a line of its own', "id")
            continue
        own = lines.find(table, "stated", claim.stated) if claim.stated is not None else 0
        if claim.stated is not None and not own:
            where.bad(f"{CITED} `stated = …` on a line of its own in the claim's table", "stated")
        elif isinstance(claim.stated, int | float) and lines.value_text(own) != repr(claim.stated):
            message = (
                f"reads as {claim.stated!r}, and is cited as written, its band following the "
                f"decimals it keeps: write {claim.stated!r} (for a band the decimals cannot give, "
                "precision 'about' with a tolerance)"
            )
            where.bad(message, "stated", lines.value_text(own))
        claim = replace(claim, stated_line=own, article=article.id)
        found.append((claim, where.line_of("args") or line))
    claims = [claim for claim, _ in found]
    if not problems:  # a refused claim is not among `claims`: naming it is not the fault
        problems += _named_claim_problems(name, found, checks)
    first = {c.id: c.line for c in reversed(claims)}
    ids = [c.id for c in claims]
    problems += [
        Problem(name, "duplicate claim id", line=first[i], column="id", value=i)
        for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    if problems:
        raise DataValidationError(problems)
    return Registry(
        article=article,
        file=registry_file(article.id),
        claims=tuple(claims),
        reviewer=raw["review"]["author"],
        review_date=raw["review"]["date"],
        notebooks=tuple(notebooks),
    )


def _field_line(lines: KeyLines, table: range, entry: Any, key: str) -> int:
    """The line of the claim's field `key` in its own table; 0 where none reads as it."""
    return lines.find(table, key, entry[key]) if key in entry else 0


def _named_claim_problems(
    name: str, found: list[tuple[Claim, int]], checks: Mapping[str, Check]
) -> list[Problem]:
    """Arguments that name other claims (declare.ClaimIds): each another claim of this
    registry that states a count, named once (`found`: each claim, and its `args` line)."""
    counts = {c.id for c, _ in found if c.precision == "exact" and type(c.stated) is int}
    return [
        Problem(name, f"argument {key!r} {NAMED}", line, column="args", value=", ".join(named))
        for claim, line in found
        for key, spec in checks[claim.check].args.items()
        if spec is ClaimIds
        for named in [claim.args[key]]
        if not named or len(set(named)) < len(named) or not set(named) <= counts - {claim.id}
    ]


def _review_problems(name: str, raw: Mapping[str, Any], lines: KeyLines) -> list[Problem]:
    """The [review] table: a reviewer and a plausible date; no key a registry does not
    have (a misspelt one would be ignored), located where its line can be found."""
    top = range(1, (lines.headers[0][0] if lines.headers else len(lines.lines)) + 1)
    problems = [
        Problem(
            name,
            "unknown key: a registry has [review], [notebook.…] and [[claim]]",
            line=lines.find(top, k, raw[k]) or None,
            key=k,
        )
        for k in sorted(set(raw) - {"review", "notebook", "claim"})
    ]
    review = raw.get("review")
    if not isinstance(review, dict):
        return [*problems, Problem(name, "missing the [review] table (author, date)")]
    problems += [
        Problem(
            name,
            "unknown key: [review] has author and date",
            line=lines.find(lines.named("review"), k, review[k]) or None,
            key=f"review.{k}",
        )
        for k in sorted(set(review) - {"author", "date"})
    ]
    author, day = review.get("author"), review.get("date")
    if not printable_text(author):
        problems.append(Problem(name, "[review] needs 'author': printable text", key="review"))
    if type(day) is not date or not EARLIEST_DAY <= day <= latest_day():
        message = f"[review] needs 'date': a date from {EARLIEST_DAY} to tomorrow"
        problems.append(Problem(name, message, key="review.date", value=str(day)))
    return problems


def _notebooks(name: str, raw: Any, problems: list[Problem]) -> list[Notebook]:
    """The optional [notebook."FILE"] tables of the article that has notebooks."""
    if not isinstance(raw, dict):
        problems.append(Problem(name, '[notebook."FILE"] must be tables (title, question)'))
        return []
    found = []
    for file, header in raw.items():
        if not isinstance(header, dict) or set(header) != {"title", "question"}:
            message = "needs exactly 'title' and 'question'"
            problems.append(Problem(name, message, column=f"notebook.{file}"))
            continue
        for key, text in header.items():
            if not printable_text(text):
                message = "must be printable text, not empty"
                problems.append(Problem(name, message, column=f"notebook.{file}.{key}"))
        inside = re.fullmatch(r"[A-Za-z0-9_]+\.ipynb", file) is not None
        if not inside or not (paths.NOTEBOOKS_DIR / file).is_file():
            message = "no such notebook in notebooks/"
            problems.append(Problem(name, message, column="notebook", value=file))
        found.append(Notebook(file, header["title"], header["question"]))
    return found

"""The claims registry (data/claims.toml): reading it and holding it to its
declared schema, so that a misspelt check, an unknown verdict or a stray field
is a located error before anything is computed."""

import re
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from analysis import paths
from analysis.claims.claim import Claim, Notebook, Registry
from analysis.claims.declare import Check
from analysis.claims.verdicts import Verdict
from analysis.load.problems import DataValidationError, Problem

CLAIMS_FILE = "claims.toml"
DISPLAY_NAME = f"data/{CLAIMS_FILE}"
VINTAGES = ("article", "latest")
KINDS = ("official_statistic", "arithmetic", "source_reported")
PRECISIONS = ("exact", "percent", "ordering", "trend", "lower_bound", "date", "year", "none")
STATED_TYPES: dict[str, type | tuple[type, ...]] = {
    "exact": int,  # a count, compared and printed as one
    "lower_bound": int,
    "year": int,
    "percent": (int, float),
}
"""The type `stated` must have for each precision that compares numbers; the others
(ordering, trend, date, none) state words."""
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CLAIM_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "quote": str,
    "quantity": str,
    "kind": str,
    "stated": (int, float, str),
    "precision": str,
    "check": str,
    "args": dict,
    "notebook": str,
    "recorded": dict,
}


def load_registry(data_dir: Path, checks: Mapping[str, Check]) -> Registry:
    """Read the registry and check it against its schema and the `checks` it may name;
    raise DataValidationError naming the file, line and field of every problem."""
    path = data_dir / CLAIMS_FILE
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except OSError as error:
        raise DataValidationError(
            [Problem(DISPLAY_NAME, f"cannot be read: {error.strerror}")]
        ) from None
    except UnicodeDecodeError as error:
        raise DataValidationError(
            [Problem(DISPLAY_NAME, f"not valid UTF-8 text (byte {error.start})")]
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise DataValidationError([Problem(DISPLAY_NAME, f"not valid TOML: {error}")]) from None
    id_lines = _line_numbers(text, r'^id = "([^"]*)"')
    stated_lines = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("stated =")]
    problems = _table_problems(raw)
    entries = raw.get("claim", [])
    if not isinstance(entries, list) or not entries:
        problems.append(Problem(DISPLAY_NAME, "needs at least one [[claim]] table"))
        entries = []
    notebooks = _notebooks(raw.get("notebook", {}), problems)
    claims = []
    starts = sorted(id_lines.values())
    for index, entry in enumerate(entries, start=1):
        line = id_lines.get(str(entry.get("id")), None) if isinstance(entry, dict) else None
        claim = _claim(entry, index, line, problems, {n.file for n in notebooks}, checks)
        if claim is not None:
            own = _own_line(stated_lines, claim.line, starts) if claim.stated is not None else 0
            claims.append(replace(claim, stated_line=own))
    ids = [c.id for c in claims]
    problems += [
        Problem(DISPLAY_NAME, "duplicate claim id", line=id_lines.get(i), column="id", value=i)
        for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    if problems:
        raise DataValidationError(problems)
    eras, review = raw["eras"], raw["review"]
    return Registry(
        claims=tuple(claims),
        era_start=eras["used"],
        era_alternatives=tuple(eras["alternatives"]),
        era_line=_line_numbers(text, r"^(used) = ")["used"],
        reviewer=review["author"],
        review_date=review["date"],
        notebooks=tuple(notebooks),
    )


def _own_line(lines: list[int], start: int, starts: list[int]) -> int:
    """The first of `lines` inside the claim table that starts at `start` (0: none)."""
    end = min((s for s in starts if s > start), default=None)
    inside = [n for n in lines if n > start and (end is None or n < end)]
    return inside[0] if inside else 0


def _line_numbers(text: str, pattern: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if match := re.match(pattern, line):
            found.setdefault(match.group(1), number)
    return found


def _table_problems(raw: Mapping[str, Any]) -> list[Problem]:
    """The [eras] and [review] tables: present, with the right types."""
    expected: dict[str, dict[str, type | tuple[type, ...]]] = {
        "eras": {"used": int, "alternatives": list},
        "review": {"author": str, "date": date},
    }
    problems = []
    for table, fields in expected.items():
        values = raw.get(table)
        if not isinstance(values, dict):
            problems.append(Problem(DISPLAY_NAME, f"missing the [{table}] table"))
            continue
        for name, kind in fields.items():
            if not isinstance(values.get(name), kind) or isinstance(values.get(name), bool):
                problems.append(
                    Problem(
                        DISPLAY_NAME,
                        f"[{table}] needs {name!r} of type {_type_name(kind)}",
                        column=f"{table}.{name}",
                        value=None if name not in values else str(values[name]),
                    )
                )
    eras = raw.get("eras")
    if isinstance(eras, dict) and isinstance(eras.get("alternatives"), list):
        if not all(isinstance(y, int) and 1900 < y < 2100 for y in eras["alternatives"]):
            problems.append(
                Problem(DISPLAY_NAME, "era alternatives must be years", column="eras.alternatives")
            )
        elif eras.get("used") not in eras["alternatives"]:
            problems.append(
                Problem(DISPLAY_NAME, "the era used must be one of the alternatives", column="eras")
            )
    return problems


def _notebooks(raw: Any, problems: list[Problem]) -> list[Notebook]:
    if not isinstance(raw, dict) or not raw:
        problems.append(Problem(DISPLAY_NAME, 'needs [notebook."FILE"] tables (title, question)'))
        return []
    found = []
    for file, header in raw.items():
        if not isinstance(header, dict) or set(header) != {"title", "question"}:
            problems.append(
                Problem(
                    DISPLAY_NAME, "needs exactly 'title' and 'question'", column=f"notebook.{file}"
                )
            )
            continue
        if not (paths.NOTEBOOKS_DIR / file).is_file() or not file.endswith(".ipynb"):
            problems.append(
                Problem(
                    DISPLAY_NAME, "no such notebook in notebooks/", column="notebook", value=file
                )
            )
        found.append(Notebook(file, str(header["title"]), str(header["question"])))
    return found


def _type_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {
        int: "integer",
        float: "number",
        str: "text",
        dict: "table",
        list: "list",
        date: "date",
    }
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _claim(
    entry: Any,
    index: int,
    line: int | None,
    problems: list[Problem],
    notebooks: set[str],
    checks: Mapping[str, Check],
) -> Claim | None:
    """One [[claim]] table as a Claim, or None after recording what is wrong with it."""
    if not isinstance(entry, dict):
        problems.append(Problem(DISPLAY_NAME, f"[[claim]] number {index} is not a table"))
        return None
    before = len(problems)

    def bad(message: str, column: str, value: Any = None) -> None:
        shown = None if value is None else str(value)
        where = message if line else f"[[claim]] number {index}: {message}"
        problems.append(Problem(DISPLAY_NAME, where, line=line, column=column, value=shown))

    for name in sorted(set(entry) - set(CLAIM_FIELDS)):
        bad("unknown field", name)
    optional = {"stated"} if entry.get("kind") == "source_reported" else set()
    for name, kind in CLAIM_FIELDS.items():
        if name not in entry and name in optional:
            continue
        if name not in entry:
            bad("missing field", name)
        elif not isinstance(entry[name], kind) or isinstance(entry[name], bool):
            bad(f"must be of type {_type_name(kind)}", name, entry[name])
    if len(problems) > before:
        return None
    if not ID_PATTERN.match(entry["id"]):
        bad("must be a lowercase id: a-z, 0-9 and single hyphens", "id", entry["id"])
    if entry["kind"] not in KINDS:
        bad(f"must be one of {', '.join(KINDS)}", "kind", entry["kind"])
    if entry["precision"] not in PRECISIONS:
        bad(f"must be one of {', '.join(PRECISIONS)}", "precision", entry["precision"])
    elif "stated" in entry:
        wanted = STATED_TYPES.get(entry["precision"], str)
        if not isinstance(entry["stated"], wanted):
            message = f"must be of type {_type_name(wanted)} for precision {entry['precision']!r}"
            bad(message, "stated", entry["stated"])
    if entry["notebook"] not in notebooks:
        bad("must be a notebook declared under [notebook]", "notebook", entry["notebook"])
    if set(entry["recorded"]) != set(VINTAGES):
        bad(f"must record a verdict for each of {', '.join(VINTAGES)}", "recorded")
    for vintage, verdict in entry["recorded"].items():
        if verdict not in set(Verdict):
            bad("unknown verdict", f"recorded.{vintage}", verdict)
    check = checks.get(entry["check"])
    if check is None:
        bad(f"unknown check; known: {', '.join(sorted(checks))}", "check", entry["check"])
    else:
        for message in check.argument_problems(entry["args"]):
            bad(message, "args")
    if len(problems) > before:
        return None
    return Claim(**{"stated": None, **entry}, line=line or 0)

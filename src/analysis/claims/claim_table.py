"""One [[claim]] table of a registry held to its schema: its fields and their types,
its id, its quote (part of one of the article's sentences), its stated value of the
type its precision compares, its recorded verdicts and its check's arguments. A table
that breaks any of these is a located error before anything is computed."""

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from analysis.claims.claim import Claim
from analysis.claims.declare import Check
from analysis.claims.verdicts import Verdict
from analysis.load.article import Article, printable_text
from analysis.load.cells import ID_PATTERN, MAX_COUNT
from analysis.load.datasets import Data
from analysis.load.problems import Problem

VINTAGES = ("article", "latest")
KINDS = ("official_statistic", "arithmetic", "source_reported")
BOUNDS = ("over", "at_least", "fewer_than", "at_most")
PRECISIONS = (
    *("exact", "percent", *BOUNDS, "between", "about"),
    *("ordering", "trend", "date", "year", "none"),
)
NUMBER = (int, float)
STATED_TYPES: dict[str, type | tuple[type, ...]] = {
    "exact": int,  # a count, compared and printed as one
    "year": int,
    "percent": NUMBER,  # its decimals set the band: 20.8 means 20.75 to under 20.85
    "between": list,  # [low, high], both included
    "about": NUMBER,  # within `tolerance`
    **dict.fromkeys(BOUNDS, NUMBER),
}
"""The type `stated` must have for each precision that compares numbers; the others
(ordering, trend, date, none) state words."""
CLAIM_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "quote": str,
    "quantity": str,
    "kind": str,
    "stated": (int, float, str, list),
    "precision": str,
    "check": str,
    "args": dict,
    "notebook": str,
    "recorded": dict,
    "tolerance": NUMBER,
}
BEYOND_100 = {"figures.change", "figures.ratio"}  # percentages that may pass 100
OPTIONAL = {"notebook", "tolerance", "recorded"}  # `claims --record` writes `recorded`


def _type_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {int: "integer", float: "number", str: "text", dict: "table", list: "list"}
    return " or ".join(names[k] for k in kinds)


class Where:
    """Where a claim's problems are recorded: its file, its position and its line (its
    `id`'s); a problem of one field is cited at that field's own line when `field_line`
    finds it (`recorded.latest` at the line of `recorded`), else at the claim's."""

    def __init__(
        self,
        file: str,
        index: int,
        line: int | None,
        problems: list[Problem],
        field_line: Callable[[str], int] = lambda _: 0,
    ):
        self.file, self.index, self.line, self.problems = file, index, line, problems
        self.field_line = field_line

    def line_of(self, column: str) -> int | None:
        """The line a problem of `column` is cited at."""
        return self.field_line(column.split(".")[0]) or self.line

    def bad(self, message: str, column: str, value: Any = None) -> None:
        shown = None if value is None else str(value)
        text = message if self.line else f"[[claim]] number {self.index}: {message}"
        self.problems.append(
            Problem(self.file, text, self.line_of(column), column=column, value=shown)
        )


def claim_from(
    entry: Any,
    where: Where,
    notebooks: set[str],
    checks: Mapping[str, Check],
    article: Article,
    data: Data,
) -> Claim | None:
    """One [[claim]] table as a Claim, or None after recording what is wrong with it."""
    if not isinstance(entry, dict):
        where.problems.append(Problem(where.file, f"[[claim]] number {where.index} is not a table"))
        return None
    before = len(where.problems)
    for name in sorted(set(entry) - set(CLAIM_FIELDS)):
        where.bad("unknown field", name)
    optional = OPTIONAL | ({"stated"} if entry.get("kind") == "source_reported" else set())
    for name, kind in CLAIM_FIELDS.items():
        if name not in entry and name in optional:
            continue
        if name not in entry:
            where.bad("missing field", name)
        elif not isinstance(entry[name], kind) or isinstance(entry[name], bool):
            where.bad(f"must be of type {_type_name(kind)}", name, entry[name])
    if len(where.problems) > before:
        return None
    _values(entry, where, article)
    if entry.get("notebook", "") and entry["notebook"] not in notebooks:
        where.bad("must be a notebook declared under [notebook]", "notebook", entry["notebook"])
    if "recorded" in entry and set(entry["recorded"]) != set(VINTAGES):
        where.bad(f"must record a verdict for each of {', '.join(VINTAGES)}", "recorded")
    for vintage, verdict in entry.get("recorded", {}).items():
        if not isinstance(verdict, str) or verdict not in set(Verdict):
            where.bad("unknown verdict", f"recorded.{vintage}", verdict)
    check = checks.get(entry["check"])
    if check is None:
        where.bad(f"unknown check; known: {', '.join(sorted(checks))}", "check", entry["check"])
    else:
        for message in check.argument_problems(entry["args"], data, article, entry.get("stated")):
            where.bad(message, "args")
    if len(where.problems) > before:
        return None
    return Claim(**{"stated": None, "notebook": "", "recorded": {}, **entry}, line=where.line or 0)


def _quotes(sentence: str, quote: str) -> bool:
    """Whether `sentence` holds `quote`, whose parts may be elided with " ... "."""
    at = 0
    for part in quote.split(" ... "):
        found = sentence.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def _pair(value: Any) -> bool:
    """[low, high]: two numbers, the low first."""
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(n, NUMBER) and not isinstance(n, bool) for n in value)
        and value[0] < value[1]
    )


def _values(entry: dict[str, Any], where: Where, article: Article) -> None:
    """The claim's words and numbers: an id, a quote from the article, a stated value
    of the type its precision compares, finite and not negative."""
    if not re.fullmatch(ID_PATTERN, entry["id"]):
        where.bad("must be a lowercase id: a-z, 0-9 and single hyphens", "id", entry["id"])
    if not printable_text(entry["quantity"]):
        where.bad("must be printable text, not empty", "quantity", entry["quantity"])
    quote = entry["quote"]
    if not printable_text(quote):
        where.bad("must be printable text, not empty", "quote", quote)
    elif not all(part.strip() for part in quote.split(" ... ")):
        where.bad('each part around " ... " must be text from the sentence', "quote", quote)
    elif not any(_quotes(sentence, quote) for sentence in article.sentences):
        where.bad(f"is not in any sentence of {article.file}", "quote", quote)
    if entry["kind"] not in KINDS:
        where.bad(f"must be one of {', '.join(KINDS)}", "kind", entry["kind"])
    precision = entry["precision"]
    if precision not in PRECISIONS:
        where.bad(f"must be one of {', '.join(PRECISIONS)}", "precision", precision)
    elif "stated" in entry:
        stated: Any = entry["stated"]
        wanted = STATED_TYPES.get(precision, str)
        numbers = stated if isinstance(stated, list) else [stated]
        if not isinstance(stated, wanted) or isinstance(stated, bool):
            message = f"must be of type {_type_name(wanted)} for precision {precision!r}"
            where.bad(message, "stated", stated)
        elif precision == "between" and not _pair(stated):
            where.bad("must be [low, high], two numbers, low first", "stated", stated)
        elif any(isinstance(n, NUMBER) and not (math.isfinite(n) and n >= 0) for n in numbers):
            where.bad("must be a finite number, not negative", "stated", stated)
        elif any(isinstance(n, NUMBER) and n > MAX_COUNT for n in numbers):
            where.bad(
                f"must be at most {MAX_COUNT:,}, as every count in the data", "stated", stated
            )
        elif precision == "percent" and entry.get("check") not in BEYOND_100 and numbers[0] > 100:
            where.bad("a share in percent must be at most 100", "stated", stated)
    tolerance = entry.get("tolerance", 0)
    if not (math.isfinite(tolerance) and tolerance >= 0):
        where.bad("must be a finite number, not negative", "tolerance", tolerance)
    elif precision == "about" and not tolerance:
        where.bad("'about' needs a tolerance: how far the wording's value may be", "tolerance")

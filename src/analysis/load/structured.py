"""Strict parsing of a structured data file, JSON (datapackage.json) or TOML (an
article, a claims registry): every way the document can be wrong (syntax, a key given
twice, a NaN or infinite literal in JSON, nesting past Python's recursion limit, memory)
is a located DataValidationError naming the file, never a traceback or a value quietly
taken from the last of two keys (TOML refuses those itself)."""

import json
import re
import tomllib
from typing import Any

from analysis.load.problems import DataValidationError, Problem, parsing

NOT_A_NUMBER = "NaN and Infinity are not JSON: write a number"
TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


class _Refused(ValueError):
    """A problem found while the JSON parser runs (it cannot raise ours through it)."""

    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.message, self.key = message, key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _Refused("a key given twice in one object", key)
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise _Refused(NOT_A_NUMBER, name)


def _line_of(text: str, pattern: str, nth: int) -> int | None:
    """The line of the `nth` match (1-based) of `pattern` in `text`."""
    found = list(re.finditer(pattern, text))
    if len(found) < nth:
        return None
    return text.count("\n", 0, found[nth - 1].start()) + 1


def parse_json(text: str, display_name: str) -> Any:
    """`text` as JSON, strictly: no duplicate keys, no NaN or Infinity, no deep nesting."""
    try:
        with parsing(display_name):
            return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        problem = Problem(
            display_name, f"not valid JSON: {error.msg}", line=error.lineno, char=error.colno
        )
        raise DataValidationError([problem]) from None
    except _Refused as refused:
        if refused.message == NOT_A_NUMBER:
            line = _line_of(text, rf"(?<![\"\w]){re.escape(refused.key)}(?![\"\w])", 1)
            problem = Problem(display_name, refused.message, line=line, value=refused.key)
        else:
            line = _line_of(text, rf"\"{re.escape(refused.key)}\"\s*:", 2)
            problem = Problem(display_name, refused.message, line=line, key=refused.key)
        raise DataValidationError([problem]) from None


def parse_toml(text: str, display_name: str) -> dict[str, Any]:
    """`text` as TOML; a syntax error is located at the line and column tomllib names
    (it puts them in its message)."""
    try:
        with parsing(display_name):
            return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = TOML_POSITION.search(str(error))
        if found is None:
            problem = Problem(display_name, f"not valid TOML: {error}")
        else:
            message = f"not valid TOML: {str(error)[: found.start()]}"
            problem = Problem(display_name, message, line=int(found[1]), char=int(found[2]))
        raise DataValidationError([problem]) from None

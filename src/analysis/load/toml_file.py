"""Reading a TOML data file (an article, a claims registry): its text, which the
evidence cites by line, and its tables; or a Problem at the line and column where
tomllib stopped."""

import re
import tomllib
from pathlib import Path
from typing import Any

from analysis.load.problems import DataValidationError, Problem, decode_utf8, read_bytes

POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def read_toml(path: Path, name: str) -> tuple[str, dict[str, Any]]:
    """The text of `path` (shown as `name`) and its tables; raise DataValidationError at
    the position of a syntax error, or naming the file when parsing runs out of stack
    or memory."""
    text = decode_utf8(read_bytes(path, name), name)
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataValidationError([_syntax_problem(name, error)]) from None
    except RecursionError:
        raise DataValidationError([Problem(name, "not valid TOML: nested too deeply")]) from None
    except MemoryError:
        raise DataValidationError(
            [Problem(name, "not valid TOML: out of memory while parsing")]
        ) from None


def _syntax_problem(name: str, error: tomllib.TOMLDecodeError) -> Problem:
    """tomllib puts the position in its message; move it to where a Problem shows it."""
    found = POSITION.search(str(error))
    if found is None:
        return Problem(name, f"not valid TOML: {error}")
    message = f"not valid TOML: {str(error)[: found.start()]}"
    return Problem(name, message, line=int(found[1]), char=int(found[2]))

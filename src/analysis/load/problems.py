"""The error that locates a problem in a data file, and reading a file's bytes so that
every way it can fail to open (missing, a directory, a symlink loop, unreadable, not
UTF-8, a BOM) becomes such a problem: loaders never let a traceback reach the reader."""

import errno
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MAX_SHOWN = 50
"""How many problems an error lists; the rest are counted, so a broken million-row
file gives a message a person can read."""

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located as precisely as possible.

    `column` is a CSV column's name; `char` is a character position within the
    line (for TOML and JSON syntax errors); `key` is a key path in a TOML or JSON
    document.
    """

    file: str
    message: str
    line: int | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    char: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}" + (f" (row {self.row})" if self.row else ""))
        if self.char is not None:
            where.append(f"column {self.char}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        if self.key is not None:
            where.append(f"key {self.key!r}")
        shown = f" (value {_shown(self.value)})" if self.value is not None else ""
        return f"{', '.join(where)}: {self.message}{shown}"


def _shown(value: str) -> str:
    """A value as a person can read it: quoted, control characters escaped, long ones cut."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class DataValidationError(ValueError):
    """Raised when a data file does not meet its schema.

    Lists the first MAX_SHOWN problems and counts the rest; `total` is the number
    of problems found, which may exceed len(problems).
    """

    def __init__(self, problems: Sequence[Problem], total: int | None = None) -> None:
        self.problems = list(problems)[:MAX_SHOWN]
        self.total = max(total or 0, len(problems))
        lines = [f"{self.total} problem{'s' if self.total != 1 else ''} in the data:"]
        lines += [f"  - {p}" for p in self.problems]
        if self.total > len(self.problems):
            lines.append(f"  ... and {self.total - len(self.problems)} more")
        super().__init__("\n".join(lines))

    @classmethod
    def combined(cls, errors: Sequence["DataValidationError"]) -> "DataValidationError":
        """One error listing the problems of several, in order, with their total."""
        return cls([p for error in errors for p in error.problems], sum(e.total for e in errors))


def read_bytes(path: Path, display_name: str) -> bytes:
    """The file's bytes, or a DataValidationError saying in plain words why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise DataValidationError([Problem(display_name, unreadable_reason(path, error))]) from None


def unreadable_reason(path: Path, error: OSError) -> str:
    """Why `path` could not be read, in plain words."""
    if isinstance(error, FileNotFoundError):
        if not path.parent.is_dir():
            return f"the data directory {str(path.parent)!r} does not exist"
        return "the file does not exist"
    if isinstance(error, IsADirectoryError):
        return "is a directory, not a file"
    if error.errno == errno.ELOOP:
        return "is a symbolic link that loops back on itself"
    if isinstance(error, PermissionError):
        return "cannot be read: permission denied"
    return f"cannot be read: {error.strerror or error}"


def decode_utf8(data: bytes, display_name: str) -> str:
    """UTF-8 text without a byte-order mark, or a located error."""
    check_utf8(data, display_name)
    return data.decode("utf-8")


def check_utf8(data: bytes, display_name: str) -> None:
    """Raise a located error unless `data` is UTF-8 text without a byte-order mark.

    ASCII (most files) is proven at C speed without decoding anything.
    """
    if data.startswith(BOM):
        message = "starts with a byte-order mark (BOM): save the file as UTF-8 without BOM"
        raise DataValidationError([Problem(display_name, message, line=1)])
    if data.isascii():
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        message = f"not valid UTF-8 text ({error.reason} at byte {error.start})"
        problem = Problem(
            display_name,
            message,
            line=data.count(b"\n", 0, error.start) + 1,
            char=error.start - line_start + 1,
        )
        raise DataValidationError([problem]) from None

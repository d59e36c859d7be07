"""The error that locates a problem in a data file, and reading a file's bytes so that
every way it can fail to open (missing, a directory, a symlink loop, unreadable, not
UTF-8, a BOM) becomes such a problem: loaders never let a traceback reach the reader."""

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
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

    def located_in(self, data_dir: Path) -> "DataValidationError":
        """The same problems, each file named data/NAME named by its path in `data_dir`
        (when the data directory is not the project's data/, data/NAME would mislead)."""
        moved = [
            replace(p, file=str(data_dir / p.file.removeprefix("data/")))
            if p.file.startswith("data/")
            else p
            for p in self.problems
        ]
        return DataValidationError(moved, self.total)

    @classmethod
    def combined(cls, errors: Sequence["DataValidationError"]) -> "DataValidationError":
        """One error listing the problems of several, in order, with their total."""
        return cls([p for error in errors for p in error.problems], sum(e.total for e in errors))


MAX_BYTES = 1 << 28
"""The largest data file read (256 MiB; a million-row arrivals.csv is about 70 MB): a
larger one, a sparse file of NULs or a link to /dev/zero, is refused by name, not read."""
MAX_TEXT_BYTES = 1 << 22
"""The largest TOML or JSON file read (4 MiB; the project's are under 30 KB)."""
KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def read_bytes(path: Path, display_name: str, limit: int | None = None) -> bytes:
    """The file's bytes, or a DataValidationError saying in plain words why it cannot be read.

    Only a regular file is read (through a symbolic link, the file it names): a named pipe
    would wait for a writer, a device such as /dev/zero never ends. At most `limit` bytes
    are read, whatever size the file claims (by default MAX_TEXT_BYTES of a TOML or JSON
    file, MAX_BYTES of any other).
    """
    if limit is None:
        limit = MAX_TEXT_BYTES if path.suffix in (".toml", ".json") else MAX_BYTES
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise DataValidationError([Problem(display_name, unreadable_reason(path, error))]) from None
    try:
        status = os.fstat(fd)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            raise DataValidationError([Problem(display_name, "is a directory, not a file")])
        if not stat.S_ISREG(mode):
            kind = KINDS.get(stat.S_IFMT(mode), "not a regular file")
            message = f"is {kind}, not a regular file: only regular files are read"
            raise DataValidationError([Problem(display_name, message)])
        if status.st_size > limit:
            raise DataValidationError([Problem(display_name, too_large(limit))])
        with open(fd, "rb", closefd=False) as handle:  # never more, whatever the size claimed
            data = handle.read(limit + 1)
    except OSError as error:
        raise DataValidationError([Problem(display_name, unreadable_reason(path, error))]) from None
    except MemoryError:
        raise DataValidationError([Problem(display_name, TOO_LARGE)]) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise DataValidationError([Problem(display_name, too_large(limit))])
    return data


def too_large(limit: int) -> str:
    return f"is larger than {limit:,} bytes, the most this file may hold: not read"


TOO_LARGE = "is too large to read into memory"
NESTED = "is nested too deeply to read (lists or tables inside one another past Python's limit)"


@contextmanager
def parsing(display_name: str) -> Iterator[None]:
    """Turn a parser's exhaustion (nesting past Python's recursion limit, memory) into a
    located error naming the file."""
    try:
        yield
    except RecursionError:
        raise DataValidationError([Problem(display_name, NESTED)]) from None
    except MemoryError:
        raise DataValidationError([Problem(display_name, TOO_LARGE)]) from None


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

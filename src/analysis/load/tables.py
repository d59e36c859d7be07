"""Strict reading of the project's CSV files.

Files are read as text, exactly as written: nothing is coerced, dropped or
guessed. A problem is reported (analysis.load.problems) with the file, the line
and data row, and the column, so a person can open the file and fix it.
"""

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.load.problems import MAX_SHOWN, DataValidationError, Problem, check_utf8, read_bytes


@dataclass(frozen=True)
class TextColumn:
    """A column's cells as positions into its distinct texts.

    `codes[i]` is row i's position in `texts`, or -1 where the cell is empty. A
    check of a cell depends on its text alone, so checks run once per distinct
    text and reach the rows through `codes`: a million rows usually hold a few
    thousand distinct counts, dates and ids.
    """

    codes: np.ndarray
    texts: np.ndarray

    def cells(self) -> np.ndarray:
        """Every row's text, NaN where empty (as the loaders' frames hold them)."""
        return np.append(self.texts, np.nan)[self.codes]


@dataclass(frozen=True)
class TextTable:
    """A CSV file read as text: its header, its columns, and the line each row starts on.

    `data` holds the bytes of a file read by _read_fast, whose simple structure
    lets one scan prove facts about every cell at once (see `facts`).
    """

    header: list[str]
    columns: list[TextColumn]
    lines: np.ndarray
    data: bytes | None = field(default=None, repr=False)

    @cached_property
    def facts(self) -> frozenset[str]:
        """What one scan of the file's bytes proves for every cell (see FACTS), so that
        per-cell checks it implies can be skipped. Computed on first use: checks of a
        column's distinct texts are usually cheaper than the scan."""
        return frozenset() if self.data is None else _facts(self.data)

    def column(self, name: str) -> TextColumn:
        return self.columns[self.header.index(name)]

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The table as the loaders hand it on: one object column of text per column."""
        frame = pd.DataFrame(
            {i: column.cells() for i, column in enumerate(self.columns)},
            index=pd.RangeIndex(len(self.lines)),
            dtype=object,
        )
        frame.columns = pd.Index(self.header, dtype=object)
        return frame


NO_CONTROL_CHARACTERS = "no-control-characters"
NO_SURROUNDING_SPACE = "no-surrounding-space"
FACTS = (NO_CONTROL_CHARACTERS, NO_SURROUNDING_SPACE)


def read_text_table(path: Path, display_name: str) -> TextTable:
    """Read a CSV file as strings, exactly as written.

    Empty cells become missing values; every other cell stays text. A file with a
    header but no rows is a problem, not an empty table. A well-formed file is
    parsed by pandas' C reader (as fast as pandas.read_csv); anything unusual
    (quoted line breaks, carriage returns, NUL bytes, stray quotes, blank lines,
    uneven rows) is read by the csv module in strict mode, which locates the problem.
    """
    data = read_bytes(path, display_name)
    check_utf8(data, display_name)
    table = _read_fast(data) or _read_exact(data.decode("utf-8"), display_name)
    header = table.header
    if len(set(header)) != len(header):
        twice = next(name for name in header if header.count(name) > 1)
        problem = Problem(display_name, "the header names this column twice", line=1, column=twice)
        raise DataValidationError([problem])
    if not len(table.lines) or not header:
        raise DataValidationError([Problem(display_name, "has a header but no data rows", line=2)])
    return table


_COMMA, _NEWLINE, _QUOTE, _SPACE, _TAB = 44, 10, 34, 32, 9
THREADED_BYTES = 1 << 20


def _read_fast(data: bytes) -> TextTable | None:
    """Parse with pandas when the file's structure can be proven simple; else None.

    Simple means: no CR or NUL bytes, no blank lines; quotes only around whole
    cells (doubled inside them) and never around a line break; every line a row
    with as many fields as the header. Quotes and line breaks are proven with
    NumPy on the bytes. Field counts follow from counts: the C reader rejects a
    row with more fields than the header, and when the commas outside quotes (all
    commas, less those inside cells) number exactly rows x (fields - 1), no row
    can have fewer.

    For a large file the C reader parses in a second thread while NumPy proves the
    structure (both release the GIL); a small one (the project's own files) is
    parsed in this thread, where starting a thread would cost more than it saves.
    The columns are used only once the proofs hold.
    """
    if not data or b"\r" in data or b"\x00" in data:
        return None
    first_end = data.find(b"\n")
    if first_end < 0 or first_end == len(data) - 1:
        return None  # a header and no data rows: the csv module reads it and says so
    try:
        if len(data) < THREADED_BYTES:
            proven, columns = _structure(data), _parse_columns(data)
        else:
            with ThreadPoolExecutor(max_workers=1) as pool:
                parsing = pool.submit(_parse_columns, data)
                proven = _structure(data)
                columns = parsing.result()
    except pd.errors.ParserError:
        return None  # a row with more fields than the first
    if proven is None:
        return None
    header, rows, commas = proven
    if len(columns) != len(header):
        return None
    inside = sum(name.count(",") for name in header) + sum(map(_commas_inside, columns))
    if commas - inside != (rows + 1) * (len(header) - 1):
        return None  # a row with fewer fields
    return TextTable(header, columns, np.arange(2, rows + 2), data)


def _structure(data: bytes) -> tuple[list[str], int, int] | None:
    """The header, the number of data rows and of commas, if no line is blank and
    every quote pair wraps a whole cell on one line; else None (see _read_fast)."""
    codes = np.frombuffer(data, dtype=np.uint8)
    marks = np.flatnonzero((codes == _NEWLINE) | (codes == _QUOTE))  # in one pass
    is_quote = codes[marks] == _QUOTE
    newlines, quotes = marks[~is_quote], marks[is_quote]
    ends = newlines if data.endswith(b"\n") else np.append(newlines, len(codes))
    if (np.diff(ends, prepend=-1) == 1).any():
        return None  # a blank line
    if len(quotes):
        if len(quotes) % 2 or not _quotes_wrap_cells(codes, quotes):
            return None
        among_marks = np.flatnonzero(is_quote)
        if (among_marks[1::2] - among_marks[0::2] != 1).any():
            return None  # a line break between a pair's quotes: the csv module counts the lines
    header = next(csv.reader([data[: ends[0]].decode("utf-8")], strict=True))
    return header, len(ends) - 1, int(np.count_nonzero(codes == _COMMA))


_AS_TEXT: dict[str, Any] = {
    "header": None,
    "skiprows": 1,
    "keep_default_na": False,
    "na_values": [""],
    "encoding": "utf-8",
    "engine": "c",
}


def _parse_columns(data: bytes) -> list[TextColumn]:
    """The data rows' columns, parsed by pandas' C reader straight into distinct texts.

    Read as categories, each column is factorised as it is parsed, without a string
    object per cell. Setting `thousands` keeps pandas from turning digit-only
    categories into numbers (it infers them only when no thousands or decimal
    option is set), which would merge "0123" with "123"; a column whose categories
    still come out other than text (pandas reads "True"/"true" as one boolean) is
    read again as plain text.
    """
    frame = pd.read_csv(io.BytesIO(data), dtype="category", thousands="\x1f", **_AS_TEXT)
    columns = []
    for i in range(frame.shape[1]):
        cells = frame.iloc[:, i].array
        if pd.api.types.is_string_dtype(cells.categories.dtype):
            texts = np.asarray(cells.categories, dtype=object)
            columns.append(TextColumn(np.asarray(cells.codes), texts))
        else:
            again = pd.read_csv(io.BytesIO(data), usecols=[i], dtype=object, **_AS_TEXT)
            columns.append(_distinct(again.iloc[:, 0].to_numpy()))
    return columns


def _commas_inside(column: TextColumn) -> int:
    """How many commas the column's cells hold (all quoted, in a file _read_fast proved)."""
    per_text = np.fromiter((text.count(",") for text in column.texts), np.int64, len(column.texts))
    if not per_text.any():
        return 0
    return int(per_text @ np.bincount(column.codes[column.codes >= 0], minlength=len(per_text)))


def _quotes_wrap_cells(codes: "np.ndarray", quotes: "np.ndarray") -> bool:
    """Whether quotes, taken in pairs, open and close whole cells.

    A closing quote directly followed by an opening one is a doubled (escaped)
    quote inside the cell; any other opening quote must follow a separator or
    start the file, and any other closing quote must precede one or end it.
    """
    opening, closing = quotes[0::2], quotes[1::2]
    doubled = opening[1:] == closing[:-1] + 1
    before = codes[np.maximum(opening - 1, 0)]
    opens_cell = (opening == 0) | (before == _COMMA) | (before == _NEWLINE)
    opens_cell[1:] |= doubled
    after = codes[np.minimum(closing + 1, len(codes) - 1)]
    closes_cell = (closing == len(codes) - 1) | (after == _COMMA) | (after == _NEWLINE)
    closes_cell[:-1] |= doubled
    return bool(opens_cell.all() and closes_cell.all())


def _facts(data: bytes) -> frozenset[str]:
    """What a few passes over the bytes (at C speed) prove for every cell of the file.

    Run on files read by _read_fast, which hold no NUL or CR bytes and no quoted
    line breaks, so every byte below 32 other than a line break is a control
    character in some cell.
    """
    codes = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(codes == _QUOTE)
    facts = set()
    ascii_ = data.isascii()
    controls = np.count_nonzero(codes < 32) > data.count(b"\n") or b"\x7f" in data
    c1 = not ascii_ and bool(
        ((codes[:-1] == 0xC2) & (codes[1:] >= 0x80) & (codes[1:] <= 0x9F)).any()
    )
    if not (controls or c1):
        facts.add(NO_CONTROL_CHARACTERS)
    spaces = codes == _SPACE
    if b"\t" in data:
        spaces |= codes == _TAB
    at_edge = _any_at_cell_edge(codes, quotes, np.flatnonzero(spaces))
    if not (at_edge or (not ascii_ and _unicode_space(codes))):
        facts.add(NO_SURROUNDING_SPACE)
    return frozenset(facts)


def _any_at_cell_edge(codes: "np.ndarray", quotes: "np.ndarray", positions: "np.ndarray") -> bool:
    """Whether a byte at any of `positions` starts or ends a cell.

    An unquoted cell starts or ends next to a separator (a line break or a comma
    outside quotes) or at the file's start or end; a quoted one next to its
    quotes. A comma is outside quotes when an even number of quotes precede it.
    """
    if not len(positions):
        return False
    if positions[0] == 0 or positions[-1] == len(codes) - 1:
        return True
    for neighbours in (positions - 1, positions + 1):
        near = codes[neighbours]
        if ((near == _NEWLINE) | (near == _QUOTE)).any():
            return True
        commas = neighbours[near == _COMMA]
        if (np.searchsorted(quotes, commas) % 2 == 0).any():
            return True
    return False


def _unicode_space(codes: "np.ndarray") -> bool:
    """Whether the UTF-8 bytes hold any non-ASCII character that str.strip() removes."""
    lead = np.flatnonzero((codes[:-2] == 0xC2) | ((codes[:-2] >= 0xE1) & (codes[:-2] <= 0xE3)))
    first, second, third = codes[lead], codes[lead + 1], codes[lead + 2]
    return bool(
        ((first == 0xC2) & np.isin(second, (0x85, 0xA0))).any()
        or ((first == 0xE1) & (second == 0x9A) & (third == 0x80)).any()
        or (
            (first == 0xE2)
            & (second == 0x80)
            & ((third <= 0x8A) | np.isin(third, (0xA8, 0xA9, 0xAF)))
        ).any()
        or ((first == 0xE2) & (second == 0x81) & (third == 0x9F)).any()
        or ((first == 0xE3) & (second == 0x80) & (third == 0x80)).any()
        or (len(codes) >= 2 and codes[-2] == 0xC2 and codes[-1] in (0x85, 0xA0))
    )


def _read_exact(text: str, display_name: str) -> TextTable:
    """Read with the csv module in strict mode, reporting every structural problem."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as error:
        message = f"malformed CSV: {error}"
        raise DataValidationError([Problem(display_name, message, line=reader.line_num)]) from None
    if not records:
        raise DataValidationError([Problem(display_name, "the file is empty: no header row")])
    lines = (
        np.arange(1, len(records) + 1) if reader.line_num == len(records) else _record_lines(text)
    )
    header = records[0]
    widths = np.fromiter(map(len, records), dtype=np.int64, count=len(records))
    blank, uneven = widths == 0, (widths != len(header)) & (widths > 0)
    problems = [Problem(display_name, "blank line", line=int(lines[i])) for i in _first(blank)]
    for i in _first(uneven):
        message = f"expected {len(header)} fields as in the header, found {widths[i]}"
        problems.append(Problem(display_name, message, line=int(lines[i]), row=int(lines[i]) - 1))
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise DataValidationError(problems, int(blank.sum() + uneven.sum()))
    cells = list(zip(*records[1:], strict=True)) or [()] * len(header)
    columns = []
    for texts in cells:
        values = np.array(texts, dtype=object)
        values[values == ""] = None
        columns.append(_distinct(values))
    return TextTable(header, columns, lines[1:])


def _distinct(values: np.ndarray) -> TextColumn:
    """A column's cells (an object array, missing where empty) as codes into its distinct texts."""
    codes, texts = pd.factorize(values)
    return TextColumn(codes, np.asarray(texts, dtype=object))


def _first(mask: "np.ndarray") -> "np.ndarray":
    """Positions of the first MAX_SHOWN true values: problems beyond them are only counted."""
    return np.flatnonzero(mask)[:MAX_SHOWN]


def _record_lines(text: str) -> "np.ndarray":
    """The line on which each record starts, for files where a quoted cell spans lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    starts, previous_end = [], 0
    for _ in reader:
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return np.array(starts)

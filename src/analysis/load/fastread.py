"""The fast path of reading a CSV file: pandas' C reader, used only when NumPy has
proven on the bytes that the file's structure is simple (see read_fast)."""

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from analysis.load.text import COMMA, NEWLINE, QUOTE, TextColumn, TextTable, distinct

THREADED_BYTES = 1 << 20


def read_fast(data: bytes) -> TextTable | None:
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
    every quote pair wraps a whole cell on one line; else None (see read_fast)."""
    codes = np.frombuffer(data, dtype=np.uint8)
    marks = np.flatnonzero((codes == NEWLINE) | (codes == QUOTE))  # in one pass
    is_quote = codes[marks] == QUOTE
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
    return header, len(ends) - 1, int(np.count_nonzero(codes == COMMA))


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
            columns.append(distinct(again.iloc[:, 0].to_numpy()))
    return columns


def _commas_inside(column: TextColumn) -> int:
    """How many commas the column's cells hold (all quoted, in a file read_fast proved)."""
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
    opens_cell = (opening == 0) | (before == COMMA) | (before == NEWLINE)
    opens_cell[1:] |= doubled
    after = codes[np.minimum(closing + 1, len(codes) - 1)]
    closes_cell = (closing == len(codes) - 1) | (after == COMMA) | (after == NEWLINE)
    closes_cell[:-1] |= doubled
    return bool(opens_cell.all() and closes_cell.all())

"""A CSV file read as text: its header, and each column as positions into its distinct
texts (a million cells of few values cost little), with the facts about the whole file
that let validation skip a check (no control characters, no surrounding spaces)."""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd


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

    `data` holds the bytes of a file read by analysis.load.fastread.read_fast, whose simple structure
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
        return frozenset() if self.data is None else scan_facts(self.data)

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


def distinct(values: np.ndarray) -> TextColumn:
    """A column's cells (an object array, missing where empty) as codes into its distinct texts."""
    codes, texts = pd.factorize(values)
    return TextColumn(codes, np.asarray(texts, dtype=object))


COMMA, NEWLINE, QUOTE, SPACE, TAB = 44, 10, 34, 32, 9


def scan_facts(data: bytes) -> frozenset[str]:
    """What a few passes over the bytes (at C speed) prove for every cell of the file.

    Run on files read by analysis.load.fastread.read_fast, which hold no NUL or CR bytes and no quoted
    line breaks, so every byte below 32 other than a line break is a control
    character in some cell.
    """
    codes = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(codes == QUOTE)
    facts = set()
    ascii_ = data.isascii()
    controls = np.count_nonzero(codes < 32) > data.count(b"\n") or b"\x7f" in data
    c1 = not ascii_ and bool(
        ((codes[:-1] == 0xC2) & (codes[1:] >= 0x80) & (codes[1:] <= 0x9F)).any()
    )
    if not (controls or c1):
        facts.add(NO_CONTROL_CHARACTERS)
    spaces = codes == SPACE
    if b"\t" in data:
        spaces |= codes == TAB
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
        if ((near == NEWLINE) | (near == QUOTE)).any():
            return True
        commas = neighbours[near == COMMA]
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

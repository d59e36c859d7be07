"""The declared shape of every data file: its columns, each with the checks of what
its cells must look like (analysis.load.cells), and the row rules of what must hold
across cells and rows (analysis.load.rules), over the vocabularies of coded values
(analysis.load.vocabulary).

Cells are checked as the text written in the file; the loaders convert types
only after these checks pass, so a conversion can never guess.
"""

import pandas as pd

from analysis.load.cells import (
    ID,
    PARTIAL,
    PARTIAL_IN_RANGE,
    PLAIN,
    TRIMMED,
    URL,
    count,
    day,
    one_of,
    text,
)
from analysis.load.rules import (
    PERIOD_RULES,
    SEX_RULES,
    evidence_fits_source,
    published_after,
    unique,
)
from analysis.load.validation import CellCheck, Column, RowRule, Schema
from analysis.load.vocabulary import (
    ANECDOTE_UNITS,
    EVIDENCE_KINDS,
    ISSUE_FIELDS,
    ISSUE_KINDS,
    LANGUAGES,
    PRESS_FINDINGS,
    SOURCE_KINDS,
)


def sources_schema() -> Schema:
    return Schema(
        (
            text("source_id", ID),
            text("publisher"),
            text("title"),
            text("url", URL),
            Column("published", (PLAIN, TRIMMED, PARTIAL, PARTIAL_IN_RANGE)),
            text("language", one_of(LANGUAGES)),
            text("kind", one_of(SOURCE_KINDS)),
            text("note", required=False),
        ),
        (unique("source_id"),),
    )


class Sources:
    """What other tables need to know about sources.csv: its ids, each source's kind,
    and the latest day each source's publication date can mean."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.ids = frame["source_id"].tolist()
        self.kinds: dict[str, str] = dict(zip(frame["source_id"], frame["kind"], strict=True))
        self.published_to: dict[str, pd.Timestamp] = dict(
            zip(frame["source_id"], frame["published_to"], strict=True)
        )


SOURCE_KEY = ("sources", "source_id")
"""What a source_id column of another table refers to."""


def _source_id(sources: Sources) -> Column:
    """A reference to sources.csv, whose ids have passed ID_PATTERN: being known implies it."""
    known = CellCheck(
        "unknown source_id: not in sources.csv", lambda cells: cells.text.isin(sources.ids)
    )
    return text("source_id", known, refers_to=SOURCE_KEY)


def _counts_with_provenance(sources: Sources) -> tuple[Column, ...]:
    """Men, women, total, and where the figure comes from: shared by arrivals and cumulative."""
    return (
        count("men", required=False),
        count("women", required=False),
        count("total", required=True),
        _source_id(sources),
        text("evidence", one_of(EVIDENCE_KINDS)),
        text("quote"),
    )


def arrivals_schema(sources: Sources) -> Schema:
    """Arrivals per period as each source reported them."""
    return Schema(
        (
            day("period_start", required=False),
            day("period_end"),
            *_counts_with_provenance(sources),
        ),
        (
            *SEX_RULES,
            *PERIOD_RULES,
            evidence_fits_source(sources.kinds),
            published_after("period_end", sources.published_to),
            unique("source_id", "period_start", "period_end"),
        ),
    )


def cumulative_schema(sources: Sources) -> Schema:
    """Cumulative arrivals since records began, as reported at a date."""
    return Schema(
        (day("as_of"), *_counts_with_provenance(sources)),
        (
            *SEX_RULES,
            evidence_fits_source(sources.kinds),
            published_after("as_of", sources.published_to),
            unique("as_of", "source_id"),
        ),
    )


TABLE_DATING = ("publication", "earliest_evidence", "contents")


def table_dates_schema(sources: Sources) -> Schema:
    """Each MOU table's reference date, and whether its `published` date in sources.csv
    is its publication, only the earliest evidence that it was public, or an interval
    read from what it holds."""
    tables = [i for i, kind in sources.kinds.items() if kind == "official_table"]
    known = CellCheck("not an official_table in sources.csv", lambda cells: cells.text.isin(tables))
    return Schema(
        (
            text("source_id", known, refers_to=SOURCE_KEY),
            day("reference_date"),
            text("dated_by", one_of(TABLE_DATING)),
            text("note"),
        ),
        (unique("source_id"),),
    )


def anecdotes_schema(sources: Sources) -> Schema:
    """Counts reported by individual sources, with a low and (if known) high value."""

    def low_not_above_high(frame: pd.DataFrame) -> "pd.Series[bool]":
        low, high = frame["low"], frame["high"]
        return high.isna() | low.isna() | (low <= high)

    return Schema(
        (
            text("figure_id", ID),
            text("quantity"),
            count("low", required=True),
            count("high", required=False),
            text("unit", one_of(ANECDOTE_UNITS)),
            day("period_start", required=False),
            day("period_end", required=False),
            text("place"),
            _source_id(sources),
            text("quote"),
            text("note", required=False),
        ),
        (
            RowRule("low must not be above high", ("low", "high"), low_not_above_high),
            PERIOD_RULES[0],
            published_after("period_end", sources.published_to),
            unique("figure_id"),
        ),
    )


def press_findings_schema(sources: Sources) -> Schema:
    """Press findings recorded with the reason they are what they are (as `recorded` in
    the claims registry does for the article's verdicts)."""
    return Schema(
        (
            text("claim_id", ID),
            _source_id(sources),
            text("finding", one_of(PRESS_FINDINGS)),
            text("previous", one_of(PRESS_FINDINGS), required=False),
            text("reason"),
        ),
        (unique("claim_id"),),
    )


def source_issues_schema(sources: Sources) -> Schema:
    """Typos, conflations and disagreements found in sources, kept as data."""
    return Schema(
        (
            text("issue_id", ID),
            _source_id(sources),
            text("table", one_of(("arrivals", "cumulative"))),
            day("period_end"),
            text("field", one_of(ISSUE_FIELDS)),
            text("printed"),
            text("reading", required=False),
            text("kind", one_of(ISSUE_KINDS)),
            text("note"),
        ),
        (unique("issue_id"),),
    )

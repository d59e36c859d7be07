"""What a verdict rests on: every figure a check used, each with the file and
line it was read from and the source that published it, and the arithmetic
with the numbers filled in. A reader can follow any verdict to a URL without
running code or searching."""

from dataclasses import dataclass, field
from typing import Any

from analysis.claims.verdicts import Verdict


@dataclass(frozen=True)
class Source:
    """Who published a figure, when and where (a row of data/sources.csv)."""

    id: str
    publisher: str
    title: str
    published: str  # YYYY, YYYY-MM or YYYY-MM-DD: as precise as is known
    url: str
    line: int  # in data/sources.csv
    dated: str  # the date in words, e.g. an MOU table's "figures to September 2020; public by 2026"


@dataclass(frozen=True)
class Figure:
    """One value a check read, located to its cell."""

    label: str  # what it is: "women, 2017"
    value: int | float | str
    file: str  # "data/arrivals.csv"
    line: int
    column: str
    source: Source
    vintage: str  # which series it belongs to, in words
    note: str = ""  # e.g. that a figure is inferred from a later table, and the evidence for it

    @property
    def cell(self) -> tuple[str, int, str]:
        return (self.file, self.line, self.column)


@dataclass(frozen=True)
class Evidence:
    """The figures, the arithmetic, the band the wording allows, and any revisions.

    `figures` lists exactly the cells the verdict depends on (tests/test_evidence.py
    proves it); `revisions` is context: every published value of a quantity the
    article's date and the latest data disagree on.
    """

    figures: tuple[Figure, ...] = ()
    arithmetic: tuple[str, ...] = ()
    band: str = ""
    revisions: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """A claim evaluated on one vintage: what the data give, the verdict, why, and the evidence.

    `value` is the computed quantity itself (a count, a share, the values an
    ordering compared), `computed` its short text. `problems` are disagreements
    in the data the check found (e.g. a reported total that does not reconcile
    and is not a recorded source issue): `claims --check` fails on them.
    """

    claim_id: str
    vintage: str
    computed: str
    verdict: Verdict
    reason: str
    value: Any = None
    evidence: Evidence = field(default_factory=Evidence)
    problems: tuple[str, ...] = ()

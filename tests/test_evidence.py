"""Every verdict's evidence lists exactly the cells it rests on.

Each cell listed in any claim's evidence (on either vintage) is changed by one
in a copy of data/ (keeping the row valid: men + women = total), and so is a
sample of cells no claim lists. Then exactly the outcomes that list a changed
cell must change, and no other: a check that read a cell without listing it,
or listed one it did not use, fails here. The last tests show the harness
catching both kinds of fault.
"""

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from analysis import claims, paths
from analysis.claims import checks, declare, reading
from analysis.claims.claim import Registry
from analysis.load.datasets import Data, load

Cell = tuple[str, int, str]  # (file, line, column), as evidence names it
COUNTS = ("men", "women", "total")
SAMPLE_SIZE = 24
Outcomes = dict[tuple[str, str], claims.Outcome]


def _outcomes(data: Data) -> Outcomes:
    """Every claim on every recorded vintage, evaluated afresh on `data`."""
    inputs = claims.inputs_for(data)
    return {
        (claim.id, vintage): claims.evaluate_claim(claim, vintage, inputs)
        for claim in inputs.registry.claims
        for vintage in claims.VINTAGES
    }


def _signature(outcome: claims.Outcome) -> tuple[Any, ...]:
    """What a check computes: its value, verdict and words (not the evidence it lists)."""
    return (outcome.value, outcome.verdict, outcome.computed, outcome.reason)


@pytest.fixture(scope="module")
def baseline(data: Data) -> Outcomes:
    return _outcomes(data)


@pytest.fixture(scope="module")
def registry(data: Data) -> Registry:
    return claims.inputs_for(data).registry


@dataclass(frozen=True)
class Edit:
    """A consistent change of one cell (and the cells that must move with it)."""

    cell: Cell
    touched: frozenset[Cell]


def _csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows


def _shift_day(text: str, days: int) -> str:
    return (date.fromisoformat(text) + timedelta(days=days)).isoformat()


def _apply(data_dir: Path, cell: Cell) -> frozenset[Cell]:
    """Change `cell` by one in the copy at `data_dir`; return every cell changed."""
    file, line, column = cell
    path = data_dir / Path(file).relative_to("data")
    if path.suffix == ".toml":
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        key, value = lines[line - 1].split(" = ")
        step = -1 if column == "eras.used" else 1  # the era used must stay one of the alternatives
        lines[line - 1] = f"{key} = {int(value) + step}\n"
        path.write_text("".join(lines), encoding="utf-8")
        return frozenset({cell})
    import csv
    import io

    header, rows = _csv_rows(path)
    row = rows[line - 1]
    at = {name: i for i, name in enumerate(header)}
    touched = {cell}

    def bump(name: str, by: int = 1) -> None:
        row[at[name]] = str(int(row[at[name]]) + by)
        touched.add((file, line, name))

    if column in COUNTS:
        bump(column)
        partner = {"total": "men", "men": "total", "women": "total"}[column]
        if row[at[partner]]:
            bump(partner)
    elif column in ("low", "high"):
        bump(column)
        other = "high" if column == "low" else "low"
        if row[at[other]] and int(row[at["low"]]) > int(row[at["high"]]):
            bump(other)
    elif column in ("period_start", "published"):
        row[at[column]] = _shift_day(row[at[column]], -1 if column == "period_start" else 1)
    elif column == "period_end":
        # earlier where the window allows (a figure may not be published before its end)
        single_day = row[at["period_start"]] == row[at[column]]
        row[at[column]] = _shift_day(row[at[column]], 1 if single_day else -1)
    else:
        raise AssertionError(f"no consistent change defined for {cell}")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return frozenset(touched)


def _listed(outcomes: Outcomes, registry: Registry) -> dict[Cell, set[tuple[str, str]]]:
    """Which outcomes each cell is evidence for; a claim's own stated value counts
    for the claim itself (it is what the check compares with)."""
    listed: dict[Cell, set[tuple[str, str]]] = {}
    for key, outcome in outcomes.items():
        for figure in outcome.evidence.figures:
            listed.setdefault(figure.cell, set()).add(key)
    for key in outcomes:
        claim = registry.get(key[0])
        if isinstance(claim.stated, int):
            own = (registry.file, claim.stated_line, "stated")
            listed.setdefault(own, set()).add(key)
    return listed


def _unlisted_sample(listed: dict[Cell, set[tuple[str, str]]]) -> list[Cell]:
    """Count cells of the data tables that no outcome lists, with their partners
    unlisted too, in a fixed random sample."""
    found = []
    for name in ("arrivals.csv", "cumulative.csv"):
        header, rows = _csv_rows(paths.DATA_DIR / name)
        for line, row in enumerate(rows[1:], start=2):
            for column in COUNTS:
                cells = {(f"data/{name}", line, c) for c in COUNTS}
                if row[header.index(column)] and not cells & set(listed):
                    found.append((f"data/{name}", line, column))
    return random.Random(2018).sample(sorted(found), SAMPLE_SIZE)


def check_cell(cell: Cell, copy: Path, baseline: Outcomes, registry: Registry) -> list[str]:
    """Change `cell` in `copy`, a copy of data/ (whose deep dive's registry is
    `registry`); return the outcomes that broke the rule."""
    touched = _apply(copy, cell)
    after = _outcomes(load(copy))
    listed = _listed(baseline, registry)
    expected = set().union(*(listed.get(c, set()) for c in touched))
    changed = {k for k, o in after.items() if _signature(o) != _signature(baseline[k])}
    if cell[2] == "published":
        # A publication date also decides which figures stand in every vintage (the
        # vintage rule, tests/test_vintages.py); evidence lists a date only where it is
        # itself the figure compared, so only that direction is asserted for dates.
        changed &= expected
    return [
        f"{cell}: {k} changed but does not list the cell" for k in sorted(changed - expected)
    ] + [f"{cell}: {k} lists the cell but did not change" for k in sorted(expected - changed)]


def _cells() -> Iterator[Cell]:
    data = load(paths.DATA_DIR)
    listed = _listed(_outcomes(data), claims.inputs_for(data).registry)
    yield from sorted(listed)
    yield from _unlisted_sample(listed)


CELLS = list(_cells())


def test_every_outcome_lists_its_figures_with_sources(
    baseline: Outcomes, registry: Registry
) -> None:
    for (claim_id, vintage), outcome in baseline.items():
        claim = registry.get(claim_id)
        needs_figures = claim.check not in {"anecdotes.source_reported"} or claim.args.get(
            "figures"
        )
        if needs_figures:
            assert outcome.evidence.figures, f"{claim_id} [{vintage}] lists no figure"
        for figure in outcome.evidence.figures:
            assert figure.source.url.startswith("https://") or figure.source.url.startswith(
                "http://"
            )
            own = r"data/articles/[a-z0-9-]+/(article|claims)\.toml"
            assert re.fullmatch(rf"data/[a-z_]+\.csv|{own}", figure.file) and figure.line > 1


@pytest.mark.parametrize("cell", CELLS, ids=[f"{f}:{n}:{c}" for f, n, c in CELLS])
def test_evidence_is_exact(
    cell: Cell, data_copy: Path, baseline: Outcomes, registry: Registry
) -> None:
    assert check_cell(cell, data_copy, baseline, registry) == []


def test_the_sample_covers_every_table_and_both_directions() -> None:
    files = {c[0] for c in CELLS}
    assert {"data/arrivals.csv", "data/cumulative.csv", "data/border_arrests.csv"} <= files
    assert len(CELLS) > SAMPLE_SIZE + 50


def _cell_of(data: Data, period: str) -> Cell:
    """The cell of MOU's 2020 table (the article's back-series) for `period`'s arrivals."""
    series = data.reports
    row = series[
        (series["period_end"] == f"{period}-12-31")
        & (series["period_start"] == f"{period}-01-01")
        & (series["source_id"] == "mou-table-2020-09")
    ]
    [line] = row["line"].tolist()
    return ("data/arrivals.csv", int(line), "total")


def test_the_harness_catches_a_check_that_reads_a_cell_it_does_not_list(
    data: Data, data_copy: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    honest = checks.CHECKS["figures.value"]

    def peeking(r: reading.Reading) -> claims.Outcome:
        outcome = honest(r)
        hidden: Any = r.ctx.article_series["2010"].row.total  # behind the Reading's back
        return claims.Outcome(
            outcome.claim_id,
            outcome.vintage,
            outcome.computed,
            outcome.verdict,
            outcome.reason,
            (outcome.value, int(hidden)),
            outcome.evidence,
        )

    monkeypatch.setitem(checks.CHECKS, "figures.value", declare.Check(peeking, honest.args))
    problems = check_cell(_cell_of(data, "2010"), data_copy, _outcomes(data), registry)
    assert any("arrivals-2017" in p and "does not list" in p for p in problems), problems


def test_the_harness_catches_a_check_that_lists_a_cell_it_does_not_use(
    data: Data, data_copy: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    honest = checks.CHECKS["figures.value"]

    def padding(r: reading.Reading) -> claims.Outcome:
        r.figure("2010", "total", then=True)  # listed, never used
        return honest(r)

    monkeypatch.setitem(checks.CHECKS, "figures.value", declare.Check(padding, honest.args))
    problems = check_cell(_cell_of(data, "2010"), data_copy, _outcomes(data), registry)
    assert any("arrivals-2017" in p and "did not change" in p for p in problems), problems

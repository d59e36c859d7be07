"""No generated sentence can contradict a verdict (issue 18).

For each claim of the deep dive the data can check, a consistent change of the data its
verdict rests on (found from its own evidence: file, line and column) flips the verdict
in a copy of data/. Then every sentence generated from the verdicts (each notebook's
conclusion, the changes since the article, the index's bottom line, summary and
statements about the article's year, the article page's bottom line, the README's
bottom line, the arrivals chart's title) must name each claim under its verdict on the
new data, and under no other: the prose is generated, not typed, so it follows.

The anecdotes rest on the article's anonymous sources: their verdict is "not
verifiable" whatever the data, so no data change flips it. Their sentences are shown to
follow their verdicts anyway, by giving them another verdict directly.

Each flip is checked without building the report (a build takes a minute);
tests/test_report_builds.py builds one corrected copy whole."""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from analysis import claims, paths
from analysis.claims.claim import Claim
from analysis.load.datasets import load
from analysis.load.problems import DataValidationError
from analysis.show import bottomline, conclusions, markdown, plots
from analysis.site import articles, report
from tests.conftest import deep_dive

THEN, NOW = claims.VINTAGES
Verdict = claims.Verdict
Edit = tuple[str, int, str, float]  # file, line, column, and how: a factor or a step
COUNTS = ("men", "women", "total")
DATES = ("published", "period_start", "period_end")
STATISTICAL = [c.id for c in deep_dive().claims if c.kind != "source_reported"]
ANECDOTES = [c.id for c in deep_dive().claims if c.kind == "source_reported"]


@pytest.fixture(scope="module")
def base() -> claims.Results:
    return claims.results(load(paths.DATA_DIR))


# --- flipping a verdict by a consistent change of its data ---------------------------


def _candidates(claim: Claim, results: claims.Results) -> Iterator[Edit]:
    """Changes of the cells the claim's verdicts rest on, last listed first (an ordering
    lists the year it is about last; a figure's own cell is its only one)."""
    cells: list[tuple[str, int, str]] = []
    for vintage in claims.VINTAGES:
        for figure in results.outcome(claim.id, vintage).evidence.figures:
            if figure.cell not in cells:
                cells.append(figure.cell)
    for file, line, column in reversed(cells):
        if column in COUNTS:
            yield from ((file, line, column, factor) for factor in (0.5, 10))
        elif column in DATES:
            yield from ((file, line, column, step) for step in (-1, 1))
        elif column in ("eras.used", "stated"):
            yield file, line, column, -1


def _number(value: int) -> re.Pattern[str]:
    """A number as written in prose, not part of a longer one."""
    return re.compile(rf"(?<![\d,]){re.escape(f'{value:,}')}(?![\d,])")


def _edit_toml(data_dir: Path, file: str, line: int, step: int) -> None:
    """A registry's or an article's integer setting moved by `step`; a claim's stated
    figure also where the article prints it (its text and every quote of it)."""
    path = data_dir / Path(file).relative_to("data")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    key, value = lines[line - 1].rstrip("\n").split(" = ")
    old = int(value)
    lines[line - 1] = f"{key} = {old + step}\n"
    path.write_text("".join(lines), encoding="utf-8")
    if key != "stated":
        return
    for printed in (path, path.with_name("article.toml")):
        text = printed.read_text(encoding="utf-8")
        changed = [
            _number(old).sub(f"{old + step:,}", row) if row.startswith(("quote", "    ")) else row
            for row in text.splitlines(keepends=True)
        ]
        printed.write_text("".join(changed), encoding="utf-8")


def _apply(data_dir: Path, edit: Edit) -> None:
    """Change one cell of the copy at `data_dir`, keeping its row whole (men + women =
    total) and a day a valid day."""
    file, line, column, how = edit
    if file.endswith(".toml"):
        return _edit_toml(data_dir, file, line, int(how))
    path = data_dir / Path(file).relative_to("data")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    at = {name: i for i, name in enumerate(rows[0])}
    row = rows[line - 1]
    if column in COUNTS:
        old = int(row[at[column]])
        new = round(old * how)
        row[at[column]] = str(new)
        partner = {"total": "women", "men": "total", "women": "total"}[column]
        if row[at[partner]]:
            row[at[partner]] = str(int(row[at[partner]]) + new - old)
    else:
        day = date.fromisoformat(row[at[column]]) + timedelta(days=int(how))
        row[at[column]] = day.isoformat()
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _verdicts(results: claims.Results, claim_id: str) -> tuple[Verdict, Verdict]:
    return results.outcome(claim_id, THEN).verdict, results.outcome(claim_id, NOW).verdict


def flip(claim_id: str, base: claims.Results, copy: Path) -> tuple[Edit, claims.Results]:
    """The first change of the claim's evidence that flips its verdict on either vintage,
    and every claim evaluated on the changed copy."""
    claim = base.registry.get(claim_id)
    tried = []
    for edit in _candidates(claim, base):
        path = copy / Path(edit[0]).relative_to("data")
        touched = (path, path.with_name("article.toml")) if path.suffix == ".toml" else (path,)
        originals = {p: p.read_bytes() for p in touched}
        try:
            _apply(copy, edit)
            results = claims.results(load(copy))
        except DataValidationError:
            tried.append(f"{edit}: invalid data")
            continue
        finally:
            for saved, content in originals.items():
                saved.write_bytes(content)
        if _verdicts(results, claim_id) != _verdicts(base, claim_id):
            return edit, results
        tried.append(f"{edit}: same verdicts")
    raise AssertionError(f"no change of its evidence flips {claim_id}: {tried}")


# --- what the generated prose must say ----------------------------------------------


def _bare(line: str) -> str:
    """A line without its links' text (a quote may contain any words)."""
    return re.sub(r"\[[^\]]*(?:\\\][^\]]*)*\]\([^)]*\)", "[]", line)


def _says(line: str, verdict: Verdict) -> bool:
    words = claims.words(verdict)
    return words.one in line or words.many in line


def _either(verdict: Verdict) -> str:
    words = claims.words(verdict)
    return f"{re.escape(words.one)}|{re.escape(words.many)}"


def _line_naming(text: str, claim_id: str) -> str:
    lines = [line for line in text.splitlines() if f"#{claim_id})" in line]
    assert len(lines) == 1, f"{claim_id} named {len(lines)} times in:\n{text}"
    return _bare(lines[0])


def _names_under(text: str, claim_id: str, then: Verdict, now: Verdict) -> None:
    """The one line that names the claim gives its verdicts and no other."""
    line = _line_naming(text, claim_id)
    if then == now:
        assert _says(line, now), (claim_id, now, line)
    else:
        assert re.search(rf"({_either(then)}) on MOU's figures", line), (claim_id, then, line)
        assert re.search(rf"on the latest, ({_either(now)})", line), (claim_id, now, line)
    for other in set(Verdict) - {then, now}:
        assert not _says(line, other), (claim_id, other, line)


def _group_before(text: str, claim_id: str) -> Verdict | None:
    """The verdict whose words come last before the claim's link (a list sentence)."""
    at = text.find(f"#{claim_id})")
    if at < 0:
        return None
    found = {
        v: max(text.rfind(w.one, 0, at), text.rfind(w.many, 0, at))
        for v, w in claims.VERDICTS.items()
    }
    return max(found, key=lambda v: found[v])


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def check_prose(results: claims.Results) -> None:
    """Every generated sentence names every claim under its verdicts on `results`."""
    registry = results.registry
    index = report.index_markdown((), [], results, (results,))
    page = articles.bottom_line(results)
    readme = bottomline.summary((results,))
    verdicts = conclusions.Verdicts(results)
    changes = verdicts.changes(conclusions.from_notebook("05_after_the_article.ipynb"))
    summary = articles.summary(results)
    year = int(plots.whole_years(results.inputs.book.arrivals("article"), 0)["year"].max())
    for claim in registry.claims:
        then, now = _verdicts(results, claim.id)
        conclusion = conclusions.notebook_conclusion(results, claim.notebook)
        _names_under(conclusion, claim.id, then, now)
        _names_under(_section(index, "Summary"), claim.id, now, now)
        if str(year) in f"{claim.quote} {claim.quantity}" and now is not Verdict.NOT_VERIFIABLE:
            _names_under(_section(index, "What changed since the article"), claim.id, now, now)
        assert (f"#{claim.id})" in changes) == (then != now), (claim.id, changes)
        expected = None if now in claims.HOLDS else now  # a page names what does not hold
        assert _group_before(page, claim.id) == expected, (claim.id, now, page)
        if claim.kind == "source_reported":
            continue
        named = {
            n.href.split("#")[1]
            for n in summary.revised + summary.contradicted + summary.inconsistent
        }
        kept = now is Verdict.REPRODUCED_AS_PUBLISHED_THEN or then in (
            Verdict.CONTRADICTED,
            Verdict.INTERNALLY_INCONSISTENT,
        )
        assert (claim.id in named) == kept == (f"#{claim.id})" in index.split("\n\n")[1])
        quoted = f"“{markdown.inline(claim.quote)}”" in readme  # contradicted or inconsistent
        revised = f"({markdown.inline(claim.quantity)})" in readme  # revised since
        assert (quoted or revised) == kept, (claim.id, readme)
    held = sum(
        _verdicts(results, c.id)[0] in claims.HOLDS
        for c in registry.claims
        if c.kind != "source_reported"
    )
    assert f"**Bottom line.** {held} of the article's" in index
    lowest = [c for c in registry.claims if c.precision == "ordering" and c.stated == "lowest"]
    era = results.article.eras.used if results.article.eras else None
    title = plots.arrivals_title(plots.whole_years(results.inputs.book.arrivals(THEN), 2002), era)
    for claim in lowest:  # the chart of the article's figures titles the year it is about
        assert title.startswith(f"{year}: the fewest") == (
            _verdicts(results, claim.id)[0] in claims.HOLDS
        )


def test_the_prose_names_every_claim_under_its_verdict(base: claims.Results) -> None:
    check_prose(base)


@pytest.mark.parametrize("claim_id", STATISTICAL)
def test_a_flipped_verdict_changes_every_sentence(
    claim_id: str, base: claims.Results, data_copy: Path
) -> None:
    edit, flipped = flip(claim_id, base, data_copy)
    before, after = _verdicts(base, claim_id), _verdicts(flipped, claim_id)
    assert before != after, edit
    check_prose(flipped)
    claim = base.registry.get(claim_id)
    line = _line_naming(conclusions.notebook_conclusion(flipped, claim.notebook), claim_id)
    for old in set(before) - set(after):
        assert not _says(line, old), (claim_id, edit, old, line)


def test_the_anecdotes_sentences_follow_their_verdicts(base: claims.Results) -> None:
    """No data change can verify an anecdote; given another verdict, every sentence
    names it there instead, so the sentences come from the verdicts, not the wording."""
    assert all(_verdicts(base, c) == (Verdict.NOT_VERIFIABLE,) * 2 for c in ANECDOTES)
    given = {c: (Verdict.CONTRADICTED, Verdict.REPRODUCED) for c in ANECDOTES[::2]}
    outcomes = tuple(
        replace(o, verdict=given[o.claim_id][claims.VINTAGES.index(o.vintage)])
        if o.claim_id in given
        else o
        for o in base.outcomes
    )
    changed = replace(base, outcomes=outcomes)
    check_prose(changed)
    text = conclusions.notebook_conclusion(changed, base.registry.get(ANECDOTES[0]).notebook)
    assert not _says(_line_naming(text, ANECDOTES[0]), Verdict.NOT_VERIFIABLE)

"""No markdown cell of a notebook states a verdict or a figure. Every finding a
notebook states is generated from the verdicts and the data (a prose cell: see
analysis.show.conclusions and analysis.show.statements), so a correction of the data
cannot leave a typed conclusion behind that the new verdicts contradict.

A markdown cell may hold the article's own words (in “curly quotes”), the registry's
title and question (tests/test_notebooks.py checks them against the registry), code,
links, years as labels, definitions of terms (a list item opening with an italic term)
and method. The sentences the notebooks used to state by hand are kept below as
examples the check must flag, so it cannot quietly stop catching them."""

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from analysis.show import conclusions
from analysis.site import notebooks
from tests.conftest import deep_dive

NOTEBOOKS = notebooks.notebook_paths()

FINDING_WORDS = re.compile(
    r"\b(holds?|held|holding|reproduc\w*|contradict\w*|verif\w*|unverifi\w*|exact(ly)?"
    r"|lowest|highest|fewest|fewer|most|low|collaps\w*|fell|rose|dropped|increased"
    r"|decreased|restated|revised|moved|accounted|inconsistent|still)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(19|20)\d\d\b")  # a year names what a section is about
EXEMPT = (
    re.compile(r"“[^”]*”"),  # the article's words
    re.compile(r"`[^`]*`"),  # code, files, claim ids
    re.compile(r"<[^>]+>"),  # anchors
    re.compile(r"\]\([^)]*\)"),  # link destinations
    re.compile(r"^- \*[^*]+\*:.*$", re.MULTILINE),  # a definition of a term
)


def stated_findings(text: str, header: bool = False) -> list[str]:
    """The verdict words and figures a markdown cell states outside what it may hold;
    `header`: the notebook's first cell, whose title and question are the registry's."""
    if header:
        text = re.sub(r"\A# .*$|^\*\*Question:\*\* .*$", "", text, flags=re.MULTILINE)
    for pattern in EXEMPT:
        text = pattern.sub(" ", text)
    words = [m.group(0) for m in FINDING_WORDS.finditer(text)]
    figures = re.findall(r"\S*\d\S*", YEAR.sub(" ", text))
    return words + figures


def _markdown_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_markdown_cell_states_a_finding(path: Path) -> None:
    for index, text in enumerate(_markdown_cells(path)):
        found = stated_findings(text, header=index == 0)
        assert not found, f"{path.name}, markdown cell {index + 1}: {found} in {text[:80]!r}"


# What the notebooks stated by hand before their findings were generated (issue 18).
TYPED_FINDINGS = [
    "Every figure of this passage reproduces exactly, on MOU's figures as published then "
    "and on the latest.",
    "## 2017: the lowest year of the era",
    "## The years between: fluctuating, but low",
    "## Fewer than the year before, and again the lowest",
    "MOU's first release gave the split the article quotes; later tables moved one person "
    "from the men's column to the women's, keeping the total.",
    "The shares hold on both vintages; the split by sex holds only as first published.",
    "None of the anecdotes can be verified.",
    "The rule reproduces most exactly; each mismatch is a known source issue.",
    "The article's cumulative totals are exactly MOU's figures as published in January 2018.",
    "North Korea sealed its border in January 2020 and arrivals collapsed.",
    "Only the figures MOU restated: 2017's split by sex and, through it, the cumulative "
    "number of women.",
    "The article's statistics hold, apart from one small restatement.",
    "Every press figure is accounted for.",
    "A rise of that size means 2.5 times the count of the same period a year earlier.",
]
METHOD = [
    "## 2017 against the era",
    "The era is counted from the year the article gives (Kim Jong Il died in December 2011).",
    "### “the lowest annual number since Kim Jong Un came to power in 2012”",
    '<a id="arrivals-2017"></a>',
    "- *Stale*: it repeats an older figure that had already been replaced.",
]


@pytest.mark.parametrize("text", TYPED_FINDINGS)
def test_a_typed_finding_is_flagged(text: str) -> None:
    assert stated_findings(text)


@pytest.mark.parametrize("text", METHOD)
def test_method_and_the_articles_words_are_not(text: str) -> None:
    assert stated_findings(text) == []


def test_generated_prose_is_inert() -> None:
    """A quote or an id that reaches a generated sentence stays literal text: it cannot
    end its link, open one or become HTML."""
    claim = deep_dive().claims[0]
    hostile = replace(claim, id="x) [y](javascript:z", quote="<b>*x*</b>](evil) [a](b)")
    text = conclusions.link(hostile, conclusions.from_notebook(claim.notebook))
    assert text == (
        "[“\\<b\\>\\*x\\*\\</b\\>\\]\\(evil\\) \\[a\\]\\(b\\)”](#x%29%20%5By%5D%28javascript:z)"
    )

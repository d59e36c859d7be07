"""The README leads with the findings: the bottom line and the verdict counts on its
first screen, generated from the verdicts (speed and mutation testing further down)."""

from collections.abc import Callable
from pathlib import Path

from analysis import claims
from analysis.load.datasets import Data, load
from analysis.show import bottomline, readme


def test_the_readme_leads_with_the_bottom_line() -> None:
    text = readme.README.read_text(encoding="utf-8")
    lines = text.splitlines()
    first_screen = "\n".join(lines[:40])
    assert "<!-- generated:summary -->" in first_screen
    assert "**The bottom line.**" in first_screen
    assert "| reproduced exactly | 14 | 11 |" in first_screen
    order = [text.index(h) for h in ("**The bottom line.**", "## Findings", "## Quick start")]
    assert order == sorted(order)
    assert text.index("## Findings") < text.index("**Speed**")
    assert text.index("## Findings") < text.index("**Mutation testing**")


def test_the_bottom_line_comes_from_the_verdicts(
    data: Data, data_copy: Path, edit_csv: Callable[[Path, str, str, str], None]
) -> None:
    """No count or figure in it is typed: restore MOU's latest 2017 split to the article's
    189 and 938 (the cumulative total of women follows) and the revisions leave the
    bottom line, and the counts move."""
    before = bottomline.summary(claims.every_result(data))
    assert "MOU has since revised 189 to 188 (men arriving in 2017), 938 to 939" in before
    assert "none is contradicted" in before and "The 8 claims about arrests" in before
    assert "| as published then | 0 | 3 |" in before
    edit_csv(data_copy / "arrivals.csv", ",188,939,1127,", ",189,938,1127,", "mou-table-2025-06")
    after = bottomline.summary(claims.every_result(load(data_copy)))
    assert "MOU has since revised" not in after and "as published then" not in after
    assert "| reproduced exactly | 14 | 14 |" in after and "none is contradicted" in after

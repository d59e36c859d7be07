"""The report in a real browser at 390 px (a phone: touch, high-density screen): every
page loads cleanly, fits the screen and has no accessibility violation
(tests/report_site.py), and the pages the claims' work made endless, and those whose
secondary material now folds, are a quarter of their height or less. Each width has a
file of its own, so that the two run side by side."""

from collections.abc import Callable
from pathlib import Path

from tests.report_site import HEIGHTS, recorded_problems

# Each page's height at 390 px before the claim cards (issue 18, item 4): measured on
# 2026-12-07 on main at 9b50555 (`make report`, then tests/report_site.py's phone viewport,
# `document.documentElement.scrollHeight` once the page had loaded), in CSS px.
BEFORE = {
    "index.html": 13264,
    "data.html": 15437,
    "reproduce.html": 1791,
    "01_arrivals_under_kim_jong_un.html": 56934,
    "02_women_among_arrivals.html": 58343,
    "03_border_arrests.html": 17298,
    "04_data_revisions.html": 68644,
    "05_after_the_article.html": 5032,
    "06_scorecard.html": 5564,
    "07_press_figures.html": 9355,
    "articles/dailynk-2018-01.html": 14048,
    "articles/kbs-2020-01.html": 4001,
    "articles/nknews-2019-01.html": 4354,
}
# Each must now be at most a quarter of its height then: the pages every figure of every
# claim's work made endless (the issue measured them at 58,000-71,000 px), the pages whose
# long tables, lists and charts now fold below a one-line summary (the index, the data
# dictionary, the scorecard, the press figures), the anecdotes, whose cards now fold each
# reason with its work, and the article pages, whose cards fold by verdict. Two are not
# held to it: reproduce.html (1,791 px then, about two screens) and 05 (5,032 px then,
# never endless; its long tables fold, and its chart and conclusions are the page).
ENDLESS = (
    "index.html",
    "data.html",
    "01_arrivals_under_kim_jong_un.html",
    "02_women_among_arrivals.html",
    "03_border_arrests.html",
    "04_data_revisions.html",
    "06_scorecard.html",
    "07_press_figures.html",
    "articles/dailynk-2018-01.html",
    "articles/kbs-2020-01.html",
    "articles/nknews-2019-01.html",
)


def test_every_page_works_in_a_real_browser_at_phone_width(
    built: Path, server: str, record_property: Callable[[str, object], None]
) -> None:
    problems = recorded_problems("phone", built, server, record_property)
    heights = HEIGHTS["phone"]
    for page, px in sorted(heights.items()):
        record_property(f"height_px_{page}", px)
    problems += [
        f"{page} (phone): {heights[page]} px tall, over a quarter of {BEFORE[page]} px"
        for page in ENDLESS
        if heights[page] > BEFORE[page] / 4
    ]
    assert problems == []

"""The report in a real browser at 1,280 px: every page loads cleanly, fits the
screen and has no accessibility violation (tests/report_site.py). Each width has a file
of its own, so that the two run side by side."""

from collections.abc import Callable
from pathlib import Path

from tests.report_site import SMALLEST, page_problems


def test_every_page_works_in_a_real_browser_at_desktop_width(
    built: Path, server: str, record_property: Callable[[str, object], None]
) -> None:
    problems = page_problems("desktop", built, server)
    for page, px in sorted(SMALLEST["desktop"].items()):
        if px != float("inf"):
            record_property(f"desktop_chart_text_px_{page}", round(px, 1))
    assert problems == []

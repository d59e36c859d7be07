"""The report in a real browser at 1,280 px: every page loads cleanly, fits the
screen and has no accessibility violation (tests/report_site.py). Each width has a file
of its own, so that the two run side by side."""

from pathlib import Path

from tests.report_site import page_problems


def test_every_page_works_in_a_real_browser_at_desktop_width(built: Path, server: str) -> None:
    assert page_problems("desktop", built, server) == []

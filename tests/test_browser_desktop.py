"""The report in a real browser at 1,280 px: every page loads cleanly, fits the
screen and has no accessibility violation (tests/report_site.py). Each width has a file
of its own, so that the two run side by side."""

from collections.abc import Callable
from pathlib import Path

from tests.report_site import recorded_problems


def test_every_page_works_in_a_real_browser_at_desktop_width(
    built: Path, server: str, record_property: Callable[[str, object], None]
) -> None:
    assert recorded_problems("desktop", built, server, record_property) == []

"""The report: self-contained pages (nothing loaded from another host), every
claim in the scorecard, every image present; figures saved with identical bytes."""

import re
from pathlib import Path

import pytest

from analysis import claims, plots, report, vintages


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report")
    report.build(target)
    return target


def test_pages_load_nothing_from_other_hosts(built: Path) -> None:
    pages = sorted(built.glob("*.html"))
    assert len(pages) == 7
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=\"(https?:)?//", text), (
            page.name
        )
        assert "@import" not in text and "url(http" not in text, page.name


def test_index_shows_every_claim_and_local_figures(built: Path) -> None:
    index = (built / "index.html").read_text(encoding="utf-8")
    for claim in claims.load_registry().claims:
        assert f">{claim.id}<" in index, claim.id
    for source in re.findall(r'<img src="([^"]+)"', index):
        assert (built / source).stat().st_size > 0, source


def test_figures_are_saved_with_identical_bytes(tmp_path: Path) -> None:
    """Two builds draw two fresh figures: their files must match byte for byte."""
    plots.use_house_style()
    saved = [
        plots.save(
            plots.arrivals_by_sex(vintages.arrivals("article"), "as published then"),
            "a",
            tmp_path / run,
        )
        for run in ("one", "two")
    ]
    assert [p.read_bytes() for p in saved[0]] == [p.read_bytes() for p in saved[1]]

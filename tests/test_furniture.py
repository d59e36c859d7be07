"""A publication's furniture: every page says who made it, under which licence, of
when (never the clock's date), and how to cite it; search finds figures; no empty
index page."""

import re
from datetime import date
from pathlib import Path

import pytest

from analysis import paths
from analysis.site import furniture, search
from tests.report_site import pages


def test_every_page_has_authors_licence_date_and_how_to_cite(built: Path) -> None:
    cite = furniture.citation()
    day, commit = furniture.built(cite)
    for name in pages():
        page = (built / name).read_text(encoding="utf-8")
        [footer] = re.findall(r'<p class="furniture">(.*?)</p>', page, re.DOTALL)
        text = " ".join(re.sub(r"<[^>]+>", "", footer).split())
        assert f"By {cite.authors}." in text, name
        assert f"Version of {day.day} {day:%B %Y} (commit {commit})." in text, name
        assert "Code under the MIT licence;" in text, name
        target = {
            "reproduce.html": "",
            **{p: "../reproduce.html" for p in pages() if "/" in p},
        }.get(name, "reproduce.html")
        assert f'href="{target}#how-to-cite">How to cite</a>' in footer, name
    reproduce = (built / "reproduce.html").read_text(encoding="utf-8")
    assert 'id="how-to-cite"' in reproduce
    assert cite.title.split("NK's ")[1] in reproduce  # typographic quotes before
    assert "@software{defector_claims," in re.sub(r"<[^>]+>", "", reproduce)


def test_the_citation_is_citation_cff() -> None:
    cite = furniture.citation()
    text = (paths.ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'title: "{cite.title}"' in text
    assert f'  - name: "{cite.authors}"' in text
    assert f"version: {cite.version}" in text and cite.licence == "MIT"
    assert cite.released == date(2026, 11, 29)
    assert cite.text().startswith(f"{cite.authors} (2026). {cite.title}. Version")


def test_the_date_is_never_the_clocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH when set, else the commit's day, else CITATION.cff's release."""
    cite = furniture.citation()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1515283200")  # 2018-01-07 00:00 UTC
    assert furniture.built(cite)[0] == date(2018, 1, 7)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.setattr(furniture, "_git", lambda *args: "abc1234 1764979200")
    assert furniture.built(cite) == (date(2025, 12, 6), "abc1234")
    monkeypatch.setattr(furniture, "_git", lambda *args: "")  # no git: a copy of the files
    assert furniture.built(cite) == (cite.released, "")


def test_search_finds_figures_as_printed(built: Path) -> None:
    """Numbers are words to the search: in the index, and in a query (the same split)."""
    assert search.words("Of the total 31,339 North Koreans; 938 females; a 150% rise") == [
        "Of", "the", "total", "n31339", "North", "Koreans", "n938", "females", "a", "n150", "rise"
    ]  # fmt: skip
    index = (built / "searchindex.js").read_text(encoding="utf-8")
    for term in ("n31339", "n938", "n150", "n22345"):
        assert f'"{term}":' in index, term
    assert "var splitQuery = function (query)" in (
        built / "_static" / "language_data.js"
    ).read_text(encoding="utf-8")


def test_no_empty_index_page(built: Path) -> None:
    assert not (built / "genindex.html").exists()
    for page in built.glob("*.html"):
        assert "genindex.html" not in page.read_text(encoding="utf-8"), page.name

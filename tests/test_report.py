"""The report: a Sphinx site built from the executed notebooks and the data. It is
self-contained (every link resolves inside the build, except the sources' URLs and
the article) and its index states the findings computed from the data. The browser
checks are in test_browser_*.py, whole builds in test_report_builds.py."""

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from analysis import claims, paths, vintages
from analysis.load import datasets
from analysis.show import charts, plots
from analysis.site import buildfolder, notebooks, report
from tests.conftest import deep_dive
from tests.report_site import GENERATED, pages


class Links(HTMLParser):
    """Every href and src of a page, and every id it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def _parse(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_notebook_is_a_page_titled_by_its_heading(built: Path) -> None:
    """The page title is the notebook's H1, which tests/test_notebooks.py holds to the
    registry's declared title."""
    registry = deep_dive()
    for notebook in notebooks.notebook_paths():
        page = (built / f"{notebook.stem}.html").read_text(encoding="utf-8")
        title = html.escape(registry.notebook(notebook.name).title)
        assert f"<title>{title} &#8212;" in page, notebook.name
        assert "In [" not in page, f"{notebook.name} shows prompts"
        code_cells = page.count('<div class="cell ')
        assert code_cells > 0
        assert page.count('<div class="cell tag_hide-input') == code_cells, notebook.name
    for notebook in notebooks.notebook_paths():  # the committed notebooks are untouched
        assert "hide-input" not in notebook.read_text(encoding="utf-8")


def test_every_link_stays_inside_the_build(built: Path) -> None:
    """Relative links reach a file of the build (and the id they point at); absolute
    ones go only to the article or to a source's own URL."""
    allowed = {*(a.url for a in datasets.articles()), *datasets.sources()["url"]}
    written = sorted(built.glob("*.html")) + sorted(built.glob("articles/*.html"))
    assert {str(p.relative_to(built)) for p in written} >= set(pages())
    for page in written:
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") or link.startswith("//"):
                assert link in allowed, f"{page.name} links outside the build: {link}"
                continue
            if parts.scheme in ("data", "mailto", "javascript") or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file() and target.is_relative_to(built.resolve()), (
                f"{page.name}: {link} is not in the build"
            )
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in _parse(target).ids, f"{page.name}: {link}"


def test_the_build_holds_the_data_claims_and_figure_data(built: Path) -> None:
    deep_dive_registry = "articles/dailynk-2018-01/claims.toml"
    for name in ("arrivals.csv", "sources.csv", deep_dive_registry, "datapackage.json"):
        assert (built / "data" / name).read_bytes() == (paths.DATA_DIR / name).read_bytes()
    assert '"verdicts"' in (built / "claims.json").read_text(encoding="utf-8")
    assert '"ClaimReview"' in (built / "claimreview.jsonld").read_text(encoding="utf-8")
    for stem in ("arrivals_article", "arrivals_latest", "women_share", "revisions", "scorecard"):
        for suffix in (".png", ".svg", ".csv"):
            assert (built / "figures" / f"{stem}{suffix}").stat().st_size > 0, stem + suffix
    assert not list(built.rglob(".doctrees")) and not list(built.glob(".buildinfo*"))
    published = [str(p.relative_to(built / "data")) for p in (built / "data").rglob("*.*")]
    assert sorted(published) == sorted(report.data_files(datasets.load()))


def test_the_build_writes_its_own_folder_only(built: Path) -> None:
    """The site is marked as the build's; the user's folder beside it is untouched, and
    the build's staging (work) folder is gone."""
    assert buildfolder.is_marked(built)
    assert (built.parent / "report-work" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in built.parent.iterdir()) == ["report", "report-work"]


def test_index_leads_with_findings_and_links_every_claim(built: Path) -> None:
    index = (built / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", index))
    assert text.index("Summary") < text.index("Key figures") < text.index("The claims")
    for revised in ("188", "939", "22,346"):  # the revised figures, computed
        assert f"{revised} now" in text
    assert "The lowest year is 2021, with 63 arrivals" in text
    assert re.search(r"MOU corrected 2025.s total from 224 \(reported on 2026-01-20\) to 223", text)
    for claim in deep_dive().claims:
        page = claim.notebook.removesuffix(".ipynb")
        assert f'href="{page}.html#{claim.id}"' in index, claim.id
    for label in ("reproduced exactly", "as published then", "not verifiable"):
        assert f"<dt>{label}</dt>" in index
    assert "(checked: women" in text  # not "the article says 70"
    for source in re.findall(r'<img [^>]*src="([^"]+)"', index):
        assert (built / source).stat().st_size > 0, source
    assert len(re.findall(r"<figcaption", index)) == 5
    assert re.search(
        r"2017: the fewest arrivals of Kim Jong Un.s era up to then\. 2017 had 1,127", text
    )
    alts = [html.unescape(a) for a in re.findall(r'<img [^>]*alt="([^"]+)"', index)]
    assert len(alts) == 5 and all(re.search(r"\. (Bar|Line) chart of ", alt) for alt in alts)
    assert alts[0].startswith("2017: the fewest arrivals of Kim Jong Un's era up to then. ")
    for name in GENERATED:  # Markdown escapes never reach a page
        assert "\\" not in (built / name).read_text(encoding="utf-8"), name


def _index_text(data_dir: Path) -> str:
    """The index's Markdown as a build on `data_dir` would write it."""
    return report.index_markdown((), [], claims.results(datasets.load(data_dir)))


def test_the_summary_changes_when_a_figure_changes(
    data_copy: Path, edit_csv: Callable[[Path, str, str, str], None]
) -> None:
    """No number in the summary is typed. In a copy of the data, give 2021 one more
    arrival and restore MOU's latest 2017 split to the article's 189 and 938: the index
    then names the new low, and the revised claims hold exactly again."""
    before = _index_text(data_copy)
    assert "The lowest year is 2021, with 63 arrivals" in before
    assert "**11** hold exactly" in before
    assert "**3** hold only as published then" in before and "**939** now" in before
    edit_csv(data_copy / "arrivals.csv", ",40,23,63,", ",41,23,64,", "mou-table-2025-06")
    edit_csv(data_copy / "arrivals.csv", ",188,939,1127,", ",189,938,1127,", "mou-table-2025-06")
    after = _index_text(data_copy)
    assert "The lowest year is 2021, with 64 arrivals" in after
    assert "**14** hold exactly" in after
    assert "only as published then" not in after and "939" not in after


def test_figures_are_saved_with_identical_bytes(tmp_path: Path, book: vintages.Book) -> None:
    """Two builds draw two fresh figures: their files must match byte for byte."""
    plots.use_house_style()
    saved = [
        plots.save_chart(
            plots.arrivals_chart(book.arrivals("article"), "as published then", 2012),
            "a",
            tmp_path / run,
        )
        for run in ("one", "two")
    ]
    assert [p.read_bytes() for p in saved[0]] == [p.read_bytes() for p in saved[1]]


def test_figure_titles_state_the_finding(book: vintages.Book) -> None:
    article = plots.arrivals_chart(book.arrivals("article"), "then", era_start=2012)
    assert article.title == "2017: the fewest arrivals of Kim Jong Un's era up to then"
    share = charts.women_share_chart(book.arrivals("latest"), "latest", era_start=2012)
    small = share.data[share.data["small_sample"]]
    assert small.set_index("year")["total"].to_dict() == {2021: 63, 2022: 67}
    assert "2021" in share.title and "only 63 arrivals" in share.alt


def test_data_text_cannot_become_markup() -> None:
    """Text from the data goes into MyST pages with every markup character escaped, so a
    quote can never turn into a link, emphasis or raw HTML (Sphinx escapes the HTML)."""
    assert report.markdown_text("<b>*x*</b>\n[y](z)") == r"\<b\>\*x\*\</b\> \[y\]\(z\)"


def test_no_page_shows_a_date_after_the_build(built: Path) -> None:
    """Every day written on a page (outside links) is on or before the day of the build,
    and no undated MOU table is said to be public by a year that has not ended: the
    2020 page is shown as posted between October 2020 and January 2021."""
    from datetime import date

    today = date.today()
    for page in sorted(built.rglob("*.html")):
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        for found in re.findall(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
            year, month, day = (int(part) for part in found)
            if 1 <= month <= 12 and 1 <= day <= 31:
                assert date(year, month, day) <= today, (page.name, found)
        assert not re.search(r"public by 20\d\d at the latest", text), page.name
    revisions = (built / "04_data_revisions.html").read_text(encoding="utf-8")
    women = (built / "02_women_among_arrivals.html").read_text(encoding="utf-8")
    assert "posted between October 2020 and January 2021" in revisions + women

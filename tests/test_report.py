"""The report: a Sphinx site built from the executed notebooks and the data. It is
self-contained (every link resolves inside the build, except the sources' URLs and
the article), its index states the findings computed from the data, and in a real
browser, at desktop and phone widths, every page loads cleanly, fits the screen and
has no accessibility violation. Two builds give the same bytes."""

import html
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Page, Request, sync_playwright

from analysis import buildfolder, claims, datasets, notebooks, paths, report, vintages
from analysis.show import plots
from tests.conftest import run_cli_process

GENERATED = ("index.html", "data.html", "reproduce.html")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report, built beside a user's own `report-work` folder (which earlier builds
    wiped as their work folder)."""
    root = tmp_path_factory.mktemp("site")
    (root / "report-work").mkdir()
    (root / "report-work" / "notes.txt").write_text("mine", encoding="utf-8")
    target = root / "report"
    report.build(target)
    return target


def _pages() -> list[str]:
    return [*GENERATED, *(f"{p.stem}.html" for p in notebooks.notebook_paths())]


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
    registry = claims.load_registry()
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
    allowed = {datasets.article().url, *datasets.sources()["url"]}
    pages = sorted(built.glob("*.html"))
    assert {p.name for p in pages} >= set(_pages())
    for page in pages:
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
    for name in ("arrivals.csv", "sources.csv", "claims.toml", "datapackage.json"):
        assert (built / "data" / name).read_bytes() == (paths.DATA_DIR / name).read_bytes()
    assert '"verdicts"' in (built / "claims.json").read_text(encoding="utf-8")
    assert '"ClaimReview"' in (built / "claimreview.jsonld").read_text(encoding="utf-8")
    for stem in ("arrivals_article", "arrivals_latest", "women_share", "revisions", "scorecard"):
        for suffix in (".png", ".svg", ".csv"):
            assert (built / "figures" / f"{stem}{suffix}").stat().st_size > 0, stem + suffix
    assert not list(built.rglob(".doctrees")) and not list(built.glob(".buildinfo*"))
    assert sorted(p.name for p in (built / "data").iterdir()) == sorted(report.DATA_FILES)


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
    for claim in claims.load_registry().claims:
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
    alts = re.findall(r'<img [^>]*alt="([^"]+)"', index)
    assert len(alts) == 5 and all(alt.startswith(("Bar chart", "Line chart")) for alt in alts)
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
    share = plots.women_share_chart(book.arrivals("latest"), "latest", era_start=2012)
    small = share.data[share.data["small_sample"]]
    assert small.set_index("year")["total"].to_dict() == {2021: 63, 2022: 67}
    assert "2021" in share.title and "only 63 arrivals" in share.alt


CHROMIUM = "/usr/bin/chromium"  # Debian's package; make test installs it when missing
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A desktop, and a phone (390 CSS pixels wide, touch, high-density screen).
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 3,
    },
}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output free of access logs."""


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    """The built report on a local static server (127.0.0.1, a free port)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(built)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class PageWatch:
    """What one page did while loading: console errors, failed and outside requests."""

    def __init__(self, page: Page, base: str) -> None:
        self.base = base
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("requestfailed", lambda request: self.failed.append(request.url))
        page.on("request", self.request)

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def request(self, request: Request) -> None:
        if not request.url.startswith((self.base, "data:")):
            self.outside.append(request.url)


def test_every_page_works_in_a_real_browser_at_two_widths(built: Path, server: str) -> None:
    """Each page at 1,280 and 390 px: no console errors, no failed or outside requests,
    every image rendered, nothing wider than the screen (wide tables scroll in their own
    box), no axe-core violation of any impact. Screenshots of the index at both widths
    go to build/report-index-desktop.png and build/report-index-phone.png."""
    axe = Axe()
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, options in VIEWPORTS.items():
            context = browser.new_context(**options)  # type: ignore[arg-type]
            for name in _pages():
                page = context.new_page()
                watch = PageWatch(page, server)
                page.goto(f"{server}/{name}", wait_until="load")
                where = f"{name} ({width})"
                problems += [f"{where}: console error {e}" for e in watch.errors]
                problems += [f"{where}: failed request {u}" for u in watch.failed]
                problems += [f"{where}: request to another host {u}" for u in watch.outside]
                widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)")
                if not all(w > 0 for w in widths):
                    problems.append(f"{where}: unrendered images")
                overflow = page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                if overflow[0] > overflow[1]:
                    problems.append(f"{where}: {overflow[0]} px wide in a {overflow[1]} px window")
                results = axe.run(page)
                problems += [
                    f"{where}: axe {v['id']} ({v['impact']}): {len(v['nodes'])} element(s), "
                    f"e.g. {v['nodes'][0]['target']}"
                    for v in results.response["violations"]
                ]
                if name == "index.html":
                    paths.BUILD_DIR.mkdir(exist_ok=True)
                    page.screenshot(
                        path=str(paths.BUILD_DIR / f"report-index-{width}.png"), full_page=True
                    )
                page.close()
            context.close()
        # The pages also work opened straight from the file system.
        page = browser.new_page()
        watch = PageWatch(page, built.as_uri())
        page.goto((built / "index.html").as_uri(), wait_until="load")
        problems += [f"file:// index: {e}" for e in watch.errors + watch.failed + watch.outside]
        browser.close()
    assert problems == []


def test_notebooks_and_report_build_with_no_network(tmp_path: Path, built: Path) -> None:
    """A second build, in a new network namespace (no interfaces up, not even loopback):
    the whole build, notebook kernels included, still succeeds, and gives the very bytes
    of the first build, made with the network up. It builds into a folder holding an
    earlier build's (altered) site, which it replaces whole."""
    probe = "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"
    command = ["unshare", "--net", "--map-root-user"]
    cut = subprocess.run(
        [*command, sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert cut.returncode != 0, "the namespace still reaches the network"
    again = tmp_path / "report"
    shutil.copytree(built, again)
    (again / "index.html").write_text("stale", encoding="utf-8")
    (again / "stale.html").write_text("stale", encoding="utf-8")
    build = subprocess.run(
        [*command, sys.executable, "-m", "analysis", "report", "--output", str(again)],
        capture_output=True,
        text=True,
        check=False,
        cwd=paths.ROOT,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    built_files = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    again_files = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert built_files == again_files
    assert {p.name for p in built_files if p.suffix == ".html"} >= set(_pages())
    for relative in built_files:
        assert (built / relative).read_bytes() == (again / relative).read_bytes(), relative


def test_a_failing_notebook_stops_the_build_naming_notebook_and_cell(
    tmp_path: Path, data_copy: Path, edit_csv: Callable[[Path, str, str, str], None]
) -> None:
    edit_csv(data_copy / "arrivals.csv", ",189,938,1127,", ",188,939,1127,", "hankyung-2018-01-05")
    build = run_cli_process("report", "--output", str(tmp_path / "report"), data_dir=data_copy)
    assert build.returncode == 1
    assert (
        "notebook failed: 02_women_among_arrivals.ipynb, cell 5 ('narrative.claim(\"men-2017\")'): VerdictChanged: men-2017 [article]"
        in build.stderr
    )
    assert "04_data_revisions.ipynb, cell" in build.stderr  # every failing notebook is named
    assert not (tmp_path / "report" / "index.html").exists()


def test_data_text_cannot_become_markup() -> None:
    """Text from the data goes into MyST pages with every markup character escaped, so a
    quote can never turn into a link, emphasis or raw HTML (Sphinx escapes the HTML)."""
    assert report.markdown_text("<b>*x*</b>\n[y](z)") == r"\<b\>\*x\*\</b\> \[y\]\(z\)"

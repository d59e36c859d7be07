"""The report: self-contained pages (nothing loaded from another host), every
claim in the scorecard, every image present; figures saved with identical bytes."""

import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, sync_playwright

from analysis import claims, paths, plots, report, vintages
from tests.conftest import run_cli


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


CHROMIUM = "/usr/bin/chromium"  # Debian's package; .ci/run installs it when missing
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


def test_every_page_renders_in_a_real_browser(built: Path, server: str) -> None:
    """Each page, from the local server and from the file system: no console
    errors, no failed or outside requests, every image rendered; the index shows
    every claim. A screenshot of the index goes to build/report-index.png."""
    pages = sorted(p.name for p in built.glob("*.html"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for base in (server, built.as_uri()):
            for name in pages:
                page = browser.new_page(viewport={"width": 1200, "height": 1400})
                watch = PageWatch(page, base)
                page.goto(f"{base}/{name}", wait_until="load")
                where = f"{base}/{name}"
                assert watch.errors == [], f"{where}: console errors {watch.errors}"
                assert watch.failed == [], f"{where}: failed requests {watch.failed}"
                assert watch.outside == [], f"{where}: requests to other hosts {watch.outside}"
                widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)")
                assert all(width > 0 for width in widths), f"{where}: unrendered images"
                if name == "index.html":
                    assert len(widths) == len(report.FIGURES)
                    text = page.inner_text("body")
                    missing = [c.id for c in claims.load_registry().claims if c.id not in text]
                    assert missing == [], f"the scorecard lacks {missing}"
                    paths.BUILD_DIR.mkdir(exist_ok=True)
                    page.screenshot(path=str(paths.BUILD_DIR / "report-index.png"))
                page.close()
        browser.close()


def test_notebooks_and_report_build_with_no_network(tmp_path: Path, built: Path) -> None:
    """In a new network namespace (no interfaces up, not even loopback) the whole
    build, notebook kernels included, still succeeds, and gives the very bytes
    of the build made with the network up."""
    probe = "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"
    command = ["unshare", "--net", "--map-root-user"]
    cut = subprocess.run(
        [*command, sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert cut.returncode != 0, "the namespace still reaches the network"
    build = subprocess.run(
        [*command, sys.executable, "-m", "analysis", "report", "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=paths.ROOT,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    built_files = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    again_files = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert built_files == again_files
    assert len([p for p in built_files if p.suffix == ".html"]) == 7
    for relative in built_files:
        assert (built / relative).read_bytes() == (tmp_path / relative).read_bytes(), relative


def test_a_failing_notebook_stops_the_build_naming_notebook_and_cell(
    tmp_path: Path, data_copy: Path, edit_csv: Callable[[Path, str, str, str], None]
) -> None:
    edit_csv(data_copy / "arrivals.csv", ",189,938,1127,", ",188,939,1127,", "hankyung-2018-01-05")
    build = run_cli("report", "--output", str(tmp_path / "report"), data_dir=data_copy)
    assert build.returncode == 1
    assert (
        "notebook failed: 02_women_among_arrivals.ipynb, cell 5 ('narrative.claim(\"men-2017\")'): VerdictChanged: men-2017 [article]"
        in build.stderr
    )
    assert "04_data_revisions.ipynb, cell" in build.stderr  # every failing notebook is named
    assert not (tmp_path / "report" / "index.html").exists()

"""The built report as the tests see it: one build shared by every test that reads
it, a local server, and the browser check of every page at one width."""

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Page, Request, sync_playwright

from analysis import paths
from analysis.site import notebooks, report

GENERATED = ("index.html", "data.html", "reproduce.html")


def pages() -> list[str]:
    """Every page of the report: the generated ones, each notebook's and each article's."""
    articles = sorted(p.name for p in (paths.DATA_DIR / "articles").iterdir())
    return [
        *GENERATED,
        *(f"{p.stem}.html" for p in notebooks.notebook_paths()),
        *(f"articles/{name}.html" for name in articles),
    ]


def build_once(shared: Path) -> Path:
    """The report, built once for the whole run into `shared` (a folder every pytest-xdist
    worker sees) beside a user's own `report-work` folder, which earlier builds wiped as
    their work folder. The first worker to need it builds it, holding a lock; the others
    wait and read it. The tests only read the site."""
    root = shared / "built-report"
    target = root / "report"
    with (shared / "built-report.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / "index.html").is_file():
            (root / "report-work").mkdir(parents=True, exist_ok=True)
            (root / "report-work" / "notes.txt").write_text("mine", encoding="utf-8")
            report.build(target)
    return target


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


@contextmanager
def serving(built: Path) -> Iterator[str]:
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


def page_problems(width: str, built: Path, server: str) -> list[str]:
    """Each page at one of VIEWPORTS: console errors, failed or outside requests,
    unrendered images, anything wider than the screen (wide tables scroll in their own
    box), axe-core violations of any impact. A screenshot of the index goes to
    build/report-index-WIDTH.png; at desktop width the index is also opened from file://."""
    axe = Axe()
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(**VIEWPORTS[width])  # type: ignore[arg-type]
        for name in pages():
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
            overflow = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
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
        if width == "desktop":  # the pages also work opened straight from the file system
            page = browser.new_page()
            watch = PageWatch(page, built.as_uri())
            page.goto((built / "index.html").as_uri(), wait_until="load")
            problems += [f"file:// index: {e}" for e in watch.errors + watch.failed + watch.outside]
        browser.close()
    return problems

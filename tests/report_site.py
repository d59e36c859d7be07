"""The built report as the tests see it: one build shared by every test that reads
it, a local server, and the browser check of every page at one width."""

import fcntl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Page, Request, sync_playwright

from analysis import paths
from analysis.show import figures
from analysis.site import notebooks, report
from tests.reader_text import page_text_problems

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


FOUND = "#search-results ul.search li"  # a search's first result


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


# An image's alt text that is a file's name or path, not what the image says.
PATH_LIKE = r"/(^|\/)[\w.-]+\.(png|svg|jpe?g|gif)$|_images\/|^[0-9a-f]{32,}/i"

IMAGE_PROBLEMS = """imgs => imgs.flatMap(i => {
  const alt = (i.getAttribute("alt") || "").trim();
  if (!alt) return [`image without alt text: ${i.currentSrc.slice(0, 80)}`];
  if (new RegExp(PATH).test(alt)) return [`image whose alt text is a file path: ${alt}`];
  return [];
})""".replace("new RegExp(PATH)", PATH_LIKE)

# Elements reaching outside the article's column, unless a box between them and the
# column scrolls sideways (then they scroll; they are not cut off).
OUTSIDE_COLUMN = """() => {
  const column = document.querySelector("article.bd-article");
  if (!column) return ["no article column"];
  const edge = column.getBoundingClientRect();
  const found = [];
  for (const el of column.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.left >= edge.left - 1 && box.right <= edge.right + 1) continue;
    let up = el.parentElement, scrolls = false;
    while (up && up !== column) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow === "auto" || overflow === "scroll") { scrolls = true; break; }
      up = up.parentElement;
    }
    if (scrolls) continue;
    const name = el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "");
    found.push(`${name} spans ${Math.round(box.left)}-${Math.round(box.right)} px in a column of ` +
      `${Math.round(edge.left)}-${Math.round(edge.right)} px`);
  }
  return found;
}"""

# Each chart shown through <picture>: the rendering chosen, its width on the page and
# in the file.
CHARTS = """imgs => imgs.map(i => [
  i.currentSrc === i.src ? "desktop" : "phone", i.clientWidth, i.naturalWidth,
])"""

# Every text of an SVG figure against the figure's own box (the browser lays it out).
CLIPPED_TEXT = """() => {
  const svg = document.querySelector("svg");
  const edge = svg.getBoundingClientRect();
  return [...svg.querySelectorAll("text")].flatMap(t => {
    const box = t.getBoundingClientRect();
    const inside = box.left >= edge.left - 0.5 && box.right <= edge.right + 0.5 &&
      box.top >= edge.top - 0.5 && box.bottom <= edge.bottom + 0.5;
    return inside ? [] : [`${t.textContent.trim().slice(0, 60)} (${Math.round(box.left)}-` +
      `${Math.round(box.right)} px in a figure of ${Math.round(edge.width)} px)`];
  });
}"""


def smallest_chart_text(charts: list[list[object]]) -> float:
    """The smallest chart text on the page in CSS pixels: every rendering's text is at
    least its layout's smallest points (tests/test_figures.py), drawn at its dpi."""
    layouts = {layout.name: layout for layout in figures.LAYOUTS}
    shown = [
        layouts[str(c[0])].smallest / 72 * layouts[str(c[0])].dpi * int(str(c[1])) / int(str(c[2]))
        for c in charts
    ]
    return min(shown, default=float("inf"))


SMALLEST: dict[str, dict[str, float]] = {}  # the smallest chart text per width and page
HEIGHTS: dict[str, dict[str, int]] = {}  # each page's height in CSS px, per width, as it loads


def figure_problems(page: Page, server: str, built: Path) -> list[str]:
    """Every SVG figure (both layouts) opened in the browser: no text outside it."""
    problems = []
    for svg in sorted((built / "figures").glob("*.svg")):
        page.goto(f"{server}/figures/{svg.name}", wait_until="load")
        problems += [f"figures/{svg.name}: cut off: {t}" for t in page.evaluate(CLIPPED_TEXT)]
    return problems


def page_problems(width: str, built: Path, server: str) -> list[str]:
    """Each page at one of VIEWPORTS: console errors, failed or outside requests,
    unrendered images, images without alt text or with a file path for it, anything
    wider than the screen or than the article's column (wide tables scroll in their own
    box), a claim's anchor that misses its quote, and with every claim's work open a
    number cut at the edge of a box or a registry or source id in the text
    (tests/reader_text.py), a chart showing another width's rendering or chart text
    under 11 CSS px, axe-core violations of any impact; at desktop width also every SVG
    figure's text against its edges; the index's key figures open at desktop width and
    folded on a phone. Each page's height goes to HEIGHTS. A screenshot of the index goes
    to build/report-index-WIDTH.png; at desktop width the index, and a search for a
    figure, are also opened from file://."""
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
            height = page.evaluate("document.documentElement.scrollHeight")
            HEIGHTS.setdefault(width, {})[name] = height
            problems += [f"{where}: console error {e}" for e in watch.errors]
            problems += [f"{where}: failed request {u}" for u in watch.failed]
            problems += [f"{where}: request to another host {u}" for u in watch.outside]
            widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)")
            if not all(w > 0 for w in widths):
                problems.append(f"{where}: unrendered images")
            problems += [f"{where}: {p}" for p in page.eval_on_selector_all("img", IMAGE_PROBLEMS)]
            overflow = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if overflow[0] > overflow[1]:
                problems.append(f"{where}: {overflow[0]} px wide in a {overflow[1]} px window")
            charts = page.eval_on_selector_all("picture img", CHARTS)
            if any(c[0] != width for c in charts):
                problems.append(f"{where}: a chart shows another width's rendering")
            smallest = smallest_chart_text(charts)
            SMALLEST.setdefault(width, {})[name] = smallest
            if smallest < figures.MIN_TEXT_PX:
                problems.append(f"{where}: chart text {smallest:.1f} CSS px")
            # the index's key figures and an article's claims start open on a wide screen
            # and folded on a phone
            shown = page.eval_on_selector_all("details.open-wide", "ds => ds.map(d => d.open)")
            if shown and set(shown) != {width == "desktop"}:
                problems.append(f"{where}: folds open {shown}")
            if not shown and (name == "index.html" or name.startswith("articles/")):
                problems.append(f"{where}: no fold that opens on a wide screen")
            if name == "index.html":
                paths.BUILD_DIR.mkdir(exist_ok=True)
                page.screenshot(
                    path=str(paths.BUILD_DIR / f"report-index-{width}.png"), full_page=True
                )
            # anchors, then with every claim's work open: numbers cut at an edge, ids in the
            # text, and anything reaching outside the column (axe checks the open work too)
            problems += [f"{where}: {p}" for p in page_text_problems(name, page)]
            problems += [f"{where}: {p}" for p in page.evaluate(OUTSIDE_COLUMN)[:5]]
            results = axe.run(page)
            problems += [
                f"{where}: axe {v['id']} ({v['impact']}): {len(v['nodes'])} element(s), "
                f"e.g. {v['nodes'][0]['target']}"
                for v in results.response["violations"]
            ]
            page.close()
        if width == "desktop":
            page = context.new_page()
            problems += figure_problems(page, server, built)
            page.close()
        context.close()
        if width == "desktop":  # the pages also work opened straight from the file system
            for name, ready in (("index.html", "body"), ("search.html?q=31%2C339", FOUND)):
                page = browser.new_page()
                watch = PageWatch(page, built.as_uri())
                page.goto(f"{built.as_uri()}/{name}", wait_until="load")
                page.wait_for_selector(ready, timeout=10_000)
                page.wait_for_timeout(300)  # a search result's summary would be fetched now
                problems += [f"file:// {name}: {e}" for e in watch.errors + watch.failed]
                problems += [f"file:// {name}: {e}" for e in watch.outside]
                page.close()
        browser.close()
    return problems


def recorded_problems(
    width: str, built: Path, server: str, record: Callable[[str, object], None]
) -> list[str]:
    """`page_problems` at `width`, each page's smallest chart text recorded with `record`
    (pytest's record_property) as it was measured."""
    problems = page_problems(width, built, server)
    for page, px in sorted(SMALLEST[width].items()):
        if px != float("inf"):
            record(f"{width}_chart_text_px_{page}", round(px, 1))
    return problems

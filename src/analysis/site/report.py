"""Build the report: a Sphinx site rendered by MyST-NB with sphinx-book-theme.

The notebooks are executed once, in parallel, by the project's own executor
(analysis.notebooks) into a work folder inside the build's staging folder
(analysis.buildfolder), never touching the committed ones; Sphinx then only
renders those executed copies. The index, the data dictionary and the
reproduction note are MyST pages written from the data at build time through
Jinja2 templates (src/analysis/site/), so no number on them is typed by hand.
The doctree cache and MyST-NB's scratch folders stay in the work folder, so the
report folder holds only what a reader needs, and two builds give the same
bytes. Nothing is loaded from another host. Only the data files the project
declares and validates are published, each copied as a regular file.
"""

import os
import re
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Mapping
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
import nbformat

from analysis import claims, formatting, paths
from analysis.claims.registry import CLAIMS_FILE
from analysis.load import datapackage, datasets
from analysis.load.article import ARTICLE_FILE, ARTICLES_DIR
from analysis.load.problems import DataValidationError, Problem, unreadable_reason
from analysis.show import markdown, plots
from analysis.site import (
    articles,
    buildfolder,
    findings,
    furniture,
    notebooks,
    preview,
    processes,
)

SITE = Path(__file__).parent  # conf.py, the page templates and _static
# What readers may download: every file the project declares and validates, nothing else
# (whatever else lies in the data folder, even a link to a password file, stays there).
DATA_FILES = (*datasets.TABLES, datapackage.FILE)
"""The data files every data directory has; each article adds its article.toml and
claims.toml (`data_files`)."""
LINK = "is a symbolic link, which the report does not publish: put the file itself there"
NOT_REGULAR = "is not a regular file, which the report does not publish"
EMPTY_HEADER = re.compile(r"<th>\s*</th>")
NOTEBOOK_LINK = re.compile(r"(\]\(\d\d_\w+)\.ipynb#")  # generated prose linking another notebook


class BuildFailed(RuntimeError):
    """Sphinx could not render the site (its messages attached)."""


def markdown_text(value: object) -> str:
    """`value` as literal MyST text: markup characters escaped, lines joined."""
    return markdown.inline(value)


def _environment() -> jinja2.Environment:
    """Templates write Markdown, not HTML: Sphinx escapes the HTML; `md` escapes the Markdown
    in text, `html` the text of a raw HTML block, `url` percent-encodes a link's
    destination, `line` keeps a directive option on its line."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SITE),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_text
    environment.filters["html"] = markdown.html_text  # text in a raw HTML block (a fold's summary)
    environment.filters["url"] = markdown.destination
    # Directive options are plain text (docutils escapes them into HTML): one line each.
    environment.filters["line"] = lambda value: " ".join(str(value).split())
    environment.filters["thousands"] = lambda value: f"{int(value):,}"
    environment.filters["constraints"] = datapackage.constraints_text
    return environment


def _write(template: str, target: Path, **context: Any) -> None:
    text = _environment().get_template(template).render(**context)
    target.write_text(text, encoding="utf-8")


def prepare_for_readers(notebook: Path) -> None:
    """Adjust an executed copy (never a committed notebook) for reading: tag every code
    cell `hide-input` (readers see outputs; a toggle shows the code), point generated
    prose's links to another notebook at its page, and make the empty corner cell of
    pandas' tables a data cell, as a header cell needs text to be read."""
    node = nbformat.read(notebook, as_version=4)
    for cell in node.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.setdefault("tags", [])
        if "hide-input" not in tags:
            tags.append("hide-input")
        for output in cell.get("outputs", []):
            if "text/markdown" in output.get("data", {}):  # the site names notebook pages .html
                prose = "".join(output["data"]["text/markdown"])
                output["data"]["text/markdown"] = NOTEBOOK_LINK.sub(r"\1.html#", prose)
            table = output.get("data", {}).get("text/html")
            if isinstance(table, str) and 'class="dataframe"' in table:
                output["data"]["text/html"] = EMPTY_HEADER.sub("<td></td>", table)
    nbformat.write(node, notebook)


def _versions() -> str:
    names = ("pandas", "matplotlib", "sphinx", "myst-nb", "sphinx-book-theme")
    return ", ".join(f"{n} {metadata.version(n)}" for n in names)


def data_files(data: datasets.Data) -> tuple[str, ...]:
    """Every file the report publishes from the data directory, relative to it."""
    per_article = (
        f"{ARTICLES_DIR}/{a.id}/{name}"
        for a in data.articles
        for name in (ARTICLE_FILE, CLAIMS_FILE)
    )
    return (*DATA_FILES, *per_article)


def article_markdown(results: claims.Results) -> str:
    """One article's page (MyST Markdown), generated from its registry and verdicts."""
    return (
        _environment()
        .get_template("article.md.j2")
        .render(
            article=results.article,
            day=formatting.day(results.article.vintage_date),
            bottom_line=articles.bottom_line(results),
            notebooks=results.registry.notebooks,
            groups=articles.groups(articles.cards(results, preview.changes([results]))),
        )
    )


def index_markdown(
    figures: tuple[findings.Figure, ...],
    pages: list[str],
    results: claims.Results,
    every: tuple[claims.Results, ...] = (),
) -> str:
    """The index page (MyST Markdown): the articles checked, the deep dive's findings,
    the key figures, the claims table."""
    found = findings.compute(results)
    later = found.changes.later
    total = found.changes.article_total
    template = _environment().get_template("index.md.j2")
    return template.render(
        title="Arrests at the border and arrivals in the South: Daily NK's January 2018 article, checked",
        summary=articles.summary(results),
        article=results.article,
        articles=articles.entries(every or (results,)),
        f=found,
        lower=later[later["total"] < total].to_dict("records"),
        higher=later[later["total"] >= total].to_dict("records"),
        border_closed=plots.BORDER_CLOSED,
        figures=figures,
        pages=pages,
    )


def publish_data(data_dir: Path, target: Path, names: tuple[str, ...]) -> None:
    """Copy the data files `names` from `data_dir` into the new folder `target`, byte for byte.

    A symbolic link is never followed (it could point anywhere, and was validated as
    what it points at, not as a data file), nor is anything but a regular file read:
    each such file is refused, named, before anything is copied.
    """
    opened: list[tuple[str, int]] = []
    problems: list[Problem] = []
    try:
        for name in names:
            try:
                # O_NONBLOCK: opening a named pipe must not wait for a writer.
                fd = os.open(data_dir / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError as error:
                path = data_dir / name
                reason = LINK if os.path.islink(path) else unreadable_reason(path, error)
                problems.append(Problem(f"data/{name}", reason))
                continue
            opened.append((name, fd))
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                problems.append(Problem(f"data/{name}", NOT_REGULAR))
        if problems:
            raise DataValidationError(problems)
        target.mkdir(parents=True)
        for name, fd in opened:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            with open(fd, "rb", closefd=False) as source, (target / name).open("xb") as copy:
                shutil.copyfileobj(source, copy)
    finally:
        for _, fd in opened:
            os.close(fd)


def _extra_files(extra: Path, every: tuple[claims.Results, ...]) -> None:
    """What the pages link to, copied verbatim into the report: the claims as JSON and
    as ClaimReview JSON-LD (the data files are already in extra/data)."""
    for name, text in findings.exports(every).items():
        (extra / name).write_text(text, encoding="utf-8")


def _data_package(data_dir: Path) -> Mapping[str, Any]:
    """The data package descriptor, as validated (read strictly, equal to the generated one)."""
    return datapackage.check(data_dir)


def build(report_dir: Path = paths.REPORT_DIR, data_dir: Path = paths.DATA_DIR) -> None:
    """Execute the notebooks on `data_dir`, write the generated pages and figures, render
    the site with Sphinx into `report_dir`, printing progress. Raises FolderRefused (deleting nothing)
    unless `report_dir` may be replaced (analysis.buildfolder); NotebookFailed naming the
    notebook and cell when one fails, and then writes no report."""
    started = time.perf_counter()
    with buildfolder.staging(report_dir) as stage:
        pages = _render(stage / "work", stage / "site", data_dir)
        buildfolder.replace(stage / "site", report_dir, stage)
    print(f"  rendered {len(pages) + 3} pages with Sphinx", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    print(f"report: {report_dir / 'index.html'} ({seconds:.1f} s)", file=sys.stderr, flush=True)


def _render(work: Path, html: Path, data_dir: Path) -> list[str]:
    """Build the site into the new folder `html`, working in `work`; return its notebook pages."""
    source, extra = work / "source", work / "extra"
    data = datasets.load(data_dir)
    publish_data(data_dir, extra / "data", data_files(data))  # a refused file costs no work
    sources = notebooks.notebook_paths()
    print(f"executing {len(sources)} notebooks", file=sys.stderr, flush=True)
    notebooks.execute_all(((p, source / p.name) for p in sources), data_dir=data_dir)
    for path in sorted(source.glob("*.ipynb")):
        prepare_for_readers(path)
    every = claims.every_result(data)
    results = claims.results(data)  # the deep dive's
    announcement = preview.banner(preview.changes(every))
    figures = findings.figures(extra / "figures", results)
    # Sphinx takes the PNGs into the pages; the figures folder is also copied whole.
    shutil.copytree(
        extra / "figures", source / "figures", ignore=shutil.ignore_patterns("*.csv", "*.svg")
    )
    print(f"  drew {len(figures)} figures (PNG, SVG, CSV)", file=sys.stderr, flush=True)
    _extra_files(extra, every)
    pages = [p.stem for p in sorted(source.glob("*.ipynb"))]
    (source / "articles").mkdir()
    for article_results in every:
        page = source / f"{articles.page_name(article_results.article)}.md"
        page.write_text(article_markdown(article_results), encoding="utf-8")
    index = index_markdown(figures, pages, results, every)
    (source / "index.md").write_text(index, encoding="utf-8")
    _write("data.md.j2", source / "data.md", package=_data_package(data_dir))
    reproduce = furniture.citation_context()
    _write("reproduce.md.j2", source / "reproduce.md", versions=_versions(), **reproduce)
    command = [
        *(sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going"),
        *("-c", str(SITE), "-d", str(work / "doctrees")),
        *("-D", f"html_extra_path={extra}"),
        *(("-D", f"html_theme_options.announcement={announcement}") if announcement else ()),
        *(str(source), str(html)),
    ]
    sphinx = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=partial(processes.die_with_parent, os.getpid()),  # killed with the build
    )
    if sphinx.returncode != 0:
        raise BuildFailed(f"Sphinx failed:\n{sphinx.stderr}{sphinx.stdout}")
    for path in html.glob(".buildinfo*"):  # Sphinx's own bookkeeping, not for readers
        path.unlink()
    return pages

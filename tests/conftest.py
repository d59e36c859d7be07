"""Shared fixtures: the project's data loaded once, and copies of data directories
that a test may alter safely."""

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from analysis import claims, cli, paths, vintages
from analysis.load import datapackage
from analysis.load.datasets import Data, load
from tests import report_site

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def data() -> Data:
    """The project's data, read and validated once for the session (it is immutable;
    everything derived from it is computed afresh by each test)."""
    return load(paths.DATA_DIR)


@pytest.fixture
def book(data: Data) -> vintages.Book:
    """The vintages of the project's data."""
    return vintages.Book(data)


@pytest.fixture
def inputs(data: Data) -> claims.Inputs:
    """The checks' inputs for the project's data and registry."""
    return claims.inputs_for(data)


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    """A small, valid data directory (tests/fixtures/minimal) in a temporary folder, with
    the data package descriptor the code generates (it describes any data directory)."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", target)
    datapackage.write(target)
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the project's real data directory."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


@pytest.fixture
def edit_csv() -> Callable[[Path, str, str, str], None]:
    """Replace one exact line fragment in a CSV file (fails if it is not there once)."""

    def edit(path: Path, old: str, new: str, context: str = "") -> None:
        text = path.read_text(encoding="utf-8")
        matches = [line for line in text.splitlines() if old in line and context in line]
        assert len(matches) == 1, f"expected one line with {old!r} and {context!r}, got {matches}"
        path.write_text(text.replace(matches[0], matches[0].replace(old, new)), encoding="utf-8")

    return edit


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The report, built once for the whole run (tests/report_site.py)."""
    base = tmp_path_factory.getbasetemp()
    return report_site.build_once(base if worker_id == "master" else base.parent)


@pytest.fixture(scope="session")
def server(built: Path) -> Iterator[str]:
    """The built report on a local static server."""
    with report_site.serving(built) as url:
        yield url


# The files that take tens of seconds each, slowest first: they start before the rest,
# so that the two workers finish close together (pytest-xdist's own order, by number
# of tests per file, sent them last; `make test` turns it off). The first builds the
# shared report while the second makes builds of its own.
SLOWEST_FIRST = ("test_browser_desktop.py", "test_report_builds.py", "test_browser_phone.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the slowest files first; every other test keeps its place."""
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def run_cli(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line (`python -m analysis [--data DIR] ARGS`) in this process: the
    same entry point as the shell's, without starting Python and pandas again."""
    argv = [*(["--data", str(data_dir)] if data_dir else []), *args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exit_:  # argparse's usage errors
            code = int(exit_.code or 0)
    return subprocess.CompletedProcess(["analysis", *argv], code, out.getvalue(), err.getvalue())


def run_cli_process(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m analysis ARGS` as its own process, on `data_dir` (through
    ANALYSIS_DATA_DIR, which notebook kernels inherit) instead of data/ when given."""
    env = {**os.environ, "ANALYSIS_DATA_DIR": str(data_dir)} if data_dir else None
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=paths.ROOT,
        env=env,
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print what the vintage rule's boundary test checked and the smallest chart text
    the phone browser test measured on each page (the values travel with the test
    report, so this works under pytest-xdist too)."""
    for report in terminalreporter.stats.get("passed", []):
        for name, value in getattr(report, "user_properties", []):
            if str(name).startswith(("vintage_boundary_", "chart_text_px_")):
                terminalreporter.write_line(f"{name}: {value}")


def add_article(data_dir: Path, article_id: str, day: str, sentence: str, claims_toml: str) -> Path:
    """A second article in a data directory, as a user registers one: a row of
    sources.csv, a folder with article.toml and claims.toml. Returns the folder."""
    with (data_dir / "sources.csv").open("a", encoding="utf-8") as sources:
        sources.write(
            f"{article_id},A newspaper,An article,https://example.org/{article_id},"
            f"{day},en,news_report,\n"
        )
    folder = data_dir / "articles" / article_id
    folder.mkdir()
    (folder / "article.toml").write_text(
        f'source_id = "{article_id}"\nauthor = "A reporter"\nvintage_date = {day}\n'
        f"sentences = [{json.dumps(sentence, ensure_ascii=False)}]\n",
        encoding="utf-8",
    )
    review = '[review]\nauthor = "The defector-claims project"\ndate = 2026-12-07\n\n'
    (folder / "claims.toml").write_text(review + claims_toml, encoding="utf-8")
    return folder


def deep_dive() -> claims.Registry:
    """The registry of the article with the narrative notebooks, in the project's data."""
    return claims.inputs_for(load(paths.DATA_DIR)).registry


def value_claim(
    claim_id: str, quote: str, stated: int, period: str, field: str = "total", recorded: str = ""
) -> str:
    """A `figures.value` [[claim]] table as a user writes one; `recorded` is the verdict
    for both vintages, or "" to leave it for `claims --record`."""
    lines = [
        "[[claim]]",
        f'id = "{claim_id}"',
        f"quote = {json.dumps(quote, ensure_ascii=False)}",
        f'quantity = "{field}, {period}"',
        'kind = "official_statistic"',
        f"stated = {stated}",
        'precision = "exact"',
        'check = "figures.value"',
        f'args = {{ period = "{period}", field = "{field}" }}',
    ]
    if recorded:
        lines.append(f'recorded = {{ article = "{recorded}", latest = "{recorded}" }}')
    return "\n".join(lines) + "\n"

"""Hostile input: markup in every free-text field of every data file, of the
article's record and of the claims registry reaches the report only escaped; of the
data folder, only the files the project declares and validates are published, and
never through a symbolic link.

Fields with a declared shape (ids, URLs, dates, counts, kinds) reject markup
outright (tests/test_validation_errors.py); free text may hold anything
printable, so every page that shows it must escape it.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from analysis import paths
from analysis.load import datasets, schemas
from analysis.load.datasets import load
from analysis.load.problems import DataValidationError
from analysis.site import report
from tests.conftest import run_cli

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))'
# Markup that a browser would act on: a real tag (a literal "<"), an event attribute
# inside a tag, or a javascript: link made from the Markdown link syntax.
UNESCAPED = re.compile(
    r"<script>alert|<img src=x"
    # an onerror attribute of a real tag, after whole attributes (not text inside a value)
    r"""|<[a-z]+(\s+[a-z-]+(=("[^"]*"|'[^']*'|[^\s"'>]*))?)*\s+onerror="""
    r"""|href=["']?javascript:""",
    re.IGNORECASE,
)
SCHEMAS = {
    "sources.csv": lambda s: schemas.sources_schema(),
    "arrivals.csv": schemas.arrivals_schema,
    "cumulative.csv": schemas.cumulative_schema,
    "table_dates.csv": schemas.table_dates_schema,
    "border_arrests.csv": schemas.anecdotes_schema,
    "repatriation_context.csv": schemas.anecdotes_schema,
    "source_issues.csv": schemas.source_issues_schema,
    "press_findings.csv": schemas.press_findings_schema,
}
REGISTRY_TEXT = ("quote", "quantity", "title", "question")
SECRET = "root:$y$j9T$not-for-readers:19000:0:99999:7:::\n"


def free_text_columns() -> dict[str, list[str]]:
    """Every column, per file, whose only checks are the ones all text passes."""
    sources = schemas.Sources(datasets.sources())
    plain = {check.message for check in schemas.sources_schema().columns[1].checks}
    found = {}
    for name, build in SCHEMAS.items():
        schema = build(sources)
        found[name] = [
            c.name for c in schema.columns if {check.message for check in c.checks} <= plain
        ]
    return found


def _poison_csv(path: Path, columns: list[str]) -> None:
    import csv
    import io

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    at = [rows[0].index(c) for c in columns]
    for row in rows[1:]:
        for i in at:
            row[i] = f"{row[i]} {HOSTILE}".strip()
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _poison_toml(path: Path, keys: tuple[str, ...]) -> None:
    text = path.read_text(encoding="utf-8")
    escaped = HOSTILE.replace('"', '\\"')
    for key in keys:
        text = re.sub(rf'^({key} = "[^"\n]*)"$', rf'\1 {escaped}"', text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")


def test_every_file_has_its_free_text_covered() -> None:
    columns = free_text_columns()
    assert set(columns) == set(datasets.TABLES)
    assert "publisher" in columns["sources.csv"] and "quote" in columns["arrivals.csv"]
    assert "url" not in columns["sources.csv"] and "source_id" not in columns["arrivals.csv"]


DEEP_DIVE = "articles/dailynk-2018-01"


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report built from a copy of data/ with markup in every free-text field, and
    beside the data files a link to a file outside (as to /etc/shadow) and a CSV file
    that no loader reads."""
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(paths.DATA_DIR, data)
    _plant_undeclared(data, root / "shadow")
    for name, columns in free_text_columns().items():
        _poison_csv(data / name, columns)
    _poison_toml(data / DEEP_DIVE / "claims.toml", REGISTRY_TEXT)
    # The article quotes what its registry quotes (a quote must be one of its sentences).
    with (data / DEEP_DIVE / "claims.toml").open("rb") as handle:
        quotes = [c["quote"] for c in tomllib.load(handle)["claim"]]
    article = data / DEEP_DIVE / "article.toml"
    sentences = "".join(f"  {json.dumps(q, ensure_ascii=False)},\n" for q in [HOSTILE, *quotes])
    article.write_text(
        article.read_text(encoding="utf-8").replace("sentences = [", f"sentences = [\n{sentences}"),
        encoding="utf-8",
    )
    output = root / "report"
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
        cwd=paths.ROOT,
        env={**os.environ, "ANALYSIS_DATA_DIR": str(data)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return output


def _plant_undeclared(data: Path, secret: Path) -> None:
    """A secret outside the data folder, linked from it as a CSV file; an unknown CSV file."""
    secret.write_text(SECRET, encoding="utf-8")
    (data / "zz_secret.csv").symlink_to(secret)
    (data / "zz_unknown.csv").write_text("a,b\n1,2\n", encoding="utf-8")


def test_the_report_publishes_only_the_declared_data_files(hostile_report: Path) -> None:
    published = hostile_report / "data"
    files = sorted(str(p.relative_to(published)) for p in published.rglob("*") if p.is_file())
    assert files == sorted(report.data_files(load(paths.DATA_DIR)))
    everything = b"".join(p.read_bytes() for p in hostile_report.rglob("*") if p.is_file())
    assert SECRET.encode() not in everything


def test_publishing_copies_declared_files_and_ignores_the_rest(
    data_copy: Path, tmp_path: Path
) -> None:
    _plant_undeclared(data_copy, tmp_path / "shadow")
    names = report.data_files(load(data_copy))
    assert "zz_unknown.csv" not in names and f"{DEEP_DIVE}/claims.toml" in names
    site = tmp_path / "site" / "data"
    report.publish_data(data_copy, site, names)
    published = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert published == sorted(names)
    for name in published:
        path = site / name
        assert not path.is_symlink() and path.read_bytes() == (data_copy / name).read_bytes()


def test_a_declared_file_that_is_a_link_or_a_pipe_is_refused_by_name(
    data_copy: Path, tmp_path: Path
) -> None:
    """Followed, the link would publish whatever it points at (it passes validation when it
    points at a valid file); a named pipe would hang the build. Nothing is copied."""
    (tmp_path / "arrivals.csv").write_bytes((data_copy / "arrivals.csv").read_bytes())
    (data_copy / "arrivals.csv").unlink()
    (data_copy / "arrivals.csv").symlink_to(tmp_path / "arrivals.csv")
    names = report.data_files(load(data_copy))
    (data_copy / DEEP_DIVE / "claims.toml").unlink()
    os.mkfifo(data_copy / DEEP_DIVE / "claims.toml")
    with pytest.raises(DataValidationError) as refused:
        report.publish_data(data_copy, tmp_path / "site" / "data", names)
    assert str(refused.value).splitlines()[1:] == [
        f"  - data/arrivals.csv: {report.LINK}",
        f"  - data/{DEEP_DIVE}/claims.toml: {report.NOT_REGULAR}",
    ]
    assert not (tmp_path / "site").exists()


def test_the_report_command_refuses_a_linked_data_file(data_copy: Path, tmp_path: Path) -> None:
    """The link points at a valid file, so validation passes; the build refuses it before
    executing any notebook, and writes nothing."""
    (tmp_path / "sources.csv").write_bytes((data_copy / "sources.csv").read_bytes())
    (data_copy / "sources.csv").unlink()
    (data_copy / "sources.csv").symlink_to(tmp_path / "sources.csv")
    build = run_cli("report", "--output", str(tmp_path / "report"), data_dir=data_copy)
    assert build.returncode == 2
    assert f"data/sources.csv: {report.LINK}" in build.stderr
    assert "executing" not in build.stderr
    assert not (tmp_path / "report").exists()


def test_the_hostile_data_reaches_the_report(hostile_report: Path) -> None:
    """The markup is there, as text: the test would see it if it were not escaped."""
    pages = "".join(p.read_text(encoding="utf-8") for p in hostile_report.glob("*.html"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages


def test_no_page_of_the_report_holds_unescaped_markup(hostile_report: Path) -> None:
    pages = sorted(hostile_report.rglob("*.html"))
    assert len(pages) >= 9
    found = [
        f"{page.relative_to(hostile_report)}: {match.group()}"
        for page in pages
        for match in UNESCAPED.finditer(page.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_detector_sees_markup_and_only_unescaped_markup() -> None:
    import html

    assert UNESCAPED.search(f"<p>{HOSTILE}</p>")
    assert UNESCAPED.search('<a href="javascript:alert(3)">x</a>')
    assert not UNESCAPED.search(f"<p>{html.escape(HOSTILE)}</p>")
    assert UNESCAPED.search('<div class="a" onerror=alert(1)>')
    # escaped inside an attribute's value it is text, as in a page's <link title="...">
    assert not UNESCAPED.search(f'<link rel="prev" title="{html.escape(HOSTILE)}">')

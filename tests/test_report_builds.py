"""Whole report builds: one on data that fails a notebook stops naming the notebook
and cell, one on a correction previews it, and one with the network cut gives the very
bytes of the shared build. In a file of their own, so they run beside the tests that
read the shared build; the one that needs the shared build comes last, so that this
file's worker builds its own reports while another worker makes the shared one."""

import html
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from analysis import claims, paths
from analysis.load import datasets
from analysis.show import conclusions
from analysis.site import findings
from tests.conftest import run_cli_process
from tests.report_site import pages


def test_a_failing_notebook_stops_the_build_naming_notebook_and_cell(
    tmp_path: Path, data_copy: Path
) -> None:
    """Without the reports of 5 January 2018 there is no 2017 on the article's date: the
    notebooks' cells that read it fail, and the build stops naming each one."""
    path = data_copy / "arrivals.csv"
    day = ("hankyung-2018-01-05", "koreaherald-2018-01-05", "youthdaily-2018-01-05")
    kept = [
        line
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
        if not (line.startswith("2017-01-01,2017-12-31,") and any(s in line for s in day))
    ]
    path.write_text("".join(kept), encoding="utf-8")
    build = run_cli_process("report", "--output", str(tmp_path / "report"), data_dir=data_copy)
    assert build.returncode == 1, build.stderr[-2000:]
    assert "notebook failed: 01_arrivals_under_kim_jong_un.ipynb, cell " in build.stderr
    assert "FAILED 02_women_among_arrivals.ipynb" in build.stderr  # every failing one is named
    assert not (tmp_path / "report" / "index.html").exists()


def _as_text(text: str) -> str:
    """Text as a reader sees it, in one form for generated Markdown and built HTML."""
    text = (
        html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u2019", "'").replace("\u2026", "...")
    )
    text = re.sub(r"\]\([^)]*\)", "", text).replace("[", "")
    text = re.sub(r"\\(.)", r"\1", text).replace("**", "")
    text = re.sub(r"\(\s+", "(", re.sub(r"\s+([,.;:)])", r"\1", " ".join(text.split())))
    return text.removeprefix("- ")


def _pages_say_the_new_conclusions(site: Path, data_copy: Path) -> None:
    """Each notebook page says its conclusion on the corrected data, line by line, and
    none of the lines of its conclusion on the recorded data that no longer hold; the
    index says the new verdicts of the statements about the article's year."""
    old, new = (claims.results(datasets.load(d)) for d in (paths.DATA_DIR, data_copy))
    changed = 0
    for notebook in {c.notebook for c in new.registry.claims}:
        page = _as_text((site / notebook.replace(".ipynb", ".html")).read_text(encoding="utf-8"))
        now, before = (
            [_as_text(line) for line in conclusions.notebook_conclusion(r, notebook).splitlines()]
            for r in (new, old)
        )
        for line in now:
            assert line in page, (notebook, line)
        for line in set(before) - set(now):
            assert line not in page, (notebook, line)
            changed += 1
    assert changed >= 3  # notebooks 01, 02 and 04 conclude otherwise
    index = _as_text((site / "index.html").read_text(encoding="utf-8"))
    year = findings.compute(new).changes.article_year
    for line in (
        conclusions.Verdicts(new).about(year, conclusions.from_notebook("", ".html")).splitlines()
    ):
        assert _as_text(line) in index, line


def test_a_correction_is_previewed_then_recorded(
    tmp_path: Path, data_copy: Path, edit_csv: Callable[[Path, str, str, str], None]
) -> None:
    """2017's women read as 950 (and the total 1,139) on 5 January 2018: the report builds,
    every page carries the preview banner, the changed claims are marked and the bottom
    line follows the new verdicts; `claims --check` fails until the change is recorded."""
    edit_csv(data_copy / "arrivals.csv", ",189,938,1127,", ",189,950,1139,", "hankyung-2018-01-05")
    site = tmp_path / "report"
    build = run_cli_process("report", "--output", str(site), data_dir=data_copy)
    assert build.returncode == 0, build.stderr[-3000:]
    for page in pages():
        assert "Preview, not recorded:" in (site / page).read_text(encoding="utf-8"), page
    notebook = (site / "01_arrivals_under_kim_jong_un.html").read_text(encoding="utf-8")
    assert "Changed since the verdicts were recorded" in notebook
    index = re.sub(r"<[^>]+>", "", (site / "index.html").read_text(encoding="utf-8"))
    assert "claims about official statistics check out" in index and "contradicted (" in index
    _pages_say_the_new_conclusions(site, data_copy)
    assert run_cli_process("claims", "--check", data_dir=data_copy).returncode == 1
    assert run_cli_process("claims", "--record", data_dir=data_copy).returncode == 0
    left = run_cli_process("claims", "--check", data_dir=data_copy)
    # the verdicts are recorded; what remains are the reported totals the new figure no
    # longer adds up to, which must be recorded as source issues
    assert "recorded" not in left.stderr and "data/source_issues.csv" in left.stderr


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
    assert {p.as_posix() for p in built_files if p.suffix == ".html"} >= set(pages())
    for relative in built_files:
        assert (built / relative).read_bytes() == (again / relative).read_bytes(), relative

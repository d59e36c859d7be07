"""Whole report builds: one with the network cut gives the very bytes of the shared
build, and one on data whose verdict changed stops naming the notebook and cell. In a
file of their own, so they run beside the tests that read the shared build."""

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from analysis import paths
from tests.conftest import run_cli_process
from tests.report_site import pages


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


def test_a_failing_notebook_stops_the_build_naming_notebook_and_cell(
    tmp_path: Path, data_copy: Path, edit_csv: Callable[[Path, str, str, str], None]
) -> None:
    edit_csv(data_copy / "arrivals.csv", ",189,938,1127,", ",188,939,1127,", "hankyung-2018-01-05")
    build = run_cli_process("report", "--output", str(tmp_path / "report"), data_dir=data_copy)
    assert build.returncode == 1
    assert (
        "notebook failed: 02_women_among_arrivals.ipynb, cell 5 ('men_2017 = men.loc[\"2017\"]'): VerdictChanged: men-2017 [article]"
        in build.stderr
    )
    assert "04_data_revisions.ipynb, cell" in build.stderr  # every failing notebook is named
    assert not (tmp_path / "report" / "index.html").exists()

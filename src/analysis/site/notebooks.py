"""Execute the narrative notebooks: in place (to refresh their stored outputs) or
into another folder (for the report), two at a time, with no timing metadata so
that executing twice writes the same bytes."""

import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from traitlets.config import Config

from analysis import paths
from analysis.site import processes

KERNEL = "python3"
CELL_TIMEOUT = 120  # seconds; the slowest cell takes well under 5


class NotebookFailed(RuntimeError):
    """A notebook cell raised: names the notebook and the cell."""


def notebook_paths(directory: Path = paths.NOTEBOOKS_DIR) -> list[Path]:
    return sorted(directory.glob("*.ipynb"))


def execute(
    source: Path, target: Path, scratch: Path | None = None, data_dir: Path = paths.DATA_DIR
) -> float:
    """Run `source` top to bottom on `data_dir` and write it, with outputs, to `target`;
    return seconds. The kernel's files go in a new folder inside `scratch` (default: the
    temp folder)."""
    started = time.perf_counter()
    notebook = nbformat.read(source, as_version=4)
    # IPC sockets, not TCP: the kernel needs no network at all (and warns about none).
    # Short names: a socket's whole path must fit in 107 bytes, under any temp folder.
    sockets = Path(tempfile.mkdtemp(prefix="k-", dir=scratch))
    kernel = {"transport": "ipc", "ip": str(sockets / "k")}
    client = NotebookClient(
        notebook,
        config=Config(
            {"KernelManager": {**kernel, "connection_file": str(sockets / "kernel.json")}}
        ),
        kernel_name=KERNEL,
        timeout=CELL_TIMEOUT,
        record_timing=False,
        resources={"metadata": {"path": str(source.parent)}},
    )
    try:
        # The kernel (in a session of its own) is killed when this process dies.
        client.execute(
            preexec_fn=partial(processes.die_with_parent, os.getpid()),
            env={**os.environ, "ANALYSIS_DATA_DIR": str(data_dir)},
        )
    except CellExecutionError as error:
        raise NotebookFailed(_describe_failure(source, notebook, error)) from None
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return time.perf_counter() - started


def _describe_failure(
    source: Path, notebook: nbformat.NotebookNode, error: CellExecutionError
) -> str:
    """Name the notebook, the cell (as numbered in JupyterLab) and the exception, without colour codes."""
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                source_line = "".join(cell.source).splitlines()[0] if cell.source else ""
                return f"{source.name}, cell {number} ({source_line!r}): {output['ename']}: {output['evalue']}"
    return f"{source.name}: {error.ename}: {error.evalue}"


def _run(job: tuple[Path, Path, Path, Path]) -> tuple[str, float | NotebookFailed]:
    try:
        return job[0].name, execute(*job)
    except NotebookFailed as failure:
        return job[0].name, failure


def execute_all(
    jobs: Iterable[tuple[Path, Path]], workers: int = 2, data_dir: Path = paths.DATA_DIR
) -> None:
    """Execute (source, target) pairs in parallel, printing each as it finishes;
    then raise NotebookFailed naming every notebook that failed, if any.

    The largest notebooks (most stored output, so most work) start first, so
    the workers finish close together.
    """
    ordered = sorted(jobs, key=lambda job: job[0].stat().st_size, reverse=True)
    failures = []
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=processes.die_with_parent, initargs=(os.getpid(),)
    )
    # The kernels' sockets and connection files, deleted here even when a worker is killed.
    scratch = Path(tempfile.mkdtemp(prefix="ak-"))
    with pool:
        try:
            for name, result in pool.map(_run, [(*job, scratch, data_dir) for job in ordered]):
                if isinstance(result, NotebookFailed):
                    failures.append(str(result))
                    print(f"  FAILED {name}", file=sys.stderr, flush=True)
                else:
                    print(f"  executed {name} in {result:.1f} s", file=sys.stderr, flush=True)
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM): stop the notebooks now rather than wait for
            # them; their kernels die with their workers. The pool's are the only
            # multiprocessing children.
            for child in multiprocessing.active_children():
                child.kill()
            raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    if failures:
        raise NotebookFailed("\n".join(sorted(failures)))

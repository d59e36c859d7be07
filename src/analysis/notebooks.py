"""Execute the narrative notebooks: in place (to refresh their stored outputs) or
into another folder (for the report), two at a time, with no timing metadata so
that executing twice writes the same bytes."""

import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from analysis import paths

KERNEL = "python3"
CELL_TIMEOUT = 120  # seconds; the slowest cell takes well under 5


class NotebookFailed(RuntimeError):
    """A notebook cell raised: names the notebook and the cell."""


def notebook_paths(directory: Path = paths.NOTEBOOKS_DIR) -> list[Path]:
    return sorted(directory.glob("*.ipynb"))


def execute(source: Path, target: Path) -> float:
    """Run `source` top to bottom and write it, with outputs, to `target`; return seconds."""
    started = time.perf_counter()
    notebook = nbformat.read(source, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name=KERNEL,
        timeout=CELL_TIMEOUT,
        record_timing=False,
        resources={"metadata": {"path": str(source.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        index = next(
            (
                i
                for i, c in enumerate(notebook.cells)
                if any(o.get("output_type") == "error" for o in c.get("outputs", []))
            ),
            None,
        )
        raise NotebookFailed(f"{source.name}, cell {index}: {error}") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return time.perf_counter() - started


def _run(job: tuple[Path, Path]) -> tuple[str, float]:
    return job[0].name, execute(*job)


def execute_all(jobs: Iterable[tuple[Path, Path]], workers: int = 2) -> None:
    """Execute (source, target) pairs in parallel, printing each as it finishes."""
    jobs = list(jobs)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for name, seconds in pool.map(_run, jobs):
            print(f"  executed {name} in {seconds:.1f} s", file=sys.stderr, flush=True)

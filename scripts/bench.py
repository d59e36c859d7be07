"""Benchmark notebook execution on this machine (run with `make bench`).

Measures the wall time of re-executing every notebook the project's way
(analysis.notebooks, two at a time) against:
  (a) the floor: as many kernels, two at a time, that only import pandas,
      matplotlib and seaborn;
  (b) serial `jupyter nbconvert --execute` of each notebook;
and the time of `python -m analysis claims` against `python -c "import pandas"`.
Each measurement is the best of REPEATS runs.
"""

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

from analysis import notebooks, paths

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
BIN = Path(sys.executable).parent


def best(run: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    sources = notebooks.notebook_paths()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        floor_notebook = tmp / "floor.ipynb"
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell("import pandas, matplotlib, seaborn")]
        notebook.metadata["kernelspec"] = {
            "name": notebooks.KERNEL,
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(notebook, floor_notebook)

        project = best(lambda: notebooks.execute_all((p, tmp / "out" / p.name) for p in sources))
        floor = best(
            lambda: notebooks.execute_all(
                (floor_notebook, tmp / "floor" / f"{i}.ipynb") for i in range(len(sources))
            )
        )
        serial = best(
            lambda: [
                subprocess.run(
                    [
                        str(BIN / "jupyter"),
                        "nbconvert",
                        "--to",
                        "notebook",
                        "--execute",
                        "--output-dir",
                        str(tmp / "serial"),
                        str(p),
                    ],
                    check=True,
                    capture_output=True,
                )
                for p in sources
            ]
        )
        claims = best(
            lambda: subprocess.run(
                [sys.executable, "-m", "analysis", "claims"],
                check=True,
                capture_output=True,
                cwd=paths.ROOT,
            )
        )
        pandas = best(
            lambda: subprocess.run(
                [sys.executable, "-c", "import pandas"], check=True, capture_output=True
            )
        )
    print(f"notebooks: {len(sources)}, best of {REPEATS} runs, 2 workers")
    print(f"project execution      {project:6.1f} s")
    print(
        f"floor (import only)    {floor:6.1f} s   project / floor  = {project / floor:.2f}x (target <= 1.25x)"
    )
    print(
        f"serial nbconvert       {serial:6.1f} s   serial / project = {serial / project:.2f}x (target >= 1.8x)"
    )
    print(
        f"analysis claims        {claims:6.2f} s   against import pandas {pandas:.2f} s ({claims / pandas:.1f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

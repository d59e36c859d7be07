"""Benchmark notebook execution on this machine (run with `make bench`).

Measures the wall time of re-executing every notebook the project's way
(analysis.notebooks, two at a time) against:
  (a) the floor: as many kernels, two at a time, that only import pandas,
      matplotlib and seaborn;
  (b) serial `jupyter nbconvert --execute` of each notebook;
Each measurement is the best of REPEATS runs.

The engine: every claim on both vintages (`python -m analysis claims --format
json`) and every press figure (`... claims --press --format json`), each in a
fresh process with nothing computed beforehand, against `python -c "import
pandas"` in the same run (targets: within 1.5x each), then a profile of one
in-process evaluation of both naming the five most expensive functions.

Then validation at scale: a generated 1,000,000-row arrivals.csv, valid and
invalid, validated (read as text and checked against the schema) against
pandas.read_csv of the same file, each in its own process so that its peak
memory (ru_maxrss) is its own. Targets: valid within 3x read_csv, peak memory
under 1 GB, the invalid file rejected within 5x read_csv with a capped message.

`python scripts/bench.py validation` (or `notebooks`, or `engine`) runs one part only.
"""

import contextlib
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd

from analysis import paths
from analysis.site import notebooks

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
ENGINE_ROUNDS = int(os.environ.get("BENCH_ENGINE_ROUNDS", "9"))
BIN = Path(sys.executable).parent


def best(run: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def bench_notebooks() -> None:
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
    print(f"notebooks: {len(sources)}, best of {REPEATS} runs, 2 workers")
    print(f"project execution      {project:6.1f} s")
    print(
        f"floor (import only)    {floor:6.1f} s   project / floor  = {project / floor:.2f}x (target <= 1.25x)"
    )
    print(
        f"serial nbconvert       {serial:6.1f} s   serial / project = {serial / project:.2f}x (target >= 1.8x)"
    )


ENTRY_POINTS = ("main", "cmd_claims", "_press")  # the command line's own wrappers
ENGINE_COMMANDS = {
    "claims --format json": ["claims", "--format", "json"],
    "claims --press --format json": ["claims", "--press", "--format", "json"],
}


def _process(*args: str) -> Callable[[], object]:
    """A command run as a fresh process, its output written to /dev/null as `> file` would
    (reading it back through a pipe would time this script, not the command)."""
    return lambda: subprocess.run(
        args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=paths.ROOT
    )


def bench_engine() -> bool:
    """The engine from cold against `import pandas`, then its five most expensive functions.

    The three commands take turns in each round (ENGINE_ROUNDS of them) and each keeps
    its best time, so a slow spell of the machine weighs on all three alike."""
    commands = {"import pandas": [sys.executable, "-c", "import pandas"]}
    commands |= {
        label: [sys.executable, "-m", "analysis", *a] for label, a in ENGINE_COMMANDS.items()
    }
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(ENGINE_ROUNDS):
        for label, command in commands.items():
            started = time.perf_counter()
            _process(*command)()
            times[label].append(time.perf_counter() - started)
    pandas = min(times["import pandas"])
    print(f"engine, best of {ENGINE_ROUNDS} rounds, each command a fresh process")
    print(f"python -c 'import pandas'                       {pandas:5.2f} s")
    met = True
    for label in ENGINE_COMMANDS:
        seconds = min(times[label])
        ratio = seconds / pandas
        met &= ratio <= 1.5
        print(f"python -m analysis {label:<29}{seconds:5.2f} s   {ratio:.2f}x (target <= 1.5x)")
    from analysis import cli

    profile = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()):
        profile.enable()
        for args in ENGINE_COMMANDS.values():
            cli.main(args)
        profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    rows = [
        (where, calls, own, cumulative) for where, (_, calls, own, cumulative, _) in stats.items()
    ]
    package = str(paths.ROOT / "src" / "analysis")
    ours = [r for r in rows if r[0][0].startswith(package) and r[0][2] not in ENTRY_POINTS]
    for title, chosen, key in (
        ("the five most expensive functions (own time)", rows, 2),
        ("the package's five most expensive (with what they call)", ours, 3),
    ):
        print(f"{title}, both commands in one process:")
        for (file, line, name), calls, own, cumulative in sorted(chosen, key=lambda r: -r[key])[:5]:
            where = f"{Path(file).name}:{line}" if line else file
            print(
                f"  {own:6.3f} s own, {cumulative:6.3f} s in all, {calls:6} calls  {name} ({where})"
            )
    return met


ROWS = 1_000_000
SOURCES, MONTHS = 2_000, 500  # 2,000 sources x 500 monthly periods = 1,000,000 rows
MEASURE = """
import json, sys, time
from pathlib import Path
import pandas as pd
from analysis.load import datasets, problems, schemas, tables, validation
task, folder = sys.argv[1], Path(sys.argv[2])
if task.startswith("validate"):
    known = schemas.Sources(datasets.sources(folder))
message = ""
started = time.perf_counter()
if task == "read_csv":
    pd.read_csv(folder / "arrivals.csv")
elif task == "read_csv_text":
    pd.read_csv(folder / "arrivals.csv", dtype=str, keep_default_na=False)
else:
    try:
        table = tables.read_text_table(folder / "arrivals.csv", "data/arrivals.csv")
        validation.validate(table, schemas.arrivals_schema(known), "data/arrivals.csv")
    except problems.DataValidationError as error:
        message = str(error)
print(json.dumps({"seconds": time.perf_counter() - started, "message": message}))
"""
LAUNCH = """
import json, resource, subprocess, sys
done = subprocess.run([sys.executable, "-c", sys.argv[1], *sys.argv[2:]], capture_output=True, text=True, check=True)
result = json.loads(done.stdout)
result["peak"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps(result))
"""
"""Runs MEASURE from a bare interpreter and reads its peak memory as RUSAGE_CHILDREN:
ru_maxrss survives fork and exec, so a child of this (large) script would report
the script's own memory."""


def write_arrivals(folder: Path, valid: bool) -> None:
    """A sources.csv of SOURCES press reports and an arrivals.csv of ROWS monthly figures.

    Every other quote is quoted and holds a comma, as real quotes do. The invalid
    file breaks every row, four ways in turn: a leading zero, a sum that does not
    add up, an unknown source, a day that does not exist.
    """
    folder.mkdir(parents=True)
    ids = np.array([f"press-{i}" for i in range(SOURCES)], dtype=object)
    pd.DataFrame(
        {
            "source_id": ids,
            "publisher": "A newspaper",
            "title": "Arrivals by month",
            "url": [f"https://example.org/arrivals/{i}" for i in range(SOURCES)],
            "published": "2024-01",
            "language": "ko",
            "kind": "news_report",
            "note": "",
        }
    ).to_csv(folder / "sources.csv", index=False)
    months = pd.period_range("1980-01", periods=MONTHS, freq="M")
    rng = np.random.default_rng(11)
    men, women = rng.integers(0, 500, ROWS), rng.integers(0, 2_000, ROWS)
    frame = pd.DataFrame(
        {
            "period_start": np.tile(months.start_time.strftime("%Y-%m-%d"), SOURCES),
            "period_end": np.tile(months.end_time.strftime("%Y-%m-%d"), SOURCES),
            "men": men.astype(str),
            "women": women.astype(str),
            "total": (men + women).astype(str),
            "source_id": np.repeat(ids, MONTHS),
            "evidence": "report",
            "quote": np.where(np.arange(ROWS) % 2 == 0, "men, women and total", "arrivals"),
        }
    )
    if not valid:
        kind = np.arange(ROWS) % 4
        frame.loc[kind == 0, "total"] = "0" + frame.loc[kind == 0, "total"]
        frame.loc[kind == 1, "men"] = (men[kind == 1] + 1).astype(str)
        frame.loc[kind == 2, "source_id"] = "nobody"
        frame.loc[kind == 3, "period_end"] = "1981-02-30"
    frame.to_csv(folder / "arrivals.csv", index=False)


def measure(task: str, folder: Path) -> dict[str, float | str]:
    """Best time and highest peak memory of REPEATS runs, each in a fresh process."""
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", LAUNCH, MEASURE, task, str(folder)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(REPEATS)
    ]
    return {
        "seconds": min(r["seconds"] for r in runs),
        "peak": max(r["peak"] for r in runs),
        "message": runs[0]["message"],
    }


def bench_validation() -> bool:
    """Time and size the validation of a million rows; True when every target is met."""
    with tempfile.TemporaryDirectory() as scratch:
        valid, invalid = Path(scratch) / "valid", Path(scratch) / "invalid"
        write_arrivals(valid, valid=True)
        write_arrivals(invalid, valid=False)
        size = (valid / "arrivals.csv").stat().st_size / 1e6
        read = measure("read_csv", valid)
        read_text = measure("read_csv_text", valid)
        good = measure("validate", valid)
        bad = measure("validate", invalid)
    assert not good["message"], good["message"]
    message = str(bad["message"])
    capped = message.count("\n  - ") == 50 and "more" in message.splitlines()[-1]
    base, gib = float(read["seconds"]), 2**30
    valid_ratio, invalid_ratio = float(good["seconds"]) / base, float(bad["seconds"]) / base
    print(f"validation of {ROWS:,} rows ({size:.0f} MB), best of {REPEATS} runs, one process each")
    print(f"pandas.read_csv            {base:6.2f} s   peak {float(read['peak']) / gib:.2f} GB")
    print(
        f"read_csv, all text         {float(read_text['seconds']):6.2f} s   "
        f"peak {float(read_text['peak']) / gib:.2f} GB"
    )
    print(
        f"validate (valid)           {float(good['seconds']):6.2f} s   "
        f"peak {float(good['peak']) / gib:.2f} GB   {valid_ratio:.1f}x read_csv (target <= 3x, < 1 GB)"
    )
    print(
        f"validate (invalid)         {float(bad['seconds']):6.2f} s   "
        f"peak {float(bad['peak']) / gib:.2f} GB   {invalid_ratio:.1f}x read_csv (target <= 5x)"
    )
    print(
        f"invalid file's message     {len(message):,} characters, "
        f"{'capped at 50 problems' if capped else 'NOT capped'}: {message.splitlines()[-1].strip()}"
    )
    peaks = (float(good["peak"]), float(bad["peak"]))
    return valid_ratio <= 3 and invalid_ratio <= 5 and max(peaks) < gib and capped


def main(argv: list[str]) -> int:
    parts = argv or ["engine", "notebooks", "validation"]
    met = bench_engine() if "engine" in parts else True
    if "notebooks" in parts:
        bench_notebooks()
    met &= bench_validation() if "validation" in parts else True
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

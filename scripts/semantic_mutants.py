"""Semantic mutants: the changes a reviewer would try that mutmut's operators do not make
(a rule's comparison relaxed, a vintage dropped from a loop, two operands swapped), each
applied as a patch to a copy of the project and required to be killed by the tests.

Run by `make mutants` after mutmut (scripts/mutants.py), or alone:
`python scripts/semantic_mutants.py [NAME ...]`. Each mutant names the exact text it
replaces, which must occur once in its file: when the code changes under it, the run
fails saying so, rather than testing nothing. The selection of tests must first pass on
the project as it is; then each mutant runs the test file most likely to kill it first
and the rest after, stopping at the first failure, so a killed mutant costs seconds.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("src", "tests", "data", "docs", "notebooks", "pyproject.toml", "README.md")
SELECTION = (
    "tests/test_semantics.py",
    "tests/test_datasets.py",
    "tests/test_registry.py",
    "tests/test_reading.py",
    "tests/test_press.py",
    "tests/test_vintages.py",
)
PYTEST = ("-p", "no:nbval", "-p", "no:xdist", "-p", "no:cacheprovider", "-p", "no:randomly")


class Mutant(NamedTuple):
    name: str
    file: str
    old: str
    new: str
    why: str


MUTANTS = (
    Mutant(
        "sexes-sum-relaxed",
        "src/analysis/load/rules.py",
        "(men + women == total)",
        "(men + women <= total)",
        "the rule men + women = total relaxed to <=",
    ),
    Mutant(
        "part-within-total-relaxed",
        "src/analysis/load/rules.py",
        "(part <= total)",
        "(part <= total + 1)",
        "a sex's count may exceed the total by one",
    ),
    Mutant(
        "published-a-day-early",
        "src/analysis/load/rules.py",
        "(day <= latest)",
        '(day <= latest + np.timedelta64(1, "D"))',
        "a figure published the day before its period ends passes",
    ),
    Mutant(
        "start-before-end-relaxed",
        "src/analysis/load/rules.py",
        "(start <= end)",
        "(start <= end + pd.Timedelta(days=1))",
        "a period may end the day before it starts",
    ),
    Mutant(
        "rounding-band-closed",
        "src/analysis/claims/band.py",
        "return Band(stated - half - tolerance, stated + half + tolerance, high_open=True)",
        "return Band(stated - half - tolerance, stated + half + tolerance, high_open=False)",
        "a share of exactly x.5 counts as rounding to the lower whole percent too",
    ),
    Mutant(
        "over-includes-its-bound",
        "src/analysis/claims/band.py",
        "return Band(stated - tolerance, math.inf, low_open=True)",
        "return Band(stated - tolerance, math.inf, low_open=False)",
        "“over 1,200” holds for exactly 1,200",
    ),
    Mutant(
        "fewer-than-includes-its-bound",
        "src/analysis/claims/band.py",
        "return Band(-math.inf, stated + tolerance, high_open=True)",
        "return Band(-math.inf, stated + tolerance, high_open=False)",
        "“fewer than 1,200” holds for exactly 1,200",
    ),
    Mutant(
        "check-article-vintage-only",
        "src/analysis/claims/evaluation.py",
        "for outcome in evaluate_all(inputs):",
        "for outcome in evaluate_all(inputs, VINTAGES[:1]):",
        "--check compares the article vintage only",
    ),
    Mutant(
        "results-drop-last-vintage",
        "src/analysis/claims/evaluation.py",
        "        for vintage in vintages_\n",
        "        for vintage in vintages_[:1]\n",
        "every claim evaluated on the first requested vintage only",
    ),
    Mutant(
        "check-first-article-only",
        "src/analysis/claims/evaluation.py",
        "return (inputs, *(inputs.for_article(registry) for registry in rest))",
        "return (inputs,)",
        "--check and every export cover the first article only",
    ),
    Mutant(
        "difference-swapped",
        "src/analysis/claims/checks/figures.py",
        'return x - y, f"{word} {a} − {word} {b} = {count(x)} − {count(y)} = {count(x - y)}"',
        'return y - x, f"{word} {a} − {word} {b} = {count(x)} − {count(y)} = {count(y - x)}"',
        "the operands of difference swapped",
    ),
    Mutant(
        "went-down-swapped",
        "src/analysis/claims/checks/official.py",
        "verdict = Verdict.REPRODUCED if y < x else Verdict.CONTRADICTED",
        "verdict = Verdict.REPRODUCED if x < y else Verdict.CONTRADICTED",
        "the years of a fall compared the other way round",
    ),
)


def applied(copy: Path, mutant: Mutant) -> None:
    """Apply `mutant` to the project copy in `copy`; SystemExit unless its text occurs once."""
    path = copy / mutant.file
    text = path.read_text(encoding="utf-8")
    if text.count(mutant.old) != 1:
        raise SystemExit(
            f"semantic mutant {mutant.name}: {mutant.file} holds its text "
            f"{text.count(mutant.old)} times, not once; update scripts/semantic_mutants.py"
        )
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")


def copy_project(target: Path) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(source, target / name, ignore=ignore, symlinks=True)
        else:
            shutil.copy2(source, target / name)


def run(mutant: Mutant | None) -> str:
    """'killed' when a test fails on the mutant, 'survived' when all pass, else 'error'
    (a test file that does not collect, a broken patch: the output is printed). With no
    mutant, the project as it is: every test must pass, or no kill would mean anything."""
    name = mutant.name if mutant else "none"
    with tempfile.TemporaryDirectory(prefix=f"mutant-{name}-") as folder:
        copy = Path(folder)
        copy_project(copy)
        if mutant is not None:
            applied(copy, mutant)
        # The copy's src comes first on the path, so `analysis` is the mutated package.
        env = {**os.environ, "PYTHONPATH": str(copy / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("ANALYSIS_DATA_DIR", None)
        command = [sys.executable, "-m", "pytest", *PYTEST, "-o", "addopts=", "-x", "-q"]
        result = subprocess.run(
            [*command, *SELECTION], cwd=copy, env=env, capture_output=True, text=True, check=False
        )
        summary = result.stdout.strip().splitlines()[-1:] or [""]
        # Killed only by a failing test: with -x, a file that does not even collect also
        # exits 1, which says nothing about the mutant.
        if result.returncode == 1 and " failed" in summary[0] and "error" not in summary[0]:
            return "killed"
        if result.returncode == 0:
            return "survived"
        print(result.stdout[-2000:] + result.stderr[-2000:], file=sys.stderr)
        return "error"


def main(names: list[str]) -> int:
    chosen = [m for m in MUTANTS if not names or m.name in names]
    if names and len(chosen) != len(names):
        raise SystemExit(f"unknown mutant; known: {', '.join(m.name for m in MUTANTS)}")
    started = time.perf_counter()
    if run(None) != "survived":
        print("semantic mutants: the tests fail on the project itself; fix them first")
        return 1
    failed = 0
    for mutant in chosen:
        began = time.perf_counter()
        status = run(mutant)
        failed += status != "killed"
        seconds = time.perf_counter() - began
        print(f"  {status:8} {mutant.name} ({seconds:.0f} s): {mutant.why}", flush=True)
    killed = len(chosen) - failed
    print(
        f"semantic mutants: {killed} of {len(chosen)} killed "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Mutation testing of the core modules (run with `make mutants`).

Runs mutmut (configured under [tool.mutmut] in pyproject.toml) and reports:
how many mutants were made, killed, timed out and survived, the kill rate over
the non-equivalent ones, and every survivor that tests/mutants_equivalent.txt
does not list as equivalent (one mutant name per line, then `#` and why it
cannot change behaviour). Exits 1 while a non-equivalent mutant survives.
"""

import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EQUIVALENT = ROOT / "tests" / "mutants_equivalent.txt"
CHILDREN = "2"


def equivalents() -> dict[str, str]:
    """The mutants listed as equivalent, each with its reason."""
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, reason = line.partition("#")
        if not reason.strip():
            raise SystemExit(f"{EQUIVALENT.name}: {name.strip()} needs a reason after '#'")
        found[name.strip()] = reason.strip()
    return found


def statuses() -> dict[str, str]:
    """Every mutant's status, from `mutmut results --all true`."""
    output = subprocess.run(
        [str(BIN / "mutmut"), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for line in output.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            found[name] = status
    return found


def main() -> int:
    started = time.perf_counter()
    subprocess.run([str(BIN / "mutmut"), "run", "--max-children", CHILDREN], cwd=ROOT, check=False)
    seconds = time.perf_counter() - started
    found, equivalent = statuses(), equivalents()
    counts = Counter(found.values())
    survivors = sorted(n for n, s in found.items() if s != "killed" and n not in equivalent)
    stale = sorted(n for n in equivalent if n not in found)
    judged = len(found) - len(set(equivalent) & set(found))
    killed = counts["killed"]
    print(
        f"\nmutants: {len(found)} in {seconds:.0f} s; "
        + ", ".join(f"{s}: {n}" for s, n in sorted(counts.items()))
    )
    print(f"equivalent (tests/{EQUIVALENT.name}): {len(set(equivalent) & set(found))}")
    print(
        f"kill rate of the non-equivalent: {killed}/{judged} = {100 * killed / max(judged, 1):.1f}%"
    )
    for name in survivors:
        print(f"  survived: {name} ({found[name]}); see `mutmut show {name}`")
    for name in stale:
        print(f"  listed as equivalent but no longer made: {name}")
    return 1 if survivors or stale else 0


if __name__ == "__main__":
    raise SystemExit(main())

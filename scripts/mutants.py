"""Mutation testing of the core modules (run with `make mutants`).

Runs mutmut (configured under [tool.mutmut] in pyproject.toml), trying again
every mutant that survived an earlier run, and reports: how many mutants were
made, killed, timed out and survived; the kill rate over the non-equivalent
ones (a mutant whose tests ran past mutmut's time limit counts as caught, and
is listed); and every survivor that tests/mutants_equivalent.txt does not list
as equivalent (one mutant name per line, then `#` and why it cannot change
behaviour). Exits 1 while a non-equivalent mutant survives.
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
CAUGHT = ("killed", "timeout")


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
    """Every mutant's status, from `mutmut results --all true` (none before a first run)."""
    if not (ROOT / "mutants").is_dir():
        return {}
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


def mutmut_run(*names: str) -> None:
    subprocess.run(
        [str(BIN / "mutmut"), "run", "--max-children", CHILDREN, *names], cwd=ROOT, check=False
    )


def main() -> int:
    started = time.perf_counter()
    equivalent = equivalents()
    # mutmut keeps each verdict until the mutated function changes; tests added since a
    # mutant survived could kill it now, so every earlier survivor is tried again.
    earlier = [
        n
        for n, s in statuses().items()
        if s not in (*CAUGHT, "not checked") and n not in equivalent
    ]
    mutmut_run()
    if earlier:
        mutmut_run(*earlier)
    seconds = time.perf_counter() - started
    found = statuses()
    counts = Counter(found.values())
    survivors = sorted(n for n, s in found.items() if s not in CAUGHT and n not in equivalent)
    stale = sorted(n for n in equivalent if n not in found)
    # A mutant listed as equivalent that a test kills was never equivalent: its entry is wrong.
    killed_listed = sorted(n for n in equivalent if found.get(n) in CAUGHT)
    surviving_equivalent = {n for n in equivalent if n in found and found[n] not in CAUGHT}
    judged = len(found) - len(surviving_equivalent)
    caught = sum(counts[s] for s in CAUGHT)
    print(
        f"\nmutants: {len(found)} in {seconds:.0f} s; "
        + ", ".join(f"{s}: {n}" for s, n in sorted(counts.items()))
    )
    print(f"equivalent (tests/{EQUIVALENT.name}): {len(surviving_equivalent)}")
    print(
        f"kill rate of the non-equivalent (killed or timed out): "
        f"{caught}/{judged} = {100 * caught / max(judged, 1):.1f}%"
    )
    for name in sorted(n for n, s in found.items() if s == "timeout"):
        print(f"  timed out (a test ran past mutmut's limit; counted as caught): {name}")
    for name in survivors:
        print(f"  survived: {name} ({found[name]}); see `mutmut show {name}`")
    for name in stale:
        print(f"  listed as equivalent but no longer made: {name}")
    for name in killed_listed:
        print(f"  listed as equivalent but killed: {name} (remove it from the list)")
    return 1 if survivors or stale or killed_listed else 0


if __name__ == "__main__":
    raise SystemExit(main())

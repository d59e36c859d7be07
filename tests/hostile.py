"""What the hostile-input suite (tests/test_hostile_*.py) shares: a fresh copy of the
minimal data for each case, edits to it, and the one assertion every refused case makes.

Each case runs the command line in this process (tests.conftest.run_cli) on a copy in
pytest's tmp_path: no subprocess, no network, a few milliseconds each.
"""

from pathlib import Path

from tests.conftest import run_cli

CSV_FILES = (
    "sources.csv",
    "arrivals.csv",
    "cumulative.csv",
    "table_dates.csv",
    "border_arrests.csv",
    "repatriation_context.csv",
    "source_issues.csv",
)
ARTICLE = "articles/the-article/article.toml"
CLAIMS = "articles/the-article/claims.toml"
FILES = (*CSV_FILES, ARTICLE, CLAIMS, "datapackage.json")


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old`, which must occur exactly once, with `new`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def refused(
    data_dir: Path,
    name: str,
    *fragments: str,
    line: int | None = None,
    column: str | None = None,
    command: tuple[str, ...] = ("validate",),
) -> str:
    """Run `command` on `data_dir` and assert it is refused with a located error: exit 2,
    no traceback, a problem naming the file read (its path in `data_dir`), at `line` and
    `column` when given, holding every fragment. Returns the problem's line of output."""
    result = run_cli(*command, data_dir=data_dir)
    assert result.returncode == 2, (result.returncode, result.stdout[-500:], result.stderr)
    assert "Traceback" not in result.stderr
    where = f"  - {data_dir / name}"
    if line is not None:
        where += f", line {line}"
    found = [
        text
        for text in result.stderr.splitlines()
        if text.startswith(where)
        and (column is None or f"column {column!r}" in text)
        and all(fragment in text for fragment in fragments)
    ]
    assert found, f"no problem {where}, column {column}, {fragments} in:\n{result.stderr}"
    return found[0]

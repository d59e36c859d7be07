"""Recording reviewed verdicts: after a correction has been previewed, write each
claim's computed verdicts into its registry's `recorded = {...}` line, so that
`claims --check` passes again, and say what changed. Only those lines change:
comments, order, line endings and every other field stay as the reviewer wrote them.
Each new file is read back before anything is written: if it is not the same registry
with the new verdicts (a `recorded` written in a form this does not rewrite), nothing
is written and the claim is named."""

import difflib
import tomllib
from pathlib import Path

from analysis.claims.claim_table import VINTAGES
from analysis.claims.evaluation import evaluate_all
from analysis.claims.inputs import Inputs
from analysis.claims.registry import CLAIMS_FILE
from analysis.load.article import ARTICLES_DIR
from analysis.load.key_lines import CITED, KeyLines
from analysis.load.problems import DataValidationError, Problem

IN_PLACE = (
    f"cannot record the verdicts in place: {CITED} `recorded = {{ … }}` on a line of its "
    "own, among the claim's keys and before any sub-table"
)


def _end_of_keys(lines: KeyLines, table: range) -> int:
    """The line after which a claim's `recorded` goes: its last key before any sub-table
    (comments and blank lines before the next table stay where they are; a line inside
    a multi-line string is part of its key)."""
    last = table.start - 1
    for number in table:
        stripped, hidden = lines.lines[number - 1].strip(), number in lines.hidden
        if not hidden and stripped.startswith("["):
            break
        if hidden or (stripped and not stripped.startswith("#")):
            last = number
    return last


def _recorded_line(verdicts: dict[str, str], like: str) -> str:
    """The `recorded` line for `verdicts`, with the line ending of the line `like` (the
    one it replaces, or the claim's last key, which it follows) and, where it replaces
    one, that line's indentation and end-of-line comment."""
    line = "recorded = { " + ", ".join(f'{v} = "{verdicts[v]}"' for v in VINTAGES) + " }"
    body = like.rstrip("\r")
    ending = like[len(body) :]
    if not body.lstrip().startswith("recorded"):
        return line + ending
    indent = body[: len(body) - len(body.lstrip())]
    # the verdicts hold no brace, so the first closes the table; any comment follows it
    return indent + line + body[body.index("}") + 1 :].rstrip() + ending


def rewritten(inputs: Inputs) -> tuple[Path, str, str]:
    """One article's claims.toml: its path, its text, and its text with the computed
    verdicts recorded. Raises DataValidationError naming the claim whose `recorded`
    cannot be rewritten in place."""
    registry = inputs.registry
    path = inputs.data.directory / ARTICLES_DIR / registry.article.id / CLAIMS_FILE
    text = path.read_bytes().decode("utf-8")
    lines = KeyLines(text)
    after = list(lines.lines)
    computed: dict[str, dict[str, str]] = {}
    for outcome in evaluate_all(inputs):
        computed.setdefault(outcome.claim_id, {})[outcome.vintage] = outcome.verdict.value
    inserted: list[tuple[int, str]] = []
    refused = []
    for index, claim in enumerate(registry.claims, start=1):
        if claim.recorded == computed[claim.id]:
            continue  # already recorded, however it is written
        table = lines.table(index)
        found = lines.find(table, "recorded", claim.recorded) if claim.recorded else 0
        if found:
            after[found - 1] = _recorded_line(computed[claim.id], after[found - 1])
        elif claim.recorded:
            refused.append(Problem(registry.file, IN_PLACE, line=claim.line, column="recorded"))
        else:  # first recording: after the claim's own keys
            last = _end_of_keys(lines, table)
            inserted.append((last, _recorded_line(computed[claim.id], after[last - 1])))
    if refused:
        raise DataValidationError(refused)
    for number, line in sorted(inserted, reverse=True):
        after.insert(number, line)
    new = "\n".join(after)
    expected = tomllib.loads(text)
    for entry, claim in zip(expected["claim"], registry.claims, strict=True):
        entry["recorded"] = computed[claim.id]
    try:
        same = tomllib.loads(new) == expected
    except tomllib.TOMLDecodeError:
        same = False
    if not same:
        raise DataValidationError([Problem(registry.file, IN_PLACE)])
    return path, text, new


def record_all(every: tuple[Inputs, ...]) -> str:
    """Record every article's computed verdicts, writing nothing unless every registry
    can be rewritten; the combined unified diff ("" when nothing changed)."""
    changes = [rewritten(inputs) for inputs in every]
    diffs = []
    for (path, before, after), inputs in zip(changes, every, strict=True):
        if after == before:
            continue
        path.write_bytes(after.encode("utf-8"))
        name = inputs.registry.file
        diffs.append(
            "".join(
                difflib.unified_diff(
                    before.splitlines(keepends=True), after.splitlines(keepends=True), name, name
                )
            )
        )
    return "".join(diffs)

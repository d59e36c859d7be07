"""Recording reviewed verdicts: after a correction has been previewed, write each
claim's computed verdicts into its registry's `recorded = {...}` line, so that
`claims --check` passes again, and say what changed. Only those lines change:
comments, order and every other field stay as the reviewer wrote them."""

import difflib

from analysis.claims.evaluation import evaluate_all
from analysis.claims.inputs import Inputs
from analysis.claims.registry import CLAIMS_FILE, VINTAGES
from analysis.load.article import ARTICLES_DIR


def recorded_line(verdicts: dict[str, str]) -> str:
    inner = ", ".join(f'{v} = "{verdicts[v]}"' for v in VINTAGES)
    return f"recorded = {{ {inner} }}\n"


def record(inputs: Inputs) -> str:
    """Write the computed verdicts of one article's claims into its claims.toml;
    return the unified diff of what changed ("" when nothing did)."""
    registry = inputs.registry
    path = inputs.data.directory / ARTICLES_DIR / registry.article.id / CLAIMS_FILE
    text = path.read_text(encoding="utf-8")
    before = (text if text.endswith("\n") else text + "\n").splitlines(keepends=True)
    after = list(before)
    computed: dict[str, dict[str, str]] = {}
    for outcome in evaluate_all(inputs):
        computed.setdefault(outcome.claim_id, {})[outcome.vintage] = outcome.verdict.value
    starts = sorted(c.line for c in registry.claims)
    inserted: list[tuple[int, str]] = []
    for claim in registry.claims:
        end = next((s for s in starts if s > claim.line), len(after) + 1)
        table = range(claim.line, end - 1)  # 0-based: the lines after `id = ...`
        line = recorded_line(computed[claim.id])
        found = [i for i in table if after[i].startswith("recorded =")]
        if found:
            after[found[0]] = line
        else:  # first recording: after the table's last line of its own
            own = [i for i in table if after[i].strip() and after[i].strip()[0] not in "#["]
            last = max(own, default=claim.line - 1)
            inserted.append((last + 1, line))
    for index, line in sorted(inserted, reverse=True):
        after.insert(index, line)
    if after == before:
        return ""
    path.write_text("".join(after), encoding="utf-8")
    return "".join(difflib.unified_diff(before, after, registry.file, registry.file))


def record_all(every: tuple[Inputs, ...]) -> str:
    """Record every article's computed verdicts; the combined diff."""
    return "".join(record(inputs) for inputs in every)

"""Evaluating the registry: every claim on every vintage, the scorecard, and the
discrepancies with the recorded verdicts that `claims --check` fails on."""

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import datasets, paths, vintages
from analysis.caching import memoised
from analysis.claims.checks import CHECKS
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Context, Reading
from analysis.claims.registry import VINTAGES, Claim, load_registry


def evaluate(
    claim_id: str,
    vintage: "str | date | vintages.Vintage" = "article",
    data_dir: Path = paths.DATA_DIR,
) -> Outcome:
    """Evaluate one claim on one vintage ("article", "latest", a day, or an MOU table)."""
    registry = load_registry(data_dir)
    return _evaluate(registry.get(claim_id), Context(vintage, registry, data_dir))


def _evaluate(claim: Claim, ctx: Context) -> Outcome:
    return CHECKS[claim.check](Reading(claim, ctx))


def evaluate_all(
    vintages_: tuple[str, ...] = VINTAGES, data_dir: Path = paths.DATA_DIR
) -> list[Outcome]:
    """Every claim on every requested vintage, in registry order."""
    registry = load_registry(data_dir)
    contexts = [Context(v, registry, data_dir) for v in vintages_]
    return [_evaluate(claim, ctx) for claim in registry.claims for ctx in contexts]


def stored_outcomes(data_dir: Path = paths.DATA_DIR) -> list[Outcome]:
    """Every claim on the recorded vintages (`evaluate_all(VINTAGES)`), computed once per
    change of the data or the code and kept on disk: the notebooks, the report and the
    exports all show these, and each kernel or build step loads them instead of
    evaluating again."""
    return _stored_outcomes(data_dir, datasets.fingerprint(data_dir))


@memoised
def _stored_outcomes(data_dir: Path, _: datasets.Fingerprint) -> list[Outcome]:
    return datasets.stored_result(
        "outcomes.derived",
        data_dir,
        datasets.data_files(data_dir),
        datasets.package_code(),
        lambda: evaluate_all(VINTAGES, data_dir),
    )


def outcomes_for(vintages_: tuple[str, ...], data_dir: Path = paths.DATA_DIR) -> list[Outcome]:
    """Every claim on the requested vintages, in registry order: the stored outcomes when
    every requested vintage is a recorded one, else evaluated now."""
    if not set(vintages_) <= set(VINTAGES):
        return evaluate_all(vintages_, data_dir)
    stored = {(o.claim_id, o.vintage): o for o in stored_outcomes(data_dir)}
    return [stored[(c.id, v)] for c in load_registry(data_dir).claims for v in vintages_]


def scorecard(
    vintages_: tuple[str, ...] = VINTAGES,
    data_dir: Path = paths.DATA_DIR,
    evaluated: list[Outcome] | None = None,
) -> pd.DataFrame:
    """One row per claim: its wording and, per vintage, the computed value, verdict and reason.

    `evaluated` reuses outcomes already computed by evaluate_all for these vintages.
    """
    registry = load_registry(data_dir)
    found = evaluated if evaluated is not None else outcomes_for(vintages_, data_dir)
    outcomes = {(o.claim_id, o.vintage): o for o in found}
    rows = []
    for claim in registry.claims:
        row: dict[str, Any] = {
            "id": claim.id,
            "quote": claim.quote,
            "kind": claim.kind,
            "stated": claim.stated,
            "notebook": claim.notebook,
        }
        for vintage in vintages_:
            outcome = outcomes[(claim.id, vintage)]
            row[f"computed_{vintage}"] = outcome.computed
            row[f"verdict_{vintage}"] = outcome.verdict.value
            row[f"reason_{vintage}"] = outcome.reason
        rows.append(row)
    return pd.DataFrame(rows)


def discrepancies(data_dir: Path = paths.DATA_DIR) -> list[str]:
    """Claims whose computed verdict differs from the one recorded in the registry,
    on every recorded vintage, and any disagreement in the data a check found."""
    registry = load_registry(data_dir)
    found = []
    for outcome in evaluate_all(VINTAGES, data_dir):
        found += [f"{outcome.claim_id} [{outcome.vintage}]: {p}" for p in outcome.problems]
        recorded = registry.get(outcome.claim_id).recorded.get(outcome.vintage)
        if recorded != outcome.verdict.value:
            found.append(
                f"{outcome.claim_id} [{outcome.vintage}]: recorded {recorded}, computed "
                f"{outcome.verdict.value} ({outcome.reason})"
            )
    return found

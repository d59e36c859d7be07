"""Evaluating the registry: every claim on every vintage, the scorecard, and the
discrepancies with the recorded verdicts that `claims --check` fails on."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from analysis.claims.checks import CHECKS, load_registry
from analysis.claims.claim import Claim, Registry
from analysis.claims.evidence import Outcome
from analysis.claims.inputs import Inputs
from analysis.claims.reading import Reading
from analysis.claims.registry import VINTAGES
from analysis.load.datasets import Data
from analysis.vintages import Vintage


def inputs_for(data: Data) -> Inputs:
    """The checks' inputs for a data set, with the registry of its own directory."""
    return Inputs(data, load_registry(data.directory))


def evaluate_claim(claim: Claim, vintage: "str | date | Vintage", inputs: Inputs) -> Outcome:
    """One claim on one vintage ("article", "latest", a day, or an MOU table)."""
    return CHECKS[claim.check](Reading(claim, inputs.context(vintage)))


def evaluate(claim_id: str, vintage: "str | date | Vintage", data: Data) -> Outcome:
    """Evaluate one claim, by id, on one vintage."""
    inputs = inputs_for(data)
    return evaluate_claim(inputs.registry.get(claim_id), vintage, inputs)


def evaluate_all(inputs: Inputs, vintages_: tuple[str, ...] = VINTAGES) -> list[Outcome]:
    """Every claim on every requested vintage, in registry order."""
    return [
        evaluate_claim(claim, vintage, inputs)
        for claim in inputs.registry.claims
        for vintage in vintages_
    ]


def scorecard(results: "Results") -> pd.DataFrame:
    """One row per claim: its wording and, per vintage, the computed value, verdict and reason."""
    found = {(o.claim_id, o.vintage): o for o in results.outcomes}
    rows = []
    for claim in results.registry.claims:
        row: dict[str, Any] = {
            "id": claim.id,
            "quote": claim.quote,
            "kind": claim.kind,
            "stated": claim.stated,
            "notebook": claim.notebook,
        }
        for vintage in results.vintages:
            outcome = found[(claim.id, vintage)]
            row[f"computed_{vintage}"] = outcome.computed
            row[f"verdict_{vintage}"] = outcome.verdict.value
            row[f"reason_{vintage}"] = outcome.reason
        rows.append(row)
    return pd.DataFrame(rows)


def discrepancies(inputs: Inputs) -> list[str]:
    """Claims whose computed verdict differs from the one recorded in the registry,
    on every recorded vintage, and any disagreement in the data a check found."""
    found = []
    for outcome in evaluate_all(inputs):  # on the recorded VINTAGES
        found += [f"{outcome.claim_id} [{outcome.vintage}]: {p}" for p in outcome.problems]
        recorded = inputs.registry.get(outcome.claim_id).recorded.get(outcome.vintage)
        if recorded != outcome.verdict.value:
            found.append(
                f"{outcome.claim_id} [{outcome.vintage}]: recorded {recorded}, computed "
                f"{outcome.verdict.value} ({outcome.reason})"
            )
    return found


@dataclass(frozen=True)
class Results:
    """Every claim evaluated on some vintages, with the inputs it was computed from:
    what every export, page and notebook shows."""

    inputs: Inputs
    vintages: tuple[str, ...]
    outcomes: tuple[Outcome, ...]

    @property
    def data(self) -> Data:
        return self.inputs.data

    @property
    def registry(self) -> Registry:
        return self.inputs.registry

    def outcome(self, claim_id: str, vintage: str) -> Outcome:
        for outcome in self.outcomes:
            if outcome.claim_id == claim_id and outcome.vintage == vintage:
                return outcome
        raise KeyError(f"no outcome for {claim_id!r} on {vintage!r}")


def results(data: Data, vintages_: tuple[str, ...] = VINTAGES) -> Results:
    """Every claim of `data`'s registry on `vintages_`."""
    inputs = inputs_for(data)
    return Results(inputs, vintages_, tuple(evaluate_all(inputs, vintages_)))

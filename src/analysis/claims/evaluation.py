"""Evaluating the registries: every article's claims on every vintage (the
"article" vintage is each claim's own article's date), the scorecard, and the
discrepancies with the recorded verdicts that `claims --check` fails on."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from analysis.claims.checks import CHECKS, load_registries
from analysis.claims.claim import Claim, Registry
from analysis.claims.claim_table import VINTAGES
from analysis.claims.evidence import Outcome
from analysis.claims.inputs import Inputs
from analysis.claims.reading import Reading
from analysis.load.article import Article
from analysis.load.datasets import Data
from analysis.vintages import Vintage


def every_inputs(data: Data) -> tuple[Inputs, ...]:
    """The checks' inputs for each article of a data set, in the articles' order; the
    vintages of articles none of whose own reports are in the data are computed once."""
    first, *rest = load_registries(data)
    inputs = Inputs(data, first)
    return (inputs, *(inputs.for_article(registry) for registry in rest))


def inputs_for(data: Data, article_id: str | None = None) -> Inputs:
    """The checks' inputs for one article; by default the deep dive, the article whose
    registry declares the narrative notebooks (else the first)."""
    registries = load_registries(data)
    if article_id is not None:
        chosen = [r for r in registries if r.article.id == article_id]
        if not chosen:
            known = ", ".join(r.article.id for r in registries)
            raise KeyError(f"no article {article_id!r}; articles: {known}")
        return Inputs(data, chosen[0])
    deep = [r for r in registries if r.notebooks]
    return Inputs(data, (deep or list(registries))[0])


def evaluate_claim(claim: Claim, vintage: "str | date | Vintage", inputs: Inputs) -> Outcome:
    """One claim on one vintage ("article", "latest", a day, or an MOU table)."""
    return CHECKS[claim.check](Reading(claim, inputs.context(vintage)))


def evaluate(claim_id: str, vintage: "str | date | Vintage", data: Data) -> Outcome:
    """Evaluate one claim, by id, of any article, on one vintage."""
    for registry in load_registries(data):
        if any(c.id == claim_id for c in registry.claims):
            return evaluate_claim(registry.get(claim_id), vintage, Inputs(data, registry))
    raise KeyError(f"no claim {claim_id!r} in any article's registry")


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


def discrepancies(inputs: Inputs) -> dict[str, list[str]]:
    """Per claim whose computed verdict differs from the one recorded in its registry
    on some recorded vintage, or whose check found a disagreement in the data: what
    is wrong, one line per vintage."""
    found: dict[str, list[str]] = {}
    for outcome in evaluate_all(inputs):  # on the recorded VINTAGES
        lines = [f"[{outcome.vintage}]: {p}" for p in outcome.problems]
        recorded = inputs.registry.get(outcome.claim_id).recorded.get(outcome.vintage)
        if recorded != outcome.verdict.value:
            was = "not yet recorded" if recorded is None else f"recorded {recorded}"
            lines.append(
                f"[{outcome.vintage}]: {was}, computed {outcome.verdict.value} ({outcome.reason})"
            )
        if lines:
            found.setdefault(outcome.claim_id, []).extend(lines)
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

    @property
    def article(self) -> Article:
        return self.inputs.registry.article

    def outcome(self, claim_id: str, vintage: str) -> Outcome:
        for outcome in self.outcomes:
            if outcome.claim_id == claim_id and outcome.vintage == vintage:
                return outcome
        raise KeyError(f"no outcome for {claim_id!r} on {vintage!r}")


def results(
    data: Data, vintages_: tuple[str, ...] = VINTAGES, article_id: str | None = None
) -> Results:
    """Every claim of one article (by default the deep dive) on `vintages_`."""
    inputs = inputs_for(data, article_id)
    return Results(inputs, vintages_, tuple(evaluate_all(inputs, vintages_)))


def every_result(data: Data, vintages_: tuple[str, ...] = VINTAGES) -> tuple[Results, ...]:
    """Every article's claims on `vintages_`, in the articles' order."""
    return tuple(
        Results(inputs, vintages_, tuple(evaluate_all(inputs, vintages_)))
        for inputs in every_inputs(data)
    )

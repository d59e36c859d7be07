"""The article's claims as machine-checked objects.

Each article's registry (data/articles/<id>/claims.toml) holds each claim's wording, stated value, the
check that computes it and its recorded verdicts. The checks compute each
verdict from the data for any vintage, with the evidence it rests on, so a
number that stops reproducing is caught the day it happens, and every verdict
shows its work.

Modules: `verdicts` (the vocabulary), `registry` (reading and validating
claims.toml), `declare` (how a check states its arguments), `evidence`
(figures, arithmetic, revisions), `inputs` (the data prepared for the checks),
`reading` (how checks read it), `checks/` (the checks and their table),
`evaluation` (scorecard and --check), `press` (every press figure as a claim).
"""

from analysis.claims.checks import CHECKS, load_registries
from analysis.claims.claim import Claim, Registry
from analysis.claims.claim_table import VINTAGES
from analysis.claims.declare import kind_words
from analysis.claims.evaluation import (
    Results,
    discrepancies,
    evaluate,
    evaluate_all,
    evaluate_claim,
    every_inputs,
    every_result,
    inputs_for,
    results,
    scorecard,
)
from analysis.claims.evidence import Evidence, Figure, Outcome, Source
from analysis.claims.inputs import Inputs
from analysis.claims.verdicts import HOLDS, VERDICTS, Verdict, change_words, words
from analysis.load.article import Article

__all__ = [
    "CHECKS",
    "HOLDS",
    "VERDICTS",
    "VINTAGES",
    "Article",
    "Claim",
    "Evidence",
    "Figure",
    "Inputs",
    "Outcome",
    "Registry",
    "Results",
    "Source",
    "Verdict",
    "change_words",
    "discrepancies",
    "evaluate",
    "evaluate_all",
    "evaluate_claim",
    "every_inputs",
    "every_result",
    "inputs_for",
    "kind_words",
    "load_registries",
    "results",
    "scorecard",
    "words",
]

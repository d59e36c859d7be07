"""The article's claims as machine-checked objects.

The registry (data/claims.toml) holds each claim's wording, stated value, the
check that computes it and its recorded verdicts. The checks compute each
verdict from the data for any vintage, with the evidence it rests on, so a
number that stops reproducing is caught the day it happens, and every verdict
shows its work.

Modules: `verdicts` (the vocabulary), `registry` (reading and validating
claims.toml), `evidence` (figures, arithmetic, revisions), `reading` (how
checks read data), `official`, `arithmetic` and `anecdotes` (the checks),
`checks` (the table of checks), `evaluation` (scorecard and --check).
"""

from analysis.claims.evaluation import (
    discrepancies,
    evaluate,
    evaluate_all,
    outcomes_for,
    scorecard,
    stored_outcomes,
)
from analysis.claims.evidence import Evidence, Figure, Outcome, Source
from analysis.claims.registry import VINTAGES, Claim, Registry, load_registry
from analysis.claims.verdicts import VERDICTS, Verdict, words

__all__ = [
    "VERDICTS",
    "VINTAGES",
    "Claim",
    "Evidence",
    "Figure",
    "Outcome",
    "Registry",
    "Source",
    "Verdict",
    "discrepancies",
    "evaluate",
    "evaluate_all",
    "load_registry",
    "outcomes_for",
    "scorecard",
    "stored_outcomes",
    "words",
]

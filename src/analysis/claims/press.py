"""Every figure a news report published, checked as a claim by that outlet, on
the series as it stood on the report's publication day (the checks and their
findings are in analysis.claims.checks.press)."""

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd

from analysis.claims.checks.press import (
    DIFFERS,
    DISPUTED,
    FINDINGS,
    MATCHES,
    NOT_COMPARABLE,
    REVISED,
    STALE,
    PressCheck,
    reported_figure,
    reported_total,
)
from analysis.claims.claim import Claim
from analysis.claims.evidence import Outcome
from analysis.claims.inputs import Context, Inputs
from analysis.claims.reading import Reading
from analysis.claims.verdicts import Verdict
from analysis.load.vocabulary import COUNT_COLUMNS

PRESS_EVIDENCE = ("report", "mou_restatement")
NOTEBOOK = "07_press_figures.ipynb"
__all__ = [
    "DIFFERS",
    "DISPUTED",
    "FINDINGS",
    "NOTEBOOK",
    "STALE",
    "PressCheck",
    "check_press",
    "press_claims",
    "summary",
    "unrecorded",
]


def _finding(outcome: Outcome) -> str:
    return str(outcome.value[0]) if isinstance(outcome.value, tuple) else NOT_COMPARABLE


def _press_rows(inputs: Inputs) -> pd.DataFrame:
    """Every press figure of a series period, one row per (row, column)."""
    rows = inputs.book.series_reports
    rows = rows[rows["evidence"].isin(PRESS_EVIDENCE)]
    melted = rows.melt(
        id_vars=["source_id", "period", "period_end", "line", "quote", "published_to"],
        value_vars=list(COUNT_COLUMNS),
        var_name="field",
        value_name="figure",
    )
    return melted[melted["figure"].notna()].sort_values(["line", "field"])


def _total_claims(inputs: Inputs) -> list[Claim]:
    """Each cumulative total a press report published, as a claim by its outlet."""
    table = inputs.data.cumulative
    table = table[table["evidence"].isin(PRESS_EVIDENCE)]
    found = []
    for row in table.to_dict("records"):
        for field in COUNT_COLUMNS:
            if pd.isna(row[field]):
                continue
            as_of = row["as_of"].date().isoformat()
            args = {"source_id": row["source_id"], "as_of": as_of, "field": field}
            found.append(
                _press_claim(row, f"to-{as_of}", f"{field} up to {as_of}", int(row[field]), args)
            )
    return found


def _press_claim(
    row: Mapping[Any, Any], what: str, quantity: str, stated: int, args: dict[str, Any]
) -> Claim:
    """A press figure as a claim by its outlet (`what` names the figure in the id)."""
    check = "press.reported_total" if "as_of" in args else "press.reported_figure"
    return Claim(
        id=f"{row['source_id']}-{what}-{args['field']}",
        quote=str(row["quote"]),
        quantity=quantity,
        kind="official_statistic",
        stated=stated,
        precision="exact",
        check=check,
        args=args,
        notebook=NOTEBOOK,
        recorded={},
        line=int(row["line"]),
    )


def press_claims(inputs: Inputs) -> list[Claim]:
    """Each press figure as a claim by its outlet: annual figures of series periods,
    then cumulative totals."""
    article = inputs.article.source_id
    misprints = {key: int(p) for key, p in inputs.misprints.items() if p.isdigit()}
    claims = []
    for row in _press_rows(inputs).to_dict("records"):
        if row["source_id"] == article:
            continue
        args = {"source_id": row["source_id"], "period": row["period"], "field": row["field"]}
        what, quantity = row["period"].replace(" ", "-"), f"{row['field']}, {row['period']}"
        stated = misprints.get((row["source_id"], row["period_end"], row["field"]), row["figure"])
        claims.append(_press_claim(row, what, quantity, int(stated), args))
    return claims + _total_claims(inputs)


def check_press(inputs: Inputs) -> list[PressCheck]:
    """Every press figure checked against the series of its publication day."""
    days = sorted({last.toordinal() for _, last in inputs.published.values()})
    contexts: dict[date, Context] = {}

    def outcome_on(claim: Claim, day: date) -> Outcome:
        if day not in contexts:
            try:
                contexts[day] = inputs.context(day)
            except ValueError:  # no series figure had been published by that day
                reason = f"no series figure had been published by {day}"
                return Outcome(
                    claim.id, day.isoformat(), "", Verdict.NOT_VERIFIABLE, reason, (NOT_COMPARABLE,)
                )
        check = reported_total if claim.check == "press.reported_total" else reported_figure
        return check(Reading(claim, contexts[day]))

    found = []
    for claim in press_claims(inputs):
        first, last = inputs.published[claim.args["source_id"]]
        # A report dated only to a month or a year may have seen the series of any day
        # in that interval: it matches if it gives the figure in force on one of them
        # (the days the series could change: the interval's ends and each publication).
        outcome = outcome_on(claim, last)
        for day in _days_between(first, last, days):
            if _finding(outcome) not in (STALE, DISPUTED, DIFFERS):
                break
            earlier = outcome_on(claim, day)
            if _finding(earlier) in (MATCHES, REVISED):
                outcome = earlier
        finding = _finding(outcome)
        issue = None
        if finding in (DIFFERS, DISPUTED):
            table, period = (
                ("cumulative", claim.args["as_of"])
                if "as_of" in claim.args
                else ("arrivals", claim.args["period"])
            )
            issue = Reading(claim, next(iter(contexts.values()))).recorded_issue(
                outcome.evidence.figures[0], table, period
            )
        found.append(PressCheck(claim, outcome, finding, issue))
    return found


def _days_between(first: date, last: date, days: list[int]) -> list[date]:
    """The days in [first, last) on which the series could change: the first day and
    every publication's last possible day."""
    inside = (date.fromordinal(d) for d in days if first.toordinal() <= d < last.toordinal())
    return sorted({first, *inside})


def unrecorded(checks: list[PressCheck], recorded: pd.DataFrame) -> list[str]:
    """Each finding recorded in data/press_findings.csv that the check no longer gives
    (or for a figure it does not know), located by line."""
    found = {c.claim.id: c.finding for c in checks}
    problems = []
    for row in recorded.to_dict("records"):
        where = f"data/press_findings.csv, line {row['line']}"
        now = found.get(str(row["claim_id"]))
        if now is None:
            problems.append(f"{where}: no press figure {row['claim_id']}")
        elif now != row["finding"]:
            problems.append(
                f"{where}: {row['claim_id']} is now '{now}', recorded as '{row['finding']}'"
            )
    return problems


def summary(checks: list[PressCheck]) -> dict[str, int]:
    """How many press figures got each finding."""
    return {finding: sum(c.finding == finding for c in checks) for finding in FINDINGS}

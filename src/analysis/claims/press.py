"""Every figure a news report published, checked as a claim by that outlet.

A press report of an annual figure claims "MOU's figure is N". The check asks
the same engine as the article's claims: what was MOU's figure as it stood on
the report's publication day (the vintage rule), and what is it now? Each
figure gets one finding:

- matches then current: the report gives the figure in force on its day
  (revised since, when MOU restated it later);
- stale: it gives an older figure that had already been replaced;
- differs: neither, a typo or misreading, which must be a recorded source
  issue (data/source_issues.csv);
- the only source of its figure: the series of its day takes the figure from
  this very report, and no other source ever gave the same value, so nothing
  can confirm it (a first provisional release reported once, or a misprint);
- not comparable: the series of that day cannot give the figure (a mid-year
  cumulative total with no part-year figure, or a day before any series).

The rule's strongest test: every press figure is matched or explained.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import datasets, paths, vintages
from analysis.caching import memoised
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Context, Reading, check
from analysis.claims.registry import Claim, load_registry
from analysis.claims.verdicts import Verdict
from analysis.present import count

PRESS_EVIDENCE = ("report", "mou_restatement")
NOTEBOOK = "07_press_figures.ipynb"
MATCHES, REVISED, SOLE, STALE, DIFFERS, NOT_COMPARABLE = (
    "matches then current",
    "matches then current, revised since",
    "the only source of its figure",
    "stale",
    "differs",
    "not comparable",
)
FINDINGS = (MATCHES, REVISED, SOLE, STALE, DIFFERS, NOT_COMPARABLE)
_VERDICTS = {
    MATCHES: Verdict.REPRODUCED_EXACTLY,
    REVISED: Verdict.REPRODUCED_AS_PUBLISHED_THEN,
    SOLE: Verdict.NOT_VERIFIABLE,
    STALE: Verdict.CONTRADICTED,
    DIFFERS: Verdict.CONTRADICTED,
    NOT_COMPARABLE: Verdict.NOT_VERIFIABLE,
}


@dataclass(frozen=True)
class PressCheck:
    """One press figure's outcome, its finding and, for a difference, the recorded issue."""

    claim: Claim
    outcome: Outcome
    finding: str
    issue: str | None

    @property
    def explained(self) -> bool:
        """Matched, stale, not comparable, or a difference recorded as a source issue."""
        return self.finding != DIFFERS or self.issue is not None


def _finding(outcome: Outcome) -> str:
    return str(outcome.value[0]) if isinstance(outcome.value, tuple) else NOT_COMPARABLE


@check(source_id=str, period=str, field=("men", "women", "total"))
def reported_figure(reading: Reading) -> Outcome:
    """A press figure against MOU's series as it stood on the report's day, and now."""
    args = reading.claim.args
    source, period, column = args["source_id"], args["period"], args["field"]
    reported = reading.report(source, period, column)
    stated = int(reported.value)
    if not reading.has(period):
        reason = f"no figure for {period} stood on {reading.ctx.vintage}"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, (NOT_COMPARABLE,))
    current = reading.figure(period, column)
    if current is None:
        reason = f"the series of that day gives no {column} for {period}"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, (NOT_COMPARABLE,))
    latest = reading.figure(period, column, date.max)
    working = [
        f"reported: {count(stated)}; in force on {reading.ctx.vintage}: {count(int(current.value))}"
        f" ({current.source.id})"
    ]
    if latest is not None:
        working.append(f"latest: {count(int(latest.value))} ({latest.source.id})")
    if current.value == stated and current.source.id == source:
        others = reading.same_value_elsewhere(period, column, reported)
        if others:
            working.append(f"the same figure is given by {', '.join(f.source.id for f in others)}")
        finding = (
            (REVISED if latest is not None and latest.value != stated else MATCHES)
            if others
            else SOLE
        )
    elif current.value == stated:
        finding = REVISED if latest is not None and latest.value != stated else MATCHES
    else:
        older = [
            f
            for f in reading.earlier_reports(period, column, reported)
            if f.value == stated and reading.recorded_issue(f, "arrivals", period) is None
        ]
        finding = STALE if older else DIFFERS
        if older:
            working.append(
                f"{count(stated)} was published earlier by {older[0].source.id} "
                f"({older[0].source.published}) and replaced by the day of this report"
            )
    reason = f"{source} reports {count(stated)} for {period} ({column}): {finding}"
    value = (finding, stated, current.value, None if latest is None else latest.value)
    return reading.outcome(_VERDICTS[finding], count(stated), reason, value, tuple(working))


@check(source_id=str, as_of=str, field=("men", "women", "total"))
def reported_total(reading: Reading) -> Outcome:
    """A press report's cumulative total against the sum of the series of its day (plus
    the part-year figure published by then, for a total that does not end a year)."""
    args = reading.claim.args
    figure = reading.reported_cumulative(args["source_id"], args["as_of"], args["field"])
    day = reading.ctx.last_day
    computed = vintages.reconcile_total(
        pd.Timestamp(args["as_of"]), args["source_id"], day, reading.ctx.data_dir
    )
    value = None if computed is None else computed[args["field"]]
    if value is None or pd.isna(value):
        reason = f"the series of {day} cannot give the total to {args['as_of']}"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, (NOT_COMPARABLE,))
    finding = MATCHES if int(value) == figure.value else DIFFERS
    working = (
        f"reported: {count(int(figure.value))}; the series of {day} sums to {count(int(value))}",
    )
    reason = (
        f"{args['source_id']} reports {count(int(figure.value))} up to {args['as_of']}: {finding}"
    )
    return reading.outcome(
        _VERDICTS[finding],
        count(int(figure.value)),
        reason,
        (finding, figure.value, int(value)),
        working,
    )


def _press_rows(data_dir: Path) -> pd.DataFrame:
    """Every press figure of a series period, one row per (row, column)."""
    rows = vintages.series_reports(data_dir)
    rows = rows[rows["evidence"].isin(PRESS_EVIDENCE)]
    melted = rows.melt(
        id_vars=["source_id", "period", "line", "quote", "published_to"],
        value_vars=["men", "women", "total"],
        var_name="field",
        value_name="figure",
    )
    return melted[melted["figure"].notna()].sort_values(["line", "field"])


def _total_claims(data_dir: Path) -> list[Claim]:
    """Each cumulative total a press report published, as a claim by its outlet."""
    table = datasets.cumulative(data_dir)
    table = table[table["evidence"].isin(PRESS_EVIDENCE)]
    found = []
    for row in table.to_dict("records"):
        for field in ("men", "women", "total"):
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


def press_claims(data_dir: Path = paths.DATA_DIR) -> list[Claim]:
    """Each press figure as a claim by its outlet: annual figures of series periods,
    then cumulative totals."""
    article = datasets.article(data_dir).source_id
    claims = []
    for row in _press_rows(data_dir).to_dict("records"):
        if row["source_id"] == article:
            continue
        args = {"source_id": row["source_id"], "period": row["period"], "field": row["field"]}
        what, quantity = row["period"].replace(" ", "-"), f"{row['field']}, {row['period']}"
        claims.append(_press_claim(row, what, quantity, int(row["figure"]), args))
    return claims + _total_claims(data_dir)


def check_press(data_dir: Path = paths.DATA_DIR) -> list[PressCheck]:
    """Every press figure checked against the series of its publication day."""
    return list(_check_press(data_dir, datasets.fingerprint(data_dir)))


@memoised
def _check_press(data_dir: Path, _: datasets.Fingerprint) -> tuple[PressCheck, ...]:
    registry = load_registry(data_dir)
    sources = datasets.sources(data_dir).set_index("source_id")
    contexts: dict[date, Context] = {}

    def outcome_on(claim: Claim, day: date) -> Outcome:
        if day not in contexts:
            try:
                contexts[day] = Context(day, registry, data_dir)
            except ValueError:  # no series figure had been published by that day
                reason = f"no series figure had been published by {day}"
                return Outcome(
                    claim.id, day.isoformat(), "", Verdict.NOT_VERIFIABLE, reason, (NOT_COMPARABLE,)
                )
        check = reported_total if claim.check == "press.reported_total" else reported_figure
        return check(Reading(claim, contexts[day]))

    found = []
    for claim in press_claims(data_dir):
        source = sources.loc[claim.args["source_id"]]
        first, last = (pd.Timestamp(source[c]).date() for c in ("published_from", "published_to"))
        # A report dated only to a month or a year may have seen the series of any day
        # in that interval: it matches if it gives the figure in force on one of them
        # (the days the series could change: the interval's ends and each publication).
        outcome = outcome_on(claim, last)
        for day in _days_between(first, last, data_dir):
            if _finding(outcome) not in (STALE, DIFFERS):
                break
            earlier = outcome_on(claim, day)
            if _finding(earlier) in (MATCHES, REVISED):
                outcome = earlier
        finding = _finding(outcome)
        issue = None
        if finding == DIFFERS:
            table, period = (
                ("cumulative", claim.args["as_of"])
                if "as_of" in claim.args
                else ("arrivals", claim.args["period"])
            )
            issue = Reading(claim, next(iter(contexts.values()))).recorded_issue(
                outcome.evidence.figures[0], table, period
            )
        found.append(PressCheck(claim, outcome, finding, issue))
    return tuple(found)


def _days_between(first: date, last: date, data_dir: Path) -> list[date]:
    """The days in [first, last) on which the series could change: the first day and
    every publication's last possible day."""
    days = datasets.sources(data_dir)["published_to"].dt.date
    return sorted({first, *(d for d in days if first <= d < last)})


def summary(checks: list[PressCheck]) -> dict[str, int]:
    """How many press figures got each finding."""
    return {finding: sum(c.finding == finding for c in checks) for finding in FINDINGS}

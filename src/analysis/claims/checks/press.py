"""Every figure a news report published, checked as a claim by that outlet.

A press report of an annual figure claims "MOU's figure is N". The check asks
the same engine as the article's claims: what was MOU's figure as it stood on
the report's publication day (the vintage rule), and what is it now? Each
figure gets one finding:

- matches then current: the report gives the figure in force on its day
  (revised since, when MOU restated it later);
- stale: it gives an older figure that had already been replaced;
- differs: neither, a typo or misreading, which must be a recorded source
  issue (data/source_issues.csv); a misprint is checked as printed (the
  `printed` of its recorded typo), not as the reading data/ keeps;
- the only source of its figure: the series of its day takes the figure from
  this very report, no other source ever gave the same value, and no other
  source's cumulative total reconciles with it, so nothing can confirm it (a
  first provisional release reported once);
- disputed: it differs from the figure in force, but another source's
  published figure is consistent with it (a cumulative total that the series
  reproduces with this figure in it, or for a total, another source's figure
  for its last year that makes the series reproduce it): a figure that
  circulated, contradicted by a third;
- not comparable: the series of that day cannot give the figure (a mid-year
  cumulative total with no part-year figure, or a day before any series).

The rule's strongest test: every press figure is matched or explained.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis.claims.checks.support import (
    confirming_totals,
    consistent_figures,
    consistent_totals,
    printed_as,
)
from analysis.claims.claim import Claim
from analysis.claims.declare import COLUMNS, check
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Reading
from analysis.claims.verdicts import Verdict
from analysis.formatting import count
from analysis.load.vocabulary import PRESS_FINDINGS
from analysis.vintages import reconcile_total

FINDINGS = PRESS_FINDINGS
MATCHES, REVISED, SOLE, STALE, DISPUTED, DIFFERS, NOT_COMPARABLE = FINDINGS
_VERDICTS = {
    MATCHES: Verdict.REPRODUCED_EXACTLY,
    REVISED: Verdict.REPRODUCED_AS_PUBLISHED_THEN,
    SOLE: Verdict.NOT_VERIFIABLE,
    STALE: Verdict.CONTRADICTED,
    DISPUTED: Verdict.NOT_VERIFIABLE,
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


@check(source_id=str, period=str, field=COLUMNS)
def reported_figure(reading: Reading) -> Outcome:
    """A press figure against MOU's series as it stood on the report's day, and now."""
    args = reading.claim.args
    source, period, column = args["source_id"], args["period"], args["field"]
    reported = reading.report(source, period, column)
    stated = printed_as(reading, source, period, column) or int(reported.value)
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
    if stated != reported.value:
        working.append(f"printed as {count(stated)}, a misprint of {count(int(reported.value))}")
    if current.value == stated and current.source.id == source:
        others = reading.same_value_elsewhere(period, column, reported)
        if others:
            working.append(f"the same figure is given by {', '.join(f.source.id for f in others)}")
        confirming = (
            [] if others or column != "total" else confirming_totals(reading, period, source)
        )
        if confirming:
            working.append(f"{', '.join(confirming)} reconciles with it")
        finding = (
            (REVISED if latest is not None and latest.value != stated else MATCHES)
            if others or confirming
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
        consistent = (
            [] if older or column != "total" else consistent_totals(reading, period, source, stated)
        )
        if consistent:
            finding = DISPUTED
            working.append(f"consistent with {', '.join(consistent)}")
        if older:
            working.append(
                f"{count(stated)} was published earlier by {older[0].source.id} "
                "and replaced by the day of this report"
            )
    reason = f"{source} reports {count(stated)} for {period} ({column}): {finding}"
    value = (finding, stated, current.value, None if latest is None else latest.value)
    return reading.outcome(_VERDICTS[finding], count(stated), reason, value, tuple(working))


@check(source_id=str, as_of=str, field=COLUMNS)
def reported_total(reading: Reading) -> Outcome:
    """A press report's cumulative total against the sum of the series of its day (plus
    the part-year figure published by then, for a total that does not end a year)."""
    args = reading.claim.args
    figure = reading.reported_cumulative(args["source_id"], args["as_of"], args["field"])
    day = reading.ctx.last_day
    computed = reconcile_total(
        reading.ctx.inputs.book, pd.Timestamp(args["as_of"]), args["source_id"], day
    )
    value = None if computed is None else computed[args["field"]]
    if value is None or pd.isna(value):
        reason = f"the series of {day} cannot give the total to {args['as_of']}"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, (NOT_COMPARABLE,))
    finding = MATCHES if int(value) == figure.value else DIFFERS
    working: tuple[str, ...] = (
        f"reported: {count(int(figure.value))}; the series of {day} sums to {count(int(value))}",
    )
    if finding == DIFFERS and args["field"] == "total":
        alternatives = consistent_figures(
            reading, args["as_of"], args["source_id"], day, int(value)
        )
        if alternatives:
            finding = DISPUTED
            working += (f"consistent with {', '.join(alternatives)}",)
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

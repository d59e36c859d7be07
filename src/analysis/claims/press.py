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
- not comparable: its period is not one of the series (a part-year, a single
  year before MOU's tables begin, an odd bucket), or no figure stood that day.

The rule's strongest test: every press figure is matched or explained.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from analysis import datasets, paths, vintages
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Context, Reading, check
from analysis.claims.registry import Claim, load_registry
from analysis.claims.verdicts import Verdict
from analysis.present import count

PRESS_EVIDENCE = ("report", "mou_restatement")
MATCHES, REVISED, STALE, DIFFERS, NOT_COMPARABLE = (
    "matches then current",
    "matches then current, revised since",
    "stale",
    "differs",
    "not comparable",
)
FINDINGS = (MATCHES, REVISED, STALE, DIFFERS, NOT_COMPARABLE)
_VERDICTS = {
    MATCHES: Verdict.REPRODUCED_EXACTLY,
    REVISED: Verdict.REPRODUCED_AS_PUBLISHED_THEN,
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
    if current.value == stated:
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


def press_claims(data_dir: Path = paths.DATA_DIR) -> list[Claim]:
    """Each press figure of a series period as a claim by its outlet."""
    article = datasets.article(data_dir).source_id
    claims = []
    for row in _press_rows(data_dir).to_dict("records"):
        if row["source_id"] == article:
            continue
        claims.append(
            Claim(
                id=f"{row['source_id']}-{row['period'].replace(' ', '-')}-{row['field']}",
                quote=str(row["quote"]),
                quantity=f"{row['field']}, {row['period']}",
                kind="official_statistic",
                stated=int(row["figure"]),
                precision="exact",
                check="press.reported_figure",
                args={
                    "source_id": row["source_id"],
                    "period": row["period"],
                    "field": row["field"],
                },
                notebook="07_press_figures.ipynb",
                recorded={},
                line=int(row["line"]),
            )
        )
    return claims


def check_press(data_dir: Path = paths.DATA_DIR) -> list[PressCheck]:
    """Every press figure checked against the series of its publication day."""
    return list(_check_press(data_dir, datasets.fingerprint(data_dir)))


@cache
def _check_press(data_dir: Path, _: datasets.Fingerprint) -> tuple[PressCheck, ...]:
    registry = load_registry(data_dir)
    sources = datasets.sources(data_dir).set_index("source_id")
    contexts: dict[date, Context] = {}

    def outcome_on(claim: Claim, day: date) -> Outcome:
        if day not in contexts:
            contexts[day] = Context(day, registry, data_dir)
        return reported_figure(Reading(claim, contexts[day]))

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
            issue = Reading(claim, contexts[last]).recorded_issue(
                outcome.evidence.figures[0], "arrivals", claim.args["period"]
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

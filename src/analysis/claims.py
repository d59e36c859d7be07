"""The article's claims as machine-checked objects.

The registry (data/claims.toml) holds each claim's wording, stated value and
recorded verdicts; this module computes each verdict from the data, for any
vintage, so a number that stops reproducing is caught the day it happens.
"""

import itertools
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import datasets, paths, vintages
from analysis.reconcile import cumulative_through

CLAIMS_FILE = "claims.toml"
VINTAGES = ("article", "latest")


class Verdict(StrEnum):
    """What the data say about a claim."""

    REPRODUCED_EXACTLY = "reproduced_exactly"
    REPRODUCED_WITHIN_ROUNDING = "reproduced_within_rounding"
    REPRODUCED = "reproduced"  # an ordering or trend that holds
    REPRODUCED_AS_PUBLISHED_THEN = "reproduced_as_published_then"
    CONTRADICTED = "contradicted"
    INTERNALLY_INCONSISTENT = "internally_inconsistent"
    NOT_VERIFIABLE = "not_verifiable"


VERDICT_LABELS = {
    Verdict.REPRODUCED_EXACTLY: "Reproduced exactly",
    Verdict.REPRODUCED_WITHIN_ROUNDING: "Reproduced within rounding",
    Verdict.REPRODUCED: "Reproduced",
    Verdict.REPRODUCED_AS_PUBLISHED_THEN: "Reproduced only with the figures published then",
    Verdict.CONTRADICTED: "Contradicted",
    Verdict.INTERNALLY_INCONSISTENT: "Internally inconsistent",
    Verdict.NOT_VERIFIABLE: "Not verifiable",
}


@dataclass(frozen=True)
class Claim:
    """One checkable sentence of the article, as registered."""

    id: str
    quote: str
    quantity: str
    kind: str
    stated: Any
    precision: str
    check: str
    args: dict[str, Any]
    notebook: str
    recorded: dict[str, str]


@dataclass(frozen=True)
class Registry:
    claims: tuple[Claim, ...]
    era_start: int
    era_alternatives: tuple[int, ...]
    reviewer: str
    review_date: date

    def get(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(f"no claim {claim_id!r} in the registry")


@dataclass(frozen=True)
class Outcome:
    """A claim evaluated on one vintage: what the data give, the verdict, and why."""

    claim_id: str
    vintage: str
    computed: str
    verdict: Verdict
    reason: str


@dataclass
class Context:
    """Everything a check may need for one vintage, loaded once."""

    vintage: str
    registry: Registry
    data_dir: Path
    series: pd.DataFrame = field(init=False)
    article_series: pd.DataFrame = field(init=False)

    def __post_init__(self) -> None:
        self.series = vintages.arrivals(_vintage_arg(self.vintage), self.data_dir).set_index(
            "period"
        )
        self.article_series = vintages.arrivals("article", self.data_dir).set_index("period")

    def value(self, period: str, column: str, then: bool = False) -> int | None:
        table = self.article_series if then else self.series
        if period not in table.index:
            return None
        cell: Any = table.loc[period, column]
        return None if pd.isna(cell) else int(cell)


def _vintage_arg(vintage: str) -> str | date:
    try:
        return date.fromisoformat(vintage)
    except ValueError:
        return vintage


def load_registry(data_dir: Path = paths.DATA_DIR) -> Registry:
    """Read and check the registry: unique ids, known checks, known verdicts."""
    return _load_registry(data_dir, datasets.fingerprint(data_dir))


@cache
def _load_registry(data_dir: Path, _: datasets.Fingerprint) -> Registry:
    with (data_dir / CLAIMS_FILE).open("rb") as handle:
        raw = tomllib.load(handle)
    claims = tuple(Claim(**entry) for entry in raw["claim"])
    ids = [c.id for c in claims]
    problems = [f"duplicate id {i!r}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    problems += [f"{c.id}: unknown check {c.check!r}" for c in claims if c.check not in CHECKS]
    problems += [
        f"{c.id}: unknown recorded verdict {v!r} for {k!r}"
        for c in claims
        for k, v in c.recorded.items()
        if v not in set(Verdict) or k not in VINTAGES
    ]
    if problems:
        raise ValueError(f"data/{CLAIMS_FILE}: " + "; ".join(problems))
    return Registry(
        claims=claims,
        era_start=int(raw["eras"]["used"]),
        era_alternatives=tuple(raw["eras"]["alternatives"]),
        reviewer=str(raw["review"]["author"]),
        review_date=raw["review"]["date"],
    )


# --- comparing a stated value with the data ---------------------------------


def _matches(stated: float, computed: float, precision: str) -> bool:
    if precision == "percent":
        return stated - 0.5 <= computed < stated + 0.5
    return computed == stated


def _compare(
    claim: Claim, now: float | None, then: float | None, show: Callable[[float], str]
) -> Outcome:
    """Verdict for a numeric claim from its value on this vintage and on the article's."""
    exact = (
        Verdict.REPRODUCED_WITHIN_ROUNDING
        if claim.precision == "percent"
        else Verdict.REPRODUCED_EXACTLY
    )
    if now is None:
        return Outcome(
            claim.id,
            "",
            "",
            Verdict.NOT_VERIFIABLE,
            f"no figure for {claim.quantity} in this vintage",
        )
    computed = show(now)
    if _matches(claim.stated, now, claim.precision):
        return Outcome(
            claim.id,
            "",
            computed,
            exact,
            f"the data give {computed}; the article says {_stated(claim)}",
        )
    if then is not None and _matches(claim.stated, then, claim.precision):
        reason = f"{show(then)} as published on the article's date, revised since to {computed}"
        return Outcome(claim.id, "", computed, Verdict.REPRODUCED_AS_PUBLISHED_THEN, reason)
    return Outcome(
        claim.id,
        "",
        computed,
        Verdict.CONTRADICTED,
        f"the data give {computed}, not {_stated(claim)}",
    )


def _stated(claim: Claim) -> str:
    if claim.precision == "percent":
        return f"{claim.stated}%"
    return _count(claim.stated) if isinstance(claim.stated, int) else str(claim.stated)


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _percent(value: float) -> str:
    return f"{value:.1f}%"


def _share(women: int | None, total: int | None) -> float | None:
    return None if women is None or not total else 100 * women / total


# --- the checks ---------------------------------------------------------------


def check_annual(claim: Claim, ctx: Context) -> Outcome:
    period, column = claim.args["period"], claim.args["field"]
    return _compare(claim, ctx.value(period, column), ctx.value(period, column, then=True), _count)


def _cumulative(ctx: Context, through: str, column: str, then: bool = False) -> int | None:
    series = (ctx.article_series if then else ctx.series).reset_index()
    value = cumulative_through(series, pd.Timestamp(f"{through}-12-31"))[column]
    return None if pd.isna(value) else int(value)


def check_cumulative(claim: Claim, ctx: Context) -> Outcome:
    through, column = claim.args["through"], claim.args["field"]
    now, then = _cumulative(ctx, through, column), _cumulative(ctx, through, column, then=True)
    return _compare(claim, now, then, _count)


def check_women_share(claim: Claim, ctx: Context) -> Outcome:
    period = claim.args["period"]
    now = _share(ctx.value(period, "women"), ctx.value(period, "total"))
    then = _share(ctx.value(period, "women", True), ctx.value(period, "total", True))
    return _compare(claim, now, then, _percent)


def check_cumulative_women_share(claim: Claim, ctx: Context) -> Outcome:
    through = claim.args["through"]
    now = _share(_cumulative(ctx, through, "women"), _cumulative(ctx, through, "total"))
    then = _share(
        _cumulative(ctx, through, "women", True), _cumulative(ctx, through, "total", True)
    )
    return _compare(claim, now, then, _percent)


def check_difference(claim: Claim, ctx: Context) -> Outcome:
    a, b = claim.args["minuend"], claim.args["subtrahend"]

    def diff(then: bool) -> int | None:
        x, y = ctx.value(a, "total", then), ctx.value(b, "total", then)
        return None if x is None or y is None else x - y

    return _compare(claim, diff(False), diff(True), _count)


def check_sum_of_stated(claim: Claim, ctx: Context) -> Outcome:
    parts = [ctx.registry.get(p).stated for p in claim.args["parts"]]
    total = sum(parts)
    computed = " + ".join(_count(p) for p in parts) + f" = {_count(total)}"
    if total == claim.stated:
        return Outcome(
            claim.id,
            "",
            computed,
            Verdict.REPRODUCED_EXACTLY,
            f"the article's own figures: {computed}",
        )
    reason = f"the article's own figures give {computed}, not {_count(claim.stated)}"
    return Outcome(claim.id, "", computed, Verdict.INTERNALLY_INCONSISTENT, reason)


def _era_years(ctx: Context, start: int, through: int) -> pd.DataFrame:
    series = ctx.series
    years = series[(series["start"].dt.year >= start) & (series["end"].dt.year <= through)]
    return years[years["start"].dt.year == years["end"].dt.year]


def _unpublished(claim: Claim, ctx: Context, period: str) -> Outcome | None:
    if ctx.value(period, "total") is not None:
        return None
    reason = f"no figure for {period} had been published by this vintage ({ctx.vintage})"
    return Outcome(claim.id, "", "", Verdict.NOT_VERIFIABLE, reason)


def check_lowest_in_era(claim: Claim, ctx: Context) -> Outcome:
    period = claim.args["period"]
    if missing := _unpublished(claim, ctx, period):
        return missing
    through = int(period)
    held = {}
    for start in ctx.registry.era_alternatives:
        years = _era_years(ctx, start, through)
        held[start] = (
            years["total"].idxmin() == period
            and (years["total"] == years["total"].min()).sum() == 1
        )
    years = _era_years(ctx, ctx.registry.era_start, through)
    others = years.drop(index=period)
    runner_up = others["total"].idxmin()
    computed = f"{period}: {_count(years.loc[period, 'total'])}; next lowest {runner_up}: {_count(others.loc[runner_up, 'total'])}"
    robustness = ", ".join(f"era from {s}: {'holds' if ok else 'fails'}" for s, ok in held.items())
    later = ctx.series[ctx.series["start"].dt.year > through]
    after = ""
    if not later.empty:
        low = later["total"].idxmin()
        after = f"; later years are lower still ({low}: {_count(later.loc[low, 'total'])}), after the article"
    verdict = Verdict.REPRODUCED if held[ctx.registry.era_start] else Verdict.CONTRADICTED
    return Outcome(claim.id, "", computed, verdict, f"{computed} ({robustness}){after}")


def check_went_down(claim: Claim, ctx: Context) -> Outcome:
    before, after = claim.args["before"], claim.args["after"]
    x, y = ctx.value(before, "total"), ctx.value(after, "total")
    if x is None or y is None:
        return Outcome(
            claim.id, "", "", Verdict.NOT_VERIFIABLE, "a year is missing from this vintage"
        )
    computed = f"{_count(x)} -> {_count(y)} ({100 * (y - x) / x:+.1f}%)"
    verdict = Verdict.REPRODUCED if y < x else Verdict.CONTRADICTED
    return Outcome(claim.id, "", computed, verdict, f"{before} to {after}: {computed}")


def check_era_start_matches(claim: Claim, ctx: Context) -> Outcome:
    used = ctx.registry.era_start
    computed = (
        f"first era year here {claim.stated}; elsewhere the article dates the era from {used}"
    )
    if claim.stated == used:
        return Outcome(claim.id, "", computed, Verdict.REPRODUCED_EXACTLY, computed)
    reason = (
        f"the sentence treats {claim.stated} as the era's first year, but the article says he came to "
        f"power in {used}; the drop it describes ({claim.stated} -> {claim.stated + 1}) is the first "
        "year of the era only if the era starts in 2011"
    )
    return Outcome(claim.id, "", computed, Verdict.INTERNALLY_INCONSISTENT, reason)


def check_fluctuated_but_low(claim: Claim, ctx: Context) -> Outcome:
    years, reference = claim.args["years"], claim.args["reference"]
    found = [ctx.value(y, "total") for y in years]
    found_ref = [ctx.value(y, "total") for y in reference]
    totals = [t for t in found if t is not None]
    ref = [t for t in found_ref if t is not None]
    if len(totals) < len(years) or len(ref) < len(reference):
        return Outcome(
            claim.id, "", "", Verdict.NOT_VERIFIABLE, "a year is missing from this vintage"
        )
    steps = [b - a for a, b in itertools.pairwise(totals)]
    turns = sum(1 for a, b in itertools.pairwise(steps) if (a > 0) != (b > 0))
    highest, floor = max(totals), min(ref)
    computed = f"{years[0]}-{years[-1]}: {', '.join(_count(t) for t in totals)}"
    low = highest < floor
    verdict = Verdict.REPRODUCED if low and turns >= 1 else Verdict.CONTRADICTED
    reason = (
        f"{computed}; {turns} change(s) of direction; highest {_count(highest)} is "
        f"{'below' if low else 'not below'} the lowest year of {reference[0]}-{reference[-1]} ({_count(floor)})"
    )
    return Outcome(claim.id, "", computed, verdict, reason)


def check_women_majority(claim: Claim, ctx: Context) -> Outcome:
    if missing := _unpublished(claim, ctx, claim.args["through"]):
        return missing
    through = int(claim.args["through"])
    years = _era_years(ctx, ctx.registry.era_start, through)
    shares = 100 * years["women"] / years["total"]
    lowest = str(shares.idxmin())
    computed = f"lowest share {shares.min():.1f}% ({lowest})"
    thresholds = [claim.stated, *claim.args["alternatives"]]
    robustness = ", ".join(
        f">= {t}%: {'holds' if shares.min() >= t else 'fails'}" for t in thresholds
    )
    verdict = Verdict.REPRODUCED if shares.min() >= claim.stated else Verdict.CONTRADICTED
    reason = f"'vast majority' read as at least {claim.stated}% in every year {years.index[0]}-{through}: {computed} ({robustness})"
    return Outcome(claim.id, "", computed, verdict, reason)


def check_first_published(claim: Claim, ctx: Context) -> Outcome:
    period = claim.args["period"]
    if missing := _unpublished(claim, ctx, period):
        return missing
    first = vintages.arrivals("first", ctx.data_dir).set_index("period")
    published = str(first.loc[period, "published"]) if period in first.index else ""
    verdict = Verdict.REPRODUCED_EXACTLY if published == claim.stated else Verdict.CONTRADICTED
    source = first.loc[period, "source_id"] if period in first.index else "none"
    return Outcome(
        claim.id,
        "",
        published,
        verdict,
        f"{period}'s figures first appear on {published} ({source})",
    )


NO_DATA = (
    "no public data set counts arrests, attempts or searches inside North Korea or at its border"
)


def _figures(ctx: Context) -> pd.DataFrame:
    return datasets.border_arrests(ctx.data_dir).set_index("figure_id")


def check_source_reported(claim: Claim, ctx: Context) -> Outcome:
    figures = _figures(ctx).loc[claim.args["figures"]] if claim.args["figures"] else None
    said = (
        "; ".join(f"{f.low:g} {f.unit} ({f.place})" for f in figures.itertuples())
        if figures is not None
        else ""
    )
    computed = said or "no figure"
    reason = f"{NO_DATA}; the only source is the article's anonymous informant" + (
        f": {said}" if said else ""
    )
    return Outcome(claim.id, "", computed, Verdict.NOT_VERIFIABLE, reason)


def _days(row: Any) -> int:
    return int((row.period_end - row.period_start).days) + 1


def check_daily_rates(claim: Claim, ctx: Context) -> Outcome:
    figures = _figures(ctx)
    now, before = figures.loc[claim.args["this_year"]], figures.loc[claim.args["last_year"]]
    now_rate = now["low"] / _days(now)
    low_rate, high_rate = before["low"] / _days(before), before["high"] / _days(before)
    computed = f"{now_rate:.1f}/day vs {low_rate:.1f}-{high_rate:.1f}/day"
    reason = (
        f"{now['low']} arrests in {_days(now)} day against {before['low']}-{before['high']} in {_days(before)} days: "
        f"{computed}, {now_rate / high_rate:.1f}-{now_rate / low_rate:.1f} times the rate, but over unequal windows "
        f"and from one anonymous source; {NO_DATA}"
    )
    return Outcome(claim.id, "", computed, Verdict.NOT_VERIFIABLE, reason)


def check_rise_arithmetic(claim: Claim, ctx: Context) -> Outcome:
    figures = _figures(ctx)
    now, before = figures.loc[claim.args["this_year"]], figures.loc[claim.args["last_year"]]
    factor = 1 + claim.stated / 100
    need_low, need_high = before["low"] * factor, before["high"] * factor
    same_window_low = before["low"] * _days(now) / _days(before)
    same_window_high = before["high"] * _days(now) / _days(before)
    computed = f"needs {need_low:.0f}-{need_high:.0f} arrests by mid-January 2018; {now['low']} reported (1 day)"
    reason = (
        f"a {claim.stated:g}% rise means {factor:g} times last year's count over the same period: "
        f"{need_low:.0f}-{need_high:.0f} in the first two weeks of 2018 against {before['low']}-{before['high']}; "
        f"only {now['low']} (1 January) are reported. Per day that is {now['low'] / same_window_high:.1f}-"
        f"{now['low'] / same_window_low:.1f} times last year's average ({same_window_low:.1f}-{same_window_high:.1f}/day), "
        f"so the anecdote fits a large rise but cannot establish one over equal windows; {NO_DATA}"
    )
    return Outcome(claim.id, "", computed, Verdict.NOT_VERIFIABLE, reason)


def check_attempts_vs_arrivals(claim: Claim, ctx: Context) -> Outcome:
    if missing := _unpublished(claim, ctx, "2017"):
        return missing
    x, y = ctx.value("2016", "total"), ctx.value("2017", "total")
    computed = f"arrivals 2016 -> 2017: {_count(x or 0)} -> {_count(y or 0)}"
    reason = (
        f"{NO_DATA}; arrivals in the South measure successful escapes, not attempts, "
        f"and fell ({computed}), which says nothing either way about attempts"
    )
    return Outcome(claim.id, "", computed, Verdict.NOT_VERIFIABLE, reason)


def check_repatriation_context(claim: Claim, ctx: Context) -> Outcome:
    context = datasets.repatriation_context(ctx.data_dir)
    items = "; ".join(
        f"{'at least ' if r['high'] is pd.NA or r['high'] != r['low'] else ''}{r['low']} "
        f"{r['unit']}: {r['quantity']} ({r['period_start']:%Y-%m}..{r['period_end']:%Y-%m})"
        for r in context.to_dict("records")
    )
    reason = f"no public figure measures detention capacity; nearest counts (rights groups, media): {items}"
    return Outcome(claim.id, "", f"{len(context)} related counts", Verdict.NOT_VERIFIABLE, reason)


CHECKS: dict[str, Callable[[Claim, Context], Outcome]] = {
    "annual": check_annual,
    "cumulative": check_cumulative,
    "women_share": check_women_share,
    "cumulative_women_share": check_cumulative_women_share,
    "difference": check_difference,
    "sum_of_stated": check_sum_of_stated,
    "lowest_in_era": check_lowest_in_era,
    "went_down": check_went_down,
    "era_start_matches": check_era_start_matches,
    "fluctuated_but_low": check_fluctuated_but_low,
    "women_majority": check_women_majority,
    "first_published": check_first_published,
    "source_reported": check_source_reported,
    "daily_rates": check_daily_rates,
    "rise_arithmetic": check_rise_arithmetic,
    "attempts_vs_arrivals": check_attempts_vs_arrivals,
    "repatriation_context": check_repatriation_context,
}


# --- evaluating the registry ----------------------------------------------------


def evaluate(claim_id: str, vintage: str = "article", data_dir: Path = paths.DATA_DIR) -> Outcome:
    """Evaluate one claim on one vintage ("article", "latest" or a YYYY-MM-DD date)."""
    registry = load_registry(data_dir)
    return _evaluate(registry.get(claim_id), Context(vintage, registry, data_dir))


def _evaluate(claim: Claim, ctx: Context) -> Outcome:
    outcome = CHECKS[claim.check](claim, ctx)
    return Outcome(claim.id, ctx.vintage, outcome.computed, outcome.verdict, outcome.reason)


def evaluate_all(
    vintages_: tuple[str, ...] = VINTAGES, data_dir: Path = paths.DATA_DIR
) -> list[Outcome]:
    """Every claim on every requested vintage, in registry order."""
    registry = load_registry(data_dir)
    contexts = [Context(v, registry, data_dir) for v in vintages_]
    return [_evaluate(claim, ctx) for claim in registry.claims for ctx in contexts]


def scorecard(
    vintages_: tuple[str, ...] = VINTAGES,
    data_dir: Path = paths.DATA_DIR,
    evaluated: list[Outcome] | None = None,
) -> pd.DataFrame:
    """One row per claim: its wording and, per vintage, the computed value, verdict and reason.

    `evaluated` reuses outcomes already computed by evaluate_all for these vintages.
    """
    registry = load_registry(data_dir)
    found = evaluated if evaluated is not None else evaluate_all(vintages_, data_dir)
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
    """Claims whose computed verdict differs from the one recorded in the registry."""
    registry = load_registry(data_dir)
    found = []
    for outcome in evaluate_all(VINTAGES, data_dir):
        recorded = registry.get(outcome.claim_id).recorded.get(outcome.vintage)
        if recorded != outcome.verdict.value:
            found.append(
                f"{outcome.claim_id} [{outcome.vintage}]: recorded {recorded}, computed "
                f"{outcome.verdict.value} ({outcome.reason})"
            )
    return found

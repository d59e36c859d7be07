"""Checks of the source-reported anecdotes. No public data set counts arrests,
attempts or searches at the border, so these are never verified; what a check
can do is show the article's own figures (from data/border_arrests.csv) and
the arithmetic of what they would imply."""

from datetime import date

from analysis.claims.declare import Names, check
from analysis.claims.evidence import Outcome
from analysis.claims.reading import Reading
from analysis.claims.verdicts import Verdict
from analysis.formatting import count, months, signed, span

NO_DATA = (
    "no public data set counts arrests, attempts or searches inside North Korea or at its border"
)


def _low(reading: Reading, figure_id: str) -> int:
    low = reading.anecdote(figure_id, "low")
    if low is None:
        raise ValueError(f"{figure_id}: no figure in data/border_arrests.csv")
    return int(low.value)


def _low_high(reading: Reading, figure_id: str) -> tuple[int, int]:
    """A range as reported: its high end is the low end where no range is given."""
    low = _low(reading, figure_id)
    high = reading.anecdote(figure_id, "high")
    return low, int(high.value) if high is not None else low


@check(figures=Names)
def source_reported(reading: Reading) -> Outcome:
    """An anecdote with at most the article's own figures to show."""
    said = []
    for figure_id in reading.claim.args["figures"]:
        low, high = _low_high(reading, figure_id)
        row = reading.ctx.anecdote_row(figure_id)
        amount = count(low) if low == high else span(count(low), count(high))
        said.append(f"{amount} {row['unit']} ({row['place']})")
    computed = "; ".join(said) or "no figure"
    reason = f"{NO_DATA}; the only source is the article's anonymous informant" + (
        f": {computed}" if said else ""
    )
    return reading.outcome(Verdict.NOT_VERIFIABLE, computed, reason, computed)


@check(this_year=str, last_year=str)
def daily_rates(reading: Reading) -> Outcome:
    """Arrests per day in the two windows the source compares (of unequal length)."""
    args = reading.claim.args
    now = _low(reading, args["this_year"])
    low, high = _low_high(reading, args["last_year"])
    now_days, before_days = reading.days(args["this_year"]), reading.days(args["last_year"])
    now_rate, low_rate, high_rate = now / now_days, low / before_days, high / before_days
    computed = f"{now_rate:.1f}/day vs {span(f'{low_rate:.1f}', f'{high_rate:.1f}')}/day"
    reason = (
        f"{now} arrests in {now_days} day against {span(low, high)} in {before_days} days: "
        f"{computed}, {span(f'{now_rate / high_rate:.1f}', f'{now_rate / low_rate:.1f}')} times the rate, "
        "but over unequal windows "
        f"and from one anonymous source; {NO_DATA}"
    )
    arithmetic = (
        f"this year: {now} / {now_days} day = {now_rate:.1f}/day",
        f"last year: {low} / {before_days} days = {low_rate:.1f}/day to {high} / {before_days} days = {high_rate:.1f}/day",
    )
    value = (now, now_days, low, high, before_days)
    return reading.outcome(Verdict.NOT_VERIFIABLE, computed, reason, value, arithmetic)


@check(this_year=str, last_year=str, rise=str)
def rise_arithmetic(reading: Reading) -> Outcome:
    """What 'at least a 150% rise' would require, set against the counts reported."""
    args = reading.claim.args
    rise = _low(reading, args["rise"])
    now = _low(reading, args["this_year"])
    low, high = _low_high(reading, args["last_year"])
    now_days, before_days = reading.days(args["this_year"]), reading.days(args["last_year"])
    factor = 1 + rise / 100
    need_low, need_high = low * factor, high * factor
    same_low, same_high = low * now_days / before_days, high * now_days / before_days
    computed = f"needs {span(f'{need_low:.0f}', f'{need_high:.0f}')} arrests by mid-January 2018; {now} reported ({now_days} day)"
    reason = (
        f"a {rise:g}% rise means {factor:g} times last year's count over the same period: "
        f"{span(f'{need_low:.0f}', f'{need_high:.0f}')} in the first two weeks of 2018 against "
        f"{span(low, high)}; "
        f"only {now} (1 January) are reported. Per day that is "
        f"{span(f'{now / same_high:.1f}', f'{now / same_low:.1f}')} times last year's average "
        f"({span(f'{same_low:.1f}', f'{same_high:.1f}')}/day), "
        f"so the anecdote fits a large rise but cannot establish one over equal windows; {NO_DATA}"
    )
    arithmetic = (
        f"a {rise}% rise: × {factor:g}; {low} × {factor:g} = {need_low:.0f}, {high} × {factor:g} = {need_high:.0f}",
        f"reported: {now} in {now_days} day; last year per day: {low} / {before_days} = {same_low:.1f} "
        f"to {high} / {before_days} = {same_high:.1f}",
    )
    value = (rise, now, now_days, low, high, before_days)
    return reading.outcome(Verdict.NOT_VERIFIABLE, computed, reason, value, arithmetic)


@check()
def attempts_vs_arrivals(reading: Reading) -> Outcome:
    """Attempts are not measured; arrivals, the nearest official figure, are shown."""
    if not reading.has("2017"):
        reason = "no figure for 2017 had been published by then"
        return reading.outcome(Verdict.NOT_VERIFIABLE, "", reason, None)
    x, y = reading.value("2016", "total") or 0, reading.value("2017", "total") or 0
    computed = f"arrivals 2016 → 2017: {count(x)} → {count(y)}"
    reason = (
        f"{NO_DATA}; arrivals in the South measure successful escapes, not attempts, "
        f"and fell ({computed}), which says nothing either way about attempts"
    )
    arithmetic = (f"{count(y)} − {count(x)} = {signed(y - x)}",)
    return reading.outcome(Verdict.NOT_VERIFIABLE, computed, reason, (x, y), arithmetic)


@check()
def repatriation_context(reading: Reading) -> Outcome:
    """No figure measures detention capacity; the nearest counts published by then are shown."""
    items = []
    values = []
    for figure_id in reading.context_ids():
        low = reading.anecdote(figure_id, "low", context=True)
        high = reading.anecdote(figure_id, "high", context=True)
        start = reading.anecdote(figure_id, "period_start", context=True)
        end = reading.anecdote(figure_id, "period_end", context=True)
        row = reading.ctx.anecdote_row(figure_id, context=True)
        if low is None or start is None or end is None:
            raise ValueError(f"{figure_id}: data/repatriation_context.csv lacks a count or date")
        bound = "" if high is not None and high.value == low.value else "at least "
        items.append(
            f"{bound}{low.value} {row['unit']}: {row['quantity']} "
            f"({months(*(date.fromisoformat(str(d.value)) for d in (start, end)))})"
        )
        values.append((low.value, None if high is None else high.value, start.value, end.value))
    nearest = "; ".join(items) or "none published by then"
    reason = f"no public figure measures detention capacity; nearest counts (rights groups, media): {nearest}"
    return reading.outcome(
        Verdict.NOT_VERIFIABLE, f"{len(items)} related counts", reason, tuple(values)
    )

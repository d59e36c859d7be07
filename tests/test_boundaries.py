"""Every verdict rule at its threshold, one below and one above.

The checks are run on a stand-in Reading that serves chosen figures, so each rule
is exercised exactly where it turns: a band's edges, a strict or non-strict
comparison, a tie; and what the outcome then says (its reason, arithmetic and
band) on the branches the registry's own data never reach: a contradiction, a
missing figure, a reported total that cannot be reconciled. (The Reading itself,
and that evidence is exact, are tested in tests/test_evidence.py.)
"""

from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any, cast

import pandas as pd
import pytest

from analysis.claims import Verdict
from analysis.claims.checks import (
    anecdotes,
    arithmetic,
    compare,
    cumulative,
    figures,
    official,
    ranks,
)
from analysis.claims.claim import Claim
from analysis.claims.evidence import Evidence, Outcome
from analysis.claims.reading import Reading

Series = dict[str, dict[str, int]]


def _claim(
    check: str, stated: Any, precision: str = "exact", tolerance: float = 0, **args: Any
) -> Claim:
    return Claim(
        id="a-claim",
        quote="a quote",
        quantity="a quantity",
        kind="official_statistic",
        stated=stated,
        precision=precision,
        check=check,
        args=args,
        notebook="01_arrivals_under_kim_jong_un.ipynb",
        recorded={},
        line=1,
        tolerance=tolerance,
    )


@dataclass
class StandIn:
    """What a check may ask of a Reading, answered from `now` and `then` series."""

    claim: Claim
    now: Series
    then: Series = field(default_factory=dict)
    era: int = 2012
    alternatives: tuple[int, ...] = (2011, 2012)
    claims: dict[str, Claim] = field(default_factory=dict)
    published: str = "2018-01-05"
    reported: list[tuple[Any, date]] = field(default_factory=list)
    anecdotes: dict[tuple[str, str], int] = field(default_factory=dict)
    series_totals: list[tuple[Any, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        eras = SimpleNamespace(used=self.era, alternatives=self.alternatives)
        self.registry = SimpleNamespace(
            article=SimpleNamespace(eras=eras), get=self.claims.__getitem__
        )
        self.ctx = SimpleNamespace(
            vintage="test", anecdote_row=lambda _: {"unit": "people", "place": "a place"}
        )

    def _table(self, then: Any) -> Series:
        return self.then if then is True else self.now

    def has(self, period: str, then: Any = False) -> bool:
        return period in self._table(then)

    def value(self, period: str, column: str, then: Any = False) -> int | None:
        return self._table(then).get(period, {}).get(column)

    def figure(self, period: str, column: str, then: Any = False) -> Any:
        value = self.value(period, column, then)
        return None if value is None else SimpleNamespace(value=value)

    def cumulative(self, through: str, column: str, then: Any = False) -> tuple[int | None, Any]:
        terms = [(p, v.get(column)) for p, v in self._table(then).items() if p <= through]
        values = [v for _, v in terms if v is not None]
        return (sum(values) if len(values) == len(terms) else None), terms

    def periods(self, first: int, last: int, then: Any = False) -> list[str]:
        return [p for p in sorted(self._table(then)) if first <= int(p) <= last]

    def years(self, first: int, last: int, column: str, then: Any = False) -> dict[str, int]:
        found = {p: self.value(p, column, then) for p in self.periods(first, last, then)}
        return {p: v for p, v in found.items() if v is not None}

    def sole_source_note(self) -> str:
        return ""

    def reported_series(self, column: str) -> list[tuple[Any, Any]]:
        return [(day, SimpleNamespace(value=total)) for day, total in self.series_totals]

    def last_year(self) -> int:
        return max(int(p) for p in self.now)

    def era_start(self) -> Any:
        return SimpleNamespace(value=self.era)

    def stated(self, claim: Claim) -> Any:
        return SimpleNamespace(value=claim.stated)

    def first_published(self, period: str) -> Any:
        return SimpleNamespace(value=self.published, source=SimpleNamespace(id="a-source"))

    def trail(self, period: str, column: str) -> None:
        """No revisions to show."""

    def revised_periods(self, through: str, column: str) -> list[str]:
        return []

    def reported_totals(self, through: str, column: str) -> list[tuple[Any, date]]:
        return self.reported

    def recorded_issue(self, figure: Any, table: str, period: str) -> str | None:
        """No source issues recorded."""
        return None

    def anecdote(self, figure_id: str, column: str) -> Any:
        value = self.anecdotes.get((figure_id, column))
        return None if value is None else SimpleNamespace(value=value)

    def outcome(
        self,
        verdict: Verdict,
        computed: str,
        reason: str,
        value: Any,
        arithmetic: tuple[str, ...] = (),
        band: str = "",
    ) -> Outcome:
        evidence = Evidence(arithmetic=arithmetic, band=band)
        return Outcome(self.claim.id, "test", computed, verdict, reason, value, evidence)


def evaluate(check: Any, stand_in: StandIn) -> Outcome:
    return cast(Outcome, check(cast(Reading, stand_in)))


def run(check: Any, stand_in: StandIn) -> Verdict:
    return evaluate(check, stand_in).verdict


def totals(**years: int) -> Series:
    return {year.removeprefix("y"): {"total": total} for year, total in years.items()}


EXACT, ROUNDING = Verdict.REPRODUCED_EXACTLY, Verdict.REPRODUCED_WITHIN_ROUNDING
LOWEST_SINCE_ERA: dict[str, Any] = {
    "field": "total",
    "order": "lowest",
    "since": "era",
    "until": "period",
}
WOMEN_SHARE: dict[str, Any] = {
    "field": "women",
    "measure": "share",
    "since": "era",
    "alternatives": [66.7, 75],
}
HOLDS, FAILS = Verdict.REPRODUCED, Verdict.CONTRADICTED
THEN = Verdict.REPRODUCED_AS_PUBLISHED_THEN


@pytest.mark.parametrize(("data", "verdict"), [(99, FAILS), (100, EXACT), (101, FAILS)])
def test_an_exact_figure(data: int, verdict: Verdict) -> None:
    claim = _claim("figures.value", 100, period="2017", field="total")
    assert run(figures.value, StandIn(claim, totals(y2017=data))) == verdict


@pytest.mark.parametrize(("then", "verdict"), [(99, FAILS), (100, THEN), (101, FAILS)])
def test_a_figure_revised_since_holds_only_as_published_then(then: int, verdict: Verdict) -> None:
    claim = _claim("figures.value", 100, period="2017", field="total")
    stand_in = StandIn(claim, totals(y2017=102), then=totals(y2017=then))
    assert run(figures.value, stand_in) == verdict


@pytest.mark.parametrize(
    ("women", "verdict"),
    [(8249, FAILS), (8250, ROUNDING), (8300, ROUNDING), (8349, ROUNDING), (8350, FAILS)],
)
def test_a_whole_percent_covers_half_a_point_below_to_under_half_above(
    women: int, verdict: Verdict
) -> None:
    """“83%” is 82.5% up to, not including, 83.5%."""
    claim = _claim("figures.share", 83, "percent", period="2017", part="women", whole="total")
    now = {"2017": {"women": women, "total": 10_000}}
    assert run(figures.share, StandIn(claim, now, then=now)) == verdict


@pytest.mark.parametrize(
    ("women", "verdict"), [(8249, FAILS), (8250, THEN), (8349, THEN), (8350, FAILS)]
)
def test_a_share_revised_since_holds_as_published_then_within_the_same_band(
    women: int, verdict: Verdict
) -> None:
    """84.0% today is outside “83%”; what was published on the article's date is
    judged by the same band, not by equality."""
    claim = _claim("figures.share", 83, "percent", period="2017", part="women", whole="total")
    now = {"2017": {"women": 8400, "total": 10_000}}
    then = {"2017": {"women": women, "total": 10_000}}
    assert run(figures.share, StandIn(claim, now, then=then)) == verdict


@pytest.mark.parametrize(
    ("stated", "band"),
    [
        ([80, 85], "“between 80% and 85%” → 80.0% to 85.0%"),
        ([80.5, 85], "“between 80.5% and 85%” → 80.5% to 85.0%"),
    ],
)
def test_a_share_between_two_bounds_shows_them_to_their_decimals(
    stated: list[float], band: str
) -> None:
    claim = _claim("figures.share", stated, "between", period="2017", part="women", whole="total")
    now = {"2017": {"women": 8300, "total": 10_000}}
    outcome = evaluate(figures.share, StandIn(claim, now, then=now))
    assert (outcome.verdict, outcome.evidence.band) == (HOLDS, band)
    said = band.split("” → ")[0].removeprefix("“")
    assert outcome.reason == f"the data give 83.0%; the article says {said}"


def test_a_claim_is_written_in_its_own_unit_whatever_the_caller_says() -> None:
    """A claim stated as a percentage reads as one even where a caller writes counts; a
    count reads as a count by default (the bands of ranks, say)."""
    share = cast(Reading, StandIn(_claim("figures.share", 83, "percent"), {}))
    assert compare.stated_text(share, "count") == "83%"
    assert compare.wording_band(share) == "“83%” → 82.5% to under 83.5%"
    counted = cast(Reading, StandIn(_claim("figures.figure", 1127), {}))
    assert compare.wording_band(counted) == "“1,127” → exactly 1,127"


def test_a_share_revised_since_reads_both_its_figures_as_published_then() -> None:
    """Both the part and the whole are read as published then: 8,300 of 10,000 (83.0%),
    not 8,300 of today's 11,000 (75.5%)."""
    claim = _claim("figures.share", 83, "percent", period="2017", part="women", whole="total")
    now = {"2017": {"women": 8400, "total": 11_000}}
    then = {"2017": {"women": 8300, "total": 10_000}}
    assert run(figures.share, StandIn(claim, now, then=then)) == THEN


@pytest.mark.parametrize(
    "now",
    [{"2017": {"total": 10_000}}, {"2017": {"women": 8300}}, {"2017": {"women": 0, "total": 0}}],
)
def test_a_share_with_a_figure_missing_or_of_nobody_is_not_verifiable(now: Series) -> None:
    claim = _claim("figures.share", 83, "percent", period="2017", part="women", whole="total")
    outcome = evaluate(figures.share, StandIn(claim, now, then=now))
    assert outcome.verdict == Verdict.NOT_VERIFIABLE
    assert outcome.evidence.arithmetic == ("women / arrivals, 2017: a figure is missing",)


@pytest.mark.parametrize(("women", "verdict"), [(7049, FAILS), (7050, ROUNDING), (7149, ROUNDING)])
def test_a_cumulative_share_uses_the_same_band(women: int, verdict: Verdict) -> None:
    claim = _claim("cumulative.share", 71, "percent", through="2017", part="women", whole="total")
    now = {"2016": {"women": 0, "total": 0}, "2017": {"women": women, "total": 10_000}}
    assert run(cumulative.share, StandIn(claim, now, then=now)) == verdict


@pytest.mark.parametrize(("data", "verdict"), [(30, FAILS), (31, EXACT), (32, FAILS)])
def test_a_cumulative_total(data: int, verdict: Verdict) -> None:
    claim = _claim("cumulative.total", 41, through="2017", field="total")
    now = totals(y2016=10, y2017=data)
    assert run(cumulative.total, StandIn(claim, now, then=now)) == verdict


@pytest.mark.parametrize(("later", "verdict"), [(1126, FAILS), (1127, EXACT), (1128, FAILS)])
def test_a_difference(later: int, verdict: Verdict) -> None:
    claim = _claim("figures.difference", 291, minuend="2016", subtrahend="2017", field="total")
    now = totals(y2016=1418, y2017=later)
    assert run(figures.difference, StandIn(claim, now, then=now)) == verdict


@pytest.mark.parametrize(
    ("year", "verdict"),
    [(1274, HOLDS), (1275, FAILS), (1276, FAILS)],  # one below, tied with, one above the next
)
def test_the_lowest_year_must_be_strictly_lowest(year: int, verdict: Verdict) -> None:
    claim = _claim("ranks.extreme", "lowest", "ordering", **LOWEST_SINCE_ERA, period="2017")
    now = totals(y2011=2706, y2012=1502, y2013=1514, y2014=1397, y2015=1275, y2016=1418, y2017=year)
    assert run(ranks.extreme, StandIn(claim, now)) == verdict


def test_the_lowest_year_is_judged_under_the_era_used() -> None:
    """2012 is lowest from 2012 on, but not from 2011 on: the era used decides."""
    claim = _claim("ranks.extreme", "lowest", "ordering", **LOWEST_SINCE_ERA, period="2013")
    now = totals(y2011=100, y2012=300, y2013=200)
    assert run(ranks.extreme, StandIn(claim, now, era=2012)) == HOLDS
    assert run(ranks.extreme, StandIn(claim, now, era=2011)) == FAILS


@pytest.mark.parametrize(("after", "verdict"), [(2705, HOLDS), (2706, FAILS), (2707, FAILS)])
def test_went_down_is_strict(after: int, verdict: Verdict) -> None:
    claim = _claim("official.went_down", "down", "trend", before="2011", after="2012")
    assert run(official.went_down, StandIn(claim, totals(y2011=2706, y2012=after))) == verdict


FLUCTUATED: dict[str, Any] = {"years": ["2013", "2014", "2015"], "reference": ["2010", "2011"]}


@pytest.mark.parametrize(("highest", "verdict"), [(1999, HOLDS), (2000, FAILS), (2001, FAILS)])
def test_remained_low_means_every_year_strictly_below_the_reference(
    highest: int, verdict: Verdict
) -> None:
    claim = _claim("official.fluctuated_but_low", "fluctuated, low", "trend", **FLUCTUATED)
    now = totals(y2010=2000, y2011=2500, y2013=highest, y2014=1000, y2015=1500)
    assert run(official.fluctuated_but_low, StandIn(claim, now)) == verdict


@pytest.mark.parametrize(
    ("last", "verdict"),
    [(999, FAILS), (1000, FAILS), (1001, HOLDS)],  # down, flat (no turn), up again
)
def test_fluctuated_needs_a_change_of_direction(last: int, verdict: Verdict) -> None:
    claim = _claim("official.fluctuated_but_low", "fluctuated, low", "trend", **FLUCTUATED)
    now = totals(y2010=2000, y2011=2500, y2013=1500, y2014=1000, y2015=last)
    assert run(official.fluctuated_but_low, StandIn(claim, now)) == verdict


@pytest.mark.parametrize(("women", "verdict"), [(6999, FAILS), (7000, HOLDS), (7001, HOLDS)])
def test_a_vast_majority_is_at_least_the_threshold(women: int, verdict: Verdict) -> None:
    claim = _claim("ranks.every_year", 70, "at_least", **WOMEN_SHARE, through="2013")
    now = {
        "2012": {"women": 9000, "total": 10_000},
        "2013": {"women": women, "total": 10_000},
    }
    assert run(ranks.every_year, StandIn(claim, now)) == verdict


@pytest.mark.parametrize(
    ("stated", "band"),
    [(70, "“at least 70%” → at least 70.0%"), (70.5, "“at least 70.5%” → at least 70.5%")],
)
def test_a_share_bound_shows_at_least_one_decimal(stated: float, band: str) -> None:
    """A share compared with a bound (not a rounded percentage) is shown to one decimal,
    or to as many as the wording gives."""
    claim = _claim("ranks.every_year", stated, "at_least", **WOMEN_SHARE, through="2013")
    now = {"2012": {"women": 9000, "total": 10_000}, "2013": {"women": 7000, "total": 10_000}}
    assert evaluate(ranks.every_year, StandIn(claim, now)).evidence.band == band


@pytest.mark.parametrize(
    ("tolerance", "outside"),
    [(0, "2011: 60.0%, 2012: 65.0%, 2013: 69.5%"), (1, "2011: 60.0%, 2012: 65.0%")],
)
def test_every_year_lists_the_years_outside_its_band(tolerance: float, outside: str) -> None:
    """A tolerance of a point takes 69.5% inside “at least 70%”."""
    claim = _claim("ranks.every_year", 70, "at_least", tolerance, **WOMEN_SHARE, through="2013")
    now = {
        str(year): {"women": women, "total": 10_000}
        for year, women in ((2011, 6000), (2012, 6500), (2013, 6950))
    }
    outcome = evaluate(ranks.every_year, StandIn(claim, now, era=2011))
    assert outcome.reason == (
        "every year 2011–2013: lowest 60.0% (2011), highest 69.5% (2013); "
        f"outside: {outside} (at least 70%: fails, at least 66.7%: fails, at least 75%: fails)"
    )
    assert outcome.evidence.arithmetic == ("2011: 60.0%, 2012: 65.0%, 2013: 69.5%",)


@pytest.mark.parametrize(
    ("published", "verdict"),
    [("2018-01-04", FAILS), ("2018-01-05", EXACT), ("2018-01-06", FAILS)],
)
def test_a_first_publication_date(published: str, verdict: Verdict) -> None:
    claim = _claim("official.first_published", "2018-01-05", "date", period="2017")
    stand_in = StandIn(claim, totals(y2017=1127), published=published)
    assert run(official.first_published, stand_in) == verdict


@pytest.mark.parametrize(
    ("women", "verdict"),
    [(937, Verdict.INTERNALLY_INCONSISTENT), (938, EXACT), (939, Verdict.INTERNALLY_INCONSISTENT)],
)
def test_the_article_s_parts_must_add_up(women: int, verdict: Verdict) -> None:
    parts = {
        "men": _claim("figures.value", 189),
        "women": _claim("figures.value", women),
    }
    claim = _claim("arithmetic.sum_of_stated", 1127, parts=["men", "women"])
    stand_in = StandIn(claim, {}, claims=parts)
    assert run(arithmetic.sum_of_stated, stand_in) == verdict


@pytest.mark.parametrize(
    ("stated", "verdict"),
    [
        (2011, Verdict.INTERNALLY_INCONSISTENT),
        (2012, EXACT),
        (2013, Verdict.INTERNALLY_INCONSISTENT),
    ],
)
def test_the_era_s_first_year_must_agree(stated: int, verdict: Verdict) -> None:
    claim = _claim("arithmetic.era_start_matches", stated)
    assert run(arithmetic.era_start_matches, StandIn(claim, {})) == verdict


# --- what the outcome says ------------------------------------------------------

ANNUAL = _claim("figures.value", 1127, period="2017", field="total")
EXACTLY_1127 = "“1,127” → exactly 1,127"


@pytest.mark.parametrize(
    ("check", "claim", "now", "reason"),
    [
        (
            figures.value,
            ANNUAL,
            totals(y2017=1127),
            "the data give 1,127; the article says 1,127",
        ),
        (
            figures.value,
            _claim("figures.value", 1500.5, period="2017", field="total"),
            totals(y2017=1500),
            "the data give 1,500, not 1,500.5",
        ),
        (
            figures.share,
            _claim("figures.share", 83, "percent", period="2017", part="women", whole="total"),
            {"2017": {"women": 8320, "total": 10_000}},
            "the data give 83.2%; the article says 83%",
        ),
    ],
    ids=["a-count", "not-a-whole-number", "a-percentage"],
)
def test_the_reason_quotes_the_article_s_figure_as_it_words_it(
    check: Any, claim: Claim, now: Series, reason: str
) -> None:
    """A count with thousands separators, a percentage with its sign, anything else as given."""
    assert evaluate(check, StandIn(claim, now, then=now)).reason == reason


@pytest.mark.parametrize(
    ("then", "value", "as_published"),
    [(totals(y2017=1125), (1130, 1125), "1,125"), ({}, (1130, None), "no figure")],
    ids=["published-then", "not-yet-published"],
)
def test_a_contradiction_shows_the_working_on_both_dates(
    then: Series, value: tuple[int, int | None], as_published: str
) -> None:
    outcome = evaluate(figures.value, StandIn(ANNUAL, totals(y2017=1130), then=then))
    assert outcome == Outcome(
        "a-claim",
        "test",
        "1,130",
        FAILS,
        "the data give 1,130, not 1,127",
        value,
        Evidence(
            arithmetic=(
                "total, 2017 = 1,130; the article: 1,127 → outside the wording",
                f"as published on the article's date: total, 2017 = {as_published}",
            ),
            band=EXACTLY_1127,
        ),
    )


def test_a_missing_figure_is_not_verifiable_and_shows_what_is_missing() -> None:
    outcome = evaluate(figures.value, StandIn(ANNUAL, totals(y2016=1418)))
    assert outcome == Outcome(
        "a-claim",
        "test",
        "",
        Verdict.NOT_VERIFIABLE,
        "no figure for a quantity among these figures",
        None,
        Evidence(arithmetic=("total, 2017 = no figure",), band=EXACTLY_1127),
    )


def test_a_share_with_a_missing_part_is_not_verifiable() -> None:
    """2012's total without its split by sex: no share, rather than a guess or an error."""
    claim = _claim("ranks.every_year", 70, "at_least", **WOMEN_SHARE, through="2012")
    outcome = evaluate(ranks.every_year, StandIn(claim, totals(y2012=1502)))
    assert (outcome.verdict, outcome.computed, outcome.reason) == (
        Verdict.NOT_VERIFIABLE,
        "",
        "a year of 2012–2012 has no split by sex among these figures",
    )


def test_a_sum_with_a_missing_term_shows_it_and_a_reported_total_cannot_reconcile() -> None:
    claim = _claim("cumulative.total", 41, through="2017", field="total")
    source = SimpleNamespace(publisher="A Paper", published="2018-01-05")
    reported = SimpleNamespace(
        value=41, file="data/cumulative.csv", line=28, column="total", source=source
    )
    now = {"2016": {"total": 10}, "2017": {"men": 5}}
    stand_in = StandIn(claim, now, then=now, reported=[(reported, date(2018, 1, 5))])
    assert evaluate(cumulative.total, stand_in) == Outcome(
        "a-claim",
        "test",
        "",
        Verdict.NOT_VERIFIABLE,
        "no figure for a quantity among these figures",
        (None, ((41, None),)),
        Evidence(
            arithmetic=(
                "total, every period to 2017: 10 + missing = missing",
                "A Paper (2018-01-05) reported 41, the series of that day sums to missing: "
                "UNRECONCILED",
            ),
            band="“41” → exactly 41",
        ),
        problems=(
            "data/cumulative.csv, line 28, column 'total': reported total 41 disagrees with the "
            "sum of the series as it stood on 2018-01-05 (missing), and data/source_issues.csv "
            "records no issue for it",
        ),
    )


@pytest.mark.parametrize(
    ("figures", "computed"),
    [({"low": 10}, "10 people (a place)"), ({"low": 30, "high": 40}, "30–40 people (a place)")],
    ids=["one-number", "a-range"],
)
def test_an_anecdote_s_range_has_its_low_end_as_high_end_when_none_is_given(
    figures: dict[str, int], computed: str
) -> None:
    claim = _claim("anecdotes.source_reported", None, figures=["a-figure"])
    given = {("a-figure", column): value for column, value in figures.items()}
    outcome = evaluate(anecdotes.source_reported, StandIn(claim, {}, anecdotes=given))
    assert (outcome.verdict, outcome.computed) == (Verdict.NOT_VERIFIABLE, computed)


def test_an_anecdote_without_its_figure_names_the_file_it_should_be_in() -> None:
    claim = _claim("anecdotes.source_reported", None, figures=["a-figure"])
    with pytest.raises(ValueError, match=r"^a-figure: no figure in data/border_arrests\.csv$"):
        evaluate(anecdotes.source_reported, StandIn(claim, {}))


# --- the generic checks' bands, at their edges -----------------------------------


def _difference(stated: Any, precision: str, tolerance: float = 0) -> Claim:
    args = {"minuend": "2011", "subtrahend": "2012", "field": "total"}
    return _claim("figures.difference", stated, precision, tolerance, **args)


@pytest.mark.parametrize(
    ("y2012", "verdict"),
    [(1502, HOLDS), (1506, FAILS), (1505, HOLDS), (1504, HOLDS), (1507, FAILS)],
    ids=["drop-1204", "drop-1200", "drop-1201-is-over", "drop-1202", "drop-1199"],
)
def test_over_is_strictly_more_than(y2012: int, verdict: Verdict) -> None:
    """“Decreasing by over 1,200”: 2,706 -> 1,502 is a drop of 1,204, which holds; a drop
    of 1,199 does not, nor does exactly 1,200."""
    now = totals(y2011=2706, y2012=y2012)
    claim = _difference(1200, "over")
    assert run(figures.difference, StandIn(claim, now, then=now)) == verdict


def test_a_drop_of_1204_is_over_1200_and_1199_is_not() -> None:
    claim = _difference(1200, "over")
    drop_1204 = totals(y2011=2706, y2012=1502)
    drop_1199 = totals(y2011=2706, y2012=1507)
    assert run(figures.difference, StandIn(claim, drop_1204, then=drop_1204)) == HOLDS
    assert run(figures.difference, StandIn(claim, drop_1199, then=drop_1199)) == FAILS


@pytest.mark.parametrize(
    ("precision", "stated", "drop", "verdict"),
    [
        ("at_least", 1200, 1200, HOLDS),
        ("at_least", 1200, 1199, FAILS),
        ("fewer_than", 1200, 1199, HOLDS),
        ("fewer_than", 1200, 1200, FAILS),
        ("at_most", 1200, 1200, HOLDS),
        ("at_most", 1200, 1201, FAILS),
        ("between", [1100, 1500], 1100, HOLDS),
        ("between", [1100, 1500], 1500, HOLDS),
        ("between", [1100, 1500], 1502, FAILS),
        ("between", [1100, 1500], 1099, FAILS),
    ],
)
def test_each_bound_at_its_edge(precision: str, stated: Any, drop: int, verdict: Verdict) -> None:
    now = totals(y2011=3000, y2012=3000 - drop)
    claim = _difference(stated, precision)
    assert run(figures.difference, StandIn(claim, now, then=now)) == verdict


@pytest.mark.parametrize(
    ("precision", "stated", "tolerance", "band"),
    [
        ("exact", 1100, 0, "“1,100” → exactly 1,100"),
        ("over", 1200, 0, "“over 1,200” → more than 1,200"),
        ("over", 1200.5, 0, "“over 1,200.5” → more than 1,200.5"),
        ("at_least", 1200, 0, "“at least 1,200” → at least 1,200"),
        ("fewer_than", 1200, 0, "“fewer than 1,200” → less than 1,200"),
        ("at_most", 1200, 0, "“at most 1,200” → at most 1,200"),
        ("over", 1200, 10, "“over 1,200” → more than 1,190"),
        ("at_least", 1200, 10, "“at least 1,200” → at least 1,190"),
        ("fewer_than", 1200, 10, "“fewer than 1,200” → less than 1,210"),
        ("at_most", 1200, 10, "“at most 1,200” → at most 1,210"),
        ("about", 1100, 10, "“about 1,100” → 1,090 to 1,110"),
        ("about", 1100, 10.0, "“about 1,100” → 1,090 to 1,110"),  # whole ends, as counts
        ("percent", 1200, 0, "“1,200%” → 1,199.5% to under 1,200.5%"),
        ("between", [1100, 1500], 0, "“between 1,100 and 1,500” → 1,100 to 1,500"),
        ("between", [1100, 1500], 5, "“between 1,100 and 1,500” → 1,095 to 1,505"),
    ],
)
def test_each_wording_shows_its_band_in_words(
    precision: str, stated: Any, tolerance: float, band: str
) -> None:
    """What a reader is shown for each wording: the words quoted, then the band."""
    now = totals(y2011=3000, y2012=1800)
    claim = _difference(stated, precision, tolerance=tolerance)
    assert evaluate(figures.difference, StandIn(claim, now, then=now)).evidence.band == band


@pytest.mark.parametrize(
    ("stated", "tolerance", "band"),
    [
        (20.8, 0, "“20.8%” → 20.75% to under 20.85%"),
        (20.8, 0.1, "“20.8%” → 20.65% to under 20.95%"),
        (21, 0, "“21%” → 20.5% to under 21.5%"),
        (20.0, 0, "“20.0%” → 19.95% to under 20.05%"),
    ],
)
def test_a_percentage_band_is_half_its_last_decimal_either_side(
    stated: float, tolerance: float, band: str
) -> None:
    claim = _claim("figures.change", stated, "percent", tolerance, **CHANGE_UP)
    now = totals(y2016=520, y2017=628)
    assert evaluate(figures.change, StandIn(claim, now, then=now)).evidence.band == band


@pytest.mark.parametrize(
    ("drop", "verdict"), [(1089, FAILS), (1090, ROUNDING), (1110, ROUNDING), (1111, FAILS)]
)
def test_about_is_the_stated_value_within_its_tolerance(drop: int, verdict: Verdict) -> None:
    now = totals(y2011=3000, y2012=3000 - drop)
    claim = _difference(1100, "about", tolerance=10)
    assert run(figures.difference, StandIn(claim, now, then=now)) == verdict


def test_a_tolerance_widens_a_bound() -> None:
    now = totals(y2011=3000, y2012=3000 - 1195)
    assert run(figures.difference, StandIn(_difference(1200, "over"), now, then=now)) == FAILS
    loose = _difference(1200, "over", tolerance=10)
    assert run(figures.difference, StandIn(loose, now, then=now)) == HOLDS


CHANGE_UP = {"before": "2016", "after": "2017", "field": "total", "direction": "up"}


def _change(stated: float, direction: str) -> Claim:
    args: dict[str, Any] = {
        "before": "2016",
        "after": "2017",
        "field": "total",
        "direction": direction,
    }
    return _claim("figures.change", stated, "percent", **args)


@pytest.mark.parametrize(
    ("after", "verdict"),
    # "20.8%" means 20.75% to under 20.85%, by its one decimal
    [(626, FAILS), (627, FAILS), (628, ROUNDING), (629, FAILS)],
)
def test_a_percent_change_band_follows_the_stated_decimals(after: int, verdict: Verdict) -> None:
    """From 520: 627 is +20.58%, 628 is +20.77%, 629 is +20.96%."""
    claim = _change(20.8, "up")
    now = totals(y2016=520, y2017=after)
    assert run(figures.change, StandIn(claim, now, then=now)) == verdict


@pytest.mark.parametrize(("tolerance", "lower"), [(0, "fails"), (1, "holds")])
def test_every_year_rechecks_each_alternative_within_the_tolerance(
    tolerance: float, lower: str
) -> None:
    """A point of tolerance takes 66.0% inside the alternative “at least 66.7%”."""
    claim = _claim("ranks.every_year", 70, "at_least", tolerance, **WOMEN_SHARE, through="2013")
    now = {
        str(year): {"women": women, "total": 10_000}
        for year, women in ((2011, 6600), (2012, 7000), (2013, 7100))
    }
    reason = evaluate(ranks.every_year, StandIn(claim, now, era=2011)).reason
    assert reason.endswith(f"(at least 70%: fails, at least 66.7%: {lower}, at least 75%: fails)")


def test_a_percentage_band_starts_exactly_at_half_its_last_decimal_below() -> None:
    """From 10,000 to 12,075 is +20.75%: inside “20.8%”, at its lower edge."""
    now = totals(y2016=10_000, y2017=12_075)
    assert run(figures.change, StandIn(_change(20.8, "up"), now, then=now)) == ROUNDING


def test_a_change_in_the_wrong_direction_is_contradicted() -> None:
    claim = _change(20.8, "down")
    rise = totals(y2016=520, y2017=628)
    fall = totals(y2016=628, y2017=497)  # -20.86%
    assert run(figures.change, StandIn(claim, rise, then=rise)) == FAILS
    assert evaluate(figures.change, StandIn(claim, fall, then=fall)).computed == "20.9%"


@pytest.mark.parametrize(("part", "verdict"), [(495, HOLDS), (496, FAILS)])
def test_a_projection_is_the_part_year_at_the_same_daily_rate(part: int, verdict: Verdict) -> None:
    """January to June 2018 is 181 days: 495 projects to 998.2, under 1,000; 496 to 1,000.2."""
    claim = _claim("figures.projection", 1000, "fewer_than", part="2018-H1", field="total")
    now = {"2018-H1": {"total": part}}
    assert run(figures.projection, StandIn(claim, now, then=now)) == verdict


@pytest.mark.parametrize(
    ("x", "verdict"), [(3249, FAILS), (3250, ROUNDING), (3349, ROUNDING), (3350, FAILS)]
)
def test_a_ratio_is_a_percentage_of_the_other(x: int, verdict: Verdict) -> None:
    """“One-third of” registered as 33% with whole-percent precision: 32.5% to under 33.5%."""
    claim = _claim(
        "figures.ratio", 33, "percent", numerator="2019", denominator="2009", field="total"
    )
    now = totals(y2019=x, y2009=10_000)
    assert run(figures.ratio, StandIn(claim, now, then=now)) == verdict


RUN: dict[str, Any] = {"period": "2019", "field": "total", "order": "lowest"}


@pytest.mark.parametrize(("y2001", "verdict"), [(1046, EXACT), (1047, EXACT), (1048, FAILS)])
def test_an_n_year_low_counts_back_to_the_first_year_as_low(y2001: int, verdict: Verdict) -> None:
    """2019 (1,047) against 2002-2018 above it: an 18-year low, unless 2001 is above too."""
    claim = _claim("ranks.run", 18, **RUN)
    now = {str(y): {"total": 2000} for y in range(2002, 2019)} | totals(y2019=1047, y2001=y2001)
    assert run(ranks.run, StandIn(claim, now)) == verdict


TREND: dict[str, Any] = {"field": "total", "since": "2000", "through": "2003", "direction": "up"}


@pytest.mark.parametrize(("y2002", "verdict"), [(301, HOLDS), (300, FAILS), (299, FAILS)])
def test_a_steady_rise_rises_every_year(y2002: int, verdict: Verdict) -> None:
    claim = _claim("ranks.trend", "steady rise", "trend", **TREND)
    now = totals(y2000=100, y2001=300, y2002=y2002, y2003=400)
    assert run(ranks.trend, StandIn(claim, now)) == verdict


FIRST: dict[str, Any] = {"field": "women", "measure": "share", "threshold": 70.0, "since": "2010"}


@pytest.mark.parametrize(("women_2011", "reached"), [(6999, "2012"), (7000, "2011")])
def test_the_first_year_a_share_reached_a_threshold(women_2011: int, reached: str) -> None:
    claim = _claim("ranks.first_reached", 2011, "year", **FIRST)
    now = {
        "2010": {"women": 6000, "total": 10_000},
        "2011": {"women": women_2011, "total": 10_000},
        "2012": {"women": 7500, "total": 10_000},
    }
    outcome = evaluate(ranks.first_reached, StandIn(claim, now))
    assert outcome.computed == reached
    assert outcome.verdict == (EXACT if reached == "2011" else FAILS)


EVERY: dict[str, Any] = {
    "field": "total",
    "measure": "count",
    "since": "2012",
    "through": "2013",
    "alternatives": [],
}


@pytest.mark.parametrize(("y2012", "verdict"), [(1500, HOLDS), (1502, FAILS), (1099, FAILS)])
def test_every_year_between_bounds(y2012: int, verdict: Verdict) -> None:
    """“Ranged between 1,100 and 1,500 since 2012”: 2012's 1,502 breaks it."""
    claim = _claim("ranks.every_year", [1100, 1500], "between", **EVERY)
    assert run(ranks.every_year, StandIn(claim, totals(y2012=y2012, y2013=1200))) == verdict


@pytest.mark.parametrize(
    ("stated", "verdict"),
    [("2016-11", HOLDS), ("2016-10", FAILS), ("2016-12", FAILS), ("2016", HOLDS)],
)
def test_the_date_a_total_passed_a_threshold(stated: str, verdict: Verdict) -> None:
    """29,948 to 31 October 2016, 30,005 to 11 November: it passed 30,000 in between."""
    claim = _claim("cumulative.passed", stated, "date", threshold=30000, field="total")
    reported = [(pd.Timestamp("2016-10-31"), 29948), (pd.Timestamp("2016-11-11"), 30005)]
    assert run(cumulative.passed, StandIn(claim, {}, series_totals=reported)) == verdict


def test_a_range_is_rechecked_at_each_alternative_range() -> None:
    """“Between 1,100 and 1,500 every year”, re-checked between 1,000 and 1,600."""
    args: dict[str, Any] = {
        "field": "total",
        "measure": "count",
        "since": "2012",
        "through": "2013",
    }
    claim = _claim("ranks.every_year", [1100, 1500], "between", alternatives=[[1000, 1600]], **args)
    now = totals(y2012=1502, y2013=1514)
    assert evaluate(ranks.every_year, StandIn(claim, now)).reason.endswith(
        "(between 1,100 and 1,500: fails, between 1,000 and 1,600: holds)"
    )

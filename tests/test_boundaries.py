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

import pytest

from analysis.claims import Verdict
from analysis.claims.checks import anecdotes, arithmetic, official
from analysis.claims.claim import Claim
from analysis.claims.evidence import Evidence, Outcome
from analysis.claims.reading import Reading

Series = dict[str, dict[str, int]]


def _claim(check: str, stated: Any, precision: str = "exact", **args: Any) -> Claim:
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

    def __post_init__(self) -> None:
        self.registry = SimpleNamespace(
            era_start=self.era, era_alternatives=self.alternatives, get=self.claims.__getitem__
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
HOLDS, FAILS = Verdict.REPRODUCED, Verdict.CONTRADICTED
THEN = Verdict.REPRODUCED_AS_PUBLISHED_THEN


@pytest.mark.parametrize(("data", "verdict"), [(99, FAILS), (100, EXACT), (101, FAILS)])
def test_an_exact_figure(data: int, verdict: Verdict) -> None:
    claim = _claim("official.annual", 100, period="2017", field="total")
    assert run(official.annual, StandIn(claim, totals(y2017=data))) == verdict


@pytest.mark.parametrize(("then", "verdict"), [(99, FAILS), (100, THEN), (101, FAILS)])
def test_a_figure_revised_since_holds_only_as_published_then(then: int, verdict: Verdict) -> None:
    claim = _claim("official.annual", 100, period="2017", field="total")
    stand_in = StandIn(claim, totals(y2017=102), then=totals(y2017=then))
    assert run(official.annual, stand_in) == verdict


@pytest.mark.parametrize(
    ("women", "verdict"),
    [(8249, FAILS), (8250, ROUNDING), (8300, ROUNDING), (8349, ROUNDING), (8350, FAILS)],
)
def test_a_whole_percent_covers_half_a_point_below_to_under_half_above(
    women: int, verdict: Verdict
) -> None:
    """“83%” is 82.5% up to, not including, 83.5%."""
    claim = _claim("official.women_share", 83, "percent", period="2017")
    now = {"2017": {"women": women, "total": 10_000}}
    assert run(official.women_share, StandIn(claim, now, then=now)) == verdict


@pytest.mark.parametrize(
    ("women", "verdict"), [(8249, FAILS), (8250, THEN), (8349, THEN), (8350, FAILS)]
)
def test_a_share_revised_since_holds_as_published_then_within_the_same_band(
    women: int, verdict: Verdict
) -> None:
    """84.0% today is outside “83%”; what was published on the article's date is
    judged by the same band, not by equality."""
    claim = _claim("official.women_share", 83, "percent", period="2017")
    now = {"2017": {"women": 8400, "total": 10_000}}
    then = {"2017": {"women": women, "total": 10_000}}
    assert run(official.women_share, StandIn(claim, now, then=then)) == verdict


@pytest.mark.parametrize(("women", "verdict"), [(7049, FAILS), (7050, ROUNDING), (7149, ROUNDING)])
def test_a_cumulative_share_uses_the_same_band(women: int, verdict: Verdict) -> None:
    claim = _claim("official.cumulative_women_share", 71, "percent", through="2017")
    now = {"2016": {"women": 0, "total": 0}, "2017": {"women": women, "total": 10_000}}
    assert run(official.cumulative_women_share, StandIn(claim, now, then=now)) == verdict


@pytest.mark.parametrize(("data", "verdict"), [(30, FAILS), (31, EXACT), (32, FAILS)])
def test_a_cumulative_total(data: int, verdict: Verdict) -> None:
    claim = _claim("official.cumulative", 41, through="2017", field="total")
    now = totals(y2016=10, y2017=data)
    assert run(official.cumulative, StandIn(claim, now, then=now)) == verdict


@pytest.mark.parametrize(("later", "verdict"), [(1126, FAILS), (1127, EXACT), (1128, FAILS)])
def test_a_difference(later: int, verdict: Verdict) -> None:
    claim = _claim("official.difference", 291, minuend="2016", subtrahend="2017")
    now = totals(y2016=1418, y2017=later)
    assert run(official.difference, StandIn(claim, now, then=now)) == verdict


@pytest.mark.parametrize(
    ("year", "verdict"),
    [(1274, HOLDS), (1275, FAILS), (1276, FAILS)],  # one below, tied with, one above the next
)
def test_the_lowest_year_must_be_strictly_lowest(year: int, verdict: Verdict) -> None:
    claim = _claim("official.lowest_in_era", "lowest", "ordering", period="2017")
    now = totals(y2011=2706, y2012=1502, y2013=1514, y2014=1397, y2015=1275, y2016=1418, y2017=year)
    assert run(official.lowest_in_era, StandIn(claim, now)) == verdict


def test_the_lowest_year_is_judged_under_the_era_used() -> None:
    """2012 is lowest from 2012 on, but not from 2011 on: the era used decides."""
    claim = _claim("official.lowest_in_era", "lowest", "ordering", period="2013")
    now = totals(y2011=100, y2012=300, y2013=200)
    assert run(official.lowest_in_era, StandIn(claim, now, era=2012)) == HOLDS
    assert run(official.lowest_in_era, StandIn(claim, now, era=2011)) == FAILS


@pytest.mark.parametrize(("after", "verdict"), [(2705, HOLDS), (2706, FAILS), (2707, FAILS)])
def test_went_down_is_strict(after: int, verdict: Verdict) -> None:
    claim = _claim("official.went_down", "down", "trend", before="2011", after="2012")
    assert run(official.went_down, StandIn(claim, totals(y2011=2706, y2012=after))) == verdict


FLUCTUATED = {"years": ["2013", "2014", "2015"], "reference": ["2010", "2011"]}


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
    claim = _claim(
        "official.women_majority", 70, "lower_bound", through="2013", alternatives=[66.7, 75]
    )
    now = {
        "2012": {"women": 9000, "total": 10_000},
        "2013": {"women": women, "total": 10_000},
    }
    assert run(official.women_majority, StandIn(claim, now)) == verdict


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
        "men": _claim("official.annual", 189),
        "women": _claim("official.annual", women),
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

ANNUAL = _claim("official.annual", 1127, period="2017", field="total")
EXACTLY_1127 = "“1,127” → exactly 1,127"


@pytest.mark.parametrize(
    ("check", "claim", "now", "reason"),
    [
        (
            official.annual,
            ANNUAL,
            totals(y2017=1127),
            "the data give 1,127; the article says 1,127",
        ),
        (
            official.annual,
            _claim("official.annual", 1500.5, period="2017", field="total"),
            totals(y2017=1500),
            "the data give 1,500, not 1500.5",
        ),
        (
            official.women_share,
            _claim("official.women_share", 83, "percent", period="2017"),
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
    outcome = evaluate(official.annual, StandIn(ANNUAL, totals(y2017=1130), then=then))
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
    outcome = evaluate(official.annual, StandIn(ANNUAL, totals(y2016=1418)))
    assert outcome == Outcome(
        "a-claim",
        "test",
        "",
        Verdict.NOT_VERIFIABLE,
        "no figure for a quantity in this vintage",
        None,
        Evidence(arithmetic=("total, 2017 = no figure",), band=EXACTLY_1127),
    )


def test_a_share_with_a_missing_part_is_not_verifiable() -> None:
    """2012's total without its split by sex: no share, rather than a guess or an error."""
    claim = _claim("official.women_majority", 70, "lower_bound", through="2012", alternatives=[])
    outcome = evaluate(official.women_majority, StandIn(claim, totals(y2012=1502)))
    assert (outcome.verdict, outcome.computed, outcome.reason) == (
        Verdict.NOT_VERIFIABLE,
        "",
        "2012 has no split by sex in this vintage",
    )


def test_a_sum_with_a_missing_term_shows_it_and_a_reported_total_cannot_reconcile() -> None:
    claim = _claim("official.cumulative", 41, through="2017", field="total")
    source = SimpleNamespace(publisher="A Paper", published="2018-01-05")
    reported = SimpleNamespace(
        value=41, file="data/cumulative.csv", line=28, column="total", source=source
    )
    now = {"2016": {"total": 10}, "2017": {"men": 5}}
    stand_in = StandIn(claim, now, then=now, reported=[(reported, date(2018, 1, 5))])
    assert evaluate(official.cumulative, stand_in) == Outcome(
        "a-claim",
        "test",
        "",
        Verdict.NOT_VERIFIABLE,
        "no figure for a quantity in this vintage",
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
    [({"low": 10}, "10 people (a place)"), ({"low": 30, "high": 40}, "30-40 people (a place)")],
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

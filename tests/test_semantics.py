"""The behaviours a reviewer's semantic mutants would break (scripts/semantic_mutants.py,
run by `make mutants`): each rule's comparison at its exact boundary, both vintages of
`claims --check`, and the order of the operands of a difference or a fall."""

from collections.abc import Callable
from pathlib import Path

import pytest

from analysis import claims
from analysis.claims import band
from analysis.load import datasets
from analysis.load.datasets import Data
from analysis.load.problems import DataValidationError
from tests.conftest import run_cli

SUM = "men + women must equal total"
EXCEED = "men and women cannot exceed total"
EARLY = "published before the end of the period it covers"
AFTER = "period_start must not be after period_end"
ROW_2017 = "2017-01-01,2017-12-31,188,939,1127,mou-table-2020-09"
Edit = Callable[..., None]


def _messages(data_dir: Path, name: str) -> list[tuple[int | None, str]]:
    with pytest.raises(DataValidationError) as raised:
        datasets.load(data_dir)
    return [(p.line, p.message) for p in raised.value.problems if p.file == f"data/{name}"]


def test_men_and_women_summing_to_less_than_the_total_is_refused(
    minimal_data: Path, edit_csv: Edit
) -> None:
    """One short, not one over: a rule relaxed to men + women <= total would pass it."""
    edit_csv(minimal_data / "arrivals.csv", "188,939,1127", "188,938,1127")
    assert _messages(minimal_data, "arrivals.csv") == [(3, SUM)]


def test_a_sex_one_over_the_total_is_refused(minimal_data: Path, edit_csv: Edit) -> None:
    edit_csv(minimal_data / "arrivals.csv", "188,939,1127", "1128,0,1127")
    assert _messages(minimal_data, "arrivals.csv") == [(3, SUM), (3, EXCEED)]


def test_a_sex_equal_to_the_total_passes(minimal_data: Path, edit_csv: Edit) -> None:
    edit_csv(minimal_data / "arrivals.csv", "188,939,1127", "0,1127,1127")
    reports = datasets.load(minimal_data).reports
    assert reports.loc[reports["line"] == 3, ["men", "women"]].values.tolist() == [[0, 1127]]


def test_a_whole_year_published_the_day_before_it_ends_is_refused(
    minimal_data: Path, edit_csv: Edit
) -> None:
    """The press report of 2017's figures dated 2017-12-30: a day too early, not a month."""
    edit_csv(minimal_data / "sources.csv", ",2018-01-05,ko,", ",2017-12-30,ko,")
    assert (4, EARLY) in [
        (line, m[: len(EARLY)]) for line, m in _messages(minimal_data, "arrivals.csv")
    ]


def test_a_whole_year_published_on_its_last_day_passes(minimal_data: Path, edit_csv: Edit) -> None:
    edit_csv(minimal_data / "sources.csv", ",2018-01-05,ko,", ",2017-12-31,ko,")
    assert len(datasets.load(minimal_data).reports) == 3


def test_an_anecdote_that_ends_the_day_before_it_starts_is_refused(
    minimal_data: Path, edit_csv: Edit
) -> None:
    """Anecdotes may cover one day (start = end); a day less is refused."""
    edit_csv(minimal_data / "border_arrests.csv", "2018-01-01,2018-01-01", "2018-01-02,2018-01-01")
    assert _messages(minimal_data, "border_arrests.csv") == [(2, AFTER)]


@pytest.mark.parametrize(
    ("stated", "precision", "value", "within"),
    [
        (83, "percent", 82.5, True),
        (83, "percent", 83.4999, True),
        (83, "percent", 83.5, False),
        (83, "percent", 82.4999, False),
        (1200, "over", 1200, False),
        (1200, "over", 1201, True),
        (1200, "fewer_than", 1200, False),
        (1200, "fewer_than", 1199, True),
        (1200, "at_least", 1200, True),
        (1200, "at_most", 1200, True),
        (1200, "at_most", 1201, False),
    ],
)
def test_each_band_holds_exactly_the_values_its_wording_allows(
    stated: int, precision: str, value: float, within: bool
) -> None:
    """“83%” is 82.5% to under 83.5% (83.5% rounds to 84%); “over 1,200” excludes 1,200,
    “fewer than 1,200” too; “at least” and “at most” include it."""
    assert band.band(stated, precision).holds(value) is within


def _record(data_dir: Path, vintage: str, verdict: str) -> None:
    path = data_dir / "articles" / "the-article" / "claims.toml"
    text = path.read_text(encoding="utf-8")
    old = 'recorded = { article = "reproduced_exactly", latest = "reproduced_exactly" }'
    assert text.count(old) == 1
    new = old.replace(f'{vintage} = "reproduced_exactly"', f'{vintage} = "{verdict}"')
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("vintage", ["article", "latest"])
def test_claims_check_fails_on_a_wrong_verdict_of_either_vintage(
    minimal_data: Path, vintage: str
) -> None:
    _record(minimal_data, vintage, "contradicted")
    result = run_cli("claims", "--check", data_dir=minimal_data)
    assert result.returncode == 1
    assert (
        f"claim check failed: arrivals-2017 [{vintage}]: recorded contradicted, computed "
        "reproduced_exactly" in result.stderr
    )
    assert result.stdout == "0 of 1 claims in 1 article have their recorded verdicts\n"


def test_every_claim_is_evaluated_on_every_vintage(data: Data) -> None:
    every = claims.every_result(data)
    assert len(every) == len(data.articles)
    for results in every:
        pairs = [(o.claim_id, o.vintage) for o in results.outcomes]
        ids = [c.id for c in results.registry.claims]
        assert pairs == [(i, v) for i in ids for v in ("article", "latest")]


def test_a_difference_is_the_minuend_less_the_subtrahend(data: Data) -> None:
    """“291 people fewer than 2016”: 2016's 1,418 less 2017's 1,127, not the reverse."""
    outcome = claims.evaluate("fewer-than-2016", "latest", data)
    assert outcome.computed == "291"
    assert outcome.verdict is claims.Verdict.REPRODUCED_EXACTLY
    assert outcome.evidence.arithmetic[0].startswith(
        "arrivals 2016 − arrivals 2017 = 1,418 − 1,127"
    )


def test_a_fall_is_read_from_the_earlier_year_to_the_later(data: Data) -> None:
    falls = [
        (claim, inputs)
        for inputs in claims.every_inputs(data)
        for claim in inputs.registry.claims
        if claim.check == "official.went_down"
    ]
    assert falls
    for claim, inputs in falls:
        outcome = claims.evaluate_claim(claim, "latest", inputs)
        before, after = (int(v) for v in outcome.value[:2])
        assert after < before and outcome.verdict is claims.Verdict.REPRODUCED, claim.id

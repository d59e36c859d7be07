"""Press figures checked as claims by their outlets: the vintage rule's strongest
test. Every figure a news report published is matched by the series of its
publication day or explained by a recorded source issue."""

from collections.abc import Callable
from pathlib import Path

import pytest

from analysis import claims
from analysis.claims import press
from analysis.claims.checks.press import MATCHES, REVISED, SOLE
from tests.conftest import run_cli

EDIT = Callable[[Path, str, str, str], None]


@pytest.fixture
def checks(inputs: claims.Inputs) -> list[press.PressCheck]:
    return press.check_press(inputs)


def test_every_press_figure_is_matched_or_explained(checks: list[press.PressCheck]) -> None:
    assert checks, "no press figure was checked"
    unexplained = [c.claim.id for c in checks if not c.explained]
    assert unexplained == []


def test_the_findings_counts(checks: list[press.PressCheck]) -> None:
    counts = press.summary(checks)
    assert sum(counts.values()) == len(checks)
    assert counts[MATCHES] > counts[press.DIFFERS] > 0
    assert counts[REVISED] > 0 and counts[press.STALE] >= 1


def test_a_provisional_release_revised_since(checks: list[press.PressCheck]) -> None:
    """JoongAng Daily's 224 for 2025 was MOU's figure on 20 January 2026 (other outlets
    gave it too), corrected to 223 on 4 February."""
    [total] = [c for c in checks if c.claim.id == "joongangdaily-2026-01-20-2025-total"]
    assert total.finding == REVISED
    assert total.outcome.value[1:] == (224, 224, 223)


def test_a_figure_only_its_own_report_gives_is_not_confirmed(
    checks: list[press.PressCheck],
) -> None:
    """Hankyung's 189 men for 2017 is the series' figure on its day because it is the only
    report of that split: nothing else in the data can confirm it."""
    [men] = [c for c in checks if c.claim.id == "hankyung-2018-01-05-2017-men"]
    assert men.finding == SOLE and men.explained


def test_a_stale_figure_names_the_older_publication(checks: list[press.PressCheck]) -> None:
    stale = [c for c in checks if c.finding == press.STALE]
    assert stale
    for check in stale:
        assert "was published earlier by" in check.outcome.evidence.arithmetic[-1]
        assert len(check.outcome.evidence.figures) >= 3  # reported, in force, the older one


def test_a_figure_dated_to_a_year_matches_any_day_of_it(checks: list[press.PressCheck]) -> None:
    """The GitHub copy of MOU's table, dated only "2026", holds 2025's figure of 20 January
    (224), corrected on 4 February: it matches the series of a day it may be from."""
    [total] = [c for c in checks if c.claim.id == "fnk-github-e0e7317-2025-total"]
    assert total.claim.stated == 224
    assert total.finding == REVISED


def test_an_unexplained_difference_fails_the_check(data_copy: Path, edit_csv: EDIT) -> None:
    """The Korea Herald's 1,418 for 2016 matches the figure then in force (Kukmin's, of
    July 2017); printed as 1,419 it matches nothing and no source issue records it."""
    edit_csv(data_copy / "arrivals.csv", ",1418,koreaherald", ",1419,koreaherald", "2016-01-01")
    result = run_cli("claims", "--press", "--check", data_dir=data_copy)
    assert result.returncode == 1, result.stdout
    assert "press figure unexplained: koreaherald-2018-01-05-2016-total" in result.stderr
    assert run_cli("claims", "--press", "--check").returncode == 0


def test_press_json_carries_the_evidence() -> None:
    import json

    result = run_cli("claims", "--press", "--format", "json")
    doc = json.loads(result.stdout)
    assert set(doc["summary"]) == set(press.FINDINGS)
    first = doc["figures"][0]
    assert first["evidence"]["figures"][0]["file"] == "data/arrivals.csv"
    assert first["evidence"]["figures"][0]["source"]["url"].startswith("http")

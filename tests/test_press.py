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


def _finding(checks: list[press.PressCheck], claim_id: str) -> press.PressCheck:
    [found] = [c for c in checks if c.claim.id == claim_id]
    return found


@pytest.mark.parametrize(
    ("claim_id", "printed", "issue"),
    [
        ("mediapen-2023-01-10-2022-total", 26, "mediapen-2022-total"),
        ("christiantoday-2025-2024-women", 216, "christiantoday-2024-women"),
    ],
)
def test_a_misprint_is_checked_as_printed(
    checks: list[press.PressCheck], claim_id: str, printed: int, issue: str
) -> None:
    """arrivals.csv keeps the reading (67, 210); the outlet printed 26 and 216: differs,
    explained by the recorded typo."""
    found = _finding(checks, claim_id)
    assert (found.claim.stated, found.finding, found.issue) == (printed, press.DIFFERS, issue)
    assert "a misprint of" in found.outcome.evidence.arithmetic[-1]


@pytest.mark.parametrize(
    "claim_id",
    [
        "yonhap-en-2012-10-28-2005-total",
        "yonhap-en-2012-10-28-2007-total",
        "kbs-2014-01-13-2013-total",
    ],
)
def test_only_source_means_no_other_source_prints_or_confirms_it(
    checks: list[press.PressCheck], claim_id: str
) -> None:
    """Chosun NK prints Yonhap's 1,382 for 2005, Newsfinder its 2,553 for 2007; no one
    else prints KBS's 1,516 for 2013, but Aju's 26,124 the same day reconciles with it."""
    found = _finding(checks, claim_id)
    assert found.finding in (MATCHES, REVISED)
    sole = [c.claim.id for c in checks if c.finding == SOLE]
    assert claim_id not in sole


@pytest.mark.parametrize(
    "claim_id",
    [
        "kbs-world-es-2017-01-2016-total",
        "cecc-2017-2016-total",
        "dailynk-en-2017-01-to-2016-12-31-total",
    ],
)
def test_a_figure_one_source_supports_and_another_contradicts_is_disputed(
    checks: list[press.PressCheck], claim_id: str
) -> None:
    """1,414 for 2016 differs from Today Korea's 1,417 in force, but 28,794 + 1,414 is Daily
    NK's cumulative 30,208: consistent with another published figure."""
    found = _finding(checks, claim_id)
    assert found.finding == press.DISPUTED and found.explained
    assert "consistent with" in found.outcome.evidence.arithmetic[-1]


def test_every_recorded_press_finding_holds(
    checks: list[press.PressCheck], inputs: claims.Inputs
) -> None:
    recorded = inputs.data.press_findings
    assert len(recorded) >= 17 and recorded["reason"].str.len().min() > 40
    assert press.unrecorded(checks, recorded) == []


def test_a_changed_press_finding_fails_the_check(data_copy: Path, edit_csv: EDIT) -> None:
    """Recorded as disputed, KBS World's 1,414 printed as 1,417 would match: the check
    names the line recording the old finding."""
    edit_csv(data_copy / "arrivals.csv", ",1414,kbs-world-es", ",1417,kbs-world-es", "2016-01-01")
    result = run_cli("claims", "--press", "--check", data_dir=data_copy)
    assert result.returncode == 1, result.stdout
    assert "press finding changed: data/press_findings.csv, line" in result.stderr
    assert "kbs-world-es-2017-01-2016-total is now" in result.stderr

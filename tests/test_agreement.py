"""A notebook's computation against the engine's (analysis.show.agreement): the value
each check gives, read as a notebook computes it; the forms a notebook may pass; and
`narrative.claim`, which shows a claim only when the two agree and otherwise fails
naming the claim, the vintage and both values."""

from typing import Any

import pandas as pd
import pytest

from analysis import claims
from analysis.show import agreement, narrative
from tests.conftest import deep_dive

CLAIMS = deep_dive().claims


@pytest.fixture(scope="module")
def results() -> claims.Results:
    narrative.setup()
    return narrative.session().results


def _engine(results: claims.Results, claim_id: str) -> pd.Series:
    """The engine's figure for a claim, one per vintage, as a notebook passes it."""
    claim = results.registry.get(claim_id)
    return pd.Series(
        {v: agreement.engine_value(claim, results.outcome(claim_id, v)) for v in claims.VINTAGES},
        dtype=object,
    )


def _off(value: Any) -> Any:
    """A value that must not agree: a count one more, a share a tenth of a point more, a
    year or date one character longer; a tuple with its last element off."""
    if isinstance(value, tuple):
        return (*value[:-1], _off(value[-1]))
    if isinstance(value, str):
        return value + "0"
    if isinstance(value, float):
        return value + 0.1
    return value + 1


def test_the_engine_values_are_the_figures_a_notebook_computes(
    results: claims.Results,
) -> None:
    engine = {c.id: tuple(_engine(results, c.id)) for c in CLAIMS}
    assert engine["women-2017"] == (938, 939)  # as published then, and as MOU restated it
    assert engine["lowest-since-kju-2017"] == ("2017", "2017")  # the year found lowest
    assert engine["drop-after-first-year"] == (1502 - 2706, 1502 - 2706)
    assert engine["fluctuated-but-low"] == ((1, 1514, 2028), (1, 1514, 2028))  # one turn
    assert engine["mou-report-date"] == ("2018-01-05", "2018-01-05")
    assert engine["cumulative-women-2017"] == (22345, 22346)
    assert engine["era-start-consistency"] == ((2011, 2012), (2011, 2012))
    assert engine["arrests-rise-150"] == ((75.0, 100.0), (75.0, 100.0))
    assert engine["twenty-on-new-years-day"][0] == pytest.approx((20.0, 30 / 14, 40 / 14))
    assert engine["families-arrested-new-year"] == (10, 10)
    assert engine["hyesan-family-arrested"] == (0, 0)  # the article gives no count
    # Daily NK's tally, dated 2018, was not yet public on the article's date
    assert engine["repatriated-overcrowding"] == ((41, 51, 37), (41, 51, 37, 121))
    assert engine["women-share-2017"][0] == pytest.approx(100 * 938 / 1127)
    assert [len(s) for s in engine["women-vast-majority"]] == [6, 6]  # 2012-2017


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.id for c in CLAIMS])
def test_a_claim_shows_when_the_computation_agrees_and_fails_when_not(
    results: claims.Results, claim: claims.Claim
) -> None:
    engine = _engine(results, claim.id)
    assert narrative.claim(claim.id, computed=engine).claim.id == claim.id
    wrong = {v: _off(engine[v]) for v in claims.VINTAGES}
    message = (
        f"{claim.id} [article]: the notebook computes {agreement.shown(wrong['article'])}, "
        f"the engine {agreement.shown(engine['article'])}"
    )
    with pytest.raises(narrative.ComputationDisagrees) as raised:
        narrative.claim(claim.id, computed=pd.Series(wrong, dtype=object))
    assert str(raised.value) == message
    latest_only = pd.Series({"article": engine["article"], "latest": wrong["latest"]}, dtype=object)
    with pytest.raises(narrative.ComputationDisagrees, match=r"\[latest\]"):
        narrative.claim(claim.id, computed=latest_only)


def test_the_forms_a_notebook_passes() -> None:
    by_vintage = pd.Series({"article": 189, "latest": 188}, dtype="Int64")
    assert agreement.notebook_value(by_vintage, "latest") == 188
    table = pd.DataFrame({"article": [73.1, 83.2], "latest": [73.1, 83.3]}, index=["2012", "2017"])
    assert agreement.notebook_value(table, "latest") == (73.1, 83.3)
    plain = pd.Series([30, 40], index=["low", "high"])  # no vintages: the same for both
    assert agreement.notebook_value(plain, "article") == (30, 40)
    assert agreement.notebook_value((by_vintage, plain), "article") == (189, (30, 40))
    assert agreement.notebook_value(pd.Series([], dtype="Int64").sum(), "article") == 0
    with pytest.raises(TypeError, match="one column per vintage"):
        agreement.notebook_value(pd.DataFrame({"men": [1]}), "article")


def test_counts_agree_exactly_and_shares_within_the_tolerance() -> None:
    assert agreement.agree(1127.0, 1127)
    assert not agreement.agree(1127.4, 1127)  # a count is exact
    assert agreement.agree(83.235, 83.2298)
    assert not agreement.agree(83.0, 83.2298)  # a whole percent is not the share
    assert agreement.agree("2017", "2017")
    assert not agreement.agree(2017, "2017")  # a year found is the period's label
    assert not agreement.agree((1514,), (1514, 2028))
    assert not agreement.agree(None, 0)
    assert agreement.agree(None, None)


@pytest.mark.parametrize(
    "check",
    [
        "figures.value",
        "figures.share",
        "figures.difference",
        "figures.change",
        "figures.ratio",
        "figures.projection",
        "cumulative.share",
    ],
)
def test_a_figure_outside_its_band_is_its_vintage_s_own_value(check: str) -> None:
    """Outside the wording's band every comparing check's value is (this vintage's
    figure, the figure as published on the article's date): the notebook computes the
    first, so a correction previewed in the report is compared like a recorded one."""
    claim = deep_dive().get("fewer-than-2016")
    outcome = claims.Outcome("x", "latest", "279", claims.Verdict.CONTRADICTED, "", (279, 291))
    assert (
        agreement.engine_value(claim.__class__(**{**claim.__dict__, "check": check}), outcome)
        == 279
    )

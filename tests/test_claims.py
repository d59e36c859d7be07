"""The claims registry: every claim's computation, every verdict kind, the
--check that fails when a figure changes, and the exports."""

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from analysis import claims, paths
from analysis.claims import Verdict
from analysis.load.datasets import Data, load
from analysis.show import claimreview, readme, render
from tests.conftest import add_article, run_cli, value_claim

EDIT = Callable[[Path, str, str, str], None]
CLAIM_FOR_A_LATER_ARTICLE = value_claim(
    "later-men-2017",
    "Women were 83% of 2017's arrivals.",
    189,
    "2017",
    "men",
    "contradicted",
)


class Outcomes(dict[tuple[str, str], claims.Outcome]):
    """Outcomes by (claim id, vintage), each evaluated when first asked for: a test
    runs only the checks it asserts on (which is what mutation testing maps)."""

    def __init__(self, inputs: claims.Inputs):
        super().__init__()
        self.inputs = inputs

    def __missing__(self, key: tuple[str, str]) -> claims.Outcome:
        claim_id, vintage = key
        claim = self.inputs.registry.get(claim_id)
        self[key] = claims.evaluate_claim(claim, vintage, self.inputs)
        return self[key]


@pytest.fixture
def outcomes(inputs: claims.Inputs) -> Outcomes:
    return Outcomes(inputs)


ARTICLES = sorted(p.name for p in (paths.DATA_DIR / "articles").iterdir())


def test_registries_are_well_formed(data: Data) -> None:
    every = claims.load_registries(data)
    assert [r.article.id for r in every] == [a.id for a in data.articles]
    assert sorted(r.article.id for r in every) == ARTICLES
    kinds = {c.kind for r in every for c in r.claims}
    assert kinds == {"official_statistic", "arithmetic", "source_reported"}
    for registry in every:
        for claim in registry.claims:
            assert claim.article == registry.article.id, claim.id
            assert set(claim.recorded) == set(claims.VINTAGES), claim.id
            assert (claim.stated is None) == (
                claim.kind == "source_reported" and claim.precision in ("exact", "at_least")
            ), claim.id
            assert len(claim.quote) <= 160, f"{claim.id}: quote only short claim sentences"


def test_every_verdict_kind_occurs(inputs: claims.Inputs) -> None:
    seen = {o.verdict for o in claims.evaluate_all(inputs)}
    assert seen >= set(Verdict) - {Verdict.CONTRADICTED}


@pytest.mark.parametrize("article_id", ARTICLES)
def test_recorded_verdicts_are_reproduced(data: Data, article_id: str) -> None:
    """Each article's recorded verdicts are its regression test: a new article needs a
    registry, no test."""
    inputs = claims.inputs_for(data, article_id)
    assert inputs.registry.claims
    assert claims.discrepancies(inputs) == {}


COMPUTATIONS = [
    ("arrivals-2017", "article", "1,127", Verdict.REPRODUCED_EXACTLY),
    ("men-2017", "article", "189", Verdict.REPRODUCED_EXACTLY),
    ("men-2017", "latest", "188", Verdict.REPRODUCED_AS_PUBLISHED_THEN),
    ("women-2017", "latest", "939", Verdict.REPRODUCED_AS_PUBLISHED_THEN),
    ("split-sums-2017", "article", "189 + 938 = 1,127", Verdict.REPRODUCED_EXACTLY),
    ("arrivals-2011", "article", "2,706", Verdict.REPRODUCED_EXACTLY),
    ("arrivals-2012", "article", "1,502", Verdict.REPRODUCED_EXACTLY),
    ("arrivals-2013", "article", "1,514", Verdict.REPRODUCED_EXACTLY),
    ("arrivals-2014", "article", "1,397", Verdict.REPRODUCED_EXACTLY),
    ("arrivals-2015", "article", "1,275", Verdict.REPRODUCED_EXACTLY),
    ("arrivals-2016", "article", "1,418", Verdict.REPRODUCED_EXACTLY),
    ("fewer-than-2016", "article", "291", Verdict.REPRODUCED_EXACTLY),
    ("women-share-2017", "article", "83.2%", Verdict.REPRODUCED_WITHIN_ROUNDING),
    ("women-share-2017", "latest", "83.3%", Verdict.REPRODUCED_WITHIN_ROUNDING),
    ("cumulative-total-2017", "latest", "31,339", Verdict.REPRODUCED_EXACTLY),
    ("cumulative-women-2017", "article", "22,345", Verdict.REPRODUCED_EXACTLY),
    ("cumulative-women-2017", "latest", "22,346", Verdict.REPRODUCED_AS_PUBLISHED_THEN),
    ("cumulative-women-share-2017", "article", "71.3%", Verdict.REPRODUCED_WITHIN_ROUNDING),
    ("mou-report-date", "article", "2018-01-05", Verdict.REPRODUCED_EXACTLY),
    ("drop-after-first-year", "article", "2,706 → 1,502 (−44.5%)", Verdict.REPRODUCED),
    (
        "women-vast-majority",
        "article",
        "lowest 73.1% (2012), highest 83.2% (2017)",
        Verdict.REPRODUCED,
    ),
    ("twenty-on-new-years-day", "article", "20.0/day vs 2.1–2.9/day", Verdict.NOT_VERIFIABLE),
    (
        "lowest-since-kju-2017",
        "article",
        "2017: 1,127; next lowest 2015: 1,275",
        Verdict.REPRODUCED,
    ),
    ("lowest-yet-under-kju", "latest", "2017: 1,127; next lowest 2015: 1,275", Verdict.REPRODUCED),
    ("fluctuated-but-low", "article", "2013–2016: 1,514, 1,397, 1,275, 1,418", Verdict.REPRODUCED),
    (
        "era-start-consistency",
        "article",
        "first era year here 2011; elsewhere the article dates the era from 2012",
        Verdict.INTERNALLY_INCONSISTENT,
    ),
    (
        "arrests-rise-150",
        "latest",
        "needs 75–100 arrests by mid-January 2018; 20 reported (1 day)",
        Verdict.NOT_VERIFIABLE,
    ),
    (
        "families-arrested-new-year",
        "article",
        "10 people (near where China meets Ryanggang and Jagang provinces)",
        Verdict.NOT_VERIFIABLE,
    ),
    ("hyesan-family-arrested", "article", "no figure", Verdict.NOT_VERIFIABLE),
    ("attempts-rising", "article", "arrivals 2016 → 2017: 1,418 → 1,127", Verdict.NOT_VERIFIABLE),
    ("arrests-increased-last-year", "article", "no figure", Verdict.NOT_VERIFIABLE),
    ("repatriated-overcrowding", "article", "3 related counts", Verdict.NOT_VERIFIABLE),
    ("repatriated-overcrowding", "latest", "4 related counts", Verdict.NOT_VERIFIABLE),
    ("home-searches-rising", "article", "no figure", Verdict.NOT_VERIFIABLE),
]


def test_every_claim_of_the_deep_dive_has_a_computation_test(inputs: claims.Inputs) -> None:
    """The deep dive's claims are pinned to their computed text as well as their verdicts."""
    tested = {case[0] for case in COMPUTATIONS}
    assert tested == {c.id for c in inputs.registry.claims}


@pytest.mark.parametrize(("claim_id", "vintage", "computed", "verdict"), COMPUTATIONS)
def test_claim_computations(
    outcomes: dict[tuple[str, str], claims.Outcome],
    claim_id: str,
    vintage: str,
    computed: str,
    verdict: Verdict,
) -> None:
    outcome = outcomes[(claim_id, vintage)]
    assert (outcome.computed, outcome.verdict) == (computed, verdict)


CUMULATIVE_TOTAL_2017 = (
    "947 + 1,043 + 1,142 + 1,285 + 1,898 + 1,384 + 2,028 + 2,554 + 2,803 + 2,914 + 2,402 + "
    "2,706 + 1,502 + 1,514 + 1,397 + 1,275 + 1,418 + 1,127 = 31,339"
)
RECONCILED_31339 = (
    "Hankyung (Yonhap) (2018-01-05) reported 31,339: the series of that day sums to 31,339",
    "Youth Daily (2018-01-05) reported 31,339: the series of that day sums to 31,339",
)

# What a reader is shown for representative claims: the reason, the arithmetic with
# the numbers filled in, the band the wording allows, and the value itself.
WORKING = [
    (
        "arrivals-2017",
        "article",
        "the data give 1,127; the article says 1,127",
        ("total, 2017 = 1,127; the article: 1,127 → within the wording",),
        "“1,127” → exactly 1,127",
        1127,
    ),
    (
        "women-share-2017",
        "article",
        "the data give 83.2%; the article says 83%",
        ("938 / 1,127 = 83.2%; the article: 83% → within the wording",),
        "“83%” → 82.5% to under 83.5%",
        pytest.approx(100 * 938 / 1127),
    ),
    (
        "men-2017",
        "latest",
        "189 as published on the article's date, revised since to 188",
        (
            "men, 2017 = 188; the article: 189 → outside the wording",
            "as published on the article's date: men, 2017 = 189",
        ),
        "“189” → exactly 189",
        (188, 189),
    ),
    (
        "cumulative-total-2017",
        "article",
        "the data give 31,339; the article says 31,339",
        (
            f"total, every period to 2017: {CUMULATIVE_TOTAL_2017}; the article: 31,339 → "
            "within the wording",
            *RECONCILED_31339,
        ),
        "“31,339” → exactly 31,339",
        (31339, ((31339, 31339), (31339, 31339))),
    ),
    (
        "fluctuated-but-low",
        "article",
        "2013–2016: 1,514, 1,397, 1,275, 1,418; 1 change of direction; highest 1,514 is "
        "below the lowest year of 2006–2011 (2,028)",
        (
            "year-on-year changes: −117, −122, +143 → 1 change of direction",
            "highest 2013–2016: 1,514; lowest 2006–2011: 2,028 (2006: 2,028, 2007: 2,554, "
            "2008: 2,803, 2009: 2,914, 2010: 2,402, 2011: 2,706)",
        ),
        "",
        ((1514, 1397, 1275, 1418), (2028, 2554, 2803, 2914, 2402, 2706)),
    ),
]


@pytest.mark.parametrize(("claim_id", "vintage", "reason", "arithmetic", "band", "value"), WORKING)
def test_claims_show_their_reason_working_and_band(
    outcomes: dict[tuple[str, str], claims.Outcome],
    claim_id: str,
    vintage: str,
    reason: str,
    arithmetic: tuple[str, ...],
    band: str,
    value: object,
) -> None:
    outcome = outcomes[(claim_id, vintage)]
    assert (outcome.reason, outcome.evidence.arithmetic, outcome.evidence.band) == (
        reason,
        arithmetic,
        band,
    )
    assert outcome.value == value


def test_a_claim_is_evaluated_by_id_with_its_data_s_own_registry(
    data: Data, inputs: claims.Inputs
) -> None:
    """The era's alternative definitions come from the registry evaluate loads."""
    by_id = claims.evaluate("lowest-since-kju-2017", "article", data)
    claim = inputs.registry.get("lowest-since-kju-2017")
    assert by_id == claims.evaluate_claim(claim, "article", inputs)


def test_the_scorecard_has_a_row_per_claim_with_each_vintage_s_result(data: Data) -> None:
    table = claims.scorecard(claims.results(data, ("article",))).set_index("id", drop=False)
    assert table.loc["arrivals-2017"].to_dict() == {
        "id": "arrivals-2017",
        "quote": "Only 1,127 North Koreans entered South Korea in 2017",
        "kind": "official_statistic",
        "stated": 1127,
        "notebook": "01_arrivals_under_kim_jong_un.ipynb",
        "computed_article": "1,127",
        "verdict_article": "reproduced_exactly",
        "reason_article": "the data give 1,127; the article says 1,127",
    }
    assert list(table["id"]) == [c.id for c in claims.inputs_for(data).registry.claims]


def test_the_scorecard_shows_the_outcomes_it_is_given(inputs: claims.Inputs) -> None:
    given = tuple(
        claims.Outcome(c.id, "latest", f"given {c.id}", Verdict.NOT_VERIFIABLE, "a reason")
        for c in inputs.registry.claims
    )
    table = claims.scorecard(claims.Results(inputs, ("latest",), given))
    assert list(table["computed_latest"]) == [f"given {c}" for c in table["id"]]


def test_the_scorecard_reads_the_data_it_is_pointed_at_as_it_now_stands(
    data_copy: Path, edit_csv: EDIT
) -> None:
    def fewer_than_2016() -> str:
        table = claims.scorecard(claims.results(load(data_copy), ("article",))).set_index("id")
        return str(table.loc["fewer-than-2016", "computed_article"])

    assert fewer_than_2016() == "291"
    edit_csv(data_copy / "arrivals.csv", ",302,1116,1418,", ",312,1116,1428,", "mou-table-2020-09")
    assert fewer_than_2016() == "301"


def test_an_unrecorded_vintage_is_evaluated_on_the_data_given(
    data_copy: Path, edit_csv: EDIT
) -> None:
    edit_csv(data_copy / "arrivals.csv", ",189,938,1127,", ",190,937,1127,", "hankyung-2018-01-05")
    found = claims.results(load(data_copy), ("2018-06-30",)).outcomes
    assert [(o.claim_id, o.vintage) for o in found] == [
        (c.id, "2018-06-30") for c in claims.inputs_for(load(data_copy)).registry.claims
    ]
    men = next(o for o in found if o.claim_id == "men-2017")
    assert (men.computed, men.verdict) == ("190", Verdict.CONTRADICTED)


def test_lowest_in_era_is_robust_to_the_era_definition(
    outcomes: dict[tuple[str, str], claims.Outcome],
) -> None:
    reason = outcomes[("lowest-since-kju-2017", "latest")].reason
    assert "era from 2011: holds" in reason and "era from 2012: holds" in reason
    assert "later years are lower still (2021: 63)" in reason


def test_the_era_definitions_contradict_each_other(
    outcomes: dict[tuple[str, str], claims.Outcome],
) -> None:
    assert outcomes[("era-start-consistency", "article")].verdict == Verdict.INTERNALLY_INCONSISTENT


def test_the_150_percent_rise_arithmetic(outcomes: dict[tuple[str, str], claims.Outcome]) -> None:
    outcome = outcomes[("arrests-rise-150", "article")]
    assert outcome.verdict == Verdict.NOT_VERIFIABLE
    assert outcome.computed == "needs 75–100 arrests by mid-January 2018; 20 reported (1 day)"
    assert "7.0–9.3 times last year's average (2.1–2.9/day)" in outcome.reason


def test_vast_majority_reports_its_threshold_sensitivity(
    outcomes: dict[tuple[str, str], claims.Outcome],
) -> None:
    reason = outcomes[("women-vast-majority", "article")].reason
    assert "at least 70%: holds" in reason and "at least 75%: fails" in reason
    assert "at least 66.7%: holds" in reason


def test_claims_before_the_figures_were_published_are_not_verifiable(
    outcomes: dict[tuple[str, str], claims.Outcome],
) -> None:
    outcome = outcomes[("arrivals-2017", "2017-12-31")]
    assert (outcome.verdict, outcome.computed, outcome.reason) == (
        Verdict.NOT_VERIFIABLE,
        "",
        "no figure for arrivals in 2017 among these figures",
    )
    assert outcome.evidence.arithmetic == ("total, 2017 = no figure",)
    assert outcome.evidence.band == "“1,127” → exactly 1,127"


def test_changing_one_figure_changes_exactly_the_dependent_verdicts(
    data_copy: Path, edit_csv: EDIT
) -> None:
    # MOU's 2016 figure in the 2020 table (the article's back-series) becomes 1,428.
    edit_csv(data_copy / "arrivals.csv", ",302,1116,1418,", ",312,1116,1428,", "mou-table-2020-09")
    data = load(data_copy)
    changed = set(claims.discrepancies(claims.inputs_for(data)))
    assert changed == {
        "arrivals-2016",
        "fewer-than-2016",
        "cumulative-total-2017",
    }
    outcome = claims.evaluate("fewer-than-2016", "article", data)
    assert (outcome.computed, outcome.verdict) == ("301", Verdict.CONTRADICTED)


def test_check_command_fails_naming_the_claim(data_copy: Path, edit_csv: EDIT) -> None:
    ok = run_cli("claims", "--check")
    assert ok.returncode == 0, ok.stderr
    edit_csv(data_copy / "arrivals.csv", ",189,938,1127,", ",190,937,1127,", "hankyung-2018-01-05")
    bad = run_cli("claims", "--check", data_dir=data_copy)
    assert bad.returncode == 1
    assert "claim check failed: men-2017 [article]" in bad.stderr
    assert "women-2017 [article]" in bad.stderr


def test_json_output_is_documented_and_complete(data: Data) -> None:
    doc = json.loads(render.as_json(claims.every_result(data, claims.VINTAGES)))
    assert set(doc) == {"articles", "vintages", "verdicts", "claims"}
    assert [a["id"] for a in doc["articles"]] == [a.id for a in data.articles]
    assert set(doc["articles"][0]) == {
        "id",
        "title",
        "publisher",
        "author",
        "url",
        "published",
        "vintage_date",
    }
    first = doc["claims"][0]
    assert set(first) == {
        "id",
        "article",
        "quote",
        "quantity",
        "kind",
        "stated",
        "precision",
        "check",
        "notebook",
        "anchor",
        "results",
    }
    result = first["results"]["article"]
    assert set(result) == {"computed", "computed_text", "verdict", "reason", "recorded", "evidence"}
    assert set(result["evidence"]) == {"figures", "arithmetic", "band", "revisions"}
    figure = result["evidence"]["figures"][0]
    assert set(figure) == {"label", "value", "file", "line", "column", "source", "vintage", "note"}
    assert set(figure["source"]) == {"id", "publisher", "title", "published", "url", "dated"}
    documented = (render.__doc__ or "") + readme.README.read_text(encoding="utf-8")
    for key in (
        "computed",
        "computed_text",
        "verdict",
        "reason",
        "recorded",
        "evidence",
        "arithmetic",
        "band",
        "revisions",
        "reproduced_as_published_then",
        "vintage_date",
    ):
        assert key in documented, key


def test_json_names_each_claim_s_article_and_evaluates_then_on_its_date(
    data: Data, data_copy: Path
) -> None:
    """Every claim names its article; its "article" vintage is that article's date: the
    same claim registered for a later article gets that later day's figures."""
    doc = json.loads(render.as_json(claims.every_result(data)))
    ids = {a["id"] for a in doc["articles"]}
    assert all(c["article"] in ids for c in doc["claims"])
    later = CLAIM_FOR_A_LATER_ARTICLE
    add_article(data_copy, "later", "2021-02-01", "Women were 83% of 2017's arrivals.", later)
    every = {r.article.id: r for r in claims.every_result(load(data_copy))}
    then_dailynk = every["dailynk-2018-01"].outcome("men-2017", "article")
    then_later = every["later"].outcome("later-men-2017", "article")
    assert (then_dailynk.computed, then_later.computed) == ("189", "188")
    assert then_later.verdict == Verdict.CONTRADICTED


def test_json_lists_evidence_for_every_claim_and_vintage(data: Data) -> None:
    """Every official or arithmetic claim names figures with a URL and a data line (but
    where the only figure is the article's own); anecdotes with figures carry the
    article's own, from data/border_arrests.csv."""
    doc = json.loads(render.as_json(claims.every_result(data, claims.VINTAGES)))
    for claim in doc["claims"]:
        for vintage, result in claim["results"].items():
            figures = result["evidence"]["figures"]
            where = f"{claim['id']} [{vintage}]"
            if claim["kind"] != "source_reported" and "sole source" not in result["reason"]:
                assert figures, where
            for figure in figures:
                assert figure["source"]["url"].startswith(("https://", "http://")), where
                assert figure["file"].startswith("data/") and figure["line"] > 1, where
    rise = next(c for c in doc["claims"] if c["id"] == "arrests-rise-150")
    figures = rise["results"]["article"]["evidence"]["figures"]
    assert {f["file"] for f in figures} == {"data/border_arrests.csv"}
    assert rise["stated"] is None, "the anecdote's figures live in border_arrests.csv only"
    assert 150 in {f["value"] for f in figures}


def test_the_women_share_shows_its_arithmetic_band_and_source(
    outcomes: dict[tuple[str, str], claims.Outcome],
) -> None:
    outcome = outcomes[("women-share-2017", "article")]
    assert outcome.evidence.arithmetic[0].startswith("938 / 1,127 = 83.2%")
    assert outcome.evidence.band == "“83%” → 82.5% to under 83.5%"
    [women, total] = outcome.evidence.figures
    assert (women.label, women.value, women.file, women.column) == (
        "women, 2017",
        938,
        "data/arrivals.csv",
        "women",
    )
    assert women.source.id == "hankyung-2018-01-05" and women.source.published == "2018-01-05"
    assert total.value == 1127


def test_the_2017_revision_trail_shows_both_splits(
    outcomes: dict[tuple[str, str], claims.Outcome],
) -> None:
    outcome = outcomes[("men-2017", "latest")]
    trail = [(f.value, f.source.id, f.source.published) for f in outcome.evidence.revisions]
    assert trail[0] == (189, "hankyung-2018-01-05", "2018-01-05")
    assert (
        188,
        "mou-table-2020-09",
        "2020-10-01/2021-01-19",
    ) in trail  # dated by what it holds: after its figures end, before 2020's total
    assert outcomes[("arrivals-2017", "latest")].evidence.revisions == ()


def test_the_registry_names_each_check_by_its_module_and_function(data: Data) -> None:
    from analysis.claims import checks

    for claim in (c for r in claims.load_registries(data) for c in r.claims):
        module, function = claim.check.split(".")
        check = checks.CHECKS[claim.check]
        assert check.function.__name__ == function
        assert check.function.__module__ == f"analysis.claims.checks.{module}"


CLAIMREVIEW_REQUIRED = {
    "@context",
    "@type",
    "url",
    "claimReviewed",
    "author",
    "datePublished",
    "reviewRating",
    "itemReviewed",
}


def test_claimreview_export_has_the_required_fields(data: Data) -> None:
    every = claims.every_result(data, ("latest",))
    reviews = json.loads(claimreview.as_json_ld(every))
    assert len(reviews) == sum(len(r.registry.claims) for r in every)
    for review in reviews:
        assert set(review) >= CLAIMREVIEW_REQUIRED
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        if "ratingValue" in rating:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["appearance"]["url"].startswith(
            ("https://", "http://")
        )
        assert item["author"]["name"] and item["appearance"]["publisher"]["name"]
        assert review["url"].startswith(("notebooks/", "data/articles/"))
        assert (paths.ROOT / review["url"].split("#")[0]).is_file()
    by_article = {r["itemReviewed"]["appearance"]["headline"] for r in reviews}
    assert len(by_article) == len(every)  # each attributed to its own article


def test_readme_claims_table_is_up_to_date(data: Data) -> None:
    stale = readme.stale(claims.every_result(data))
    assert not stale, "README.md is out of date: run `python -m analysis readme`"


def test_claimreview_links_can_point_at_a_published_copy(data: Data) -> None:
    results = claims.results(data, ("article",))
    reviews = claimreview.claim_reviews([results], base_url="https://example.org/repo/")
    assert (
        reviews[0]["url"]
        == "https://example.org/repo/notebooks/03_border_arrests.ipynb#families-arrested-new-year"
    )
    assert all(
        link.startswith("https://example.org/repo/data/") for link in reviews[0]["isBasedOn"]
    )


def test_a_cumulative_claim_before_its_year_was_published_is_not_verifiable(
    outcomes: dict[tuple[str, str], claims.Outcome],
) -> None:
    outcome = outcomes[("cumulative-total-2017", "2017-06-01")]
    assert (outcome.verdict, outcome.computed, outcome.reason) == (
        Verdict.NOT_VERIFIABLE,
        "",
        "no figure for 2017 had been published by then",
    )


def test_cumulative_claims_reconcile_mou_s_reported_totals(
    outcomes: dict[tuple[str, str], claims.Outcome],
) -> None:
    outcome = outcomes[("cumulative-women-2017", "latest")]
    reported = [f for f in outcome.evidence.figures if f.file == "data/cumulative.csv"]
    assert {f.source.id for f in reported} == {"hankyung-2018-01-05", "youthdaily-2018-01-05"}
    assert any(
        "reported 22,345: the series of that day sums to 22,345" in line
        for line in outcome.evidence.arithmetic
    )


def test_an_unrecorded_disagreement_with_a_reported_total_is_an_error(
    data_copy: Path, edit_csv: EDIT
) -> None:
    edit_csv(data_copy / "cumulative.csv", ",22345,31339,", ",22345,31340,", "hankyung-2018-01-05")
    outcome = claims.evaluate("cumulative-total-2017", "article", load(data_copy))
    assert outcome.verdict == Verdict.REPRODUCED_EXACTLY  # the sum still matches the article
    assert outcome.problems == (
        "data/cumulative.csv, line 28, column 'total': reported total 31,340 disagrees with the "
        "sum of the series as it stood on 2018-01-05 (31,339), and data/source_issues.csv "
        "records no issue for it",
    )
    assert outcome.evidence.arithmetic[1:] == (
        "Hankyung (Yonhap) (2018-01-05) reported 31,340, the series of that day sums to 31,339: "
        "UNRECONCILED",
        RECONCILED_31339[1],
    )
    assert outcome.value == (31339, ((31340, 31339), (31339, 31339)))
    result = run_cli("claims", "--check", data_dir=data_copy)
    assert result.returncode == 1
    assert "cumulative-total-2017 [article]: data/cumulative.csv, line 28" in result.stderr
    assert "data/source_issues.csv records no issue" in result.stderr


def test_a_recorded_source_issue_explains_a_reported_total(data_copy: Path, edit_csv: EDIT) -> None:
    edit_csv(data_copy / "cumulative.csv", ",22345,31339,", ",22345,31340,", "hankyung-2018-01-05")
    with (data_copy / "source_issues.csv").open("a", encoding="utf-8") as issues:
        issues.write(
            "hankyung-cumulative-2017,hankyung-2018-01-05,cumulative,2017-12-31,total,"
            "31340,31339,typo,A test's typo.\n"
        )
    outcome = claims.evaluate("cumulative-total-2017", "article", load(data_copy))
    assert outcome.problems == ()
    assert outcome.evidence.arithmetic[1] == (
        "Hankyung (Yonhap) (2018-01-05) reported 31,340, the series of that day sums to 31,339: "
        "a recorded source issue (hankyung-cumulative-2017)"
    )


def test_results_find_each_claims_outcome_by_claim_and_vintage(data: Data) -> None:
    results = claims.results(data)
    for outcome in results.outcomes:
        assert results.outcome(outcome.claim_id, outcome.vintage) is outcome
    assert {o.vintage for o in results.outcomes} == set(claims.VINTAGES)
    with pytest.raises(KeyError, match="no outcome for 'arrivals-2017' on '2019-01-01'"):
        results.outcome("arrivals-2017", "2019-01-01")
    with pytest.raises(KeyError, match="no outcome for 'no-such-claim' on 'latest'"):
        results.outcome("no-such-claim", "latest")


def test_an_article_is_chosen_by_id_and_the_deep_dive_by_its_notebooks(data_copy: Path) -> None:
    """An article dated before the deep dive comes first among the articles; the default
    is still the deep dive (the one whose registry declares the notebooks)."""
    claim = value_claim("early-2016", "Arrivals were 1,418 in 2016.", 1418, "2016")
    add_article(data_copy, "early-2017", "2017-02-01", "Arrivals were 1,418 in 2016.", claim)
    data = load(data_copy)
    ids = [a.id for a in data.articles]
    assert ids[0] == "early-2017"
    assert claims.inputs_for(data).article.id == "dailynk-2018-01"
    assert claims.inputs_for(data, "early-2017").article.id == "early-2017"
    assert claims.inputs_for(data, "kbs-2020-01").article.id == "kbs-2020-01"
    with pytest.raises(KeyError) as unknown:
        claims.inputs_for(data, "nope")
    assert unknown.value.args == (f"no article 'nope'; articles: {', '.join(ids)}",)
    with pytest.raises(KeyError) as no_claim:
        claims.evaluate("no-such-claim", "latest", data)
    assert no_claim.value.args == ("no claim 'no-such-claim' in any article's registry",)
    assert claims.results(data, article_id="early-2017").outcomes[0].claim_id == "early-2016"
    assert claims.discrepancies(claims.inputs_for(data, "early-2017")) == {
        "early-2016": [
            "[article]: not yet recorded, computed contradicted (the data give 1,417, not 1,418)",
            "[latest]: not yet recorded, computed reproduced_exactly (the data give 1,418; the "
            "article says 1,418)",
        ]
    }
    latest_only = claims.every_result(data, ("latest",))
    assert {o.vintage for r in latest_only for o in r.outcomes} == {"latest"}


def test_a_total_to_a_day_waits_for_that_years_part(data: Data) -> None:
    """31,827 to 30 June 2018 needs January to June 2018 (NK News, 13 July 2018): not
    verifiable on 1 July, reproduced on 1 August, before any figure for all of 2018."""
    inputs = claims.inputs_for(data)
    total = inputs.registry.get("cumulative-total-2017")
    to_june = replace(total, stated=31827, args={**total.args, "through": "2018-06-30"})
    july, august = (
        claims.evaluate_claim(to_june, day, inputs) for day in ("2018-07-01", "2018-08-01")
    )
    assert july.verdict == Verdict.NOT_VERIFIABLE
    assert july.reason.startswith("no figure for 2018-01-01/2018-06-30 had been published")
    assert august.verdict == Verdict.REPRODUCED_EXACTLY
    assert august.evidence.arithmetic[0].endswith(
        "+ 1,127 + 488 = 31,827; the article: 31,827 → within the wording"
    )


OWN_GAP = """[[claim]]
id = "own-gap"
quote = "200 more arrived in January and February 2019 than in the first quarter of 2021."
quantity = "a difference"
kind = "official_statistic"
stated = 200
precision = "exact"
check = "figures.difference"
args = { minuend = "2019-01/2019-02", subtrahend = "2021-01/2021-03", field = "total" }
"""


def test_a_figure_only_the_article_gives_is_named_as_such_once_it_is_out(data_copy: Path) -> None:
    """An article of 15 March 2019 (its figures as of 10 March) is the only source for
    January and February 2019: from its publication, the claim says its sole source is
    the article itself, whatever else it lacks (the first quarter of 2021, reported
    that October); before, and on the article's own date, it says nothing of it."""
    folder = add_article(data_copy, "own-2019", "2019-03-15", OWN_GAP.split('"')[3], OWN_GAP)
    article = folder / "article.toml"
    article.write_text(
        article.read_text(encoding="utf-8").replace("= 2019-03-15", "= 2019-03-10"),
        encoding="utf-8",
    )
    with (data_copy / "arrivals.csv").open("a", encoding="utf-8") as arrivals:
        arrivals.write(
            '2019-01-01,2019-02-28,,,200,own-2019,report,"200 in January and February"\n'
        )
    inputs = claims.inputs_for(load(data_copy), "own-2019")
    claim = inputs.registry.get("own-gap")
    note = "; sole source by then: the article itself, which cannot confirm its own figure"
    said = {
        vintage: claims.evaluate_claim(claim, vintage, inputs).reason.endswith(note)
        for vintage in ("article", "2019-03-01", "2019-06-01", "latest")
    }
    assert said == {"article": False, "2019-03-01": False, "2019-06-01": True, "latest": True}


def test_without_notebooks_the_default_article_is_the_first(minimal_data: Path) -> None:
    """No registry declares a notebook: the default article is the first one."""
    path = minimal_data / "articles" / "the-article" / "claims.toml"
    text = path.read_text(encoding="utf-8")
    table = text[text.index("[notebook.") : text.index("[[claim]]")]
    text = text.replace(table, "").replace('notebook = "01_arrivals_under_kim_jong_un.ipynb"\n', "")
    path.write_text(text, encoding="utf-8")
    data = load(minimal_data)
    assert claims.inputs_for(data).article.id == data.articles[0].id == "the-article"

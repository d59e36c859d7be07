"""Previewing a correction: on data whose verdicts differ from the recorded ones, the
report says so on every page and on each changed claim, without a build failing."""

from dataclasses import replace
from pathlib import Path

from analysis import claims
from analysis.load.datasets import Data, load
from analysis.site import preview, report


def _restated(data_copy: Path) -> list[preview.Change]:
    """The deep dive's 1,127 for 2017 read as 1,128 in a copy of the registry."""
    path = data_copy / "articles" / "dailynk-2018-01" / "claims.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("stated = 1127\n", "stated = 1128\n", 1), encoding="utf-8")
    return preview.changes(claims.every_result(load(data_copy)))


def test_nothing_to_preview_on_the_recorded_data(data: Data) -> None:
    every = claims.every_result(data)
    assert preview.changes(every) == [] and preview.banner([]) == ""


def test_each_changed_verdict_is_listed_with_was_now_and_why(data_copy: Path) -> None:
    found = _restated(data_copy)
    assert [(c.claim.id, c.vintage) for c in found] == [
        ("arrivals-2017", "article"),
        ("arrivals-2017", "latest"),
    ]
    assert found[0].words == "was reproduced exactly, now contradicted"
    shown = preview.banner(found)
    assert "2 verdicts differ from the recorded ones" in shown
    assert "the data give 1,127, not 1,128" in shown
    assert "python -m analysis claims --record" in shown


def test_the_banner_escapes_what_it_quotes(data_copy: Path) -> None:
    change = _restated(data_copy)[0]
    hostile = replace(change, claim=replace(change.claim, quote="<script>x</script>"), recorded="")
    shown = preview.banner([hostile])
    assert "“&lt;script&gt;x&lt;/script&gt;”" in shown and "<script>" not in shown
    assert "was not yet recorded, now contradicted" in shown


def test_a_changed_claim_is_marked_on_its_article_page(data_copy: Path) -> None:
    _restated(data_copy)
    results = claims.results(load(data_copy))
    page = report.article_markdown(results)
    marked = page.split('id="arrivals-2017"')[1].split('<h3 class="claim-quote"')[0]
    # the card is the notebooks' (raw HTML in the MyST page, escaped by its template)
    assert "<p><strong>Changed since the verdicts were recorded" in marked
    assert "<li>article: was reproduced exactly, now contradicted</li>" in marked
    assert page.count("Changed since the verdicts were recorded") == 1

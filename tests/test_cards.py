"""A claim's card (analysis.show.claimview), as the notebooks and the article pages
show it: verdicts in words, the deciding figure and one linked source up front, the
work folded below; a note the work's rows share said once; source ids in words; every
string escaped."""

import re
from dataclasses import replace

import pytest
from markupsafe import escape

from analysis import claims
from analysis.formatting import typeset
from analysis.load.datasets import Data
from analysis.show.claimview import ClaimView
from analysis.show.sourcenames import SourceNames
from analysis.site import articles


@pytest.fixture(scope="module")
def cards(data: Data) -> dict[str, ClaimView]:
    """The deep dive's claims as their cards, by claim id."""
    return {card.claim.id: card for card in articles.cards(claims.results(data))}


def _up_front(html: str) -> str:
    """What the card shows before its folded work."""
    return html[: html.index("<details")]


def test_a_card_leads_with_verdicts_figure_and_source_and_folds_the_work(
    cards: dict[str, ClaimView],
) -> None:
    card = cards["men-2017"]
    html = card._repr_html_()
    front = _up_front(html)
    assert "Now: <span" in front and "Reproduced only with the figures published then" in front
    assert "Reproduced exactly" in front  # the article's date, in words, up front too
    assert "Deciding figure: <strong>188 now, 189 on 7 January 2018</strong>" in front
    assert len(re.findall(r"<a href=", front)) == 1  # one source, linked
    assert "<table" not in front and "data/arrivals.csv" not in front  # the work is folded
    assert card.claim.quote not in html  # the quote is the section's heading, not repeated
    assert '<details class="claim-work"><summary>Why: 2 figures, the arithmetic' in html
    assert "<details open" not in html
    # each vintage's reason opens the fold, under its own heading, and is not up front
    for result, heading in zip(card.whys, ("Now", card.then.heading), strict=True):
        reason = escape(typeset(card.names(result.reason)))
        assert reason not in front
        assert (
            f'<p class="claim-why"><strong>{escape(typeset(heading))}:</strong> {reason}.</p>'
            in html
        )
    # both vintages give the same verdict: said once, under a heading naming both
    same = cards["arrivals-2017"]
    shown = same._repr_html_()
    assert _up_front(shown).count('<span class="verdict') == 1
    assert "<strong>Now and on 7 January 2018: <span" in shown
    assert shown.count('class="claim-why"') == 1
    assert (
        f"<strong>Now and on 7 January 2018:</strong> {escape(typeset(same.now.reason))}." in shown
    )


def test_the_same_verdict_on_other_figures_gives_both_reasons(
    cards: dict[str, ClaimView],
) -> None:
    """83% holds within rounding on both dates, but of 83.2% then and 83.3% now: the
    verdict is said once, the figure and the reason of each date each."""
    card = cards["women-share-2017"]
    html = card._repr_html_()
    assert card.same and not card.same_reason
    assert "<strong>Now and on 7 January 2018: <span" in _up_front(html)
    assert "Deciding figure: <strong>83.3% now, 83.2% on 7 January 2018</strong>" in html
    assert [r.heading for r in card.whys] == ["Now", card.then.heading]
    assert html.count('class="claim-why"') == 2 and "83.2%" in card.whys[1].reason


def test_a_card_without_a_figure_leads_with_its_reason_and_folds_nothing(
    cards: dict[str, ClaimView],
) -> None:
    """With no figure there is no deciding number: the reason says why, up front, and
    there is no empty fold to open."""
    card = cards["hyesan-family-arrested"]
    assert not card.now.outcome.evidence.figures and not card.then.outcome.evidence.figures
    html = card._repr_html_()
    assert card.deciding == "" and card.work_summary == ""
    assert "<details" not in html and "Deciding figure" not in html
    assert f"</span>.</strong> {escape(typeset(card.now.reason))}.</p>" in html
    assert "'" not in re.sub(r"<[^>]+>", "", html).replace("&#39;", "'")  # apostrophes set
    assert "no figure" in repr(card)


def test_the_source_up_front_is_not_the_article_where_another_gives_a_figure(
    cards: dict[str, ClaimView], data: Data
) -> None:
    """ "The lowest since 2012" rests on the article's own era year and on MOU's series:
    the source named up front is MOU's; a sum of the article's own figures names the
    article; an anecdote's figures are shown, not called deciding."""
    own = claims.results(data).article.own_sources
    lowest = cards["lowest-since-kju-2017"]
    assert lowest.now.outcome.evidence.figures[0].source.id in own
    assert lowest.source is not None and lowest.source.id not in own
    assert f'<a href="{escape(lowest.source.url)}">' in _up_front(lowest._repr_html_())
    sums = cards["split-sums-2017"]
    assert sums.source is not None and sums.source.id in own
    assert "Deciding figure: <strong>" in sums._repr_html_()
    # 22,346 is a sum of MOU's yearly figures, set against the total a newspaper reported
    summed = cards["cumulative-women-2017"]
    ids = [f.source.id for f in summed.now.outcome.evidence.figures]
    assert summed.source is not None and summed.source.id != ids[0]
    assert ids.count(summed.source.id) == max(ids.count(i) for i in ids)
    anecdote = cards["twenty-on-new-years-day"]._repr_html_()
    assert "The figures: <strong>" in anecdote and "Deciding figure" not in anecdote


def test_an_article_page_groups_its_cards_by_verdict_holds_first(
    cards: dict[str, ClaimView],
) -> None:
    """A phone shows the article's thirty claims as a few lines, one per verdict, each
    counted in words and opening onto its cards in registry order."""
    every = list(cards.values())
    groups = articles.groups(every)
    assert [c for g in groups for c in g.cards] != every  # regrouped, and yet
    assert sorted(c.claim.id for g in groups for c in g.cards) == sorted(cards)
    assert groups[0].heading == f"{len(groups[0].cards)} claims hold"
    assert all(c.now.outcome.verdict in claims.HOLDS for c in groups[0].cards)
    for group in groups[1:]:
        verdicts = {c.now.outcome.verdict for c in group.cards}
        assert len(verdicts) == 1 and not verdicts & set(claims.HOLDS)
        words = claims.words(verdicts.pop())
        n = len(group.cards)
        assert group.heading == f"{n} claim{'s' if n > 1 else ''} {words.said(n)}"
    for group in groups:
        order = [every.index(c) for c in group.cards]
        assert order == sorted(order)
    assert [g.heading for g in groups] == [
        "18 claims hold",
        "3 claims hold only as published then",
        "1 claim is internally inconsistent",
        "8 claims cannot be verified",
    ]


def test_a_note_the_rows_share_is_written_once_under_the_table(
    cards: dict[str, ClaimView],
) -> None:
    """The cumulative share sums every year: the rows inferred from, or split by, one
    later table share that note, said once and numbered, not once a row."""
    card = cards["cumulative-women-share-2017"]
    html = card._repr_html_()
    work = card.work[0]
    later = "Ministry of Unification (South Korea), figures to September 2020"
    text = html.lower()  # a note opens with a capital
    assert text.count(f"inferred from {later}".lower()) == 1
    assert text.count(f"split from {later}".lower()) == 1
    marks = [n for row in work.rows for n in row.notes]
    for number, note in enumerate(work.notes, start=1):
        assert html.count(f"Note {number}: {escape(note[:1].upper() + note[1:])}.") == 1
        assert marks.count(number) > 1  # a note is numbered only when rows share it
    later_rows = [n for n, note in enumerate(work.notes, start=1) if later in note]
    assert len(later_rows) == 2 and sum(marks.count(n) for n in later_rows) > 20
    assert all(part not in row.own for row in work.rows for part in work.notes)


def test_source_ids_read_as_publisher_and_date(data: Data) -> None:
    sources = claims.inputs_for(data).sources
    names = SourceNames(sources, data.source_issues)
    assert names("inferred from mou-table-2020-09, published later") == (
        f"inferred from {sources['mou-table-2020-09'].publisher}, "
        f"{sources['mou-table-2020-09'].dated}, published later"
    )
    # whole ids only: a longer word or a path that contains one is left alone
    kept = "mou-table-2020-09x, data/mou-table-2020-09.csv and mou-table-2020-09/x"
    assert names(kept) == kept
    assert names("see hankyung-2018-01-05.") == "see Hankyung (Yonhap), 2018-01-05."
    for card in articles.cards(claims.results(data)):
        html = card._repr_html_()
        assert not re.search(r"\(hankyung-2018-01-05\)|inferred from mou-table", html)


def test_source_issue_ids_read_as_kind_file_and_line(data: Data) -> None:
    """An issue id in a reason or the work reads as its kind and where it is recorded;
    the id itself (a registry-like key) never reaches a reader."""
    issues = data.source_issues.set_index("issue_id")
    names = SourceNames(claims.inputs_for(data).sources, data.source_issues)
    line, kind = (str(issues.loc["nknews-cumulative-2018", c]) for c in ("line", "kind"))
    assert kind == "inconsistent"
    assert names("a recorded source issue (nknews-cumulative-2018)") == (
        f"a recorded source issue (data/source_issues.csv line {line}, {kind})"
    )
    for card in articles.cards(claims.results(data)):
        text = re.sub(r"<[^>]+>", " ", card._repr_html_())  # what a reader sees
        assert not any(issue in text for issue in issues.index), card.claim.id


def test_every_string_of_a_card_is_escaped(cards: dict[str, ClaimView], data: Data) -> None:
    """A publisher, a note, a reason or a change that holds markup shows as text."""
    hostile = "<script>alert(1)</script>"
    card = cards["cumulative-women-share-2017"]
    figure = card.now.outcome.evidence.figures[0]
    source = replace(figure.source, id="evil-source", publisher=hostile)
    figures = (replace(figure, source=source, note=f"inferred from evil-source {hostile}"),)
    outcome = replace(
        card.now.outcome,
        reason=f"{hostile} (evil-source)",
        evidence=replace(card.now.outcome.evidence, figures=figures, arithmetic=(hostile,)),
    )
    now = replace(card.now, outcome=outcome)
    names = SourceNames({"evil-source": source}, data.source_issues)
    shown = replace(card, results=(card.then, now), names=names, changes=(hostile,))._repr_html_()
    assert "<script>" not in shown
    assert shown.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6


def test_apostrophes_are_set_as_sphinx_sets_the_prose_and_urls_are_left_alone(
    cards: dict[str, ClaimView],
) -> None:
    assert typeset("MOU's figures, the sources' dates, 'quoted'") == (
        "MOU\u2019s figures, the sources\u2019 dates, 'quoted'"
    )
    card = cards["men-2017"]
    figure = card.now.outcome.evidence.figures[0]
    source = replace(figure.source, publisher="MOU's table", url="https://example.org/it's")
    evidence = replace(card.now.outcome.evidence, figures=(replace(figure, source=source),))
    now = replace(card.now, outcome=replace(card.now.outcome, evidence=evidence))
    shown = replace(card, results=(card.then, now))._repr_html_()
    assert 'href="https://example.org/it&#39;s"' in shown and "MOU\u2019s table" in shown


def test_an_article_pages_folds_and_its_bottom_line_count_alike(
    cards: dict[str, ClaimView], data: Data
) -> None:
    """Each fold's heading ("3 claims hold only as published then") is a part of the
    bottom line ("3 hold only as published then"), in the same order."""
    line = articles.bottom_line(claims.results(data), named=False)
    said = [
        re.sub(r"^(\d+) claims? ", r"\1 ", g.heading) for g in articles.groups(list(cards.values()))
    ]
    assert [line.index(part) for part in said] == sorted(line.index(part) for part in said)

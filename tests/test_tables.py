"""The notebooks' tables for people (analysis.show.tables): the annual series folds
below a line that counts its years, and a column with nothing in it is left out."""

import pytest

from analysis.show import narrative, tables


@pytest.fixture(scope="module", autouse=True)
def session() -> None:
    narrative.setup()


def test_the_series_folds_below_a_line_counting_its_years() -> None:
    table = tables.series(2017)
    assert len(table.rows) == len(narrative.book().arrivals("latest").query("end.dt.year >= 2017"))
    assert table.fold == (
        f"The figures for {len(table.rows)} years, each with its source and the day it was "
        "published"
    )
    assert '<details class="fold"><summary>The ' in table._repr_html_()


def test_an_empty_evidence_column_is_left_out_and_a_filled_one_kept() -> None:
    """On the latest figures every year since 2017 was published by then, so no row
    needs evidence that it stood; on the article's date 2017 was inferred, and its row
    names the total it reconciles with."""
    latest = tables.series(2017)
    assert "Evidence it stood then" not in latest.headers
    assert len(latest.headers) == len(latest.rows[0])
    article = tables.series(2010, "article")
    assert article.headers[-1] == "Evidence it stood then"
    evidence = [row[-1].text for row in article.rows]
    assert any(evidence) and not all(evidence)


def test_the_claims_that_changed_fold_below_a_line_counting_them() -> None:
    table = tables.changed_since_article()
    assert table.fold == f"The {len(table.rows)} claims, then and now, as a table"


def test_days_are_kept_on_one_line_and_the_rest_escaped() -> None:
    """A date in a cell is one unbreakable span; text around it is still escaped."""
    from analysis.show import present

    shown = present.keep_days("<b>posted between 2020-10 and 2021-01-05</b>; not 12-2020 or 20210")
    assert shown == (
        '&lt;b&gt;posted between <span class="day">2020-10</span> and '
        '<span class="day">2021-01-05</span>&lt;/b&gt;; not 12-2020 or 20210'
    )


def test_the_source_issues_show_counts_with_separators_and_years_as_years() -> None:
    """Printed and reading figures are counts with separators, except where the issue is
    a mislabelled period (they are years then); a cumulative figure says so."""
    table = tables.source_issues()
    rows = [[c.text for c in row] for row in table.rows]
    figure, printed, reading = (table.headers.index(h) for h in ("Figure", "Printed", "Reading"))
    assert any(r[printed] == "16,124" for r in rows)
    period = next(r for r in rows if r[figure].startswith("period ending"))
    assert (period[printed], period[reading]) == ("2005", "2006")
    assert any(r[figure].startswith("cumulative total to ") for r in rows)
    assert any(r[figure] == "total, period ending 2022-12-31" for r in rows)

"""The charts on every screen: drawn wide for a desktop and tall for a phone, no title,
label or source line runs off its figure, phone text is large enough to read at
390 px, the alt text leads with the finding, and source lines name publishers."""

import re
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from analysis import claims, vintages
from analysis.load.datasets import Data
from analysis.show import charts, figures, plots


@pytest.fixture(scope="module")
def drawn(data: Data) -> dict[str, figures.Chart]:
    """The report's five charts, drawn from the project's data."""
    results = claims.results(data)
    book, eras = results.inputs.book, results.article.eras
    era = None if eras is None else eras.used
    labels = {v.value: w.short for v, w in claims.VERDICTS.items()}
    plots.use_house_style()
    return {
        "arrivals_article": plots.arrivals_chart(
            book.arrivals("article"), book.describe("article"), era
        ),
        "arrivals_latest": plots.arrivals_chart(
            book.arrivals("latest"), book.describe("latest"), era
        ),
        "women_share": charts.women_share_chart(
            book.arrivals("latest"), book.describe("latest"), era
        ),
        "revisions": charts.revisions_chart(vintages.revisions(book)),
        "scorecard": charts.scorecard_chart(claims.scorecard(results), labels),
    }


def _texts(figure: Figure) -> list[Text]:
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _overhang(figure: Figure) -> float:
    """How far (in pixels) anything drawn reaches beyond the figure's edges."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    figure.draw(renderer)
    box = figure.get_tightbbox(renderer).transformed(figure.dpi_scale_trans)
    edge = figure.bbox
    return max(edge.x0 - box.x0, edge.y0 - box.y0, box.x1 - edge.x1, box.y1 - edge.y1, 0.0)


def test_every_chart_has_a_phone_layout(drawn: dict[str, figures.Chart]) -> None:
    for name, chart in drawn.items():
        assert chart.phone is not None, name
        assert tuple(chart.figure.get_size_inches()) == figures.DESKTOP.size, name
        assert chart.phone.get_size_inches()[0] == figures.PHONE.size[0], name


@pytest.mark.parametrize("layout", ["desktop", "phone"])
def test_nothing_drawn_runs_off_the_figure(drawn: dict[str, figures.Chart], layout: str) -> None:
    """The title (the finding), tick labels, legends, annotations and the source line all
    lie inside the figure: none is cut off in the PNG or the SVG."""
    for name, chart in drawn.items():
        figure = chart.figure if layout == "desktop" else chart.phone
        assert figure is not None
        assert _overhang(figure) <= 0.5, f"{name} ({layout})"
        title = figure.get_suptitle().replace("\n", " ")
        assert title == chart.title, name


def test_a_long_title_is_wrapped_inside_the_figure() -> None:
    """A finding longer than any today wraps onto more lines instead of running off."""
    long = "From 2002 to 2025, women were the majority every year but " + ", ".join(
        str(y) for y in range(2003, 2020)
    )
    for layout in figures.LAYOUTS:
        with layout.style():
            figure, axes = figures.new_figure(layout)
            axes.plot([0, 1], [0, 1])
            figures.finish(figure, long, "Source: " + "a publisher " * 20, layout)
        assert figure.get_suptitle().count("\n") >= 1
        assert _overhang(figure) <= 0.5, layout.name


@pytest.mark.parametrize(
    ("layout", "column"),
    [(figures.PHONE, figures.PHONE_COLUMN_PX), (figures.DESKTOP, figures.DESKTOP_COLUMN_PX)],
    ids=["phone", "desktop"],
)
def test_chart_text_is_at_least_11_css_pixels_in_its_column(
    drawn: dict[str, figures.Chart], layout: figures.Layout, column: int
) -> None:
    """A figure is its layout's size[0] inches wide and shown `column` CSS pixels wide (the
    browser test measures that column): its smallest text, in CSS pixels."""
    px_per_point = column / (layout.size[0] * 72)
    assert layout.smallest * px_per_point >= figures.MIN_TEXT_PX
    for name, chart in drawn.items():
        shown = chart.phone if layout is figures.PHONE else chart.figure
        assert shown is not None
        sizes = [float(t.get_fontsize()) for t in _texts(shown)]
        assert min(sizes) >= layout.smallest, name


def test_alt_text_leads_with_the_finding_and_sources_name_publishers(
    drawn: dict[str, figures.Chart],
) -> None:
    for name, chart in drawn.items():
        assert chart.alt.startswith(chart.title + ". "), name
        assert not re.search(r"\.(png|svg|csv|toml)\b|data/|_images", chart.alt), name
        for figure in (chart.figure, chart.phone):
            assert figure is not None
            text = " ".join(t.get_text() for t in _texts(figure))
            assert "Source:" in text, name
            assert not re.search(r"data/|\.csv|\.toml|analysis\.", text), f"{name}: {text}"
            assert "Ministry of Unification" in text, name


def test_a_chart_shows_itself_in_a_notebook_as_a_picture(drawn: dict[str, figures.Chart]) -> None:
    """Jupyter gets HTML serving the phone PNG on a narrow screen, with the alt text
    escaped, and the desktop PNG for viewers without HTML."""
    chart = drawn["women_share"]
    bundle = chart._repr_mimebundle_()
    page = bundle["text/html"]
    assert page.startswith('<figure class="chart"><picture><source media="(max-width: 640px)" ')
    assert page.count("data:image/png;base64,") == 2
    assert 'alt="From 2002 to 2025, women were the majority every year but 2021 and 2022. ' in page
    assert "women&#x27;s share" in page  # the alt text is escaped
    assert bundle["image/png"] and bundle["text/plain"] == chart.title


def test_save_chart_writes_both_layouts(drawn: dict[str, figures.Chart], tmp_path: Path) -> None:
    written = figures.save_chart(drawn["scorecard"], "scorecard", tmp_path)
    assert sorted(p.name for p in written) == [
        "scorecard-phone.png",
        "scorecard-phone.svg",
        "scorecard.csv",
        "scorecard.png",
        "scorecard.svg",
    ]


def test_the_border_title_names_the_years_of_its_highest_and_lowest_counts() -> None:
    """Each count in the finding says which year it is."""
    years = pd.DataFrame({"year": [2018, 2019, 2020, 2021, 2022], "total": [900, 800, 229, 63, 67]})
    assert plots.arrivals_title(years) == (
        f"Since the border closed in {plots.BORDER_CLOSED}, at most 229 a year (2020), "
        "as few as 63 (2021)"
    )

"""Plotting helpers with one house style.

Every helper returns a matplotlib Figure that is not registered with pyplot (so
nothing leaks between cells or calls) and labels its source and vintage on the
figure itself. Colours are paired with hatching and grey levels that survive
greyscale printing. `save` writes PNG and SVG with deterministic bytes.
"""

from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.claims import Verdict, load_registry

# Dark and light tones of one hue read apart in colour and in greyscale.
MEN, WOMEN = "#1f3b5a", "#9ec3e6"
LINE, SECOND = "#1f3b5a", "#b35806"
BORDER_CLOSED = 2020  # North Korea sealed its border in January 2020 (COVID-19).
SIZE = (8.0, 4.5)


def use_house_style() -> None:
    """Apply the project's style: seaborn's white grid, one font, fixed SVG ids."""
    sns.set_theme(context="notebook", style="whitegrid", font="DejaVu Sans")
    mpl.rcParams.update(
        {
            "svg.hashsalt": "defector-claims",
            "svg.fonttype": "none",
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            "axes.titlelocation": "left",
        }
    )
    _show_figures_inline()


def _show_figures_inline() -> None:
    """In a notebook, display returned Figures as PNG (compared by nbval as images, not text)."""
    try:
        from IPython import get_ipython
        from IPython.core.pylabtools import select_figure_formats
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        # Layouts are constrained already: no second, "tight" drawing pass.
        select_figure_formats(shell, {"png"}, bbox_inches=None)


def _figure(left: float = 0.11, bottom: float = 0.16) -> tuple[Figure, "mpl.axes.Axes"]:
    """A figure with fixed margins: as tidy as a constrained layout here, and faster to draw."""
    figure = Figure(figsize=SIZE)
    figure.subplots_adjust(left=left, right=0.97, top=0.91, bottom=bottom)
    return figure, figure.add_subplot()


def _source_note(figure: Figure, text: str) -> None:
    figure.text(0.01, 0.015, text, ha="left", va="bottom", fontsize=8, color="#444444")


def _years(series: pd.DataFrame) -> pd.DataFrame:
    years = series[series["start"].notna() & (series["start"].dt.year == series["end"].dt.year)]
    return years.assign(year=years["end"].dt.year)


def _shade(
    axes: "mpl.axes.Axes", start: int, last: int, label: str, height: float, **style: Any
) -> None:
    axes.axvspan(start - 0.5, last + 0.5, zorder=0, **style)
    axes.text(
        start - 0.4, height, label, transform=axes.get_xaxis_transform(), fontsize=8, va="top"
    )


def _shade_eras(axes: "mpl.axes.Axes", first: int, last: int) -> None:
    """Shade Kim Jong Un's era (as the registry dates it) and the border closure."""
    era = load_registry().era_start
    if first < era <= last:
        _shade(axes, era, last, f"Kim Jong Un era (from {era})", 0.97, color="#eeeeee")
    if first <= BORDER_CLOSED <= last:
        label = f"border closed ({BORDER_CLOSED})"
        _shade(
            axes,
            BORDER_CLOSED,
            last,
            label,
            0.88,
            facecolor="none",
            hatch="..",
            edgecolor="#bbbbbb",
            linewidth=0,
        )


def arrivals_by_sex(series: pd.DataFrame, vintage: str, first_year: int = 2002) -> Figure:
    """Arrivals per calendar year, stacked by sex, with eras and the 2020 closure shaded."""
    years = _years(series)
    years = years[years["year"] >= first_year]
    figure, axes = _figure()
    split = years["men"].notna()
    axes.bar(
        years.loc[split, "year"], years.loc[split, "women"], color=WOMEN, label="women", zorder=2
    )
    axes.bar(
        years.loc[split, "year"],
        years.loc[split, "men"],
        bottom=years.loc[split, "women"],
        color=MEN,
        hatch="//",
        edgecolor="white",
        label="men",
        zorder=2,
    )
    if (~split).any():
        axes.bar(
            years.loc[~split, "year"],
            years.loc[~split, "total"],
            color="#999999",
            label="no split by sex",
            zorder=2,
        )
    _shade_eras(axes, int(years["year"].min()), int(years["year"].max()))
    axes.set(title="North Koreans arriving in South Korea per year", ylabel="arrivals", xlabel="")
    axes.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter("{x:,.0f}"))
    axes.legend(loc="upper left", frameon=True)
    _source_note(
        figure, f"Source: South Korea's Ministry of Unification (MOU). Figures: {vintage}."
    )
    return figure


def women_share(series: pd.DataFrame, vintage: str, first_year: int = 2002) -> Figure:
    """Women's share of each year's arrivals."""
    years = _years(series).dropna(subset=["women"])
    years = years[years["year"] >= first_year]
    share = 100 * years["women"] / years["total"]
    figure, axes = _figure()
    axes.plot(years["year"], share, color=LINE, marker="o", zorder=3)
    _shade_eras(axes, int(years["year"].min()), int(years["year"].max()))
    axes.axhline(50, color="#777777", linestyle="--", linewidth=1)
    axes.set(title="Women's share of arrivals", ylabel="women, % of arrivals", ylim=(0, 100))
    _source_note(figure, f"Source: MOU. Figures: {vintage}. Dashed line: half.")
    return figure


def revisions(first: pd.DataFrame, latest: pd.DataFrame, first_year: int = 2002) -> Figure:
    """Each year's total as first reported beside the latest figure, with the change."""
    merged = _years(first)[["year", "total"]].merge(
        _years(latest)[["year", "total"]], on="year", suffixes=("_first", "_latest")
    )
    merged = merged[merged["year"] >= first_year]
    change = merged["total_latest"] - merged["total_first"]
    figure, axes = _figure()
    axes.bar(merged["year"], change, color=[SECOND if c < 0 else LINE for c in change], zorder=2)
    for year, value in zip(merged["year"], change, strict=True):
        if value:
            axes.annotate(
                f"{value:+d}",
                (year, value),
                ha="center",
                va="bottom" if value > 0 else "top",
                fontsize=8,
                xytext=(0, 2 if value > 0 else -2),
                textcoords="offset points",
            )
    axes.axhline(0, color="#333333", linewidth=1)
    axes.set(title="Revisions: latest figure minus first report, per year", ylabel="people")
    _source_note(
        figure, "Source: MOU tables and press reports of MOU releases (data/arrivals.csv)."
    )
    return figure


def scorecard(table: pd.DataFrame, vintages: tuple[str, ...] = ("article", "latest")) -> Figure:
    """How many claims get each verdict, per vintage."""
    counts = pd.DataFrame({v: table[f"verdict_{v}"].value_counts() for v in vintages}).fillna(0)
    order = [v.value for v in Verdict if v.value in counts.index]
    counts = counts.loc[order]
    figure, axes = _figure(left=0.34, bottom=0.27)
    positions = range(len(counts))
    height = 0.38
    for offset, (vintage, colour, hatch) in enumerate(
        zip(vintages, (LINE, WOMEN), ("", "//"), strict=False)
    ):
        axes.barh(
            [p + offset * height for p in positions],
            counts[vintage],
            height=height,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=f"figures: {vintage}",
            zorder=2,
        )
    axes.set_yticks(
        [p + height / 2 for p in positions], [v.replace("_", " ") for v in counts.index]
    )
    axes.invert_yaxis()
    axes.set(title="The article's claims by verdict", xlabel="claims")
    axes.legend(
        handles=[
            Patch(color=LINE, label=f"as published on the article's date ({vintages[0]})"),
            Patch(facecolor=WOMEN, hatch="//", edgecolor="white", label=f"{vintages[-1]} figures"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.18),
        ncol=2,
        frameon=False,
    )
    _source_note(figure, "Source: data/claims.toml, verdicts computed by analysis.claims.")
    return figure


def save(figure: Figure, stem: str, directory: Path) -> list[Path]:
    """Write `stem`.png and `stem`.svg into `directory`, with no timestamps."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, metadata in (
        (".png", {"Software": None}),
        (".svg", {"Date": None, "Creator": None}),
    ):
        path = directory / f"{stem}{suffix}"
        figure.savefig(path, metadata=metadata)
        written.append(path)
    return written

"""Plotting helpers with one house style.

Every chart states its finding in its title (computed from the data it draws,
so a corrected figure changes the title too), carries alt text that leads with
that finding, and keeps the data it plots so the report can offer it as CSV. Each
is drawn twice, wide for a desktop and tall for a phone (analysis.show.figures),
with titles and source lines wrapped to fit. Figures are not registered with
pyplot (nothing leaks between cells or calls) and name their source's publisher
and vintage on the figure itself. Colours are paired with hatching and grey levels
that survive greyscale printing. `save` writes PNG and SVG with deterministic
bytes.

The helpers take what they need as arguments (the era's first year, verdict
labels) rather than importing the claims engine, so they draw any series.
"""

from typing import Any

import matplotlib as mpl
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from analysis.formatting import count
from analysis.load import metadata
from analysis.show.figures import (
    DESKTOP,
    LAYOUTS,
    PHONE,
    Chart,
    Layout,
    finish,
    new_figure,
    save,
    save_chart,
)

__all__ = ["Chart", "save", "save_chart"]

# Dark and light tones of one hue read apart in colour and in greyscale.
MEN, WOMEN = "#1f3b5a", "#9ec3e6"
LINE, SECOND = "#1f3b5a", "#b35806"
BORDER_CLOSED = 2020  # North Korea sealed its border in January 2020 (COVID-19).
MOU = "Source: South Korea's Ministry of Unification (MOU)"  # every chart's source line
FIRST_YEAR = 2002  # the first year the charts draw, unless told otherwise
SMALL_SAMPLE = 100  # a share of fewer people than this moves by 1 point per person or more


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


def year_of_min(values: "pd.Series[Any]") -> int:
    """The index label (a year) of the smallest value."""
    return int(values.index[int(values.argmin())])


def year_of_max(values: "pd.Series[Any]") -> int:
    """The index label (a year) of the largest value."""
    return int(values.index[int(values.argmax())])


def whole_years(series: pd.DataFrame, first_year: int) -> pd.DataFrame:
    """Whole calendar years from `first_year` on, one row per year, as plain integers."""
    whole = series[series["start"].notna() & (series["start"].dt.year == series["end"].dt.year)]
    whole = whole.assign(year=whole["end"].dt.year)
    whole = whole[whole["year"] >= first_year]
    return whole[["year", "men", "women", "total"]].reset_index(drop=True)


def shade(
    axes: "mpl.axes.Axes",
    start: int,
    last: int,
    label: str,
    height: float,
    layout: Layout = DESKTOP,
    **style: Any,
) -> None:
    """Shade the years `start` to `last`, labelled inside the shading from its left edge
    (on a phone, where the label is wider than the shading, from its right edge)."""
    axes.axvspan(start - 0.5, last + 0.5, zorder=0, **style)
    at_right = layout is PHONE and last - start < 8
    axes.text(
        last + 0.4 if at_right else start - 0.4,
        height,
        label,
        transform=axes.get_xaxis_transform(),
        fontsize=layout.smallest,
        ha="right" if at_right else "left",
        va="top",
        zorder=4,
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1},
    )


def shade_eras(
    axes: "mpl.axes.Axes",
    first: int,
    last: int,
    era_start: int | None,
    border_label_height: float = 0.88,
    layout: Layout = DESKTOP,
) -> None:
    """Shade Kim Jong Un's era (when its first year is given) and the border closure (on
    a phone, each label on two lines, the closure's below the era's)."""
    breaks = "\n" if layout is PHONE else " "
    if era_start is not None and first < era_start <= last:
        era = f"Kim Jong Un era{breaks}(from {era_start})"
        shade(axes, era_start, last, era, 0.97, layout, color="#eeeeee")
    if first <= BORDER_CLOSED <= last:
        below_era = layout is PHONE and border_label_height > 0.5
        shade(
            axes,
            BORDER_CLOSED,
            last,
            f"border closed{breaks}({BORDER_CLOSED})",
            0.8 if below_era else border_label_height,
            layout,
            facecolor="none",
            hatch="..",
            edgecolor="#bbbbbb",
            linewidth=0,
        )


# --- arrivals per year --------------------------------------------------------


def arrivals_title(years: pd.DataFrame, era_start: int | None = None) -> str:
    """The finding of an arrivals chart: where its lowest year stands."""
    totals = years.set_index("year")["total"].astype(int)
    last, low = int(totals.index.max()), year_of_min(totals)
    if era_start is not None and low == last and era_start <= last:
        return f"{last}: the fewest arrivals of Kim Jong Un's era up to then"
    if low >= BORDER_CLOSED:
        after = totals[totals.index >= BORDER_CLOSED]
        return (
            f"Since the border closed in {BORDER_CLOSED}, at most {count(after.max())} a year "
            f"({year_of_max(after)}), as few as {count(totals[low])} ({low})"
        )
    return f"{low}: the fewest arrivals of {int(totals.index.min())} to {last}"


def arrivals_chart(
    series: pd.DataFrame, vintage: str, era_start: int | None = None, first_year: int = FIRST_YEAR
) -> Chart:
    """Arrivals per calendar year, stacked by sex; small bars labelled; eras and closure shaded."""
    years = whole_years(series, first_year)
    title = arrivals_title(years, era_start)
    note = f"{MOU}. Figures: {vintage}."
    desktop, phone = (_draw_arrivals(years, era_start, title, note, x) for x in LAYOUTS)
    first, last = int(years["year"].min()), int(years["year"].max())
    low = years.iloc[int(years["total"].argmin())]
    peak = int(years["total"].max())
    alt = (
        f"{title}. Bar chart of {metadata.ARRIVALS} each year, {first} to "
        f"{last}, split into women and men (figures: {vintage}). The highest year is "
        f"{int(years['year'].iloc[int(years['total'].argmax())])} with {count(peak)}; the lowest is "
        f"{int(low['year'])} with {count(low['total'])}"
        + ("." if int(low["year"]) == last else f"; {last} had {count(years['total'].iloc[-1])}.")
    )
    return Chart(desktop, title, arrivals_detail(years, era_start), alt, years, phone)


def _draw_arrivals(
    years: pd.DataFrame, era_start: int | None, title: str, note: str, layout: Layout
) -> Figure:
    with layout.style():
        figure, axes = new_figure(layout)
        split = years["men"].notna()
        axes.bar(
            years.loc[split, "year"],
            years.loc[split, "women"],
            color=WOMEN,
            label="women",
            zorder=2,
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
        peak = int(years["total"].max())
        # Bars under a tenth of the tallest are hard to read off the axis: print their value
        # (upright on a phone, where the bars stand close); the lowest year, which the title
        # is about, too (in bold).
        lowest = year_of_min(years.set_index("year")["total"])
        for year, total in zip(years["year"], years["total"], strict=True):
            if total < peak / 10 or year == lowest:
                axes.annotate(
                    count(total),
                    (year, total),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    rotation=90 if layout is PHONE else 0,
                    fontsize=layout.smallest,
                    fontweight="bold" if year == lowest else "normal",
                    zorder=5,
                )
        first, last = int(years["year"].min()), int(years["year"].max())
        shade_eras(axes, first, last, era_start, layout=layout)
        axes.set(
            ylabel="arrivals",
            xlabel="",
            ylim=(0, peak * (1.25 if layout is PHONE else 1.12)),
            xlim=(first - 0.7, last + 0.7),
        )
        axes.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter("{x:,.0f}"))
        if layout is PHONE:  # above the bars, in one row
            axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, frameon=False)
        else:
            axes.legend(loc="upper left", bbox_to_anchor=(0, 0.9), frameon=True)
        finish(figure, title, note, layout)
    return figure


def arrivals_detail(years: pd.DataFrame, era_start: int | None = None) -> str:
    """The figures behind `arrivals_title`."""
    totals = years.set_index("year")["total"].astype(int)
    last, low = int(totals.index.max()), year_of_min(totals)
    if era_start is not None and low == last and era_start <= last:
        era = totals[(totals.index >= era_start) & (totals.index < last)]
        if not era.empty:
            return (
                f"{last} had {count(totals[last])} arrivals; the era's next lowest year, "
                f"{year_of_min(era)}, had {count(era.min())}."
            )
    before = BORDER_CLOSED - 1
    if low >= BORDER_CLOSED and before in totals.index:
        return (
            f"From {count(totals[before])} in {before}, arrivals fell to "
            f"{count(totals[BORDER_CLOSED])} in {BORDER_CLOSED} and {count(totals[low])} in "
            f"{low}; {last} had {count(totals[last])}."
        )
    return f"The most: {year_of_max(totals)} ({count(totals.max())}); the fewest: {low} ({count(totals[low])})."

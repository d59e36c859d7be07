"""Plotting helpers with one house style.

Every chart states its finding in its title (computed from the data it draws,
so a corrected figure changes the title too), carries alt text saying what it
shows, and keeps the data it plots so the report can offer it as CSV. Figures
are not registered with pyplot (nothing leaks between cells or calls) and label
their source and vintage on the figure itself. Colours are paired with hatching
and grey levels that survive greyscale printing. `save` writes PNG and SVG with
deterministic bytes.

The helpers take what they need as arguments (the era's first year, verdict
labels) rather than importing the claims engine, so they draw any series.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import Patch

# Dark and light tones of one hue read apart in colour and in greyscale.
MEN, WOMEN = "#1f3b5a", "#9ec3e6"
LINE, SECOND = "#1f3b5a", "#b35806"
BORDER_CLOSED = 2020  # North Korea sealed its border in January 2020 (COVID-19).
SMALL_SAMPLE = 100  # a share of fewer people than this moves by 1 point per person or more
SIZE = (8.0, 4.5)


@dataclass(frozen=True)
class Chart:
    """A figure with its finding (title), the figures behind it (detail, for a caption),
    a description for screen readers (alt), and the data it draws."""

    figure: Figure
    title: str
    detail: str
    alt: str
    data: pd.DataFrame


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


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _label_of_min(values: "pd.Series[Any]") -> int:
    """The index label (a year) of the smallest value."""
    return int(values.index[int(values.argmin())])


def _label_of_max(values: "pd.Series[Any]") -> int:
    """The index label (a year) of the largest value."""
    return int(values.index[int(values.argmax())])


def whole_years(series: pd.DataFrame, first_year: int) -> pd.DataFrame:
    """Whole calendar years from `first_year` on, one row per year, as plain integers."""
    whole = series[series["start"].notna() & (series["start"].dt.year == series["end"].dt.year)]
    whole = whole.assign(year=whole["end"].dt.year)
    whole = whole[whole["year"] >= first_year]
    return whole[["year", "men", "women", "total"]].reset_index(drop=True)


def _shade(
    axes: "mpl.axes.Axes", start: int, last: int, label: str, height: float, **style: Any
) -> None:
    axes.axvspan(start - 0.5, last + 0.5, zorder=0, **style)
    axes.text(
        start - 0.4,
        height,
        label,
        transform=axes.get_xaxis_transform(),
        fontsize=8,
        va="top",
        zorder=4,
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1},
    )


def _shade_eras(
    axes: "mpl.axes.Axes",
    first: int,
    last: int,
    era_start: int | None,
    border_label_height: float = 0.88,
) -> None:
    """Shade Kim Jong Un's era (when its first year is given) and the border closure."""
    if era_start is not None and first < era_start <= last:
        _shade(axes, era_start, last, f"Kim Jong Un era (from {era_start})", 0.97, color="#eeeeee")
    if first <= BORDER_CLOSED <= last:
        _shade(
            axes,
            BORDER_CLOSED,
            last,
            f"border closed ({BORDER_CLOSED})",
            border_label_height,
            facecolor="none",
            hatch="..",
            edgecolor="#bbbbbb",
            linewidth=0,
        )


# --- arrivals per year --------------------------------------------------------


def arrivals_title(years: pd.DataFrame, era_start: int | None = None) -> str:
    """The finding of an arrivals chart: where its lowest year stands."""
    totals = years.set_index("year")["total"].astype(int)
    last, low = int(totals.index.max()), _label_of_min(totals)
    if era_start is not None and low == last and era_start <= last:
        return f"{last}: the fewest arrivals of Kim Jong Un's era up to then"
    if low >= BORDER_CLOSED:
        after = totals[totals.index >= BORDER_CLOSED]
        return (
            f"Since the border closed in {BORDER_CLOSED}, at most {_count(after.max())} a year "
            f"({low}: {_count(totals[low])})"
        )
    return f"{low}: the fewest arrivals of {int(totals.index.min())} to {last}"


def arrivals_chart(
    series: pd.DataFrame, vintage: str, era_start: int | None = None, first_year: int = 2002
) -> Chart:
    """Arrivals per calendar year, stacked by sex; small bars labelled; eras and closure shaded."""
    years = whole_years(series, first_year)
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
    peak = int(years["total"].max())
    # Bars under a tenth of the tallest are hard to read off the axis: print their value;
    # the lowest year, which the title is about, too (in bold).
    lowest = _label_of_min(years.set_index("year")["total"])
    for year, total in zip(years["year"], years["total"], strict=True):
        if total < peak / 10 or year == lowest:
            axes.annotate(
                _count(total),
                (year, total),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
                fontweight="bold" if year == lowest else "normal",
                zorder=5,
            )
    first, last = int(years["year"].min()), int(years["year"].max())
    _shade_eras(axes, first, last, era_start)
    title = arrivals_title(years, era_start)
    axes.set(
        title=title,
        ylabel="arrivals",
        xlabel="",
        ylim=(0, peak * 1.12),
        xlim=(first - 0.7, last + 0.7),
    )
    axes.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter("{x:,.0f}"))
    axes.legend(loc="upper left", bbox_to_anchor=(0, 0.9), frameon=True)
    _source_note(
        figure, f"Source: South Korea's Ministry of Unification (MOU). Figures: {vintage}."
    )
    low = years.iloc[int(years["total"].argmin())]
    alt = (
        f"Bar chart of North Koreans arriving in South Korea each year, {first} to {last}, "
        f"split into women and men (figures: {vintage}). The highest year is "
        f"{int(years['year'].iloc[int(years['total'].argmax())])} with {_count(peak)}; the lowest is "
        f"{int(low['year'])} with {_count(low['total'])}"
        + ("." if int(low["year"]) == last else f"; {last} had {_count(years['total'].iloc[-1])}.")
    )
    return Chart(figure, title, arrivals_detail(years, era_start), alt, years)


def arrivals_detail(years: pd.DataFrame, era_start: int | None = None) -> str:
    """The figures behind `arrivals_title`."""
    totals = years.set_index("year")["total"].astype(int)
    last, low = int(totals.index.max()), _label_of_min(totals)
    if era_start is not None and low == last and era_start <= last:
        era = totals[(totals.index >= era_start) & (totals.index < last)]
        if not era.empty:
            return (
                f"{last} had {_count(totals[last])} arrivals; the era's next lowest year, "
                f"{_label_of_min(era)}, had {_count(era.min())}."
            )
    before = BORDER_CLOSED - 1
    if low >= BORDER_CLOSED and before in totals.index:
        return (
            f"From {_count(totals[before])} in {before}, arrivals fell to "
            f"{_count(totals[BORDER_CLOSED])} in {BORDER_CLOSED} and {_count(totals[low])} in "
            f"{low}; {last} had {_count(totals[last])}."
        )
    return f"The most: {_label_of_max(totals)} ({_count(totals.max())}); the fewest: {low} ({_count(totals[low])})."


def arrivals_by_sex(
    series: pd.DataFrame, vintage: str, era_start: int | None = None, first_year: int = 2002
) -> Figure:
    """The figure of `arrivals_chart`."""
    return arrivals_chart(series, vintage, era_start, first_year).figure


# --- women's share ------------------------------------------------------------


def women_share_chart(
    series: pd.DataFrame, vintage: str, era_start: int | None = None, first_year: int = 2002
) -> Chart:
    """Women's share of each year's arrivals; shares of fewer than SMALL_SAMPLE people are
    drawn hollow and labelled with their size."""
    years = whole_years(series, first_year).dropna(subset=["women"])
    years = years.assign(
        share=(100 * years["women"] / years["total"]).astype(float).round(1),
        small_sample=years["total"] < SMALL_SAMPLE,
    )
    figure, axes = _figure(bottom=0.19)
    axes.plot(years["year"], years["share"], color=LINE, zorder=3)
    solid, hollow = years[~years["small_sample"]], years[years["small_sample"]]
    axes.scatter(solid["year"], solid["share"], color=LINE, zorder=4, s=24)
    axes.scatter(hollow["year"], hollow["share"], facecolor="white", edgecolor=LINE, zorder=4, s=36)
    shares = years.set_index("year")["share"]
    for year, share, total in zip(hollow["year"], hollow["share"], hollow["total"], strict=True):
        # Below a local low the label is clear of the line; elsewhere it sits below and right.
        neighbours = shares.reindex([year - 1, year + 1]).dropna()
        low_point = bool((neighbours > share).all())
        axes.annotate(
            f"{int(total)} people",
            (year, share),
            xytext=(0, -10) if low_point else (6, -10),
            textcoords="offset points",
            ha="center" if low_point else "left",
            va="top",
            fontsize=8,
            zorder=5,
        )
    # The data run high (mostly 55-90%): the closure label sits low, clear of the line.
    _shade_eras(
        axes, int(years["year"].min()), int(years["year"].max()), era_start, border_label_height=0.1
    )
    axes.axhline(50, color="#777777", linestyle="--", linewidth=1)
    minority = years[years["share"] < 50]
    first, last = int(years["year"].min()), int(years["year"].max())
    if minority.empty:
        title = f"Women were the majority every year from {first} to {last}"
    else:
        title = (
            f"From {first} to {last}, women were the majority every year but "
            f"{_and([str(y) for y in minority['year']])}"
        )
    axes.set(title=title, ylabel="women, % of arrivals", ylim=(0, 100))
    note = f"Source: MOU. Figures: {vintage}. Dashed line: half."
    if not hollow.empty:
        note += f"\nHollow points: years of fewer than {SMALL_SAMPLE} arrivals (small samples)."
    _source_note(figure, note)
    low = years.iloc[int(years["share"].argmin())]
    high = years.iloc[int(years["share"].argmax())]
    alt = (
        f"Line chart of women's share of each year's arrivals, {first} to {last} (figures: "
        f"{vintage}). It peaks at {high['share']:.0f}% in {int(high['year'])} and is lowest at "
        f"{low['share']:.0f}% in {int(low['year'])}, a year of only {_count(low['total'])} arrivals."
    )
    regular = years[~years["small_sample"]]
    detail = (
        f"In years of at least {SMALL_SAMPLE} arrivals, women were {regular['share'].min():.0f}% "
        f"to {regular['share'].max():.0f}% of them."
    )
    if not hollow.empty:
        detail += (
            " "
            + "; ".join(
                f"{year}'s {share:.0f}% rests on {total} people"
                for year, share, total in zip(
                    hollow["year"], hollow["share"], hollow["total"], strict=True
                )
            )
            + "."
        )
    return Chart(figure, title, detail, alt, years)


def women_share(
    series: pd.DataFrame, vintage: str, era_start: int | None = None, first_year: int = 2002
) -> Figure:
    """The figure of `women_share_chart`."""
    return women_share_chart(series, vintage, era_start, first_year).figure


# --- revisions ----------------------------------------------------------------


def revisions_chart(table: pd.DataFrame, first_year: int = 2002) -> Chart:
    """Each year's change between first report and latest figure, for men, women and the
    total side by side: a restatement that moves people between the sexes leaves the
    total at zero and shows only in the split (`table` is vintages.revisions())."""
    years = table[table["period"].str.fullmatch(r"\d{4}")]
    years = years.assign(year=years["period"].astype(int))
    years = years[years["year"] >= first_year].reset_index(drop=True)
    parts = (
        ("total", "#8c8c8c", "total", None),
        ("men", MEN, "men", "///"),
        ("women", WOMEN, "women", None),
    )
    split_only = years["total_change"].eq(0) & (
        years["men_change"].fillna(0).ne(0) | years["women_change"].fillna(0).ne(0)
    )
    figure, axes = _figure()
    width = 0.27
    for offset, (column, colour, label, hatch) in zip((-width, 0.0, width), parts, strict=True):
        change = years[f"{column}_change"]
        shown = change.notna()
        x = years.loc[shown, "year"] + offset
        values = change[shown].astype(int)
        axes.bar(
            x,
            values,
            width,
            color=colour,
            hatch=hatch,
            edgecolor="#333333",
            linewidth=0.4,
            label=label,
            zorder=2,
        )
        labelled = split_only[shown] if column != "total" else values.ne(0)
        for xi, value, show in zip(x, values, labelled, strict=True):
            if value and show:
                axes.annotate(
                    f"{value:+d}",
                    (xi, value),
                    ha="center",
                    va="bottom" if value > 0 else "top",
                    fontsize=7,
                    xytext=(0, 2 if value > 0 else -2),
                    textcoords="offset points",
                )
    axes.axhline(0, color="#333333", linewidth=1)
    revised = years[years["total_change"].ne(0)]
    split_years = years[split_only]
    biggest = years.iloc[int(years["total_change"].abs().argmax())]
    title = f"{len(revised) + len(split_years)} of {len(years)} years revised after first report"
    if not split_years.empty:
        title += f" ({_and([str(y) for y in split_years['year']])} only in the split by sex)"
    axes.set(title=title, ylabel="people (latest minus first report)")
    axes.margins(y=0.15)
    axes.legend(loc="lower left", fontsize=8, frameon=False, ncols=3)
    _source_note(
        figure,
        "Source: MOU tables and press reports of MOU releases (data/arrivals.csv). "
        "Men and women missing: the first report gave no split by sex.",
    )
    split_records: list[dict[str, Any]] = [
        {str(k): v for k, v in r.items()} for r in split_years.to_dict("records")
    ]
    alt = (
        f"Bar chart of how much each year's arrivals changed between first report and "
        f"latest figure, {int(years['year'].min())} to {int(years['year'].max())}, with bars side "
        f"by side for the total, men and women. {len(revised)} of {len(years)} totals changed; the largest change is "
        f"{int(biggest['total_change']):+d} people in {int(biggest['year'])}."
        + "".join(
            f" In {r['year']} the total is unchanged but men changed by {int(r['men_change']):+d} "
            f"and women by {int(r['women_change']):+d}."
            for r in split_records
        )
    )
    detail = (
        f"The largest change: {int(biggest['total_change']):+d} people in {int(biggest['year'])}. "
        + "".join(
            f"{r['year']}: first reported as {_count(r['men_first'])} men and {_count(r['women_first'])} "
            f"women, now {_count(r['men_latest'])} and {_count(r['women_latest'])}; the total, "
            f"{_count(r['total_latest'])}, is unchanged. "
            for r in split_records
        )
    )
    detail = detail.strip()
    data = years[
        [
            "year",
            "men_first",
            "men_latest",
            "men_change",
            "women_first",
            "women_latest",
            "women_change",
            "total_first",
            "total_latest",
            "total_change",
        ]
    ]
    return Chart(figure, title, detail, alt, data)


def revisions(table: pd.DataFrame, first_year: int = 2002) -> Figure:
    """The figure of `revisions_chart`."""
    return revisions_chart(table, first_year).figure


# --- verdicts -----------------------------------------------------------------


def scorecard_chart(
    table: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    vintages: tuple[str, ...] = ("article", "latest"),
) -> Chart:
    """How many claims get each verdict, per vintage; `labels` maps each verdict value to its
    label, in the order to show (default: as found, underscores as spaces)."""
    counts = pd.DataFrame({v: table[f"verdict_{v}"].value_counts() for v in vintages}).fillna(0)
    counts = counts.astype(int)
    order = [v for v in labels if v in counts.index] if labels else list(counts.index)
    counts = counts.loc[order]
    names = [labels[v] if labels else v.replace("_", " ") for v in counts.index]
    figure, axes = _figure(left=0.3, bottom=0.28)
    positions = range(len(counts))
    height = 0.38
    for offset, (vintage, colour, hatch) in enumerate(
        zip(vintages, (LINE, WOMEN), ("", "//"), strict=False)
    ):
        bars = axes.barh(
            [p + offset * height for p in positions],
            counts[vintage],
            height=height,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=f"figures: {vintage}",
            zorder=2,
        )
        axes.bar_label(bars, padding=2, fontsize=8)
    axes.set_yticks([p + height / 2 for p in positions], names)
    axes.invert_yaxis()
    axes.margins(x=0.08)
    now = counts[vintages[-1]]
    contradicted = int(now.get("contradicted", 0))
    unverifiable = int(now.get("not_verifiable", 0))
    checkable = int(now.sum()) - unverifiable
    title = (
        f"{contradicted or 'None'} of {checkable} checkable claims "
        f"contradicted; {unverifiable} cannot be checked"
    )
    axes.set(title=title, xlabel="claims")
    axes.legend(
        handles=[
            Patch(color=LINE, label=f"figures of the article's date ({vintages[0]})"),
            Patch(facecolor=WOMEN, hatch="//", edgecolor="white", label=f"{vintages[-1]} figures"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncol=2,
        frameon=False,
    )
    _source_note(figure, "Source: data/claims.toml, verdicts computed by analysis.claims.")
    data = counts.rename_axis("verdict").reset_index().assign(label=names)
    alt = "Bar chart of the article's claims by verdict. " + "; ".join(
        f"{name}: {', '.join(f'{row[v]} ({v})' for v in vintages)}"
        for name, (_, row) in zip(names, counts.iterrows(), strict=True)
    )
    detail = "; ".join(
        f"{name}: {row[vintages[-1]]}"
        for name, (_, row) in zip(names, counts.iterrows(), strict=True)
        if row[vintages[-1]]
    )
    return Chart(figure, title, f"On the {vintages[-1]} figures: {detail}.", alt + ".", data)


def scorecard(
    table: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    vintages: tuple[str, ...] = ("article", "latest"),
) -> Figure:
    """The figure of `scorecard_chart`."""
    return scorecard_chart(table, labels, vintages).figure


# --- files ----------------------------------------------------------------------


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


def save_chart(chart: Chart, stem: str, directory: Path) -> list[Path]:
    """Write the chart's PNG and SVG, and the data it draws as `stem`.csv beside them."""
    written = save(chart.figure, stem, directory)
    data = directory / f"{stem}.csv"
    chart.data.to_csv(data, index=False, lineterminator="\n")
    return [*written, data]

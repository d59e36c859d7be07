"""The women's share and revisions charts, in the house style of analysis.show.plots:
each title states the chart's finding, computed from the data it draws, and each
is drawn wide for a desktop and tall for a phone. The scorecard chart is in
analysis.show.scorecard (re-exported here)."""

from typing import Any

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis.formatting import count, joined, signed
from analysis.show.figures import LAYOUTS, PHONE, Chart, Layout, finish, new_figure
from analysis.show.plots import (
    FIRST_YEAR,
    LINE,
    MEN,
    MOU,
    SMALL_SAMPLE,
    WOMEN,
    shade_eras,
    whole_years,
)
from analysis.show.scorecard import scorecard_chart

__all__ = ["scorecard_chart"]

# --- women's share ------------------------------------------------------------


def women_share_chart(
    series: pd.DataFrame, vintage: str, era_start: int | None = None, first_year: int = FIRST_YEAR
) -> Chart:
    """Women's share of each year's arrivals; shares of fewer than SMALL_SAMPLE people are
    drawn hollow and labelled with their size."""
    years = whole_years(series, first_year).dropna(subset=["women"])
    years = years.assign(
        share=(100 * years["women"] / years["total"]).astype(float).round(1),
        small_sample=years["total"] < SMALL_SAMPLE,
    )
    hollow = years[years["small_sample"]]
    minority = years[years["share"] < 50]
    first, last = int(years["year"].min()), int(years["year"].max())
    if minority.empty:
        title = f"Women were the majority every year from {first} to {last}"
    else:
        title = (
            f"From {first} to {last}, women were the majority every year but "
            f"{joined([str(y) for y in minority['year']])}"
        )
    note = f"{MOU}. Figures: {vintage}. Dashed line: half."
    if not hollow.empty:
        note += f"\nHollow points: years of fewer than {SMALL_SAMPLE} arrivals (small samples)."
    desktop, phone = (_draw_women_share(years, era_start, title, note, x) for x in LAYOUTS)
    low = years.iloc[int(years["share"].argmin())]
    high = years.iloc[int(years["share"].argmax())]
    alt = (
        f"{title}. Line chart of women's share of each year's arrivals, {first} to {last} "
        f"(figures: {vintage}). It peaks at {high['share']:.0f}% in {int(high['year'])} and is "
        f"lowest at {low['share']:.0f}% in {int(low['year'])}, a year of only "
        f"{count(low['total'])} arrivals."
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
    return Chart(desktop, title, detail, alt, years, phone)


def _draw_women_share(
    years: pd.DataFrame, era_start: int | None, title: str, note: str, layout: Layout
) -> Figure:
    with layout.style():
        figure, axes = new_figure(layout)
        axes.plot(years["year"], years["share"], color=LINE, zorder=3)
        solid, hollow = years[~years["small_sample"]], years[years["small_sample"]]
        axes.scatter(solid["year"], solid["share"], color=LINE, zorder=4, s=24)
        axes.scatter(
            hollow["year"], hollow["share"], facecolor="white", edgecolor=LINE, zorder=4, s=36
        )
        shares = years.set_index("year")["share"]
        last = int(years["year"].max())
        for year, share, total in zip(
            hollow["year"], hollow["share"], hollow["total"], strict=True
        ):
            # Below a local low the label is clear of the line; elsewhere it sits below and
            # right (left of the last point, so it stays inside the figure).
            neighbours = shares.reindex([year - 1, year + 1]).dropna()
            low_point = bool((neighbours > share).all())
            side = "center" if low_point else ("right" if year == last else "left")
            axes.annotate(
                f"{int(total)} people",
                (year, share),
                xytext={"center": (0, -10), "left": (6, -10), "right": (-6, -10)}[side],
                textcoords="offset points",
                ha=side,
                va="top",
                fontsize=layout.smallest,
                zorder=5,
            )
        # The data run high (mostly 55-90%): the closure label sits low, clear of the line.
        first = int(years["year"].min())
        shade_eras(axes, first, last, era_start, border_label_height=0.1, layout=layout)
        axes.axhline(50, color="#777777", linestyle="--", linewidth=1)
        axes.set(ylabel="women, % of arrivals", ylim=(0, 100))
        axes.xaxis.set_major_locator(mpl.ticker.MultipleLocator(5))
        finish(figure, title, note, layout)
    return figure


# --- revisions ----------------------------------------------------------------


def revisions_chart(table: pd.DataFrame, first_year: int = FIRST_YEAR) -> Chart:
    """Each year's change between first report and latest figure, for men, women and the
    total side by side: a restatement that moves people between the sexes leaves the
    total at zero and shows only in the split (`table` is vintages.revisions())."""
    years = table[table["period"].str.fullmatch(r"\d{4}")]
    years = years.assign(year=years["period"].astype(int))
    years = years[years["year"] >= first_year].reset_index(drop=True)
    split_only = years["total_change"].eq(0) & (
        years["men_change"].fillna(0).ne(0) | years["women_change"].fillna(0).ne(0)
    )
    revised = years[years["total_change"].ne(0)]
    split_years = years[split_only]
    biggest = years.iloc[int(years["total_change"].abs().argmax())]
    title = f"{len(revised) + len(split_years)} of {len(years)} years revised after first report"
    if not split_years.empty:
        title += f" ({joined([str(y) for y in split_years['year']])} only in the split by sex)"
    note = (
        f"{MOU}: its tables, and its releases "
        "as the press reported them. No bar for men and women: the first report gave no "
        "split by sex."
    )
    desktop, phone = (_draw_revisions(years, split_only, title, note, x) for x in LAYOUTS)
    split_records: list[dict[str, Any]] = [
        {str(k): v for k, v in r.items()} for r in split_years.to_dict("records")
    ]
    alt = (
        f"{title}. Bar chart of how much each year's arrivals changed between first report and "
        f"latest figure, {int(years['year'].min())} to {int(years['year'].max())}, with bars side "
        f"by side for the total, men and women. {len(revised)} of {len(years)} totals changed; the largest change is "
        f"{signed(int(biggest['total_change']))} people in {int(biggest['year'])}."
        + "".join(
            f" In {r['year']} the total is unchanged but men changed by {signed(int(r['men_change']))} "
            f"and women by {signed(int(r['women_change']))}."
            for r in split_records
        )
    )
    detail = (
        f"The largest change: {signed(int(biggest['total_change']))} people in {int(biggest['year'])}. "
        + "".join(
            f"{r['year']}: first reported as {count(r['men_first'])} men and {count(r['women_first'])} "
            f"women, now {count(r['men_latest'])} and {count(r['women_latest'])}; the total, "
            f"{count(r['total_latest'])}, is unchanged. "
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
    return Chart(desktop, title, detail, alt, data, phone)


REVISION_PARTS = (
    ("total", "#8c8c8c", "total", None),
    ("men", MEN, "men", "///"),
    ("women", WOMEN, "women", None),
)


def _draw_revisions(
    years: pd.DataFrame, split_only: "pd.Series[bool]", title: str, note: str, layout: Layout
) -> Figure:
    """Bars side by side per year: upright on a desktop; on a phone, one row per year
    (a taller figure), so that each bar's label has room."""
    across = layout is PHONE
    with layout.style():
        figure, axes = new_figure(layout)
        if across:
            figure.set_size_inches(layout.size[0], 2.2 + 0.2 * len(years))
        width = 0.27
        for offset, (column, colour, label, hatch) in zip(
            (-width, 0.0, width), REVISION_PARTS, strict=True
        ):
            change = years[f"{column}_change"]
            shown = change.notna()
            x = years.loc[shown, "year"] + offset
            values = change[shown].astype(int)
            draw = axes.barh if across else axes.bar
            draw(
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
                if not (value and show):
                    continue
                away = 2 if value > 0 else -2
                axes.annotate(
                    f"{value:+d}",
                    (value, xi) if across else (xi, value),
                    ha=("left" if value > 0 else "right") if across else "center",
                    va="center" if across else ("bottom" if value > 0 else "top"),
                    fontsize=layout.smallest,
                    xytext=(away, 0) if across else (0, away),
                    textcoords="offset points",
                )
        if across:
            axes.axvline(0, color="#333333", linewidth=1)
            axes.set_yticks(years["year"], [str(y) for y in years["year"]])
            axes.invert_yaxis()
            axes.margins(x=0.18, y=0.01)
            axes.set(xlabel="people (latest minus first report)")
            axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, ncols=3)
        else:
            axes.axhline(0, color="#333333", linewidth=1)
            axes.margins(y=0.15)
            axes.set(ylabel="people (latest minus first report)")
            # where the bars are fewest (matplotlib's "best": fewest artists overlapped)
            axes.legend(loc="best", fontsize=layout.smallest, frameon=False, ncols=3)
        finish(figure, title, note, layout)
    return figure

"""The women's share, revisions and scorecard charts, in the house style of
analysis.show.plots: each title states the chart's finding, computed from the data
it draws."""

from collections.abc import Mapping
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.formatting import count
from analysis.show.plots import (
    LINE,
    MEN,
    SMALL_SAMPLE,
    WOMEN,
    Chart,
    blank_figure,
    joined,
    shade_eras,
    source_note,
    whole_years,
)

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
    figure, axes = blank_figure(bottom=0.19)
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
    shade_eras(
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
            f"{joined([str(y) for y in minority['year']])}"
        )
    axes.set(title=title, ylabel="women, % of arrivals", ylim=(0, 100))
    note = f"Source: MOU. Figures: {vintage}. Dashed line: half."
    if not hollow.empty:
        note += f"\nHollow points: years of fewer than {SMALL_SAMPLE} arrivals (small samples)."
    source_note(figure, note)
    low = years.iloc[int(years["share"].argmin())]
    high = years.iloc[int(years["share"].argmax())]
    alt = (
        f"Line chart of women's share of each year's arrivals, {first} to {last} (figures: "
        f"{vintage}). It peaks at {high['share']:.0f}% in {int(high['year'])} and is lowest at "
        f"{low['share']:.0f}% in {int(low['year'])}, a year of only {count(low['total'])} arrivals."
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
    figure, axes = blank_figure()
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
        title += f" ({joined([str(y) for y in split_years['year']])} only in the split by sex)"
    axes.set(title=title, ylabel="people (latest minus first report)")
    axes.margins(y=0.15)
    axes.legend(loc="lower left", fontsize=8, frameon=False, ncols=3)
    source_note(
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
    figure, axes = blank_figure(left=0.3, bottom=0.28)
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
    source_note(figure, "Source: data/claims.toml, verdicts computed by analysis.claims.")
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

"""The scorecard chart: how many of the article's claims get each verdict, on the
figures of the article's date and on the latest, in the house style of
analysis.show.plots (wide for a desktop, tall for a phone)."""

from collections.abc import Mapping

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.show.figures import LAYOUTS, PHONE, Chart, Layout, finish, new_figure, wrapped
from analysis.show.plots import LINE, WOMEN

SOURCE = (
    "Source: the article's claims checked against South Korea's Ministry of Unification "
    "(MOU) figures and the press reports of them."
)


def scorecard_chart(
    table: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    vintages: tuple[str, ...] = ("article", "latest"),
    source: str = SOURCE,
) -> Chart:
    """How many claims get each verdict, per vintage; `labels` maps each verdict value to its
    label, in the order to show (default: as found, underscores as spaces)."""
    counts = pd.DataFrame({v: table[f"verdict_{v}"].value_counts() for v in vintages}).fillna(0)
    counts = counts.astype(int)
    order = [v for v in labels if v in counts.index] if labels else list(counts.index)
    counts = counts.loc[order]
    names = [labels[v] if labels else v.replace("_", " ") for v in counts.index]
    now = counts[vintages[-1]]
    contradicted = int(now.get("contradicted", 0))
    unverifiable = int(now.get("not_verifiable", 0))
    checkable = int(now.sum()) - unverifiable
    title = (
        f"{contradicted or 'None'} of {checkable} checkable claims "
        f"contradicted by MOU's figures; {unverifiable} cannot be verified"
    )
    desktop, phone = (_draw(counts, names, vintages, title, source, x) for x in LAYOUTS)
    data = counts.rename_axis("verdict").reset_index().assign(label=names)
    alt = f"{title}. Bar chart of the article's claims by verdict. " + "; ".join(
        f"{name}: {', '.join(f'{row[v]} ({v})' for v in vintages)}"
        for name, (_, row) in zip(names, counts.iterrows(), strict=True)
    )
    detail = "; ".join(
        f"{name}: {row[vintages[-1]]}"
        for name, (_, row) in zip(names, counts.iterrows(), strict=True)
        if row[vintages[-1]]
    )
    return Chart(
        desktop, title, f"On the {vintages[-1]} figures: {detail}.", alt + ".", data, phone
    )


def _draw(
    counts: pd.DataFrame,
    names: list[str],
    vintages: tuple[str, ...],
    title: str,
    source: str,
    layout: Layout,
) -> Figure:
    with layout.style():
        figure, axes = new_figure(layout)
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
            axes.bar_label(bars, padding=2, fontsize=layout.smallest)
        # On a phone the verdicts are wrapped, leaving the bars room.
        shown = [wrapped(n, 1.1, layout.text) if layout is PHONE else n for n in names]
        axes.set_yticks([p + height / 2 for p in positions], shown)
        axes.invert_yaxis()
        axes.margins(x=0.1)
        axes.set(xlabel="claims")
        phone = layout is PHONE  # short labels, one a line, above the bars
        then = "article's date" if phone else f"figures of the article's date ({vintages[0]})"
        handles = [
            Patch(color=LINE, label=then),
            Patch(facecolor=WOMEN, hatch="//", edgecolor="white", label=f"{vintages[-1]} figures"),
        ]
        axes.legend(
            handles=handles,
            loc="lower left" if phone else "upper center",
            bbox_to_anchor=(0, 1.0) if phone else (0.5, -0.2),
            ncol=1 if phone else 2,
            frameon=False,
        )
        finish(figure, title, source, layout)
    return figure

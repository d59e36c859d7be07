"""One chart, two layouts: a wide one for a desktop column and a tall one for a phone,
each laid out so that no title or label runs off the figure, and each chart's
finding, description and data kept with it.

On a phone (a column of about 340 CSS pixels) the phone layout is drawn
PHONE.size[0] inches wide with no text under PHONE.smallest points, and on a desktop
(a column of about 665) the wide layout likewise, so the smallest text is at least
MIN_TEXT_PX CSS pixels tall on either. The report serves it
through `<picture>`: the index's figures through its Sphinx extension
(analysis.site.pictures), a notebook's from the chart's own HTML (`Chart` displays
itself in Jupyter as both renderings, with its alt text). Files are written with
deterministic bytes (no dates, no software names).
"""

import base64
import html
import io
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine

PHONE_MEDIA = "(max-width: 640px)"  # the report's phone breakpoint (report.css)
PHONE_SUFFIX = "-phone"  # a chart's phone layout: STEM-phone.png beside STEM.png
PHONE_COLUMN_PX = 340  # the narrowest column a figure gets on a 390 px phone, CSS pixels
DESKTOP_COLUMN_PX = 665  # the column a figure gets at 1,280 px, CSS pixels
MIN_TEXT_PX = 11


@dataclass(frozen=True)
class Layout:
    """A figure's size (inches), its text sizes (points) and the resolution of its PNG."""

    name: str
    size: tuple[float, float]
    title: float
    text: float  # tick labels, axis labels, legends
    smallest: float  # annotations and the source line
    dpi: int

    def style(self) -> AbstractContextManager[None]:
        """Matplotlib's settings for drawing in this layout (text sizes)."""
        sizes = ("font.size", "axes.labelsize", "xtick.labelsize", "ytick.labelsize")
        rc = {name: self.text for name in (*sizes, "legend.fontsize", "legend.title_fontsize")}
        return mpl.rc_context(rc)  # type: ignore[arg-type]


# 8 in shown 665 px wide: 1 pt is 1.15 CSS px, so 10 pt is 11.5 px.
DESKTOP = Layout("desktop", (8.0, 4.5), title=12.5, text=10.5, smallest=10, dpi=150)
# 3.4 in shown 340 px wide: 1 pt is 1.39 CSS px, so 8.5 pt is 11.8 px.
PHONE = Layout("phone", (3.4, 4.8), title=10.5, text=9, smallest=8.5, dpi=200)
LAYOUTS = (DESKTOP, PHONE)
NOTEBOOK = Layout("notebook", DESKTOP.size, DESKTOP.title, DESKTOP.text, DESKTOP.smallest, 100)
DPIS = (72, *sorted({layout.dpi for layout in (*LAYOUTS, NOTEBOOK)}))  # SVG, then each PNG


@dataclass(frozen=True)
class Chart:
    """A figure with its finding (title), the figures behind it (detail, for a caption),
    a description for screen readers that leads with the finding (alt), the data it
    draws, and the same chart laid out for a phone (phone)."""

    figure: Figure
    title: str
    detail: str
    alt: str
    data: pd.DataFrame
    phone: Figure | None = None

    def _repr_mimebundle_(self, **_: Any) -> dict[str, str]:
        """In a notebook: HTML serving the phone rendering on a narrow screen, with the alt
        text (MyST-NB renders the HTML into the report), and for viewers that show no
        HTML a plain PNG (at 100 dpi, as Jupyter draws figures) and the title."""
        wide = png_bytes(self.figure, NOTEBOOK)
        return {
            "text/html": picture_html(self),
            "image/png": base64.b64encode(wide).decode(),
            "text/plain": self.title,
        }


def png_bytes(figure: Figure, layout: Layout) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=layout.dpi, metadata={"Software": None})
    return buffer.getvalue()


def _data_uri(figure: Figure, layout: Layout) -> str:
    return "data:image/png;base64," + base64.b64encode(png_bytes(figure, layout)).decode()


def picture_html(chart: Chart) -> str:
    """The chart as `<figure><picture>`: the phone layout below PHONE_MEDIA, else the
    desktop one; the alt text states the finding."""
    width, height = (round(s * DESKTOP.dpi) for s in DESKTOP.size)
    source = ""
    if chart.phone is not None:
        source = f'<source media="{PHONE_MEDIA}" srcset="{_data_uri(chart.phone, PHONE)}">'
    return (
        f'<figure class="chart"><picture>{source}<img src="{_data_uri(chart.figure, DESKTOP)}" '
        f'alt="{html.escape(chart.alt)}" width="{width}" height="{height}"></picture></figure>'
    )


def new_figure(layout: Layout) -> tuple[Figure, "mpl.axes.Axes"]:
    """A figure of `layout`'s size, laid out by matplotlib's constrained layout (title,
    legends and source line included), with one axes."""
    figure = Figure(figsize=layout.size, layout=ConstrainedLayoutEngine(w_pad=0.06, h_pad=0.06))
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def wrapped(text: str, width_inches: float, size: float, weight: str = "normal") -> str:
    """`text` broken at spaces into lines that each fit `width_inches` at `size` points
    (measured with the font the figures use, at every resolution they are drawn at: the
    font's hinting makes a line's width differ a few percent from one to another)."""
    renderers = [RendererAgg(1, 1, dpi) for dpi in DPIS]  # type: ignore[no-untyped-call]
    font = FontProperties(family=mpl.rcParams["font.family"], size=size, weight=weight)

    def fits(line: str) -> bool:
        widths = [r.get_text_width_height_descent(line, font, ismath=False)[0] for r in renderers]  # type: ignore[no-untyped-call]
        return all(w <= width_inches * r.dpi for w, r in zip(widths, renderers, strict=True))

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and not fits(candidate):
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def finish(figure: Figure, title: str, note: str, layout: Layout) -> None:
    """The finding as the figure's title and the source line below, both from the left
    edge and wrapped to the figure's width (so neither is ever cut off)."""
    usable = layout.size[0] * 0.96
    figure.suptitle(
        wrapped(title, usable, layout.title, "bold"),
        x=0.02,
        ha="left",
        fontsize=layout.title,
        fontweight="bold",
        linespacing=1.15,
    )
    figure.supxlabel(
        wrapped(note, usable, layout.smallest),
        x=0.02,
        ha="left",
        fontsize=layout.smallest,
        color="#444444",
        linespacing=1.2,
    )


def save(figure: Figure, stem: str, directory: Path, layout: Layout = DESKTOP) -> list[Path]:
    """Write `stem`.png and `stem`.svg into `directory`, with no timestamps."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, metadata in (
        (".png", {"Software": None}),
        (".svg", {"Date": None, "Creator": None}),
    ):
        path = directory / f"{stem}{suffix}"
        figure.savefig(path, metadata=metadata, dpi=layout.dpi)
        written.append(path)
    return written


def save_chart(chart: Chart, stem: str, directory: Path) -> list[Path]:
    """Write the chart's PNG and SVG, its phone layout as `stem`-phone.png and .svg, and
    the data it draws as `stem`.csv beside them."""
    written = save(chart.figure, stem, directory)
    if chart.phone is not None:
        written += save(chart.phone, f"{stem}{PHONE_SUFFIX}", directory, PHONE)
    data = directory / f"{stem}.csv"
    chart.data.to_csv(data, index=False, lineterminator="\n")
    return [*written, data]

"""Tables and blocks written for people: plain headers, no row numbers, cells
formatted by analysis.formatting, and HTML from autoescaping templates
(src/analysis/show/templates/)."""

import numbers
import re
from dataclasses import dataclass
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from analysis.formatting import cell, typeset

# --- tables and blocks as HTML, escaped by the template engine -------------------

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("analysis.show", "templates"),
    autoescape=True,  # every string that reaches HTML is escaped, whatever file it came from
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


_DAY = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")


def keep_days(text: str) -> Markup:
    """`text`, escaped, with each day or month written YYYY-MM-DD or YYYY-MM kept on one
    line: broken at a hyphen in a narrow column, "2014-01-" and "13" read as two figures."""
    return Markup(_DAY.sub(r'<span class="day">\g<0></span>', str(escape(text))))


_TEMPLATES.filters["typeset"] = typeset
_TEMPLATES.filters["days"] = keep_days


def render_html(template: str, **context: Any) -> str:
    """Render one of src/analysis/show/templates/ with autoescaping."""
    return _TEMPLATES.get_template(template).render(show=cell, **context)


@dataclass(frozen=True)
class Cell:
    text: str
    number: bool = False
    url: str | None = None


@dataclass(frozen=True)
class Table:
    """A table written for people: plain headers, formatted cells, no row numbers.

    Displays as HTML in notebooks and the report, and as aligned text elsewhere."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    notes: tuple[str, ...] = ()  # what rows share, said once under the table ("note 1")
    fold: str = ""  # a one-line summary to fold the table below (empty: shown open)

    def _repr_html_(self) -> str:
        return render_html("table.html.j2", table=self)

    def __repr__(self) -> str:
        texts = [list(self.headers), *([c.text for c in row] for row in self.rows)]
        widths = [max(len(r[i]) for r in texts) for i in range(len(self.headers))]
        lines = [
            "  ".join(t.ljust(w) for t, w in zip(r, widths, strict=True)).rstrip() for r in texts
        ]
        notes = [f"Note {n}: {note}" for n, note in enumerate(self.notes, start=1)]
        heads = [t for t in (self.fold, self.caption) if t]
        return "\n".join(heads + lines + notes)


def table(
    frame: pd.DataFrame,
    columns: dict[str, str],
    links: dict[str, str] | None = None,
    caption: str = "",
    notes: tuple[str, ...] = (),
    fold: str = "",
) -> Table:
    """`frame`'s `columns` (name -> header) as a Table; `links` maps a column to the
    column holding its URL; `notes` are said once under it; `fold`, when given, is the
    one-line summary the table is folded below (a long table a reader opens at will)."""
    links = links or {}
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for name in columns:
            value = record[name]
            url = record.get(links[name]) if name in links else None
            is_number = isinstance(value, numbers.Number) and not isinstance(value, bool)
            cells.append(
                Cell(cell(value), is_number, None if url is None or url is pd.NA else str(url))
            )
        rows.append(tuple(cells))
    return Table(tuple(columns.values()), tuple(rows), caption, notes, fold)

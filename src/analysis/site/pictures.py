"""A Sphinx extension: a figure drawn for a phone too is served through `<picture>`.

For an image `figures/STEM.png` whose phone layout `figures/STEM-phone.png` is among
the files the report publishes (html_extra_path), the page gets

    <picture><source media="(max-width: 640px)" srcset="figures/STEM-phone.png">
    <img ...></picture>

so a phone shows the tall layout, whose text is large enough to read, and a
desktop the wide one (analysis.show.figures). Any page that shows such a figure
gets it, the index or a page added later.
"""

import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from analysis.show.figures import PHONE_MEDIA, PHONE_SUFFIX


def phone_version(uri: str, published: list[Path]) -> str | None:
    """The phone layout's path (relative to the site) of the figure at `uri`, when one of
    the `published` folders holds it; None otherwise."""
    stem, dot, suffix = uri.rpartition(".")
    if not dot or not uri.startswith("figures/") or stem.endswith(PHONE_SUFFIX):
        return None
    phone = f"{stem}{PHONE_SUFFIX}.{suffix}"
    return phone if any((folder / phone).is_file() for folder in published) else None


class PictureTranslator(HTML5Translator):
    """Sphinx's HTML5 writer, with a phone figure's `<source>` around its image."""

    def visit_image(self, node: nodes.image) -> None:
        config = self.builder.config
        published = [Path(self.builder.confdir, p) for p in config.html_extra_path]
        phone = phone_version(node["uri"], published)
        if phone is not None:
            here = posixpath.dirname(self.builder.current_docname) or "."
            srcset = posixpath.relpath(phone, here)
            self.body.append(f'<picture><source media="{PHONE_MEDIA}" srcset="{srcset}">')
            node["picture"] = True
        super().visit_image(node)

    def depart_image(self, node: nodes.image) -> None:
        super().depart_image(node)
        if node.get("picture"):
            self.body.append("</picture>")


def setup(app: Sphinx) -> dict[str, Any]:
    # Registered before the theme wraps the HTML translator in its own (at builder-inited).
    app.set_translator("html", PictureTranslator)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

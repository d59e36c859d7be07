"""Sphinx configuration of the report (MyST-NB + sphinx-book-theme).

The notebooks arrive already executed (analysis.notebooks, in parallel), so
MyST-NB only renders them. Nothing is loaded from another host. Every page's
footer gives the authors, the licence, a link to how to cite the report and the
version's date, which comes from the commit or SOURCE_DATE_EPOCH, never the clock
(analysis.site.furniture), so two builds give the same bytes. Figures drawn for a
phone too are served through <picture> (analysis.site.pictures); search finds
numbers (analysis.site.search).
"""

from analysis.site import furniture

project = "Checking Daily NK's January 2018 article on defector arrivals"
author = "The defector-claims project"
copyright = "the defector-claims project"
language = "en"

extensions = ["myst_nb", "analysis.site.pictures", "analysis.site.search"]
suppress_warnings = ["mystnb.unknown_mime_type"]

# Render, never execute: the notebooks were executed once, by the project's own executor.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Links are written as the final relative URLs (pages, anchors, data files): taken as given.
myst_all_links_external = True
# Quotes and ellipses become typographic, but never dashes: "--press" is an option, not
# "–press".
smartquotes_action = "qe"

html_theme = "sphinx_book_theme"
html_title = "The Daily NK article, checked"
html_static_path = ["_static"]
html_css_files = ["report.css"]
html_js_files = ["file-search.js", "open-wide.js"]
templates_path = ["_templates"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_permalinks = True
html_use_index = False  # no index entries: no empty genindex page
html_favicon = "_static/favicon.svg"  # a page must not make the browser ask for /favicon.ico
# The site title is the first entry of the navigation; a bare logo link outside any
# landmark would be an accessibility violation (axe "region").
html_sidebars = {"**": ["sbt-sidebar-nav.html"]}  # search is in the header
html_context = {"default_mode": "light", **furniture.context()}
html_theme_options = {
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_source_button": False,
    "use_issues_button": False,
    "use_edit_page_button": False,
    "show_toc_level": 2,
    "home_page_in_toc": True,
    "navigation_with_keys": False,
    "article_header_end": ["toggle-secondary-sidebar"],
    "footer_content_items": ["furniture.html"],
}


def _escape_theme_titles(app, pagename, templatename, context, doctree):  # type: ignore[no-untyped-def]
    """sphinx-book-theme sets `pagetitle` to the title's plain text and prints it
    unescaped in its print-only header: escape it, as a Markup string, so a template
    that escapes it too does not escape it twice. Titles hold data (publishers)."""
    from markupsafe import escape

    for key in ("pagetitle", "root_title"):
        if key in context:
            context[key] = escape(context[key])


def setup(app):  # type: ignore[no-untyped-def]
    app.connect("html-page-context", _escape_theme_titles, priority=900)

"""Build the self-contained HTML report: every notebook executed afresh (into
the build folder, never touching the committed ones) and rendered to a page,
the figures exported as PNG and SVG, and an index with the scorecard.

Pages load nothing from other hosts: nbconvert's "basic" template gives the
notebook body with images inlined, wrapped here in a page with its own CSS.
"""

import html
import sys
import time
from importlib import metadata
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from analysis import claims, datasets, notebooks, paths, plots, vintages

CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
img { max-width: 100%; height: auto; }
pre { background: #f7f7f7; padding: 0.5rem; overflow-x: auto; }
.jp-InputPrompt, .jp-OutputPrompt { display: none; }
nav a { margin-right: 1rem; }
td.contradicted, td.internally_inconsistent { background: #f3d9d0; font-weight: bold; }
td.not_verifiable { background: #eeeeee; font-style: italic; }
td.reproduced_as_published_then { background: #fdf0d5; }
"""
FIGURES = {
    "arrivals_article": lambda: plots.arrivals_by_sex(
        vintages.arrivals("article"), vintages.describe("article")
    ),
    "arrivals_latest": lambda: plots.arrivals_by_sex(
        vintages.arrivals("latest"), vintages.describe("latest")
    ),
    "women_share": lambda: plots.women_share(
        vintages.arrivals("latest"), vintages.describe("latest")
    ),
    "revisions": lambda: plots.revisions(vintages.arrivals("first"), vintages.arrivals("latest")),
    "scorecard": lambda: plots.scorecard(claims.scorecard()),
}


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        '<nav><a href="index.html">Report index</a></nav>\n'
        f"{body}\n</body>\n</html>\n"
    )


def render_notebook(path: Path, target: Path) -> None:
    """Write `path` (an executed notebook) as a standalone HTML page."""
    exporter = HTMLExporter(template_name="basic")
    body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
    title = path.stem.replace("_", " ")
    target.write_text(_page(title, body), encoding="utf-8")


def _claims_table() -> str:
    rows = []
    for row in claims.scorecard().to_dict("records"):
        page = row["notebook"].removesuffix(".ipynb") + ".html"
        verdicts = "".join(
            f'<td class="{claims.words(row[f"verdict_{v}"]).css_class}">'
            f"{html.escape(claims.words(row[f'verdict_{v}']).short)}</td>"
            for v in claims.VINTAGES
        )
        rows.append(
            f'<tr><td><a href="{page}#{html.escape(row["id"])}">{html.escape(row["id"])}</a></td>'
            f"<td>“{html.escape(row['quote'])}”</td>{verdicts}</tr>"
        )
    return '<table class="scorecard">' + "\n".join(rows) + "</table>"


def _versions() -> str:
    names = ("pandas", "pandera", "matplotlib", "seaborn", "nbconvert")
    return ", ".join(f"{n} {metadata.version(n)}" for n in names)


def _index(pages: list[Path]) -> str:
    article = datasets.article()
    table = _claims_table()
    figures = "\n".join(
        f'<figure><img src="figures/{stem}.png" alt="{stem.replace("_", " ")}"></figure>'
        for stem in FIGURES
        if stem != "scorecard"
    )
    links = "\n".join(
        f'<li><a href="{p.name}">{html.escape(p.stem.replace("_", " "))}</a></li>' for p in pages
    )
    sources = datasets.sources()
    used = sources[sources["kind"] == "official_table"]
    source_items = "\n".join(
        f'<li>{html.escape(str(s["publisher"]))}: <a href="{html.escape(str(s["url"]))}">'
        f"{html.escape(str(s['title']))}</a> ({s['published']})</li>"
        for s in used.to_dict("records")
    )
    body = f"""
<h1>Checking Daily NK's January 2018 article on defector arrests and arrivals</h1>
<p>Article: {html.escape(article.publisher)}, <a href="{html.escape(article.url)}">{html.escape(article.title)}</a>
({article.published}). Each claim is checked against South Korea's Ministry of Unification (MOU) figures
as published on the article's date ({article.vintage_date}) and the latest figures.</p>
<h2>Scorecard</h2>
<p>Every checkable sentence of the article, with its verdict on MOU's figures as published on the
article's date and on the latest figures. Hover a verdict for the reason; follow a claim to its notebook.</p>
<figure><img src="figures/scorecard.png" alt="the article's claims by verdict"></figure>
{table}
<h2>Key figures</h2>
{figures}
<h2>Notebooks</h2>
<ul>{links}</ul>
<h2>Official sources</h2>
<ul>{source_items}</ul>
<p>All {len(sources)} sources, with URLs, are in <code>data/sources.csv</code>; the newest was
published {sources["published"].max()}. Built with {_versions()}. The report carries no build
timestamp, so rebuilding from the same data and code gives the same bytes.</p>
"""
    return _page("Defector arrivals: the article's claims checked", body)


def build(report_dir: Path = paths.REPORT_DIR) -> None:
    """Execute, render and index everything into `report_dir`, printing progress."""
    started = time.perf_counter()
    executed_dir = report_dir / "executed"
    sources = notebooks.notebook_paths()
    print(f"executing {len(sources)} notebooks", file=sys.stderr, flush=True)
    notebooks.execute_all((p, executed_dir / p.name) for p in sources)
    pages = []
    for path in sorted(executed_dir.glob("*.ipynb")):
        page = report_dir / f"{path.stem}.html"
        render_notebook(path, page)
        pages.append(page)
        print(f"  rendered {page.name}", file=sys.stderr, flush=True)
    plots.use_house_style()
    for stem, make in FIGURES.items():
        plots.save(make(), stem, report_dir / "figures")
    print(f"  exported {len(FIGURES)} figures (PNG, SVG)", file=sys.stderr, flush=True)
    (report_dir / "index.html").write_text(_index(pages), encoding="utf-8")
    seconds = time.perf_counter() - started
    print(f"report: {report_dir / 'index.html'} ({seconds:.1f} s)", file=sys.stderr, flush=True)

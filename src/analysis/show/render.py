"""Renderings of the claims and their evidence: JSON, Markdown, terminal table.

The JSON document (format "json") is the interface for other tools:

    {
      "articles": [{"id", "title", "publisher", "author", "url", "published",
                    "vintage_date"}],
      "vintages": ["article", "latest"],
      "verdicts": {"<verdict>": {"label", "short", "meaning"}, ...},
      "claims": [
        {"id", "article", "quote", "quantity", "kind", "stated", "precision", "check",
         "notebook", "anchor",
         "results": {"<vintage>": {
            "computed", "computed_text", "verdict", "reason", "recorded",
            "evidence": {
              "figures": [{"label", "value", "vintage", "file", "line", "column", "note",
                           "source": {"id", "publisher", "title", "published", "url",
                                      "dated"}}],
              "arithmetic": ["938 / 1,127 = 83.2%", ...],
              "band": "“83%” → 82.5% to under 83.5%",
              "revisions": [<figure>, ...]}}}}
      ]
    }

Each claim names its `article` (an id in "articles"); its "article" vintage is
that article's `vintage_date`, the day its figures stand for.
`computed` is what the data give as a number (a count, a share in percent, a
year), comparable with `stated`, and null where the claim is an ordering, a trend,
a date or an anecdote; `computed_text` is what the data give in words ("83.2%",
"2017: 1,127; next lowest 2015: 1,275"), for every claim.
`verdict` is one of analysis.claims.Verdict (e.g. `reproduced_as_published_then`);
`recorded` is the registry's verdict for that vintage (null for vintages the
registry does not record). `stated` is null for anecdotes, whose figures are
among the evidence. `figures` are exactly the cells the verdict depends on;
`revisions` lists every published value of a quantity that changed between
the article's date and the latest data. A figure's `note` says when it is
inferred from a table published later, and what the back-series reconciles with;
a source's `dated` gives its date in words (for an MOU table, the day its figures
run to and whether only the earliest evidence of its publication is known).
"""

import numbers
import re
import textwrap
from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

import orjson

from analysis import claims
from analysis.claims.registry import registry_file
from analysis.show import markdown, terminal

if TYPE_CHECKING:
    import pandas as pd

    from analysis.claims import press

TERMINAL_WIDTH = 100
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def anchor(claim: claims.Claim) -> str:
    """Where a reader of the repository finds the claim: its section in its notebook
    (notebooks/FILE#ID), or, for an article without notebooks, its registry."""
    if claim.notebook:
        return f"notebooks/{claim.notebook}#{claim.id}"
    return registry_file(claim.article)


def _fields(record: Any, *leave_out: str) -> dict[str, Any]:
    """A dataclass's fields in order, as dataclasses.asdict gives them one level deep."""
    return {f.name: getattr(record, f.name) for f in fields(record) if f.name not in leave_out}


def _figure(figure: claims.Figure) -> dict[str, Any]:
    """A figure with its source; the source's line in sources.csv is not exported."""
    return {**_fields(figure), "source": _fields(figure.source, "line")}


def computed_number(stated: object, outcome: claims.Outcome) -> int | float | None:
    """What the data give as one number comparable with `stated`: the computed value
    when it is a number, else the first number of its text (the latest of a revised
    figure, the lowest share of a series); None unless `stated` is a number."""
    if not isinstance(stated, numbers.Real) or isinstance(stated, bool):
        return None
    value = outcome.value
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    found = NUMBER.search(outcome.computed)
    if found is None:
        return None
    text = found.group().replace(",", "")
    return float(text) if "." in text else int(text)


def _evidence(outcome: claims.Outcome) -> dict[str, Any]:
    evidence = outcome.evidence
    return {
        "figures": [_figure(f) for f in evidence.figures],
        "arithmetic": list(evidence.arithmetic),
        "band": evidence.band,
        "revisions": [_figure(f) for f in evidence.revisions],
    }


def _article(article: claims.Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "publisher": article.publisher,
        "author": article.author,
        "url": article.url,
        "published": article.published,
        "vintage_date": article.vintage_date.isoformat(),
    }


def document(every: Sequence[claims.Results]) -> dict[str, Any]:
    """Every article's claims, verdicts and evidence as a JSON-ready dictionary (see
    the module docstring)."""
    vintages = every[0].vintages
    return {
        "articles": [_article(results.article) for results in every],
        "vintages": list(vintages),
        "verdicts": {
            v.value: {"label": w.label, "short": w.short, "meaning": w.meaning}
            for v, w in claims.VERDICTS.items()
        },
        "claims": [claim for results in every for claim in _claims(results)],
    }


def _claims(results: claims.Results) -> list[dict[str, Any]]:
    by_key = {(o.claim_id, o.vintage): o for o in results.outcomes}
    return [
        {
            "id": c.id,
            "article": c.article,
            "quote": c.quote,
            "quantity": c.quantity,
            "kind": c.kind,
            "stated": c.stated,
            "precision": c.precision,
            "check": c.check,
            "notebook": c.notebook,
            "anchor": anchor(c),
            "results": {
                v: {
                    "computed": computed_number(c.stated, by_key[(c.id, v)]),
                    "computed_text": by_key[(c.id, v)].computed,
                    "verdict": by_key[(c.id, v)].verdict.value,
                    "reason": by_key[(c.id, v)].reason,
                    "recorded": c.recorded.get(v),
                    "evidence": _evidence(by_key[(c.id, v)]),
                }
                for v in results.vintages
            },
        }
        for c in results.registry.claims
    ]


def as_json(every: Sequence[claims.Results]) -> str:
    return orjson.dumps(document(every), option=orjson.OPT_INDENT_2).decode() + "\n"


def markdown_table(results: claims.Results) -> str:
    """A Markdown table of one article's claims: each quote linking to its section in
    its notebook (or its registry), one verdict column per vintage; every field inert
    (analysis.show.markdown)."""
    doc, vintages = document([results]), results.vintages
    head = ["Claim", *(f"Verdict ({v})" for v in vintages)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for c in doc["claims"]:
        verdicts = [claims.words(c["results"][v]["verdict"]).short for v in vintages]
        link = f"[{markdown.quoted(c['quote'])}]({markdown.destination(c['anchor'])})"
        lines.append("| " + " | ".join([link, *verdicts]) + " |")
    return "\n".join(lines) + "\n"


def plain_table(every: Sequence[claims.Results]) -> str:
    """A table for a terminal of TERMINAL_WIDTH columns: claim, verdict per vintage,
    and what the data give on the last vintage; every article's claims in turn."""
    doc, vintages = document(every), every[0].vintages
    rows = [["claim", *(f"verdict ({v})" for v in vintages), f"data give ({vintages[-1]})"]]
    for c in doc["claims"]:
        found = c["results"]
        rows.append(
            [
                c["id"],
                *(claims.words(found[v]["verdict"]).short for v in vintages),
                found[vintages[-1]]["computed_text"] or "–",
            ]
        )
    rows = terminal.inert_rows(rows)
    first = max(len(r[0]) for r in rows)
    verdict = max(len(cell) for r in rows for cell in r[1:-1])
    last = TERMINAL_WIDTH - first - verdict * len(vintages) - 2 * (len(vintages) + 1)
    return terminal.wrapped_table(rows, [first, *([verdict] * len(vintages)), max(last, 20)])


def _press_rows(checks: "list[press.PressCheck]") -> list[dict[str, Any]]:
    return [
        {
            "id": c.claim.id,
            "source": c.claim.args["source_id"],
            "period": c.claim.args.get("period") or f"up to {c.claim.args['as_of']}",
            "field": c.claim.args["field"],
            "reported": c.claim.stated,
            "finding": c.finding,
            "verdict": c.outcome.verdict.value,
            "source_issue": c.issue,
            "reason": c.outcome.reason,
            "evidence": _evidence(c.outcome),
        }
        for c in checks
    ]


def press_json(checks: "list[press.PressCheck]") -> str:
    """The press checks as JSON: {"summary": {finding: count}, "figures": [...]}, each
    figure with its finding, verdict, recorded source issue and evidence."""
    from analysis.claims import press

    doc = {"summary": press.summary(checks), "figures": _press_rows(checks)}
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode() + "\n"


def press_table(checks: "list[press.PressCheck]") -> str:
    """Counts by finding, then each press figure that did not match the series of its day."""
    from analysis.claims import press

    lines = [f"{count:>4}  {finding}" for finding, count in press.summary(checks).items()]
    rows = [["press figure", "reported", "finding", "recorded source issue"]]
    rows += [
        [c.claim.id, f"{c.claim.stated:,}", c.finding, c.issue or ("–" if c.explained else "NONE")]
        for c in checks
        if c.finding in (press.STALE, press.DISPUTED, press.DIFFERS)
    ]
    rows = terminal.inert_rows(rows)
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    last = TERMINAL_WIDTH - sum(widths) - 6
    return "\n".join(lines) + "\n\n" + terminal.wrapped_table(rows, [*widths, max(last, 12)])


def arrivals_table(table: "pd.DataFrame", heading: str) -> str:
    """A vintage of the series (vintages.arrivals()) for a terminal of TERMINAL_WIDTH
    columns: counts with thousands separators, a dash where a source gives no split,
    the source and how the figure stood; the cumulative totals the inferred rows
    reconcile with, once, below."""
    from analysis import formatting

    rows = [["period", "men", "women", "total", "source", "published", "basis"]]
    for r in table.to_dict("records"):
        # An inferred row's figure is its later table's (the source column names it).
        later = r["inferred_from"] != r["source_id"]
        basis = r["basis"] + (
            f" from {r['inferred_from']}" if r["basis"] != "published" and later else ""
        )
        rows.append(
            [formatting.cell(r[k]) for k in ("period", "men", "women", "total", "source_id")]
            + [formatting.cell(r["published"]), basis]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right = {1, 2, 3}
    lines = [heading, ""]
    for row in rows:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    reconciled = sorted({str(r) for r in table["reconciles_with"].dropna() if str(r)})
    if reconciled:
        notes = "the inferred rows' back-series reconciles with " + "; ".join(reconciled)
        lines += ["", *textwrap.wrap(notes, TERMINAL_WIDTH)]
    return "\n".join(lines) + "\n"

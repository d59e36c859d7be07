"""Renderings of the claims scorecard: plain table, Markdown, JSON (the report renders
its own table from analysis.findings, through Sphinx).

The JSON document (format "json") is the interface for other tools:

    {
      "article": {"title", "publisher", "url", "vintage_date"},
      "vintages": ["article", "latest"],
      "verdicts": {"<verdict>": "<label>", ...},
      "claims": [
        {"id", "quote", "quantity", "kind", "stated", "precision", "notebook",
         "results": {"<vintage>": {"computed", "verdict", "reason", "recorded"}}}
      ]
    }

`verdict` is one of analysis.claims.Verdict; `recorded` is the registry's
verdict for that vintage (null for vintages the registry does not record).
"""

import json
from typing import Any

from analysis import claims, datasets

SHORT = {
    claims.Verdict.REPRODUCED_EXACTLY: "reproduced exactly",
    claims.Verdict.REPRODUCED_WITHIN_ROUNDING: "reproduced (rounding)",
    claims.Verdict.REPRODUCED: "reproduced",
    claims.Verdict.REPRODUCED_AS_PUBLISHED_THEN: "as published then",
    claims.Verdict.CONTRADICTED: "CONTRADICTED",
    claims.Verdict.INTERNALLY_INCONSISTENT: "internally inconsistent",
    claims.Verdict.NOT_VERIFIABLE: "not verifiable",
}


def document(vintages: tuple[str, ...]) -> dict[str, Any]:
    """The scorecard as a JSON-ready dictionary (see the module docstring)."""
    registry = claims.load_registry()
    outcomes = {(o.claim_id, o.vintage): o for o in claims.evaluate_all(vintages)}
    article = datasets.article()
    return {
        "article": {
            "title": article.title,
            "publisher": article.publisher,
            "url": article.url,
            "vintage_date": article.vintage_date.isoformat(),
        },
        "vintages": list(vintages),
        "verdicts": {v.value: label for v, label in claims.VERDICT_LABELS.items()},
        "claims": [
            {
                "id": c.id,
                "quote": c.quote,
                "quantity": c.quantity,
                "kind": c.kind,
                "stated": c.stated,
                "precision": c.precision,
                "notebook": c.notebook,
                "results": {
                    v: {
                        "computed": outcomes[(c.id, v)].computed,
                        "verdict": outcomes[(c.id, v)].verdict.value,
                        "reason": outcomes[(c.id, v)].reason,
                        "recorded": c.recorded.get(v),
                    }
                    for v in vintages
                },
            }
            for c in registry.claims
        ],
    }


def as_json(vintages: tuple[str, ...]) -> str:
    return json.dumps(document(vintages), ensure_ascii=False, indent=2) + "\n"


def markdown_table(vintages: tuple[str, ...], link_prefix: str = "notebooks/") -> str:
    """A Markdown table: claim id, quoted claim, one verdict column per vintage, notebook."""
    doc = document(vintages)
    head = ["Claim", "The article says", *(f"Verdict ({v})" for v in vintages), "Notebook"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for c in doc["claims"]:
        verdicts = [SHORT[claims.Verdict(c["results"][v]["verdict"])] for v in vintages]
        notebook = f"[{c['notebook']}]({link_prefix}{c['notebook']})"
        quote = c["quote"].replace("|", "\\|")
        lines.append("| " + " | ".join([f"`{c['id']}`", f"“{quote}”", *verdicts, notebook]) + " |")
    return "\n".join(lines) + "\n"


def plain_table(vintages: tuple[str, ...]) -> str:
    """A fixed-width table for the terminal: id, verdict per vintage, computed values."""
    doc = document(vintages)
    rows = [["claim", *(f"{v}: verdict" for v in vintages), *(f"{v}: computed" for v in vintages)]]
    for c in doc["claims"]:
        results = c["results"]
        rows.append(
            [
                c["id"],
                *(SHORT[claims.Verdict(results[v]["verdict"])] for v in vintages),
                *(results[v]["computed"] for v in vintages),
            ]
        )
    widths = [min(max(len(r[i]) for r in rows), 48) for i in range(len(rows[0]))]
    return (
        "\n".join(
            "  ".join(cell[:48].ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
            for r in rows
        )
        + "\n"
    )

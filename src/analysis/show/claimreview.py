"""Export verdicts as schema.org ClaimReview JSON-LD, the fact-checking
ecosystem's standard markup (https://schema.org/ClaimReview)."""

from collections.abc import Sequence
from typing import Any

import orjson

from analysis import claims
from analysis.show import render

DATA_FILES = ("data/arrivals.csv", "data/cumulative.csv", "data/border_arrests.csv")


def page(claim: claims.Claim) -> str:
    """The report page that shows a claim: its notebook's, else its article's."""
    if claim.notebook:
        return claim.notebook.removesuffix(".ipynb") + ".html"
    return f"articles/{claim.article}.html"


def _citations(outcome: claims.Outcome) -> list[dict[str, Any]]:
    """The sources of the evidence's figures, each once, as schema.org CreativeWorks."""
    sources = {f.source.id: f.source for f in outcome.evidence.figures}
    return [
        {
            "@type": "CreativeWork",
            "name": source.title,
            "publisher": {"@type": "Organization", "name": source.publisher},
            "url": source.url,
            # an interval (an undated page dated by what it holds) is no schema.org Date
            **({} if "/" in source.published else {"datePublished": source.published}),
        }
        for source in sources.values()
    ]


def claim_reviews(
    every: Sequence[claims.Results], base_url: str = "", site: bool = False
) -> list[dict[str, Any]]:
    """One ClaimReview per claim of every article, for one vintage, citing the sources
    of the figures its verdict rests on (ratings on a 1-5 scale, 5 = the claim holds;
    not verifiable has a label and no rating, as schema.org allows).

    `base_url` prefixes the links to notebooks and data: the repository's files, or
    with `site` the report's pages (PAGE.html#ID) and its data folder.
    """
    return [review for results in every for review in _reviews(results, base_url, site)]


def _reviews(results: claims.Results, base_url: str, site: bool) -> list[dict[str, Any]]:
    registry, article = results.registry, results.article
    vintage = results.vintages[-1]
    outcomes = {o.claim_id: o for o in results.outcomes if o.vintage == vintage}
    reviews = []
    for claim in registry.claims:
        outcome = outcomes[claim.id]
        words = claims.words(outcome.verdict)
        rating: dict[str, Any] = {
            "@type": "Rating",
            "alternateName": words.label,
            "bestRating": 5,
            "worstRating": 1,
        }
        if words.rating is not None:
            rating["ratingValue"] = words.rating
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": (
                    f"{base_url}{page(claim)}#{claim.id}"
                    if site
                    else f"{base_url}{render.anchor(claim)}"
                ),
                "claimReviewed": claim.quote,
                "datePublished": registry.review_date.isoformat(),
                "author": {"@type": "Organization", "name": registry.reviewer},
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Person", "name": article.author},
                    "datePublished": article.published,
                    "appearance": {
                        "@type": "NewsArticle",
                        "headline": article.title,
                        "url": article.url,
                        "publisher": {"@type": "Organization", "name": article.publisher},
                    },
                },
                "reviewRating": rating,
                "reviewBody": "; ".join((outcome.reason, *outcome.evidence.arithmetic)),
                "citation": _citations(outcome),
                "isBasedOn": [f"{base_url}{path}" for path in (*DATA_FILES, registry.file)],
            }
        )
    return reviews


def as_json_ld(every: Sequence[claims.Results], base_url: str = "", site: bool = False) -> str:
    """The ClaimReviews as JSON-LD, safe inside a <script> element (no "</")."""
    reviews = claim_reviews(every, base_url, site)
    text = orjson.dumps(reviews, option=orjson.OPT_INDENT_2).decode()
    return text.replace("</", "<\\/") + "\n"

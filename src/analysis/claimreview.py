"""Export verdicts as schema.org ClaimReview JSON-LD, the fact-checking
ecosystem's standard markup (https://schema.org/ClaimReview)."""

import json
from typing import Any

from analysis import claims, datasets

# Ratings on a 1-5 scale (5 = the claim holds). Not verifiable has no rating,
# only its label, as schema.org allows.
RATING = {
    claims.Verdict.REPRODUCED_EXACTLY: 5,
    claims.Verdict.REPRODUCED_WITHIN_ROUNDING: 5,
    claims.Verdict.REPRODUCED: 5,
    claims.Verdict.REPRODUCED_AS_PUBLISHED_THEN: 4,
    claims.Verdict.INTERNALLY_INCONSISTENT: 2,
    claims.Verdict.CONTRADICTED: 1,
}
DATA_FILES = (
    "data/arrivals.csv",
    "data/cumulative.csv",
    "data/border_arrests.csv",
    "data/claims.toml",
)


def claim_reviews(vintage: str = "latest", base_url: str = "") -> list[dict[str, Any]]:
    """One ClaimReview per registry claim, for one vintage.

    `base_url` prefixes the repository-relative links to notebooks and data.
    """
    registry = claims.load_registry()
    article = datasets.article()
    outcomes = {o.claim_id: o for o in claims.evaluate_all((vintage,))}
    reviews = []
    for claim in registry.claims:
        outcome = outcomes[claim.id]
        rating: dict[str, Any] = {
            "@type": "Rating",
            "alternateName": claims.VERDICT_LABELS[outcome.verdict],
            "bestRating": 5,
            "worstRating": 1,
        }
        if outcome.verdict in RATING:
            rating["ratingValue"] = RATING[outcome.verdict]
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"{base_url}notebooks/{claim.notebook}#{claim.id}",
                "claimReviewed": claim.quote,
                "datePublished": registry.review_date.isoformat(),
                "author": {"@type": "Organization", "name": registry.reviewer},
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Organization", "name": article.publisher},
                    "datePublished": article.published,
                    "appearance": {
                        "@type": "NewsArticle",
                        "headline": article.title,
                        "url": article.url,
                    },
                },
                "reviewRating": rating,
                "reviewBody": outcome.reason,
                "isBasedOn": [f"{base_url}{path}" for path in DATA_FILES],
            }
        )
    return reviews


def as_json_ld(vintage: str = "latest", base_url: str = "") -> str:
    return json.dumps(claim_reviews(vintage, base_url), ensure_ascii=False, indent=2) + "\n"

"""The vocabularies of the data files: the values a coded column may take, and which
kinds of source can give each kind of evidence."""

from collections.abc import Collection, Mapping

EVIDENCE_KINDS = ("mou_table", "mou_correction", "mou_restatement", "report")
SOURCE_KINDS = (
    "official_table",
    "news_report",
    "relayed_mou_notice",
    "blog",
    "secondary_copy",
    "government_report",
    "the_article",
)
EVIDENCE_SOURCE_KINDS: Mapping[str, Collection[str]] = {
    "mou_table": ("official_table",),
    "mou_correction": ("official_table", "relayed_mou_notice"),
    "mou_restatement": ("news_report", "relayed_mou_notice"),
    "report": tuple(kind for kind in SOURCE_KINDS if kind != "official_table"),
}
"""Which kinds of source can give each kind of evidence. An MOU table comes only from
MOU's own table; an MOU correction from MOU, or from a news report labelled as
relaying MOU's correction notice (kind relayed_mou_notice); a plain news report is
never an MOU correction, but may be a dated restatement of MOU's revised back-series."""
LANGUAGES = ("en", "ko", "zh", "es", "ja")
ISSUE_KINDS = (
    "typo",
    "mislabelled_period",
    "conflation",
    "disagreement",
    "inconsistent",
    "unverified",
)
COUNT_COLUMNS = ("men", "women", "total")
"""The count columns of arrivals.csv and cumulative.csv: men, women and both."""
ISSUE_FIELDS = (*COUNT_COLUMNS, "men+women", "period")
"""What a source issue is about: a figure's column, both sexes at once, or its period.
The checks match issues to figures by it, so it is an enumeration, not free text."""
ANECDOTE_UNITS = ("people", "percent", "instances")
PRESS_FINDINGS = (
    "matches then current",
    "matches then current, revised since",
    "the only source of its figure",
    "stale",
    "disputed",
    "differs",
    "not comparable",
)
"""What the press check finds for a news report's figure (analysis.claims.checks.press)."""

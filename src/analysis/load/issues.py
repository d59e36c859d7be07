"""The source issues of data/source_issues.csv by the figure each concerns: a figure is
named by its table, source, period end and field, and its issue is found by one lookup
(the checks ask for hundreds of figures; filtering the table for each costs more than
everything else they do)."""

from collections.abc import Hashable
from typing import Any

import pandas as pd

IssueKey = tuple[str, str, pd.Timestamp, str]
"""A figure: its table ("arrivals" or "cumulative"), source_id, period end and field."""


def by_figure(issues: pd.DataFrame) -> dict[IssueKey, dict[Hashable, Any]]:
    """Each figure's issue (the first recorded, in file order), as its row."""
    found: dict[IssueKey, dict[Hashable, Any]] = {}
    for row in issues.to_dict("records"):
        key = (row["table"], row["source_id"], row["period_end"], row["field"])
        found.setdefault(key, row)
    return found

"""Reconciliation: does a cumulative total MOU reported add up from the annual
series as it stood on the day it was reported? This is the evidence that the
vintage rule in analysis.vintages picks the back-series MOU was using."""

from pathlib import Path
from typing import Any

import pandas as pd

from analysis import datasets, paths, vintages

COUNTS = ("men", "women", "total")


# One definition, shared with the rule's own evidence lookup (analysis.vintages).
cumulative_through = vintages.cumulative_through


def year_end_reconciliation(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Every cumulative total reported for a 31 December, beside the sum of the
    series as it stood on the report's (latest possible) publication day.

    `status` is "exact" when every reported figure equals the computed one,
    "differs" when one does not, and "no series" when no series figure had been
    published by then.
    """
    reported = datasets.cumulative(data_dir)
    year_ends = reported[(reported["as_of"].dt.month == 12) & (reported["as_of"].dt.day == 31)]
    rows = []
    for report in year_ends.itertuples(index=False):
        row: dict[str, object] = {
            "as_of": report.as_of,
            "source_id": report.source_id,
            "published": report.published,
        }
        try:
            series = vintages.as_of(report.published_to.date(), data_dir)
        except ValueError:
            series = None
        computed = cumulative_through(series, report.as_of) if series is not None else {}
        differences = []
        for column in COUNTS:
            stated = getattr(report, column)
            value: Any = computed.get(column, pd.NA)
            row[f"reported_{column}"] = stated
            row[f"computed_{column}"] = value
            if not pd.isna(stated) and (pd.isna(value) or value != stated):
                differences.append(column)
        row["status"] = "no series" if series is None else ("differs" if differences else "exact")
        row["differs_in"] = ", ".join(differences)
        rows.append(row)
    table = pd.DataFrame(rows)
    counts = [c for c in table.columns if c.startswith(("reported_", "computed_"))]
    return table.astype({c: "Int64" for c in counts})

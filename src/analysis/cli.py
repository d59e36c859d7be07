"""The project's command line: validate the data, print a vintage of the series."""

import argparse
import sys
from collections.abc import Sequence
from datetime import date

import pandas as pd

from analysis import datasets, reconcile, vintages
from analysis.validation import DataValidationError


def _vintage(text: str) -> str | date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def cmd_validate(_: argparse.Namespace) -> int:
    """Load and validate every data file; print what was loaded."""
    counts = {
        "sources.csv": len(datasets.sources()),
        "arrivals.csv": len(datasets.reports()),
        "cumulative.csv": len(datasets.cumulative()),
        "border_arrests.csv": len(datasets.border_arrests()),
        "repatriation_context.csv": len(datasets.repatriation_context()),
        "source_issues.csv": len(datasets.source_issues()),
    }
    for name, rows in counts.items():
        print(f"data/{name}: {rows} rows, valid")
    article = datasets.article()
    print(f"article: {article.publisher}, {article.title!r}, figures as of {article.vintage_date}")
    exact = reconcile.year_end_reconciliation()["status"].eq("exact").sum()
    print(f"year-end cumulative totals reproduced exactly by the vintage rule: {exact}")
    return 0


def cmd_arrivals(args: argparse.Namespace) -> int:
    """Print the annual series for one vintage."""
    table = vintages.arrivals(_vintage(args.vintage))
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, date_format="%Y-%m-%d")
    else:
        with pd.option_context("display.width", 200, "display.max_rows", 500):
            print(table.to_string(index=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help=cmd_validate.__doc__)
    validate.set_defaults(run=cmd_validate)
    arrivals = commands.add_parser("arrivals", help=cmd_arrivals.__doc__)
    arrivals.add_argument(
        "--vintage",
        default=vintages.LATEST,
        help="latest | first | article | YYYY-MM-DD | an MOU table's source_id (default: latest)",
    )
    arrivals.add_argument("--format", choices=["table", "csv"], default="table")
    arrivals.set_defaults(run=cmd_arrivals)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except DataValidationError as error:
        print(error, file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

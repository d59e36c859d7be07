"""The command line's options and help (analysis.cli runs the commands): every command
and option says what it does, and a command's description is its function's docstring."""

import argparse
import inspect
from collections.abc import Callable, Mapping
from pathlib import Path

from analysis import arguments, paths, vintages


def _command(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    name: str,
    run: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    """A subcommand whose one-line help and description are its function's docstring."""
    doc = inspect.getdoc(run) or ""
    summary = " ".join(doc.split("\n\n")[0].split())
    parser = commands.add_parser(
        name,
        help=summary[0].lower() + summary[1:].rstrip("."),
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=run)
    return parser


VINTAGE_HELP = (
    "latest (the newest figure for every period), first (each as first reported), article "
    "(as published on the article's date), a day YYYY-MM-DD, or an MOU table's source id "
    "(e.g. mou-table-2012-01-11)"
)


def parser(
    description: str, run: Mapping[str, Callable[[argparse.Namespace], int]]
) -> argparse.ArgumentParser:
    """The parser of `python -m analysis`, each command running `run[name]`."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description=description,
        epilog="Run `python -m analysis COMMAND --help` for a command's options.",
    )
    parser.add_argument(
        "--data",
        type=arguments.data_dir,
        default=paths.DATA_DIR,
        metavar="DIR",
        help="the data directory to read (default: data/, or $ANALYSIS_DATA_DIR when set)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _command(commands, "validate", run["validate"])
    arrivals = _command(commands, "arrivals", run["arrivals"])
    arrivals.add_argument(
        "--vintage",
        type=arguments.vintage,
        default=vintages.LATEST,
        help=f"which figures: {VINTAGE_HELP} (default: latest)",
    )
    arrivals.add_argument(
        "--format",
        choices=["table", "csv"],
        default="table",
        help="table: for people, counts with thousands separators; csv: every column, for "
        "other tools (default: table)",
    )
    claims_ = _command(commands, "claims", run["claims"])
    claims_.add_argument(
        "--vintage",
        action="append",
        type=arguments.vintage,
        help=f"evaluate on: {VINTAGE_HELP}; repeat for several (default: article and latest)",
    )
    claims_.add_argument(
        "--format",
        choices=["table", "json", "markdown", "claimreview"],
        default="table",
        help="table: for a terminal of 100 columns; json: every claim with its evidence (schema "
        "in the README); markdown: a table linking each quote to its notebook; claimreview: "
        "schema.org ClaimReview JSON-LD (default: table)",
    )
    claims_.add_argument(
        "--check",
        action="store_true",
        help="exit 1 naming each claim whose verdict changed or whose data disagree",
    )
    claims_.add_argument(
        "--record",
        action="store_true",
        help="after reviewing a change: write every claim's computed verdicts into its "
        "article's claims.toml (`recorded`) and print the diff",
    )
    claims_.add_argument(
        "--press",
        action="store_true",
        help="check every figure the press published against MOU's series as it stood on its "
        "publication day (with --check: exit 1 if one is neither matched nor a recorded issue)",
    )
    claims_.add_argument(
        "--base-url",
        type=arguments.base_url,
        default="",
        metavar="URL",
        help="prefix for the notebook and data links in ClaimReview output (e.g. the repository's URL)",
    )
    readme_ = _command(commands, "readme", run["readme"])
    readme_.add_argument("--check", action="store_true", help="exit 1 if README.md is stale")
    package = _command(commands, "datapackage", run["datapackage"])
    action = package.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="rewrite data/datapackage.json")
    action.add_argument(
        "--check",
        action="store_true",
        help="exit 2 naming the first line where data/datapackage.json is out of date",
    )
    _command(commands, "notebooks", run["notebooks"])
    report_ = _command(commands, "report", run["report"])
    report_.add_argument(
        "--output",
        type=Path,
        default=paths.REPORT_DIR,
        metavar="DIR",
        help="folder to build into (default: build/report/); a folder that is not empty must "
        "hold an earlier build",
    )
    return parser

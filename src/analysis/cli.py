"""Check Daily NK's January 2018 article on North Korean defectors against South Korea's
Ministry of Unification (MOU) figures: validate the data, print the series as it stood
on any day, evaluate every claim (or every press figure), and build the report."""

import argparse
import errno
import inspect
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from analysis import claims, paths, vintages
from analysis.load import datapackage, datasets
from analysis.load.problems import DataValidationError
from analysis.show import claimreview, readme, render


def _vintage(text: str) -> vintages.Vintage:
    """A --vintage value, parsed as the Python API parses it."""
    try:
        return vintages.Vintage.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate every data file (the CSV files, article.toml, datapackage.json, claims.toml);
    print what was loaded.

    Every file is checked even when another fails (except that a broken
    sources.csv stops the files that refer to it), so one run lists every problem.
    datapackage.json is generated from the schemas: it is checked to be current.
    """
    failed: list[DataValidationError] = []
    data = None
    try:
        data = datasets.load(args.data)
    except DataValidationError as error:
        failed.append(error)
    # Every other file refers to sources.csv: with it broken, their checks would only echo it.
    sources_broken = any(p.file == "data/sources.csv" for e in failed for p in e.problems)
    if not sources_broken:
        for check in (datapackage.check, claims.load_registry):
            try:
                check(args.data)
            except DataValidationError as error:
                failed.append(error)
    if failed or data is None:
        raise DataValidationError.combined(failed)
    for name, field in datasets.FIELDS.items():
        print(f"data/{name}: {len(getattr(data, field))} rows, valid")
    print(
        "data/datapackage.json: generated from the schemas that checked these files, and up to date"
    )
    article = data.article
    print(f"article: {article.publisher}, {article.title!r}, figures as of {article.vintage_date}")
    book = vintages.Book(data)
    exact = vintages.year_end_reconciliation(book)["status"].eq("exact").sum()
    print(f"year-end cumulative totals reproduced exactly by the vintage rule: {exact}")
    return 0


def cmd_arrivals(args: argparse.Namespace) -> int:
    """Print arrivals per period (by sex and in total) as they stood on one vintage, with
    the source of each figure."""
    book = vintages.Book(datasets.load(args.data))
    table = book.arrivals(args.vintage)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, date_format="%Y-%m-%d", lineterminator="\n")
    else:
        heading = f"North Koreans arriving in South Korea, {book.describe(args.vintage)}"
        sys.stdout.write(render.arrivals_table(table, heading))
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    """Print the claims scorecard; with --check, fail when a verdict changed or data disagree."""
    chosen = tuple(str(v) for v in args.vintage) if args.vintage else claims.VINTAGES
    if args.press:
        return _press(args)
    data = datasets.load(args.data)
    if args.check:
        inputs = claims.inputs_for(data)
        found = claims.discrepancies(inputs)
        for line in found:
            print(f"claim check failed: {line}", file=sys.stderr)
        total = len(inputs.registry.claims)
        print(f"{total - len(found)} of {total} claims have their recorded verdicts")
        return 1 if found else 0
    if args.format == "claimreview":
        sys.stdout.write(claimreview.as_json_ld(claims.results(data, chosen[-1:]), args.base_url))
        return 0
    results = claims.results(data, chosen)
    if args.format == "json":
        sys.stdout.write(render.as_json(results))
    elif args.format == "markdown":
        sys.stdout.write(render.markdown_table(results))
    else:
        sys.stdout.write(render.plain_table(results))
    return 0


def _press(args: argparse.Namespace) -> int:
    """The press figures checked as claims: counts by finding, then every figure that
    did not match the series of its day; with --check, exit 1 on an unexplained one."""
    from analysis.claims import press

    checks = press.check_press(claims.inputs_for(datasets.load(args.data)))
    if args.format == "json":
        sys.stdout.write(render.press_json(checks))
    else:
        sys.stdout.write(render.press_table(checks))
    unexplained = [c for c in checks if not c.explained]
    for check in unexplained:
        print(
            f"press figure unexplained: {check.claim.id} ({check.outcome.reason}); record it in "
            "data/source_issues.csv or correct data/arrivals.csv",
            file=sys.stderr,
        )
    return 1 if args.check and unexplained else 0


def cmd_readme(args: argparse.Namespace) -> int:
    """Rewrite README.md's generated sections from the registry and the verdicts; --check only reports."""
    results = claims.results(datasets.load(args.data))
    if args.check:
        if readme.stale(results):
            print("README.md is out of date: run `python -m analysis readme`", file=sys.stderr)
            return 1
        return 0
    readme.write(results)
    return 0


def cmd_datapackage(args: argparse.Namespace) -> int:
    """Generate data/datapackage.json from the schemas and analysis.metadata: print it,
    or --write it, or --check that the file is current."""
    if args.write:
        datapackage.write(args.data)
    elif args.check:
        datapackage.check(args.data)
    else:
        sys.stdout.write(datapackage.render())
    return 0


def cmd_notebooks(args: argparse.Namespace) -> int:
    """Re-execute every notebook in place, refreshing its stored outputs."""
    from analysis.site import notebooks  # Jupyter imports are slow; only this command needs them

    try:
        notebooks.execute_all(((p, p) for p in notebooks.notebook_paths()), data_dir=args.data)
    except notebooks.NotebookFailed as error:
        print(f"notebook failed: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Build the report site (default: build/report/)."""
    # Jupyter imports are slow; only this command needs them.
    from analysis.site import buildfolder, notebooks, processes, report

    # SIGTERM unwinds: the workers are stopped and the staging folder deleted.
    with processes.sigterm_unwinds():
        try:
            cmd_validate(args)
            report.build(args.output, args.data)
        except notebooks.NotebookFailed as error:
            print(f"notebook failed: {error}", file=sys.stderr)
            return 1
        except (report.BuildFailed, buildfolder.FolderRefused) as error:
            print(error, file=sys.stderr)
            return 1
        except processes.Terminated:
            print("report: stopped by SIGTERM", file=sys.stderr)
            return 128 + signal.SIGTERM
    return 0


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description=__doc__,
        epilog="Run `python -m analysis COMMAND --help` for a command's options.",
    )
    parser.add_argument(
        "--data",
        type=lambda text: Path(os.path.abspath(text)),
        default=paths.DATA_DIR,
        metavar="DIR",
        help="the data directory to read (default: data/, or $ANALYSIS_DATA_DIR when set)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _command(commands, "validate", cmd_validate)
    arrivals = _command(commands, "arrivals", cmd_arrivals)
    arrivals.add_argument(
        "--vintage",
        type=_vintage,
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
    claims_ = _command(commands, "claims", cmd_claims)
    claims_.add_argument(
        "--vintage",
        action="append",
        type=_vintage,
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
        "--press",
        action="store_true",
        help="check every figure the press published against MOU's series as it stood on its "
        "publication day (with --check: exit 1 if one is neither matched nor a recorded issue)",
    )
    claims_.add_argument(
        "--base-url",
        default="",
        metavar="URL",
        help="prefix for the notebook and data links in ClaimReview output (e.g. the repository's URL)",
    )
    readme_ = _command(commands, "readme", cmd_readme)
    readme_.add_argument("--check", action="store_true", help="exit 1 if README.md is stale")
    package = _command(commands, "datapackage", cmd_datapackage)
    action = package.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="rewrite data/datapackage.json")
    action.add_argument(
        "--check",
        action="store_true",
        help="exit 2 naming the first line where data/datapackage.json is out of date",
    )
    _command(commands, "notebooks", cmd_notebooks)
    report_ = _command(commands, "report", cmd_report)
    report_.add_argument(
        "--output",
        type=Path,
        default=paths.REPORT_DIR,
        metavar="DIR",
        help="folder to build into (default: build/report/); a folder that is not empty must "
        "hold an earlier build",
    )
    return parser


def _closed_pipe() -> int:
    """The reader of standard output has gone (`| head`): stop quietly, as a program
    killed by SIGPIPE would, with nothing more written (not even at exit's flush)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 128 + signal.SIGPIPE


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; a data problem is printed as located errors (exit 2), never a traceback;
    a closed pipe on standard output ends it quietly."""
    args = build_parser().parse_args(argv)
    try:
        code = int(args.run(args))
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _closed_pipe()
    except DataValidationError as error:
        print(error, file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        if error.errno == errno.EPIPE:
            return _closed_pipe()
        where = f" ({error.filename})" if error.filename else ""
        print(f"error: {error.strerror or error}{where}", file=sys.stderr)
        return 2

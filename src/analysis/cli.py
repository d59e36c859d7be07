"""The project's command line: validate the data, print a vintage of the series."""

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis import claims, paths, vintages
from analysis.load import datapackage, datasets
from analysis.load.problems import DataValidationError
from analysis.show import claimreview, readme, render, terminal


def _vintage(text: str) -> vintages.Vintage:
    """A --vintage value, parsed as the Python API parses it."""
    try:
        return vintages.Vintage.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _data_dir(text: str) -> Path:
    """A --data value: a path, made absolute (an empty one would mean the working directory)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path: name the data directory")
    return Path(os.path.abspath(text))


def _base_url(text: str) -> str:
    """A --base-url value: empty, or an http(s) URL (it goes into every ClaimReview link)."""
    if text and not claimreview.BASE_URL.match(text):
        raise argparse.ArgumentTypeError(f"{text!r}: {claimreview.BASE_URL_RULE}")
    return text


def _shown(data_dir: Path, name: str) -> str:
    """How messages name a data file: data/NAME in the project's data folder, else its path."""
    return f"data/{name}" if data_dir == paths.DEFAULT_DATA_DIR else str(data_dir / name)


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
        print(f"{_shown(args.data, name)}: {len(getattr(data, field))} rows, valid")
    print(
        f"{_shown(args.data, 'datapackage.json')}: generated from the schemas that checked "
        "these files, and up to date"
    )
    article = data.article
    print(f"article: {article.publisher}, {article.title!r}, figures as of {article.vintage_date}")
    book = vintages.Book(data)
    exact = vintages.year_end_reconciliation(book)["status"].eq("exact").sum()
    print(f"year-end cumulative totals reproduced exactly by the vintage rule: {exact}")
    return 0


def cmd_arrivals(args: argparse.Namespace) -> int:
    """Print the annual series for one vintage."""
    table = vintages.arrivals(args.vintage, datasets.load(args.data))
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, date_format="%Y-%m-%d")
    else:
        with pd.option_context("display.width", 200, "display.max_rows", 500):
            print(terminal.inert(table.to_string(index=False)))
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
            print(terminal.inert(f"claim check failed: {line}"), file=sys.stderr)
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
        message = (
            f"press figure unexplained: {check.claim.id} ({check.outcome.reason}); record it in "
            f"{_shown(args.data, 'source_issues.csv')} or correct {_shown(args.data, 'arrivals.csv')}"
        )
        print(terminal.inert(message), file=sys.stderr)
    return 1 if args.check and unexplained else 0


def cmd_readme(args: argparse.Namespace) -> int:
    """Rewrite README.md's generated sections (claims table); --check only reports."""
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    parser.add_argument(
        "--data",
        type=_data_dir,
        default=paths.DATA_DIR,
        help="the data directory to read (default: data/, or $ANALYSIS_DATA_DIR when set)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help=cmd_validate.__doc__)
    validate.set_defaults(run=cmd_validate)
    arrivals = commands.add_parser("arrivals", help=cmd_arrivals.__doc__)
    arrivals.add_argument(
        "--vintage",
        type=_vintage,
        default=vintages.LATEST,
        help="latest | first | article | YYYY-MM-DD | an MOU table's source_id (default: latest)",
    )
    arrivals.add_argument("--format", choices=["table", "csv"], default="table")
    arrivals.set_defaults(run=cmd_arrivals)
    claims_ = commands.add_parser("claims", help=cmd_claims.__doc__)
    claims_.add_argument(
        "--vintage",
        action="append",
        type=_vintage,
        help="article | latest | first | YYYY-MM-DD | an MOU table's source_id; repeat for "
        "several (default: article and latest)",
    )
    claims_.add_argument(
        "--format", choices=["table", "json", "markdown", "claimreview"], default="table"
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
        type=_base_url,
        default="",
        help="prefix for the notebook and data links in ClaimReview output (e.g. the repository's URL)",
    )
    claims_.set_defaults(run=cmd_claims)
    readme_ = commands.add_parser("readme", help=cmd_readme.__doc__)
    readme_.add_argument("--check", action="store_true", help="exit 1 if README.md is stale")
    readme_.set_defaults(run=cmd_readme)
    package = commands.add_parser("datapackage", help=cmd_datapackage.__doc__)
    action = package.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="rewrite data/datapackage.json")
    action.add_argument(
        "--check",
        action="store_true",
        help="exit 2 naming the first line where data/datapackage.json is out of date",
    )
    package.set_defaults(run=cmd_datapackage)
    commands.add_parser("notebooks", help=cmd_notebooks.__doc__).set_defaults(run=cmd_notebooks)
    report_ = commands.add_parser("report", help=cmd_report.__doc__)
    report_.add_argument(
        "--output", type=Path, default=paths.REPORT_DIR, help="folder to build into"
    )
    report_.set_defaults(run=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; a data problem is printed as located errors (exit 2), never a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except DataValidationError as error:
        if args.data != paths.DEFAULT_DATA_DIR:
            error = error.located_in(args.data)
        print(terminal.inert(str(error)), file=sys.stderr)
        return 2
    except ValueError as error:
        print(terminal.inert(f"error: {error}"), file=sys.stderr)
        return 2
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        print(terminal.inert(f"error: {error.strerror or error}{where}"), file=sys.stderr)
        return 2

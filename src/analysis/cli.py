"""Check Daily NK's January 2018 article on North Korean defectors against South Korea's
Ministry of Unification (MOU) figures: validate the data, print the series as it stood
on any day, evaluate every claim (or every press figure), and build the report."""

import argparse
import errno
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis import claims, options, paths, vintages
from analysis.claims import record
from analysis.load import datapackage, datasets, metadata
from analysis.load.problems import DataValidationError
from analysis.show import claimreview, readme, render, terminal


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
        try:
            datapackage.check(args.data)
        except DataValidationError as error:
            failed.append(error)
    if data is not None:
        try:
            claims.load_registries(data)
        except DataValidationError as error:
            failed.append(error)
    if failed or data is None:
        raise DataValidationError.combined(failed)
    for name, field in datasets.FIELDS.items():
        print(f"{_shown(args.data, name)}: {len(getattr(data, field))} rows, valid")
    print(
        f"{_shown(args.data, datapackage.FILE)}: generated from the schemas that checked "
        "these files, and up to date"
    )
    for article in data.articles:
        print(
            f"article {article.id}: {article.publisher}, {article.title!r}, "
            f"figures as of {article.vintage_date}"
        )
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
        heading = f"{metadata.ARRIVALS}, {book.describe(args.vintage)}"
        sys.stdout.write(render.arrivals_table(table, heading))
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    """Print the claims scorecard; with --check, fail when a verdict changed or data disagree."""
    chosen = tuple(str(v) for v in args.vintage) if args.vintage else claims.VINTAGES
    if args.press:
        return _press(args)
    data = datasets.load(args.data)
    if args.record:
        diff = record.record_all(claims.every_inputs(data))
        sys.stdout.write(
            terminal.inert(diff or "every recorded verdict is already the computed one\n")
        )
        return 0
    if args.check:
        return _check(data)
    if args.format == "claimreview":
        every = claims.every_result(data, chosen[-1:])
        sys.stdout.write(claimreview.as_json_ld(every, args.base_url))
        return 0
    every = claims.every_result(data, chosen)
    if args.format == "json":
        sys.stdout.write(render.as_json(every))
    elif args.format == "markdown":
        sys.stdout.write(readme.claims_tables(every))
    else:
        sys.stdout.write(render.plain_table(every))
    return 0


def _check(data: datasets.Data) -> int:
    """Every article's claims against their recorded verdicts: "N of M claims", counting
    claims (not claim-vintage pairs), with each failing claim's vintages listed."""
    every = claims.every_inputs(data)
    total = sum(len(inputs.registry.claims) for inputs in every)
    failing = 0
    for inputs in every:
        for claim_id, lines in claims.discrepancies(inputs).items():
            failing += 1
            for line in lines:
                print(terminal.inert(f"claim check failed: {claim_id} {line}"), file=sys.stderr)
    articles = f"{len(every)} article{'s' if len(every) != 1 else ''}"
    print(f"{total - failing} of {total} claims in {articles} have their recorded verdicts")
    return 1 if failing else 0


def _press(args: argparse.Namespace) -> int:
    """The press figures checked as claims: counts by finding, then every figure that
    did not match the series of its day; with --check, exit 1 on an unexplained one."""
    from analysis.claims import press

    data = datasets.load(args.data)
    checks = press.check_press(claims.inputs_for(data))
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
    changed = press.unrecorded(checks, data.press_findings)
    for problem in changed:
        print(terminal.inert(f"press finding changed: {problem}"), file=sys.stderr)
    return 1 if args.check and (unexplained or changed) else 0


def cmd_readme(args: argparse.Namespace) -> int:
    """Rewrite README.md's generated sections from the registry and the verdicts; --check only reports."""
    every = claims.every_result(datasets.load(args.data))
    if args.check:
        if readme.stale(every):
            print("README.md is out of date: run `python -m analysis readme`", file=sys.stderr)
            return 1
        return 0
    readme.write(every)
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
        print(terminal.inert(f"notebook failed: {error}"), file=sys.stderr)
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
            print(terminal.inert(f"notebook failed: {error}"), file=sys.stderr)
            return 1
        except (report.BuildFailed, buildfolder.FolderRefused) as error:
            print(terminal.inert(str(error)), file=sys.stderr)
            return 1
        except processes.Terminated:
            print("report: stopped by SIGTERM", file=sys.stderr)
            return 128 + signal.SIGTERM
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser: every command with its options and help."""
    return options.parser(
        __doc__ or "",
        {
            "validate": cmd_validate,
            "arrivals": cmd_arrivals,
            "claims": cmd_claims,
            "readme": cmd_readme,
            "datapackage": cmd_datapackage,
            "notebooks": cmd_notebooks,
            "report": cmd_report,
        },
    )


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
        if args.data != paths.DEFAULT_DATA_DIR:
            error = error.located_in(args.data)
        print(terminal.inert(str(error)), file=sys.stderr)
        return 2
    except ValueError as error:
        print(terminal.inert(f"error: {error}"), file=sys.stderr)
        return 2
    except OSError as error:
        if error.errno == errno.EPIPE:
            return _closed_pipe()
        where = f" ({error.filename})" if error.filename else ""
        print(terminal.inert(f"error: {error.strerror or error}{where}"), file=sys.stderr)
        return 2

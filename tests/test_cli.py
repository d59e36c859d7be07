"""The command line, as an analyst runs it."""

import argparse
import json
import os
import re
import signal
import subprocess
import sys

import pytest

from analysis import cli, paths
from tests.conftest import run_cli as run


def test_validate_reports_every_file() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert "data/arrivals.csv: 169 rows, valid" in result.stdout
    assert "reproduced exactly by the vintage rule: 13" in result.stdout


def test_arrivals_for_the_article_as_csv() -> None:
    result = run("arrivals", "--vintage", "article", "--format", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "period,start,end,men,women,total,source_id,published,basis,inferred_from,reconciles_with"
    )
    assert lines[-1] == (
        "2017,2017-01-01,2017-12-31,189,938,1127,hankyung-2018-01-05,2018-01-05,published,,"
    )
    # Up to 1998: the total printed by the 2012 table, the split (as in force then, the
    # same-day women total shows) from the 2020 table; 2002: printed by no source by then.
    assert lines[1].endswith(",mou-table-2012-01-11,2012-01-11,published,mou-table-2020-09,")
    assert lines[3].endswith(",inferred,mou-table-2020-09,hankyung-2018-01-05 (to 2017-12-31)")


def test_arrivals_for_any_day() -> None:
    result = run("arrivals", "--vintage", "2012-01-20", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("2011,2011-01-01,2011-12-31,819,1918,2737,")


def test_an_unknown_vintage_is_a_clear_error() -> None:
    result = run("arrivals", "--vintage", "mou-table-1999")
    assert result.returncode == 2
    assert "no official MOU table with source_id 'mou-table-1999'" in result.stderr
    assert "a day written YYYY-MM-DD" in result.stderr


def test_an_impossible_date_is_an_invalid_date_not_an_unknown_table() -> None:
    for text in ("2018-02-30", "2018-13-45"):
        result = run("arrivals", "--vintage", text)
        assert result.returncode == 2
        assert f"invalid date '{text}': no such day" in result.stderr
        assert "'latest', 'first', 'article'" in result.stderr
        assert "MOU table" not in result.stderr.split("a vintage is")[0]


def test_the_claims_table_fits_100_columns_and_cuts_no_word() -> None:
    result = run("claims")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    words = set(result.stdout.split())
    assert {"elsewhere", "(−44.5%)", "lowest-since-kju-2017", "as", "published", "then"} <= words


def test_claims_scorecard_formats() -> None:
    table = run("claims")
    assert table.returncode == 0 and "arrivals-2017" in table.stdout
    markdown = run("claims", "--format", "markdown", "--vintage", "latest")
    assert markdown.stdout.startswith("**Daily NK, [New Year")  # each article's table in turn
    assert markdown.stdout.count("| Claim | Verdict (latest) |") == len(
        list((paths.DATA_DIR / "articles").iterdir())
    )


def test_every_command_and_option_has_help() -> None:
    """`--help` lists every command with a line of help, and every option says what it does."""
    parser = cli.build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    listed = {a.dest: a.help for a in commands._choices_actions}
    assert (
        set(listed)
        == set(commands.choices)
        == {"validate", "arrivals", "claims", "readme", "datapackage", "notebooks", "report"}
    )
    assert all(text and len(text) > 20 for text in listed.values()), listed
    for name, command in [("python -m analysis", parser), *commands.choices.items()]:
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help and action.help != argparse.SUPPRESS, f"{name} {action.dest}"
    top = run("--help")
    assert top.returncode == 0
    assert "build the report" in top.stdout and "print a vintage of the series" not in top.stdout
    for name in commands.choices:
        assert f"\n    {name}" in top.stdout, name
        assert run(name, "--help").returncode == 0


def test_arrivals_prints_a_table_for_people() -> None:
    result = run("arrivals", "--vintage", "article")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "North Koreans arriving in South Korea, as published on 7 January 2018"
    assert max(len(line) for line in lines) <= 100
    assert not re.search(r"NaT|NaN|<NA>", result.stdout)
    assert re.fullmatch(
        r"2017 +189 +938 +1,127 +hankyung-2018-01-05 +2018-01-05 +published", lines[-3]
    )
    assert re.match(r"up to 1998 +831 +116 +947 +mou-table-", lines[3])
    assert all(re.search(r"(published|inferred( from \S+)?)$", line) for line in lines[3:-3])
    first = run("arrivals", "--vintage", "first").stdout
    assert re.search(r"\n2002 +– +– +1,140 ", first), "a missing split is a dash"


@pytest.mark.parametrize(
    "args",
    [
        ("arrivals", "--format", "csv"),
        ("arrivals",),
        ("claims", "--format", "json"),
        ("claims", "--press", "--format", "json"),
    ],
)
def test_a_closed_pipe_ends_the_command_quietly(args: tuple[str, ...]) -> None:
    """`python -m analysis ... | head`: the reader is gone before the first write; the
    command stops with the status of a program ended by SIGPIPE and says nothing."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "analysis", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            cwd=paths.ROOT,
        )
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (128 + signal.SIGPIPE, "")


def test_claims_json_gives_computed_as_a_number_and_as_text() -> None:
    doc = json.loads(run("claims", "--format", "json").stdout)
    results = {c["id"]: (c["stated"], c["results"]) for c in doc["claims"]}
    stated, share = results["women-share-2017"]
    assert stated == 83 and share["article"]["computed_text"] == "83.2%"
    assert round(share["article"]["computed"], 1) == 83.2
    _, men = results["men-2017"]
    assert (men["article"]["computed"], men["latest"]["computed"]) == (189, 188)
    _, women = results["cumulative-women-2017"]
    assert (women["latest"]["computed"], women["latest"]["computed_text"]) == (22346, "22,346")
    _, lowest = results["lowest-since-kju-2017"]  # an ordering: no single number
    assert lowest["latest"]["computed"] is None
    assert lowest["latest"]["computed_text"].startswith("2017: 1,127; next lowest")
    for stated, found in results.values():
        for result in found.values():
            assert isinstance(result["computed_text"], str)
            if isinstance(stated, int) and result["computed_text"]:  # empty: no figure then
                assert isinstance(result["computed"], int | float), result
            else:
                assert result["computed"] is None, result

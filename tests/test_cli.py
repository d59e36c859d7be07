"""The command line, as an analyst runs it."""

from analysis import paths
from tests.conftest import run_cli as run


def test_validate_reports_every_file() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert "data/arrivals.csv: 151 rows, valid" in result.stdout
    assert "reproduced exactly by the vintage rule: 12" in result.stdout


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
    assert lines[1].endswith(",inferred,mou-table-2020-09,hankyung-2018-01-05 (to 2017-12-31)")


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
    assert {"elsewhere", "(-44.5%)", "lowest-since-kju-2017", "as", "published", "then"} <= words


def test_claims_scorecard_formats() -> None:
    table = run("claims")
    assert table.returncode == 0 and "arrivals-2017" in table.stdout
    markdown = run("claims", "--format", "markdown", "--vintage", "latest")
    assert markdown.stdout.startswith("**Daily NK, [New Year")  # each article's table in turn
    assert markdown.stdout.count("| Claim | Verdict (latest) |") == len(
        list((paths.DATA_DIR / "articles").iterdir())
    )

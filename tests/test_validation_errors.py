"""Every kind of malformed input gives an error naming the file, the line and
row, and the column, and saying what is wrong. Each case is a small fixture file
in tests/fixtures/malformed/ placed into an otherwise valid data directory."""

import contextlib
import errno
import re
import shutil
import socket
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

from analysis import paths
from analysis.load import (
    datapackage,
    datasets,
    dates,
    fastread,
    problems,
    rules,
    tables,
    text,
    validation,
)
from analysis.load.problems import DataValidationError
from tests.conftest import run_cli

MALFORMED = Path(__file__).parent / "fixtures" / "malformed"


class Case(NamedTuple):
    fixture: str
    target: str
    line: int | None
    column: str | None
    message: str


ARRIVALS = "arrivals.csv"
SOURCES = "sources.csv"
CUMULATIVE = "cumulative.csv"
ARTICLE = "articles/the-article/article.toml"
PACKAGE = "datapackage.json"
SEX_COLUMNS = "men, women, total"
CASES = [
    Case("count_with_comma", ARRIVALS, 3, "total", "whole number"),
    Case("negative_count", ARRIVALS, 3, "men", "whole number"),
    Case("decimal_count", ARRIVALS, 3, "men", "whole number"),
    Case("sexes_do_not_sum", ARRIVALS, 3, SEX_COLUMNS, "men + women must equal total"),
    Case("part_exceeds_total", ARRIVALS, 3, SEX_COLUMNS, "cannot exceed total"),
    Case("missing_total", ARRIVALS, 3, "total", "a value is required"),
    Case("impossible_date", ARRIVALS, 3, "period_end", "existing date"),
    Case("start_after_end", ARRIVALS, 3, "period_start, period_end", "not be after"),
    Case("not_whole_months", ARRIVALS, 3, "period_start, period_end", "last day of a month"),
    Case("overlapping_periods", ARRIVALS, 3, "period_start, period_end, source_id", "overlap"),
    Case("unknown_source", ARRIVALS, 3, "source_id", "unknown source_id"),
    Case("duplicate_row", ARRIVALS, 2, "source_id, period_start, period_end", "duplicate row"),
    Case("unknown_evidence", ARRIVALS, 3, "evidence", "must be one of"),
    Case("table_evidence_from_press", ARRIVALS, 3, "evidence, source_id", "official MOU table"),
    Case("wrong_field_count", ARRIVALS, 3, None, "expected 8 fields"),
    Case("surrounding_space", ARRIVALS, 3, "source_id", "surrounding spaces"),
    Case("missing_column", ARRIVALS, 1, "quote", "required column is missing"),
    Case("unexpected_column", ARRIVALS, 1, "extra", "unexpected column"),
    Case("blank_line", ARRIVALS, 2, None, "blank line"),
    Case("not_utf8", ARRIVALS, 2, None, "not valid UTF-8"),
    Case("empty_file", ARRIVALS, None, None, "the file is empty"),
    Case("sources_without_url", SOURCES, 3, "url", "a value is required"),
    Case("sources_bad_month", SOURCES, 2, "published", "YYYY, YYYY-MM or YYYY-MM-DD"),
    Case("cumulative_sexes_do_not_sum", CUMULATIVE, 2, SEX_COLUMNS, "must equal total"),
    Case("anecdote_low_above_high", "border_arrests.csv", 2, "low, high", "not be above high"),
    # Added for issue 11: no coercion, located errors for every failure.
    Case("fullwidth_digits", ARRIVALS, 3, "men", "ASCII digits 0-9 only"),
    Case("arabic_indic_digits", ARRIVALS, 3, "total", "ASCII digits 0-9 only"),
    Case("leading_zero", ARRIVALS, 3, "total", "without a leading zero"),
    Case("newline_in_count", ARRIVALS, 3, "total", "control character"),
    Case("nul_in_quote", ARRIVALS, 3, "quote", "control character"),
    Case("thirty_digit_count", ARRIVALS, 3, "total", "must be at most 100,000"),
    Case("count_above_bound", ARRIVALS, 3, "total", "must be at most 100,000"),
    Case("date_in_year_9999", ARRIVALS, 3, "period_start", "must fall between 1950-01-01"),
    Case("date_before_1950", ARRIVALS, 3, "period_start", "must fall between 1950-01-01"),
    Case("header_only", CUMULATIVE, 2, None, "has a header but no data rows"),
    Case("byte_order_mark", ARRIVALS, 1, None, "byte-order mark (BOM)"),
    Case("renamed_column", ARRIVALS, 1, "men", "required column is missing"),
    Case("reordered_columns", ARRIVALS, 1, "women", "column 3 should be 'men'"),
    Case("column_named_twice", ARRIVALS, 1, "men", "names this column twice"),
    Case("news_report_as_correction", ARRIVALS, 3, "evidence, source_id", "'mou_correction' only"),
    Case(
        "published_before_period_ends",
        ARRIVALS,
        3,
        "period_end, source_id",
        "published before the end of the period",
    ),
    Case(
        "cumulative_published_before_as_of",
        CUMULATIVE,
        2,
        "as_of, source_id",
        "published before the end of the period",
    ),
    Case("unterminated_quote", ARRIVALS, 3, None, "malformed CSV: unexpected end of data"),
    Case("capped_problems", ARRIVALS, 2, "total", "without a leading zero"),
    Case("url_with_markup", SOURCES, 3, "url", "must be an http(s) URL"),
    Case("url_with_space", SOURCES, 3, "url", "must be an http(s) URL"),
    Case("url_not_http", SOURCES, 3, "url", "must be an http(s) URL"),
    Case("uppercase_source_id", SOURCES, 4, "source_id", "must be a lowercase id"),
    Case("control_character_in_title", SOURCES, 3, "title", "control character"),
    Case("published_in_year_9999", SOURCES, 4, "published", "must fall between 1950-01-01"),
    Case("fullwidth_publication_date", SOURCES, 3, "published", "YYYY, YYYY-MM or YYYY-MM-DD"),
    Case("figure_id_with_markup", "border_arrests.csv", 2, "figure_id", "lowercase id"),
    Case(
        "anecdote_after_publication",
        "border_arrests.csv",
        2,
        "period_end, source_id",
        "published before the end of the period",
    ),
    Case("issue_id_with_space", "source_issues.csv", 2, "issue_id", "lowercase id"),
    Case("article_syntax_error", ARTICLE, 2, None, "not valid TOML"),
    Case("article_missing_key", ARTICLE, None, None, "missing key"),
    Case("article_date_as_string", ARTICLE, 2, None, "must be a TOML date"),
    Case("article_unexpected_key", ARTICLE, 3, None, "unexpected key"),
    Case("article_date_in_year_9999", ARTICLE, 2, None, "must fall between 1950-01-01"),
    # Every required column and every enumeration, each with a case of its own.
    Case("missing_period_end", ARRIVALS, 3, "period_end", "a value is required"),
    Case("anecdote_missing_low", "border_arrests.csv", 2, "low", "a value is required"),
    Case(
        "anecdote_unknown_unit",
        "border_arrests.csv",
        2,
        "unit",
        "must be one of instances, people, percent",
    ),
    Case("issue_unknown_table", "source_issues.csv", 2, "table", "must be one of arrivals, cum"),
    Case("issue_unknown_field", "source_issues.csv", 2, "field", "must be one of men, men+women"),
    Case("issue_unknown_kind", "source_issues.csv", 2, "kind", "must be one of conflation, dis"),
    Case("sources_unknown_language", SOURCES, 3, "language", "must be one of en, es, ja, ko, zh"),
    Case("sources_unknown_kind", SOURCES, 3, "kind", "must be one of blog, government_report"),
]
"""Each fixture, the file it replaces, and where its problem must be reported.

For article.toml the line is checked by the dedicated tests below where it is known
in advance; a CSV problem's column is a column name. datapackage.json is generated,
so its one problem (being out of date) has tests of its own below."""

LOADERS: dict[str, Callable[[Path], object]] = {
    ARRIVALS: datasets.reports,
    SOURCES: datasets.sources,
    CUMULATIVE: datasets.cumulative,
    "border_arrests.csv": datasets.border_arrests,
    "source_issues.csv": datasets.source_issues,
    ARTICLE: datasets.articles,
    PACKAGE: datapackage.check,
}
NEW_IN_ISSUE_11 = 45
RETIRED_IN_ISSUE_16 = 3
"""The malformed datapackage.json cases (bad JSON, fields out of order, a file not
described): the file is now generated, and checked only to be current."""


def _fixture(case: Case) -> Path:
    return MALFORMED / f"{case.fixture}{Path(case.target).suffix}"


# Messages name the file actually read: data/NAME for the tables, the full path of an
# article's files (which may lie anywhere a --data directory does).


def test_every_fixture_is_a_case() -> None:
    assert sorted(p.name for p in MALFORMED.iterdir()) == sorted(_fixture(c).name for c in CASES)
    assert len(CASES) == 25 + NEW_IN_ISSUE_11 - RETIRED_IN_ISSUE_16


@pytest.mark.parametrize("case", CASES, ids=[c.fixture for c in CASES])
def test_malformed_input_is_located_and_explained(case: Case, minimal_data: Path) -> None:
    shutil.copy(_fixture(case), minimal_data / case.target)
    with pytest.raises(DataValidationError) as raised:
        LOADERS[case.target](minimal_data)
    problems = raised.value.problems
    located = [p for p in problems if case.message in p.message]
    assert located, f"no problem says {case.message!r}: {problems}"
    problem = located[0]
    assert problem.file.endswith(f"data/{case.target}")
    if case.target.endswith(".csv"):
        assert (problem.line, problem.column) == (case.line, case.column)
    elif case.line is not None:
        assert problem.line == case.line
    text = str(raised.value)
    assert f"data/{case.target}" in text
    if case.line is not None:
        assert f"line {case.line}" in text
    if case.line not in (None, 1) and case.column is not None:
        assert f"(row {case.line - 1})" in text
    if case.column is not None:
        assert f"column {case.column!r}" in text


@pytest.mark.parametrize("case", CASES, ids=[c.fixture for c in CASES])
def test_the_command_line_reports_it_without_a_traceback(case: Case, minimal_data: Path) -> None:
    shutil.copy(_fixture(case), minimal_data / case.target)
    result = run_cli("validate", data_dir=minimal_data)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert case.message in result.stderr
    assert f"data/{case.target}" in result.stderr
    if case.line is not None:
        assert f"line {case.line}" in result.stderr


def test_problems_are_capped_at_fifty_then_counted(minimal_data: Path) -> None:
    shutil.copy(MALFORMED / "capped_problems.csv", minimal_data / ARRIVALS)
    with pytest.raises(DataValidationError) as raised:
        datasets.reports(minimal_data)
    # 60 counts with a leading zero; 60 rows sharing one period and source, of which
    # the 59 after the first overlap an earlier one.
    assert (len(raised.value.problems), raised.value.total) == (50, 179)
    text = str(raised.value)
    assert text.startswith("179 problems in the data:")
    assert text.count("\n  - ") == 50
    assert text.endswith("\n  ... and 129 more")


def test_syntax_errors_in_toml_give_line_and_column(minimal_data: Path) -> None:
    shutil.copy(MALFORMED / "article_syntax_error.toml", minimal_data / ARTICLE)
    with pytest.raises(DataValidationError, match=r"article.toml, line 2, column 27: "):
        datasets.articles(minimal_data)


def test_a_syntax_error_in_a_claims_registry_gives_line_and_column(minimal_data: Path) -> None:
    """Read like an article: the position tomllib names is where the problem shows it."""
    path = minimal_data / ARTICLE.replace("article.toml", "claims.toml")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(n for n, line in enumerate(lines) if line.startswith("[[claim]]"))
    lines[header] = "[[claim]\n"
    path.write_text("".join(lines), encoding="utf-8")
    result = run_cli("validate", data_dir=minimal_data)
    assert result.returncode == 2
    assert (
        f"claims.toml, line {header + 1}, column 8: not valid TOML: "
        "Expected ']]' at the end of an array declaration\n"
    ) in result.stderr


def _edit_datapackage(data_dir: Path, old: str, new: str) -> int:
    """Replace `old` (found once) in data_dir's datapackage.json; return its line."""
    path = data_dir / PACKAGE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"description": "Caveats."', '"description": "Caveats, edited by hand."'),
        ('"relayed_mou_notice",', ""),
        ("\n}\n", "\n}"),  # the final newline
        (',\n  "resources": [', ', "resources": ['),  # the same JSON, laid out otherwise
    ],
    ids=["description", "constraint", "final-newline", "layout"],
)
def test_a_datapackage_that_is_not_the_generated_one_is_named_at_its_line(
    old: str, new: str, minimal_data: Path
) -> None:
    """datapackage.json is generated from the schemas and analysis.metadata, so any other
    bytes, even the same JSON laid out otherwise, are out of date: the problem names the
    first line that differs and the command that rewrites the file."""
    line = _edit_datapackage(minimal_data, old, new) + old.startswith("\n")
    with pytest.raises(DataValidationError) as raised:
        datapackage.check(minimal_data)
    [problem] = raised.value.problems
    assert (problem.file, problem.line) == (f"data/{PACKAGE}", line)
    assert problem.message.startswith("out of date:")
    assert problem.message.endswith("run `python -m analysis datapackage --write`")
    assert datapackage.COMMAND == "python -m analysis datapackage --write"


def test_article_keys_are_named_with_their_line(minimal_data: Path) -> None:
    shutil.copy(MALFORMED / "article_date_as_string.toml", minimal_data / ARTICLE)
    with pytest.raises(DataValidationError) as raised:
        datasets.articles(minimal_data)
    assert str(raised.value.problems[0]) == (
        f"{minimal_data / ARTICLE}, line 2, key 'vintage_date': must be a TOML date (YYYY-MM-DD)"
        " (value '2018-01-07')"
    )
    shutil.copy(MALFORMED / "article_missing_key.toml", minimal_data / ARTICLE)
    with pytest.raises(DataValidationError, match=r"key 'vintage_date': missing key"):
        datasets.articles(minimal_data)


def _remove(path: Path) -> None:
    path.unlink()


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _symlink_loop(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.name)


def _socket(path: Path) -> None:
    """A file that even root cannot read: a Unix socket."""
    path.unlink()
    server = socket.socket(socket.AF_UNIX)
    with contextlib.chdir(path.parent):  # a socket's path is limited to 107 bytes
        server.bind(path.name)
    server.close()


BROKEN_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing": (_remove, "the file does not exist"),
    "directory": (_directory, "is a directory, not a file"),
    "symlink-loop": (_symlink_loop, "is a symbolic link that loops back on itself"),
    "unreadable": (_socket, "cannot be read"),
}


@pytest.mark.parametrize("target", [ARRIVALS, SOURCES, ARTICLE, PACKAGE])
@pytest.mark.parametrize("breakage", BROKEN_FILES)
def test_a_file_that_cannot_be_read_is_named(
    breakage: str, target: str, minimal_data: Path
) -> None:
    damage, message = BROKEN_FILES[breakage]
    damage(minimal_data / target)
    with pytest.raises(DataValidationError) as raised:
        LOADERS[target](minimal_data)
    shown = str(raised.value.problems[0])
    assert shown.endswith(f"data/{target}: {message}") or (
        breakage == "unreadable" and f"data/{target}: {message}: " in shown
    )


@pytest.mark.parametrize("breakage", BROKEN_FILES)
def test_the_command_line_names_an_unreadable_file(breakage: str, minimal_data: Path) -> None:
    BROKEN_FILES[breakage][0](minimal_data / CUMULATIVE)
    result = run_cli("validate", data_dir=minimal_data)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"data/{CUMULATIVE}: {BROKEN_FILES[breakage][1]}" in result.stderr


def test_a_permission_error_is_said_in_plain_words(tmp_path: Path) -> None:
    denied = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x.csv"))
    assert problems.unreadable_reason(tmp_path / "x.csv", denied) == (
        "cannot be read: permission denied"
    )


def test_a_missing_data_directory_is_named(tmp_path: Path) -> None:
    result = run_cli("validate", data_dir=tmp_path / "nowhere")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{tmp_path / 'nowhere'}: the data directory does not exist" in result.stderr


def test_the_minimal_fixture_itself_is_valid(minimal_data: Path) -> None:
    for name, loader in datasets.TABLES.items():
        assert len(loader(minimal_data)) > 0, name
    assert [a.source_id for a in datasets.articles(minimal_data)] == ["the-article"]
    datapackage.check(minimal_data)
    result = run_cli("validate", data_dir=minimal_data)
    assert result.returncode == 0, result.stderr


def test_every_problem_in_a_file_is_reported_at_once(minimal_data: Path) -> None:
    bad = (
        "period_start,period_end,men,women,total,source_id,evidence,quote\n"
        "2016-01-01,2016-12-31,x,1116,1418,mou-table-2020-09,mou_table,q\n"
        "2017-01-01,2017-12-31,188,939,1127,nobody,mou_table,q\n"
    )
    (minimal_data / ARRIVALS).write_text(bad, encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        datasets.reports(minimal_data)
    located = {(p.line, p.column) for p in raised.value.problems}
    assert {(2, "men"), (3, "source_id")} <= located


def test_values_are_not_coerced(minimal_data: Path) -> None:
    reports = datasets.reports(minimal_data)
    assert str(reports["total"].dtype) == "Int64"
    assert reports["total"].tolist() == [1418, 1127, 1127]
    assert pd.api.types.is_datetime64_any_dtype(reports["period_end"])


def test_article_must_name_a_known_source(minimal_data: Path) -> None:
    (minimal_data / ARTICLE).write_text(
        'source_id = "nobody"\nauthor = "A reporter"\nvintage_date = 2018-01-07\n'
        'sentences = ["One."]\n'
    )
    with pytest.raises(DataValidationError, match=r"article.toml, line 1, key 'source_id'"):
        datasets.articles(minimal_data)


READER_CASES = {
    "plain": b"a,b,c\n1,2,3\n4,,6\n",
    "no final newline": b"a,b,c\n1,2,3\n4,5,6",
    "quoted commas and quotes": b'a,b,c\n"x, y","say ""hi""",3\n"",",",\n',
    "quoted header": b'"a","b,c",d\n1,2,3\n',
    "doubled quotes at a cell's edges": b'a,b,c\n"""",""",""","x"""\n',
    "korean": 'a,b\n총 누계,"3만4537명, 정정"\n'.encode(),
    "space inside quotes": b'a,b\n" x",y\n',
    "space after comma": b"a,b\nx, y\n",
    "tab inside": b"a,b\nx\ty,z\n",
    "no-break space": "a,b\nx\u00a0,y\n".encode(),
    "c1 control": "a,b\nx\u0085y,z\n".encode(),
    "digits kept as written": b"a,b\n0123,1.0\n123,1\n",
    "words pandas reads as booleans": b"a,b\nTrue,x\ntrue,y\nFALSE,z\n",
}


@pytest.mark.parametrize("name", READER_CASES)
def test_the_fast_reader_agrees_with_the_csv_module(name: str, tmp_path: Path) -> None:
    data = READER_CASES[name]
    fast = fastread.read_fast(data)
    assert fast is not None, "these files are all simple enough for the fast reader"
    exact = tables._read_exact(data.decode("utf-8"), "t.csv")
    pd.testing.assert_frame_equal(fast.frame, exact.frame)
    assert fast.lines.tolist() == exact.lines.tolist()
    # A fact is claimed only when it holds for every cell.
    cells = [c for column in exact.frame for c in exact.frame[column].dropna()]
    if text.NO_SURROUNDING_SPACE in fast.facts:
        assert all(c == c.strip() for c in cells)
    if text.NO_CONTROL_CHARACTERS in fast.facts:
        assert not any(re.search(r"[\x00-\x1f\x7f-\x9f]", c) for c in cells)


@pytest.mark.parametrize(
    "data",
    [
        b'a,b\n"x"y,z\n',
        b'a,b\nx"y",z\n',
        b'a,b\n"x\ny",z\n',
        b"a,b\r\nx,y\r\n",
        b"a,b\n\nx,y\n",
        b"a,b\nx,y\nz\n",
        b"a,b\nx,y,z\nu,v\n",
        b'a,b\n"x,y"\nz,w\n',
        b'a,b\n"x,y"\n',
    ],
    ids=[
        "text-after-quote",
        "quote-inside",
        "quoted-line-break",
        "crlf",
        "blank-line",
        "too-few-fields",
        "too-many-fields",
        "quoted-comma-in-a-short-row",
        "only-a-short-row",
    ],
)
def test_unusual_files_go_to_the_strict_reader(data: bytes) -> None:
    assert fastread.read_fast(data) is None


def test_a_bad_value_is_reported_on_every_row_that_holds_it(minimal_data: Path) -> None:
    """Checks run once per distinct text; each row holding a failing one is located."""
    text = (minimal_data / ARRIVALS).read_text(encoding="utf-8")
    (minimal_data / ARRIVALS).write_text(text.replace(",1127,", ",01127,"), encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        datasets.reports(minimal_data)
    zeros = [p for p in raised.value.problems if "leading zero" in p.message]
    assert [(p.line, p.column, p.value) for p in zeros] == [
        (3, "total", "01127"),
        (4, "total", "01127"),
    ]


def test_overlaps_are_found_within_each_source_in_any_row_order() -> None:
    """The overlap rule sorts by source and start itself; a row without an end (reported
    for that cell) extends no earlier period, and the rows after it are still compared."""
    frame = pd.DataFrame(
        {
            "source_id": pd.Categorical(["b", "a", "b", "a", "b", "b", None]),
            "period_start": pd.to_datetime(
                ["2020-03-01", "2020-01-01", "2020-01-01", "2020-01-15", "NaT", "2020-06-01", "NaT"]
            ),
            "period_end": pd.to_datetime(
                ["2020-03-31", "2020-01-31", "2020-02-29", "2020-02-29", "NaT", "2020-06-30", "NaT"]
            ),
        }
    )
    ok = rules._no_overlap_within_source(frame)
    assert ok.tolist() == [True, True, True, False, True, True, True]
    frame.loc[2, "period_end"] = pd.Timestamp("2020-03-01")  # now shares a day with row 0
    assert rules._no_overlap_within_source(frame).tolist() == [
        False,
        True,
        True,
        False,
        True,
        True,
        True,
    ]
    after_missing_end = pd.DataFrame(
        {
            "source_id": pd.Categorical(["x", "x", "x"]),
            "period_start": pd.to_datetime(["2020-01-01", "2020-02-01", "2020-03-01"]),
            "period_end": pd.to_datetime(["2020-12-31", "NaT", "2020-03-31"]),
        }
    )
    # Row 1 has no end (validate reports it for that cell); row 2 lies inside row 0, a
    # nested period, which a source may give (Q1 and H1 of one year).
    assert rules._no_overlap_within_source(after_missing_end).tolist() == [True, True, True]
    after_missing_end.loc[2, "period_end"] = pd.Timestamp("2021-03-31")  # now crosses row 0
    assert rules._no_overlap_within_source(after_missing_end).tolist() == [True, True, False]
    # Nor does a missing end carry another source's latest end into its own.
    missing_end_first = pd.DataFrame(
        {
            "source_id": pd.Categorical(["a", "b", "b"]),
            "period_start": pd.to_datetime(["2010-01-01", "2011-01-01", "2012-01-01"]),
            "period_end": pd.to_datetime(["2020-12-31", "NaT", "2012-12-31"]),
        }
    )
    assert rules._no_overlap_within_source(missing_end_first).all()
    # A missing start sorts within its own source (as day 0): its end is no other
    # source's latest end.
    missing_start = pd.DataFrame(
        {
            "source_id": pd.Categorical(["a", "a", "b"]),
            "period_start": pd.to_datetime(["2020-01-01", "2020-02-01", "NaT"]),
            "period_end": pd.to_datetime(["2020-01-31", "2020-02-29", "2020-02-15"]),
        }
    )
    assert rules._no_overlap_within_source(missing_start).all()


def test_every_real_file_reads_the_same_both_ways() -> None:
    for name in datasets.TABLES:
        data = (paths.DATA_DIR / name).read_bytes()
        fast = fastread.read_fast(data)
        assert fast is not None, name
        exact = tables._read_exact(data.decode("utf-8"), name)
        pd.testing.assert_frame_equal(fast.frame, exact.frame)


def test_one_run_of_validate_lists_the_problems_of_every_file(minimal_data: Path) -> None:
    shutil.copy(MALFORMED / "thirty_digit_count.csv", minimal_data / ARRIVALS)
    shutil.copy(MALFORMED / "header_only.csv", minimal_data / CUMULATIVE)
    shutil.copy(MALFORMED / "article_syntax_error.toml", minimal_data / ARTICLE)
    _edit_datapackage(minimal_data, '"description": "Caveats."', '"description": "Notes."')
    result = run_cli("validate", data_dir=minimal_data)
    assert result.returncode == 2
    assert result.stderr.startswith("4 problems in the data:"), result.stderr
    for name in (ARRIVALS, CUMULATIVE, ARTICLE, PACKAGE):
        assert f"  - {minimal_data / name}, line " in result.stderr, name


class Edit(NamedTuple):
    """One change to a file of the minimal data, and every problem it must cause."""

    target: str
    old: str
    new: str
    problems: list[tuple[int, str, str | None, str]]
    """Each problem's line, column, value and message, in the order reported."""


TABLE_DATES = "table_dates.csv"
ISSUES = "source_issues.csv"
DATED_HEADER = "source_id, reference_date, dated_by, note"
DATED_ROW = "mou-table-2020-09,2020-09-30,publication,A test table.\n"
PRESS_ROW = "press-2018-01-05,A newspaper,Arrivals last year,"
ISSUE_ROW = "a-typo,press-2018-01-05,arrivals,2017-12-31,total,1172,1127,typo,transposed digits\n"
NOT_A_TABLE = "not an official_table in sources.csv"
PLAIN = "contains a control character (such as NUL, a tab or a line break)"
ID = "must be a lowercase id: words of a-z and 0-9 joined by single hyphens"
WHOLE = "must be a whole number written with ASCII digits 0-9 only, without a leading zero"


def _duplicate(
    lines: tuple[int, int], key: str, shown: str
) -> list[tuple[int, str, str | None, str]]:
    """The problem a duplicated key causes: reported on both rows, against the key."""
    return [(line, key, shown, f"duplicate row: another row has the same {key}") for line in lines]


EDITS = {
    "table dated by a news report": Edit(
        TABLE_DATES,
        "mou-table-2020-09,",
        "press-2018-01-05,",
        [(2, "source_id", "press-2018-01-05", NOT_A_TABLE)],
    ),
    "table dated by an unknown source": Edit(
        TABLE_DATES,
        "mou-table-2020-09,",
        "mou-table-2099-01,",
        [(2, "source_id", "mou-table-2099-01", NOT_A_TABLE)],
    ),
    "table dated twice": Edit(
        TABLE_DATES,
        DATED_ROW,
        DATED_ROW + DATED_ROW.replace("2020-09-30", "2020-10-31"),
        _duplicate((2, 3), "source_id", "source_id=mou-table-2020-09"),
    ),
    "reference date that does not exist": Edit(
        TABLE_DATES,
        ",2020-09-30,",
        ",2020-09-31,",
        [(2, "reference_date", "2020-09-31", "must be an existing date written YYYY-MM-DD")],
    ),
    "table dated by an unknown means": Edit(
        TABLE_DATES,
        ",publication,",
        ",published,",
        [(2, "dated_by", "published", "must be one of contents, earliest_evidence, publication")],
    ),
    "table date without a note": Edit(
        TABLE_DATES, "A test table.", "", [(2, "note", None, "a value is required")]
    ),
    "two unknown sources for one period, not also a duplicate": Edit(
        ARRIVALS,
        "1127,mou-table-2020-09,mou_table,table column '17\n2017-01-01,2017-12-31,189,938,1127,"
        "press-2018-01-05,",
        "1127,nobody-a,mou_table,table column '17\n2017-01-01,2017-12-31,189,938,1127,nobody-b,",
        [
            (3, "source_id", "nobody-a", "unknown source_id: not in sources.csv"),
            (4, "source_id", "nobody-b", "unknown source_id: not in sources.csv"),
        ],
    ),
    "source listed twice": Edit(
        SOURCES,
        "the-article,",
        PRESS_ROW + "https://example.org/press-2018,2018-01-05,ko,news_report,\nthe-article,",
        _duplicate((3, 4), "source_id", "source_id=press-2018-01-05"),
    ),
    "issue listed twice": Edit(
        ISSUES,
        ISSUE_ROW,
        ISSUE_ROW + ISSUE_ROW.replace("typo,transposed", "unverified,maybe transposed"),
        _duplicate((2, 3), "issue_id", "issue_id=a-typo"),
    ),
    "women above total, men not given": Edit(
        CUMULATIVE,
        "2017-12-31,,,2545,",
        "2017-12-31,,3000,2545,",
        [
            (
                2,
                SEX_COLUMNS,
                "men=(empty), women=3000, total=2545",
                "men and women cannot exceed total",
            )
        ],
    ),
    "column renamed": Edit(
        TABLE_DATES,
        "dated_by,note\n",
        "dated_by,notes\n",
        [
            (1, "note", None, "required column is missing"),
            (1, "notes", None, f"unexpected column (the header should be: {DATED_HEADER})"),
        ],
    ),
    "columns swapped": Edit(
        TABLE_DATES,
        "dated_by,note\n",
        "note,dated_by\n",
        [
            (
                1,
                "note",
                None,
                "column out of order: column 3 should be 'dated_by' "
                f"(the header should be: {DATED_HEADER})",
            )
        ],
    ),
    "cumulative figure given twice": Edit(
        CUMULATIVE,
        "2545 in all\n",
        "2545 in all\n2017-12-31,,,2545,press-2018-01-05,report,2545 in total\n",
        _duplicate((2, 3), "as_of, source_id", "as_of=2017-12-31, source_id=press-2018-01-05"),
    ),
    "tab in one count, leading zero in another": Edit(
        ARRIVALS,
        ",1127,mou-table-2020-09,mou_table,table column '17\n2017-01-01,2017-12-31,189,938,1127,",
        ",11\t27,mou-table-2020-09,mou_table,table column '17\n"
        "2017-01-01,2017-12-31,189,938,01127,",
        [(3, "total", "11\t27", PLAIN), (4, "total", "01127", WHOLE)],
    ),
    "problems on two rows": Edit(
        ARRIVALS,
        "2016-12-31,302,1116,1418,mou-table-2020-09,mou_table,table column '16\n"
        "2017-01-01,2017-12-31,188,",
        "2016-12-32,1500,1116,1418,mou-table-2020-09,mou_tabel,table column '16\n"
        "2017-01-01,2017-12-31,x,",
        [
            (2, "period_end", "2016-12-32", "must be an existing date written YYYY-MM-DD"),
            (2, SEX_COLUMNS, "men=1500, women=1116, total=1418", "men + women must equal total"),
            (
                2,
                SEX_COLUMNS,
                "men=1500, women=1116, total=1418",
                "men and women cannot exceed total",
            ),
            (
                2,
                "evidence",
                "mou_tabel",
                "must be one of mou_correction, mou_restatement, mou_table, report",
            ),
            (3, "men", "x", WHOLE),
        ],
    ),
    "anecdote's low above its high": Edit(
        "border_arrests.csv",
        ",20,20,people,",
        ",21,20,people,",
        [(2, "low, high", "low=21, high=20", "low must not be above high")],
    ),
    "MOU correction from a news report": Edit(
        ARRIVALS,
        "press-2018-01-05,report,",
        "press-2018-01-05,mou_correction,",
        [
            (
                4,
                "evidence, source_id",
                "evidence=mou_correction, source_id=press-2018-01-05",
                "evidence does not fit the source's kind: 'mou_table' comes only from an "
                "official MOU table (kind official_table), which gives no 'report'; "
                "'mou_correction' only from MOU or a report relaying MOU's notice "
                "(kind relayed_mou_notice)",
            )
        ],
    ),
}
"""Problems in the files other tables refer to (which MOU tables exist and how they
are dated, the sources themselves, the known source issues); a header's problems on
line 1, each naming the header it should be; a row rule's failure shown with a cell
it leaves empty; and each problem reported once, by the first check its cell fails
(a row rule sees a failed cell as empty), in the order of the file's lines and,
within a line, of its columns (a row rule at its first column)."""


def _apply(edit: Edit, data_dir: Path) -> None:
    path = data_dir / edit.target
    text = path.read_text(encoding="utf-8")
    assert text.count(edit.old) == 1, edit.old
    path.write_text(text.replace(edit.old, edit.new), encoding="utf-8")


def _assert_problems(edit: Edit, data_dir: Path) -> None:
    _apply(edit, data_dir)
    with pytest.raises(DataValidationError) as raised:
        datasets.TABLES[edit.target](data_dir)
    reported = [
        (p.file, p.line, p.row, p.column, p.value, p.message) for p in raised.value.problems
    ]
    assert reported == [
        (f"data/{edit.target}", line, line - 1 or None, column, value, message)
        for line, column, value, message in edit.problems
    ]


@pytest.mark.parametrize("name", EDITS)
def test_each_edit_reports_exactly_its_problems(name: str, minimal_data: Path) -> None:
    _assert_problems(EDITS[name], minimal_data)


FACT_EDITS = {
    "tab in a title": Edit(
        SOURCES,
        ",Arrivals last year,",
        ",Arrivals\tlast year,",
        [(3, "title", "Arrivals\tlast year", PLAIN)],
    ),
    "uppercase id": Edit(
        SOURCES, "the-article,", "The-article,", [(4, "source_id", "The-article", ID)]
    ),
}


@pytest.mark.parametrize("name", FACT_EDITS)
def test_a_check_is_skipped_only_where_a_fact_of_the_file_proves_it(
    name: str, minimal_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above FACTS_PAY_FROM distinct texts in a column, a check implied by a fact of the
    file (no control characters, no surrounding space) is skipped when that fact holds;
    every other check, and an implied one whose fact fails, still runs. The thresholds
    are lowered so that three sources pass it (the real one needs 100,001 rows) and the
    file is read by the fast reader, the one whose bytes are scanned for the facts."""
    monkeypatch.setattr(validation, "FACTS_PAY_FROM", 2)
    monkeypatch.setattr(tables, "FAST_BYTES", 0)
    edit = FACT_EDITS[name]
    _assert_problems(edit, minimal_data)
    facts = tables.read_text_table(minimal_data / edit.target, edit.target).facts
    assert (text.NO_CONTROL_CHARACTERS in facts) == ("\t" not in edit.new)


WIDE_ROWS = [["a", *[str(i)] * 8] for i in range(255)]
"""255 rows whose key has nine columns, the last eight with 255 distinct values each:
as one number, a key passes 2**53 (where a float rounds) by its eighth column and
2**64 (where an int64 wraps around) by its ninth."""
LONG_ROWS = [[*[str(i % 255)] * 7, str(i)] for i in range(8191)]
"""8,191 rows whose key has seven columns of 255 distinct values and an eighth of
8,191: as one number, a key passes 2**64 by its eighth column."""


@pytest.mark.parametrize(
    ("rows", "duplicates"),
    [
        ([*WIDE_ROWS, ["b", *["0"] * 8]], []),
        ([*WIDE_ROWS, [None, *["0"] * 8]], []),
        ([*WIDE_ROWS, ["a", *["254"] * 6, "253", "254"]], []),
        ([*WIDE_ROWS, ["a", *["254"] * 8]], [254, 255]),
        ([*LONG_ROWS, ["8", *["0"] * 7]], []),
        ([*LONG_ROWS, ["0", *["0"] * 7]], [0, 8191]),
    ],
    ids=[
        "first-column-differs",
        "first-cell-missing",
        "eighth-column-differs",
        "same-key",
        "long-first-column-differs",
        "long-same-key",
    ],
)
def test_duplicates_are_found_exactly_in_keys_of_many_columns(
    rows: list[list[str | None]], duplicates: list[int]
) -> None:
    """A key that differs from every other in one cell alone is not a duplicate, however
    large its columns' codes make it as one number; a key given twice is, on both rows."""
    key = [f"k{i}" for i in range(len(rows[0]))]
    frame = pd.DataFrame(
        {name: pd.Categorical([row[i] for row in rows]) for i, name in enumerate(key)},
        index=range(2, len(rows) + 2),  # each row's line in its file
    )
    ok = rules.unique(*key).check(frame)
    assert ok.index.tolist() == frame.index.tolist()
    assert ok[~ok].index.tolist() == [row + 2 for row in duplicates]


def test_no_rows_have_no_duplicates() -> None:
    frame = pd.DataFrame({"a": pd.Categorical([]), "b": pd.Categorical([])})
    assert rules.unique("a", "b").check(frame).tolist() == []


# --- Each bound at its edge: the value on it passes, the one past it fails ---


@pytest.mark.parametrize(
    ("counts", "problems"),
    [
        (("0", "1418", "1418"), []),  # zero is a count; a part may equal the total
        (("1418", "0", "1418"), []),
        (("", "", "0"), []),
        (("50000", "50000", "100000"), []),  # MAX_COUNT itself
        (("", "", "100001"), [(2, "total", "100001", "must be at most 100,000")]),
        (
            ("1419", "", "1418"),
            [
                (
                    2,
                    SEX_COLUMNS,
                    "men=1419, women=(empty), total=1418",
                    "men and women cannot exceed total",
                )
            ],
        ),
    ],
)
def test_counts_at_their_bounds(
    counts: tuple[str, str, str],
    problems: list[tuple[int, str, str | None, str]],
    minimal_data: Path,
) -> None:
    edit = Edit(ARRIVALS, ",302,1116,1418,", f",{','.join(counts)},", problems)
    if problems:
        _assert_problems(edit, minimal_data)
        return
    _apply(edit, minimal_data)
    row = datasets.reports(minimal_data).iloc[0]
    loaded = [None if pd.isna(row[c]) else row[c] for c in ("men", "women", "total")]
    assert loaded == [int(n) if n else None for n in counts]


@pytest.mark.parametrize(
    ("bound", "days_past", "passes"),
    [("earliest", 0, True), ("earliest", -1, False), ("latest", 0, True), ("latest", 1, False)],
)
def test_dates_at_their_bounds(
    bound: str, days_past: int, passes: bool, minimal_data: Path
) -> None:
    """1950-01-01 and tomorrow are the first and last days a date may be (schemas)."""
    edge = dates.EARLIEST_DAY if bound == "earliest" else dates.latest_day()
    day = (edge + timedelta(days=days_past)).isoformat()
    message = f"must fall between {dates.EARLIEST_DAY} and tomorrow"
    edit = Edit(
        TABLE_DATES,
        ",2020-09-30,",
        f",{day},",
        [] if passes else [(2, "reference_date", day, message)],
    )
    if not passes:
        _assert_problems(edit, minimal_data)
        return
    _apply(edit, minimal_data)
    assert datasets.table_dates(minimal_data)["reference_date"].tolist() == [pd.Timestamp(day)]


LATEST = dates.latest_day()
AFTER = LATEST + timedelta(days=1)


@pytest.mark.parametrize(
    ("published", "passes"),
    [
        ("1950", True),  # its first day is the earliest a date may be
        ("1949", False),
        (LATEST.isoformat(), True),
        (AFTER.isoformat(), False),
        (str(LATEST.year), True),  # runs past tomorrow, but may mean today
        (f"1950/{LATEST.isoformat()}", True),  # a written interval may end tomorrow
        (f"1950/{AFTER.isoformat()}", False),  # not after it
    ],
)
def test_publication_dates_at_their_bounds(
    published: str, passes: bool, minimal_data: Path
) -> None:
    """A partial date's first day must fall between 1950-01-01 and tomorrow, and a
    written interval's last day too (cells.PARTIAL_IN_RANGE)."""
    message = f"must fall between {dates.EARLIEST_DAY} and tomorrow"
    edit = Edit(
        SOURCES,
        ",2018-01-05,ko,",
        f",{published},ko,",
        [] if passes else [(3, "published", published, message)],
    )
    if not passes:
        _assert_problems(edit, minimal_data)
        return
    _apply(edit, minimal_data)
    assert published in datasets.sources(minimal_data)["published"].tolist()


def test_a_row_rule_sees_a_cell_that_failed_its_own_check_as_missing(tmp_path: Path) -> None:
    """RowRule's promise: the rule gets failed cells as missing, and rows holding one
    are reported for the cell alone."""
    path = tmp_path / "words.csv"
    path.write_text("word,other\nfine,x\nNOT FINE,x\nfine,y\n", encoding="utf-8")
    seen: list[pd.DataFrame] = []

    def spy(frame: pd.DataFrame) -> "pd.Series[bool]":
        seen.append(frame.copy())
        return frame["word"].isna()  # would report every row with a word

    lowercase = validation.CellCheck("must be lowercase", lambda cells: cells.text.str.islower())
    schema = validation.Schema(
        (validation.Column("word", (lowercase,)), validation.Column("other", ())),
        (validation.RowRule("a rule", ("word",), spy),),
    )
    with pytest.raises(DataValidationError) as raised:
        validation.validate(tables.read_text_table(path, "words.csv"), schema, "words.csv")
    [frame] = seen
    assert frame["word"].isna().tolist() == [False, True, False]
    assert frame["word"].dropna().tolist() == ["fine", "fine"]
    assert [(p.line, p.message) for p in raised.value.problems] == [
        (2, "a rule"),
        (3, "must be lowercase"),
        (4, "a rule"),
    ]


def _periods_of_one_source(*periods: tuple[str, str]) -> pd.DataFrame:
    """Rows of one source, each period given as (start, end)."""
    starts, ends = zip(*periods, strict=True)
    return pd.DataFrame(
        {
            "source_id": pd.Categorical(["s"] * len(periods)),
            "period_start": pd.to_datetime(list(starts)),
            "period_end": pd.to_datetime(list(ends)),
        }
    )


def test_nested_periods_of_one_source_pass_but_a_repeat_or_a_crossing_does_not() -> None:
    """Q1, H1 and the year from one source nest and pass; the same period twice, or a
    period that runs past another's end, does not."""
    frame = _periods_of_one_source(
        ("2021-01-01", "2021-03-31"),
        ("2021-01-01", "2021-06-30"),
        ("2021-01-01", "2021-12-31"),
        ("2021-01-01", "2021-06-30"),
        ("2021-06-01", "2022-01-31"),
    )
    assert rules._no_overlap_within_source(frame).tolist() == [True, True, True, False, False]


def test_a_period_nested_to_the_end_of_another_passes() -> None:
    """The year, H2 and Q4 of one source all end on 31 December, and Q2 ends with H1: each
    lies inside the one before it, so none crosses it."""
    frame = _periods_of_one_source(
        ("2021-01-01", "2021-12-31"),
        ("2021-07-01", "2021-12-31"),
        ("2021-10-01", "2021-12-31"),
        ("2021-01-01", "2021-06-30"),
        ("2021-04-01", "2021-06-30"),
    )
    assert rules._no_overlap_within_source(frame).all()


def test_overlaps_report_the_later_line_of_rows_that_start_together() -> None:
    """Rows that start on the same day keep their file order (a stable sort), so the
    later one is the overlap; enough such ties that an unstable sort would swap them."""
    starts = ["2016-01-01", "2017-01-01"] * 12
    frame = pd.DataFrame(
        {
            "source_id": pd.Categorical(["s"] * len(starts)),
            "period_start": pd.to_datetime(starts),
            "period_end": pd.to_datetime([s.replace("01-01", "12-31") for s in starts]),
        },
        index=range(2, len(starts) + 2),
    )
    ok = rules._no_overlap_within_source(frame)
    assert ok.index.tolist() == frame.index.tolist()
    assert ok[ok].index.tolist() == [2, 3]  # the first of each year


def test_overlaps_are_found_among_many_sources() -> None:
    """One row per source for thousands of sources, and one source with two periods
    that do not overlap: the key holds every source without mixing them up."""
    sources = [f"s{i}" for i in range(5000)]
    frame = pd.DataFrame(
        {
            "source_id": pd.Categorical(["s0", *sources]),
            "period_start": pd.to_datetime(["2011-01-01", *["2010-01-01"] * 5000]),
            "period_end": pd.to_datetime(["2011-12-31", *["2010-12-31"] * 4999, "2020-12-31"]),
        }
    )
    assert rules._no_overlap_within_source(frame).all()
    frame.loc[1, "period_end"] = pd.Timestamp("2011-01-01")  # s0's 2010 now runs into 2011
    assert (~rules._no_overlap_within_source(frame)).sum() == 1


def test_the_source_rules_answer_each_row_indexed_as_the_frame() -> None:
    """Publication after the period (on the day itself passes) and evidence that the
    source's kind can give; a missing day or an unknown source is left to its own check."""
    frame = pd.DataFrame(
        {
            "period_end": pd.to_datetime(["2018-01-31", "2018-02-28", "2018-12-31", "NaT"]),
            "source_id": pd.Categorical(["a", "a", "b", "c"]),
            "evidence": pd.Categorical(["report", "mou_table", "mou_correction", "report"]),
        },
        index=range(2, 6),
    )
    published_to = {"a": pd.Timestamp("2018-01-31"), "b": pd.Timestamp("2019-12-31")}
    published = rules.published_after("period_end", published_to).check(frame)
    assert published.to_dict() == {2: True, 3: False, 4: True, 5: True}
    kinds = {"a": "news_report", "b": "relayed_mou_notice"}
    fits = rules.evidence_fits_source(kinds).check(frame)
    assert fits.to_dict() == {2: True, 3: False, 4: True, 5: True}


def test_a_large_file_takes_the_fast_reader_and_a_small_one_the_strict(tmp_path: Path) -> None:
    """Both read the same table; only the large file's bytes are scanned for the facts
    that let validation skip checks (the strict reader claims none)."""
    row = "a-source,2017,some words\n"
    small = "id,year,text\n" + row * 10
    large = "id,year,text\n" + row * (tables.FAST_BYTES // len(row) + 1)
    read = {}
    for name, content in (("small.csv", small), ("large.csv", large)):
        (tmp_path / name).write_text(content, encoding="utf-8")
        read[name] = tables.read_text_table(tmp_path / name, name)
    assert read["small.csv"].facts == frozenset()
    assert read["large.csv"].facts == frozenset(text.FACTS)
    assert read["large.csv"].frame.head(10).equals(read["small.csv"].frame)


@pytest.mark.parametrize("rows", [1, tables.FAST_BYTES // 8], ids=["small", "large"])
def test_a_carriage_return_without_a_line_feed_is_refused_at_its_line(
    tmp_path: Path, rows: int
) -> None:
    """The csv module would end a line at a lone CR; an editor, grep and GitHub do not,
    so every line cited after it would be one off."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"a,b\n" + b"x,y\n" * rows + b"u,v\rw,z\n")
    with pytest.raises(DataValidationError) as raised:
        tables.read_text_table(path, "t.csv")
    [problem] = raised.value.problems
    assert (problem.line, problem.message) == (
        rows + 2,
        "a carriage return without a line feed: lines end with LF or CRLF",
    )
    path.write_bytes(b"a,b\r\n" + b"x,y\r\n" * rows + b"u,v\r\n")
    assert tables.read_text_table(path, "t.csv").lines.tolist()[-1] == rows + 2

"""Hostile input, the registry's and the article's fields (claims.toml, article.toml):
stated values, era years, review dates, quotes, ids and notebook paths out of their
declared ranges, each to be refused by `validate` with an error naming the file and the
field.

Every field of an article's article.toml and claims.toml has a declared type and range
(analysis.load.article, analysis.claims.registry): each case below is refused by name.
A stated count of 0 is not among them: it is a count, checked like any other."""

import tomllib
from pathlib import Path

import pytest

from analysis.load import problems
from tests.conftest import run_cli
from tests.hostile import ARTICLE, CLAIMS, refused

CLAIM = CLAIMS
NOTEBOOK = "01_arrivals_under_kim_jong_un.ipynb"


def case(file: str, old: str, new: str, field: str) -> object:
    return pytest.param(file, old, new, field)


STATED = "stated = 1127"
PERCENT = 'stated = 1127\nprecision = "exact"'
QUOTE = 'quote = "Only 1,127 North Koreans entered South Korea in 2017"'
CASES = {
    "stated-negative": case(CLAIM, STATED, "stated = -1127", "stated"),
    "stated-huge": case(CLAIM, STATED, "stated = 9223372036854775807", "stated"),
    "stated-over-int64": case(CLAIM, STATED, "stated = 9223372036854775808", "stated"),
    "stated-over-the-data": case(CLAIM, STATED, "stated = 100001", "stated"),
    "stated-nan": case(CLAIM, STATED, "stated = nan", "stated"),
    "stated-inf": case(CLAIM, STATED, "stated = inf", "stated"),
    "stated-float": case(CLAIM, STATED, "stated = 1127.0", "stated"),
    "stated-text": case(CLAIM, STATED, 'stated = "1127"', "stated"),
    "stated-bool": case(CLAIM, STATED, "stated = true", "stated"),
    "percent-negative": case(CLAIM, PERCENT, 'stated = -83\nprecision = "percent"', "stated"),
    "percent-over-100": case(CLAIM, PERCENT, 'stated = 183\nprecision = "percent"', "stated"),
    "percent-nan": case(CLAIM, PERCENT, 'stated = nan\nprecision = "percent"', "stated"),
    "percent-inf": case(CLAIM, PERCENT, 'stated = inf\nprecision = "percent"', "stated"),
    # decimals a float does not keep: 83.20% would get the band of 83.2%
    "percent-trailing-zero": case(CLAIM, PERCENT, 'stated = 83.20\nprecision = "percent"', "83.2"),
    "percent-exponent": case(CLAIM, PERCENT, 'stated = 8.32e1\nprecision = "percent"', "83.2"),
    "era-1901": case(ARTICLE, "alternatives = [2011, 2012]", "alternatives = [1901, 2012]", "eras"),
    "era-2099": case(ARTICLE, "alternatives = [2011, 2012]", "alternatives = [2012, 2099]", "eras"),
    "era-1900": case(ARTICLE, "alternatives = [2011, 2012]", "alternatives = [1900, 2012]", "eras"),
    "era-empty": case(ARTICLE, "alternatives = [2011, 2012]", "alternatives = []", "eras"),
    "era-text": case(
        ARTICLE, "alternatives = [2011, 2012]", 'alternatives = ["2011", 2012]', "eras"
    ),
    "era-unused": case(ARTICLE, "used = 2012", "used = 2013", "eras"),
    "review-year-1": case(CLAIM, "date = 2026-11-29", "date = 0001-01-01", "review"),
    "review-future": case(CLAIM, "date = 2026-11-29", "date = 2999-01-01", "review"),
    "review-datetime": case(CLAIM, "date = 2026-11-29", "date = 2026-11-29T10:00:00", "review"),
    "review-text": case(CLAIM, "date = 2026-11-29", 'date = "2026-11-29"', "review"),
    "quote-empty": case(CLAIM, QUOTE, 'quote = ""', "quote"),
    "quote-blank": case(CLAIM, QUOTE, 'quote = "   \\n  "', "quote"),
    "quote-nul": case(CLAIM, 'quote = "Only', 'quote = "\\u0000Only', "quote"),
    "quote-escape": case(CLAIM, 'quote = "Only', 'quote = "\\u001b[2JOnly', "quote"),
    "quantity-nul": case(
        CLAIM,
        'quantity = "arrivals in 2017"',
        'quantity = "arrivals\\u0000"',
        "'quantity': must be printable text, not empty (value 'arrivals",
    ),
    "quantity-empty": case(
        CLAIM,
        'quantity = "arrivals in 2017"',
        'quantity = " "',
        "'quantity': must be printable text, not empty (value ' ')",
    ),
    "notebook-title-a-number": case(
        CLAIM, 'title = "Arrivals under Kim Jong Un, 2011–2017"', "title = 6", "title'"
    ),
    "notebook-question-empty": case(
        CLAIM,
        'question = "Was 2017 the lowest year since Kim Jong Un came to power?"',
        'question = ""',
        "question'",
    ),
    "quote-only-elisions": case(
        CLAIM,
        QUOTE,
        'quote = " ... "',
        "'quote': each part around \" ... \" must be text from the sentence (value ' ... ')",
    ),
    "quote-elision-at-an-end": case(CLAIM, QUOTE, 'quote = "Only 1,127 ... "', "quote"),
    "recorded-not-text": case(
        CLAIM,
        'recorded = { article = "reproduced_exactly"',
        'recorded = { article = ["reproduced_exactly"]',
        "recorded.article",
    ),
    "id-newline": case(CLAIM, 'id = "arrivals-2017"', 'id = "arrivals-2017\\n"', "id"),
    "id-space": case(CLAIM, 'id = "arrivals-2017"', 'id = "arrivals-2017 "', "id"),
    "id-upper": case(CLAIM, 'id = "arrivals-2017"', 'id = "Arrivals-2017"', "id"),
    "id-markup": case(CLAIM, 'id = "arrivals-2017"', 'id = "a<script>"', "id"),
    "notebook-absolute": case(
        CLAIM,
        NOTEBOOK,
        f"{Path(__file__).parents[1]}/notebooks/{NOTEBOOK}",
        "notebook",
    ),
    "notebook-parent": case(
        CLAIM,
        NOTEBOOK,
        f"../notebooks/{NOTEBOOK}",
        "notebook",
    ),
    "notebook-missing": case(
        CLAIM,
        NOTEBOOK,
        "99_none.ipynb",
        "notebook",
    ),
    "sentence-empty": case(ARTICLE, "sentences = [", 'sentences = ["", ', "sentences"),
    "sentence-escape": case(ARTICLE, "sentences = [", 'sentences = ["\\u001b[31m", ', "sentences"),
    "sentence-number": case(ARTICLE, "sentences = [", "sentences = [1, ", "sentences"),
    "vintage-future": case(
        ARTICLE, "vintage_date = 2018-01-07", "vintage_date = 2999-01-07", "vintage_date"
    ),
    "vintage-text": case(
        ARTICLE, "vintage_date = 2018-01-07", 'vintage_date = "2018-01-07"', "vintage_date"
    ),
}


@pytest.mark.parametrize(("file", "old", "new", "field"), list(CASES.values()), ids=list(CASES))
def test_a_registry_or_article_field_out_of_range_is_refused_by_name(
    minimal_data: Path, file: str, old: str, new: str, field: str
) -> None:
    path = minimal_data / file
    text = path.read_text(encoding="utf-8")
    # A notebook's name is both declared and used: every occurrence changes.
    assert text.count(old) == (2 if old == NOTEBOOK else 1), old
    path.write_text(text.replace(old, new), encoding="utf-8")
    refused(minimal_data, file, field)


@pytest.mark.parametrize("name", [ARTICLE, CLAIM])
def test_a_parser_out_of_memory_is_an_error_naming_its_file(
    minimal_data: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A TOML parser that runs out of memory on an article.toml or a claims.toml is an
    error naming that file, in the words a JSON parser's is."""
    parse = tomllib.loads
    exhausted = (minimal_data / name).read_text(encoding="utf-8")

    def parse_unless_exhausted(text: str) -> dict[str, object]:
        if text == exhausted:
            raise MemoryError
        return parse(text)

    monkeypatch.setattr(tomllib, "loads", parse_unless_exhausted)
    refused(minimal_data, name, f": {problems.TOO_LARGE}")


def test_a_stated_count_of_zero_is_checked_like_any_other(minimal_data: Path) -> None:
    """Zero arrivals is a count a report may state: it is read, and contradicted here."""
    from analysis import claims
    from analysis.load.datasets import load

    path = minimal_data / CLAIM
    path.write_text(
        path.read_text(encoding="utf-8").replace(STATED, "stated = 0"), encoding="utf-8"
    )
    outcome = claims.evaluate("arrivals-2017", "latest", load(minimal_data))
    assert (outcome.verdict, outcome.reason) == (
        claims.Verdict.CONTRADICTED,
        "the data give 1,127, not 0",
    )


def test_the_largest_count_the_data_hold_is_checked_not_refused(minimal_data: Path) -> None:
    """100,000, the largest count a data file may hold, is a stated value like any other."""
    from analysis import claims
    from analysis.load.datasets import load

    path = minimal_data / CLAIM
    text = path.read_text(encoding="utf-8").replace(STATED, "stated = 100000")
    path.write_text(text, encoding="utf-8")
    outcome = claims.evaluate("arrivals-2017", "latest", load(minimal_data))
    assert outcome.reason == "the data give 1,127, not 100,000"


ABOUT = 'stated = 1100\nprecision = "about"'


@pytest.mark.parametrize(
    ("new", "column", "message"),
    [
        (
            'stated = 100001\nprecision = "exact"',
            "stated",
            "must be at most 100,000, as every count in the data (value '100001')",
        ),
        (
            'stated = [1200, 1100]\nprecision = "between"',
            "stated",
            "must be [low, high], two numbers, low first (value '[1200, 1100]')",
        ),
        (
            'stated = 100.1\nprecision = "percent"',
            "stated",
            "a share in percent must be at most 100 (value '100.1')",
        ),
        (
            f"{ABOUT}\ntolerance = -1",
            "tolerance",
            "must be a finite number, not negative (value '-1')",
        ),
        (
            f"{ABOUT}\ntolerance = inf",
            "tolerance",
            "must be a finite number, not negative (value 'inf')",
        ),
        (
            f"{ABOUT}\ntolerance = nan",
            "tolerance",
            "must be a finite number, not negative (value 'nan')",
        ),
        (ABOUT, "tolerance", "'about' needs a tolerance: how far the wording's value may be"),
    ],
)
def test_a_refused_stated_value_is_named_with_the_rule_it_breaks(
    minimal_data: Path, new: str, column: str, message: str
) -> None:
    path = minimal_data / CLAIM
    path.write_text(path.read_text(encoding="utf-8").replace(PERCENT, new), encoding="utf-8")
    assert refused(minimal_data, CLAIM, message, column=column).endswith(f"'{column}': {message}")


def test_a_claim_that_is_not_a_table_is_refused_by_its_position(minimal_data: Path) -> None:
    """`claim = [...]` holding something other than tables: each is named by its number."""
    path = minimal_data / CLAIM
    text = path.read_text(encoding="utf-8")
    head = text[text.index("[review]") : text.index("[[claim]]")]
    path.write_text('claim = [1, "two"]\n' + head, encoding="utf-8")
    for number in (1, 2):
        line = refused(minimal_data, CLAIM, f"[[claim]] number {number} is not a table")
        assert line.endswith(f"claims.toml: [[claim]] number {number} is not a table")


@pytest.mark.parametrize(
    "new",
    [
        'stated = 100\nprecision = "percent"',  # a whole share, at the bound
        # decimals as written, read up to an end-of-line comment (which may hold = and #)
        'stated = 83.2# 83.2% = p. 2 # as printed\nprecision = "percent"',
        f"{ABOUT}\ntolerance = 0.5",
        # a ratio may pass 100%: 2016's 1,418 is 125.8% of 2017's 1,127
        'stated = 125.8\nprecision = "percent"\ncheck = "figures.ratio"\n'
        'args = { numerator = "2016", denominator = "2017", field = "total" }',
    ],
    ids=["share-100", "commented", "about", "ratio-over-100"],
)
def test_a_stated_value_at_its_bounds_is_accepted(minimal_data: Path, new: str) -> None:
    path = minimal_data / CLAIM
    text = path.read_text(encoding="utf-8")
    ratio = PERCENT + '\ncheck = "figures.value"\nargs = { period = "2017", field = "total" }'
    old = ratio if "figures.ratio" in new else PERCENT
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert run_cli("validate", data_dir=minimal_data).returncode == 0


@pytest.mark.parametrize(
    "eras",
    [
        "eras.used = 2012\neras.alternatives = [2011, 2012]",
        "eras = { used = 2012, alternatives = [2011, 2012] }",
        '[eras]\n"\\u0075sed" = 2012\nalternatives = [2011, 2012]',
    ],
    ids=["dotted", "inline", "escaped"],
)
def test_an_era_whose_used_line_cannot_be_found_is_refused_not_cited_at_line_0(
    minimal_data: Path, eras: str
) -> None:
    """The evidence of an era-dependent claim cites the article's `used` line."""
    path = minimal_data / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[eras]\nused = 2012\nalternatives = [2011, 2012]", eras))
    refused(minimal_data, ARTICLE, "`used = 2012` on a line of its own", "key 'eras.used'")


def test_an_era_is_cited_at_its_used_line_in_eras_not_a_string_that_reads_so(
    minimal_data: Path,
) -> None:
    """A headline written over lines (each ending in a backslash, so it reads as one
    line) with a line `used = 2012` in it, above the real [eras]."""
    from analysis.load.datasets import load

    path = minimal_data / ARTICLE
    text = 'headline = """A headline \\\nused = 2012 #\\\n"""\n' + path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    [article] = load(minimal_data).articles
    assert article.eras is not None
    assert text.split("\n")[article.eras.line - 1] == "used = 2012"  # not "used = 2012 #\\"
    assert article.eras.line == text.split("\n").index("[eras]") + 2


def test_a_stated_count_written_otherwise_than_it_reads_is_refused(minimal_data: Path) -> None:
    """0x467 reads as 1127: the evidence cites the value as written, so it must read so."""
    path = minimal_data / CLAIM
    path.write_text(path.read_text(encoding="utf-8").replace(STATED, "stated = 0x467"))
    refused(minimal_data, CLAIM, "reads as 1127", column="stated")


def test_a_key_is_never_cited_inside_a_multi_line_literal_string(minimal_data: Path) -> None:
    """A line inside a '''-string that reads like a key is not that key: the unknown key
    `yy` is cited on its own line (5), not on the string's line that looks like it (3)."""
    path = minimal_data / CLAIMS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1:1] = ["zz = '''\n", "yy = 1\n", "'''\n", "yy = 1\n"]
    path.write_text("".join(lines), encoding="utf-8")
    refused(minimal_data, CLAIMS, "unknown key", line=5)


def test_keys_around_a_multi_line_string_are_cited_on_their_own_lines(
    minimal_data: Path,
) -> None:
    """Only the lines after a multi-line string's first are hidden, counted from the
    file's start even when it opens with a blank line: `xx` before the string is cited on
    its line (3), and `yy` on its own (6), not on the string's last line (5), which read
    alone would give `yy = 1` with a comment."""
    path = minimal_data / CLAIMS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    block = ["xx = 1\n", "zz = '''\n", "yy = 1 # '''\n", "yy = 1\n"]
    path.write_text("".join(["\n", lines[0], *block, *lines[1:]]), encoding="utf-8")
    for key, line in (("xx", 3), ("yy", 6)):
        assert f"key '{key}'" in refused(minimal_data, CLAIMS, "unknown key", line=line)


def test_a_table_whose_header_is_the_files_first_line_is_found(minimal_data: Path) -> None:
    """A registry may open with [review] on line 1: an unknown key in it is cited on its
    line (2), which is found only if line 1's header is read."""
    path = minimal_data / CLAIMS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[1] == "[review]\n"
    path.write_text("".join(["[review]\n", "extra = 1\n", *lines[2:]]), encoding="utf-8")
    refused(minimal_data, CLAIMS, "unknown key: [review] has author and date", line=2)

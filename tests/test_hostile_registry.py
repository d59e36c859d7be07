"""Hostile input, the registry's and the article's fields (claims.toml, article.toml):
stated values, era years, review dates, quotes, ids and notebook paths out of their
declared ranges, each to be refused by `validate` with an error naming the file and the
field.

REGISTRY RANGES (issue 17): the reading of these two files is being restructured into
per-article folders, and the ranges are that work's to declare. The cases that `validate`
does not refuse today are marked xfail(strict=True), so each starts to fail the run the
day it is refused, and its marker must then go."""

from pathlib import Path

import pytest

from tests.hostile import refused

PENDING = pytest.mark.xfail(strict=True, reason="registry ranges: issue 17 restructure")
CLAIM = "claims.toml"
NOTEBOOK = "01_arrivals_under_kim_jong_un.ipynb"
ARTICLE = "article.toml"


def case(file: str, old: str, new: str, field: str, pending: bool = False) -> object:
    return pytest.param(file, old, new, field, marks=[PENDING] if pending else [])


STATED = "stated = 1127"
PERCENT = 'precision = "exact"'
CASES = {
    "stated-negative": case(CLAIM, STATED, "stated = -1127", "stated", pending=True),
    "stated-zero": case(CLAIM, STATED, "stated = 0", "stated", pending=True),
    "stated-huge": case(CLAIM, STATED, "stated = 9223372036854775807", "stated", pending=True),
    "stated-over-int64": case(CLAIM, STATED, "stated = 9223372036854775808", "stated", True),
    "stated-nan": case(CLAIM, STATED, "stated = nan", "stated"),
    "stated-inf": case(CLAIM, STATED, "stated = inf", "stated"),
    "stated-float": case(CLAIM, STATED, "stated = 1127.0", "stated"),
    "stated-text": case(CLAIM, STATED, 'stated = "1127"', "stated"),
    "stated-bool": case(CLAIM, STATED, "stated = true", "stated"),
    "percent-negative": case(
        CLAIM, STATED, f"stated = -83\n{PERCENT.replace('exact', 'percent')}", "stated", True
    ),
    "percent-over-100": case(
        CLAIM, STATED, f"stated = 183\n{PERCENT.replace('exact', 'percent')}", "stated", True
    ),
    "percent-nan": case(
        CLAIM, STATED, f"stated = nan\n{PERCENT.replace('exact', 'percent')}", "stated", True
    ),
    "percent-inf": case(
        CLAIM, STATED, f"stated = inf\n{PERCENT.replace('exact', 'percent')}", "stated", True
    ),
    "era-1901": case(
        CLAIM, "alternatives = [2011, 2012]", "alternatives = [1901, 2012]", "eras", True
    ),
    "era-2099": case(
        CLAIM, "alternatives = [2011, 2012]", "alternatives = [2012, 2099]", "eras", True
    ),
    "era-1900": case(CLAIM, "alternatives = [2011, 2012]", "alternatives = [1900, 2012]", "eras"),
    "era-empty": case(CLAIM, "alternatives = [2011, 2012]", "alternatives = []", "eras"),
    "era-text": case(CLAIM, "alternatives = [2011, 2012]", 'alternatives = ["2011", 2012]', "eras"),
    "era-unused": case(CLAIM, "used = 2012", "used = 2013", "eras"),
    "review-year-1": case(CLAIM, "date = 2026-11-29", "date = 0001-01-01", "review", True),
    "review-future": case(CLAIM, "date = 2026-11-29", "date = 2999-01-01", "review", True),
    "review-datetime": case(
        CLAIM, "date = 2026-11-29", "date = 2026-11-29T10:00:00", "review", True
    ),
    "review-text": case(CLAIM, "date = 2026-11-29", 'date = "2026-11-29"', "review"),
    "quote-empty": case(CLAIM, 'quote = "Only', 'quote = ""\nx = "Only', "quote", True),
    "quote-blank": case(CLAIM, 'quote = "Only 1,127', 'quote = "   \\n  "\nx = "', "quote", True),
    "quote-nul": case(CLAIM, 'quote = "Only', 'quote = "\\u0000Only', "quote", True),
    "quote-escape": case(CLAIM, 'quote = "Only', 'quote = "\\u001b[2JOnly', "quote", True),
    "id-newline": case(CLAIM, 'id = "arrivals-2017"', 'id = "arrivals-2017\\n"', "id", True),
    "id-space": case(CLAIM, 'id = "arrivals-2017"', 'id = "arrivals-2017 "', "id"),
    "id-upper": case(CLAIM, 'id = "arrivals-2017"', 'id = "Arrivals-2017"', "id"),
    "id-markup": case(CLAIM, 'id = "arrivals-2017"', 'id = "a<script>"', "id"),
    "notebook-absolute": case(
        CLAIM,
        NOTEBOOK,
        f"{Path(__file__).parents[1]}/notebooks/{NOTEBOOK}",
        "notebook",
        True,
    ),
    "notebook-parent": case(
        CLAIM,
        NOTEBOOK,
        f"../notebooks/{NOTEBOOK}",
        "notebook",
        True,
    ),
    "notebook-missing": case(
        CLAIM,
        NOTEBOOK,
        "99_none.ipynb",
        "notebook",
    ),
    "sentence-empty": case(ARTICLE, "sentences = [", 'sentences = ["", ', "sentences", True),
    "sentence-escape": case(
        ARTICLE, "sentences = [", 'sentences = ["\\u001b[31m", ', "sentences", True
    ),
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

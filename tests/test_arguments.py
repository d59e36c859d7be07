"""A check's arguments are held to their declared kinds when the registry is read
(analysis.claims.declare): a period no source gives, a range the wrong way round, a
threshold that is not a finite count, or parts that are not other claims stating a count
are each refused by `validate`, naming the file, the claim's line and `args`, before
anything is computed (they had given a silent 'not verifiable', a vacuous 'reproduced'
or a traceback)."""

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.hostile import refused

DAILY_NK, KBS, NK_NEWS = "dailynk-2018-01", "kbs-2020-01", "nknews-2019-01"
TREND = 'since = "2000", through = "2009", direction = "up"'
WENT_DOWN = 'args = { before = "2011", after = "2012" }'
FLUCTUATED = 'years = ["2013", "2014", "2015", "2016"], reference = ["2006", "2007", "2008", "2009", "2010", "2011"]'
FIRST = 'args = { period = "2017" }\n'
LOWEST = (
    'args = { period = "2017", field = "total", order = "lowest", since = "era", until = "period" }'
)
PARTS = 'args = { parts = ["men-2017", "women-2017"] }'
CASES = {
    "trend-reversed": (
        KBS,
        TREND,
        TREND.replace('"2000"', "X").replace('"2009"', '"2000"').replace("X", '"2009"'),
        "'args': argument 'since' (2009) must come before 'through' (2000)",
    ),
    "trend-one-year": (KBS, TREND, TREND.replace('"2000"', '"2009"'), "must come before"),
    "went-down-not-a-period": (
        DAILY_NK,
        WENT_DOWN,
        WENT_DOWN.replace('"2011"', '"twenty"'),
        "argument 'before'",
    ),
    "went-down-no-source": (
        DAILY_NK,
        WENT_DOWN,
        WENT_DOWN.replace('"2012"', '"2035"'),
        "no source gives a figure for '2035'",
    ),
    "went-down-reversed": (
        DAILY_NK,
        WENT_DOWN,
        WENT_DOWN.replace('"2011"', '"2013"'),
        "must come before",
    ),
    "first-published-no-source": (
        DAILY_NK,
        FIRST,
        FIRST.replace("2017", "2031"),
        "no source gives a figure for '2031'",
    ),
    "period-fullwidth-digits": (
        DAILY_NK,
        FIRST,
        FIRST.replace("2017", "\uff12\uff10\uff11\uff17"),
        "is not a period",
    ),
    "period-arabic-indic-digits": (
        DAILY_NK,
        FIRST,
        FIRST.replace("2017", "\u0662\u0660\u0661\u0667"),
        "is not a period",
    ),
    "period-with-a-line-break": (
        DAILY_NK,
        FIRST,
        FIRST.replace("2017", "2017\\n"),
        "is not a period",
    ),
    "fluctuated-no-source": (
        DAILY_NK,
        FLUCTUATED,
        FLUCTUATED.replace('"2016"', '"2046"'),
        "argument 'years': no source gives a figure for '2046'",
    ),
    "fluctuated-no-reference": (
        DAILY_NK,
        FLUCTUATED,
        FLUCTUATED.split(", reference")[0] + ", reference = []",
        "at least one period",
    ),
    "cumulative-before-records": (
        NK_NEWS,
        'through = "2018"',
        'through = "1950"',
        "no source gives a figure for '1950'",
    ),
    "cumulative-future": (
        NK_NEWS,
        'through = "2018"',
        'through = "2035"',
        "no source gives a figure for '2035'",
    ),
    "threshold-nan": (
        NK_NEWS,
        "threshold = 30000",
        "threshold = nan",
        "must be a number from 0 to 100,000",
    ),
    "threshold-inf": (
        NK_NEWS,
        "threshold = 30000",
        "threshold = inf",
        "must be a number from 0 to 100,000",
    ),
    "threshold-negative": (
        NK_NEWS,
        "threshold = 30000",
        "threshold = -1",
        "must be a number from 0 to 100,000",
    ),
    "since-not-a-year": (
        DAILY_NK,
        LOWEST,
        LOWEST.replace('"era"', '"abcd"'),
        "argument 'since' must be a year, or 'era'",
    ),
    "value-of-a-bucket-year": (
        DAILY_NK,
        FIRST,
        FIRST.replace("2017", "1989"),  # 1989 ends a bucket "up to 1989": no year of its own
        "no source gives a figure for '1989'",
    ),
    "range-pair-of-one-value": (
        KBS,
        "alternatives = []",
        "alternatives = [[1100, 1100]]",
        "argument 'alternatives' must be [low, high] pairs",
    ),
    "since-fullwidth-digits": (
        DAILY_NK,
        LOWEST,
        LOWEST.replace('"era"', '"\uff12\uff10\uff11\uff12"'),
        "argument 'since' must be a year, or 'era'",
    ),
    "since-year-0": (DAILY_NK, LOWEST, LOWEST.replace('"era"', '"0000"'), "argument 'since'"),
    "since-before-any-figure": (
        DAILY_NK,
        LOWEST,
        LOWEST.replace('"era"', '"1900"'),
        "argument 'since': no source gives a figure for '1900'",
    ),
    "fluctuated-a-year-twice": (
        DAILY_NK,
        FLUCTUATED,
        FLUCTUATED.replace('"2014"', '"2013"'),
        "argument 'years' must name at least one period, each once",
    ),
    "difference-of-a-year-written-twice": (
        DAILY_NK,
        'minuend = "2016", subtrahend = "2017"',
        'minuend = "2017", subtrahend = "2017-01-01/2017-12-31"',
        "must name different periods",
    ),
    "threshold-beyond-any-count": (
        NK_NEWS,
        "threshold = 30000",
        "threshold = 1e300",
        "argument 'threshold' must be a number from 0 to 100,000",
    ),
    "threshold-not-a-number": (
        NK_NEWS,
        "threshold = 30000",
        'threshold = "30000"',
        "argument 'threshold' must be a number from 0 to 100,000",
    ),
    "parts-a-share": (
        DAILY_NK,
        PARTS,
        'args = { parts = ["men-2017", "women-share-2017"] }',
        "must name other claims",
    ),
    "lowest-since-after-period": (
        DAILY_NK,
        LOWEST,
        LOWEST.replace('"era"', '"2019"'),
        "must come before",
    ),
    "every-year-through-before-since": (
        KBS,
        'since = "2012", through = "2019"',
        'since = "2012", through = "2010"',
        "must come before",
    ),
    "share-of-the-total-in-itself": (
        DAILY_NK,
        'period = "2017", part = "women", whole = "total" }',
        'period = "2017", part = "total", whole = "total" }',
        "argument 'part' must be one of men, women",
    ),
    "share-in-men": (
        DAILY_NK,
        'period = "2017", part = "women", whole = "total" }',
        'period = "2017", part = "women", whole = "men" }',
        "argument 'whole' must be one of total",
    ),
    "difference-of-a-year-from-itself": (
        DAILY_NK,
        'minuend = "2016", subtrahend = "2017"',
        'minuend = "2017", subtrahend = "2017"',
        "'args': arguments 'minuend' and 'subtrahend' must name different periods",
    ),
    "thresholds-not-counts": (
        KBS,
        "alternatives = []",
        "alternatives = [[1e308, 1e309], [-5, 1]]",
        "argument 'alternatives' must be [low, high] pairs",
    ),
    "thresholds-infinite": (
        DAILY_NK,
        "alternatives = [66.7, 75]",
        "alternatives = [66.7, inf]",
        "argument 'alternatives' must be numbers",
    ),
    "share-threshold-over-100": (
        DAILY_NK,
        "alternatives = [66.7, 75]",
        "alternatives = [66.7, 150]",
        "argument 'alternatives' is a share in percent: at most 100",
    ),
    "parts-itself": (
        DAILY_NK,
        PARTS,
        'args = { parts = ["split-sums-2017", "women-2017"] }',
        "must name other claims",
    ),
    "parts-none": (DAILY_NK, PARTS, "args = { parts = [] }", "must name other claims"),
    "parts-twice": (
        DAILY_NK,
        PARTS,
        'args = { parts = ["men-2017", "men-2017"] }',
        "must name other claims of this registry that state a count, each once "
        "(value 'men-2017, men-2017')",
    ),
    "parts-unknown": (
        DAILY_NK,
        PARTS,
        'args = { parts = ["men-2017", "wommen-2017"] }',
        "must name other claims",
    ),
    "parts-other-article": (
        DAILY_NK,
        PARTS,
        'args = { parts = ["men-2017", "kbs-men-2019"] }',
        "must name other claims",
    ),
    "parts-no-count": (
        DAILY_NK,
        PARTS,
        'args = { parts = ["men-2017", "lowest-since-kju-2017"] }',
        "must name other claims",
    ),
}


@pytest.mark.parametrize(("article", "old", "new", "fragment"), CASES.values(), ids=list(CASES))
def test_an_argument_outside_its_declared_kind_is_refused_at_its_args_line(
    data_copy: Path, article: str, old: str, new: str, fragment: str
) -> None:
    path = data_copy / "articles" / article / "claims.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1 or old.startswith("args = { period"), old
    head, _, tail = text.partition(old)
    line = head.count("\n") + 1  # the claim's `args = { ... }`, written on one line
    path.write_text(head + new + tail, encoding="utf-8")
    assert path.read_text(encoding="utf-8").split("\n")[line - 1].startswith("args = {")
    refused(data_copy, f"articles/{article}/claims.toml", fragment, line=line, column="args")


ACCEPTED = {
    # a cumulative total to the end of 1989, where a bucket "up to 1989" ends
    "total-to-a-bucket-end": (NK_NEWS, 'through = "2018"', 'through = "1989"'),
    "threshold-zero": (NK_NEWS, "threshold = 30000", "threshold = 0"),
    "thresholds-at-the-bounds": (KBS, "alternatives = []", "alternatives = [[0, 100000]]"),
    "share-thresholds-at-the-bounds": (
        DAILY_NK,
        "alternatives = [66.7, 75]",
        "alternatives = [0, 100]",
    ),
}


@pytest.mark.parametrize(("article", "old", "new"), ACCEPTED.values(), ids=list(ACCEPTED))
def test_an_argument_at_the_bounds_of_its_kind_is_accepted(
    data_copy: Path, article: str, old: str, new: str
) -> None:
    path = data_copy / "articles" / article / "claims.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert run_cli("validate", data_dir=data_copy).returncode == 0


def test_every_problem_of_a_claims_arguments_is_reported(data_copy: Path) -> None:
    """A bad field and a bad `since` in one claim: both are named, neither hides the other."""
    path = data_copy / "articles" / DAILY_NK / "claims.toml"
    text = path.read_text(encoding="utf-8")
    bad = LOWEST.replace('"total"', '"all"').replace('"era"', '"abcd"')
    path.write_text(text.replace(LOWEST, bad, 1), encoding="utf-8")
    name = f"articles/{DAILY_NK}/claims.toml"
    refused(data_copy, name, "argument 'field' must be one of men, women, total")
    refused(data_copy, name, "argument 'since' must be a year, or 'era'")


def test_parts_may_be_every_other_claim_that_states_a_count(minimal_data: Path) -> None:
    """The registry's only other count as the parts of a sum: accepted, and it adds up."""
    path = minimal_data / "articles" / "the-article" / "claims.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[claim]]\nid = "the-sum"\nquote = "1,127 North Koreans"\nquantity = "the total"\n'
        'kind = "arithmetic"\nstated = 1127\nprecision = "exact"\n'
        'check = "arithmetic.sum_of_stated"\nargs = { parts = ["arrivals-2017"] }\n',
        encoding="utf-8",
    )
    assert run_cli("validate", data_dir=minimal_data).returncode == 0


def test_a_share_threshold_over_100_is_refused_for_a_single_threshold_too(data_copy: Path) -> None:
    """`threshold` (a number) is held to the bound of a share as `alternatives` (a list) is."""
    path = data_copy / "articles" / DAILY_NK / "claims.toml"
    old = (
        'check = "ranks.every_year"\nargs = { field = "women", measure = "share", since = "era", '
        'through = "2017", alternatives = [66.7, 75] }'
    )
    new = (
        'check = "ranks.first_reached"\n'
        'args = { field = "women", measure = "share", since = "era", threshold = 150 }'
    )
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    name = f"articles/{DAILY_NK}/claims.toml"
    refused(data_copy, name, "argument 'threshold' is a share in percent: at most 100")

"""The claims registry is held to its declared schema: every malformed entry is
a located error naming data/claims.toml, never a traceback or a silent pass."""

from pathlib import Path

import pytest

from analysis import claims, paths
from analysis.load.problems import DataValidationError
from tests.conftest import run_cli

FIRST_CLAIM = 'id = "arrivals-2017"'


def _edit(data_copy: Path, old: str, new: str) -> None:
    path = data_copy / "claims.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = [
    (
        "hostile id",
        FIRST_CLAIM,
        'id = "\\"><script>alert(1)</script>"',
        "column 'id'",
        "lowercase id",
    ),
    (
        "unknown check",
        'check = "official.annual"',
        'check = "official.anual"',
        "column 'check'",
        "unknown check",
    ),
    (
        "unknown kind",
        'kind = "official_statistic"',
        'kind = "rumour"',
        "column 'kind'",
        "must be one of",
    ),
    (
        "unknown precision",
        'precision = "exact"',
        'precision = "roughly"',
        "column 'precision'",
        "must be one of",
    ),
    (
        "wrong argument",
        'args = { period = "2017", field = "total" }',
        'args = { year = "2017", field = "total" }',
        "column 'args'",
        "unknown argument 'year'",
    ),
    (
        "bad field value",
        'args = { period = "2017", field = "total" }',
        'args = { period = "2017", field = "all" }',
        "column 'args'",
        "must be one of men, women, total",
    ),
    ("missing key", 'quantity = "arrivals in 2017"\n', "", "column 'quantity'", "missing field"),
    (
        "count not whole",
        "stated = 1127\n",
        "stated = 1127.5\n",
        "column 'stated'",
        "must be of type integer for precision 'exact'",
    ),
    (
        "percent as words",
        "stated = 83\n",
        'stated = "83"\n',
        "column 'stated'",
        "must be of type integer or number for precision 'percent'",
    ),
    (
        "unknown verdict",
        'recorded = { article = "reproduced_exactly", latest = "reproduced_exactly" }',
        'recorded = { article = "true", latest = "reproduced_exactly" }',
        "column 'recorded.article'",
        "unknown verdict",
    ),
    (
        "unknown notebook",
        'notebook = "01_arrivals_under_kim_jong_un.ipynb"',
        'notebook = "../../etc/passwd"',
        "column 'notebook'",
        "declared under [notebook]",
    ),
    ("no eras", "[eras]", "[epochs]", "data/claims.toml", "missing the [eras] table"),
    ("syntax", "[eras]", "[eras", "data/claims.toml", "not valid TOML"),
    (
        "duplicate id",
        'id = "arrivals-2011"',
        'id = "arrivals-2017"',
        "column 'id'",
        "duplicate claim id",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_a_broken_registry_is_a_located_error(
    data_copy: Path, old: str, new: str, where: str, message: str
) -> None:
    _edit(data_copy, old, new)
    with pytest.raises(DataValidationError) as raised:
        claims.load_registry(data_copy)
    text = str(raised.value)
    assert "data/claims.toml" in text and where in text and message in text, text
    result = run_cli("claims", "--check", data_dir=data_copy)
    assert result.returncode == 2, result.stdout
    assert "data/claims.toml" in result.stderr and "Traceback" not in result.stderr


def test_entry_errors_name_the_line(data_copy: Path) -> None:
    _edit(data_copy, 'kind = "official_statistic"', 'kind = "rumour"')
    with pytest.raises(DataValidationError) as raised:
        claims.load_registry(data_copy)
    line = claims.load_registry().get("arrivals-2017").line
    assert f"data/claims.toml, line {line}, column 'kind'" in str(raised.value)


def test_anecdotes_alone_may_omit_their_stated_value(data_copy: Path) -> None:
    _edit(data_copy, "stated = 1127\n", "")
    with pytest.raises(DataValidationError, match=r"column 'stated'.*missing field"):
        claims.load_registry(data_copy)
    assert claims.load_registry().get("twenty-on-new-years-day").stated is None


def test_a_stated_value_is_cited_at_its_own_line_and_only_its_own() -> None:
    """Evidence cites the registry line of a claim's `stated`; a claim without one (an
    anecdote) cites none, never the next claim's."""
    registry = claims.load_registry()
    lines = (paths.DATA_DIR / "claims.toml").read_text(encoding="utf-8").splitlines()
    starts = sorted(c.line for c in registry.claims)
    for claim in registry.claims:
        if claim.stated is None:
            assert claim.stated_line == 0, claim.id
            continue
        following = [s for s in starts if s > claim.line]
        assert claim.line < claim.stated_line < (following[0] if following else len(lines) + 1)
        assert lines[claim.stated_line - 1].startswith("stated = "), claim.id
    assert any(c.stated is None for c in registry.claims)

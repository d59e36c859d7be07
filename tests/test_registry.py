"""Every article's claims registry is held to its declared schema: every malformed
entry is a located error naming the registry file actually read, never a traceback
or a silent pass."""

import tomllib
from pathlib import Path

import pytest

from analysis import claims, paths
from analysis.claims.claim import Registry
from analysis.load.datasets import load
from analysis.load.problems import DataValidationError
from tests.conftest import add_article, run_cli, value_claim
from tests.hostile import refused

FIRST_CLAIM = 'id = "arrivals-2017"'
REGISTRY = "data/articles/dailynk-2018-01/claims.toml"
ARTICLE = "data/articles/dailynk-2018-01/article.toml"


def _registry(data_dir: Path = paths.DATA_DIR) -> Registry:
    """The deep dive's registry, read and validated with every article's."""
    (deep,) = [r for r in claims.load_registries(load(data_dir)) if r.notebooks]
    return deep


def _edit(data_copy: Path, old: str, new: str, name: str = REGISTRY) -> None:
    path = data_copy.parent / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = [
    (
        "hostile id",
        FIRST_CLAIM,
        'id = "\\"><script>alert(1)</script>"',
        "column 'id'",
        "must be a lowercase id: a-z, 0-9 and single hyphens (value '\"><script>alert(1)</script>')",
    ),
    (
        "unknown check",
        'check = "figures.value"',
        'check = "figures.valeu"',
        "column 'check'",
        "unknown check",
    ),
    (
        "unknown kind",
        'kind = "official_statistic"',
        'kind = "rumour"',
        "column 'kind'",
        "must be one of official_statistic, arithmetic, source_reported (value 'rumour')",
    ),
    (
        "unknown precision",
        'precision = "exact"',
        'precision = "roughly"',
        "column 'precision'",
        "must be one of exact, percent, over, at_least, fewer_than, at_most, between, about, "
        "ordering, trend, date, year, none (value 'roughly')",
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
        "must be of type integer for precision 'exact' (value '1127.5')",
    ),
    (
        "percent as words",
        "stated = 83\n",
        'stated = "83"\n',
        "column 'stated'",
        "must be of type integer or number for precision 'percent' (value '83')",
    ),
    (
        "quote as a number",
        'quote = "Only 1,127 North Koreans entered South Korea in 2017"',
        "quote = 1127",
        "column 'quote'",
        "column 'quote': must be of type text (value '1127')",
    ),
    (
        "arguments as text",
        'args = { period = "2017", field = "total" }',
        'args = "2017"',
        "column 'args'",
        "column 'args': must be of type table (value '2017')",
    ),
    (
        "stated as a table",
        "stated = 1127\n",
        "stated = { a = 1 }\n",
        "column 'stated'",
        "column 'stated': must be of type integer or number or text or list (value",
    ),
    (
        "no id",  # without its id the claim has no line: it is named by its position
        'id = "arrivals-2017"\n',
        "",
        "claims.toml, column 'id'",
        "column 'id': [[claim]] number 9: missing field",
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
    ("no review", "[review]", "[reviews]", REGISTRY, "missing the [review] table"),
    ("syntax", "[review]", "[review", REGISTRY, "not valid TOML"),
    ("old review date", "date = 2026-11-29", "date = 0001-01-01", "review.date", "1950-01-01"),
    (
        "quote not in the article",
        'quote = "Only 1,127 North Koreans entered South Korea in 2017"',
        'quote = "Only 1,172 North Koreans entered South Korea in 2017"',
        "column 'quote'",
        f"is not in any sentence of {ARTICLE} (value 'Only 1,172 North Koreans entered",
    ),
    (
        "blank quote",
        'quote = "Only 1,127 North Koreans entered South Korea in 2017"',
        'quote = "  "',
        "column 'quote'",
        "column 'quote': must be printable text, not empty (value '  ')",
    ),
    (
        "control character in quote",
        'quote = "Only 1,127',
        'quote = "\\u001b[31mOnly 1,127',
        "column 'quote'",
        "must be printable text",
    ),
    ("id with a newline", FIRST_CLAIM, 'id = "arrivals-2017\\n"', "column 'id'", "lowercase id"),
    ("negative count", "stated = 1127\n", "stated = -1127\n", "column 'stated'", "not negative"),
    ("nan share", "stated = 83\n", "stated = nan\n", "column 'stated'", "finite number"),
    ("infinite share", "stated = 83\n", "stated = inf\n", "column 'stated'", "finite number"),
    (
        "period the data cannot give",
        'args = { period = "2017", field = "total" }',
        'args = { period = "2017-Q2", field = "total" }',
        "column 'args'",
        "no source gives a figure for '2017-Q2'",
    ),
    (
        "not a period",
        'args = { period = "2017", field = "total" }',
        'args = { period = "2017-H3", field = "total" }',
        "column 'args'",
        "is not a period",
    ),
    (
        "between backwards",
        'stated = 1127\nprecision = "exact"',
        'stated = [1500, 1100]\nprecision = "between"',
        "column 'stated'",
        "[low, high]",
    ),
    (
        "between equal bounds",
        'stated = 1127\nprecision = "exact"',
        'stated = [1100, 1100]\nprecision = "between"',
        "column 'stated'",
        "[low, high]",
    ),
    (
        "between two words",
        'stated = 1127\nprecision = "exact"',
        'stated = ["1100", "1500"]\nprecision = "between"',
        "column 'stated'",
        "[low, high]",
    ),
    (
        "between a negative bound",
        'stated = 1127\nprecision = "exact"',
        'stated = [-5, 1500]\nprecision = "between"',
        "column 'stated'",
        "must be a finite number, not negative (value '[-5, 1500]')",
    ),
    (
        "alternatives not in the stated form",
        'args = { field = "women", measure = "share", since = "era", through = "2017", '
        "alternatives = [66.7, 75] }",
        'args = { field = "women", measure = "share", since = "era", through = "2017", '
        "alternatives = [[60, 70]] }",
        "column 'args'",
        "argument 'alternatives' must be numbers, in the stated value's form",
    ),
    (
        "about without tolerance",
        'stated = 1127\nprecision = "exact"',
        'stated = 1127\nprecision = "about"',
        "column 'tolerance'",
        "needs a tolerance",
    ),
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
        _registry(data_copy)
    text = str(raised.value)
    # The copy is outside the repository: the message names the file actually read.
    read = str(data_copy / "articles" / "dailynk-2018-01" / "claims.toml")
    assert read in text and where in text and message in text, text
    assert "(value 'None')" not in text  # a problem without a value shows none
    result = run_cli("claims", "--check", data_dir=data_copy)
    assert result.returncode == 2, result.stdout
    assert read in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("alternatives = [2011, 2012]", "alternatives = [1901, 2012]", "list of years"),
        ("used = 2012", "used = 2013", "a year among the alternatives"),
        ('author = "Kang Mi Jin"', 'author = ""', "non-empty string"),
        ("vintage_date = 2018-01-07", "vintage_date = 9999-01-07", "between 1950-01-01"),
        ('source_id = "dailynk-2018-01-article"', 'source_id = "nobody"', "unknown source_id"),
    ],
)
def test_a_broken_article_is_a_located_error(
    data_copy: Path, old: str, new: str, message: str
) -> None:
    _edit(data_copy, old, new, ARTICLE)
    with pytest.raises(DataValidationError) as raised:
        load(data_copy)
    assert str(data_copy / "articles" / "dailynk-2018-01" / "article.toml") in str(raised.value)
    assert message in str(raised.value)


SECOND = value_claim(
    "arrivals-2017", "Arrivals were 1,127 in 2017.", 1127, "2017", recorded="reproduced_exactly"
)


def test_claim_ids_are_unique_across_articles(data_copy: Path) -> None:
    """A claim's page anchor is its id, so two articles cannot share one."""
    add_article(data_copy, "second", "2018-02-01", "Arrivals were 1,127 in 2017.", SECOND)
    with pytest.raises(DataValidationError, match="claim id also used in") as raised:
        _registry(data_copy)
    second = "data/articles/second/claims.toml"
    line = (data_copy / "articles" / "second" / "claims.toml").read_text().split("\n").index(
        FIRST_CLAIM
    ) + 1
    assert [(p.file, p.line, p.column, p.message) for p in raised.value.problems] == [
        (second, line, "id", f"claim id also used in {REGISTRY}: ids are unique across articles")
    ]
    _edit(data_copy, FIRST_CLAIM, 'id = "second-arrivals-2017"', "data/articles/second/claims.toml")
    registries = {r.article.id: r for r in claims.load_registries(load(data_copy))}
    assert [c.id for c in registries["second"].claims] == ["second-arrivals-2017"]


def test_entry_errors_name_the_fields_own_line(data_copy: Path) -> None:
    """A field's problem is cited at the field's line (a verdict under `recorded` at the
    line of `recorded`); a missing field's at the claim's `id`."""
    path = data_copy.parent / REGISTRY
    text = path.read_text(encoding="utf-8")
    block = text[text.index('id = "arrivals-2017"') :].split("[[claim]]")[0]
    edited = block.replace('kind = "official_statistic"', 'kind = "rumour"')
    edited = edited.replace('precision = "exact"', 'precision = "exactly"')
    edited = edited.replace('latest = "reproduced_exactly"', 'latest = "fine"')
    path.write_text(text.replace(block, edited), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    with pytest.raises(DataValidationError) as raised:
        _registry(data_copy)
    found = {(p.column, p.line) for p in raised.value.problems}
    recorded = next(i for i, t in enumerate(lines, 1) if t.endswith('latest = "fine" }'))
    assert found == {
        ("kind", lines.index('kind = "rumour"') + 1),
        ("precision", lines.index('precision = "exactly"') + 1),
        ("recorded.latest", recorded),
    }
    path.write_text(text.replace(block, block.replace('precision = "exact"\n', "")), "utf-8")
    with pytest.raises(DataValidationError) as raised:
        _registry(data_copy)
    (problem,) = raised.value.problems
    line = _registry().get("arrivals-2017").line
    assert (problem.column, problem.line, problem.message) == ("precision", line, "missing field")


def test_anecdotes_alone_may_omit_their_stated_value(data_copy: Path) -> None:
    _edit(data_copy, "stated = 1127\n", "")
    with pytest.raises(DataValidationError, match=r"column 'stated'.*missing field"):
        _registry(data_copy)
    assert _registry().get("twenty-on-new-years-day").stated is None


def test_a_stated_value_is_cited_at_its_own_line_and_only_its_own() -> None:
    """Evidence cites the registry line of a claim's `stated`; a claim without one (an
    anecdote) cites none, never the next claim's."""
    registry = _registry()
    lines = (paths.ROOT / REGISTRY).read_text(encoding="utf-8").splitlines()
    starts = sorted(c.line for c in registry.claims)
    for claim in registry.claims:
        if claim.stated is None:
            assert claim.stated_line == 0, claim.id
            continue
        following = [s for s in starts if s > claim.line]
        assert claim.line < claim.stated_line < (following[0] if following else len(lines) + 1)
        assert lines[claim.stated_line - 1].startswith("stated = "), claim.id
    assert any(c.stated is None for c in registry.claims)


def test_a_claims_lines_are_found_however_its_keys_are_spaced(data_copy: Path) -> None:
    """Evidence cites the claim's own stated value by line: TOML allows `stated=1127`
    and a literal string for the id."""
    _edit(data_copy, 'id = "arrivals-2017"\n', "  id='arrivals-2017'\n")
    _edit(data_copy, "stated = 1127\n", "stated=1127\n")
    _edit(data_copy, 'stated = "lowest"\n', '"stated" = "lowest"\n')  # a quoted key
    lines = (data_copy / "articles" / "dailynk-2018-01" / "claims.toml").read_text().splitlines()
    claim = _registry(data_copy).get("arrivals-2017")
    assert lines[claim.line - 1] == "  id='arrivals-2017'"
    assert lines[claim.stated_line - 1] == "stated=1127"
    quoted = _registry(data_copy).get("lowest-since-kju-2017")
    assert lines[quoted.stated_line - 1] == '"stated" = "lowest"'


def _cites_its_own_lines(data_dir: Path) -> None:
    """Every claim cites the lines of its own `id` and `stated`, counted as TOML counts:
    each reads as its key and value, and without it the claim has no such key (a line
    inside a multi-line string could read so too, but is not the key)."""
    for registry in claims.load_registries(load(data_dir)):
        lines = (data_dir.parent / registry.file).read_text(encoding="utf-8").split("\n")
        for index, claim in enumerate(registry.claims):
            cited = {"id": (claim.line, claim.id), "stated": (claim.stated_line, claim.stated)}
            for key, (line, value) in cited.items():
                if value is None:
                    continue
                assert tomllib.loads(lines[line - 1].strip()) == {key: value}, claim.id
                without = "\n".join(lines[: line - 1] + lines[line:])
                assert key not in tomllib.loads(without)["claim"][index], (claim.id, key)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a line separator Python's splitlines() breaks at, and TOML does not
        ("[review]\n", "# Who reviews\u2028and when:\n[review]\n"),
        ("[review]\n", "# a next-line character\u0085here\n[review]\n"),
        # a string written over lines (each ending in a backslash, so it reads as one
        # line) with a line that looks like a key, before the real one
        (
            'quantity = "arrivals in 2017"\n',
            'quantity = """arrivals in 2017 \\\nstated = 1126 in another edition"""\n',
        ),
        # ... and with lines that, read alone, are the claim's very keys
        (
            'quantity = "arrivals in 2017"\n',
            'quantity = """arrivals in 2017 \\\nid = "arrivals-2017" #\\\nstated = 1127 #\\\n"""\n',
        ),
        # `stated` before `id`, in an order TOML allows
        ('id = "arrivals-2017"\nquote', 'stated = 1127\nid = "arrivals-2017"\nquote'),
    ],
    ids=["line-separator", "next-line", "key-in-a-string", "keys-in-a-string", "stated-first"],
)
def test_each_claim_cites_its_own_lines_however_the_file_is_written(
    data_copy: Path, old: str, new: str
) -> None:
    if new.startswith("stated"):
        _edit(data_copy, "stated = 1127\nprecision", "precision")
    _edit(data_copy, old, new)
    _cites_its_own_lines(data_copy)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("[review]\n", 'titel = "oops"\n[review]\n', "titel"),
        ("[review]\n", '[review]\nautor = "typo"\n', "review.autor"),
        ("[review]\n", '[review]\nid = "men-2017"\n', "review.id"),
    ],
)
def test_a_key_a_registry_does_not_have_is_refused_by_name(
    data_copy: Path, old: str, new: str, key: str
) -> None:
    _edit(data_copy, old, new)
    lines = (data_copy.parent / REGISTRY).read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(key.split(".")[-1]))
    name = "articles/dailynk-2018-01/claims.toml"
    refused(data_copy, name, f"key {key!r}", "unknown key", line=line)


def test_a_claim_whose_stated_line_cannot_be_found_is_refused_not_cited_elsewhere(
    data_copy: Path,
) -> None:
    """TOML lets a key be spelt with escapes ("st\\u0061ted"). The claim's own `stated`
    line is then not found; the next claim's must not be cited in its place."""
    _edit(data_copy, "stated = 1127\n", '"st\\u0061ted" = 1127\n')
    line = _registry().get("arrivals-2017").line
    refused(
        data_copy, "articles/dailynk-2018-01/claims.toml", "`stated", line=line, column="stated"
    )


def test_a_claim_whose_id_line_cannot_be_found_is_refused_by_its_position(
    data_copy: Path,
) -> None:
    """An id spelt with escapes, or a claim written as an inline table, has no line the
    evidence could cite: refused by its position among the [[claim]] tables."""
    _edit(data_copy, FIRST_CLAIM, '"\\u0069d" = "arrivals-2017"')
    number = [c.id for c in _registry().claims].index("arrivals-2017") + 1
    refused(
        data_copy,
        "articles/dailynk-2018-01/claims.toml",
        f"[[claim]] number {number}:",
        column="id",
    )


def test_claims_written_as_inline_tables_are_refused_each_by_its_position(data_copy: Path) -> None:
    """`claim = [{ id = ..., stated = ... }]` is valid TOML but puts no key on a line of its
    own: every claim is refused, none cited at another's line."""
    path = data_copy / "articles" / "kbs-2020-01" / "claims.toml"
    review, *tables = path.read_text(encoding="utf-8").split("\n[[claim]]\n")
    inline = ["{ " + ", ".join(table.strip().splitlines()) + " }" for table in tables]
    path.write_text("claim = [\n" + ",\n".join(inline) + ",\n]\n" + review, encoding="utf-8")
    assert len(tomllib.loads(path.read_text(encoding="utf-8"))["claim"]) == len(inline) > 1
    for number in range(1, len(inline) + 1):
        refused(data_copy, "articles/kbs-2020-01/claims.toml", f"number {number}:", column="id")


@pytest.mark.parametrize(
    ("quote", "held"),
    [
        ("189 males ... came to the South in 2017", True),
        ("South ... Ministry of Unification, 189 males", True),  # the first "South" will do
        ("938 females ... 189 males", False),  # out of order
        ("189 males and ... males and 938", False),  # the parts overlap
    ],
)
def test_an_elided_quote_holds_its_parts_in_order(data_copy: Path, quote: str, held: bool) -> None:
    """Each part after " ... " is found after the end of the one before it."""
    _edit(data_copy, 'quote = "189 males ... came to the South in 2017"', f'quote = "{quote}"')
    if held:
        assert _registry(data_copy).get("men-2017").quote == quote
    else:
        with pytest.raises(DataValidationError, match="is not in any sentence of"):
            _registry(data_copy)


@pytest.mark.parametrize("claims_written", ["", "claim = 5\n", "claim = []\n"])
def test_a_registry_without_a_claim_table_is_refused(data_copy: Path, claims_written: str) -> None:
    path = data_copy.parent / REGISTRY
    text = path.read_text(encoding="utf-8")
    path.write_text(claims_written + text[: text.index("[[claim]]")], encoding="utf-8")
    refused(
        data_copy, "articles/dailynk-2018-01/claims.toml", ": needs at least one [[claim]] table"
    )


def test_every_refused_claim_is_reported_not_only_the_first(data_copy: Path) -> None:
    path = data_copy.parent / REGISTRY
    text = path.read_text(encoding="utf-8")
    assert text.count('kind = "official_statistic"') > 2
    path.write_text(
        text.replace('kind = "official_statistic"', 'kind = "rumour"'), encoding="utf-8"
    )
    with pytest.raises(DataValidationError) as raised:
        _registry(data_copy)
    kinds = [p for p in raised.value.problems if p.column == "kind"]
    assert len(kinds) == text.count('kind = "official_statistic"')


def _minimal_registry(data_dir: Path) -> Registry:
    [registry] = claims.load_registries(load(data_dir))
    return registry


def test_a_stated_value_on_the_files_last_line_is_found(minimal_data: Path) -> None:
    """The last table runs to the end of the file: a claim whose `stated` is its file's
    last line is cited there, not refused."""
    path = minimal_data / "articles" / "the-article" / "claims.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("stated = 1127\n", "") + "stated = 1127\n", encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    claim = _minimal_registry(minimal_data).get("arrivals-2017")
    assert claim.stated_line == len(lines) - 1 and lines[-2] == "stated = 1127"


def test_a_line_that_only_holds_a_key_in_a_string_is_not_cited(minimal_data: Path) -> None:
    """A multi-line string's first line holding 'stated' (its line break escaped, so the
    value is one line) does not read as TOML alone: it is not the claim's `stated` line,
    which is cited where it is."""
    path = minimal_data / "articles" / "the-article" / "claims.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            'quantity = "arrivals in 2017"\n',
            'quantity = """arrivals in 2017, as stated \\\n    by the article"""\n',
        ),
        encoding="utf-8",
    )
    lines = path.read_text(encoding="utf-8").split("\n")
    claim = _minimal_registry(minimal_data).get("arrivals-2017")
    assert lines[claim.stated_line - 1] == "stated = 1127"

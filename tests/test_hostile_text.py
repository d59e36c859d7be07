"""Hostile input, text: whatever a free-text field holds (a line break and a heading, a
table row, a fence, a directive, a role, raw HTML, a javascript: link, a comment, math,
terminal escape sequences, a bidirectional override, a NUL), it stays text in every
place it is written: the report's MyST pages, the README's generated tables, the
ClaimReview JSON-LD and the terminal. Each case parses what is written, as the reader's
tool would, and finds one run of text equal to the field."""

import dataclasses
import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from analysis import claims
from analysis.claims.inputs import Inputs
from analysis.load import datapackage, datasets
from analysis.show import claimreview, markdown, render, terminal
from analysis.site import report
from tests.conftest import FIXTURES
from tests.hostile import edit, refused

PAYLOADS = {
    "heading": "x\n# Injected heading",
    "table-row": "x |\n| injected | row |",
    "pipe": "a | b",
    "fence": "```python\nimport os\n```",
    "tilde-fence": "~~~\ncode\n~~~",
    "directive": ":::{warning}\ninjected\n:::",
    "role": "{abbr}`x (y)`",
    "html": "<img src=x onerror=alert(1)>",
    "script": "</script><script>alert(1)</script>",
    "comment-html": "<!-- hidden -->",
    "link": "[click](javascript:alert(1))",
    "image": "![x](https://evil.example/x.png)",
    "autolink": "<https://evil.example>",
    "myst-comment": "% hidden",
    "ordered-list": "1. item",
    "bullet": "- item",
    "blockquote": "> quoted",
    "math": "$x$ and $$y$$",
    "deflist": "term\n: definition",
    "setext": "text\n===",
    "thematic-break": "***",
    "entity": "&lt;b&gt; &#60;",
    "emphasis": "*a* __b__",
    "escape-sequence": "\x1b[2J\x1b[31mred",
    "bidi-override": "abc\u202edcba",
    "nul": "a\x00b",
    "carriage-return": "visible\rhidden",
}
MYST = (
    MarkdownIt("commonmark")
    .enable("table")
    .use(dollarmath_plugin)
    .use(deflist_plugin)
    .use(colon_fence_plugin)
    .use(myst_role_plugin)
    .use(myst_block_plugin)
)


def _shown(value: str) -> str:
    """What a reader should see: the text on one line, control characters escaped."""
    return terminal.inert(" ".join(value.split()))


def _text(tokens: list[Token]) -> str:
    return "".join(t.content for t in tokens)


@pytest.mark.parametrize("name", PAYLOADS)
def test_text_in_a_myst_page_stays_one_run_of_text(name: str) -> None:
    """The report's templates write every field through this filter (`md`)."""
    tokens = MYST.parse(report.markdown_text(PAYLOADS[name]))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert {c.type for c in children} == {"text"}
    assert _text(children) == _shown(PAYLOADS[name])


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> claims.Results:
    folder = tmp_path_factory.mktemp("text") / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    datapackage.write(folder)
    return claims.results(datasets.load(folder))


def _quoting(results: claims.Results, quote: str) -> claims.Results:
    registry = results.registry
    changed = tuple(dataclasses.replace(c, quote=quote) for c in registry.claims)
    inputs = Inputs(results.data, dataclasses.replace(registry, claims=changed))
    return dataclasses.replace(results, inputs=inputs)


@pytest.mark.parametrize("name", PAYLOADS)
def test_a_quote_in_the_readme_claims_table_stays_in_its_cell(
    results: claims.Results, name: str
) -> None:
    table = render.markdown_table(_quoting(results, PAYLOADS[name]))
    tokens = MarkdownIt("commonmark").enable("table").parse(table)
    assert [t.type for t in tokens if t.type in ("table_open", "tr_open")] == [
        "table_open",
        "tr_open",
        "tr_open",
    ]
    assert not [t for t in tokens if t.type.startswith("html")]
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 3 + 3  # the header's and the one claim's
    link = cells[3].children or []
    assert (link[0].type, link[-1].type) == ("link_open", "link_close")
    assert link[0].attrs["href"] == "notebooks/01_arrivals_under_kim_jong_un.ipynb#arrivals-2017"
    assert _text(link[1:-1]) == f"“{_shown(PAYLOADS[name])}”"


@pytest.mark.parametrize("name", PAYLOADS)
def test_a_quote_in_claimreview_json_ld_is_safe_in_a_script_tag(
    results: claims.Results, name: str
) -> None:
    written = claimreview.as_json_ld([_quoting(results, PAYLOADS[name])])
    assert not {"<", ">", "&"} & set(written)
    assert [r["claimReviewed"] for r in json.loads(written)] == [PAYLOADS[name]]


@pytest.mark.parametrize("name", PAYLOADS)
def test_text_for_the_terminal_holds_no_control_character(name: str) -> None:
    shown = terminal.inert(PAYLOADS[name], keep_newlines=False)
    assert not [c for c in shown if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]
    assert shown == PAYLOADS[name] or "\\x" in shown or "\\u" in shown


def test_the_notebook_table_of_the_readme_escapes_titles() -> None:
    assert markdown.inline("A | B\n# C") == r"A \| B \# C"
    assert markdown.code("01_x.ipynb") == "`01_x.ipynb`"
    assert markdown.code("a`b|c.ipynb") == r"a\`b\|c.ipynb"
    assert markdown.destination("notebooks/a b).ipynb#x") == "notebooks/a%20b%29.ipynb#x"


CONTROLS = {
    "escape": "\x1b[31m",
    "tab": "a\tb",
    "delete": "a\x7fb",
    "nul": "a\x00b",
    "c1": "a\x85b",
}


@pytest.mark.parametrize("name", CONTROLS)
def test_a_control_character_in_a_csv_text_cell_is_refused(minimal_data: Path, name: str) -> None:
    edit(minimal_data / "sources.csv", ",A newspaper,", f",A {CONTROLS[name]} newspaper,")
    line = refused(minimal_data, "sources.csv", "contains a control character", line=3)
    assert not [c for c in line if unicodedata.category(c) == "Cc"]


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        ("on the rise.", "“on the rise”"),  # the running sentence brings its own full stop
        ("and so on...", "“and so on...”"),  # an ellipsis is kept
        ("no stop", "“no stop”"),
        ("<b>1.</b> [x](y).", "“\\<b\\>1.\\</b\\> \\[x\\]\\(y\\)”"),  # still literal text
    ],
)
def test_a_quote_in_running_text_drops_its_own_full_stop_and_stays_literal(
    quote: str, shown: str
) -> None:
    assert markdown.quoted(quote) == shown

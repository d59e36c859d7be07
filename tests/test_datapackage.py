"""data/datapackage.json is generated from the schemas and analysis.metadata: the
committed file is the generated one, it describes every declared column and every
CSV header, what it states holds for the data, and the data page shows it."""

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from docutils.core import publish_string
from myst_parser.parsers.docutils_ import Parser

from analysis import paths
from analysis.load import cells, datapackage, metadata, schemas, validation, vocabulary
from analysis.site import report
from tests.conftest import FIXTURES, run_cli

COMMITTED = paths.ROOT / "data" / "datapackage.json"
TYPES = {"string", "integer", "number", "date"}


def _committed() -> dict[str, Any]:
    package: dict[str, Any] = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return package


def test_the_committed_datapackage_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == datapackage.render(), (
        f"data/datapackage.json is out of date: run `{datapackage.COMMAND}`"
    )


def test_generation_gives_the_same_bytes_whatever_the_hash_seed() -> None:
    """Two runs in fresh processes with different string hashing give identical bytes:
    no set or dict order leaks into the file."""
    outputs = set()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-m", "analysis", "datapackage"],
            capture_output=True,
            check=True,
            cwd=paths.ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.add(result.stdout)
    assert outputs == {datapackage.render().encode("utf-8")}


def test_the_command_writes_and_checks_the_file(data_copy: Path) -> None:
    path = data_copy / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"Caveats."', '"Notes."'))
    stale = run_cli("datapackage", "--check", data_dir=data_copy)
    assert stale.returncode == 2
    assert "Traceback" not in stale.stderr
    assert f"data/datapackage.json, line {_line_of(path, 'Notes.')}: out of date" in stale.stderr
    assert f"run `{datapackage.COMMAND}`" in stale.stderr
    assert run_cli("datapackage", "--write", data_dir=data_copy).returncode == 0
    assert path.read_bytes() == COMMITTED.read_bytes()
    assert run_cli("datapackage", "--check", data_dir=data_copy).returncode == 0


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_every_declared_column_has_a_type_a_description_and_its_constraints() -> None:
    """Every column of every schema is a field of its resource, in order, with a type,
    a description, and every constraint its checks state; the key is the columns the
    duplicate-row rule keeps unique, and every column that refers to sources.csv is a
    foreign key."""
    resources = {r["name"]: r for r in _committed()["resources"]}
    assert list(resources) == list(datapackage.SCHEMAS)
    for name, build in datapackage.SCHEMAS.items():
        schema = build()
        table = resources[name]["schema"]
        assert [f["name"] for f in table["fields"]] == schema.names, name
        for column, field in zip(schema.columns, table["fields"], strict=True):
            assert field["type"] in TYPES and field["type"] == column.type, (name, column.name)
            assert field["description"].strip(), (name, column.name)
            stated = field.get("constraints", {})
            assert stated.get("required", False) == column.required, (name, column.name)
            for check in column.checks:
                assert check.constraints.items() <= stated.items(), (name, column.name)
        [key] = [list(rule.columns) for rule in schema.rules if rule.key]
        assert table["primaryKey"] == key, name
        references = [c.name for c in schema.columns if c.refers_to == schemas.SOURCE_KEY]
        assert table.get("foreignKeys", []) == [
            {"fields": c, "reference": {"resource": "sources", "fields": "source_id"}}
            for c in references
        ], name
        assert references == ([] if name == "sources" else ["source_id"]), name


def test_what_the_descriptor_states_is_what_the_checks_enforce() -> None:
    """Spot checks against the schemas' own constants, so a constraint lost or misread
    in generation shows."""
    fields = {
        (r["name"], f["name"]): f for r in _committed()["resources"] for f in r["schema"]["fields"]
    }
    assert fields["arrivals", "total"] == {
        "name": "total",
        "type": "integer",
        "description": "All arrivals in the period.",
        "unit": "people",
        "constraints": {"required": True, "minimum": 0, "maximum": cells.MAX_COUNT},
    }
    assert fields["arrivals", "period_start"]["constraints"] == {"minimum": "1950-01-01"}
    assert fields["sources", "source_id"]["constraints"] == {
        "required": True,
        "unique": True,
        "pattern": cells.ID_PATTERN,
    }
    assert fields["sources", "kind"]["constraints"]["enum"] == sorted(vocabulary.SOURCE_KINDS)
    assert fields["source_issues", "field"]["constraints"]["enum"] == sorted(
        vocabulary.ISSUE_FIELDS
    )
    assert fields["sources", "url"]["constraints"]["pattern"] == cells.URL_PATTERN
    published = fields["sources", "published"]
    assert (published["type"], published["constraints"]["pattern"]) == (
        "string",
        cells.PARTIAL_DATE_PATTERN,
    )
    units = {key for key, field in fields.items() if "unit" in field}
    assert units == {(t, c) for t in ("arrivals", "cumulative") for c in ("men", "women", "total")}


@pytest.mark.parametrize(
    "data_dir", [paths.ROOT / "data", FIXTURES / "minimal"], ids=["data", "minimal"]
)
def test_every_csv_header_is_its_resource_fields_in_order(data_dir: Path) -> None:
    resources = {r["path"]: r for r in _committed()["resources"]}
    assert set(resources) == {p.name for p in data_dir.glob("*.csv")}
    for name, resource in resources.items():
        with (data_dir / name).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert [f["name"] for f in resource["schema"]["fields"]] == header, name


def _violations(field: dict[str, Any], cells: "pd.Series[str]") -> "pd.Series[bool]":
    """Cells that break a field's stated constraints (missing cells only `required`)."""
    constraints = field.get("constraints", {})
    filled = cells != ""
    bad = ~filled if constraints.get("required") else pd.Series(False, index=cells.index)
    values: pd.Series = cells
    if field["type"] == "integer":
        values = pd.to_numeric(cells.where(filled), errors="raise")
    if "enum" in constraints:
        bad |= filled & ~cells.isin(constraints["enum"])
    if "pattern" in constraints:
        bad |= filled & ~cells.str.fullmatch(constraints["pattern"])
    if "minimum" in constraints:
        bad |= filled & (values < constraints["minimum"])
    if "maximum" in constraints:
        bad |= filled & (values > constraints["maximum"])
    if constraints.get("unique"):
        bad |= filled & cells.duplicated(keep=False)
    return bad


def test_what_the_descriptor_states_holds_for_the_data() -> None:
    """The real files meet every constraint, key and reference the descriptor states,
    read as a Frictionless tool would (so a pattern or bound stated wrongly shows)."""
    package = _committed()
    frames = {
        r["name"]: pd.read_csv(
            paths.ROOT / "data" / r["path"], dtype=str, keep_default_na=False, encoding="utf-8"
        )
        for r in package["resources"]
    }
    for resource in package["resources"]:
        frame = frames[resource["name"]]
        for field in resource["schema"]["fields"]:
            bad = _violations(field, frame[field["name"]])
            assert not bad.any(), (resource["name"], field["name"], frame[bad].index.tolist())
        key = resource["schema"]["primaryKey"]
        assert not frame.duplicated(key).any(), resource["name"]
        for reference in resource["schema"].get("foreignKeys", []):
            target = frames[reference["reference"]["resource"]][reference["reference"]["fields"]]
            assert frame[reference["fields"]].isin(target).all(), resource["name"]


def test_a_constraint_the_data_breaks_is_found() -> None:
    """The helper above can fail: each kind of constraint catches a cell that breaks it."""
    field = {
        "type": "integer",
        "constraints": {"required": True, "unique": True, "minimum": 0, "maximum": 10},
    }
    cells = pd.Series(["1", "", "11", "3", "3"])
    assert _violations(field, cells).tolist() == [False, True, True, True, True]
    text = {"type": "string", "constraints": {"enum": ["a", "b"], "pattern": "[ab]"}}
    assert _violations(text, pd.Series(["a", "c", ""])).tolist() == [False, True, False]


def test_generation_refuses_prose_and_schema_that_disagree(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    described = metadata.RESOURCES["cumulative"]
    fields = {k: v for k, v in described.fields.items() if k != "quote"}
    monkeypatch.setitem(metadata.RESOURCES, "cumulative", metadata.Resource("T", fields))
    with pytest.raises(
        ValueError,
        match=r"cumulative: analysis.metadata describes as_of, .*, "
        r"evidence; the schema declares as_of, .*, evidence, quote",
    ):
        datapackage.render()


def test_generation_refuses_a_constraint_stated_twice() -> None:
    twice = validation.CellCheck("x", lambda cells: cells.text == "", constraints={"minimum": 1})
    column = validation.Column("n", (twice, twice), type="integer")
    with pytest.raises(ValueError, match=r"column n: a check states 'minimum' again"):
        datapackage.field_descriptor(column, metadata.Field("N."), unique=False)


@pytest.mark.parametrize(
    ("field", "text"),
    [
        (
            {"type": "integer", "constraints": {"required": True, "minimum": 0, "maximum": 100000}},
            "required; at least 0; at most 100,000",
        ),
        (
            {"type": "date", "constraints": {"minimum": "1950-01-01"}},
            "may be empty; not before 1950-01-01",
        ),
        (
            {
                "type": "string",
                "constraints": {"required": True, "unique": True, "pattern": cells.ID_PATTERN},
            },
            "required; unique; a lowercase id: words of a-z and 0-9 joined by single hyphens",
        ),
        ({"type": "string", "constraints": {"enum": ["a", "b"]}}, "may be empty; one of a, b"),
        ({"type": "string"}, "may be empty"),
    ],
)
def test_constraints_are_said_in_words(field: dict[str, Any], text: str) -> None:
    assert datapackage.constraints_text(field) == text


def _data_page_html() -> str:
    """The data dictionary page, rendered from the generated descriptor to HTML by MyST
    (as Sphinx renders it in the report, without building the report)."""
    page = report._environment().get_template("data.md.j2").render(package=_committed())
    settings = {
        "myst_enable_extensions": ["colon_fence", "deflist"],  # as site/conf.py sets them
        "myst_all_links_external": True,
        "output_encoding": "unicode",
        "report_level": 2,
        "halt_level": 2,  # a warning (a broken table, say) fails the test
    }
    html = publish_string(page, parser=Parser(), writer="html5", settings_overrides=settings)
    assert isinstance(html, str)
    return html


def _text(html: str) -> str:
    plain = re.sub(r"<[^>]+>", "", html)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&")):
        plain = plain.replace(entity, char)
    return plain


def test_the_data_page_shows_each_field_with_its_type_constraints_and_unit() -> None:
    html = _data_page_html()
    tables = re.findall(r"<table.*?</table>", html, re.DOTALL)
    package = _committed()
    assert len(tables) == len(package["resources"])
    for table, resource in zip(tables, package["resources"], strict=True):
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
        cells = [
            [_text(c).strip() for c in re.findall(r"<t[hd].*?</t[hd]>", r, re.DOTALL)] for r in rows
        ]
        # The meaning second: on a phone the first columns show, the rest scroll.
        assert cells[0] == ["Column", "Meaning", "Type", "Constraints"]
        for row, field in zip(cells[1:], resource["schema"]["fields"], strict=True):
            unit = f" ({field['unit']})" if "unit" in field else ""
            assert row == [
                field["name"],
                " ".join(field["description"].split()),
                field["type"] + unit,
                datapackage.constraints_text(field),
            ]
    body = html[html.index("<body") :]
    assert "\\" not in body  # a Markdown escape would show as one (and no regex is shown)
    text = _text(html)
    assert "Key: no two rows share source_id, period_start and period_end." in text
    assert "Every source_id is a source_id of sources.csv." in text

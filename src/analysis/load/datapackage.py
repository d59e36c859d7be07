"""data/datapackage.json, generated: a Frictionless Data Package (Table Schema) whose
fields take their type, constraints and keys from the checks declared in
analysis.schemas, and their meaning from analysis.load.metadata. A column is declared
once, so the descriptor cannot disagree with what validation checks.

`python -m analysis datapackage --write` rewrites the file; `python -m analysis
validate` (and the tests) name it when it is out of date.
"""

import json
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import paths
from analysis.load import datasets, metadata, schemas
from analysis.load.problems import DataValidationError, Problem, decode_utf8, read_bytes
from analysis.load.structured import parse_json
from analysis.load.validation import Column, Schema

FILE = "datapackage.json"
COMMAND = "python -m analysis datapackage --write"
CONSTRAINTS = ("required", "unique", "enum", "minimum", "maximum", "pattern")
"""The Table Schema constraints the checks state, in the order they are written."""

_NO_SOURCES = schemas.Sources(pd.DataFrame({"source_id": [], "kind": [], "published_to": []}))
"""Which sources exist is data, not declaration: a table that refers to sources.csv
says so with a foreign key, so its schema is built here knowing no source."""

SCHEMAS: dict[str, Callable[[], Schema]] = {
    "sources": schemas.sources_schema,
    **{
        name.removesuffix(".csv"): partial(table.schema, _NO_SOURCES)
        for name, table in datasets.REFERRING.items()
    },
}
"""The schema each file (resource NAME, file NAME.csv) is validated against: the very
schemas the loaders use (analysis.load.datasets), so the two cannot part."""


def field_descriptor(column: Column, described: metadata.Field, unique: bool) -> dict[str, Any]:
    """A Table Schema field: the column's name, type and constraints, its meaning and unit."""
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": described.description,
    }
    if described.unit:
        field["unit"] = described.unit
    constraints: dict[str, object] = {"required": True} if column.required else {}
    if unique:
        constraints["unique"] = True
    for check in column.checks:
        for name, value in check.constraints.items():
            if name in constraints or name not in CONSTRAINTS:
                raise ValueError(f"column {column.name}: a check states {name!r} again or unknown")
            constraints[name] = value
    if constraints:
        field["constraints"] = {
            name: constraints[name] for name in CONSTRAINTS if name in constraints
        }
    return field


def resource_descriptor(name: str, schema: Schema, described: metadata.Resource) -> dict[str, Any]:
    """A tabular data resource: the file, its title, its fields in the header's order,
    its primary key (the columns a duplicate-row rule keeps unique) and its foreign keys."""
    if list(described.fields) != schema.names:
        raise ValueError(
            f"{name}: analysis.metadata describes {', '.join(described.fields)}; "
            f"the schema declares {', '.join(schema.names)}"
        )
    keys = [list(rule.columns) for rule in schema.rules if rule.key]
    if len(keys) != 1:
        raise ValueError(f"{name}: the schema declares {len(keys)} keys, not one primary key")
    [key] = keys
    fields = [
        field_descriptor(column, described.fields[column.name], unique=key == [column.name])
        for column in schema.columns
    ]
    table_schema: dict[str, Any] = {"fields": fields, "primaryKey": key}
    references = [
        {"fields": c.name, "reference": {"resource": c.refers_to[0], "fields": c.refers_to[1]}}
        for c in schema.columns
        if c.refers_to
    ]
    if references:
        table_schema["foreignKeys"] = references
    return {
        "name": name,
        "path": f"{name}.csv",
        "title": described.title,
        "profile": "tabular-data-resource",
        "schema": table_schema,
    }


def descriptor() -> dict[str, Any]:
    """The whole data package, every resource in the order of SCHEMAS."""
    if list(SCHEMAS) != list(metadata.RESOURCES):
        raise ValueError(
            "analysis.load.metadata.RESOURCES must describe the files of SCHEMAS, in order"
        )
    resources = [
        resource_descriptor(name, build(), metadata.RESOURCES[name])
        for name, build in SCHEMAS.items()
    ]
    return {**metadata.PACKAGE, "profile": "tabular-data-package", "resources": resources}


def render() -> str:
    """The descriptor as written: JSON, 2-space indent, UTF-8 text, a final newline.
    Built from declarations alone, it gives the same bytes every time."""
    return json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n"


def write(data_dir: Path = paths.DATA_DIR) -> None:
    (data_dir / FILE).write_text(render(), encoding="utf-8")


def check(data_dir: Path = paths.DATA_DIR) -> dict[str, Any]:
    """The descriptor in the file, once it is exactly what render() gives; otherwise a
    DataValidationError naming the first line that differs, the first key whose value
    differs (a missing title, a licence written as text) and the command that rewrites
    it. The file is read strictly (analysis.load.structured): a key given twice or a NaN
    is refused as such."""
    shown = f"data/{FILE}"
    text = decode_utf8(read_bytes(data_dir / FILE, shown), shown)
    found = parse_json(text, shown)
    wanted = render()
    if text == wanted:
        return dict(found)
    lines, wanted_lines = text.splitlines(keepends=True), wanted.splitlines(keepends=True)
    line = next(
        (i for i, (a, b) in enumerate(zip(lines, wanted_lines, strict=False), 1) if a != b),
        min(len(lines), len(wanted_lines)) + 1,
    )
    key = first_difference(found, descriptor())
    where = "" if key is None else f" (first at key {key[0]!r}: {key[1]})"
    message = (
        "out of date: the file is generated from the schemas and analysis.metadata, "
        f"and differs from what they give from this line on{where}; run `{COMMAND}`"
    )
    raise DataValidationError([Problem(shown, message, line=line)])


def first_difference(found: Any, wanted: Any, at: str = "") -> tuple[str, str] | None:
    """The path of the first key where `found` differs from `wanted` (depth first, in
    `wanted`'s order), with what is wrong there; None when they are equal."""
    if isinstance(wanted, dict) and isinstance(found, dict):
        for name, value in wanted.items():
            path = f"{at}.{name}" if at else name
            if name not in found:
                return path, "a required key is missing"
            if (inner := first_difference(found[name], value, path)) is not None:
                return inner
        extra = [name for name in found if name not in wanted]
        if extra:
            return (f"{at}.{extra[0]}" if at else extra[0]), "an unexpected key"
        return None
    if isinstance(wanted, list) and isinstance(found, list):
        for i, (a, b) in enumerate(zip(found, wanted, strict=False)):
            if (inner := first_difference(a, b, f"{at}[{i}]")) is not None:
                return inner
        if len(found) != len(wanted):
            return at or "(the document)", f"holds {len(found)} items, not {len(wanted)}"
        return None
    if type(found) is not type(wanted):
        kinds = {dict: "an object", list: "a list", str: "text", int: "a whole number"}
        shown = kinds.get(type(wanted), type(wanted).__name__)
        return at or "(the document)", f"must be {shown}"
    if found != wanted:
        return at or "(the document)", "differs from the generated value"
    return None


def constraints_text(field: Mapping[str, Any]) -> str:
    """A field's constraints for a reader: "required; at least 0; at most 100,000"."""
    constraints = field.get("constraints", {})
    is_date = field["type"] == "date"
    parts = ["required" if constraints.get("required") else "may be empty"]
    if constraints.get("unique"):
        parts.append("unique")
    if "enum" in constraints:
        parts.append(f"one of {', '.join(constraints['enum'])}")
    for name, date_words, number_words in (
        ("minimum", "not before", "at least"),
        ("maximum", "not after", "at most"),
    ):
        if name in constraints:
            value = constraints[name]
            shown = value if is_date else f"{value:,}"
            parts.append(f"{date_words if is_date else number_words} {shown}")
    if "pattern" in constraints:
        parts.append(pattern_words()[constraints["pattern"]])
    return "; ".join(parts)


def pattern_words() -> dict[str, str]:
    """Each pattern a check states, in the words of that check's message: a reader gets
    "a lowercase id: ...", not a regular expression (which datapackage.json gives)."""
    return {
        str(check.constraints["pattern"]): check.message.removeprefix("must be ")
        for build in SCHEMAS.values()
        for column in build().columns
        for check in column.checks
        if "pattern" in check.constraints
    }

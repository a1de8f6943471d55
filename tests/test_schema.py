"""The JSON Schema agrees with the loader: what `validate` accepts, the schema accepts too.

Outlines are read here as an editor's YAML parser reads them (PyYAML's YAML 1.1 typing: `2025`
an integer, `1.0` a number, `no` a boolean, dates as dates, which JSON Schema sees as text).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import MINIMAL_CASE
from test_cli import shipped_outlines

from casestudy.starter import starter_text

REPO = Path(__file__).resolve().parents[1]


def as_an_editor_reads(text: str) -> object:
    """YAML with its own typing; dates become the ISO text JSON Schema's `date` format means."""

    def plain(value: object) -> object:
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value

    return plain(yaml.safe_load(text))


def schema_errors(text: str) -> list[str]:
    """What the shipped schema (overlay schema for an outline that extends another) says of `text`."""
    data = as_an_editor_reads(text)
    overlay = isinstance(data, dict) and "extends" in data
    name = "overlay.schema.json" if overlay else "outline.schema.json"
    schema = json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("path", shipped_outlines(), ids=lambda p: p.name)
def test_every_shipped_outline_validates_against_the_schema(path):
    assert schema_errors(path.read_text(encoding="utf-8")) == []


def test_the_starter_and_the_minimal_outline_validate_against_the_schema():
    assert schema_errors(starter_text(".casestudy/outline.schema.json")) == []
    assert schema_errors(MINIMAL_CASE) == []


@pytest.mark.parametrize(
    "old, new",
    [
        ("meta:\n", "meta:\n  version: 1.0\n"),
        ("case_id: C-1", "case_id: 010"),
        ("title: Case", "title: no"),
        ("title: Case", "title: 2025"),
        ("session_minutes: 60", "session_minutes: '60'"),
        ("meta:\n", "meta:\n  subtitle: ~\n"),
        ("    title: Profile\n", "    title: Profile\n    date: 2025\n"),
    ],
    ids=["version-number", "octal-looking-id", "boolean-looking-title", "year-title", "quoted-minutes", "null", "year"],
)
def test_scalars_the_loader_reads_as_written_are_accepted(old, new):
    assert old in MINIMAL_CASE
    assert schema_errors(MINIMAL_CASE.replace(old, new, 1)) == []


@pytest.mark.parametrize(
    "old, new, where",
    [
        ("session_minutes: 60", "session_minutes: sixty", "$.meta.session_minutes"),
        ("session_minutes: 60", "session_minutes: [60]", "$.meta.session_minutes"),
        ("  title: Case\n", "", "$.meta"),
        ("  audience:", "  titel: X\n  audience:", "$.meta"),
        ("date: 2026-01-15", "date: 15 January 2026", "$.meta.date"),
        ("- id: s1", "- id: s 1", "$.sections[0].id"),
        ("objectives: [Decide.]", "objectives: []", "$.teaching_note.objectives"),
        ("sources:\n", "theme: {colours: {primary: red}}\nsources:\n", "$.theme.colours.primary"),
    ],
    ids=["word-for-number", "list-for-number", "missing", "unknown-key", "date", "id", "empty-list", "colour"],
)
def test_type_errors_are_refused_by_the_schema_too(old, new, where):
    assert old in MINIMAL_CASE
    errors = schema_errors(MINIMAL_CASE.replace(old, new, 1))
    assert any(e.startswith(where) for e in errors), errors

"""The outline's JSON Schema, generated from the model, for editors and `casestudy schema`.

The loader reads every plain scalar as the text written (`2025`, `1.0`, `no` are strings to
it), but an editor's YAML parser types them first: `2025` is an integer, `1.0` a number. So
wherever the model takes text, the schema also takes the numbers and booleans a YAML parser
may make of that text, and wherever it takes a whole number, also the digits as text: the
schema accepts every outline the loader accepts, and refuses what it can express of the rest.
"""

from __future__ import annotations

import re
from typing import Any

from casestudy.loader import REMOVE_KEY
from casestudy.model import Case

SCHEMA_ID = "https://casestudy.invalid/schema/outline.schema.json"
# What a YAML parser may make a plain scalar into, and a sample of text that reads as each.
_YAML_READINGS = {"integer": ("2025", "10"), "number": ("1.0", "2.78"), "boolean": ("true", "no", "yes")}


def outline_schema(overlay: bool = False) -> dict[str, Any]:
    """The schema of a full outline, or (overlay=True) of one that `extends` another.

    An overlay may leave out anything its base gives, and may write `remove: true` on a list
    item with an id, so its schema has no required fields and allows that key.
    """
    schema = _as_yaml_scalars(Case.model_json_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "casestudy outline" + (" overlay" if overlay else "")
    schema["properties"]["extends"] = {
        "type": "string",
        "description": "Path of the outline this one starts from, relative to this file.",
    }
    if overlay:
        schema["required"] = ["extends"]
        for definition in schema.get("$defs", {}).values():
            definition.pop("required", None)
            if "id" in definition.get("properties", {}):
                definition["properties"][REMOVE_KEY] = {
                    "type": ["boolean", "string"],
                    "description": "Remove the base's item with this id.",
                }
    return schema


def _as_yaml_scalars(node: Any) -> Any:
    """`node` with every text and whole-number schema widened to what YAML typing makes of it."""
    if isinstance(node, list):
        return [_as_yaml_scalars(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _as_yaml_scalars(value) for key, value in node.items()}
    if node.get("type") == "string" and "format" not in node and "enum" not in node and "const" not in node:
        pattern = re.compile(node.get("pattern", ""))
        readings = [kind for kind, samples in _YAML_READINGS.items() if any(pattern.search(s) for s in samples)]
        node["type"] = ["string", *readings] if readings else "string"
    elif node.get("type") == "integer":
        node = {"anyOf": [node, {"type": "string", "pattern": r"^[-+]?\d+$"}]}
    return node

"""The outline's JSON Schema, generated from the model, for editors and `casestudy schema`."""

from __future__ import annotations

from typing import Any

from casestudy.loader import REMOVE_KEY
from casestudy.model import Case

SCHEMA_ID = "https://casestudy.invalid/schema/outline.schema.json"


def outline_schema(overlay: bool = False) -> dict[str, Any]:
    """The schema of a full outline, or (overlay=True) of one that `extends` another.

    An overlay may leave out anything its base gives, and may write `remove: true` on a list
    item with an id, so its schema has no required fields and allows that key.
    """
    schema = Case.model_json_schema()
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
                    "type": "boolean",
                    "description": "Remove the base's item with this id.",
                }
    return schema

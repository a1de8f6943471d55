"""The README's outline reference lists exactly the model's fields."""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path

from pydantic import BaseModel

from casestudy.model import Case, InlineText, PartialDate

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def item_model(annotation: object) -> tuple[type[BaseModel] | None, bool]:
    """The model inside a field's type, and whether the field is a list of it."""
    is_list = False
    while True:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in args if a is not type(None))
        elif origin is tuple:
            annotation, is_list = args[0], True
        else:
            break
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in (InlineText, PartialDate):
            return annotation, is_list
    return None, is_list


def field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    out = []
    for name, field in model.model_fields.items():
        out.append(prefix + name)
        sub, is_list = item_model(field.annotation)
        if sub:
            out += field_paths(sub, prefix + name + ("[]." if is_list else "."))
    return out


def test_reference_lists_every_field_and_no_other():
    documented = re.findall(r"^\| `([a-z_.\[\]]+)` \|", README, flags=re.MULTILINE)
    assert documented == field_paths(Case)


def test_reference_rows_have_examples_for_leaves():
    rows = re.findall(r"^\| `([a-z_.\[\]]+)` \| ([^|]+) \|[^|]*\| ([^|]*) \|", README, flags=re.MULTILINE)
    missing = [
        path
        for path, kind, example in rows
        if kind.strip() != "mapping" and "list of mapping" not in kind and not example.strip()
    ]
    assert not missing, f"fields without an example: {missing}"

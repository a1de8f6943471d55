"""What can be read of an outline that has type errors, so reference checks run in the same round.

When `Case.model_validate` fails, the loader still wants to report an unknown citation or a
class plan that does not add up, together with the type errors, instead of after they are
fixed. So the outline is read again part by part: every field, and every item of every list,
that validates on its own is kept; the rest is left out. The checks then run on what was kept,
knowing which ids the left-out items had and which lists could not be read at all, so that a
broken source is not also reported as "unknown" wherever it is cited.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass, field

import pydantic
import pydantic.fields

from casestudy.checks import Unread
from casestudy.model import Case, InlineText, PartialDate

Loc = tuple[str | int, ...]
_MISSING = object()


@dataclass
class Salvaged:
    """The readable part of an outline, and how its list positions map back to the file's."""

    case: Case
    unread: Unread
    positions: dict[Loc, list[int]] = field(default_factory=dict)  # list path (as kept) -> original indices

    def original(self, loc: Loc) -> Loc:
        """A path in the kept case as a path in the outline as written."""
        out: list[str | int] = []
        for part in loc:
            kept = self.positions.get(tuple(out))
            out.append(kept[part] if kept is not None and isinstance(part, int) and part < len(kept) else part)
        return tuple(out)


def salvage(data: object) -> Salvaged:
    """Read `data` (plain outline data) as far as it validates; see the module docstring."""
    reader = _Reader()
    case = reader.read(Case, data, ())
    if case is _MISSING:
        case = Case.model_construct(**{name: None for name in Case.model_fields})
    unread = Unread(ids={k: frozenset(v) for k, v in reader.dropped_ids.items()}, lists=frozenset(reader.unreadable))
    return Salvaged(case, unread, reader.positions)


class _Reader:
    def __init__(self) -> None:
        self.positions: dict[Loc, list[int]] = {}
        self.dropped_ids: dict[str, set[str]] = {}
        self.unreadable: set[str] = set()

    def read(self, annotation: object, raw: object, loc: Loc) -> object:
        """`raw` validated as `annotation`, model by model and item by item; _MISSING if it is not."""
        base = _unwrap_optional(annotation)
        origin = typing.get_origin(base)
        if _is_model(base) and isinstance(raw, dict):
            return self._model(base, raw, loc)
        if origin is tuple and isinstance(raw, list):
            return self._items(typing.get_args(base)[0], raw, loc)
        try:
            return _adapter(annotation).validate_python(raw)
        except pydantic.ValidationError:
            self._unreadable(loc)
            return _MISSING

    def _model(self, model: type[pydantic.BaseModel], raw: dict, loc: Loc) -> object:
        values = {}
        for name, info in model.model_fields.items():
            if name in raw:
                value = self.read(_field_type(info), raw[name], (*loc, name))
            else:
                value = _MISSING if info.is_required() else info.get_default(call_default_factory=True)
                if value is _MISSING:
                    self._unreadable((*loc, name))
            values[name] = None if value is _MISSING else value
        return model.model_construct(**values)

    def _items(self, item_type: object, raw: list, loc: Loc) -> tuple:
        kept, positions = [], []
        for i, item in enumerate(raw):
            value = self.read(item_type, item, (*loc, i))
            if value is _MISSING:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    self.dropped_ids.setdefault(_name(loc), set()).add(item["id"])
                continue
            kept.append(value)
            positions.append(i)
        self.positions[loc] = positions
        return tuple(kept)

    def _unreadable(self, loc: Loc) -> None:
        """Note the list (or part) a value belongs to as not read in full."""
        names = [p for p in loc if isinstance(p, str)]
        self.unreadable.add(".".join(names))


def _field_type(info: pydantic.fields.FieldInfo) -> object:
    """A field's full type: pydantic keeps validators and constraints apart from the annotation."""
    return typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _name(loc: Loc) -> str:
    return ".".join(p for p in loc if isinstance(p, str))


def _unwrap_optional(annotation: object) -> object:
    """The type inside Annotated[...] and X | None."""
    while True:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
            annotation = next(a for a in args if a is not type(None))
        else:
            return annotation


def _is_model(annotation: object) -> bool:
    return (
        isinstance(annotation, type)
        and issubclass(annotation, pydantic.BaseModel)
        and annotation not in (InlineText, PartialDate)
    )


@functools.cache
def _adapter(annotation: object) -> pydantic.TypeAdapter:
    return pydantic.TypeAdapter(annotation)

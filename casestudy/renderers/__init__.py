"""The formats and their renderers: a flat table, imported lazily.

Each renderer module has `render(resolved, out, options) -> int | None` (pages or slides
written, when the format knows them). `validate` never imports reportlab or python-pptx.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, Protocol

from casestudy.resolve import ResolvedCase

FORMATS = ("pdf", "pptx", "docx")
Edition = Literal["participant", "instructor"]
EDITIONS: tuple[Edition, ...] = ("participant", "instructor")


@dataclass(frozen=True)
class Participant:
    """Whom a personalised handout is for."""

    name: str
    cohort: str | None = None


@dataclass(frozen=True)
class RenderOptions:
    edition: Edition = "participant"
    template: Path | None = None  # a company's .pptx or .docx to build on
    participant: Participant | None = None  # handouts only


class Renderer(Protocol):
    def __call__(self, resolved: ResolvedCase, out: BinaryIO, options: RenderOptions) -> int | None: ...


class NotBuiltYet(Exception):
    """The format is planned but its renderer does not exist yet."""


def get_renderer(fmt: str) -> Renderer:
    """The render function of `fmt`, importing its module only now."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    try:
        module = importlib.import_module(f"casestudy.renderers.{fmt}")
    except ModuleNotFoundError as exc:
        if exc.name == f"casestudy.renderers.{fmt}":
            raise NotBuiltYet(fmt) from None
        raise
    return module.render

"""The formats and their writers: one flat table, each writer imported only when it is used.

Each writer module has `render(resolved, out, options) -> int | None` (the pages or slides
written, when the format knows them). This package imports no writer and no model, so the
command line starts fast and `validate` never loads reportlab or python-pptx.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, BinaryIO, Literal, Protocol

from casestudy.options import RenderOptions

if TYPE_CHECKING:
    from casestudy.resolve import ResolvedCase


class Renderer(Protocol):
    def __call__(self, resolved: ResolvedCase, out: BinaryIO, options: RenderOptions) -> int | None: ...


@dataclass(frozen=True)
class FormatSpec:
    """Everything a format is to the build and the command line."""

    module: str  # the writer, imported when first used
    suffix: str  # what follows the outline's stem in the file name
    zipped: bool  # an Office (zip) package, whose entries the build stamps with the document date
    template_suffixes: tuple[str, ...] = ()  # the templates (`--template`) the writer builds on
    unit: Literal["pages", "slides"] | None = None  # what the number `render` returns counts
    default: bool = True  # built when `--format` is not given
    personal: bool = False  # also written once per roster participant


FORMATS: dict[str, FormatSpec] = {
    "pdf": FormatSpec("casestudy.renderers.pdf", ".pdf", zipped=False, unit="pages"),
    "pptx": FormatSpec(
        "casestudy.renderers.pptx", ".pptx", zipped=True, template_suffixes=(".pptx", ".potx"), unit="slides"
    ),
    "docx": FormatSpec(
        "casestudy.renderers.docx", "-handout.docx", zipped=True, template_suffixes=(".docx", ".dotx"), personal=True
    ),
    "markdown": FormatSpec("casestudy.renderers.markdown", ".md", zipped=False, default=False),
}
DEFAULT_FORMATS: tuple[str, ...] = tuple(name for name, spec in FORMATS.items() if spec.default)
EXPORTS: tuple[str, ...] = tuple(name for name, spec in FORMATS.items() if not spec.default)  # `casestudy export`
TEMPLATE_SUFFIXES: tuple[str, ...] = tuple(s for spec in FORMATS.values() for s in spec.template_suffixes)
TEMPLATE_KINDS = f"a {', '.join(TEMPLATE_SUFFIXES[:-1])} or {TEMPLATE_SUFFIXES[-1]} file"  # for messages


def template_format(name: str) -> str | None:
    """The format a template file is for, by its suffix (`.potx` -> "pptx"), or None."""
    suffix = PurePath(name).suffix.lower()
    return next((fmt for fmt, spec in FORMATS.items() if suffix in spec.template_suffixes), None)


def get_renderer(fmt: str) -> Renderer:
    """The render function of `fmt`, importing its module only now.

    It refuses a case resolved for another edition than the one it is asked to write: the
    participant edition's sources and numbers would be silently wrong in an instructor document.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    render: Renderer = importlib.import_module(FORMATS[fmt].module).render

    def render_edition(resolved: ResolvedCase, out: BinaryIO, options: RenderOptions) -> int | None:
        if resolved.edition != options.edition:
            raise ValueError(f"the case is resolved for the {resolved.edition} edition, not the {options.edition}")
        return render(resolved, out, options)

    return render_edition

"""Word handout renderer: ResolvedCase -> .docx (python-docx), for participants or instructors.

The handout is what an executive reads before class and writes in during it: the case in
brief, its exhibits, each lesson with a box to write in, each question with ruled lines.
With `--template`, the handout starts from the template's document (styles, page setup,
header and footer design) as pandoc's reference document does; the styles it adds take the
template's theme colours and its fonts.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import BinaryIO

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm

from casestudy.errors import UsageError
from casestudy.options import RenderOptions, Template
from casestudy.renderers import ooxml
from casestudy.renderers.docx.body import write_body
from casestudy.renderers.docx.fields import write_header_footer
from casestudy.renderers.docx.personal import Fields, write_copy
from casestudy.renderers.docx.styles import prepare_styles, set_language
from casestudy.renderers.docx.writer import Writer
from casestudy.resolve import ResolvedCase
from casestudy.theme import Theme

PAGE_SIZES_MM = {"A4": (210, 297), "Letter": (215.9, 279.4)}
# Margins that leave room for a header, a footer and notes, in millimetres.
MARGINS_MM = {
    "left_margin": 18,
    "right_margin": 18,
    "top_margin": 16,
    "bottom_margin": 15,
    "header_distance": 8,
    "footer_distance": 8,
}


def render(resolved: ResolvedCase, out: BinaryIO, options: RenderOptions) -> int | None:
    """Write the handout to `out`; Word counts its own pages, so this returns None."""
    compose(resolved, options, Fields(options.participant)).save(out)
    return None


def personalise(resolved: ResolvedCase, out: BinaryIO, options: RenderOptions) -> None:
    """Write `options.participant`'s handout to `out`, stamped as the build stamps a package: the document
    `render` writes, filled in from the edition rendered once per process with its participant fields marked."""
    write_copy(resolved, out, options, compose)


def compose(resolved: ResolvedCase, options: RenderOptions, fields: Fields) -> Document:
    """The handout, ready to save; the participant's words go through `fields`."""
    template = options.template
    document = open_document(template)
    set_up_page(document, resolved.theme.page_size, keep=template is not None)
    style_ids = prepare_styles(document, look(resolved.theme, document, template), from_template=template is not None)
    set_language(document, resolved.case.meta.language)
    writer = Writer(document, resolved, options, fields, style_ids)
    write_header_footer(writer, logo=resolved.theme.logo if template is None else None)
    write_body(writer)
    ooxml.finish(document, resolved)
    return document


def look(theme: Theme, document: Document, template: Template | None) -> Theme:
    """The theme; on a template, the template's theme colours for the styles the handout adds to it."""
    if template is None:
        return theme
    try:
        theme_part = document.part.part_related_by(RT.THEME)
    except KeyError:  # a document without a theme (Word writes one; not every tool does)
        return theme
    return replace(theme, colours=ooxml.template_colours(theme_part.blob))


def open_document(template: Template | None) -> Document:
    """python-docx's blank document, or the template's with its body emptied."""
    if template is None:
        return docx.Document()
    try:
        document = docx.Document(io.BytesIO(template.data))
    except Exception as exc:  # a damaged or mislabelled file: python-docx raises several kinds
        raise UsageError(f"{template.name}: not a Word document ({exc})") from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last section's page setup stays
            body.remove(child)
    return document


def set_up_page(document: Document, page_size: str, keep: bool) -> None:
    """The theme's paper size and our margins; with `keep` (a template), only what the template leaves unsaid.

    pandoc's reference.docx, for one, ends on an empty `w:sectPr`: no page size, no margins.
    """
    section = document.sections[-1]
    width, height = PAGE_SIZES_MM[page_size]
    wanted = {"page_width": width, "page_height": height, **MARGINS_MM}
    for setting, millimetres in wanted.items():
        if not keep or getattr(section, setting) is None:
            setattr(section, setting, Mm(millimetres))

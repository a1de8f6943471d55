"""Word handout renderer: ResolvedCase -> .docx (python-docx), for participants or instructors.

The handout is what an executive reads before class and writes in during it: the case in
brief, its exhibits, each lesson with a box to write in, each question with ruled lines.
With `--template`, the handout starts from the template's document (styles, page setup,
header and footer design) as pandoc's reference document does.
"""

from __future__ import annotations

import io
from typing import BinaryIO

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from casestudy.errors import UsageError
from casestudy.options import RenderOptions, Template
from casestudy.renderers import ooxml
from casestudy.renderers.docx.body import write_body
from casestudy.renderers.docx.fields import write_header_footer
from casestudy.renderers.docx.styles import prepare_styles, set_language
from casestudy.resolve import ResolvedCase

PAGE_SIZES_MM = {"A4": (210, 297), "Letter": (215.9, 279.4)}


def render(resolved: ResolvedCase, out: BinaryIO, options: RenderOptions) -> int | None:
    """Write the handout to `out`; Word counts its own pages, so this returns None."""
    template = options.template
    document = open_document(template)
    if template is None:
        set_up_page(document, resolved.theme.page_size)
    prepare_styles(document, resolved.theme, from_template=template is not None)
    set_language(document, resolved.case.meta.language)
    write_header_footer(document, resolved, options, logo=resolved.theme.logo if template is None else None)
    write_body(document, resolved, options)
    ooxml.finish(document, resolved)
    document.save(out)
    return None


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


def set_up_page(document: Document, page_size: str) -> None:
    """The theme's paper size with margins that leave room for a header, a footer and notes."""
    section = document.sections[0]
    width, height = PAGE_SIZES_MM[page_size]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(16), Mm(15)
    section.header_distance = section.footer_distance = Mm(8)

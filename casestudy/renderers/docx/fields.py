"""Running header and footer: the short title, the participant, "Page X of Y" as real fields.

The page numbers are Word fields (PAGE, NUMPAGES) placed where the `page_of` label puts
`{page}` and `{pages}`, so "第 3 页，共 9 页" works as well as "Page 3 of 9".
"""

from __future__ import annotations

import string
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from casestudy.options import Participant
from casestudy.renderers.docx.runs import add_picture, add_run, add_tab
from casestudy.renderers.docx.writer import Writer
from casestudy.resolve import ResolvedCase

FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}
LOGO_HEIGHT = Mm(5)


def write_header_footer(w: Writer, logo: Path | None) -> None:
    """Header: logo and short title left, participant or edition right. Footer: copyright, then the page."""
    resolved = w.resolved
    section = w.document.sections[0]
    header = _fresh_paragraph(section.header)
    if logo:
        _add_logo(header, resolved, logo)
    _header_line(header, w)
    footer = section.footer
    meta = resolved.case.meta
    footer_text = resolved.joined((meta.copyright, meta.usage or ""), "separator")
    add_run(_fresh_paragraph(footer, "Footer"), footer_text, resolved.theme.fonts.cjk)
    page_number(footer.add_paragraph(style="Footer"), resolved)


def _fresh_paragraph(part, style: str = "Header") -> Paragraph:
    """The part's empty first paragraph if it has one (a new part), else a new paragraph after a template's design."""
    paragraphs = part.paragraphs
    blank = len(paragraphs) == 1 and not paragraphs[0].text and not _has_drawing(paragraphs[0])
    if part.is_linked_to_previous or blank:
        part.is_linked_to_previous = False
        paragraph = part.paragraphs[0]
        paragraph.style = style
        return paragraph
    return part.add_paragraph(style=style)


def _has_drawing(paragraph: Paragraph) -> bool:
    return bool(paragraph._p.xpath(".//w:drawing | .//w:pict"))


def _add_logo(paragraph: Paragraph, resolved: ResolvedCase, logo: Path) -> None:
    """The theme's logo, small, before the running title."""
    cjk = resolved.theme.fonts.cjk
    add_picture(paragraph, logo, cjk, resolved.case.meta.institution, height=LOGO_HEIGHT)
    add_run(paragraph, "\u2002", cjk)  # an en space: plain spaces are folded into one


def _header_line(paragraph: Paragraph, w: Writer) -> None:
    """The running title; at the right the participant's name and, in the instructor edition,
    "INSTRUCTOR ONLY" white on the accent colour, as the PDF marks every page."""
    resolved, options = w.resolved, w.options
    cjk = resolved.theme.fonts.cjk
    add_run(paragraph, resolved.running_title, cjk)
    if not (options.participant or options.edition == "instructor"):
        return
    add_tab(paragraph, cjk)
    if options.participant:
        lead_in = w.style_ids["Lead In"]
        spacing = "\u2002" if options.edition == "instructor" else ""  # before the mark
        w.fields.add(
            paragraph, lambda line, who: add_run(line, participant_line(resolved, who) + spacing, cjk, lead_in)
        )
    if options.edition == "instructor":
        mark = w.style_ids["Instructor Mark"]
        add_run(paragraph, f"\u00a0{resolved.label('instructor_only')}\u00a0", cjk, mark)


def participant_line(resolved: ResolvedCase, participant: Participant) -> str:
    """ "Ana Ruiz · Cohort EMBA 2026", or only the name when no cohort is given."""
    if not participant.cohort:
        return participant.name
    return resolved.joined((participant.name, f"{resolved.label('cohort')} {participant.cohort}"), "separator")


def page_number(paragraph: Paragraph, resolved: ResolvedCase) -> None:
    """The `page_of` label with its placeholders as PAGE and NUMPAGES fields."""
    cjk = resolved.theme.fonts.cjk
    for literal, name, _, _ in string.Formatter().parse(resolved.labels["page_of"]):
        if literal:
            add_run(paragraph, literal, cjk)
        if name in FIELDS:
            add_field(paragraph, FIELDS[name], cjk)


def add_field(paragraph: Paragraph, instruction: str, cjk: str) -> None:
    """A complex field (begin, instruction, separate, shown value, end), which every Word reader updates."""
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None), (None, "1"), ("end", None)):
        run = add_run(paragraph, "", cjk)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run._r.append(code)
        else:
            run.text = text

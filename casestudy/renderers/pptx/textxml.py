"""Measured paragraphs -> DrawingML `a:p`: each paragraph's and run's properties written in one step.

python-pptx's setters (`font.size`, `.bold`, `paragraph.line_spacing`, ...) each look up where
their element goes in the schema; a deck sets a dozen of them on every run, and that was most of
the time emit took. Here each `a:pPr` and `a:rPr` is built whole with lxml, its attributes and
children in the order those setters leave them (so the deck is byte for byte the one they
wrote; tests/test_pptx_textxml.py holds the two side by side). The input is a fresh paragraph:
python-pptx's `<a:p/>`, or an autoshape's `<a:p><a:pPr algn="ctr"/></a:p>`.

Each `fit.Run` becomes PowerPoint runs with its size, typeface, colour and, for a link, a
hyperlink to its address: one run per stretch of one script, each with both its latin and East
Asian typeface set to the face `fit` measured that stretch with, and never italic where it is CJK
(Chinese has no italics; a slanted ideograph is a synthetic oblique). PowerPoint and LibreOffice
choose a character's face by script, and count a bracket or a space next to a CJK character as
CJK; naming the face per stretch keeps "Lei Jun (雷军)" from being drawn "Lei Jun ( 雷军 )".
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.text import CT_RegularTextRun
from pptx.util import Pt

from casestudy.renderers.pptx.colours import colour_element
from casestudy.renderers.pptx.fit import LINE, Para, Run, script_chunks

ALIGN = {"left": "l", "center": "ctr", "right": "r"}  # a:pPr/@algn, as python-pptx's PP_ALIGN writes them
_P, _PPR, _R, _RPR, _T = (qn(f"a:{tag}") for tag in ("p", "pPr", "r", "rPr", "t"))
_SPACING = tuple(qn(f"a:{tag}") for tag in ("lnSpc", "spcBef", "spcAft"))
_SPC_PTS, _SOLID_FILL, _LATIN, _EA = (qn(f"a:{tag}") for tag in ("spcPts", "solidFill", "latin", "ea"))
_BU_CLR, _BU_CHAR, _BU_NUM, _BU_NONE = (qn(f"a:{tag}") for tag in ("buClr", "buChar", "buAutoNum", "buNone"))
_HLINK, _R_ID = qn("a:hlinkClick"), qn("r:id")
_escape = CT_RegularTextRun._escape_ctrl_chars  # python-pptx's own: "\x07" is written "_x0007_"


def write_paragraphs(txbody, paras: tuple[Para, ...], part, inherit: bool = False) -> None:
    """`paras` into a text body whose one paragraph is still empty; `part` (the slide's) holds link targets."""
    for i, p in enumerate(paras):
        write_paragraph(txbody.find(_P) if i == 0 else etree.SubElement(txbody, _P), p, part, inherit)


def write_paragraph(p_el, p: Para, part, inherit: bool = False) -> None:
    """Alignment, exact line spacing, no space before, the space after, East Asian line breaking, the
    bullet; then the runs. With `inherit` (a template's placeholder) a left-aligned paragraph keeps the
    placeholder's alignment, and a bullet is the template's own (see `bullet`)."""
    ppr = p_el.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p_el.insert(0, ppr)
    if not (inherit and p.align == "left"):
        ppr.set("algn", ALIGN[p.align])
    # Let PowerPoint break East Asian text between characters (eaLnBrk), with no punctuation hanging
    # into the margin (hangingPunct): lines end where the fitting measured them to, a "，" that does
    # not fit taking its character to the next line, as `casestudy.linebreak` does.
    ppr.set("eaLnBrk", "1")
    ppr.set("hangingPunct", "0")
    for tag, points in zip(_SPACING, (p.size * LINE, 0, p.space_after), strict=True):
        etree.SubElement(etree.SubElement(ppr, tag), _SPC_PTS, val=str(Pt(points).centipoints))
    bullet(ppr, p, inherit)
    for r in p.runs:
        add_runs(p_el, r, p, part)


def bullet(ppr, p: Para, inherit: bool) -> None:
    """A "•" or an automatic number with a hanging indent; an explicit no-bullet otherwise.

    With `inherit` (a template's body placeholder) a bullet is the template's own: its
    character and colour, at the indent the text was measured with.
    """
    if p.bullet or p.number:
        ppr.set("marL", str(Pt(p.indent)))
        ppr.set("indent", str(-Pt(p.indent)))
        if inherit and not p.number:
            return
        colour = p.marker or p.runs[0].colour or p.colour
        if colour:
            etree.SubElement(ppr, _BU_CLR).append(colour_element(colour))
    if p.number:
        etree.SubElement(ppr, _BU_NUM, type="arabicPeriod", startAt=str(p.number))
    elif p.bullet:
        etree.SubElement(ppr, _BU_CHAR, char="•")
    else:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        etree.SubElement(ppr, _BU_NONE)


def add_runs(p_el, r: Run, p: Para, part) -> None:
    """`r` as `a:r` elements, one per script, in the paragraph's size, family and colour unless it has its own."""
    size = str(Pt(p.size).centipoints)
    colour = r.colour or p.colour
    for wide, text in script_chunks(r.text) or [(False, "")]:
        run = etree.SubElement(p_el, _R)
        italic = r.italic and not wide  # no slanted Chinese: italics are Latin only
        rpr = etree.SubElement(run, _RPR, sz=size, b="1" if r.bold else "0", i="1" if italic else "0")
        if colour:
            etree.SubElement(rpr, _SOLID_FILL).append(colour_element(colour))
        face = p.cjk if wide else p.family
        etree.SubElement(rpr, _LATIN, typeface=face)
        etree.SubElement(rpr, _EA, typeface=face)  # the East Asian font too, so CJK text uses the theme's CJK family
        if r.href:
            etree.SubElement(rpr, _HLINK).set(_R_ID, part.relate_to(r.href, RT.HYPERLINK, is_external=True))
        etree.SubElement(run, _T).text = _escape(text)

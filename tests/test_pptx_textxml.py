"""The deck's paragraphs are written as DrawingML in one step (`textxml`): the same XML python-pptx's
property setters write, for a paragraph and its runs with every property the deck sets."""

from __future__ import annotations

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

from casestudy.renderers.pptx import textxml
from casestudy.renderers.pptx.colours import paint
from casestudy.renderers.pptx.fit import LINE, Para, Run, script_chunks

SETTER_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}


def with_setters(paragraph, p: Para, inherit: bool) -> None:
    """The paragraph as python-pptx's setters write it (the deck's writer before `textxml`)."""
    if not (inherit and p.align == "left"):
        paragraph.alignment = SETTER_ALIGN[p.align]
    paragraph.line_spacing = Pt(p.size * LINE)
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(p.space_after)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("eaLnBrk", "1")
    ppr.set("hangingPunct", "0")
    textxml.bullet(ppr, p, inherit)  # lxml already: python-pptx has no setter for bullets
    for r in p.runs:
        for wide, text in script_chunks(r.text) or [(False, "")]:
            run = paragraph.add_run()
            run.text = text
            font = run.font
            font.size = Pt(p.size)
            font.bold, font.italic = r.bold, r.italic and not wide
            font.name = p.cjk if wide else p.family
            if r.colour or p.colour:
                paint(font.color, r.colour or p.colour)
            latin = run._r.get_or_add_rPr().find("{http://schemas.openxmlformats.org/drawingml/2006/main}latin")
            latin.addnext(etree.Element(latin.tag.replace("latin", "ea"), typeface=p.cjk if wide else p.family))
            if r.href:
                run.hyperlink.address = r.href


RUNS = (
    Run("Plain, then "),
    Run("bold", bold=True),
    Run(" and italic 雷军（小米）", italic=True, colour="#C8102E"),
    Run("a link", bold=True, italic=True, colour="accent2", href="https://example.com/a?b=1&c=2"),
    Run("tinted", colour="tx1+35"),
    Run("shaded", colour="bg1-25"),
    Run("a bell\x07"),
)
PARAS = {
    "runs, plain": Para(RUNS, 10.5, "Arial", "Noto Sans CJK SC", "#1A1A1A", space_after=7.25),
    "bullet, centred": Para(RUNS[:3], 28, "Georgia", "Noto Sans CJK SC", "#1A1A1A", "center", bullet=True),
    "bullet, its marker's colour": Para(RUNS[3:], 18, "Arial", "SimSun", None, "right", bullet=True, marker="accent1"),
    "number": Para(RUNS[1:2], 16, "Arial", "SimSun", "accent1", number=12, space_after=12),
    "no colour, empty": Para((Run(""),), 14, "Verdana", "SimSun", None),
}


def slide_paragraph(autoshape: bool):
    """A fresh paragraph on a slide of its own: a text box's `<a:p/>` or an autoshape's centred one."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    if autoshape:
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Pt(100), Pt(100))
    else:
        shape = slide.shapes.add_textbox(0, 0, Pt(100), Pt(100))
    return shape.text_frame.paragraphs[0], slide.part


def written(paragraph, part) -> tuple[bytes, list[tuple[str, str]]]:
    links = sorted((rel.rId, rel.target_ref) for rel in part.rels.values() if rel.is_external)
    return etree.tostring(paragraph._p), links


@pytest.mark.parametrize("autoshape", [False, True], ids=["text box", "autoshape"])
@pytest.mark.parametrize("inherit", [False, True], ids=["own look", "template's placeholder"])
@pytest.mark.parametrize("name", list(PARAS))
def test_a_paragraph_is_written_as_python_pptx_setters_write_it(name, inherit, autoshape):
    p = PARAS[name]
    slow, slow_part = slide_paragraph(autoshape)
    with_setters(slow, p, inherit)
    fast, fast_part = slide_paragraph(autoshape)
    textxml.write_paragraph(fast._p, p, fast_part, inherit)
    assert written(fast, fast_part) == written(slow, slow_part)


def test_a_text_body_gets_every_paragraph_in_order_and_every_property_is_pinned():
    """The paragraphs above are worth comparing: each property the deck writes is in them."""
    first, part = slide_paragraph(False)
    txbody = first._p.getparent()
    textxml.write_paragraphs(txbody, tuple(PARAS.values()), part)
    texts = ["".join(t.text or "" for t in p.iter("{*}t")) for p in txbody.iter("{*}p")]
    assert texts == [para.text.replace("\x07", "_x0007_") for para in PARAS.values()]
    xml = etree.tostring(txbody).decode()
    pieces = (
        'algn="ctr"',
        'algn="r"',
        'algn="l"',
        "lnSpc",
        "spcBef",
        '<a:spcAft><a:spcPts val="725"/>',
        "buChar",
        'buAutoNum type="arabicPeriod" startAt="12"',
        "buNone",
        "buClr",
        'sz="1050"',
        'b="1"',
        'i="1"',
        "srgbClr",
        "lumMod",
        "lumOff",
        "hlinkClick",
        '<a:ea typeface="Noto Sans CJK SC"',
        "_x0007_",
    )
    assert [piece for piece in pieces if piece not in xml] == []

"""Measured runs -> python-pptx runs: bold, italics and links as the outline marked them.

The deck keeps the outline's inline tree down to here (plan -> layout -> emit); each `fit.Run`
becomes PowerPoint runs with its size, typeface, colour and, for a link, a hyperlink to its
address: one run per stretch of one script, each with both its latin and East Asian typeface
set to the face `fit` measured that stretch with, and never italic where it is CJK (Chinese
has no italics; a slanted ideograph is a synthetic oblique). PowerPoint and LibreOffice choose a
character's face by script, and count a bracket or a space next to a CJK character as CJK;
naming the face per stretch keeps "Lei Jun (雷军)" from being drawn "Lei Jun ( 雷军 )".
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Pt

from casestudy.renderers.pptx.colours import paint
from casestudy.renderers.pptx.fit import Para, Run, script_chunks


def add_run(paragraph, r: Run, p: Para) -> None:
    """Append `r` to a python-pptx paragraph, in the paragraph's size, family and colour unless it has its own."""
    for wide, text in script_chunks(r.text) or [(False, "")]:
        run = paragraph.add_run()
        run.text = text
        font = run.font
        font.size = Pt(p.size)
        font.bold, font.italic = r.bold, r.italic and not wide  # no slanted Chinese: italics are Latin only
        font.name = p.cjk if wide else p.family
        if r.colour or p.colour:
            paint(font.color, r.colour or p.colour)
        east_asian(run, p.cjk if wide else p.family)
        if r.href:
            run.hyperlink.address = r.href


def line_breaking(paragraph) -> None:
    """Let PowerPoint break East Asian text between characters (`eaLnBrk`), with no punctuation
    hanging into the margin (`hangingPunct`): lines end where the fitting measured them to, a
    "，" that does not fit taking its character to the next line, as `casestudy.linebreak` does."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("eaLnBrk", "1")
    ppr.set("hangingPunct", "0")


def east_asian(run, typeface: str) -> None:
    """The run's East Asian font (a:ea), so CJK text uses the theme's CJK family."""
    rpr = run._r.get_or_add_rPr()
    latin = rpr.find(qn("a:latin"))
    ea = etree.Element(qn("a:ea"), typeface=typeface)
    latin.addnext(ea)

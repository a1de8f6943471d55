"""Measured runs -> python-pptx runs: bold, italics and links as the outline marked them.

The deck keeps the outline's inline tree down to here (plan -> layout -> emit); each `fit.Run`
becomes one PowerPoint run with its size, typeface, East Asian typeface, colour and, for a link,
a hyperlink to its address. What was measured in `fit` is what is written.
"""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Pt

from casestudy.renderers.pptx.fit import Para, Run


def add_run(paragraph, r: Run, p: Para) -> None:
    """Append `r` to a python-pptx paragraph, in the paragraph's size, family and colour unless it has its own."""
    run = paragraph.add_run()
    run.text = r.text
    font = run.font
    font.size = Pt(p.size)
    font.bold, font.italic = r.bold, r.italic
    font.name = p.family
    if r.colour or p.colour:
        font.color.rgb = rgb(r.colour or p.colour)
    east_asian(run, p.cjk)
    if r.href:
        run.hyperlink.address = r.href


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


def east_asian(run, typeface: str) -> None:
    """The run's East Asian font (a:ea), so CJK text uses the theme's CJK family."""
    rpr = run._r.get_or_add_rPr()
    latin = rpr.find(qn("a:latin"))
    ea = etree.Element(qn("a:ea"), typeface=typeface)
    latin.addnext(ea)

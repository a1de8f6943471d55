"""Colours as the deck writes them: the theme's "#RRGGBB", or a company template's theme colours.

With a template every colour the deck draws is one of the template's theme colours
(`theme.TEMPLATE_COLOURS`: "accent1", "tx1+35"), written as `a:schemeClr` with PowerPoint's own
lightening and darkening (`lumMod`, `lumOff`): the deck takes the template's colours, and a new
theme in PowerPoint recolours it all.
"""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.oxml.ns import qn

from casestudy.theme import theme_colour


def paint(colour_format, colour: str) -> None:
    """Set a python-pptx colour (a font's, a fill's, a line's) to `colour`."""
    if colour.startswith("#"):
        colour_format.rgb = RGBColor.from_string(colour.lstrip("#"))
        return
    slot, brightness = theme_colour(colour)
    colour_format.theme_color = MSO_THEME_COLOR.from_xml(slot)
    if brightness:
        colour_format.brightness = brightness


def colour_element(colour: str):
    """`colour` as DrawingML, lightened or darkened as `paint` does: for bullets, which python-pptx cannot colour."""
    if colour.startswith("#"):
        return etree.Element(qn("a:srgbClr"), val=colour.lstrip("#").upper())
    slot, brightness = theme_colour(colour)
    element = etree.Element(qn("a:schemeClr"), val=slot)
    if brightness:
        etree.SubElement(element, qn("a:lumMod"), val=str(round((1 - abs(brightness)) * 100_000)))
    if brightness > 0:
        etree.SubElement(element, qn("a:lumOff"), val=str(round(brightness * 100_000)))
    return element

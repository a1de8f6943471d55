"""Text inside reportlab.graphics drawings: fallback-font runs, measuring, wrapping into lines."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from casestudy import linebreak
from casestudy.renderers.pdf.fonts import FontSet, font_name

ELLIPSIS = "…"


def canvas(fonts: FontSet, width: float, height: float) -> Drawing:
    """An empty drawing whose default font is ours (reportlab's default is an unembedded Helvetica)."""
    return Drawing(width, height, initialFontName=fonts.heading)


def text_width(fonts: FontSet, text: str, size: float, bold: bool = False) -> float:
    """Width of `text` in the heading family, each run in the font that draws it."""
    runs = fonts.runs(text, fonts.heading)
    return sum(pdfmetrics.stringWidth(chunk, font_name(family, bold), size) for family, chunk in runs)


def wrap(fonts: FontSet, text: str, size: float, width: float, max_lines: int, bold: bool = False) -> list[str]:
    """Lines that fit `width`, ending where `casestudy.linebreak` allows, between phrases when they can.

    A word wider than a line is cut; the last line ends in "…" if the text is cut short.
    """
    text = " ".join(text.split())
    advances = [text_width(fonts, char, size, bold) for char in text]
    if _fits(advances, width):  # one line, as `fill` would make it: the rules (a few ms a label) are not needed
        return [text] if text else []
    rules = linebreak.breaks(text, phrases=True)
    lines = [text[start:end] for start, end in linebreak.fill(text, advances, lambda _: width, rules) if end > start]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = fit(fonts, lines[-1] + ELLIPSIS, size, width, bold)
    return lines


def _fits(advances: list[float], width: float) -> bool:
    """Whether characters of these widths fit on one line, summed as `linebreak.fill` sums them."""
    used = 0.0
    for advance in advances:
        used += advance
    return used <= width + 1e-6


def fit(fonts: FontSet, text: str, size: float, width: float, bold: bool = False) -> str:
    """`text` as it is if it fits `width`, else cut and ended with "…"."""
    if text_width(fonts, text, size, bold) <= width:
        return text
    text = text.removesuffix(ELLIPSIS)[: int(width / (size * 0.15))]  # no glyph is narrower than 0.15 em
    while text and text_width(fonts, text + ELLIPSIS, size, bold) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def strings(
    fonts: FontSet,
    text: str,
    x: float,
    y: float,
    size: float,
    colour: colors.Color,
    bold: bool = False,
    anchor: str = "start",
) -> Group:
    """One line of text as String shapes, one per font run; `anchor` is start, middle or end."""
    total = text_width(fonts, text, size, bold)
    x -= {"start": 0, "middle": total / 2, "end": total}[anchor]
    group = Group()
    for family, chunk in fonts.runs(text, fonts.heading):
        name = font_name(family, bold)
        group.add(String(x, y, chunk, fontName=name, fontSize=size, fillColor=colour))
        x += pdfmetrics.stringWidth(chunk, name, size)
    return group

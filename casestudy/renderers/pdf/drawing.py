"""Text inside reportlab.graphics drawings: fallback-font runs, measuring, wrapping into lines."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

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
    """Greedy word wrap to `width`; words wider than a line are cut; the last line ends in "…" if cut."""
    lines: list[str] = []
    current = ""
    for word in _pieces(fonts, text, size, width, bold):
        trial = f"{current} {word}" if current else word
        if text_width(fonts, trial, size, bold) <= width:
            current = trial
            continue
        lines.append(current)
        current = word
    lines.append(current)
    lines = [line for line in lines if line]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = fit(fonts, lines[-1] + ELLIPSIS, size, width, bold)
    return lines


def _pieces(fonts: FontSet, text: str, size: float, width: float, bold: bool) -> list[str]:
    """The words of `text`, with any word wider than `width` cut into pieces that fit."""
    pieces = []
    for word in text.split():
        while text_width(fonts, word, size, bold) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width(fonts, word[:cut], size, bold) > width:
                cut = max(1, min(cut - 1, int(cut * width / text_width(fonts, word[:cut], size, bold))))
            pieces.append(word[:cut])
            word = word[cut:]
        pieces.append(word)
    return pieces


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

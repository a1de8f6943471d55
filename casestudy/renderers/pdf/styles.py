"""PDF styles: the theme's colours and fonts turned once into reportlab colours and paragraph styles."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from casestudy.renderers.pdf.fonts import FontSet
from casestudy.theme import Theme

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN = {"left": 24 * mm, "right": 24 * mm, "top": 26 * mm, "bottom": 24 * mm}
BODY_SIZE = 10.5


@dataclass(frozen=True)
class Palette:
    primary: colors.Color
    accent: colors.Color
    text: colors.Color
    muted: colors.Color
    background: colors.Color
    rule: colors.Color
    categories: tuple[colors.Color, ...]

    def category(self, index: int) -> colors.Color:
        return self.categories[index % len(self.categories)] if self.categories else self.primary


def palette(theme: Theme) -> Palette:
    c = theme.colours
    categories = tuple(colors.HexColor(x) for x in c.categories)
    return Palette(
        *(colors.HexColor(x) for x in (c.primary, c.accent, c.text, c.muted, c.background, c.rule)), categories
    )


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the document uses, by role, and the palette they are coloured from."""

    colours: Palette
    fonts: FontSet
    by_name: dict[str, ParagraphStyle]

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.by_name[name]


def make_styles(theme: Theme, fonts: FontSet, cjk_text: bool) -> Styles:
    """The type scale: body 10.5 pt serif on 14.5 pt, headings in the heading family, captions small."""
    p = palette(theme)
    base = ParagraphStyle(
        "body",
        fontName=fonts.body,
        bulletFontName=fonts.body,  # reportlab's default is an unembedded Helvetica
        fontSize=BODY_SIZE,
        leading=14.5,
        textColor=p.text,
        spaceAfter=6,
        allowWidows=0,
        allowOrphans=0,
        splitLongWords=1,  # a word wider than the line is cut rather than overflowing
        wordWrap="CJK" if cjk_text else None,
    )
    head = dict(fontName=fonts.heading, textColor=p.primary, keepWithNext=1)
    styles = {
        "body": base,
        "lead": _derive(base, "lead", fontSize=11.5, leading=16, spaceAfter=8),
        "h1": _derive(base, "h1", **head, fontSize=17, leading=21, spaceBefore=16, spaceAfter=7),
        "h2": _derive(base, "h2", **head, fontSize=12.5, leading=16, spaceBefore=11, spaceAfter=4),
        "h3": _derive(base, "h3", **head, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=2),
        "exhibit_title": _derive(base, "exhibit_title", **head, fontSize=10.5, leading=13.5, spaceAfter=6),
        "source_line": _derive(
            base,
            "source_line",
            fontName=fonts.heading,
            fontSize=7.5,
            leading=9.5,
            textColor=p.muted,
            spaceBefore=4,
            spaceAfter=14,
        ),
        "small": _derive(base, "small", fontSize=9, leading=12, spaceAfter=3),
        "cell": _derive(base, "cell", fontName=fonts.heading, fontSize=8.5, leading=11, spaceAfter=0),
        "cell_head": _derive(
            base, "cell_head", fontName=fonts.heading, fontSize=8.5, leading=11, spaceAfter=0, textColor=colors.white
        ),
        "caption": _derive(
            base, "caption", fontName=fonts.heading, fontSize=8, leading=10.5, textColor=p.muted, spaceAfter=0
        ),
        "bullet": _derive(base, "bullet", spaceAfter=3),
        "question": _derive(
            base,
            "question",
            leftIndent=16,
            bulletIndent=0,
            bulletFontName=fonts.heading,
            spaceBefore=9,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "quote": _derive(base, "quote", fontSize=13, leading=18, textColor=p.primary, spaceAfter=4),
        "quote_by": _derive(base, "quote_by", fontName=fonts.heading, fontSize=8.5, leading=11, textColor=p.muted),
        "figure_value": _derive(
            base, "figure_value", fontName=fonts.heading, fontSize=22, leading=25, textColor=p.accent, spaceAfter=1
        ),
        "figure_label": _derive(base, "figure_label", fontName=fonts.heading, fontSize=9, leading=11.5, spaceAfter=2),
        "note_ref": _derive(
            base, "note_ref", fontSize=9, leading=12, leftIndent=20, bulletIndent=0, bulletFontSize=8.5
        ),
        "toc0": _derive(
            base,
            "toc0",
            fontName=fonts.heading,
            fontSize=10.5,
            leading=13.5,
            spaceBefore=4,
            spaceAfter=0,
            textColor=p.primary,
        ),
        "toc1": _derive(
            base, "toc1", fontName=fonts.heading, fontSize=9, leading=12, leftIndent=14, spaceAfter=0, textColor=p.muted
        ),
        "cover_title": _derive(
            base, "cover_title", fontName=fonts.heading, fontSize=28, leading=33, textColor=colors.white, spaceAfter=10
        ),
        "cover_subtitle": _derive(
            base,
            "cover_subtitle",
            fontName=fonts.heading,
            fontSize=15,
            leading=20,
            textColor=colors.white,
            spaceAfter=0,
        ),
        "cover_kicker": _derive(
            base, "cover_kicker", fontName=fonts.heading, fontSize=9, leading=12, textColor=p.accent, spaceAfter=6
        ),
        "cover_meta": _derive(
            base, "cover_meta", fontName=fonts.heading, fontSize=10, leading=14, textColor=p.text, spaceAfter=2
        ),
        "cover_small": _derive(
            base, "cover_small", fontName=fonts.heading, fontSize=8, leading=11, textColor=p.muted, spaceAfter=2
        ),
    }
    styles["right"] = _derive(styles["cell"], "right", alignment=TA_RIGHT)
    styles["center"] = _derive(styles["cell"], "center", alignment=TA_CENTER)
    styles["fact"] = _derive(styles["cell"], "fact", spaceAfter=2.5)
    styles["cell_head_centre"] = _derive(styles["cell_head"], "cell_head_centre", alignment=TA_CENTER)
    return Styles(colours=p, fonts=fonts, by_name=styles)


def _derive(parent: ParagraphStyle, name: str, **changes: object) -> ParagraphStyle:
    return ParagraphStyle(name, parent=parent, **changes)

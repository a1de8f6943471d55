"""PDF styles: the theme's colours and fonts turned once into reportlab colours and paragraph styles."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from casestudy.hyphenation import dictionary
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


def make_styles(theme: Theme, fonts: FontSet, language: str) -> Styles:
    """The type scale: body 10.5 pt serif on 14.5 pt, headings in the heading family, captions small.

    Text in table cells and cards, whose columns are narrow, is hyphenated by the dictionary of
    the outline's language (casestudy.hyphenation, through reportlab's `hyphenationLang`), so a word too long
    for its column breaks where a hyphen may go and shows the hyphen, not cut anywhere.

    Chinese text breaks by `casestudy.linebreak` (`wordWrap="CJK"`, see `_reportlab_compat`):
    body text between any two characters the rules allow, as Chinese is set; titles, headings
    and labels (`cjkPhrases`) between phrases, so a title never breaks inside a word.
    """
    cjk_text = language.lower().startswith("zh")
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
        # No space shrinking: lines are set flush left, whose spaces are never drawn narrower, so a
        # line "shrunk" to fit ran past the margin; and a long word cut on such a line was cut again
        # elsewhere when a split paragraph's first part was set alone, which then did not fit.
        spaceShrinkage=0,
        wordWrap="CJK" if cjk_text else None,
    )
    # name: (family, size, leading, space before, space after, colour, extras); sizes in points
    serif, sans, white = fonts.body, fonts.heading, colors.white
    phrases = {"cjkPhrases": 1}  # short display text: lines end between phrases (casestudy.linebreak)
    heading = {"keepWithNext": 1, **phrases}
    scale = {
        "lead": (serif, 11.5, 16, 0, 8, p.text, {}),
        "h1": (sans, 17, 21, 16, 7, p.primary, heading),
        "h2": (sans, 12.5, 16, 11, 4, p.primary, heading),
        "h3": (sans, 10.5, 14, 6, 2, p.primary, heading),
        "exhibit_title": (sans, 10.5, 13.5, 0, 6, p.primary, heading),
        "source_line": (sans, 7.5, 9.5, 4, 14, p.muted, {}),
        "small": (serif, 9, 12, 0, 3, p.text, {}),
        "cell": (sans, 8.5, 11, 0, 0, p.text, {}),
        "cell_head": (sans, 8.5, 11, 0, 0, white, phrases),
        "caption": (sans, 8, 10.5, 0, 0, p.muted, {}),
        "continued": (sans, 8, 10.5, 0, 3, p.muted, phrases),
        "bullet": (serif, BODY_SIZE, 14.5, 0, 3, p.text, {}),
        "question": (serif, BODY_SIZE, 14.5, 9, 3, p.text, {**heading, "leftIndent": 16, "bulletFontName": sans}),
        "option": (serif, BODY_SIZE, 14.5, 5, 3, p.text, {"leftIndent": 16, "bulletFontName": sans}),
        "decision_question": (serif, 12, 16.5, 0, 6, p.primary, {}),
        "dateline": (sans, 9, 12, 0, 5, p.muted, phrases),
        "quote": (serif, 13, 18, 0, 4, p.primary, {}),
        "quote_by": (sans, 8.5, 11, 0, 6, p.muted, phrases),
        "figure_value": (sans, 22, 25, 0, 1, p.accent, phrases),
        "figure_label": (sans, 9, 11.5, 0, 2, p.text, phrases),
        "note_ref": (serif, 9, 12, 0, 6, p.text, {"leftIndent": 20, "bulletFontSize": 8.5}),
        "toc0": (sans, 10.5, 13.5, 4, 0, p.primary, phrases),
        "toc1": (sans, 9, 12, 0, 0, p.muted, {"leftIndent": 14, **phrases}),
        "cover_title": (sans, 28, 33, 0, 10, white, phrases),
        "cover_subtitle": (sans, 15, 20, 0, 0, white, phrases),
        "cover_kicker": (sans, 9, 12, 0, 6, p.accent, phrases),
        "cover_meta": (sans, 10, 14, 0, 2, p.text, {}),
        "cover_small": (sans, 8, 11, 0, 2, p.muted, {}),
    }
    styles = {"body": base}
    for name, (family, size, leading, before, after, colour, extras) in scale.items():
        styles[name] = _derive(
            base,
            name,
            fontName=family,
            fontSize=size,
            leading=leading,
            spaceBefore=before,
            spaceAfter=after,
            textColor=colour,
            **extras,
        )
    hyphenation = {"hyphenationLang": dictionary(language) or ""}
    for name in ("cell", "cell_head", "caption", "figure_label"):
        styles[name] = _derive(styles[name], name, **hyphenation)
    styles["card_title"] = _derive(styles["h3"], "card_title", **hyphenation)
    styles["right"] = _derive(styles["cell"], "right", alignment=TA_RIGHT)
    styles["center"] = _derive(styles["cell"], "center", alignment=TA_CENTER)
    styles["fact"] = _derive(styles["cell"], "fact", spaceAfter=2.5)
    styles["cell_head_centre"] = _derive(styles["cell_head"], "cell_head_centre", alignment=TA_CENTER)
    return Styles(colours=p, fonts=fonts, by_name=styles)


def _derive(parent: ParagraphStyle, name: str, **changes: object) -> ParagraphStyle:
    return ParagraphStyle(name, parent=parent, **changes)

"""Slide geometry: each planned slide -> one or more pages of positioned, fitted elements.

Works in points on a slide of any size (16:9 by default, a template's own otherwise), on a
grid of margins relative to the slide. Every text element is fitted by `fit`; what does not
fit at the floor size goes on continuation pages titled "… (continued)". No python-pptx here.
`Deck` adds titles, captions and continuation pages; one module per kind of body lays it out:
text, cards, timeline, table, chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.layout import cards, chart, table, text, timeline
from casestudy.renderers.pptx.layout.elements import (
    GAP,
    TITLE_FLOOR,
    TITLE_MIN,
    TITLE_SIZE,
    Box,
    ChartEl,
    DotEl,
    Element,
    Grid,
    LineEl,
    Page,
    PictureEl,
    Style,
    TableEl,
    TextEl,
)
from casestudy.renderers.pptx.plan import (
    Bullets,
    Cards,
    Charts,
    Columns,
    Cover,
    Figures,
    Picture,
    Profile,
    Quote,
    SlideSpec,
    Table,
    Timeline,
)

__all__ = ["Box", "ChartEl", "Deck", "DotEl", "Grid", "LineEl", "Page", "PictureEl", "Style", "TableEl", "TextEl"]

LAYOUTS = {
    Bullets: text.bullets,
    Quote: text.quote,
    Profile: text.profile,
    Columns: text.columns,
    Cards: cards.cards,
    Figures: cards.figures,
    Timeline: timeline.timeline,
    Table: table.table,
    Charts: chart.charts,
    Picture: chart.picture,
}


@dataclass
class Deck:
    """Turns slide specs into pages on one grid with one style."""

    grid: Grid
    style: Style
    continued: str  # the word for continuation titles: "continued"
    pages: list[Page] = field(default_factory=list)

    def fit_title(self, text: str, box: Box, size: float = TITLE_SIZE, limit: float | None = None) -> TextEl:
        """The title at the largest size down to the floor; else the box grows (to `limit`), else smaller."""
        s = self.style
        p = s.p(text, size, s.primary, heading=True, bold=True, floor=TITLE_FLOOR * size / TITLE_SIZE)
        p = replace(p, colour=s.title_colour)  # None: the template's own title colour
        fitted = fit.shrink_to_fit((p,), box.w, box.h)
        if fitted:
            return TextEl(box, fitted, anchor="bottom")
        limit = limit or self.grid.height * 0.45
        grown = fit.block_height(fit.at_floor((p,)), box.w)
        if grown <= limit:
            return TextEl(replace(box, h=grown), fit.at_floor((p,)), anchor="bottom")
        small = replace(p, floor=TITLE_MIN)
        fitted = fit.shrink_to_fit((small,), box.w, limit)
        return TextEl(replace(box, h=limit), fitted or (fit.ellipsize(small, box.w, limit),), anchor="bottom")

    def caption(self, text: str, frame: Box) -> tuple[TextEl | None, Box]:
        """A source line at the foot of the frame, and the frame above it."""
        if not text:
            return None, frame
        p = self.style.p(text, 11, self.style.muted, floor=9)
        limit = frame.h * 0.2
        fitted = fit.shrink_to_fit((p,), frame.w, limit) or (fit.ellipsize(p, frame.w, limit),)
        h = fit.block_height(fitted, frame.w)
        el = TextEl(Box(frame.x, frame.bottom - h, frame.w, h), fitted)
        return el, replace(frame, h=frame.h - h - GAP / 2)

    def add(self, spec: SlideSpec, notes: str, continued_notes: str = "") -> None:
        """The pages of one planned slide: `notes` on the first, `continued_notes` (or `notes`) on the others."""
        if isinstance(spec.body, Cover):
            self.pages.append(self.cover(spec, spec.body, notes))
            return
        first = self.fit_title(spec.title, self.grid.title)
        more = self.fit_title(f"{spec.title} ({self.continued})", self.grid.title)
        frame = self.grid.content(max(first.box.bottom, more.box.bottom))
        cap, frame = self.caption(spec.caption, frame)
        bodies = self.body(spec.body, frame)
        notes = with_full_title(notes, first, spec.title)
        for i, elements in enumerate(bodies or [()]):
            extra = (cap,) if cap else ()
            page_notes = with_full_title(continued_notes, more, spec.title) if i and continued_notes else notes
            self.pages.append(Page("content", more if i else first, None, (*elements, *extra), page_notes))

    def body(self, body: object, frame: Box) -> list[tuple[Element, ...]]:
        """The pages of one slide body, laid out by the module for its kind."""
        return LAYOUTS[type(body)](self.style, body, frame)

    def cover(self, spec: SlideSpec, body: Cover, notes: str) -> Page:
        g, s = self.grid, self.style
        m = g.margin
        title = self.fit_title(
            spec.title, Box(m, g.height * 0.28, g.width - 2 * m, g.height * 0.22), 40, g.height * 0.3
        )
        sub_box = Box(m, title.box.bottom + GAP, g.width - 2 * m, g.height * 0.12)
        sub_p = s.p(body.subtitle or " ", 22, s.muted, heading=True, floor=14)
        sub = TextEl(
            sub_box, fit.shrink_to_fit((sub_p,), sub_box.w, sub_box.h) or (fit.ellipsize(sub_p, sub_box.w, sub_box.h),)
        )
        lines_box = Box(m, sub_box.bottom + GAP, g.width - 2 * m, g.height * 0.88 - sub_box.bottom - GAP)
        paras = tuple(s.p(line, 16, s.text, floor=10, space_after=4) for line in body.lines)
        fitted = fit.shrink_to_fit(paras, lines_box.w, lines_box.h) or tuple(
            fit.ellipsize(p, lines_box.w, lines_box.h / len(paras)) for p in paras
        )
        lines = TextEl(replace(lines_box, h=fit.block_height(fitted, lines_box.w)), fitted)
        band = TextEl(Box(0, 0, g.width, g.height * 0.025), (), fill=s.primary)
        rule = LineEl(m, title.box.y - GAP, m + g.width * 0.12, title.box.y - GAP, s.accent, 3)
        notes = with_full_title(notes, title, spec.title)
        return Page(spec.kind, title, sub, (band, rule, lines), notes, footer=False, logo=True)


def with_full_title(notes: str, title: TextEl, text: str) -> str:
    """The notes, led by the full title when the slide shows it cut with "…"."""
    shown = "".join(p.text for p in title.paras)
    return notes if shown == text or text in notes else f"{text}\n\n{notes}"


def footer_paras(style: Style, left: str, number: int, box: Box) -> tuple[TextEl, TextEl]:
    """The case title at the left of the footer and the slide number at the right."""
    num_w = 48.0
    num = style.p(str(number), 11, style.muted, floor=8, align="right")
    text = style.p(left, 11, style.muted, floor=8)
    left_box = Box(box.x, box.y, box.w - num_w - GAP, box.h)
    fitted = fit.shrink_to_fit((text,), left_box.w, box.h) or (fit.ellipsize(text, left_box.w, box.h),)
    num_fitted = fit.shrink_to_fit((num,), num_w, box.h) or (fit.ellipsize(num, num_w, box.h),)
    return TextEl(left_box, fitted), TextEl(Box(box.x + box.w - num_w, box.y, num_w, box.h), num_fitted)

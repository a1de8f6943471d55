"""Slide geometry: each planned slide -> one or more pages of positioned text and shapes.

Works in points on a slide of any size (16:9 by default, a template's own otherwise), on a
grid of margins relative to the slide (or the template's title and body frames), with one type
scale (`elements`): nothing is shrunk. On a company template the template is the look: no band,
rule or footer of the tool's own; the body text, the footer and the slide number go in the
layouts' placeholders (`TextEl.slot`).
`Deck` places the title, the exhibit label, the lead statement and the source line; one module
per kind of body lays the evidence out: text, cards, timeline, table, chart. What does not fit
one slide continues on pages titled "… (continued)", evened out; no python-pptx here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para
from casestudy.renderers.pptx.layout import cards, chart, table, text, timeline
from casestudy.renderers.pptx.layout.blocks import cut
from casestudy.renderers.pptx.layout.elements import (
    COVER_SUBTITLE,
    COVER_TITLE,
    GAP,
    LABEL,
    LARGE,
    SMALL,
    SOURCE,
    TITLE,
    TITLE_LINES,
    Box,
    ChartEl,
    DotEl,
    Element,
    Frames,
    Grid,
    LineEl,
    Page,
    PictureEl,
    Style,
    TableEl,
    TextEl,
)
from casestudy.renderers.pptx.spec import (
    Cards,
    Charts,
    Cover,
    Figures,
    Picture,
    Points,
    Profile,
    Questions,
    Quote,
    SlideSpec,
    Sources,
    Table,
    Timeline,
)

__all__ = [
    "Box",
    "ChartEl",
    "Deck",
    "DotEl",
    "Frames",
    "Grid",
    "LineEl",
    "Page",
    "PictureEl",
    "Style",
    "TableEl",
    "TextEl",
]

LAYOUTS = {
    Points: text.points,
    Quote: text.quote,
    Questions: text.questions,
    Profile: text.profile,
    Sources: text.sources,
    Cards: cards.cards,
    Figures: cards.figures,
    Timeline: timeline.timeline,
    Table: table.table,
    Charts: chart.charts,
    Picture: chart.picture,
}
LEAD_SHARE = 0.3  # of the frame, at most, for the statement above the evidence


@dataclass
class Deck:
    """Turns slide specs into pages on one grid with one style."""

    grid: Grid
    style: Style
    continued: Callable[[str], str]  # a continuation's title: "Agenda (continued)", "议程（续）"
    footer: str  # the words at the left of every footer: the running title, and the edition's mark
    marked: bool = False  # every slide carries the footer, title and closing too (the instructor edition)
    pages: list[Page] = field(default_factory=list)

    @property
    def templated(self) -> bool:
        """Built on a company template, whose layouts the grid follows."""
        return self.grid.frames is not None

    def title(self, words: str, box: Box, size: float = TITLE) -> tuple[TextEl, bool]:
        """The title at its size, on as many lines as it needs up to three, else cut with "…"."""
        s = self.style
        p = replace(s.p(words, size, s.primary, heading=True, bold=True), colour=s.title_colour)
        limit = replace(box, h=max(box.h, TITLE_LINES * size * fit.LINE + 2 * fit.INSET))
        el, was_cut = cut(p, limit, role="title")
        return replace(el, box=replace(el.box, h=max(el.box.h, box.h))), was_cut

    def add(self, spec: SlideSpec, notes: str, continued_notes: str = "") -> None:
        """The pages of one planned slide: `notes` on the first, `continued_notes` (or `notes`) on the others."""
        if isinstance(spec.body, Cover):
            self.pages.append(self.cover(spec, spec.body, notes))
            return
        first, first_cut = self.title(spec.title, self.grid.title)
        whole = [spec.title] if first_cut else []
        caption, label, bodies, lead = self.under(spec, first.box.bottom, whole)
        more, _ = self.title(self.continued(spec.title), self.grid.title)
        if len(bodies) > 1 and more.box.bottom > first.box.bottom:  # the same frame under either title
            caption, label, bodies, lead = self.under(spec, more.box.bottom, [])
        notes = "\n\n".join([*whole, notes])
        for i, elements in enumerate(bodies or [()]):
            page_notes = continued_notes if i and continued_notes else notes
            extra = (*label, *(lead if not i else ()), *caption)
            self.pages.append(Page(self.kind(elements), more if i else first, None, (*extra, *elements), page_notes))

    def kind(self, elements: tuple[Element, ...]) -> str:
        """A content page's layout: one with a body placeholder for a template's page of body text."""
        has_body = any(isinstance(el, TextEl) and el.slot == "body" for el in elements)
        return "text" if self.templated and has_body else "content"

    def under(self, spec: SlideSpec, title_bottom: float, whole: list[str]):
        """What goes under a title ending at `title_bottom`: source line, exhibit label, the body's pages, lead."""
        frame = self.grid.content(title_bottom)
        caption, frame = self.foot(spec.caption, frame, whole)
        label, frame = self.head(spec.label, frame, whole)
        bodies, lead = self.evidence(spec, frame)
        return caption, label, bodies, lead

    def evidence(self, spec: SlideSpec, frame: Box) -> tuple[list[tuple[Element, ...]], tuple[Element, ...]]:
        """The body's pages under the lead statement; a body that needs several pages gets the whole frame."""
        if not spec.lead:
            return self.body(spec.body, frame), ()
        s = self.style
        p = s.p(spec.lead, LARGE, s.primary, heading=True)
        lead, _ = cut(p, Box(frame.x, frame.y, frame.w, frame.h * (LEAD_SHARE if self.has_body(spec) else 1)))
        below = Box(frame.x, lead.box.bottom + GAP, frame.w, frame.bottom - lead.box.bottom - GAP)
        pages = self.body(spec.body, below) if self.has_body(spec) else []
        if len(pages) > 1:  # the lead sentence is in the notes: the evidence takes the room
            return self.body(spec.body, frame), ()
        return pages, (lead,)

    @staticmethod
    def has_body(spec: SlideSpec) -> bool:
        return not (isinstance(spec.body, Points) and not spec.body.items and not spec.body.callout)

    def body(self, body: object, frame: Box) -> list[tuple[Element, ...]]:
        """The pages of one slide body, laid out by the module for its kind."""
        return LAYOUTS[type(body)](self.style, body, frame)

    def foot(self, words: str, frame: Box, whole: list[str]) -> tuple[tuple[Element, ...], Box]:
        """The exhibit's source line at the foot of the frame, and the frame above it."""
        if not words:
            return (), frame
        p = self.style.p(words, SOURCE, self.style.muted)
        el, was_cut = cut(p, Box(frame.x, frame.y, frame.w, frame.h * 0.15), role="source")
        whole += [words] if was_cut else []
        el = replace(el, box=replace(el.box, y=frame.bottom - el.box.h))
        return (el,), replace(frame, h=frame.h - el.box.h - GAP / 2)

    def head(self, words: str, frame: Box, whole: list[str]) -> tuple[tuple[Element, ...], Box]:
        """The exhibit's label above the evidence (when the title is a headline), and the frame below it."""
        if not words:
            return (), frame
        p = self.style.p(words, LABEL, self.style.muted, heading=True, bold=True)
        el, was_cut = cut(p, Box(frame.x, frame.y, frame.w, frame.h * 0.15), role="label")
        whole += [words] if was_cut else []
        return (el,), Box(frame.x, el.box.bottom + GAP / 2, frame.w, frame.bottom - el.box.bottom - GAP / 2)

    def cover(self, spec: SlideSpec, body: Cover, notes: str) -> Page:
        """Title and closing: the title large, the subtitle, a few lines; what is cut to fit is whole in the notes.

        On a template they sit in its title slide's title and subtitle frames, in its colours,
        the lines in the subtitle's placeholder under the subtitle; else under a band and a rule.
        """
        g, s = self.grid, self.style
        m = g.margin
        frames = g.frames or Frames()
        title_box = frames.cover_title or Box(m, g.height * 0.26, g.width - 2 * m, g.height * 0.1)
        title, title_cut = self.title(spec.title, title_box, COVER_TITLE)
        frame = frames.cover_subtitle or Box(m, title.box.bottom + GAP, g.width - 2 * m, g.height * 0.14)
        frame = replace(frame, y=max(frame.y, title.box.bottom + GAP))
        inherit = self.templated  # the template's own colours for the title slide's words
        subtitle = replace(s.p(body.subtitle or " ", COVER_SUBTITLE, heading=True), colour=None if inherit else s.muted)
        sub, sub_cut = cut(subtitle, frame)
        lines_box = Box(frame.x, sub.box.bottom + GAP, frame.w, g.footer.y - GAP - sub.box.bottom - GAP)
        line_colour = None if inherit else s.text
        paras = tuple(replace(s.p(line, SMALL, space_after=4), colour=line_colour) for line in body.lines)
        fitted = tuple(fit.ellipsize(p, lines_box.w, lines_box.h / len(paras)) for p in paras)
        while fitted and fit.block_height(fitted, lines_box.w) > lines_box.h:
            fitted = fitted[:-1]  # a low slide under a long title: the last lines are in the notes
        whole = [spec.title] if title_cut else []
        whole += [body.subtitle] if sub_cut else []
        whole += [p.text for p, shown in itertools.zip_longest(paras, fitted) if shown is None or shown.text != p.text]
        notes = "\n\n".join([*whole, notes])
        if self.templated:
            sub = self.subtitle_and_lines(sub, fitted)
            return Page(spec.kind, title, sub, (), notes, footer=self.marked, logo=True)
        band = TextEl(Box(0, 0, g.width, g.height * 0.025), (), fill=s.primary)
        rule = LineEl(m, title.box.y - GAP, m + g.width * 0.12, title.box.y - GAP, s.accent, 3)
        elements = (band, rule, *((TextEl(lines_box, fitted),) if fitted else ()))
        return Page(spec.kind, title, sub, elements, notes, footer=self.marked, logo=True)

    @staticmethod
    def subtitle_and_lines(sub: TextEl, lines: tuple[Para, ...]) -> TextEl:
        """The cover's lines under the subtitle in one box: a template's subtitle placeholder sets them alike."""
        paras = (replace(sub.paras[0], space_after=GAP), *lines)
        return replace(sub, box=replace(sub.box, h=fit.block_height(paras, sub.box.w, sub.inset)), paras=paras)

    def numbered(self) -> list[Page]:
        """The pages with their footers: the running title (and the edition's mark), the slide number."""
        return [
            replace(page, elements=(*page.elements, *self.footer_elements(n))) if page.footer else page
            for n, page in enumerate(self.pages, start=1)
        ]

    def footer_elements(self, number: int) -> tuple[TextEl, TextEl]:
        s, box = self.style, self.grid.footer
        num_w = 48.0
        left = Box(box.x, box.y, box.w - num_w - GAP, box.h)
        words, _ = cut(s.p(self.footer, SOURCE, s.muted), left, role="source")
        num, _ = cut(s.p(str(number), SOURCE, s.muted, align="right"), Box(box.x + box.w - num_w, box.y, num_w, box.h))
        if not self.templated:
            return words, replace(num, role="source")
        # A template's footer and number placeholders hold them; the edition's mark shows even where none is.
        return replace(words, slot="footer", optional=not self.marked), replace(num, slot="number", optional=True)

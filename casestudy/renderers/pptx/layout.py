"""Slide geometry: each planned slide -> one or more pages of positioned, fitted elements.

Works in points on a slide of any size (16:9 by default, a template's own otherwise), on a
grid of margins relative to the slide. Every text element is fitted by `fit`; what does not
fit at the floor size goes on continuation pages titled "… (continued)". No python-pptx here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from casestudy.model import Milestone
from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para, Run
from casestudy.renderers.pptx.plan import (
    Bullets,
    Card,
    Cards,
    Chart,
    Charts,
    Columns,
    Cover,
    Figures,
    Inline,
    Picture,
    Profile,
    Quote,
    SlideSpec,
    Table,
    Timeline,
)
from casestudy.theme import Theme
from casestudy.timeline import Axis
from casestudy.timeline import layout as timeline_layout

GAP = 14.0  # points between neighbouring elements
TITLE_SIZE, TITLE_FLOOR, TITLE_MIN = 32.0, 20.0, 14.0
BODY_SIZE, BODY_FLOOR = 20.0, 12.0
SMALL_FLOOR = 10.0  # tables, timeline labels, captions
PAD = 12.0  # inner margin of filled cards and call-outs
LANES = 4  # timeline label lanes: two above the axis, two below


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inset(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)


@dataclass(frozen=True)
class TextEl:
    box: Box
    paras: tuple[Para, ...]
    fill: str | None = None
    rounded: bool = False
    anchor: str = "top"  # top, middle, bottom
    inset: float = fit.INSET


@dataclass(frozen=True)
class LineEl:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    weight: float = 1.0


@dataclass(frozen=True)
class DotEl:
    box: Box
    colour: str


@dataclass(frozen=True)
class TableEl:
    box: Box
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    cells: tuple[tuple[Para, ...], ...]  # row-major, one paragraph per cell
    header_fill: str
    stripe: str


@dataclass(frozen=True)
class ChartEl:
    box: Box
    chart: Chart
    colour: str
    text: Para  # font, size and colour of the chart's words


@dataclass(frozen=True)
class PictureEl:
    box: Box
    path: object
    alt: str


Element = TextEl | LineEl | DotEl | TableEl | ChartEl | PictureEl


@dataclass(frozen=True)
class Page:
    """One slide as emit writes it."""

    kind: str  # title, closing or content (which layout to use)
    title: TextEl
    subtitle: TextEl | None
    elements: tuple[Element, ...]
    notes: str
    footer: bool = True
    logo: bool = False


@dataclass(frozen=True)
class Style:
    """The theme's roles as layout needs them (fonts as family names, colours as "#RRGGBB")."""

    heading: str
    body: str
    cjk: str
    primary: str
    accent: str
    text: str
    muted: str
    background: str
    rule: str
    categories: tuple[str, ...]
    title_colour: str | None = None  # None: keep the template's own title colour

    @classmethod
    def from_theme(cls, theme: Theme, heading: str | None = None, body: str | None = None) -> Style:
        c = theme.colours
        return cls(
            heading or theme.fonts.heading,
            body or theme.fonts.body,
            theme.fonts.cjk,
            c.primary,
            c.accent,
            c.text,
            c.muted,
            c.background,
            c.rule,
            c.categories or (c.primary,),
            c.primary,
        )

    def p(
        self, text: str | Inline, size: float, colour: str | None = None, heading: bool = False, **kw: object
    ) -> Para:
        family = self.heading if heading else self.body
        return fit.para(text, size, family, self.cjk, colour or self.text, **kw)


@dataclass(frozen=True)
class Grid:
    """Where things go on a slide of `width` x `height` points."""

    width: float
    height: float
    title_box: Box | None = None  # a template's title placeholder, when it has one worth keeping

    @property
    def margin(self) -> float:
        return round(self.width * 0.045)

    @property
    def title(self) -> Box:
        if self.title_box and self.title_box.y + self.title_box.h < self.height * 0.3:
            return self.title_box
        m = self.margin
        return Box(m, self.height * 0.045, self.width - 2 * m, self.height * 0.13)

    @property
    def footer(self) -> Box:
        h = 26.0
        return Box(self.margin, self.height - h - self.height * 0.02, self.width - 2 * self.margin, h)

    def content(self, title_bottom: float) -> Box:
        top = title_bottom + GAP
        return Box(self.margin, top, self.width - 2 * self.margin, self.footer.y - GAP / 2 - top)


@dataclass
class Deck:
    """Turns slide specs into pages on one grid with one style."""

    grid: Grid
    style: Style
    continued: str  # the word for continuation titles: "continued"
    pages: list[Page] = field(default_factory=list)

    # ------------------------------------------------------------ titles, captions, pages

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
        draw = {
            Bullets: self.bullets,
            Cards: self.cards,
            Profile: self.profile,
            Timeline: self.timeline,
            Quote: self.quote,
            Figures: self.figures,
            Table: self.table,
            Charts: self.charts,
            Columns: self.columns,
            Picture: self.picture,
        }
        return draw[type(body)](body, frame)

    # ------------------------------------------------------------ cover

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

    # ------------------------------------------------------------ text bodies

    def flow(self, paras: tuple[Para, ...], frame: Box, **style: object) -> list[tuple[Element, ...]]:
        """Paragraphs in one frame, on as many pages as they need."""
        return [(TextEl(frame, page, **style),) for page in fit.fit_or_split(paras, frame.w, [frame.h])]  # type: ignore[arg-type]

    def bullets(self, body: Bullets, frame: Box) -> list[tuple[Element, ...]]:
        s = self.style
        paras = tuple(s.p(item, 24, bullet=True, space_after=14) for item in body.items)
        return self.flow(paras, frame)

    def quote(self, body: Quote, frame: Box) -> list[tuple[Element, ...]]:
        s = self.style
        inner = frame.inset(frame.w * 0.08, 0)
        paras = (
            s.p("“" + body.text + "”", 32, s.primary, heading=True, italic=True, floor=16, space_after=18),
            s.p(body.attribution, 18, s.muted, floor=12, align="right"),
        )
        pages = fit.fit_or_split(paras, inner.w, [inner.h])
        out = []
        for page in pages:
            h = fit.block_height(page, inner.w)
            box = Box(inner.x, inner.y + max(0.0, (inner.h - h) / 2), inner.w, h)
            bar = LineEl(box.x - GAP, box.y, box.x - GAP, box.bottom, s.accent, 4)
            out.append((bar, TextEl(box, page)))
        return out

    def profile(self, body: Profile, frame: Box) -> list[tuple[Element, ...]]:
        s = self.style
        left = Box(frame.x, frame.y, frame.w * 0.4, frame.h)
        right = Box(left.x + left.w + 2 * GAP, frame.y, frame.w - left.w - 2 * GAP, frame.h)
        picture: tuple[Element, ...] = ()
        if body.portrait:
            side = min(left.w * 0.5, frame.h * 0.4)
            picture = (PictureEl(Box(left.x, left.y, side, side), body.portrait, body.portrait_alt),)
            left = Box(left.x, left.y + side + GAP, left.w, left.h - side - GAP)
        facts = tuple(
            Para(
                (Run(label + "  ", bold=True, colour=s.muted), *fit.runs_of(value)),
                16,
                s.body,
                s.cjk,
                s.text,
                space_after=8,
            )
            for label, value in body.facts
        )
        name = s.p(body.name, 26, s.primary, heading=True, bold=True, floor=16, space_after=12)
        lefts = fit.fit_or_split((name, *facts), left.w, [left.h])
        bio = tuple(s.p(p, BODY_SIZE, bullet=True, space_after=12) for p in body.paragraphs)
        rights = fit.fit_or_split(bio, right.w, [right.h]) if bio else []
        rule = LineEl(right.x - GAP, frame.y, right.x - GAP, frame.y + frame.h * 0.9, s.rule, 1)
        pages = []
        for i in range(max(len(lefts), len(rights))):
            els: list[Element] = [*picture] if i == 0 else []
            els += [TextEl(left, lefts[i])] if i < len(lefts) else []
            els += [rule, TextEl(right, rights[i])] if i < len(rights) else []
            pages.append(tuple(els))
        return pages

    # ------------------------------------------------------------ cards

    def cards(self, body: Cards, frame: Box) -> list[tuple[Element, ...]]:
        """Cards in a grid of up to four columns; fewer per slide when their text needs it."""
        if not body.grid:
            return self.card_list(body, frame)
        n = len(body.cards)
        for count in range(math.ceil(n / 8), n + 1):  # as few slides as hold them, cards spread evenly
            per_page = math.ceil(n / count)
            pages = [self.card_grid(body.cards[i : i + per_page], frame) for i in range(0, n, per_page)]
            if all(p is not None for p in pages):
                return pages  # type: ignore[return-value]
        return [els for card in body.cards for els in self.tall_card(card, frame)]

    def card_list(self, body: Cards, frame: Box) -> list[tuple[Element, ...]]:
        """Cards as a numbered list (PowerPoint's own numbering, so the texts align)."""
        s = self.style
        paras = tuple(
            replace(s.p(c.heading, 24, s.primary, heading=True, bold=True, space_after=14), number=i)
            for i, c in enumerate(body.cards, start=1)
        )
        return self.flow(paras, frame)

    def card_paras(self, card: Card) -> tuple[Para, ...]:
        s = self.style
        paras = [s.p(card.tag, 14, s.accent, heading=True, bold=True, space_after=4)] if card.tag else []
        paras.append(s.p(card.heading, 20, s.primary, heading=True, bold=True, space_after=8))
        if card.body:
            paras.append(s.p(card.body, 16, s.text))
        return tuple(paras)

    def card_grid(self, cards: tuple[Card, ...], frame: Box) -> tuple[Element, ...] | None:
        """The cards on one slide at one common size, or None when one does not fit at the floor."""
        cols = len(cards) if len(cards) <= 4 else math.ceil(len(cards) / math.ceil(len(cards) / 4))
        rows = math.ceil(len(cards) / cols)
        w = (frame.w - (cols - 1) * GAP) / cols
        h = (frame.h - (rows - 1) * GAP) / rows
        all_paras = [self.card_paras(c) for c in cards]
        factor = self.common_factor(all_paras, w, h, PAD, start=1.3)
        if factor is None:
            return None
        h = max(fit.block_height([p.scaled(factor) for p in paras], w, PAD) for paras in all_paras)
        out: list[Element] = []
        for i, paras in enumerate(all_paras):
            r, c = divmod(i, cols)
            box = Box(frame.x + c * (w + GAP), frame.y + r * (h + GAP), w, h)
            out.append(TextEl(box, tuple(p.scaled(factor) for p in paras), fill=self.style.background, inset=PAD))
        return tuple(out)

    def tall_card(self, card: Card, frame: Box) -> list[tuple[Element, ...]]:
        pages = fit.split_to_pages(self.card_paras(card), frame.w, [frame.h], PAD)
        return [(TextEl(frame, page, fill=self.style.background, inset=PAD),) for page in pages]

    def common_factor(
        self, blocks: list[tuple[Para, ...]], width: float, height: float, inset: float = fit.INSET, start: float = 1.0
    ) -> float | None:
        """The largest scale from `start` down at which every block fits the box, or None below the floors."""
        factor = start
        while all(p.size * factor >= p.floor - 1e-6 for b in blocks for p in b):
            if all(fit.block_height([p.scaled(factor) for p in b], width, inset) <= height for b in blocks):
                return factor
            factor -= fit.STEPS
        return None

    # ------------------------------------------------------------ columns

    def columns(self, body: Columns, frame: Box) -> list[tuple[Element, ...]]:
        """Lead across the top, columns of points, a call-out at the foot; columns continue."""
        s = self.style
        top: list[Element] = []
        y, bottom = frame.y, frame.bottom
        if body.lead:
            lead = s.p(body.lead, 26, s.primary, heading=True, floor=14, space_after=6)
            el = self.fixed(lead, Box(frame.x, y, frame.w, frame.h * (0.35 if body.columns else 0.9)))
            top.append(el)
            y = el.box.bottom + GAP
        if body.callout:
            p = s.p(body.callout, 20, s.primary, heading=True, bold=True, floor=13)
            el = self.fixed(p, Box(frame.x, y, frame.w, frame.h * 0.3), fill=s.background)
            el = replace(el, box=replace(el.box, y=bottom - el.box.h))
            top.append(el)
            bottom = el.box.y - GAP
        if not body.columns:
            return [tuple(top)]
        n = len(body.columns)
        w = (frame.w - (n - 1) * 2 * GAP) / n
        blocks = []
        for col in body.columns:
            head = (s.p(col.heading, 20, s.accent, heading=True, bold=True, space_after=8),) if col.heading else ()
            items = tuple(
                s.p(t, 20 if col.heading else 22, bullet=len(col.items) > 1, space_after=12) for t in col.items
            )
            blocks.append((*head, *items))
        factor = self.common_factor(blocks, w, bottom - y)  # side by side columns share one size
        if factor:
            flows = [[tuple(p.scaled(factor) for p in block)] for block in blocks]
        else:
            flows = [fit.split_to_pages(block, w, [bottom - y]) for block in blocks]
        pages = []
        for i in range(max(len(f) for f in flows)):
            els: list[Element] = list(top) if i == 0 else []
            for c, pages_of_col in enumerate(flows):
                if i < len(pages_of_col):
                    els.append(TextEl(Box(frame.x + c * (w + 2 * GAP), y, w, bottom - y), pages_of_col[i]))
            pages.append(tuple(els))
        return pages

    def fixed(self, p: Para, limit: Box, fill: str | None = None) -> TextEl:
        """One paragraph shrunk (or, past its floor, cut with "…") to fit `limit`, box trimmed to its text."""
        inset = PAD if fill else fit.INSET
        fitted = fit.shrink_to_fit((p,), limit.w, limit.h, inset) or (fit.ellipsize(p, limit.w, limit.h, inset),)
        return TextEl(replace(limit, h=fit.block_height(fitted, limit.w, inset)), fitted, fill=fill, inset=inset)

    # ------------------------------------------------------------ exhibits

    def timeline(self, body: Timeline, frame: Box) -> list[tuple[Element, ...]]:
        """The journey as axes of markers with labels above and below, one axis per slide, under a legend."""
        label_w = max(110.0, frame.w * 0.16)
        axis_w = frame.w - 2 * 40.0
        categories = list(dict.fromkeys(m.category for m in body.milestones))
        legend, frame = self.legend(categories, frame)
        axes = self.axes(body, label_w / axis_w, 6 / axis_w)
        lane_h = (frame.h / 2 - 2 * GAP) / 2
        factor = self.common_factor([self.label_paras(m, categories) for m in body.milestones], label_w, lane_h)
        return [(*legend, *self.axis(axis, frame, label_w, categories, factor)) for axis in axes]

    def label_paras(self, m: Milestone, categories: list[str]) -> tuple[Para, Para]:
        s = self.style
        colour = self.category_colour(m.category, categories)
        date = s.p(str(m.date), 13, colour, heading=True, bold=True, floor=SMALL_FLOOR)
        return date, s.p(m.title, 13, floor=SMALL_FLOOR)

    def category_colour(self, category: str, categories: list[str]) -> str:
        return self.style.categories[categories.index(category) % len(self.style.categories)]

    def legend(self, categories: list[str], frame: Box) -> tuple[tuple[Element, ...], Box]:
        """A marker and the name of each milestone category, in a row at the top, when there are several."""
        if len(categories) < 2:
            return (), frame
        s = self.style
        out: list[Element] = []
        x, h = frame.x, 12 * fit.LINE + 2 * fit.INSET
        for category in categories:
            p = s.p(category.replace("-", " ").replace("_", " "), 12, s.muted, floor=9)
            w = min(fit.em_width(p.text, p.family, p.cjk) * p.size + 2 * fit.INSET + 2, frame.x + frame.w - x - 16)
            if w < 30:
                break  # no room left on the line: the colours still show on the markers
            out.append(DotEl(Box(x, frame.y + h / 2 - 4, 8, 8), self.category_colour(category, categories)))
            out.append(self.fixed(p, Box(x + 12, frame.y, w, h)))
            x += 12 + w + GAP
        return tuple(out), Box(frame.x, frame.y + h + GAP / 2, frame.w, frame.h - h - GAP / 2)

    def axes(self, body: Timeline, width: float, gap: float) -> list[Axis]:
        """As few axes as the lanes allow (each the longest run `timeline.layout` keeps on one axis), evened out."""
        ordered = sorted(body.milestones, key=lambda m: m.date.sort_key)
        greedy, rest = [], ordered
        while rest:
            lo, hi = 1, len(rest)  # the longest prefix laid out on a single axis
            while lo < hi:
                mid = (lo + hi + 1) // 2
                lo, hi = (mid, hi) if self.one_axis(rest[:mid], width, gap) else (lo, mid - 1)
            greedy.append(self.one_axis(rest[:lo], width, gap))
            rest = rest[lo:]
        size = math.ceil(len(ordered) / len(greedy))
        even = [self.one_axis(ordered[i : i + size], width, gap) for i in range(0, len(ordered), size)]
        return even if len(even) == len(greedy) and all(even) else greedy  # type: ignore[return-value]

    def one_axis(self, milestones: list, width: float, gap: float) -> Axis | None:
        axes = timeline_layout(milestones, width, max_lanes=LANES, gap=gap)
        return axes[0] if len(axes) == 1 else None

    def axis(
        self, axis: Axis, frame: Box, label_w: float, categories: list[str], factor: float | None
    ) -> tuple[Element, ...]:
        """One axis: lanes 0 and 2 above it, 1 and 3 below; stems drawn first so labels sit on top.

        `factor` scales every label of the timeline alike (None: at the floor, cut where too long).
        """
        s = self.style
        x0, x1 = frame.x + 40.0, frame.x + frame.w - 40.0
        mid = frame.y + frame.h / 2
        lane_h = (frame.h / 2 - 2 * GAP) / 2
        lines: list[Element] = [LineEl(x0, mid, x1, mid, s.primary, 2)]
        dots: list[Element] = []
        labels: list[Element] = []
        for year, x, align in ((axis.first_year, frame.x, "left"), (axis.last_year, x1 + 2, "right")):
            p = s.p(str(year), 12, s.muted, bold=True, floor=9, align=align)
            labels.append(self.fixed(p, Box(x, mid - 13, 38, 26)))
        blocks = [self.label_paras(p.milestone, categories) for p in axis.placed]
        for placed, paras in zip(axis.placed, blocks, strict=True):
            if factor:
                fitted = tuple(p.scaled(factor) for p in paras)
            else:
                first = paras[0].scaled(SMALL_FLOOR / 13)
                fitted = (first, fit.ellipsize(paras[1], label_w, lane_h - fit.block_height((first,), label_w)))
            h = fit.block_height(fitted, label_w)
            x = x0 + placed.x * (x1 - x0)
            reach = GAP + (placed.lane // 2) * (lane_h + GAP / 2)  # distance from the axis to the lane's near edge
            above = placed.lane % 2 == 0
            y = mid - reach - h if above else mid + reach
            lines.append(LineEl(x, mid, x, y + h if above else y, s.rule, 1))
            dots.append(DotEl(Box(x - 5, mid - 5, 10, 10), paras[0].colour or s.primary))
            labels.append(TextEl(Box(x0 + placed.left * (x1 - x0), y, label_w, h), fitted, fill="#FFFFFF"))
        return (*lines, *dots, *labels)

    def figures(self, body: Figures, frame: Box) -> list[tuple[Element, ...]]:
        """Key figures as large numbers in a grid, one size for all."""
        s = self.style
        n = len(body.figures)
        cols = n if n <= 4 else 4
        rows = math.ceil(n / cols)
        w, h = (frame.w - (cols - 1) * 2 * GAP) / cols, (frame.h - (rows - 1) * GAP) / rows
        blocks = [
            (
                s.p(f.value, 44, s.accent, heading=True, bold=True, floor=18),
                s.p(f.unit or " ", 16, s.muted, floor=10, space_after=6),
                s.p(f.label, 16, floor=10),
            )
            for f in body.figures
        ]
        factor = self.common_factor(blocks, w, h - 8)
        out: list[Element] = []
        for i, block in enumerate(blocks):
            r, c = divmod(i, cols)
            box = Box(frame.x + c * (w + 2 * GAP), frame.y + r * (h + GAP) + 8, w, h - 8)
            out.append(LineEl(box.x, box.y - 6, box.x + box.w, box.y - 6, s.accent, 2))
            if factor:
                paras = tuple(p.scaled(factor) for p in block)
            else:
                paras = tuple(fit.ellipsize(p, box.w, box.h / 3) for p in block)
            out.append(TextEl(box, paras))
        return [tuple(out)]

    def table(self, body: Table, frame: Box) -> list[tuple[Element, ...]]:
        """A native table; rows that do not fit go on continuation slides under a repeated header."""
        n = len(body.header)
        first = frame.w * (0.28 if n > 2 else 0.4)
        widths = (first, *([(frame.w - first) / (n - 1)] * (n - 1)))
        for size in (16, 15, 14, 13, 12, 11, SMALL_FLOOR):
            rows = [self.table_row(body.header, widths, size, True)] + [
                self.table_row(r, widths, size) for r in body.rows
            ]
            if sum(h for _, h in rows) <= frame.h:
                break
        header, data = rows[0], rows[1:]
        pages, page, used = [], [], header[1]
        for cells, h in data:
            h = min(h, frame.h - header[1])
            if page and used + h > frame.h:
                pages.append(page)
                page, used = [], header[1]
            page.append((cells, h))
            used += h
        pages.append(page)
        return [self.table_el([header, *pg], widths, frame) for pg in pages]

    def table_row(self, texts: tuple[str, ...], widths: tuple[float, ...], size: float, header: bool = False):
        s = self.style
        cells = tuple(
            s.p(
                t or " ",
                size,
                s.background if header else s.text,
                heading=header or i == 0,
                bold=header or i == 0,
                floor=size,
                align="left" if i == 0 else "center",
            )
            for i, t in enumerate(texts)
        )
        return cells, max(fit.block_height((c,), w) for c, w in zip(cells, widths, strict=True))

    def table_el(self, rows: list, widths: tuple[float, ...], frame: Box) -> tuple[Element, ...]:
        heights = []
        cells: list[tuple[Para, ...]] = []
        limit = frame.h - rows[0][1]
        for row, h in rows:
            fitted = tuple(
                c if fit.block_height((c,), w) <= h else fit.ellipsize(c, w, limit)
                for c, w in zip(row, widths, strict=True)
            )
            cells.append(fitted)
            heights.append(h)
        box = Box(frame.x, frame.y, frame.w, sum(heights))
        return (TableEl(box, widths, tuple(heights), tuple(cells), self.style.primary, self.style.background),)

    def charts(self, body: Charts, frame: Box) -> list[tuple[Element, ...]]:
        """Small multiples: one bar chart per numeric metric, up to three side by side per slide."""
        s = self.style
        out = []
        for i in range(0, len(body.charts), 3):
            group = body.charts[i : i + 3]
            w = (frame.w - (len(group) - 1) * 2 * GAP) / len(group)
            text = s.p("", 12, s.text)
            out.append(
                tuple(
                    ChartEl(Box(frame.x + j * (w + 2 * GAP), frame.y, w, frame.h), chart, s.categories[0], text)
                    for j, chart in enumerate(group)
                )
            )
        return out

    def picture(self, body: Picture, frame: Box) -> list[tuple[Element, ...]]:
        from PIL import Image

        with Image.open(body.path) as img:
            ratio = img.width / img.height
        w = min(frame.w, frame.h * ratio)
        h = w / ratio
        return [(PictureEl(Box(frame.x + (frame.w - w) / 2, frame.y, w, h), body.path, body.alt),)]


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

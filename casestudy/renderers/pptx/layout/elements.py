"""What a laid-out slide is made of: boxes in points, the elements emit writes, the style and the grid.

No python-pptx here: the layouts place these, emit turns them into shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para
from casestudy.renderers.pptx.plan import Chart, Inline
from casestudy.theme import Theme

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

"""What a laid-out slide is made of: boxes in points, the elements emit writes, the style and the grid.

No python-pptx here: the layouts place these, emit turns them into shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from casestudy.linebreak import numbers_held
from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para
from casestudy.renderers.pptx.spec import Chart, Inline
from casestudy.renderers.pptx.words import keep_whole, literal, phrases_joined
from casestudy.theme import TEMPLATE_COLOURS, Theme

# One type scale for the whole deck, in points, by role. Text is set at its role's size on every
# slide and never shrunk: what does not fit is cut to what was written for the slide, moved to
# the notes, or continued on the next slide. Each size counts against a floor a room can read
# from the back (FLOORS, by the role a text box is named with).
TITLE = 28.0  # slide titles: the headline
COVER_TITLE, COVER_SUBTITLE = 40.0, 24.0
QUOTE = 28.0  # a quotation as evidence
POINT = 28.0  # a point written for the slide: at most four under a headline
LARGE = 24.0  # the one statement under a title, points, questions, a poll's options
BODY = 20.0  # card text, call-outs
SMALL = 18.0  # card tags, attributions, profile facts, cover lines
FIGURE = 40.0  # a key figure's number
LABEL = 16.0  # exhibits: table values, chart titles, timeline titles, figure captions, the exhibit label
NOTE = 14.0  # exhibits' smallest words: cell notes, timeline dates, chart labels, a legend
SOURCE = 10.0  # source lines, footers, the sources slide
FLOORS = {"title": 28.0, "body": 18.0, "label": 14.0, "source": 10.0}

GAP = 14.0  # points between neighbouring elements
PAD = 12.0  # inner margin of filled cards and call-outs
LANES = 4  # timeline label lanes: two above the axis, two below
TITLE_LINES = 3  # a headline longer than three lines is cut with "…" (whole in the notes)


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
    role: str = "body"  # title, body, label, source: the floor its sizes keep (FLOORS); names the shape
    slot: str | None = None  # the layout placeholder it goes in where the slide's layout has one: SLOTS
    optional: bool = False  # left out where the layout has no placeholder for it (a template's footer)


SLOTS = ("body", "footer", "number")  # the slide's body text, the running footer, the slide number


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
    cells: tuple[tuple[tuple[Para, ...], ...], ...]  # row-major: each cell's paragraphs (a value, its note)
    header_fill: str
    stripe: str
    paper: str = "#FFFFFF"  # the rows between stripes


@dataclass(frozen=True)
class ChartEl:
    box: Box
    chart: Chart
    colours: tuple[str, ...]  # one per bar: its entity's colour
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

    kind: str  # title, closing, content or text (content with body text): which layout to use
    title: TextEl
    subtitle: TextEl | None
    elements: tuple[Element, ...]
    notes: str
    footer: bool = True
    logo: bool = False


@dataclass(frozen=True)
class Style:
    """The theme's roles as layout needs them: fonts as family names, colours as "#RRGGBB",
    or on a company template its theme colours ("accent1", "tx1+35": `theme.TEMPLATE_COLOURS`)."""

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
    paper: str = "#FFFFFF"  # the slide's ground: under labels that cross lines, table rows between stripes
    title_colour: str | None = None  # None: keep the template's own title colour
    unbreakable: tuple[tuple[str, str], ...] = ()  # names set with no line break inside: (name, joined form)
    # All slide text is set with no line break inside a name or a Chinese phrase (words.phrases_joined),
    # nor between a number and its unit (linebreak.numbers_held), for PowerPoint as for the fitting.

    @classmethod
    def from_theme(cls, theme: Theme, heading: str | None = None, body: str | None = None) -> Style:
        c = theme.colours
        return cls(
            heading or theme.fonts.heading,
            body or theme.fonts.slide_body,
            theme.fonts.cjk,
            c.primary,
            c.accent,
            c.text,
            c.muted,
            c.background,
            c.rule,
            c.categories or (c.primary,),
            title_colour=c.primary,
        )

    @classmethod
    def from_template(cls, theme: Theme, heading: str | None, body: str | None) -> Style:
        """The template's theme colours for every role, its fonts where it names them, its own title colour."""
        template = replace(theme, colours=TEMPLATE_COLOURS)
        return replace(cls.from_theme(template, heading, body), paper="bg1", title_colour=None)

    def p(
        self, text: str | Inline, size: float, colour: str | None = None, heading: bool = False, **kw: object
    ) -> Para:
        family = self.heading if heading else self.body
        spans = literal(text) if isinstance(text, str) else text
        held = (replace(s, text=numbers_held(keep_whole(s.text, self.unbreakable))) for s in spans)
        whole = phrases_joined(tuple(held))
        return fit.para(whole, size, family, self.cjk, colour or self.text, **kw)


@dataclass(frozen=True)
class Frames:
    """Where a company template's layouts put their placeholders, in points: the deck keeps to them."""

    title: Box | None = None  # content slides' title
    body: Box | None = None  # the body of the layout with a title and a body
    cover_title: Box | None = None  # the title slide's title
    cover_subtitle: Box | None = None  # and its subtitle


@dataclass(frozen=True)
class Grid:
    """Where things go on a slide of `width` x `height` points; `frames` when a template sets them."""

    width: float
    height: float
    frames: Frames | None = None  # None: the tool's own look, no template

    @property
    def margin(self) -> float:
        return round(self.width * 0.045)

    @property
    def title(self) -> Box:
        """Where a title starts: the template's title box, or the top margin; it grows down as it needs."""
        box = self.frames.title if self.frames else None
        if box and box.y + box.h < self.height * 0.3:
            return box
        m = self.margin
        return Box(m, self.height * 0.05, self.width - 2 * m, TITLE * fit.LINE + 2 * fit.INSET)

    @property
    def body(self) -> Box | None:
        """The template's body area, when it is one the deck's content can fill (wide and tall enough)."""
        box = self.frames.body if self.frames else None
        return box if box and box.w > self.width * 0.5 and box.h > self.height * 0.3 else None

    @property
    def footer(self) -> Box:
        h = SOURCE * fit.LINE + 2 * fit.INSET
        return Box(self.margin, self.height - h - self.height * 0.025, self.width - 2 * self.margin, h)

    def content(self, title_bottom: float) -> Box:
        """The room under a title: across the template's body where it has one, else between the margins."""
        body = self.body
        if body is None:
            top = title_bottom + GAP
            return Box(self.margin, top, self.width - 2 * self.margin, self.footer.y - GAP - top)
        top = max(title_bottom + GAP, body.y)
        return Box(body.x, top, body.w, min(body.bottom, self.footer.y - GAP) - top)

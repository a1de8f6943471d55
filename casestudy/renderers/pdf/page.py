"""PDF pages: the document template, the cover and body page furniture, bookmarks and the contents.

The body pages carry a running header (short title, case id, "Instructor only" in the
instructor edition) and a footer ("Page 3 of 9" in the outline's language, the copyright).
The document is laid out once: the footer's words are a form XObject each page uses and the
canvas draws when it saves (`FinishingCanvas`), when the page total is known, as are the
contents' page numbers (`contents.Contents`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from casestudy import __version__
from casestudy.renderers.pdf import _reportlab_compat as compat
from casestudy.renderers.pdf.contents import Contents, OutlineEntry
from casestudy.renderers.pdf.drawing import fit, text_width
from casestudy.renderers.pdf.fonts import font_name
from casestudy.renderers.pdf.keeping import ExhibitBlock
from casestudy.renderers.pdf.styles import MARGIN, PAGE_SIZES, Styles
from casestudy.resolve import ResolvedCase

HEADER_SIZE = 8
COVER_FOOT = 16 * mm  # the cover's bottom frame: audience, usage, copyright
COVER_FOOT_Y = 16 * mm
NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


class Anchor(Flowable):
    """A zero-size mark before a heading or exhibit: a named destination, a bookmark and a contents line."""

    def __init__(self, key: str, entry: OutlineEntry | None = None) -> None:
        super().__init__()
        self.key = key
        self.entry = entry
        self.keepWithNext = 1

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 18)


class FinishingCanvas(Canvas):
    """A canvas that, as it saves the document, first calls `finish`: what needs every page laid out."""

    finish: Callable[[Canvas], None] = staticmethod(lambda canvas: None)

    def save(self) -> None:
        self.finish(self)
        super().save()


class EndOfStory(ActionFlowable):
    """The story's last flowable: lists the bookmarks and contents entries, and sets any exhibit still held."""

    def __init__(self) -> None:
        super().__init__(("end_of_story",))


class CaseDocTemplate(BaseDocTemplate):
    """Cover and body page templates, metadata, bookmarks and the contents' entries, exhibits held for a page top.

    An exhibit held back (keeping.Hold) lets the text after it pass until the next page begins,
    then opens that page. Text and the frame breaks that keep text together pass it; another
    exhibit, a page break (the end of a part) or the end of the story sets it first.
    """

    def __init__(self, out, resolved: ResolvedCase, styles: Styles, instructor: bool) -> None:
        self.resolved, self.styles, self.instructor = resolved, styles, instructor
        self.contents = Contents(styles)
        self.pages = 0  # the number of the last page laid out: the total, once the story is done
        super().__init__(
            out,
            pagesize=PAGE_SIZES.get(resolved.theme.page_size, PAGE_SIZES["A4"]),
            leftMargin=MARGIN["left"],
            rightMargin=MARGIN["right"],
            topMargin=MARGIN["top"],
            bottomMargin=MARGIN["bottom"],
            title=resolved.properties.title,
            author=resolved.properties.author,
            subject=resolved.properties.subject,
            keywords=resolved.properties.keywords,
            creator=f"casestudy {__version__}",
            producer=f"casestudy {__version__}",
            lang=resolved.properties.language,
            invariant=1,
            initialFontName=styles.fonts.body,
            displayDocTitle=1,
            keepTogetherClass=compat.KeepWithStart,
        )
        body = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body", **NO_PADDING)
        foot = COVER_FOOT
        top = COVER_FOOT_Y + foot
        cover_height = self.bottomMargin + self.height - top
        cover_top = Frame(self.leftMargin, top, self.width, cover_height, id="cover", **NO_PADDING)
        cover_foot = Frame(self.leftMargin, COVER_FOOT_Y, self.width, foot, id="cover-foot", **NO_PADDING)
        self.addPageTemplates(
            [
                PageTemplate("cover", [cover_top, cover_foot], onPage=self._cover_page),
                PageTemplate("body", [body], onPage=self._body_page),
            ]
        )

    def build(self, flowables: list[Flowable]) -> None:
        """Lay the story out once; the contents list every heading in it."""
        self._story = flowables
        self.contents.entries = sorted(
            (f.entry for f in _anchors(flowables) if f.entry is not None), key=lambda entry: entry.order
        )
        super().build(flowables, canvasmaker=FinishingCanvas)

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.canv.setDateFormatter(self._date)
        self.canv.finish = self._finish
        self._held: tuple[ExhibitBlock, int] | None = None  # the exhibit held, and the page it was held on
        self._entries: list[tuple[OutlineEntry, int]] = []
        self._footers: list[int] = []  # the body pages, whose footers are drawn at the end

    def handle_hold(self, block: ExhibitBlock) -> None:
        self._held = block, self.page

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """Set a held exhibit at the top of the next page, or before what may not pass it."""
        if self._held is not None and flowables is self._story:  # not the template's own page actions
            block, page = self._held
            if self.page > page or isinstance(flowables[0], (ExhibitBlock, PageBreak, EndOfStory)):
                flowables[0:1] = [block, compat.retried(flowables[0])]
                self._held = None
        super().handle_flowable(flowables)

    def handle_end_of_story(self) -> None:
        """Bookmarks in story order (a held exhibit is drawn after text that follows it)."""
        for entry, _ in sorted(self._entries, key=lambda item: item[0].order):
            self.canv.addOutlineEntry(entry.title, entry.key, level=entry.level, closed=entry.level > 0)

    def _finish(self, canvas: Canvas) -> None:
        """Once every page is laid out: each body page's footer, and the contents' page numbers."""
        for page in self._footers:
            canvas.beginForm(_footer(page))
            self._footer(canvas, page)
            canvas.endForm()
        self.contents.draw_numbers(canvas, {entry.order: page for entry, page in self._entries}, self.pagesize)

    def _date(self, *_: int) -> str:
        """The document date from the outline (or SOURCE_DATE_EPOCH), never the clock."""
        return self.resolved.timestamp.strftime("D:%Y%m%d%H%M%S+00'00'")

    def afterFlowable(self, flowable: Flowable) -> None:
        """Note the page each anchor lands on, for the bookmarks and the contents."""
        entry = getattr(flowable, "entry", None)
        if isinstance(flowable, Anchor) and entry is not None:
            self._entries.append((entry, self.page))

    def _cover_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The cover: a band in the theme colour along the foot, and the instructor marking."""
        c = self.styles.colours
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(c.primary)
        canvas.rect(0, 0, width, 9, stroke=0, fill=1)
        canvas.setFillColor(c.accent)
        canvas.rect(0, 9, width, 2.5, stroke=0, fill=1)
        if self.instructor:
            self._instructor_mark(canvas, height - MARGIN["top"] + 12)  # where the body pages have it
        canvas.restoreState()

    def _body_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Running header and footer; "Instructor only" across the top in the instructor edition."""
        r, c = self.resolved, self.styles.colours
        meta = r.case.meta
        width, height = self.pagesize
        left, right = self.leftMargin, width - self.rightMargin
        top = height - MARGIN["top"] + 12
        canvas.saveState()
        canvas.setStrokeColor(c.rule)
        canvas.setLineWidth(0.5)
        canvas.line(left, top - 4, right, top - 4)
        case_id = f"{meta.case_id}"
        id_width = self.text_width(case_id, HEADER_SIZE)
        canvas.setFillColor(c.muted)
        self.draw_text(canvas, left, top, r.running_title, HEADER_SIZE, right - left - id_width - 120)
        self.draw_text(canvas, right - id_width, top, case_id, HEADER_SIZE)
        bottom = MARGIN["bottom"] - 14
        canvas.line(left, bottom + 10, right, bottom + 10)
        page = canvas.getPageNumber()
        canvas.doForm(_footer(page))  # drawn by `_footer` when the document is saved and the total is known
        self._footers.append(page)
        self.pages = max(self.pages, page)
        if self.instructor:
            self._instructor_mark(canvas, top)
        canvas.restoreState()

    def _footer(self, canvas: Canvas, page: int) -> None:
        """The footer's words: the copyright, cut to leave room for "Page 3 of 9" at the right."""
        left, right = self.leftMargin, self.pagesize[0] - self.rightMargin
        bottom = MARGIN["bottom"] - 14
        canvas.setFillColor(self.styles.colours.muted)
        pages = self.resolved.label("page_of", page=page, pages=self.pages)
        page_width = self.text_width(pages, HEADER_SIZE)
        self.draw_text(
            canvas, left, bottom, self.resolved.case.meta.copyright, HEADER_SIZE, right - left - page_width - 24
        )
        self.draw_text(canvas, right - page_width, bottom, pages, HEADER_SIZE)

    def _instructor_mark(self, canvas: Canvas, y: float) -> None:
        """A red tab centred at the top, its baseline at `y`: "Instructor only".

        Over 18 mm from the page's top edge, inside any printer's printable area.
        """
        words = self.resolved.label("instructor_only").upper()
        size = HEADER_SIZE
        text_width = self.text_width(words, size, bold=True)
        x = (self.pagesize[0] - text_width) / 2
        canvas.setFillColor(self.styles.colours.accent)
        canvas.roundRect(x - 8, y - 3.5, text_width + 16, size + 5.5, 2, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        self.draw_text(canvas, x, y, words, size, bold=True)

    def text_width(self, text: str, size: float, bold: bool = False) -> float:
        return text_width(self.styles.fonts, text, size, bold)

    def draw_text(
        self, canvas: Canvas, x: float, y: float, text: str, size: float, max_width: float = 0, bold: bool = False
    ) -> None:
        """One line in the heading family with fallback fonts, cut with an ellipsis past `max_width`."""
        fonts = self.styles.fonts
        if max_width:
            text = fit(fonts, text, size, max_width, bold)
        for family, chunk in fonts.runs(text, fonts.heading):
            name = font_name(family, bold)
            canvas.setFont(name, size)
            canvas.drawString(x, y, chunk)
            x += pdfmetrics.stringWidth(chunk, name, size)


def _footer(page: int) -> str:
    """The name of a body page's footer form."""
    return f"footer-{page}"


def _anchors(flowables: list[Flowable]) -> Iterator[Anchor]:
    """The anchors of a story, with those inside an exhibit's head."""
    for flowable in flowables:
        if isinstance(flowable, Anchor):
            yield flowable
        elif isinstance(flowable, ExhibitBlock):
            yield from _anchors(flowable.head)

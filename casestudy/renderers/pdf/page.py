"""PDF pages: the document template, the cover and body page furniture, bookmarks and the contents.

The body pages carry a running header (short title, case id, "Instructor only" in the
instructor edition) and a footer ("Page 3 of 9" in the outline's language, the copyright).
The total page count comes from the previous layout pass: `PageCount` keeps multiBuild going
until it is stable, just as the table of contents does for its page numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from casestudy import __version__
from casestudy.renderers.pdf import _reportlab_compat as compat
from casestudy.renderers.pdf.drawing import fit, text_width
from casestudy.renderers.pdf.fonts import font_name
from casestudy.renderers.pdf.keeping import ExhibitBlock
from casestudy.renderers.pdf.styles import MARGIN, PAGE_SIZES, Styles
from casestudy.resolve import ResolvedCase

HEADER_SIZE = 8
COVER_FOOT = 16 * mm  # the cover's bottom frame: audience, usage, copyright
COVER_FOOT_Y = 16 * mm
NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark and contents line: its destination, level, plain title, contents markup and place in the story."""

    key: str
    level: int
    title: str
    markup: str
    order: int  # an exhibit set at the top of a later page is still listed under its own section


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


class PageCount(Flowable):
    """An indexing flowable: the page count of the last pass, so footers can say "of 9"."""

    def __init__(self) -> None:
        super().__init__()
        self.pages = 0  # the total of the last complete pass
        self._counted = 0  # pages ended in the pass under way
        self._previous = -1

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        """Nothing to draw: the count is read from the document after each pass."""

    def isIndexing(self) -> int:
        return 1

    def beforeBuild(self) -> None:
        self._previous, self._counted = self.pages, 0

    def record(self, page: int) -> None:
        self._counted = max(self._counted, page)

    def afterBuild(self) -> None:
        self.pages = self._counted

    def isSatisfied(self) -> bool:
        return self._previous == self.pages

    def notify(self, kind: str, stuff: object) -> None:
        """Contents entries are for the table of contents, not for the count."""


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
        self.page_count = PageCount()
        self.contents = contents(styles)
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
                PageTemplate("body", [body], onPage=self._body_page, onPageEnd=self._count),
            ]
        )

    def build(self, flowables: list[Flowable], *args: object, **kwargs: object) -> None:
        self._story = flowables  # the list of the pass under way (multiBuild passes a copy each time)
        super().build(flowables, *args, **kwargs)

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.canv.setDateFormatter(self._date)
        self._held: tuple[ExhibitBlock, int] | None = None  # the exhibit held, and the page it was held on
        self._entries: list[tuple[OutlineEntry, int]] = []

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
        """Bookmarks and contents entries in story order (a held exhibit is drawn after text that follows it)."""
        for entry, page in sorted(self._entries, key=lambda item: item[0].order):
            self.canv.addOutlineEntry(entry.title, entry.key, level=entry.level, closed=entry.level > 0)
            self.notify("TOCEntry", (entry.level, entry.markup, page, entry.key))

    def _date(self, *_: int) -> str:
        """The document date from the outline (or SOURCE_DATE_EPOCH), never the clock."""
        return self.resolved.timestamp.strftime("D:%Y%m%d%H%M%S+00'00'")

    def _count(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.page_count.record(canvas.getPageNumber())

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
        pages = r.label("page_of", page=canvas.getPageNumber(), pages=max(self.page_count.pages, 1))
        page_width = self.text_width(pages, HEADER_SIZE)
        self.draw_text(canvas, left, bottom, meta.copyright, HEADER_SIZE, right - left - page_width - 24)
        self.draw_text(canvas, right - page_width, bottom, pages, HEADER_SIZE)
        if self.instructor:
            self._instructor_mark(canvas, top)
        canvas.restoreState()

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


def contents(styles: Styles) -> TableOfContents:
    """The table of contents: sections at level 0, exhibits indented at level 1, page numbers right."""
    toc = TableOfContents(
        dotsMinLevel=-1,
        rightColumnWidth=40,
        tableStyle=[
            ("FONTNAME", (0, 0), (-1, -1), styles.fonts.body),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ],
    )
    toc.levelStyles = [styles["toc0"], styles["toc1"]]
    return toc

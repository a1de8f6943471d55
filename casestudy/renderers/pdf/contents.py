"""The table of contents in one layout pass: its lines known before layout, its page numbers drawn at save time.

Every contents line comes from a heading the story holds, so the contents take their final
height in the one layout pass; only the page numbers are unknown while the contents page is
drawn. Each number is a form XObject, used on the contents page where reportlab's
TableOfContents draws it (right-aligned after the entry's last line, shrunk if it does not fit)
and drawn once the pages are known, with its link to the heading (`compat.link_later`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from casestudy.renderers.pdf import _reportlab_compat as compat
from casestudy.renderers.pdf.styles import Styles

NUMBER_CALLBACK = "contents_number"


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark and contents line: its destination, level, plain title, contents markup and place in the story."""

    key: str
    level: int
    title: str
    markup: str
    order: int  # an exhibit set at the top of a later page is still listed under its own section


@dataclass(frozen=True)
class NumberPlace:
    """Where a contents line's page number goes: the end of its last line, in the space of the form drawn there."""

    entry: OutlineEntry
    page: int
    x: float
    y: float
    width: float  # the column's width: numbers end at its right edge
    to_page: Callable[[float, float], tuple[float, float]]  # form space -> page space, for the link


class Contents(Flowable):
    """Sections at level 0, exhibits indented at level 1, page numbers right: a one-pass TableOfContents."""

    def __init__(self, styles: Styles) -> None:
        super().__init__()
        self.entries: list[OutlineEntry] = []  # every heading the story lists, in story order; set before layout
        self.level_styles = [styles["toc0"], styles["toc1"]]
        self.table_style = [
            ("FONTNAME", (0, 0), (-1, -1), styles.fonts.body),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        self.places: list[NumberPlace] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.canv.setNamedCB(NUMBER_CALLBACK, lambda canvas, kind, label: self._place(canvas, int(label), availWidth))
        rows: list[list[Flowable]] = []
        for number, entry in enumerate(self.entries):
            style = self.level_styles[entry.level]
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            markup = f'<a href="#{entry.key}">{entry.markup}</a><onDraw name="{NUMBER_CALLBACK}" label="{number}"/>'
            rows.append([Paragraph(markup, style)])
        self._table = Table(rows, colWidths=(availWidth,), style=self.table_style)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return self._table.splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self._table.drawOn(canvas, x, y, _sW)

    def _place(self, canvas: Canvas, number: int, width: float) -> None:
        """At the end of an entry's last line: use the number's form and keep a link's place for it."""
        x, y = compat.text_position(canvas)
        origin = canvas.absolutePosition(0, 0)
        unit_x, unit_y = canvas.absolutePosition(1, 0), canvas.absolutePosition(0, 1)

        def to_page(u: float, v: float) -> tuple[float, float]:
            return (
                origin[0] + u * (unit_x[0] - origin[0]) + v * (unit_y[0] - origin[0]),
                origin[1] + u * (unit_x[1] - origin[1]) + v * (unit_y[1] - origin[1]),
            )

        page = canvas.getPageNumber()
        self.places.append(NumberPlace(self.entries[number], page, x, y, width, to_page))
        canvas.doForm(self._form(len(self.places) - 1))
        compat.link_later(canvas, self._link(len(self.places) - 1))

    def draw_numbers(self, canvas: Canvas, pages: dict[int, int], pagesize: tuple[float, float]) -> None:
        """Draw each number's form and set its link, once `pages` (entry order -> page) are known."""
        width, height = pagesize
        for index, place in enumerate(self.places):
            style = self.level_styles[place.entry.level]
            canvas.beginForm(self._form(index), -width, -height, 2 * width, 2 * height)  # any place on the page
            left = _draw_number(canvas, style, str(pages[place.entry.order]), place)
            canvas.endForm()
            corners = [place.to_page(u, v) for u in (left, place.width) for v in (place.y, place.y + style.leading)]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            canvas.linkAbsolute("", place.entry.key, (min(xs), min(ys), max(xs), max(ys)), 0, self._link(index))

    @staticmethod
    def _form(index: int) -> str:
        return f"contents-number-{index}"

    @staticmethod
    def _link(index: int) -> str:
        return f"contents-link-{index}"


def _draw_number(canvas: Canvas, style: ParagraphStyle, text: str, place: NumberPlace) -> float:
    """The page number right-aligned at the column's edge, shrunk by tenths while it overruns the entry's end.

    What reportlab's `drawPageNumbers` does without dots; returns where the number starts.
    """
    size = style.fontSize
    width = stringWidth(text, style.fontName, size)
    while width > place.width - place.x and size >= 1.0:
        size *= 0.9
        width = stringWidth(text, style.fontName, size)
    left = place.width - width
    tx = canvas.beginText(left, place.y)
    tx.setFont(style.fontName, size)
    tx.setFillColor(style.textColor)
    tx.textLine(text)
    canvas.drawText(tx)
    return left

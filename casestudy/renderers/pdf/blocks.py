"""PDF building blocks shared by the case flow and the exhibits: paragraphs, headings, lists, tables."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from casestudy.model import Case, InlineText
from casestudy.options import Edition
from casestudy.renderers.pdf.contents import OutlineEntry
from casestudy.renderers.pdf.keeping import RowTable
from casestudy.renderers.pdf.page import Anchor
from casestudy.renderers.pdf.styles import Styles
from casestudy.renderers.pdf.text import Markup
from casestudy.resolve import ResolvedCase

FORMAT = "pdf"  # this writer's name in the format table and in resolve's per-format rules
TextLike = InlineText | str | None
ROW_ALLOWANCE = 60  # points: a repeated header row and cell padding
CELL_PADDING = 18  # points: the widest left plus right padding of any table here


@dataclass(frozen=True)
class Context:
    """What every part needs to write itself: the case, the styles, the markup builder, the edition."""

    resolved: ResolvedCase
    styles: Styles
    markup: Markup
    edition: Edition
    frame_height: float  # points of text a page holds
    order: Iterator[int] = field(default_factory=itertools.count)  # numbers the headings in story order

    @property
    def case(self) -> Case:
        return self.resolved.case

    @property
    def instructor(self) -> bool:
        return self.edition == "instructor"

    def label(self, key: str, **values: object) -> str:
        return self.resolved.label(key, **values)

    def text(self, text: TextLike, style: str, suffix: str = "") -> str:
        """Outline text as markup in `style`'s font, with extra markup (a citation) after it."""
        return self.markup.inline(text, self.styles[style].fontName) + suffix

    def para(self, text: TextLike, style: str = "body", suffix: str = "") -> Paragraph:
        return Paragraph(self.text(text, style, suffix), self.styles[style])

    def lead_in(self, key: str, text: TextLike, style: str = "body", suffix: str = "", **values: object) -> Paragraph:
        """A paragraph opening with a bold label, punctuated as the language does: "Reflection: ", "思考："."""
        label = self.label("lead_in", text=self.label(key, **values))
        words = self.markup.plain(label.rstrip(), self.styles[style].fontName)
        space = " " if label != label.rstrip() else ""
        return Paragraph(f"<b>{words}</b>{space}{self.text(text, style, suffix)}", self.styles[style])

    def cite(self, source_id: str | None, already: InlineText | None = None) -> str:
        """The superscript citation of a part's `source`, unless `already` cites it."""
        return self.markup.cite_source(source_id, already)


def heading(ctx: Context, text: str, key: str, style: str = "h1", level: int | None = 0) -> list[Flowable]:
    """A heading with its destination; `level` puts it in the bookmarks and the contents (None: neither)."""
    toc_style = ctx.styles[f"toc{min(level or 0, 1)}"]
    entry = None
    if level is not None:
        entry = OutlineEntry(key, level, text, ctx.markup.plain(text, toc_style.fontName), next(ctx.order))
    return [Anchor(key, entry), ctx.para(text, style)]


def bullets(ctx: Context, items: Iterable[TextLike], style: str = "bullet", offset: float = 0) -> list[Paragraph]:
    """Bulleted paragraphs, the bullets in the accent colour, `offset` points in from the left.

    Paragraphs with a bullet rather than a ListFlowable: a ListFlowable inside a table cell
    that splits across pages is drawn over the text above it (reportlab 4.x). The first item keeps
    with the second and the last with the one before, so no item is left alone at the foot of a
    page or carried alone to the next.
    """
    st = ctx.styles[style]
    indent = st.fontSize * 1.3
    item_style = ParagraphStyle(
        f"{style}-item",
        parent=st,
        leftIndent=offset + indent,
        bulletIndent=offset,
        bulletFontName=ctx.styles.fonts.heading,
        bulletFontSize=st.fontSize,
        bulletColor=ctx.styles.colours.accent,
    )
    return keep_ends([Paragraph(ctx.text(item, style), item_style, bulletText="•") for item in items])


def keep_ends(items: list[Paragraph]) -> list[Paragraph]:
    """A list whose first item keeps with the second and whose last keeps with the one before:
    no item is left alone at the foot of a page or carried alone to the next."""
    for item in items[:-1][:1] + items[-2:-1]:
        item.keepWithNext = 1
    return items


def table(ctx: Context, data: list, widths: Sequence[float], commands: Sequence[tuple], **options: object) -> Table:
    """A table in the document's font (reportlab's default cell font would be an unembedded Helvetica).

    Rows stay whole across page breaks, at least two on each side (RowTable), unless a row is
    taller than a page: then, and only then, rows may split, because the alternative is a layout error.
    """
    base = [("FONTNAME", (0, 0), (-1, -1), ctx.styles.fonts.body)]
    split = any(_row_height(row, widths) > ctx.frame_height - ROW_ALLOWANCE for row in data)
    style = TableStyle([*base, *commands])
    return RowTable(data, colWidths=list(widths), style=style, splitInRow=int(split), **options)


def _row_height(row: Sequence[object], widths: Sequence[float]) -> float:
    """The height of the tallest cell of a row when wrapped to its column (padding not counted)."""
    return max((_cell_height(cell, width) for cell, width in zip(row, widths, strict=False)), default=0)


def _cell_height(cell: object, width: float) -> float:
    flowables = cell if isinstance(cell, list) else [cell]
    height = 0.0
    for flowable in flowables:
        if isinstance(flowable, Flowable):
            height += flowable.wrap(width - CELL_PADDING, 10**7)[1] + flowable.getSpaceAfter()
    return height


def grid_table(
    ctx: Context,
    header: Sequence[Flowable | str] | None,
    rows: Sequence[Sequence[Flowable | str]],
    widths: Sequence[float],
    extra: Sequence[tuple] = (),
) -> Table:
    """A data table in the theme: coloured header row repeated after a break, striped rows, hairlines."""
    c = ctx.styles.colours
    data = ([list(header)] if header else []) + [list(row) for row in rows]
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, c.rule),
    ]
    first = 1 if header else 0
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), c.primary), ("VALIGN", (0, 0), (-1, 0), "BOTTOM")]
    commands += [("BACKGROUND", (0, r), (-1, r), c.background) for r in range(first + 1, len(data), 2)]
    return table(ctx, data, widths, [*commands, *extra], repeatRows=first, hAlign="LEFT")


def head_cell(ctx: Context, text: str, align: str = "cell_head") -> Paragraph:
    """A header cell: bold white on the primary colour."""
    style = ctx.styles[align]
    return Paragraph(f"<b>{ctx.markup.plain(text, style.fontName)}</b>", style)


def panel(ctx: Context, content: list[Flowable], width: float, fill: colors.Color | None = None) -> Table:
    """Flowables in a tinted box with an accent bar on the left (pull quotes, reflections)."""
    c = ctx.styles.colours
    commands = [
        ("BACKGROUND", (0, 0), (-1, -1), fill or c.background),
        ("LINEBEFORE", (0, 0), (0, -1), 3, c.accent),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]
    return table(ctx, [[content]], [width], commands, spaceBefore=4, spaceAfter=10)


def per_row(count: int) -> int:
    """How many cards share a row: all up to four, then rows of three or four that end full if they can."""
    if count <= 4:
        return count
    return 3 if count % 3 == 0 or count in (5, 7) else 4


def cards(ctx: Context, contents: Sequence[list[Flowable]], width: float, bars: Sequence[colors.Color]) -> list[Table]:
    """Flowables as tinted cards side by side, each under a coloured bar, in as many rows as needed.

    Each row is its own table (so rows fall on different pages) and may split inside a card.
    """
    columns, gap = per_row(len(contents)), 8
    column = (width - gap * (columns - 1)) / columns
    widths = [w for i in range(columns) for w in ((column, gap) if i < columns - 1 else (column,))]
    rows = []
    for start in range(0, len(contents), columns):
        row = list(contents[start : start + columns])
        cells = [
            x
            for i in range(columns)
            for x in ((row[i] if i < len(row) else "", "") if i < columns - 1 else (row[i] if i < len(row) else "",))
        ]
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
        for i in range(len(row)):
            commands += _card(2 * i, bars[(start + i) % len(bars)], ctx.styles.colours.background)
        rows.append(table(ctx, [cells], widths, commands, spaceAfter=gap, hAlign="LEFT"))
    return rows


def _card(col: int, bar: colors.Color, fill: colors.Color) -> list[tuple]:
    cell = (col, 0), (col, 0)
    return [
        ("BACKGROUND", *cell, fill),
        ("LINEABOVE", *cell, 3, bar),
        ("LEFTPADDING", *cell, 9),
        ("RIGHTPADDING", *cell, 9),
        ("TOPPADDING", *cell, 9),
        ("BOTTOMPADDING", *cell, 10),
    ]

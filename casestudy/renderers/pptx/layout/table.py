"""The comparison as a native table; rows that do not fit continue under a repeated header."""

from __future__ import annotations

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para
from casestudy.renderers.pptx.layout.elements import SMALL_FLOOR, Box, Element, Style, TableEl
from casestudy.renderers.pptx.plan import Table


def table(style: Style, body: Table, frame: Box) -> list[tuple[Element, ...]]:
    """A native table; rows that do not fit go on continuation slides under a repeated header."""
    n = len(body.header)
    first = frame.w * (0.28 if n > 2 else 0.4)
    widths = (first, *([(frame.w - first) / (n - 1)] * (n - 1)))
    for size in (16, 15, 14, 13, 12, 11, SMALL_FLOOR):
        rows = [table_row(style, body.header, widths, size, True)] + [
            table_row(style, r, widths, size) for r in body.rows
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
    return [table_el(style, [header, *pg], widths, frame) for pg in pages]


def table_row(style: Style, texts: tuple[str, ...], widths: tuple[float, ...], size: float, header: bool = False):
    cells = tuple(
        style.p(
            t or " ",
            size,
            style.background if header else style.text,
            heading=header or i == 0,
            bold=header or i == 0,
            floor=size,
            align="left" if i == 0 else "center",
        )
        for i, t in enumerate(texts)
    )
    return cells, max(fit.block_height((c,), w) for c, w in zip(cells, widths, strict=True))


def table_el(style: Style, rows: list, widths: tuple[float, ...], frame: Box) -> tuple[Element, ...]:
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
    return (TableEl(box, widths, tuple(heights), tuple(cells), style.primary, style.background),)

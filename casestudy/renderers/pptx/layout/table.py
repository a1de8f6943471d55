"""The comparison as a native table, cell notes under their values; rows that do not fit continue, evened out."""

from __future__ import annotations

import math

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para
from casestudy.renderers.pptx.layout.elements import LABEL, NOTE, Box, Element, Style, TableEl
from casestudy.renderers.pptx.spec import Cell, Table

Row = tuple[tuple[tuple[Para, ...], ...], float]  # the paragraphs of each cell, and the row's height


def table(style: Style, body: Table, frame: Box) -> list[tuple[Element, ...]]:
    """A native table; rows that do not fit go on continuation slides under a repeated header."""
    n = len(body.header)
    first = frame.w * (0.24 if n > 2 else 0.4)
    widths = (first, *([(frame.w - first) / (n - 1)] * (n - 1)))
    header = row(style, tuple(Cell(h) for h in body.header), widths, header=True)
    rows = [row(style, cells, widths) for cells in body.rows]
    room = frame.h - header[1]
    pages = _pages(rows, room)
    return [(table_el(style, [header, *page], widths, frame),) for page in pages]


def _pages(rows: list[Row], room: float) -> list[list[Row]]:
    """Rows over as few slides as hold them, the same number on each (a row taller than a slide is cut)."""
    rows = [(cells, min(h, room)) for cells, h in rows]
    count = 1
    while True:
        per_page = math.ceil(len(rows) / count)
        pages = [rows[i : i + per_page] for i in range(0, len(rows), per_page)]
        if all(sum(h for _, h in page) <= room + 1e-6 for page in pages) or per_page == 1:
            return pages
        count += 1


def row(style: Style, cells: tuple[Cell, ...], widths: tuple[float, ...], header: bool = False) -> Row:
    """One row's cells: the value (bold in the label column and the header), its note smaller under it."""
    out = []
    for i, cell in enumerate(cells):
        colour = style.background if header else style.text
        align = "left" if i == 0 else "center"
        value = style.p(cell.value or " ", LABEL, colour, heading=header or i == 0, bold=header or i == 0, align=align)
        note = (style.p(cell.note, NOTE, style.background if header else style.muted, italic=True, align=align),)
        out.append((value, *(note if cell.note else ())))
    height = max(fit.block_height(paras, w) for paras, w in zip(out, widths, strict=True))
    return tuple(out), height


def table_el(style: Style, rows: list[Row], widths: tuple[float, ...], frame: Box) -> TableEl:
    """The rows as a table element; a cell too tall for its row (a row taller than a slide) is cut with "…"."""
    cells = tuple(tuple(_fitted(paras, w, h) for paras, w in zip(cells, widths, strict=True)) for cells, h in rows)
    heights = tuple(h for _, h in rows)
    box = Box(frame.x, frame.y, frame.w, sum(heights))
    return TableEl(box, widths, heights, cells, style.primary, style.background, style.paper)


def _fitted(paras: tuple[Para, ...], width: float, height: float) -> tuple[Para, ...]:
    if fit.fits(paras, width, height):
        return paras
    first = fit.ellipsize(paras[0], width, height)
    return (first,)

"""Cards side by side (pillars, lessons, agenda), a poll's answer boxes, and key figures as large numbers."""

from __future__ import annotations

import math
from dataclasses import replace

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para
from casestudy.renderers.pptx.layout.blocks import fixed
from casestudy.renderers.pptx.layout.elements import (
    BODY,
    FIGURE,
    GAP,
    LABEL,
    LARGE,
    PAD,
    SMALL,
    Box,
    Element,
    LineEl,
    Style,
    TextEl,
)
from casestudy.renderers.pptx.spec import Card, Cards, Figure, Figures

MAX_COLUMNS = 4
MAX_CARDS = 8  # on one slide: two rows of four
FIGURE_RULE = 8.0  # points above a key figure for the rule over it


def cards(style: Style, body: Cards, frame: Box) -> list[tuple[Element, ...]]:
    """Cards in a grid of up to four columns, on as few slides as hold them, spread evenly.

    Cards that must stay on one slide (a decision's options) show only their headings there when
    they do not fit with their bodies.
    """
    if body.boxes:
        return [boxes(style, body.cards, frame)]
    if body.one_slide:
        headings = tuple(replace(card, body=()) for card in body.cards)
        grid = card_grid(style, body.cards, frame) or card_grid(style, headings, frame)
        if grid is not None:
            return [grid]
    n = len(body.cards)
    for count in range(math.ceil(n / MAX_CARDS), n + 1):
        per_page = math.ceil(n / count)
        pages = [card_grid(style, body.cards[i : i + per_page], frame) for i in range(0, n, per_page)]
        if all(p is not None for p in pages):
            return pages  # type: ignore[return-value]
    return [els for card in body.cards for els in tall_card(style, card, frame)]


def card_paras(style: Style, card: Card) -> tuple[Para, ...]:
    paras = [style.p(card.tag, SMALL, style.accent, heading=True, bold=True, space_after=4)] if card.tag else []
    paras.append(style.p(card.heading, BODY, style.primary, heading=True, bold=True, space_after=8))
    if card.body:
        paras.append(style.p(card.body, BODY, style.text))
    return tuple(paras)


def card_grid(style: Style, cards: tuple[Card, ...], frame: Box) -> tuple[Element, ...] | None:
    """The cards on one slide, each row as tall as its tallest card, or None when they do not fit."""
    cols = len(cards) if len(cards) <= MAX_COLUMNS else math.ceil(len(cards) / math.ceil(len(cards) / MAX_COLUMNS))
    w = (frame.w - (cols - 1) * GAP) / cols
    blocks = [card_paras(style, c) for c in cards]
    rows = [blocks[i : i + cols] for i in range(0, len(blocks), cols)]
    heights = [max(fit.block_height(paras, w, PAD) for paras in row) for row in rows]
    if sum(heights) + GAP * (len(rows) - 1) > frame.h + 1e-6:
        return None
    out: list[Element] = []
    y = frame.y
    for row, h in zip(rows, heights, strict=True):
        for c, paras in enumerate(row):
            out.append(TextEl(Box(frame.x + c * (w + GAP), y, w, h), paras, fill=style.background, inset=PAD))
        y += h + GAP
    return tuple(out)


def tall_card(style: Style, card: Card, frame: Box) -> list[tuple[Element, ...]]:
    pages = fit.split_to_pages(card_paras(style, card), frame.w, frame.h, PAD)
    return [(TextEl(frame, page, fill=style.background, inset=PAD),) for page in pages]


def boxes(style: Style, options: tuple[Card, ...], frame: Box) -> tuple[Element, ...]:
    """A poll's options as tall boxes side by side, the option (under its number, if it has one) at the top,
    room below to tally."""
    cols = min(len(options), MAX_COLUMNS)
    w = (frame.w - (cols - 1) * 2 * GAP) / cols
    rows = math.ceil(len(options) / cols)
    h = (frame.h - (rows - 1) * GAP) / rows
    out: list[Element] = []
    for i, option in enumerate(options):
        r, c = divmod(i, cols)
        box = Box(frame.x + c * (w + 2 * GAP), frame.y + r * (h + GAP), w, h)
        out.append(TextEl(box, (), fill=style.background))
        if option.tag:
            tag = fixed(style.p(option.tag, LARGE, style.accent, heading=True, bold=True, align="center"), box)
            out.append(tag)
            box = Box(box.x, tag.box.bottom, box.w, box.bottom - tag.box.bottom)
        out.append(fixed(style.p(option.heading, LARGE, style.primary, heading=True, bold=True, align="center"), box))
    return tuple(out)


def figures(style: Style, body: Figures, frame: Box) -> list[tuple[Element, ...]]:
    """Key figures as large numbers over their unit and label: as many a slide (up to eight) as fit whole."""
    blocks = [figure_paras(style, f) for f in body.figures]
    n = len(blocks)
    for per_page in range(min(n, MAX_CARDS), 0, -1):
        per_page = math.ceil(n / math.ceil(n / per_page))  # spread evenly
        grid = figure_grid(blocks[:per_page], frame)
        if grid and all(figure_grid(blocks[i : i + per_page], frame) for i in range(0, n, per_page)):
            return [figure_page(style, blocks[i : i + per_page], frame) for i in range(0, n, per_page)]
    return [figure_page(style, [block], frame) for block in blocks]


def figure_paras(style: Style, f: Figure) -> tuple[Para, Para, Para]:
    value = style.p(f.value, FIGURE, style.accent, heading=True, bold=True)
    return value, style.p(f.unit or " ", LABEL, style.muted), style.p(f.label, LABEL)


def figure_grid(blocks: list[tuple[Para, ...]], frame: Box) -> tuple[int, float, float] | None:
    """Columns, cell width and height that hold every block whole (a number on one line), or None."""
    for cols in range(min(len(blocks), MAX_COLUMNS), 0, -1):
        rows = math.ceil(len(blocks) / cols)
        w, h = (frame.w - (cols - 1) * 2 * GAP) / cols, (frame.h - (rows - 1) * GAP) / rows - FIGURE_RULE
        one_line = all(len(fit.wrap(b[0], w)) == 1 for b in blocks)
        if one_line and all(fit.block_height(b, w) <= h for b in blocks):
            return cols, w, h
    return None


def figure_page(style: Style, blocks: list[tuple[Para, ...]], frame: Box) -> tuple[Element, ...]:
    cols, w, h = figure_grid(blocks, frame) or (1, frame.w, frame.h - FIGURE_RULE)
    out: list[Element] = []
    for i, block in enumerate(blocks):
        r, c = divmod(i, cols)
        box = Box(frame.x + c * (w + 2 * GAP), frame.y + r * (h + FIGURE_RULE + GAP) + FIGURE_RULE, w, h)
        out.append(LineEl(box.x, box.y - 6, box.x + box.w, box.y - 6, style.accent, 2))
        out.append(TextEl(box, whole_number(block, w, h), role="label"))
    return tuple(out)


def whole_number(block: tuple[Para, ...], w: float, h: float) -> tuple[Para, ...]:
    """The block as it is when it fits; else the number whole, its words cut (they are in the notes)."""
    if fit.fits(block, w, h):
        return block
    room = (h - fit.block_height(block[:1], w)) / 2 + fit.INSET
    return (block[0], *(fit.ellipsize(p, w, room) for p in block[1:]))

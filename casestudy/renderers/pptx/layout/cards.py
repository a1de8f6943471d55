"""Cards side by side (pillars, agenda), a numbered list of them (lessons), and key figures as large numbers."""

from __future__ import annotations

import math
from dataclasses import replace

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para
from casestudy.renderers.pptx.layout.blocks import common_factor, flow
from casestudy.renderers.pptx.layout.elements import GAP, PAD, Box, Element, LineEl, Style, TextEl
from casestudy.renderers.pptx.plan import Card, Cards, Figures


def cards(style: Style, body: Cards, frame: Box) -> list[tuple[Element, ...]]:
    """Cards in a grid of up to four columns; fewer per slide when their text needs it."""
    if not body.grid:
        return card_list(style, body, frame)
    n = len(body.cards)
    for count in range(math.ceil(n / 8), n + 1):  # as few slides as hold them, cards spread evenly
        per_page = math.ceil(n / count)
        pages = [card_grid(style, body.cards[i : i + per_page], frame) for i in range(0, n, per_page)]
        if all(p is not None for p in pages):
            return pages  # type: ignore[return-value]
    return [els for card in body.cards for els in tall_card(style, card, frame)]


def card_list(style: Style, body: Cards, frame: Box) -> list[tuple[Element, ...]]:
    """Cards as a numbered list (PowerPoint's own numbering, so the texts align)."""
    paras = tuple(
        replace(style.p(c.heading, 24, style.primary, heading=True, bold=True, space_after=14), number=i)
        for i, c in enumerate(body.cards, start=1)
    )
    return flow(paras, frame)


def card_paras(style: Style, card: Card) -> tuple[Para, ...]:
    paras = [style.p(card.tag, 14, style.accent, heading=True, bold=True, space_after=4)] if card.tag else []
    paras.append(style.p(card.heading, 20, style.primary, heading=True, bold=True, space_after=8))
    if card.body:
        paras.append(style.p(card.body, 16, style.text))
    return tuple(paras)


def card_grid(style: Style, cards: tuple[Card, ...], frame: Box) -> tuple[Element, ...] | None:
    """The cards on one slide at one common size, or None when one does not fit at the floor."""
    cols = len(cards) if len(cards) <= 4 else math.ceil(len(cards) / math.ceil(len(cards) / 4))
    rows = math.ceil(len(cards) / cols)
    w = (frame.w - (cols - 1) * GAP) / cols
    h = (frame.h - (rows - 1) * GAP) / rows
    all_paras = [card_paras(style, c) for c in cards]
    factor = common_factor(all_paras, w, h, PAD, start=1.3)
    if factor is None:
        return None
    h = max(fit.block_height([p.scaled(factor) for p in paras], w, PAD) for paras in all_paras)
    out: list[Element] = []
    for i, paras in enumerate(all_paras):
        r, c = divmod(i, cols)
        box = Box(frame.x + c * (w + GAP), frame.y + r * (h + GAP), w, h)
        out.append(TextEl(box, tuple(p.scaled(factor) for p in paras), fill=style.background, inset=PAD))
    return tuple(out)


def tall_card(style: Style, card: Card, frame: Box) -> list[tuple[Element, ...]]:
    pages = fit.split_to_pages(card_paras(style, card), frame.w, [frame.h], PAD)
    return [(TextEl(frame, page, fill=style.background, inset=PAD),) for page in pages]


def figures(style: Style, body: Figures, frame: Box) -> list[tuple[Element, ...]]:
    """Key figures as large numbers in a grid, one size for all."""
    n = len(body.figures)
    cols = n if n <= 4 else 4
    rows = math.ceil(n / cols)
    w, h = (frame.w - (cols - 1) * 2 * GAP) / cols, (frame.h - (rows - 1) * GAP) / rows
    blocks = [
        (
            style.p(f.value, 44, style.accent, heading=True, bold=True, floor=18),
            style.p(f.unit or " ", 16, style.muted, floor=10, space_after=6),
            style.p(f.label, 16, floor=10),
        )
        for f in body.figures
    ]
    factor = common_factor(blocks, w, h - 8)
    out: list[Element] = []
    for i, block in enumerate(blocks):
        r, c = divmod(i, cols)
        box = Box(frame.x + c * (w + 2 * GAP), frame.y + r * (h + GAP) + 8, w, h - 8)
        out.append(LineEl(box.x, box.y - 6, box.x + box.w, box.y - 6, style.accent, 2))
        if factor:
            paras = tuple(p.scaled(factor) for p in block)
        else:
            paras = tuple(fit.ellipsize(p, box.w, box.h / 3) for p in block)
        out.append(TextEl(box, paras))
    return [tuple(out)]

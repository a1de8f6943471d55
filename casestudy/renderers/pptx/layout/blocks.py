"""Fitted text every layout uses: a flow over pages, one scale for blocks side by side, a trimmed box."""

from __future__ import annotations

from dataclasses import replace

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para
from casestudy.renderers.pptx.layout.elements import PAD, Box, Element, TextEl


def flow(paras: tuple[Para, ...], frame: Box, **look: object) -> list[tuple[Element, ...]]:
    """Paragraphs in one frame, on as many pages as they need."""
    return [(TextEl(frame, page, **look),) for page in fit.fit_or_split(paras, frame.w, [frame.h])]  # type: ignore[arg-type]


def common_factor(
    blocks: list[tuple[Para, ...]], width: float, height: float, inset: float = fit.INSET, start: float = 1.0
) -> float | None:
    """The largest scale from `start` down at which every block fits the box, or None below the floors."""
    factor = start
    while all(p.size * factor >= p.floor - 1e-6 for b in blocks for p in b):
        if all(fit.block_height([p.scaled(factor) for p in b], width, inset) <= height for b in blocks):
            return factor
        factor -= fit.STEPS
    return None


def fixed(p: Para, limit: Box, fill: str | None = None) -> TextEl:
    """One paragraph shrunk (or, past its floor, cut with "…") to fit `limit`, box trimmed to its text."""
    inset = PAD if fill else fit.INSET
    fitted = fit.shrink_to_fit((p,), limit.w, limit.h, inset) or (fit.ellipsize(p, limit.w, limit.h, inset),)
    return TextEl(replace(limit, h=fit.block_height(fitted, limit.w, inset)), fitted, fill=fill, inset=inset)

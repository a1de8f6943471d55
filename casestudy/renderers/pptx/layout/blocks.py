"""Text every layout uses: a flow over pages, a box trimmed to its text, a line cut to fit."""

from __future__ import annotations

from dataclasses import replace

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para
from casestudy.renderers.pptx.layout.elements import PAD, Box, Element, TextEl


def flow(paras: tuple[Para, ...], frame: Box, **look: object) -> list[tuple[Element, ...]]:
    """Paragraphs in one frame, on as many pages as they need (evened out)."""
    return [(TextEl(frame, page, **look),) for page in fit.split_to_pages(paras, frame.w, frame.h)]  # type: ignore[arg-type]


def fixed(p: Para, limit: Box, fill: str | None = None, role: str = "body") -> TextEl:
    """One paragraph in `limit`, cut with "…" where it runs out (its whole text is in the notes), box trimmed."""
    inset = PAD if fill else fit.INSET
    p = fit.ellipsize(p, limit.w, limit.h, inset)
    return TextEl(replace(limit, h=fit.block_height((p,), limit.w, inset)), (p,), fill=fill, inset=inset, role=role)


def cut(p: Para, limit: Box, fill: str | None = None, role: str = "body") -> tuple[TextEl, bool]:
    """Like `fixed`, and whether the text was cut (then the caller puts it whole in the notes)."""
    el = fixed(p, limit, fill, role)
    return el, el.paras[0].text != p.text

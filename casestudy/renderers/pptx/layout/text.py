"""Text slides: points with a call-out, a quote, questions, the protagonist's profile, the sources list."""

from __future__ import annotations

import math
from dataclasses import replace

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para, Run
from casestudy.renderers.pptx.layout.blocks import fixed, flow
from casestudy.renderers.pptx.layout.elements import (
    BODY,
    GAP,
    LARGE,
    PAD,
    POINT,
    QUOTE,
    SMALL,
    SOURCE,
    Box,
    Element,
    LineEl,
    PictureEl,
    Style,
    TextEl,
)
from casestudy.renderers.pptx.spec import Points, Profile, Questions, Quote, Sources

# How the sources slide may set its list, most readable first: (columns, with URLs, a line each).
SOURCE_FORMS = ((2, True, False), (2, False, False), (2, False, True), (3, False, True))


def points(style: Style, body: Points, frame: Box) -> list[tuple[Element, ...]]:
    """The points as large bullets, a call-out (a reflection question) in a band at the foot."""
    foot: tuple[Element, ...] = ()
    if body.callout:
        p = style.p(body.callout, BODY, style.primary, heading=True, bold=True)
        band = fixed(p, Box(frame.x, frame.y, frame.w, frame.h * 0.45), fill=style.background)
        band = replace(band, box=replace(band.box, y=frame.bottom - band.box.h))
        foot, frame = (band,), replace(frame, h=band.box.y - GAP - frame.y)
    if not body.items:
        return [foot]
    paras = tuple(
        style.p(item, POINT, bullet=len(body.items) > 1, marker=style.accent, space_after=24) for item in body.items
    )
    pages = flow(paras, Box(frame.x, frame.y + GAP, frame.w, frame.h - GAP), slot="body")
    return [(*pages[0], *foot), *pages[1:]]


def quote(style: Style, body: Quote, frame: Box) -> list[tuple[Element, ...]]:
    """The quotation large, with a bar at its side and the speaker under it, centred in the frame."""
    inner = frame.inset(frame.w * 0.08, 0)
    paras = (
        style.p("“" + body.text + "”", QUOTE, style.primary, heading=True, italic=True, space_after=18),
        style.p(body.attribution, SMALL, style.muted, align="right"),
    )
    out = []
    for page in fit.split_to_pages(paras, inner.w, inner.h):
        h = fit.block_height(page, inner.w)
        box = Box(inner.x, inner.y + max(0.0, (inner.h - h) / 2), inner.w, h)
        bar = LineEl(box.x - GAP, box.y, box.x - GAP, box.bottom, style.accent, 4)
        out.append((bar, TextEl(box, page, slot="body")))
    return out


def questions(style: Style, body: Questions, frame: Box) -> list[tuple[Element, ...]]:
    """Each question in a band under its shared number, the bands in the middle of the slide.

    As few slides as hold them, the same number on each; a question longer than a slide flows
    over several as plain text.
    """
    paras = [replace(style.p(q, LARGE, marker=style.accent), number=n) for n, q in body.items]
    heights = [fit.block_height((p,), frame.w, PAD) for p in paras]
    if max(heights) > frame.h:
        return flow(tuple(replace(p, space_after=22) for p in paras), frame, slot="body")
    count = 1
    while True:
        per_page = math.ceil(len(paras) / count)
        groups = [range(i, min(i + per_page, len(paras))) for i in range(0, len(paras), per_page)]
        if all(sum(heights[i] for i in g) + GAP * (len(g) - 1) <= frame.h for g in groups):
            return [bands(style, [paras[i] for i in g], [heights[i] for i in g], frame) for g in groups]
        count += 1


def bands(style: Style, paras: list[Para], heights: list[float], frame: Box) -> tuple[Element, ...]:
    y = frame.y + (frame.h - sum(heights) - GAP * (len(heights) - 1)) / 2
    out = []
    for p, h in zip(paras, heights, strict=True):
        out.append(TextEl(Box(frame.x, y, frame.w, h), (p,), fill=style.background, inset=PAD))
        y += h + GAP
    return tuple(out)


def profile(style: Style, body: Profile, frame: Box) -> list[tuple[Element, ...]]:
    """The name across the top; the portrait (if any) at the left, the facts beside it, continuing at full width."""
    name = fixed(style.p(body.name, POINT, style.primary, heading=True, bold=True), frame)
    below = Box(frame.x, name.box.bottom + GAP, frame.w, frame.bottom - name.box.bottom - GAP)
    side: tuple[Element, ...] = ()
    facts_box = below
    if body.portrait:
        edge = min(below.w * 0.3, below.h)
        side = (PictureEl(Box(below.x, below.y, edge, edge), body.portrait, body.portrait_alt),)
        facts_box = Box(below.x + edge + 2 * GAP, below.y, below.w - edge - 2 * GAP, below.h)
    facts = tuple(labelled(style.p(value, BODY, space_after=12), label, style.muted) for label, value in body.facts)
    pages = fit.split_to_pages(facts, facts_box.w, facts_box.h)
    first = (name, *side, TextEl(facts_box, pages[0], slot="body")) if pages else (name, *side)
    more = tuple(p for page in pages[1:] for p in page)
    return [first, *((TextEl(frame, page, slot="body"),) for page in fit.split_to_pages(more, frame.w, frame.h))]


def labelled(p: Para, label: str, colour: str) -> Para:
    """`p` led by a bold label in `colour`: "Born  1969-12-16"."""
    return replace(p, runs=(Run(f"{label}  ", bold=True, colour=colour), *p.runs))


def sources(style: Style, body: Sources, frame: Box) -> list[tuple[Element, ...]]:
    """The references on one slide: in two columns whole with URLs, else whole, else one line each cut with "…",
    else in three columns a line each.

    The notes give every reference whole with its URL; a list too long even then continues.
    """
    for columns, with_urls, one_line in SOURCE_FORMS:
        w = (frame.w - (columns - 1) * 2 * GAP) / columns
        texts = (f"[{r.number}] {r.full}" + (f" {r.url}" if with_urls and r.url else "") for r in body.references)
        paras = tuple(style.p(t, SOURCE, space_after=3) for t in texts)
        if one_line:
            paras = tuple(fit.ellipsize(p, w, SOURCE * fit.LINE + 2 * fit.INSET) for p in paras)
        filled = fit.split_to_pages(paras, w, frame.h)
        if len(filled) <= columns:
            break
    boxes = [Box(frame.x + c * (w + 2 * GAP), frame.y, w, frame.h) for c in range(columns)]
    pages = [filled[i : i + columns] for i in range(0, len(filled), columns)]
    return [tuple(TextEl(box, col, role="source") for box, col in zip(boxes, page, strict=False)) for page in pages]

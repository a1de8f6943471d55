"""Text slides: bullets, a quote, the protagonist's profile, a lead with columns of points and a call-out."""

from __future__ import annotations

from dataclasses import replace

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para, Run
from casestudy.renderers.pptx.layout.blocks import common_factor, fixed, flow
from casestudy.renderers.pptx.layout.elements import BODY_SIZE, GAP, Box, Element, LineEl, PictureEl, Style, TextEl
from casestudy.renderers.pptx.plan import Bullets, Columns, Profile, Quote


def bullets(style: Style, body: Bullets, frame: Box) -> list[tuple[Element, ...]]:
    paras = tuple(style.p(item, 24, bullet=True, space_after=14) for item in body.items)
    return flow(paras, frame)


def quote(style: Style, body: Quote, frame: Box) -> list[tuple[Element, ...]]:
    inner = frame.inset(frame.w * 0.08, 0)
    paras = (
        style.p("“" + body.text + "”", 32, style.primary, heading=True, italic=True, floor=16, space_after=18),
        style.p(body.attribution, 18, style.muted, floor=12, align="right"),
    )
    pages = fit.fit_or_split(paras, inner.w, [inner.h])
    out = []
    for page in pages:
        h = fit.block_height(page, inner.w)
        box = Box(inner.x, inner.y + max(0.0, (inner.h - h) / 2), inner.w, h)
        bar = LineEl(box.x - GAP, box.y, box.x - GAP, box.bottom, style.accent, 4)
        out.append((bar, TextEl(box, page)))
    return out


def profile(style: Style, body: Profile, frame: Box) -> list[tuple[Element, ...]]:
    left = Box(frame.x, frame.y, frame.w * 0.4, frame.h)
    right = Box(left.x + left.w + 2 * GAP, frame.y, frame.w - left.w - 2 * GAP, frame.h)
    picture: tuple[Element, ...] = ()
    if body.portrait:
        side = min(left.w * 0.5, frame.h * 0.4)
        picture = (PictureEl(Box(left.x, left.y, side, side), body.portrait, body.portrait_alt),)
        left = Box(left.x, left.y + side + GAP, left.w, left.h - side - GAP)
    facts = tuple(
        Para(
            (Run(label + "  ", bold=True, colour=style.muted), *fit.runs_of(value)),
            16,
            style.body,
            style.cjk,
            style.text,
            space_after=8,
        )
        for label, value in body.facts
    )
    name = style.p(body.name, 26, style.primary, heading=True, bold=True, floor=16, space_after=12)
    lefts = fit.fit_or_split((name, *facts), left.w, [left.h])
    bio = tuple(style.p(p, BODY_SIZE, bullet=True, space_after=12) for p in body.paragraphs)
    rights = fit.fit_or_split(bio, right.w, [right.h]) if bio else []
    rule = LineEl(right.x - GAP, frame.y, right.x - GAP, frame.y + frame.h * 0.9, style.rule, 1)
    pages = []
    for i in range(max(len(lefts), len(rights))):
        els: list[Element] = [*picture] if i == 0 else []
        els += [TextEl(left, lefts[i])] if i < len(lefts) else []
        els += [rule, TextEl(right, rights[i])] if i < len(rights) else []
        pages.append(tuple(els))
    return pages


def columns(style: Style, body: Columns, frame: Box) -> list[tuple[Element, ...]]:
    """Lead across the top, columns of points, a call-out at the foot; columns continue."""
    top: list[Element] = []
    y, bottom = frame.y, frame.bottom
    if body.lead:
        lead = style.p(body.lead, 26, style.primary, heading=True, floor=14, space_after=6)
        el = fixed(lead, Box(frame.x, y, frame.w, frame.h * (0.35 if body.columns else 0.9)))
        top.append(el)
        y = el.box.bottom + GAP
    if body.callout:
        p = style.p(body.callout, 20, style.primary, heading=True, bold=True, floor=13)
        el = fixed(p, Box(frame.x, y, frame.w, frame.h * 0.3), fill=style.background)
        el = replace(el, box=replace(el.box, y=bottom - el.box.h))
        top.append(el)
        bottom = el.box.y - GAP
    if not body.columns:
        return [tuple(top)]
    n = len(body.columns)
    w = (frame.w - (n - 1) * 2 * GAP) / n
    blocks = []
    for col in body.columns:
        head = (style.p(col.heading, 20, style.accent, heading=True, bold=True, space_after=8),) if col.heading else ()
        items = tuple(
            style.p(t, 20 if col.heading else 22, bullet=len(col.items) > 1, space_after=12) for t in col.items
        )
        blocks.append((*head, *items))
    factor = common_factor(blocks, w, bottom - y)  # side by side columns share one size
    if factor:
        flows = [[tuple(p.scaled(factor) for p in block)] for block in blocks]
    else:
        flows = [fit.split_to_pages(block, w, [bottom - y]) for block in blocks]
    pages = []
    for i in range(max(len(f) for f in flows)):
        els: list[Element] = list(top) if i == 0 else []
        for c, pages_of_col in enumerate(flows):
            if i < len(pages_of_col):
                els.append(TextEl(Box(frame.x + c * (w + 2 * GAP), y, w, bottom - y), pages_of_col[i]))
        pages.append(tuple(els))
    return pages

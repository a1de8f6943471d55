"""The journey as a drawn timeline: axes of markers, labels in lanes above and below, a category legend."""

from __future__ import annotations

import math

from casestudy.model import Milestone
from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para
from casestudy.renderers.pptx.layout.blocks import common_factor, fixed
from casestudy.renderers.pptx.layout.elements import GAP, LANES, SMALL_FLOOR, Box, DotEl, Element, LineEl, Style, TextEl
from casestudy.renderers.pptx.plan import Timeline
from casestudy.timeline import Axis
from casestudy.timeline import layout as timeline_layout


def timeline(style: Style, body: Timeline, frame: Box) -> list[tuple[Element, ...]]:
    """The journey as axes of markers with labels above and below, one axis per slide, under a legend."""
    label_w = max(110.0, frame.w * 0.16)
    axis_w = frame.w - 2 * 40.0
    categories = list(dict.fromkeys(m.category for m in body.milestones))
    key, frame = legend(style, categories, frame)
    lane_h = (frame.h / 2 - 2 * GAP) / 2
    factor = common_factor([label_paras(style, m, categories) for m in body.milestones], label_w, lane_h)
    rows = axes(body, label_w / axis_w, 6 / axis_w)
    return [(*key, *axis_row(style, row, frame, label_w, categories, factor)) for row in rows]


def label_paras(style: Style, m: Milestone, categories: list[str]) -> tuple[Para, Para]:
    colour = category_colour(style, m.category, categories)
    date = style.p(str(m.date), 13, colour, heading=True, bold=True, floor=SMALL_FLOOR)
    return date, style.p(m.title, 13, floor=SMALL_FLOOR)


def category_colour(style: Style, category: str, categories: list[str]) -> str:
    return style.categories[categories.index(category) % len(style.categories)]


def legend(style: Style, categories: list[str], frame: Box) -> tuple[tuple[Element, ...], Box]:
    """A marker and the name of each milestone category, in a row at the top, when there are several."""
    if len(categories) < 2:
        return (), frame
    out: list[Element] = []
    x, h = frame.x, 12 * fit.LINE + 2 * fit.INSET
    for category in categories:
        p = style.p(category.replace("-", " ").replace("_", " "), 12, style.muted, floor=9)
        w = min(fit.em_width(p.text, p.family, p.cjk) * p.size + 2 * fit.INSET + 2, frame.x + frame.w - x - 16)
        if w < 30:
            break  # no room left on the line: the colours still show on the markers
        out.append(DotEl(Box(x, frame.y + h / 2 - 4, 8, 8), category_colour(style, category, categories)))
        out.append(fixed(p, Box(x + 12, frame.y, w, h)))
        x += 12 + w + GAP
    return tuple(out), Box(frame.x, frame.y + h + GAP / 2, frame.w, frame.h - h - GAP / 2)


def axes(body: Timeline, width: float, gap: float) -> list[Axis]:
    """As few axes as the lanes allow (each the longest run `timeline.layout` keeps on one axis), evened out."""
    ordered = sorted(body.milestones, key=lambda m: m.date.sort_key)
    greedy, rest = [], ordered
    while rest:
        lo, hi = 1, len(rest)  # the longest prefix laid out on a single axis
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if one_axis(rest[:mid], width, gap) else (lo, mid - 1)
        greedy.append(one_axis(rest[:lo], width, gap))
        rest = rest[lo:]
    size = math.ceil(len(ordered) / len(greedy))
    even = [one_axis(ordered[i : i + size], width, gap) for i in range(0, len(ordered), size)]
    return even if len(even) == len(greedy) and all(even) else greedy  # type: ignore[return-value]


def one_axis(milestones: list, width: float, gap: float) -> Axis | None:
    axes = timeline_layout(milestones, width, max_lanes=LANES, gap=gap)
    return axes[0] if len(axes) == 1 else None


def axis_row(
    style: Style, axis: Axis, frame: Box, label_w: float, categories: list[str], factor: float | None
) -> tuple[Element, ...]:
    """One axis: lanes 0 and 2 above it, 1 and 3 below; stems drawn first so labels sit on top.

    `factor` scales every label of the timeline alike (None: at the floor, cut where too long).
    """
    x0, x1 = frame.x + 40.0, frame.x + frame.w - 40.0
    mid = frame.y + frame.h / 2
    lane_h = (frame.h / 2 - 2 * GAP) / 2
    lines: list[Element] = [LineEl(x0, mid, x1, mid, style.primary, 2)]
    dots: list[Element] = []
    labels: list[Element] = []
    for year, x, align in ((axis.first_year, frame.x, "left"), (axis.last_year, x1 + 2, "right")):
        p = style.p(str(year), 12, style.muted, bold=True, floor=9, align=align)
        labels.append(fixed(p, Box(x, mid - 13, 38, 26)))
    blocks = [label_paras(style, p.milestone, categories) for p in axis.placed]
    for placed, paras in zip(axis.placed, blocks, strict=True):
        if factor:
            fitted = tuple(p.scaled(factor) for p in paras)
        else:
            first = paras[0].scaled(SMALL_FLOOR / 13)
            fitted = (first, fit.ellipsize(paras[1], label_w, lane_h - fit.block_height((first,), label_w)))
        h = fit.block_height(fitted, label_w)
        x = x0 + placed.x * (x1 - x0)
        reach = GAP + (placed.lane // 2) * (lane_h + GAP / 2)  # distance from the axis to the lane's near edge
        above = placed.lane % 2 == 0
        y = mid - reach - h if above else mid + reach
        lines.append(LineEl(x, mid, x, y + h if above else y, style.rule, 1))
        dots.append(DotEl(Box(x - 5, mid - 5, 10, 10), paras[0].colour or style.primary))
        labels.append(TextEl(Box(x0 + placed.left * (x1 - x0), y, label_w, h), fitted, fill="#FFFFFF"))
    return (*lines, *dots, *labels)

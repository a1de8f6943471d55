"""The key milestones as a drawn timeline: an axis of markers, labels in lanes above and below, a legend."""

from __future__ import annotations

from collections.abc import Mapping

from casestudy.model import Milestone
from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.fit import Para
from casestudy.renderers.pptx.layout.blocks import fixed
from casestudy.renderers.pptx.layout.elements import GAP, LABEL, LANES, NOTE, Box, DotEl, Element, LineEl, Style, TextEl
from casestudy.renderers.pptx.spec import Timeline
from casestudy.timeline import Axis, Placed
from casestudy.timeline import layout as timeline_layout

END_W = 52.0  # room at each end of the axis for its first and last year, at least
LABEL_SHARES = (0.17, 0.21, 0.25)  # label widths tried, as a share of the slide's width: narrow first


def timeline(style: Style, body: Timeline, frame: Box) -> list[tuple[Element, ...]]:
    """The milestones on one axis under a legend of their categories, their labels whole.

    Markers sit by date, labels in as many lanes as the slide's height holds for the tallest;
    when their dates crowd too close for that, the markers are spaced evenly in date order
    instead (the years on the labels still say when).
    """
    categories = list(dict.fromkeys(m.category for m in body.milestones))
    key, frame = legend(style, categories, body.category_names, frame)
    axis_w = frame.w - 2 * end_width(style)
    for share in LABEL_SHARES:
        label_w = frame.w * share
        label_h = tallest(style, body, label_w, categories)
        lanes = max(2, 2 * int((frame.h / 2 - GAP + GAP / 2) // (label_h + GAP / 2)))
        axes = timeline_layout(body.milestones, label_w / axis_w, max_lanes=min(lanes, LANES), gap=6 / axis_w)
        if len(axes) == 1:
            return [(*key, *axis_row(style, axes[0], frame, label_w, label_h, categories))]
    label_w = min(frame.w * LABEL_SHARES[-1], 2 * axis_w / (len(body.milestones) + 1) - 6)
    axis = evenly(body.milestones, label_w / axis_w)
    return [(*key, *axis_row(style, axis, frame, label_w, tallest(style, body, label_w, categories), categories))]


def end_width(style: Style) -> float:
    """Room at each end of the axis for a year whole, in the deck's face (a template's may be wide)."""
    year = style.p("0000", NOTE, bold=True)
    return max(END_W, fit.em_width(year.text, year.family, year.cjk, bold=True) * NOTE + 2 * fit.INSET + 2)


def tallest(style: Style, body: Timeline, width: float, categories: list[str]) -> float:
    return max(fit.block_height(label_paras(style, m, categories), width) for m in body.milestones)


def evenly(milestones: tuple[Milestone, ...], width: float) -> Axis:
    """The milestones in date order at even steps, labels (`width` of the axis) alternately above and below.

    The first label starts at the axis's start and the last ends at its end; with `width` at most
    2 / (n + 1) of the axis, labels in the same lane never meet.
    """
    ordered = sorted(milestones, key=lambda m: m.date.sort_key)
    step = (1 - width) / max(1, len(ordered) - 1)
    placed = tuple(Placed(m, width / 2 + i * step, i * step, i % 2) for i, m in enumerate(ordered))
    return Axis(ordered[0].date.year, ordered[-1].date.year, placed)


def label_paras(style: Style, m: Milestone, categories: list[str]) -> tuple[Para, Para]:
    """The year in the category's colour over the milestone's title; the full date is in the notes."""
    colour = category_colour(style, m.category, categories)
    return style.p(str(m.date.year), NOTE, colour, heading=True, bold=True), style.p(m.title, LABEL)


def category_colour(style: Style, category: str, categories: list[str]) -> str:
    return style.categories[categories.index(category) % len(style.categories)]


def legend(
    style: Style, categories: list[str], names: Mapping[str, str], frame: Box
) -> tuple[tuple[Element, ...], Box]:
    """A marker and the name of each milestone category, in a row at the top, when there are several."""
    if len(categories) < 2:
        return (), frame
    out: list[Element] = []
    x, h = frame.x, NOTE * fit.LINE + 2 * fit.INSET
    for category in categories:
        p = style.p(names.get(category, category), NOTE, style.muted)
        w = min(fit.em_width(p.text, p.family, p.cjk) * p.size + 2 * fit.INSET + 2, frame.x + frame.w - x - 16)
        if w < 30:
            break  # no room left on the line: the colours still show on the markers
        out.append(DotEl(Box(x, frame.y + h / 2 - 4, 8, 8), category_colour(style, category, categories)))
        out.append(fixed(p, Box(x + 12, frame.y, w, h), role="label"))
        x += 12 + w + GAP
    return tuple(out), Box(frame.x, frame.y + h + GAP / 2, frame.w, frame.h - h - GAP / 2)


def axis_row(
    style: Style, axis: Axis, frame: Box, label_w: float, lane_h: float, categories: list[str]
) -> tuple[Element, ...]:
    """One axis: lanes 0 and 2 above it, 1 and 3 below; stems drawn first so labels sit on top.

    A title too long for the room its lane has is cut with "…"; the notes give every milestone in full.
    """
    end_w = end_width(style)
    x0, x1 = frame.x + end_w, frame.x + frame.w - end_w
    mid = frame.y + frame.h / 2
    lane_h = min(lane_h, frame.h / 2 - GAP)
    lines: list[Element] = [LineEl(x0, mid, x1, mid, style.primary, 2)]
    dots: list[Element] = []
    labels: list[Element] = []
    for year, x, align in ((axis.first_year, frame.x, "left"), (axis.last_year, x1 + 2, "right")):
        p = style.p(str(year), NOTE, style.muted, bold=True, align=align)
        labels.append(fixed(p, Box(x, mid - NOTE, end_w - 2, 2 * NOTE), role="label"))
    for placed in axis.placed:
        date, title = label_paras(style, placed.milestone, categories)
        fitted = (date, fit.ellipsize(title, label_w, lane_h - fit.block_height((date,), label_w) + 2 * fit.INSET))
        h = fit.block_height(fitted, label_w)
        x = x0 + placed.x * (x1 - x0)
        reach = GAP + (placed.lane // 2) * (lane_h + GAP / 2)  # distance from the axis to the lane's near edge
        above = placed.lane % 2 == 0
        y = mid - reach - h if above else mid + reach
        lines.append(LineEl(x, mid, x, y + h if above else y, style.rule, 1))
        dots.append(DotEl(Box(x - 5, mid - 5, 10, 10), date.colour or style.primary))
        box = Box(x0 + placed.left * (x1 - x0), y, label_w, h)
        labels.append(TextEl(box, fitted, fill=style.paper, role="label"))
    return (*lines, *dots, *labels)

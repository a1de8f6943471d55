"""Objects PowerPoint draws itself, placed not fitted: bar charts side by side, pictures."""

from __future__ import annotations

from casestudy.renderers.pptx import fit
from casestudy.renderers.pptx.layout.elements import GAP, LABEL, NOTE, Box, ChartEl, Element, PictureEl, Style
from casestudy.renderers.pptx.spec import Chart, Charts, Picture

PER_SLIDE = 2  # charts side by side: each wide enough for its category names at a readable size


def charts(style: Style, body: Charts, frame: Box) -> list[tuple[Element, ...]]:
    """Two charts to a slide (one when a slide holds one), evened out over the slides."""
    count = -(-len(body.charts) // PER_SLIDE)
    per_page = -(-len(body.charts) // count)
    out = []
    for i in range(0, len(body.charts), per_page):
        group = body.charts[i : i + per_page]
        w = (frame.w - (len(group) - 1) * 2 * GAP) / len(group)
        text = style.p("", NOTE, style.text)
        boxes = (Box(frame.x + j * (w + 2 * GAP), frame.y, w, chart_height(c, frame.h)) for j, c in enumerate(group))
        out.append(tuple(ChartEl(box, c, colours(style, c), text) for box, c in zip(boxes, group, strict=True)))
    return out


def chart_height(chart: Chart, room: float) -> float:
    """Tall enough for a title line and two lines of category name a bar, within the frame."""
    per_bar = 2 * NOTE * fit.LINE + 8
    return min(room, LABEL * fit.LINE * 3 + per_bar * len(chart.categories))


def colours(style: Style, chart: Chart) -> tuple[str, ...]:
    """Each bar in its entity's colour from the theme, the same entity the same colour in every chart."""
    return tuple(style.categories[i % len(style.categories)] for i in chart.entities)


def picture(style: Style, body: Picture, frame: Box) -> list[tuple[Element, ...]]:
    from PIL import Image

    with Image.open(body.path) as img:
        ratio = img.width / img.height
    w = min(frame.w, frame.h * ratio)
    h = w / ratio
    return [(PictureEl(Box(frame.x + (frame.w - w) / 2, frame.y, w, h), body.path, body.alt),)]

"""Objects PowerPoint draws itself, placed not fitted: bar charts as small multiples, pictures."""

from __future__ import annotations

from casestudy.renderers.pptx.layout.elements import GAP, Box, ChartEl, Element, PictureEl, Style
from casestudy.renderers.pptx.plan import Charts, Picture


def charts(style: Style, body: Charts, frame: Box) -> list[tuple[Element, ...]]:
    """Small multiples: one bar chart per numeric metric, up to three side by side per slide."""
    out = []
    for i in range(0, len(body.charts), 3):
        group = body.charts[i : i + 3]
        w = (frame.w - (len(group) - 1) * 2 * GAP) / len(group)
        text = style.p("", 12, style.text)
        out.append(
            tuple(
                ChartEl(Box(frame.x + j * (w + 2 * GAP), frame.y, w, frame.h), chart, style.categories[0], text)
                for j, chart in enumerate(group)
            )
        )
    return out


def picture(style: Style, body: Picture, frame: Box) -> list[tuple[Element, ...]]:
    from PIL import Image

    with Image.open(body.path) as img:
        ratio = img.width / img.height
    w = min(frame.w, frame.h * ratio)
    h = w / ratio
    return [(PictureEl(Box(frame.x + (frame.w - w) / 2, frame.y, w, h), body.path, body.alt),)]

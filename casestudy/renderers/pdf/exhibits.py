"""PDF exhibits: "Exhibit N: title" above, the drawn or tabled body, the source line below, kept as a unit.

The journey is a drawn timeline (casestudy.timeline places the labels so they never overlap,
over as many rows as needed), followed by a chronology of the milestones that have details;
the comparison is a table with units, notes and "as of"; the key figures are large numbers
on cards; the pillars stand side by side, up to four in a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect
from reportlab.lib import colors
from reportlab.platypus import Flowable, HRFlowable, Image, Paragraph, Spacer, Table

from casestudy.model import Cell, Comparison, KeyFigure, Metric, Milestone, Pillar, Spotlight
from casestudy.renderers.pdf.blocks import CELL_PADDING, FORMAT, Context, bullets, cards, grid_table, head_cell, heading
from casestudy.renderers.pdf.drawing import canvas, strings, text_width, wrap
from casestudy.renderers.pdf.keeping import ExhibitBlock
from casestudy.renderers.pdf.text import exhibit_anchor
from casestudy.resolve import Exhibit
from casestudy.timeline import Axis, layout

LABEL_WIDTH = 96  # points: a timeline label's box
LINE = 9  # leading of label lines
MAX_TITLE_LINES = 3
MAX_LANES = 4
LABEL_SIZE = 7.5
AXIS_BAND = 30  # year labels, the axis, the markers


class Shown(NamedTuple):
    """An exhibit's body, and the notes under it that go with its source line."""

    body: Sequence[Flowable]
    notes: Sequence[Flowable] = ()


def exhibit(ctx: Context, item: Exhibit, width: float) -> ExhibitBlock:
    """One exhibit kept as a unit: anchor, rule and title; its body; its notes and source line."""
    body, notes = {
        "journey": journey,
        "pillars": pillars,
        "spotlight": key_figures,
        "comparison": comparison,
        "image": image,
    }[item.kind](ctx, item, width)
    family = ctx.styles["exhibit_title"].fontName
    label, title = ctx.resolved.titled(item.label), item.title
    accent = ctx.styles.colours.accent.hexval().replace("0x", "#")
    anchor, _ = heading(ctx, item.heading, exhibit_anchor(item.id), "exhibit_title", level=1)
    rule = HRFlowable(width="100%", thickness=1.2, color=ctx.styles.colours.primary, spaceBefore=8, spaceAfter=5)
    coloured = f'<font color="{accent}">{ctx.markup.plain(label, family)}</font>{ctx.markup.plain(title, family)}'
    title_para = Paragraph(f"<b>{coloured}</b>", ctx.styles["exhibit_title"])
    source = [ctx.para(item.source_line, "source_line")] if item.source_line else [Spacer(1, 12)]
    for part in (anchor, title_para):
        part.keepWithNext = 0  # the block keeps its title with its body itself

    def continued() -> Paragraph:
        return ctx.para(ctx.resolved.continued(item.label), "continued")

    return ExhibitBlock([anchor, rule, title_para], body, [*notes, *source], continued, ctx.frame_height)


# ---------------------------------------------------------------- the journey


def journey(ctx: Context, item: Exhibit, width: float) -> Shown:
    """The timeline drawn over one or more axes under the category legend, then the chronology of
    the milestones with details (what the drawing has no room for): each milestone is drawn once."""
    shown = ctx.resolved.journey_for(FORMAT)
    categories = list(dict.fromkeys(m.category for m in shown.drawn))
    axes = layout(shown.drawn, min(1.0, LABEL_WIDTH / width), MAX_LANES)
    drawn: list[Flowable] = [legend(ctx, categories, width)]
    drawn += [axis_drawing(ctx, axis, categories, width) for axis in axes]
    if shown.listed:
        drawn += [Spacer(1, 8), chronology(ctx, shown.listed, width)]
    return Shown(drawn)


def legend(ctx: Context, categories: list[str], width: float) -> Drawing:
    """Coloured dots with the category names, in order of first appearance."""
    fonts, c = ctx.styles.fonts, ctx.styles.colours
    drawing = canvas(fonts, width, 16)
    x = 4.0
    for index, category in enumerate(categories):
        name = ctx.resolved.category(category)
        drawing.add(Circle(x, 6, 3.5, fillColor=c.category(index), strokeColor=None))
        drawing.add(strings(fonts, name, x + 7, 3.3, LABEL_SIZE + 0.5, c.muted))
        x += 20 + text_width(fonts, name, LABEL_SIZE + 0.5)
    return drawing


def axis_drawing(ctx: Context, axis: Axis, categories: list[str], width: float) -> Drawing:
    """One row of the timeline: years above a rule, markers on it, labels in lanes below."""
    c, fonts = ctx.styles.colours, ctx.styles.fonts
    box = min(LABEL_WIDTH, width)
    titles = {id(p): wrap(fonts, p.milestone.title, LABEL_SIZE, box - 6, MAX_TITLE_LINES) for p in axis.placed}
    lane = LINE * (1 + max(len(lines) for lines in titles.values())) + 12
    height = AXIS_BAND + axis.lanes * lane
    drawing = canvas(fonts, width, height)
    axis_y = height - 20
    drawing.add(Line(0, axis_y, width, axis_y, strokeColor=c.rule, strokeWidth=2))
    for year, x in year_ticks(axis, width):
        drawing.add(Line(x, axis_y - 3, x, axis_y + 3, strokeColor=c.rule, strokeWidth=0.8))
        half = text_width(fonts, str(year), LABEL_SIZE) / 2
        anchor = "start" if x < half else "end" if x > width - half else "middle"  # stay inside the frame
        drawing.add(strings(fonts, str(year), x, axis_y + 7, LABEL_SIZE, c.muted, anchor=anchor))
    colour = {id(p): c.category(categories.index(p.milestone.category)) for p in axis.placed}
    for placed in axis.placed:
        top = axis_y - 10 - placed.lane * lane
        x = placed.x * width
        drawing.add(Line(x, axis_y, x, top, strokeColor=colour[id(placed)], strokeWidth=0.6))
    for placed in axis.placed:
        top = axis_y - 10 - placed.lane * lane
        lines = [ctx.resolved.short_date(placed.milestone.date), *titles[id(placed)]]
        milestone_label(ctx, drawing, (placed.left * width, top, box), lines, colour[id(placed)])
        drawing.add(
            Circle(placed.x * width, axis_y, 3.6, fillColor=colour[id(placed)], strokeColor=colors.white, strokeWidth=1)
        )
    return drawing


def milestone_label(
    ctx: Context, drawing: Drawing, where: tuple[float, float, float], lines: list[str], colour: colors.Color
) -> None:
    """A label under its marker: the date (first line) in the category colour, then the title, on white."""
    left, top, box = where
    fonts, centre = ctx.styles.fonts, left + box / 2
    drawing.add(
        Rect(
            left + 1,
            top - 3 - LINE * len(lines),
            box - 2,
            3 + LINE * len(lines),
            fillColor=colors.white,
            strokeColor=None,
        )
    )
    for n, line in enumerate(lines):
        ink = colour if n == 0 else ctx.styles.colours.text
        drawing.add(strings(fonts, line, centre, top - 8 - LINE * n, LABEL_SIZE, ink, bold=n == 0, anchor="middle"))


def year_ticks(axis: Axis, width: float) -> list[tuple[int, float]]:
    """Years to label on an axis, spaced so that their labels never touch."""
    span = max(1, axis.last_year + 1 - axis.first_year)
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 10**6) if span / s * 30 <= width)
    first = axis.first_year + (-axis.first_year % step)
    return [(year, (year - axis.first_year) / span * width) for year in range(first, axis.last_year + 1, step)]


def chronology(ctx: Context, milestones: tuple[Milestone, ...], width: float) -> Table:
    """Milestones with their details and sources, in date order."""
    rows = []
    for m in milestones:
        title = ctx.markup.plain(m.title, ctx.styles["cell"].fontName)
        cite = ctx.cite(m.source, m.detail)  # the milestone's source, after its title
        colon = ctx.markup.plain(ctx.resolved.titled(""), ctx.styles["cell"].fontName)  # ": ", "："
        detail = colon + ctx.text(m.detail, "cell") if m.detail else ""
        date = ctx.resolved.short_date(m.date)
        rows.append([ctx.para(date, "cell"), Paragraph(f"<b>{title}</b>{cite}{detail}", ctx.styles["cell"])])
    dates = [ctx.resolved.short_date(m.date) for m in milestones]
    widest = max(text_width(ctx.styles.fonts, d, ctx.styles["cell"].fontSize) for d in dates) + CELL_PADDING + 2
    first = min(
        max(0.14 * width, widest), 0.25 * width
    )  # a date on one line: "2021 年 3 月 30 日" is wider than "2021-03-30"
    return grid_table(ctx, None, rows, [first, width - first])


# ---------------------------------------------------------------- the pillars


def pillars(ctx: Context, item: Exhibit, width: float) -> Shown:
    """The pillars side by side, up to four in a row, each under a bar in its category colour."""
    contents = [pillar_card(ctx, pillar, ctx.resolved.pillar_number(pillar)) for pillar in ctx.case.pillars]
    return Shown(cards(ctx, contents, width, ctx.styles.colours.categories or (ctx.styles.colours.primary,)))


def pillar_card(ctx: Context, pillar: Pillar, number: int) -> list[Flowable]:
    """Number, title, thesis, then its points and evidence as small lists."""
    content: list[Flowable] = [ctx.para(f"{number:02d}", "figure_label"), ctx.para(pillar.title, "card_title")]
    content.append(ctx.para(pillar.thesis, "cell"))
    for key, points in (("points", pillar.points), ("evidence", pillar.evidence)):
        if points:
            content += [Spacer(1, 4), ctx.para(ctx.label(key), "caption"), *bullets(ctx, points, "cell")]
    return content


# ---------------------------------------------------------------- the spotlight


def key_figures(ctx: Context, item: Exhibit, width: float) -> Shown:
    """The spotlight's description, then its figures as cards: large number, unit, label, note."""
    spotlight: Spotlight = ctx.case.spotlight  # type: ignore[assignment]
    intro = [ctx.para(p, "small") for p in spotlight.description]
    figures = cards(ctx, [figure_card(ctx, f) for f in spotlight.figures], width, (ctx.styles.colours.accent,))
    return Shown([*intro, Spacer(1, 4), *figures] if intro else figures)


def figure_card(ctx: Context, figure: KeyFigure) -> list[Flowable]:
    """The value large in the accent colour, its unit, its label (with citation), its note."""
    label = ctx.markup.plain(figure.label, ctx.styles["figure_label"].fontName)
    card = [ctx.para(figure.value, "figure_value")]
    if figure.unit:
        card.append(ctx.para(figure.unit, "caption"))
    cite = ctx.cite(figure.source, figure.note)
    card += [Spacer(1, 4), Paragraph(f"<b>{label}</b>{cite}", ctx.styles["figure_label"])]
    if figure.note:
        card.append(ctx.para(figure.note, "caption"))
    return card


# ---------------------------------------------------------------- the comparison


def comparison(ctx: Context, item: Exhibit, width: float) -> Shown:
    """Metrics down, entities across, units with the metric; "as of", note and source below."""
    comp: Comparison = ctx.case.comparison  # type: ignore[assignment]
    first = 0.3 * width
    other = (width - first) / len(comp.entities)
    header = [head_cell(ctx, ctx.label("comparison"))]
    header += [head_cell(ctx, e.name, "cell_head_centre") for e in comp.entities]
    rows = [metric_row(ctx, metric, comp) for metric in comp.metrics]
    table = grid_table(ctx, header, rows, [first] + [other] * len(comp.entities))
    as_of = ctx.resolved.as_of()
    cite = ctx.cite(comp.source, comp.note)
    if comp.note:
        below = [ctx.para(as_of, "caption"), ctx.lead_in("note", comp.note, "caption", suffix=cite)]
    else:
        below = [ctx.para(as_of, "caption", suffix=cite)]
    return Shown([table], [Spacer(1, 4), *below])


def metric_row(ctx: Context, metric: Metric, comp: Comparison) -> list[Flowable]:
    label = f"<b>{ctx.markup.plain(metric.label, ctx.styles['cell'].fontName)}</b>"
    if metric.unit:
        label += f"<br/>{ctx.markup.plain(metric.unit, ctx.styles['caption'].fontName)}"
    if metric.note:
        label += f"<br/><i>{ctx.markup.plain(metric.note, ctx.styles['cell'].fontName)}</i>"
    label += ctx.cite(metric.source)
    cells = [value_cell(ctx, metric.values.get(e.id)) for e in comp.entities]
    return [Paragraph(label, ctx.styles["cell"]), *cells]


def value_cell(ctx: Context, cell: Cell | None) -> Paragraph:
    """A value centred under its entity, its note small and muted beneath."""
    style = "center"
    if cell is None:
        return ctx.para("—", style)
    text = ctx.markup.plain(cell.value, ctx.styles[style].fontName) + ctx.cite(cell.source)
    if cell.note:
        muted = ctx.styles.colours.muted.hexval().replace("0x", "#")
        text += f'<br/><font size="7" color="{muted}">{ctx.markup.plain(cell.note, ctx.styles[style].fontName)}</font>'
    return Paragraph(text, ctx.styles[style])


# ---------------------------------------------------------------- images


def image(ctx: Context, item: Exhibit, width: float, max_height: float = 360) -> Shown:
    """A picture scaled to the frame (never upscaled past its own size), with its credit."""
    picture = ctx.resolved.image(item.id)
    path = ctx.resolved.image_files.get(item.id)
    body = [scaled_image(str(path), width, max_height)] if path else []
    return Shown(body, [ctx.para(picture.credit, "caption")] if picture.credit else [])


def scaled_image(path: str, width: float, max_height: float) -> Image:
    """An image as large as fits `width` x `max_height`, keeping its proportions."""
    picture = Image(path)
    scale = min(1.0, width / picture.imageWidth, max_height / picture.imageHeight)
    picture.drawWidth, picture.drawHeight = picture.imageWidth * scale, picture.imageHeight * scale
    picture.hAlign = "LEFT"
    return picture

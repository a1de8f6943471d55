"""python-pptx calls only: open the base deck, write laid-out pages on the layouts `layouts` chose.

Placeholders are found by type, never by index, so a company template (`--template`) restyles
the deck: the title goes in the title placeholder, and on a template the body text, footer and
slide number in the layout's own placeholders (`TextEl.slot`), keeping the alignment and
anchoring the template gives them where the deck asks for nothing else.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from casestudy.errors import UsageError
from casestudy.options import Template
from casestudy.renderers.pptx.colours import paint
from casestudy.renderers.pptx.fit import INSET, Para
from casestudy.renderers.pptx.layout import (
    Box,
    ChartEl,
    DotEl,
    Grid,
    LineEl,
    Page,
    PictureEl,
    TableEl,
    TextEl,
)
from casestudy.renderers.pptx.layout.elements import LABEL
from casestudy.renderers.pptx.layouts import Layouts, box_of, placeholder
from casestudy.renderers.pptx.package import open_indexed
from casestudy.renderers.pptx.textxml import write_paragraphs

WIDE = (Emu(12_192_000), Emu(6_858_000))  # PowerPoint's own Widescreen (13.333 x 7.5 in), not a custom size
RUNNING = {"footer": PP_PLACEHOLDER.FOOTER, "number": PP_PLACEHOLDER.SLIDE_NUMBER}  # slots the master fills
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # any fixed GUID: the same deck, the same bytes
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


# ---------------------------------------------------------------- the base deck


def open_presentation(template: Template | None):
    """The template without its own slides, or python-pptx's default template at 16:9."""
    if template is None:
        prs = open_indexed()
        prs.slide_width, prs.slide_height = WIDE
        return prs
    try:
        prs = open_indexed(io.BytesIO(template.data))
    except Exception as exc:  # python-pptx raises several types for a file that is not a deck
        raise UsageError(f"{template.name}: not a PowerPoint template: {exc}") from None
    for sld_id in list(prs.slides._sldIdLst):
        prs.part.drop_rel(sld_id.rId)
        prs.slides._sldIdLst.remove(sld_id)
    return prs


def template_fonts(prs) -> tuple[str | None, str | None]:
    """The template theme's heading and body typefaces (major and minor latin), if it names them."""
    try:
        theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return None, None
    found = [theme.find(f".//{qn(f'a:{kind}Font')}/{qn('a:latin')}") for kind in ("major", "minor")]
    return tuple((el.get("typeface") or None) if el is not None else None for el in found)  # type: ignore[return-value]


def slide_size(prs) -> tuple[float, float]:
    return Emu(prs.slide_width).pt, Emu(prs.slide_height).pt


def has_pictures(prs) -> bool:
    """Whether the template's masters or layouts draw a picture of their own (a logo, most likely)."""
    masters = list(prs.slide_masters)
    parts = masters + [layout for master in masters for layout in master.slide_layouts]
    return any(part.shapes._spTree.xpath(".//p:pic") for part in parts)


# ---------------------------------------------------------------- pages


def write_deck(prs, layouts: Layouts, pages: list[Page], grid: Grid, logo: Logo | None) -> None:
    """Every page on a slide of its kind's layout, with its notes; the logo where a page asks for it."""
    templated = grid.frames is not None
    for page in pages:
        layout = layouts.get(page.kind)
        slide = prs.slides.add_slide(layout)
        write_page(slide, layout, page, templated)
        if page.logo and logo:
            picture_shape(slide, logo.placed(grid))
        slide.notes_slide.notes_text_frame.text = page.notes


def write_page(slide, layout, page: Page, templated: bool) -> None:
    """Title, subtitle and (on a template) the body text into their placeholders, the others removed; then the
    elements, a template's footer and slide number in the layout's own placeholders."""
    title = placeholder(slide, "title")
    subtitle = placeholder(slide, "subtitle") if page.subtitle else None
    body = placeholder(slide, "body") if templated else None
    body_text = next((el for el in page.elements if isinstance(el, TextEl) and el.slot == "body"), None)
    body = body if body_text else None
    keep = {ph._element for ph in (title, subtitle, body) if ph is not None}
    for ph in list(slide.placeholders):
        if ph._element not in keep:
            ph._element.getparent().remove(ph._element)
    write_placeholder(title, page.title, templated)
    if page.subtitle:
        if subtitle is not None:
            write_placeholder(subtitle, page.subtitle, templated)
        else:
            text_shape(slide, page.subtitle)
    if body is not None:
        write_placeholder(body, body_text, templated)
    for el in page.elements:
        if body is not None and el is body_text:
            continue
        if isinstance(el, TextEl) and el.slot in RUNNING and running_text(slide, layout, el):
            continue
        if not (isinstance(el, TextEl) and el.optional):
            ELEMENT_WRITERS[type(el)](slide, el)


def write_placeholder(ph, el: TextEl, templated: bool) -> None:
    """A title, subtitle or body in its placeholder, moved to where the page's layout put it."""
    place(ph, el.box)
    write_text(ph.text_frame, el.paras, el.inset, el.anchor, inherit=templated)


def running_text(slide, layout, el: TextEl) -> bool:
    """The footer or the slide number in the layout's own placeholder, as the template sets it; False without one."""
    kind = RUNNING[el.slot]
    found = next((ph for ph in layout.placeholders if ph.placeholder_format.type == kind), None)
    if found is None:
        return False
    slide.shapes.clone_placeholder(found)
    ph = slide.placeholders[found.placeholder_format.idx]
    box = box_of(found)
    if box is not None:  # where the layout has it: LibreOffice sets the footer as the master says only then
        place(ph, box)
    tf = ph.text_frame
    if el.slot == "number":
        slide_number(tf, el.paras[0].text)
    else:
        tf.text = el.paras[0].text
    return True


def slide_number(tf, shown: str) -> None:
    """The slide number as PowerPoint's own field, which it renumbers when slides move."""
    field = etree.SubElement(tf.paragraphs[0]._p, qn("a:fld"), id=SLIDE_NUMBER_FIELD, type="slidenum")
    etree.SubElement(field, qn("a:t")).text = shown


def place(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = (Pt(v) for v in (box.x, box.y, box.w, box.h))


def write_text(tf, paras: tuple[Para, ...], inset: float, anchor: str = "top", inherit: bool = False) -> None:
    """Paragraphs as measured: no autofit, word wrap on, fixed insets, exact line spacing.

    With `inherit` (a template's placeholder) the text keeps the placeholder's anchoring and
    alignment where it asks for the default (top, left): a centred title stays centred.
    """
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = Pt(inset)
    if not (inherit and anchor == "top"):
        tf.vertical_anchor = ANCHOR[anchor]
    write_paragraphs(tf._txBody, paras, tf.part, inherit)


def plain_shape(shape, fill: str | None) -> None:
    """No theme style (shadows, outlines) on drawn shapes: only what we set."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    if fill:
        shape.fill.solid()
        paint(shape.fill.fore_color, fill)
    else:
        shape.fill.background()
    shape.line.fill.background()


def text_shape(slide, el: TextEl) -> None:
    """A text box (or a filled shape holding text), named by its role: "Body 3", "Label 7", "Source 12"."""
    b = el.box
    if el.fill:
        kind = MSO_SHAPE.ROUNDED_RECTANGLE if el.rounded else MSO_SHAPE.RECTANGLE
        shape = slide.shapes.add_shape(kind, Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h))
        plain_shape(shape, el.fill)
    else:
        shape = slide.shapes.add_textbox(Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h))
    shape.name = f"{el.role.capitalize()} {shape.shape_id}"
    if el.paras:
        write_text(shape.text_frame, el.paras, el.inset, el.anchor)


def line_shape(slide, el: LineEl) -> None:
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Pt(el.x1), Pt(el.y1), Pt(el.x2), Pt(el.y2))
    style = line._element.find(qn("p:style"))
    if style is not None:
        line._element.remove(style)
    paint(line.line.color, el.colour)
    line.line.width = Pt(el.weight)


def dot_shape(slide, el: DotEl) -> None:
    b = el.box
    shape = slide.shapes.add_shape(MSO_SHAPE.OVAL, Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h))
    plain_shape(shape, el.colour)


def table_shape(slide, el: TableEl) -> None:
    cols = len(el.widths)
    rows = len(el.heights)
    b = el.box
    frame = slide.shapes.add_table(rows, cols, Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h))
    frame.name = f"Label {frame.shape_id}"  # its words are an exhibit's labels (the deck's type scale)
    table = frame.table
    for c, w in enumerate(el.widths):
        table.columns[c].width = Pt(w)
    for r, h in enumerate(el.heights):
        table.rows[r].height = Pt(h)
    for r, row in enumerate(el.cells):
        for c, paras in enumerate(row):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = cell.margin_top = cell.margin_bottom = Pt(INSET)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            paint(cell.fill.fore_color, el.header_fill if r == 0 else (el.stripe if r % 2 == 0 else el.paper))
            write_text_cell(cell.text_frame, paras)


def write_text_cell(tf, paras: tuple[Para, ...]) -> None:
    tf.word_wrap = True
    write_paragraphs(tf._txBody, paras, tf.part)


def chart_shape(slide, el: ChartEl) -> None:
    """A native bar chart, editable in PowerPoint: a colour and a data label per bar, every category named."""
    data = CategoryChartData(number_format=number_format(el.chart.decimals))
    data.categories = el.chart.categories
    data.add_series(el.chart.title, el.chart.values)
    b = el.box
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h), data)
    frame.name = f"Label {frame.shape_id}"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", el.chart.alt)
    chart = frame.chart
    chart.font.size = Pt(el.text.size)
    chart.font.name = el.text.family
    if el.text.colour:
        paint(chart.font.color, el.text.colour)
    chart.has_legend = False
    chart.has_title = True
    title = chart.chart_title.text_frame
    title.text = el.chart.title
    title.paragraphs[0].runs[0].font.size = Pt(LABEL)
    title.paragraphs[0].runs[0].font.bold = True
    axis = chart.category_axis
    axis.reverse_order = True  # first entity at the top, as in the table
    axis.has_major_gridlines = False
    axis.tick_labels.font.size = Pt(el.text.size)
    every_label(axis)
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    bars(chart.plots[0], el)
    signed_32_bit_axis_ids(chart._chartSpace)


def bars(plot, el: ChartEl) -> None:
    """Each bar in its entity's colour, with its value at its end, as the outline writes the numbers."""
    plot.gap_width = 60
    plot.vary_by_categories = False
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = number_format(el.chart.decimals)
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(el.text.size)
    for point, colour in zip(plot.series[0].points, el.colours, strict=False):
        point.format.fill.solid()
        paint(point.format.fill.fore_color, colour)


def signed_32_bit_axis_ids(chart_space) -> None:
    """Axis ids from 0 to 2**31 - 1: python-pptx writes negative ones, which the schema refuses.

    LibreOffice reads an id as a signed 32-bit number: above 2**31 - 1 (what `ooxml` would make of
    a negative id) the axes come apart, the category names vanish and the bars flip order. The
    low 31 bits keep the ids distinct and every axis crossing the one it crossed.
    """
    for element in chart_space.iter(qn("c:axId"), qn("c:crossAx")):
        element.set("val", str(int(element.get("val")) & 0x7FFFFFFF))


def number_format(decimals: int) -> str:
    """Thousands separated, as many decimals as the outline wrote: "245,900", "5.28"."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def every_label(axis) -> None:
    """Name every category: without c:tickLblSkip a crowded axis may show only every second or third name."""
    skip = axis._element.find(qn("c:tickLblSkip"))
    if skip is None:
        skip = etree.SubElement(axis._element, qn("c:tickLblSkip"))
        no_multi = axis._element.find(qn("c:noMultiLvlLbl"))
        if no_multi is not None:  # the schema puts tickLblSkip before noMultiLvlLbl
            no_multi.addprevious(skip)
    skip.set("val", "1")


def picture_shape(slide, el: PictureEl) -> None:
    b = el.box
    pic = slide.shapes.add_picture(str(el.path), Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h))
    pic._element.nvPicPr.cNvPr.set("descr", el.alt)


@dataclass(frozen=True)
class Logo:
    """The outline's logo, small, at the top right of title and closing slides."""

    path: Path
    alt: str

    def placed(self, grid: Grid) -> PictureEl:
        from PIL import Image

        with Image.open(self.path) as img:
            ratio = img.width / img.height
        h = grid.height * 0.075
        w = h * ratio
        return PictureEl(Box(grid.width - grid.margin - w, grid.height * 0.06, w, h), self.path, self.alt)


ELEMENT_WRITERS = {
    TextEl: text_shape,
    LineEl: line_shape,
    DotEl: dot_shape,
    TableEl: table_shape,
    ChartEl: chart_shape,
    PictureEl: picture_shape,
}

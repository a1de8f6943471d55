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
from casestudy.renderers.pptx.layouts import Layouts, box_of, first_of_each
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
    placeholders = list(slide.placeholders)
    found = first_of_each(placeholders)
    title = found.get("title")
    subtitle = found.get("subtitle") if page.subtitle else None
    body = found.get("body") if templated else None
    body_text = next((el for el in page.elements if isinstance(el, TextEl) and el.slot == "body"), None)
    body = body if body_text else None
    keep = {ph._element for ph in (title, subtitle, body) if ph is not None}
    for ph in placeholders:
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
    # imported here: python-pptx's chart data brings in xlsxwriter for the chart's workbook, which only a
    # deck with a chart needs
    from casestudy.renderers.pptx import charts

    charts.chart_shape(slide, el)


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

"""The deck's charts: a native bar chart per exhibit, editable in PowerPoint (python-pptx's chart API).

Its own module because python-pptx's chart data imports xlsxwriter (for the workbook a chart
carries): `emit` imports it only when a deck has a chart.
"""

from __future__ import annotations

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from casestudy.renderers.pptx.colours import paint
from casestudy.renderers.pptx.layout import ChartEl
from casestudy.renderers.pptx.layout.elements import LABEL


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

"""The deck's package names its parts from an index (`package.IndexedPackage`), as python-pptx names them."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Pt

from casestudy.renderers.pptx.package import IndexedPackage, open_indexed


def a_deck_with_a_slide() -> bytes:
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).notes_slide.notes_text_frame.text = "the template's own"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def grow(prs) -> list[str]:
    """Drop the deck's slides (as emit does a template's), then add slides, notes and charts; the part names."""
    for sld_id in list(prs.slides._sldIdLst):
        prs.part.drop_rel(sld_id.rId)
        prs.slides._sldIdLst.remove(sld_id)
    for i in range(12):
        slide = prs.slides.add_slide(prs.slide_layouts[i % 6])
        slide.notes_slide.notes_text_frame.text = f"notes {i}"
        if i % 5 == 0:
            data = CategoryChartData()
            data.categories = ["a", "b"]
            data.add_series("s", (1, 2))
            slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, 0, 0, Pt(100), Pt(100), data)
    return sorted(part.partname for part in prs.part.package.iter_parts())


@pytest.mark.parametrize("template", [False, True], ids=["default deck", "a deck with its own slide"])
def test_parts_are_named_as_python_pptx_names_them(template):
    source = a_deck_with_a_slide() if template else None
    theirs = grow(Presentation(io.BytesIO(source) if source else None))
    ours = open_indexed(io.BytesIO(source) if source else None)
    assert isinstance(ours.part.package, IndexedPackage)
    names = grow(ours)
    assert names == theirs
    assert "/ppt/slides/slide12.xml" in names and "/ppt/notesSlides/notesSlide12.xml" in names


def test_a_file_that_is_no_presentation_is_refused():
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    with pytest.raises(ValueError, match="not a PowerPoint file"):
        open_indexed(io.BytesIO(out.getvalue()))

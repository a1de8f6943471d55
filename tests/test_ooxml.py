"""What both Office writers share: one set of core properties, and packages that keep to ECMA-376."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree
from office_templates import read
from pptx import Presentation

from casestudy.options import RenderOptions
from casestudy.renderers import docx as docx_writer
from casestudy.renderers import pptx as pptx_writer
from casestudy.renderers.ooxml import STYLES_WITH_EFFECTS, non_negative_axis_ids

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
PROPERTIES = ("title", "subject", "author", "keywords", "language", "category", "comments", "last_modified_by")
DATES = ("created", "modified", "last_printed")


def render(writer, resolved, **options) -> bytes:
    out = io.BytesIO()
    writer.render(resolved, out, RenderOptions(**options))
    return out.getvalue()


@pytest.fixture(scope="module")
def handout(resolved_default) -> bytes:
    return render(docx_writer, resolved_default)


@pytest.fixture(scope="module")
def deck(resolved_default) -> bytes:
    return render(pptx_writer, resolved_default)


def test_both_office_documents_carry_the_same_core_properties(handout, deck, resolved_default):
    word = docx.Document(io.BytesIO(handout)).core_properties
    powerpoint = Presentation(io.BytesIO(deck)).core_properties
    for name in (*PROPERTIES, "revision"):
        assert getattr(word, name) == getattr(powerpoint, name), name
    for name in DATES:  # python-docx reads them back in UTC, python-pptx without a zone
        assert getattr(word, name).replace(tzinfo=None) == getattr(powerpoint, name), name
    meta = resolved_default.case.meta
    assert (word.category, word.comments, word.last_modified_by) == (meta.case_id, meta.usage, "casestudy")
    assert word.created == resolved_default.timestamp


def test_a_templates_own_properties_do_not_survive(resolved_default, tmp_path):
    template = Presentation()
    template.core_properties.comments = "Quarterly review template"
    template.core_properties.category = "Internal"
    template.save(tmp_path / "company.pptx")
    props = Presentation(io.BytesIO(render(pptx_writer, resolved_default, template=read(tmp_path / "company.pptx"))))
    assert props.core_properties.comments == resolved_default.case.meta.usage
    assert props.core_properties.category == resolved_default.case.meta.case_id


def test_chart_axis_ids_are_unsigned_and_still_cross_each_other(deck):
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        charts = [n for n in package.namelist() if n.startswith("ppt/charts/chart")]
        assert charts
        for name in charts:
            chart = etree.fromstring(package.read(name))
            axes = {int(ax.find(f"{C}axId").get("val")) for ax in chart.iter(f"{C}catAx", f"{C}valAx")}
            used = [int(el.get("val")) for el in chart.iter(f"{C}axId", f"{C}crossAx")]
            assert all(0 <= value < 2**32 for value in used), name
            assert len(axes) == 2 and set(used) == axes, name


def test_axis_ids_keep_their_32_bit_value():
    chart = etree.fromstring(
        f'<c:chartSpace xmlns:c="{C[1:-1]}"><c:axId val="-2068027336"/><c:crossAx val="7"/></c:chartSpace>'
    )
    non_negative_axis_ids(chart)
    assert [el.get("val") for el in chart] == ["2226939960", "7"]


@pytest.mark.parametrize("template", [False, True], ids=["default", "template"])
def test_the_handout_has_no_stale_styles_with_effects_part(resolved_default, tmp_path, template):
    """python-docx's template (and so a template saved by it) carries one that disagrees with styles.xml."""
    path = None
    if template:
        path = tmp_path / "company.docx"
        docx.Document().save(path)
        assert "word/stylesWithEffects.xml" in zipfile.ZipFile(path).namelist()  # the premise
    data = render(docx_writer, resolved_default, template=read(path) if path else None)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "word/stylesWithEffects.xml" not in package.namelist()
        assert "word/styles.xml" in package.namelist()
        assert b"stylesWithEffects" not in package.read("[Content_Types].xml")
        assert STYLES_WITH_EFFECTS.encode() not in package.read("word/_rels/document.xml.rels")

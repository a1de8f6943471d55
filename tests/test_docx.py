"""The Word handout: styles a user can restyle, fields, writing spaces, editions, templates, odd text."""

from __future__ import annotations

import io
import logging
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.shared import Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from office_templates import read

from casestudy.build import load_resolved
from casestudy.errors import UsageError
from casestudy.options import Participant, RenderOptions
from casestudy.renderers.docx import personalise, render
from casestudy.renderers.docx.body import ANSWER_LINES
from casestudy.renderers.docx.package import Package
from casestudy.renderers.docx.runs import clean
from casestudy.renderers.docx.styles import STYLES
from casestudy.renderers.ooxml import normalise_zip
from casestudy.resolve import ResolvedCase
from tests.conftest import LONG_WORD, MARKUP_TEXT, libreoffice_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render_bytes(resolved: ResolvedCase, **options) -> bytes:
    out = io.BytesIO()
    assert render(resolved, out, RenderOptions(**options)) is None
    return out.getvalue()


def reopen(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def participant_bytes(resolved_default) -> bytes:
    return render_bytes(resolved_default)


@pytest.fixture(scope="module")
def participant(participant_bytes) -> Document:
    return reopen(participant_bytes)


@pytest.fixture(scope="module")
def instructor(resolved_instructor) -> Document:
    return reopen(render_bytes(resolved_instructor, edition="instructor"))


def blocks(document: Document):
    """Paragraphs and tables of the body, in order."""
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            yield Paragraph(child, document)
        elif child.tag == f"{W}tbl":
            yield Table(child, document)


def texts(document: Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def all_text(document: Document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


# ---------------------------------------------------------------- structure and styles


def test_parts_are_headings_in_reading_order(participant, resolved_default):
    label = resolved_default.label
    decision = resolved_default.decision_heading()
    expected = [label("summary"), decision, *(label(k) for k in ("lessons", "questions", "sources"))]
    assert texts(participant, "Heading 1") == expected  # the objectives are in the teaching note
    lessons = [lesson.title for lesson in resolved_default.case.lessons]
    assert texts(participant, "Heading 2") == [label("options"), label("constraints"), *lessons]
    assert texts(participant, "Title") == [resolved_default.case.meta.title]


def test_headings_keep_with_the_next_paragraph(participant):
    for name in ("Heading 1", "Heading 2", "Exhibit Title", "List Number"):
        assert participant.styles[name].paragraph_format.keep_with_next, name


def test_every_paragraph_names_one_of_our_styles(participant, instructor):
    ours = {spec.name for spec in STYLES if spec.kind == "paragraph"}
    in_either: set[str] = set()
    for document in (participant, instructor):
        used = {p.style.name for p in document.paragraphs}
        used |= {p.style.name for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs}
        assert used <= ours, used - ours
        for name in ("Title", "Heading 1", "Heading 2", "List Number", "Quote", "Caption"):
            assert name in used
        in_either |= used
    assert "List Bullet" in in_either  # the objectives, in the instructor edition's teaching note


def test_named_table_styles(participant, resolved_default):
    styles = [t.style.name for t in participant.tables]
    assert styles.count("Writing Space") == len(resolved_default.case.lessons) + 1  # and the recommendation
    assert styles.count("Case Table") == 3  # journey, pillars, comparison
    assert styles.count("Figure Grid") == 1


def test_runs_carry_only_inline_styles_and_the_east_asian_font(participant_bytes, resolved_default):
    body = zipfile.ZipFile(io.BytesIO(participant_bytes)).read("word/document.xml")
    from lxml import etree

    allowed = {f"{W}rFonts", f"{W}b", f"{W}i", f"{W}rStyle"}
    runs = etree.fromstring(body).iter(f"{W}r")
    for run in runs:
        properties = run.find(f"{W}rPr")
        assert properties is not None
        assert {child.tag for child in properties} <= allowed
        fonts = properties.find(f"{W}rFonts")
        east_asian = {
            resolved_default.theme.fonts.cjk,
            resolved_default.theme.fonts.cjk_serif,
        }  # Hei, or Song by a serif
        assert set(fonts.attrib) == {f"{W}eastAsia"} and fonts.get(f"{W}eastAsia") in east_asian


def test_styles_take_the_theme_fonts_and_colours(participant, resolved_default):
    theme = resolved_default.theme
    heading = participant.styles["Heading 1"]
    assert heading.font.name == theme.fonts.heading
    assert heading.font.color.rgb == RGBColor.from_string(theme.colours.primary[1:])
    normal = participant.styles["Normal"]
    assert normal.font.name == theme.fonts.body
    assert normal.element.rPr.rFonts.get(f"{W}eastAsia") == theme.fonts.east_asian(theme.fonts.body) == "SimSun"
    assert heading.element.rPr.rFonts.get(f"{W}eastAsia") == theme.fonts.cjk == "Microsoft YaHei"


def test_document_language_is_the_outlines(participant):
    lang = participant.styles.element.find(f"{W}docDefaults").find(f".//{W}lang")
    assert (lang.get(f"{W}val"), lang.get(f"{W}eastAsia")) == ("en", "zh-CN")


def test_page_follows_the_theme(participant):
    section = participant.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


# ---------------------------------------------------------------- header and footer


def test_footer_holds_page_and_numpages_fields(participant, resolved_default):
    footer = participant.sections[0].footer
    xml = footer._element.xml
    codes = [code.text.strip() for code in footer._element.iter(f"{W}instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    assert xml.count('w:fldCharType="begin"') == 2 and xml.count('w:fldCharType="end"') == 2
    texts_in_footer = [p.text for p in footer.paragraphs]
    assert texts_in_footer[-1] == "Page 1 of 1"  # the fields' placeholders between the label's words
    assert resolved_default.case.meta.copyright in texts_in_footer[0]


def test_header_has_the_logo_and_short_title(participant, instructor, resolved_default):
    short = resolved_default.case.meta.short_title
    header = participant.sections[0].header
    assert header.paragraphs[0].text == f"\u2002{short}"
    assert instructor.sections[0].header.paragraphs[0].text == f"\u2002{short}\t\u00a0Instructor only\u00a0"
    (logo,) = header._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    assert logo.get("descr") == resolved_default.case.meta.institution


def test_chinese_labels_place_the_fields_inside_the_sentence(write_variant):
    resolved = load_resolved(write_variant(lambda d: d["meta"].update(language="zh-Hans")))
    footer = reopen(render_bytes(resolved)).sections[0].footer
    assert footer.paragraphs[-1].text == "第 1 页，共 1 页"
    assert "NUMPAGES" in footer._element.xml


# ---------------------------------------------------------------- the parts


def lesson_headings(order: list, resolved: ResolvedCase) -> list[int]:
    """Where each lesson's heading is among the handout's blocks."""
    titles = {lesson.title for lesson in resolved.case.lessons}
    return [
        i for i, b in enumerate(order) if isinstance(b, Paragraph) and b.style.name == "Heading 2" and b.text in titles
    ]


def test_every_lesson_is_followed_by_its_prompt_and_an_empty_writing_space(participant, resolved_default):
    order = list(blocks(participant))
    lessons = lesson_headings(order, resolved_default)
    assert len(lessons) == len(resolved_default.case.lessons)
    for start, lesson in zip(lessons, resolved_default.case.lessons, strict=True):
        at = next(i for i in range(start, len(order)) if isinstance(order[i], Table))
        box, label, prompt = order[at], order[at - 2], order[at - 1]
        assert box.style.name == "Writing Space"
        assert label.text == "What this means for your company" and lesson.reflection.plain in prompt.text
        assert label.paragraph_format.keep_with_next is not False and prompt.style.paragraph_format.keep_with_next
        assert not box.rows[0].cells[0].text  # empty space to write in
        height = box.rows[0]._tr.trPr.find(f"{W}trHeight")
        assert int(height.get(f"{W}val")) >= Pt(72).twips  # room to write in


def test_every_question_has_answer_lines(participant, resolved_default):
    questions = resolved_default.case.questions
    order = [p for p in participant.paragraphs]
    starts = [i for i, p in enumerate(order) if p.style.name == "List Number"]
    assert [order[i].text for i in starts] == [resolved_default.plain(q.question) for q in questions]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(order)
        lines = [p for p in order[start:end] if p.style.name == "Answer Line"]
        assert len(lines) == ANSWER_LINES and all(not p.text for p in lines)


def test_answer_lines_are_ruled(participant):
    borders = participant.styles["Answer Line"].element.pPr.find(f"{W}pBdr")
    assert {child.tag for child in borders} == {f"{W}bottom", f"{W}between"}


def test_participant_edition_has_no_answers_or_teaching_note(participant, resolved_default):
    text = all_text(participant)
    assert "Suggested answers" not in text and "Teaching note" not in text
    for question in resolved_default.case.questions:
        for point in question.answer_points:
            assert resolved_default.plain(point) not in text
    assert not texts(participant, "Instructor Point")
    for objective in resolved_default.case.teaching_note.objectives:
        assert resolved_default.plain(objective) not in text


def test_instructor_edition_has_answers_and_the_teaching_note(instructor, resolved_instructor):
    case = resolved_instructor.case
    points = texts(instructor, "Instructor Point")
    assert points == [resolved_instructor.plain(p) for q in case.questions for p in q.answer_points]
    assert "Teaching note" in texts(instructor, "Heading 1")
    plan = next(t for t in instructor.tables if t.rows[0].cells[0].text == "Segment")
    assert [r.cells[0].text for r in plan.rows[1:-1]] == [s.title for s in case.teaching_note.class_plan]
    assert plan.rows[-1].cells[1].text == str(case.meta.session_minutes)
    checks = next(t for t in instructor.tables if t.rows[0].cells[0].text == "Claim")
    assert len(checks.rows) == len(case.teaching_note.fact_checks) + 1
    assert not texts(instructor, "Answer Line")


def test_exhibits_print_the_shared_labels_and_titles(participant, resolved_default):
    expected = [e.heading for e in resolved_default.exhibits if e.kind != "image"]
    assert texts(participant, "Exhibit Title") == expected
    lines = texts(participant, "Source Line")
    assert lines == [e.source_line for e in resolved_default.exhibits if e.source_line]


def test_journey_table_lists_every_milestone(participant, resolved_default):
    journey = participant.tables[0]
    assert [c.text for c in journey.rows[0].cells] == ["Date", "Milestone", "Detail"]
    expected = []
    for m in resolved_default.case.journey:  # the source after the title, unless the detail cites it
        cited = m.source is None or (m.detail is not None and any(m.source in s.cites for s in m.detail.spans))
        expected.append(m.title if cited else f"{m.title} {resolved_default.cite_label((m.source,))}")
    assert [r.cells[1].text for r in journey.rows[1:]] == expected
    header = journey.rows[0]._tr.trPr
    assert header.find(f"{W}tblHeader") is not None  # repeated on every page
    assert all(r._tr.trPr.find(f"{W}cantSplit") is not None for r in journey.rows)


def test_comparison_table_has_units_as_of_and_values(participant, resolved_default):
    comparison = resolved_default.case.comparison
    table = participant.tables[3]
    header = [c.text for c in table.rows[0].cells]
    assert header == [f"As of {comparison.as_of}", *(e.name for e in comparison.entities)]
    for row, metric in zip(table.rows[1:], comparison.metrics, strict=True):
        assert row.cells[0].text.startswith(metric.label)
        if metric.unit:
            assert f"({metric.unit})" in row.cells[0].text
        for cell, entity in zip(row.cells[1:], comparison.entities, strict=True):
            assert cell.text.startswith(metric.values[entity.id].value)


def test_key_figures_show_every_value(participant, resolved_default):
    grid = next(t for t in participant.tables if t.style.name == "Figure Grid")
    values = [p.text for r in grid.rows for c in r.cells for p in c.paragraphs if p.style.name == "Figure Value"]
    figures = resolved_default.case.spotlight.figures
    assert values == [f"{f.value} {f.unit}" if f.unit else f.value for f in figures]


def test_sources_are_every_endnote_under_its_shared_number(participant, resolved_default):
    """All the edition's sources, as in the other formats: the handout's own citations would leave gaps."""
    references = texts(participant, "Reference")
    numbers = [int(r[1 : r.index("]")]) for r in references]
    assert numbers == list(range(1, len(resolved_default.endnotes) + 1))
    by_number = dict(resolved_default.numbered_endnotes())
    for number, text in zip(numbers, references, strict=True):
        source = by_number[number]
        assert text == f"[{number}]\t" + resolved_default.source_reference(source) + (
            f" (accessed {source.accessed.isoformat()})" if source.accessed else ""
        )
    cited_in_text = {int(n) for n in _markers(all_text(participant))}
    assert cited_in_text <= set(numbers)  # every [n] a reader meets is in the list


def _markers(text: str) -> list[str]:
    import re

    return [n for group in re.findall(r"\[(\d+(?:, \d+)*)\]", text) for n in group.split(", ")]


def test_sources_run_in_two_columns_on_the_same_page(participant):
    sections = participant.sections
    columns = [int(s._sectPr.find(f"{W}cols").get(f"{W}num", "1")) for s in sections]
    assert columns == [1, 2, 1]
    assert [s.start_type for s in sections[1:]] == [WD_SECTION.CONTINUOUS] * 2
    last_paragraph = participant.paragraphs[-1]
    assert last_paragraph.style.name == "Reference" and last_paragraph._p.pPr.find(f"{W}sectPr") is not None


def test_source_urls_are_hyperlink_relationships(participant, resolved_default):
    numbers = {int(r[1 : r.index("]")]) for r in texts(participant, "Reference")}
    urls = {s.url for s in resolved_default.endnotes if s.url and resolved_default.citation_numbers[s.id] in numbers}
    targets = {rel.target_ref for rel in participant.part.rels.values() if rel.is_external}
    assert urls and urls <= targets
    links = participant.element.body.findall(f".//{W}hyperlink")
    assert len(links) >= len(urls)
    styles = [style.get(f"{W}val") for link in links for style in link.iter(f"{W}rStyle")]
    assert styles and set(styles) == {"Hyperlink"}


def test_core_properties_come_from_the_outline(participant, resolved_default):
    meta = resolved_default.case.meta
    props = participant.core_properties
    assert props.title == meta.title
    assert props.author == "; ".join(meta.authors)
    assert props.keywords == ", ".join(meta.keywords)
    assert props.language == meta.language
    assert props.subject == meta.subtitle
    assert props.created == props.modified == resolved_default.timestamp
    assert props.last_modified_by == "casestudy"


def test_the_same_outline_gives_the_same_xml(resolved_default, participant_bytes):
    again = render_bytes(resolved_default)
    first, second = zipfile.ZipFile(io.BytesIO(participant_bytes)), zipfile.ZipFile(io.BytesIO(again))
    assert first.namelist() == second.namelist()
    for name in first.namelist():
        assert first.read(name) == second.read(name), name


def test_picture_exhibit_has_its_number_and_alt_text(write_variant, tmp_path):
    from PIL import Image

    Image.new("RGB", (300, 900), "navy").save(tmp_path / "tall.png")  # portrait: fitted by height
    picture = {"id": "plant", "path": "tall.png", "caption": "The plant", "alt": "A factory hall", "credit": "Photo"}
    resolved = load_resolved(write_variant(lambda d: d.update(images=[picture])))
    document = reopen(render_bytes(resolved))
    exhibit = resolved.exhibit("plant")
    assert f"{exhibit.label}: The plant" in texts(document, "Exhibit Title")
    (shape,) = document.inline_shapes
    assert shape._inline.docPr.get("descr") == "A factory hall"
    assert shape.height <= document.sections[0].page_height * 0.4 + 1
    assert shape.width * 3 == pytest.approx(shape.height, rel=0.01)


# ---------------------------------------------------------------- personalised handouts


def test_personalised_handout_names_the_participant(resolved_default):
    document = reopen(render_bytes(resolved_default, participant=Participant("雷军", "EMBA 2026")))
    header = document.sections[0].header.paragraphs[0].text
    assert header.endswith("\t雷军 · Cohort EMBA 2026")
    assert "Participant: 雷军 · Cohort EMBA 2026" in texts(document, "Case Meta")


NAMES = [
    Participant("Ana Ruiz", "EMBA 2026"),
    Participant('O\'Brien & <Sons> "Ltd"', "R&D <b>"),  # escaped in XML as a full render escapes it
    Participant("雷军", "第一期"),  # Chinese: runs of their own script, the East Asian font
    Participant("Zoë Ødegård 12", None),  # digits held to what follows, no cohort
    Participant("<?casestudy-field 0?> ]]> &amp; {name}", "<w:t>"),  # the template's own mark as text
    Participant("Alexandra Montgomery-Featherstonehaugh " * 3 + "\u2003", "x" * 60),
]


def full_render(resolved: ResolvedCase, options: RenderOptions) -> bytes:
    """The package a full render writes, stamped as the build stamps it."""
    stamped = io.BytesIO()
    normalise_zip(io.BytesIO(render_bytes(resolved, **vars(options))), stamped, resolved.timestamp)
    return stamped.getvalue()


def filled_in(resolved: ResolvedCase, options: RenderOptions) -> bytes:
    out = io.BytesIO()
    personalise(resolved, out, options)
    return out.getvalue()


@pytest.mark.parametrize("edition", ["participant", "instructor"])
@pytest.mark.parametrize("who", NAMES, ids=["plain", "escaped", "chinese", "digits", "mark-like", "long"])
def test_a_copy_filled_in_is_the_handout_a_full_render_writes(who, edition, resolved_default, resolved_instructor):
    resolved = resolved_instructor if edition == "instructor" else resolved_default
    options = RenderOptions(edition, participant=who)
    copy = filled_in(resolved, options)
    assert copy == full_render(resolved, options)
    header = reopen(copy).sections[0].header.paragraphs[0].text
    assert who.name in header
    assert b"<?casestudy-field" not in zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml")  # as text: &lt;?


def test_copies_from_one_template_hold_only_their_own_participant(resolved_default):
    """The template is filled again and again in one process: nothing of one copy stays in the next."""
    for who in (NAMES[0], NAMES[2], NAMES[0]):
        copy = filled_in(resolved_default, RenderOptions(participant=who))
        assert copy == full_render(resolved_default, RenderOptions(participant=who))
        others = {p.name for p in NAMES} - {who.name}
        text = all_text(reopen(copy)) + reopen(copy).sections[0].header.paragraphs[0].text
        assert who.name in text and not any(name in text for name in others)


def test_a_copy_on_a_company_template_is_the_handout_a_full_render_writes(resolved_default, template):
    for who in NAMES[1:3]:
        options = RenderOptions(template=read(template), participant=who)
        assert filled_in(resolved_default, options) == full_render(resolved_default, options)


def test_a_package_with_parts_replaced_is_the_zip_zipfile_writes(resolved_default):
    stamped = full_render(resolved_default, RenderOptions())
    with zipfile.ZipFile(io.BytesIO(stamped)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"Xiaomi", "小米 & <b>".encode() * 3)
    parts["docProps/core.xml"] += b" "
    rewritten, expected = io.BytesIO(), io.BytesIO()
    with zipfile.ZipFile(rewritten, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    normalise_zip(io.BytesIO(rewritten.getvalue()), expected, resolved_default.timestamp)
    changed = {name: parts[name] for name in ("word/document.xml", "docProps/core.xml")}
    assert Package(stamped).with_parts(changed) == expected.getvalue()
    assert Package(stamped).with_parts({}) == stamped


def test_a_stress_outline_copy_is_the_handout_a_full_render_writes(stress_instructor):
    options = RenderOptions("instructor", participant=NAMES[1])
    assert filled_in(stress_instructor, options) == full_render(stress_instructor, options)


# ---------------------------------------------------------------- templates


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A company template: Letter landscape, a green monospaced Heading 1, a header line, no Quote style."""
    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.name = "DejaVu Sans Mono"
    heading.font.color.rgb = RGBColor(0x00, 0xAA, 0x55)
    section = document.sections[0]
    section.page_width, section.page_height = docx.shared.Inches(11), docx.shared.Inches(8.5)
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = "ACME Corporation"
    document.add_paragraph("Template body text that must not survive.")
    quote = document.styles["Quote"].element
    quote.getparent().remove(quote)
    path = tmp_path_factory.mktemp("template") / "acme.docx"
    document.save(path)
    return path


@pytest.fixture(scope="module")
def from_template(resolved_default, template) -> Document:
    return reopen(render_bytes(resolved_default, template=read(template)))


def test_template_styles_are_kept(from_template):
    heading = from_template.styles["Heading 1"]
    assert heading.font.name == "DejaVu Sans Mono"
    assert heading.font.color.rgb == RGBColor(0x00, 0xAA, 0x55)
    assert texts(from_template, "Heading 1")[0] == "Summary"


def test_template_page_setup_and_header_design_are_kept(from_template, resolved_default):
    section = from_template.sections[-1]
    assert (section.page_width, section.page_height) == (docx.shared.Inches(11), docx.shared.Inches(8.5))
    header = [p.text for p in from_template.sections[0].header.paragraphs]
    assert header == ["ACME Corporation", resolved_default.case.meta.short_title]  # and not our logo
    assert "<w:drawing" not in from_template.sections[0].header._element.xml
    assert "Template body text" not in all_text(from_template)


def test_template_missing_a_style_gets_ours_with_a_warning(resolved_default, template, caplog):
    with caplog.at_level(logging.WARNING, logger="casestudy.renderers.docx.styles"):
        document = reopen(render_bytes(resolved_default, template=read(template)))
    assert any("'Quote'" in r.getMessage() for r in caplog.records)
    assert texts(document, "Quote") and "Writing Space" in [s.name for s in document.styles]


def test_a_damaged_template_is_a_usage_error(resolved_default, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(UsageError, match="not a Word document"):
        render_bytes(resolved_default, template=read(broken))


# ---------------------------------------------------------------- odd text


@pytest.fixture(scope="module")
def stressed(stress_instructor) -> tuple[ResolvedCase, Document]:
    return stress_instructor, reopen(render_bytes(stress_instructor, edition="instructor"))


def test_stress_outline_text_is_literal(stressed):
    resolved, document = stressed
    text = all_text(document)
    assert MARKUP_TEXT in text and LONG_WORD in text
    assert len(texts(document, "Heading 2")) >= 12
    assert len(document.tables[0].rows) == 61  # 60 milestones and the header


def test_stress_tables_have_fixed_widths(stressed):
    _, document = stressed
    for table in document.tables:
        layout = table._tbl.tblPr.find(f"{W}tblLayout")
        assert layout is not None and layout.get(f"{W}type") == "fixed"


def test_characters_xml_cannot_hold_are_dropped():
    assert clean("a\x00b\x0bc\ud800d\tline\nbreak") == "abcd line break"
    assert clean("USD\u00a010") == "USD\u00a010"  # a no-break space stays


# ---------------------------------------------------------------- a real reader


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_handout(tmp_path, participant_bytes):
    pypdf = pytest.importorskip("pypdf")
    source = tmp_path / "handout.docx"
    source.write_bytes(participant_bytes)
    pages = pypdf.PdfReader(libreoffice_pdf(source)).pages
    assert 2 <= len(pages) <= 7  # the default case: 10 questions with ruled lines, 5 writing spaces, 45 sources
    text = pages[0].extract_text()
    assert "Lei Jun and Xiaomi" in text and "Page 1 of" in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_a_filled_in_copy(tmp_path, resolved_default):
    pypdf = pytest.importorskip("pypdf")
    source = tmp_path / "copy.docx"
    source.write_bytes(filled_in(resolved_default, RenderOptions(participant=NAMES[1])))
    text = pypdf.PdfReader(libreoffice_pdf(source)).pages[0].extract_text()
    assert 'O\'Brien & <Sons> "Ltd"' in text and "Lei Jun and Xiaomi" in text


def effective_size(run, paragraph) -> float:
    """A run's size in points: its own, its character style's, else its paragraph style's (through the bases)."""
    if run.font.size:
        return run.font.size.pt
    styles = [run.style] if run.style is not None and run.style.type == 2 else []  # 2: a character style
    style = paragraph.style
    while style is not None:
        styles.append(style)
        style = style.base_style
    return next(s.font.size.pt for s in styles if s is not None and s.font.size)


def test_table_text_is_nine_points_or_more(participant, instructor):
    for document in (participant, instructor):
        for table in document.tables:
            cells = [cell for row in table.rows for cell in row.cells]
            runs = [(run, p) for cell in cells for p in cell.paragraphs for run in p.runs if run.text.strip()]
            small = {(run.text, effective_size(run, p)) for run, p in runs if effective_size(run, p) < 9}
            assert not small, sorted(small)[:5]


def test_a_word_too_long_for_its_column_gets_soft_hyphens(stressed):
    _, document = stressed
    pillars = next(t for t in document.tables if t.rows[0].cells[0].text == "Pillar")
    title = pillars.rows[1].cells[0].text
    assert "\u00ad" in title and title.replace("\u00ad", "").startswith("Pillar 0 Supercalifragilistic")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_every_page_of_the_instructor_handout_is_marked(tmp_path, resolved_instructor):
    pypdf = pytest.importorskip("pypdf")
    source = tmp_path / "instructor.docx"
    source.write_bytes(render_bytes(resolved_instructor, edition="instructor"))
    pages = pypdf.PdfReader(libreoffice_pdf(source)).pages
    mark = resolved_instructor.label("instructor_only").upper()
    assert len(pages) > 3 and all(mark in page.extract_text() for page in pages)

"""The shipped Chinese example: it validates and builds in every format and edition, in Chinese, set as Chinese.

Set as Chinese (issue 15): no line starts with closing punctuation or ends with an opening
bracket, in the PDF (pdftotext), the deck (its fitted lines) and the handout (as LibreOffice
lays it out); no number is broken or parted from its unit; no ASCII ": " or " (" after a
Chinese character in any document; the timeline legend is Chinese; bold Chinese is bold, and
Chinese is never italic.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest
import yaml
from pptx import Presentation

from casestudy.build import build, output_path
from casestudy.linebreak import NO_LINE_END, NO_LINE_START
from casestudy.loader import load_outline
from casestudy.scripts import is_cjk
from tests.conftest import libreoffice_pdf
from tests.deck_fit import fitted_lines

REPO = Path(__file__).resolve().parents[1]
CHINESE = REPO / "outlines" / "examples" / "lei-jun-xiaomi.zh-Hans.yaml"
FORMATS = ("pdf", "pptx", "docx")
EVERY_FORMAT = (*FORMATS, "markdown")
EDITIONS = ("participant", "instructor")

# Words every document prints (title, protagonist, a section heading or a question), and words
# only the instructor's documents print (a suggested answer: on the page, or in the deck's notes).
EVERYWHERE = ("雷军与小米", "雷军", "小米")
IN_CASE = {"pdf": "押注电动汽车", "pptx": "押注电动汽车", "docx": "小米的智能手机商业模式为什么能成功"}
INSTRUCTOR_ONLY = "可退的定金不等于销售"  # a suggested answer


def visible_text(fmt: str, data: bytes) -> str:
    """A document's text (the deck's with its speaker notes), all whitespace removed: Chinese wraps anywhere."""
    if fmt == "pdf":
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    elif fmt == "pptx":
        deck = Presentation(io.BytesIO(data))
        shapes = [sh for s in deck.slides for sh in s.shapes]
        frames = [sh.text_frame for sh in shapes if sh.has_text_frame]
        cells = [c.text_frame for sh in shapes if sh.has_table for r in sh.table.rows for c in r.cells]
        notes = [s.notes_slide.notes_text_frame for s in deck.slides if s.has_notes_slide]
        text = " ".join(p.text for f in frames + cells + notes for p in f.paragraphs)
    else:
        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        text = " ".join([p.text for p in document.paragraphs] + cells)
    return re.sub(r"\s+", "", text)


def test_chinese_example_validates_as_chinese():
    case = load_outline(CHINESE).case
    assert case.meta.language == "zh-Hans"
    assert case.meta.title.startswith("雷军与小米")
    assert "extends" not in yaml.safe_load(CHINESE.read_text(encoding="utf-8"))  # standalone, not an overlay


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zh")
    report = build([CHINESE], out, list(EVERY_FORMAT), list(EDITIONS))
    assert report.exit_code == 0, [f.message for f in report.failed]
    return out


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_chinese_example_builds_in_chinese(built, fmt, edition):
    path = output_path(built, CHINESE.stem, fmt, edition, None)
    text = visible_text(fmt, path.read_bytes())
    for words in (*EVERYWHERE, IN_CASE[fmt]):
        assert words in text, f"{words!r} missing from {path.name}"
    assert (INSTRUCTOR_ONLY in text) == (edition == "instructor"), path.name


# ---------------------------------------------------------------- set as Chinese

ASCII_JOINER = re.compile(r"([\u3000-\u9fff\uff00-\uffef])(: | \()")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def document_text(fmt: str, path: Path) -> str:
    """What a reader reads in a document, line breaks kept: the PDF's and handout's lines, the deck's
    paragraphs (slides, tables and notes), the Markdown source."""
    if fmt == "pdf":
        return pdftotext(path)
    if fmt == "pptx":
        deck = Presentation(str(path))
        shapes = [sh for s in deck.slides for sh in s.shapes]
        frames = [sh.text_frame for sh in shapes if sh.has_text_frame]
        frames += [c.text_frame for sh in shapes if sh.has_table for r in sh.table.rows for c in r.cells]
        frames += [s.notes_slide.notes_text_frame for s in deck.slides if s.has_notes_slide]
        return "\n".join(p.text for f in frames for p in f.paragraphs)
    if fmt == "docx":
        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        parts += [p.text for s in document.sections for p in (*s.header.paragraphs, *s.footer.paragraphs)]
        return "\n".join(parts)
    return path.read_text(encoding="utf-8")


def pdftotext(path: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], check=True, capture_output=True, text=True).stdout


def text_blocks(path: Path) -> list[list[str]]:
    """A PDF's lines by the block pdftotext finds them in (a paragraph, a table cell, a label), in reading order."""
    page = pdftotext(path, "-bbox-layout")
    blocks = re.findall(r"<block[^>]*>(.*?)</block>", page, re.S)
    lines = (re.findall(r"<line[^>]*>(.*?)</line>", block, re.S) for block in blocks)
    return [[" ".join(re.findall(r"<word[^>]*>(.*?)</word>", line)) for line in block] for block in lines]


def rule_breaks(lines: list[str], numbers: bool = True) -> list[str]:
    """Where a line starts with closing punctuation or ends with an opening bracket, and (`numbers`) where a
    number is cut from the rest of itself or from its unit (the line's end and the next one's start, "|").

    `numbers` only for lines of one paragraph (of one block, as pdftotext finds them): a figure's
    value and its unit, or a table's rows, follow each other on lines of their own.
    """
    found = []
    lines = [line.strip() for line in lines if line.strip()]
    for line, following in zip(lines, [*lines[1:], ""][: len(lines)], strict=True):
        starts, ends = line[0], line[-1]
        if starts in NO_LINE_START or ends in NO_LINE_END:
            found.append(line)
        unit = following[:1].isdigit() or is_cjk(following[:1]) and following[0] not in NO_LINE_END  # not a bracket
        if numbers and following and ends.isdigit() and unit:
            found.append(f"{line[-12:]}|{following[:12]}")
    return found


@pytest.fixture(scope="module")
def handout_lines(built, tmp_path_factory) -> dict[str, list[list[str]]]:
    """The handouts' lines as LibreOffice lays them out (pdftotext of its PDF), by block and edition."""
    out = {}
    for edition in EDITIONS:
        copy = tmp_path_factory.mktemp(f"handout-{edition}") / "handout.docx"
        shutil.copy(output_path(built, CHINESE.stem, "docx", edition, None), copy)
        out[edition] = text_blocks(libreoffice_pdf(copy))
    return out


@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_lines_break_by_the_rules(built, edition):
    blocks = text_blocks(output_path(built, CHINESE.stem, "pdf", edition, None))
    assert [found for lines in blocks for found in rule_breaks(lines)] == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_decks_fitted_lines_break_by_the_rules(built, edition):
    paragraphs = fitted_lines(str(output_path(built, CHINESE.stem, "pptx", edition, None)))
    assert [found for lines in paragraphs for found in rule_breaks(lines)] == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_handouts_lines_break_by_the_rules(handout_lines, edition):
    assert [found for lines in handout_lines[edition] for found in rule_breaks(lines)] == []


def test_every_number_of_the_outline_is_printed_whole_in_the_case(built):
    """The instructor's case prints the whole outline: each of its numbers is on one line, in one piece."""
    text = pdftotext(output_path(built, CHINESE.stem, "pdf", "instructor", None))
    outline = " ".join(case_text(yaml.safe_load(CHINESE.read_text(encoding="utf-8"))))
    outline = re.sub(r"\[@[^]]*\]|https?://\S+", "", outline)
    numbers = {n for n in NUMBER.findall(outline) if len(n) >= 4}
    missing = sorted(n for n in numbers if n not in text)
    assert len(numbers) > 20 and missing == []


def case_text(value: object, key: str = "") -> list[str]:
    """The outline's strings the case study prints: not its slide text, ids, sources' data or dates."""
    if key.endswith("slide") or key in ("id", "sources", "date", "set_in", "founded", "born", "labels", "theme"):
        return []
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in case_text(v, k)]
    if isinstance(value, list):
        return [t for v in value for t in case_text(v, key)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", EVERY_FORMAT)
def test_no_ascii_colon_or_parenthesis_after_chinese(built, fmt, edition):
    text = document_text(fmt, output_path(built, CHINESE.stem, fmt, edition, None))
    assert [text[m.start() - 8 : m.end() + 8] for m in ASCII_JOINER.finditer(text)] == []


@pytest.mark.parametrize("fmt", ("pdf", "pptx"))
def test_the_timeline_legend_is_chinese(built, fmt):
    text = document_text(fmt, output_path(built, CHINESE.stem, fmt, "participant", None))
    assert all(name in text for name in ("职业", "公司", "产品", "市场"))
    assert not re.search(r"\b(Career|Company|Product|Market)\b", re.sub(r"https?://\S+", "", text))


def test_bold_chinese_in_the_pdf_is_set_in_a_bold_face(built):
    reader = pypdf.PdfReader(output_path(built, CHINESE.stem, "pdf", "instructor", None))
    names = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert any("CJK" in name and "Bold" in name for name in names), names


@pytest.mark.parametrize("fmt", ("pptx", "docx"))
def test_office_files_name_office_fonts_with_bold_and_never_italic_chinese(built, fmt):
    """Microsoft YaHei (and SimSun beside a serif) as the East Asian font, Chinese runs bold where marked
    (Office embolds a face without a bold one itself) and never italic."""
    path = output_path(built, CHINESE.stem, fmt, "participant", None)
    xml = "".join(
        part.blob.decode("utf-8")
        for part in (Presentation(str(path)) if fmt == "pptx" else docx.Document(str(path))).part.package.iter_parts()
        if part.partname.endswith(".xml")
    )
    assert "WenQuanYi" not in xml and "Microsoft YaHei" in xml
    runs = chinese_runs(fmt, path)
    assert any(bold for _, bold, _ in runs)
    assert [text for text, _, italic in runs if italic] == []


def chinese_runs(fmt: str, path: Path) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of every run holding a Chinese character, bold and italic as set on the run."""
    if fmt == "pptx":
        deck = Presentation(str(path))
        frames = [sh.text_frame for s in deck.slides for sh in s.shapes if sh.has_text_frame]
        runs = [(r.text, r.font.bold, r.font.italic) for f in frames for p in f.paragraphs for r in p.runs]
    else:
        document = docx.Document(str(path))
        paragraphs = [
            *document.paragraphs,
            *(p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs),
        ]
        runs = [(r.text, *_docx_weight(r, p)) for p in paragraphs for r in p.runs]
    return [(text, bool(bold), bool(italic)) for text, bold, italic in runs if any(map(is_cjk, text))]


def _docx_weight(run, paragraph) -> tuple[bool, bool]:
    """A Word run's bold and italic: its own, else its character style's, else its paragraph style's."""
    found = []
    for attribute in ("bold", "italic"):
        values = [getattr(run, attribute), getattr(run.style.font, attribute), getattr(paragraph.style.font, attribute)]
        found.append(next((v for v in values if v is not None), False))
    return found[0], found[1]

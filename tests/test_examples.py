"""The shipped Chinese example: it validates and builds in every format and edition, in Chinese."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pypdf
import pytest
import yaml
from pptx import Presentation

from casestudy.build import build, output_path
from casestudy.loader import load_outline

REPO = Path(__file__).resolve().parents[1]
CHINESE = REPO / "outlines" / "examples" / "lei-jun-xiaomi.zh-Hans.yaml"
FORMATS = ("pdf", "pptx", "docx")
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
    report = build([CHINESE], out, list(FORMATS), list(EDITIONS))
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

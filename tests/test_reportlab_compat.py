"""The reportlab workarounds: applied by render only, once, refused on an untested reportlab, each still needed."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
import reportlab
from reportlab.lib.fonts import tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import paragraph as rl_paragraph
from samples import LONG_WORD

from casestudy.fonts import find_font
from casestudy.renderers.pdf import _reportlab_compat as compat
from casestudy.renderers.pdf.fonts import MISSING_FONT, REPLACEMENT, load_fonts

UNTOUCHED = """
from reportlab.pdfbase import ttfonts
from reportlab.platypus import paragraph
originals = (paragraph._SHYWord.shyphenate, ttfonts.makeToUnicodeCMap)
import casestudy.renderers.pdf
assert (paragraph._SHYWord.shyphenate, ttfonts.makeToUnicodeCMap) == originals, "patched at import"
casestudy.renderers.pdf._reportlab_compat.apply()
assert paragraph._SHYWord.shyphenate is not originals[0] and ttfonts.makeToUnicodeCMap is not originals[1]
"""


def test_importing_the_pdf_writer_leaves_reportlab_untouched_until_it_renders():
    done = subprocess.run([sys.executable, "-c", UNTOUCHED], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_applying_twice_changes_nothing_more():
    compat.apply()
    patched = (rl_paragraph._SHYWord.shyphenate, ttfonts.makeToUnicodeCMap)
    originals = dict(compat._originals)
    compat.apply()
    assert (rl_paragraph._SHYWord.shyphenate, ttfonts.makeToUnicodeCMap) == patched
    assert compat._originals == originals and originals["shyphenate"] is not patched[0]


def test_an_untested_reportlab_is_refused_with_the_range_to_install(monkeypatch):
    monkeypatch.setattr(reportlab, "Version", "6.0.0")
    with pytest.raises(
        compat.ReportlabMismatch, match=r"reportlab 6\.0\.0 is installed; .* needs reportlab>=4\.4,<5\.2"
    ):
        compat.apply()


def test_a_missing_private_name_is_named(monkeypatch):
    monkeypatch.delattr(rl_paragraph, "_splitFragWord")
    with pytest.raises(compat.ReportlabMismatch, match=r"paragraph\._splitFragWord \(soft hyphens\)"):
        compat.check()


# ---------------------------------------------------------------- one regression test per workaround


def widest_line(paragraph: Paragraph, width: float) -> float:
    paragraph.wrap(width, 10_000)
    return max(line.maxWidth - line.extraSpace for line in paragraph.blPara.lines)  # negative space: overflow


@pytest.mark.parametrize("patched", [False, True], ids=["reportlab-alone", "with-workaround"])
def test_a_long_word_after_a_soft_hyphen_is_cut_to_the_line(patched, monkeypatch):
    """With markup in the paragraph, reportlab alone lets the word after a soft hyphen run out of the frame."""
    compat.apply()
    if not patched:
        monkeypatch.setattr(rl_paragraph._SHYWord, "shyphenate", compat._originals["shyphenate"])
    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12, splitLongWords=1)
    paragraph = Paragraph(f"<b>Bold</b> Soft\u00adhyphen{LONG_WORD}", style)
    fits = widest_line(paragraph, 200) <= 200 + 1e-6
    assert fits == patched


def test_characters_above_the_bmp_copy_out_as_utf16_pairs():
    """reportlab writes U+1F697 as <1F697> in the ToUnicode map, which viewers reject."""
    compat.apply()
    assert "<1F697>" in compat._originals["makeToUnicodeCMap"]("F", [0x41, 0x1F697])
    cmap = ttfonts.makeToUnicodeCMap("F", [0x41, 0x1F697])
    assert "<D83DDE97>" in cmap and "<1F697>" not in cmap


class Mark(Flowable):
    """A zero-size flowable that notes the page it is drawn on."""

    def __init__(self, pages: list[int]) -> None:
        super().__init__()
        self.pages = pages

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages.append(self.canv.getPageNumber())


@pytest.mark.parametrize("room, same_page", [(120, True), (30, False)], ids=["start-fits", "start-does-not-fit"])
def test_a_heading_stays_with_the_start_of_a_long_paragraph(room, same_page):
    """KeepTogether would move heading and paragraph to the next page whenever the whole does not fit."""
    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12)
    doc = SimpleDocTemplate(io.BytesIO(), leftMargin=50, rightMargin=50, topMargin=50, bottomMargin=50)
    pages: list[int] = []
    heading = [Mark(pages), Paragraph("<b>A heading</b>", style)]
    body = Paragraph("word " * 2000, style)
    doc.build([Spacer(1, doc.height - room), compat.KeepWithStart([*heading, body])])
    assert pages == [1 if same_page else 2]


def test_a_character_no_font_has_is_drawn_with_the_replacement_glyph():
    compat.apply()
    fonts = load_fonts("Arial", "Times New Roman", "WenQuanYi Zen Hei")
    assert fonts.family_for(0x1F9FF, fonts.body) == MISSING_FONT  # registered on first need, the character mapped
    face = pdfmetrics.getFont(MISSING_FONT).face
    assert face.charToGlyph[0x1F9FF] == face.charToGlyph[REPLACEMENT]
    assert face.charWidths[0x1F9FF] == face.charWidths[REPLACEMENT]


def test_a_postponed_flowable_is_retried_as_a_fresh_copy():
    """An exhibit set at the top of the next page takes room first: the flowable reportlab moved there gets a try."""
    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12)
    moved = Paragraph("moved on", style)
    moved._postponed = 1  # what reportlab's handle_flowable leaves on it
    fresh = compat.retried(moved)
    assert fresh is not moved and not hasattr(fresh, "_postponed") and moved._postponed == 1
    assert compat.retried(fresh) is fresh


CHINESE = "小米将全年交付目标上调至 350,000 辆，并配售股份募资约 55 亿美元。数日后，一辆开启辅助驾驶的 SU7 发生事故。"


def chinese_lines(text: str, width: float, **style: object) -> list[str]:
    fonts = load_fonts("Arial", "Times New Roman", "WenQuanYi Zen Hei")
    family = fonts.fallbacks[-1].family
    paragraph = Paragraph(
        f'<font face="{family}">{text}</font>', ParagraphStyle("zh", fontName=family, wordWrap="CJK", **style)
    )
    paragraph.wrap(width, 10_000)
    lines = paragraph.blPara.lines  # reportlab alone sets a one-font paragraph as (space, [text]) pairs
    return ["".join(w.text for w in line.words) if hasattr(line, "words") else "".join(line[1]) for line in lines]


@pytest.mark.parametrize("patched", [False, True], ids=["reportlab-alone", "with-workaround"])
def test_chinese_lines_break_by_the_rules(patched, monkeypatch):
    """reportlab alone starts lines with "，" and parts numbers; the workaround breaks as casestudy.linebreak says."""
    compat.apply()
    if not patched:
        monkeypatch.setattr(rl_paragraph.Paragraph, "breakLinesCJK", compat._originals["breakLinesCJK"])
    broken = []
    for width in range(60, 200, 3):
        lines = chinese_lines(CHINESE, width, fontSize=10)
        pairs = zip(lines, lines[1:], strict=False)
        broken += [f"{a}|{b}" for a, b in pairs if b[:1] in "，。" or a[-1:].isdigit() and b[:1] in "0123456789辆亿"]
    assert bool(broken) != patched, broken


def test_a_font_without_a_bold_face_is_drawn_as_synthetic_bold():
    compat.apply()
    fonts = load_fonts("Arial", "Times New Roman", "WenQuanYi Zen Hei")
    family = fonts.fallbacks[-1].family
    out = io.BytesIO()
    style = ParagraphStyle("zh", fontName=family, wordWrap="CJK")
    SimpleDocTemplate(out, pageCompression=0).build([Paragraph("<b>粗体</b>常规", style)])
    stream = out.getvalue().decode("latin-1")
    assert stream.count(" 2 Tr ") == 1 and " 0 Tr " in stream  # the bold run only, and back to fill


def test_a_fallback_font_inside_bold_is_bold():
    """reportlab takes a `<font face>`'s weight from the face's name: Chinese inside `<b>` came out regular."""
    compat.apply()
    fonts = load_fonts("Arial", "Times New Roman", "WenQuanYi Zen Hei")
    family = fonts.fallbacks[-1].family
    paragraph = Paragraph(f'<b>Bold <font face="{family}">粗体</font></b>', ParagraphStyle("p", fontName=fonts.body))
    assert [frag.fontName for frag in paragraph.frags] == [tt2ps(fonts.body, 1, 0), tt2ps(family, 1, 0)]
    assert tt2ps(family, 1, 0) != family


def test_a_face_is_read_on_first_use_and_its_family_keeps_its_bold():
    """registerFont maps a font to itself in every weight: registered late, a regular face lost its bold."""
    regular, bold = (find_font("DejaVu Sans", bold=b) for b in (False, True))
    assert regular is not None and bold is not None
    read: list[str] = []

    def face(name: str, path: str) -> None:
        compat.register_on_first_use(name, lambda: read.append(name) or ttfonts.TTFont(name, path))

    face("Test-Regular", str(regular.path))
    face("Test-Bold", str(bold.path))
    face("Test-Italic", str(regular.path))
    compat.register_family("Test-Regular", "Test-Regular", "Test-Bold", "Test-Italic", "Test-Bold")
    paragraph = Paragraph("plain <b>bold</b>", ParagraphStyle("p", fontName="Test-Regular"))
    assert read == []  # markup needs only names
    paragraph.wrap(400, 100)
    assert sorted(read) == ["Test-Bold", "Test-Regular"]  # measured: read; the italic never was
    assert tt2ps("Test-Regular", 1, 0) == "Test-Bold"
    assert "Test-Italic" not in pdfmetrics.getRegisteredFontNames()

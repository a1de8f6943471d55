"""The PDF case study: what a reader sees (words, links, bookmarks, fonts, marking) and robustness."""

from __future__ import annotations

import copy
import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
import yaml
from conftest import LONG_WORD, MARKUP_TEXT, stress
from hostile.contract import document_text, missing_text
from PIL import Image
from reportlab.pdfbase.ttfonts import TTFont

from casestudy import cli, linebreak
from casestudy.build import load_resolved
from casestudy.fonts import find_cjk_font
from casestudy.inline import Span
from casestudy.model import InlineText
from casestudy.options import RenderOptions
from casestudy.renderers.pdf import _reportlab_compat as compat
from casestudy.renderers.pdf import drawing, render, truetype
from casestudy.renderers.pdf import fonts as pdf_fonts
from casestudy.renderers.pdf.blocks import Context
from casestudy.renderers.pdf.fonts import CID_FONT
from casestudy.renderers.pdf.styles import MARGIN, PAGE_SIZES, make_styles
from casestudy.renderers.pdf.text import Markup
from casestudy.resolve import ResolvedCase

needs = {
    tool: pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} (poppler/qpdf) is not installed")
    for tool in ("qpdf", "pdftotext")
}


def fonts_of(reader: pypdf.PdfReader) -> dict[str, bool]:
    """Every font the pages use, by base name (subset prefix dropped), and whether its file is embedded.

    Read from the PDF's own font dictionaries: poppler's `pdffonts` lists a non-embedded CID
    font only when its `poppler-data` extras are installed.
    """
    found: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            files = ("/FontFile", "/FontFile2", "/FontFile3")
            embedded = descriptor is not None and any(f in descriptor.get_object() for f in files)
            found[str(font["/BaseFont"]).lstrip("/").split("+")[-1]] = embedded
    return found


class Built:
    """A rendered PDF: its bytes, page count, pypdf reader and whitespace-normalised text per page."""

    def __init__(self, resolved: ResolvedCase, edition: str, folder: Path) -> None:
        buffer = io.BytesIO()
        self.pages = render(resolved, buffer, RenderOptions(edition=edition))  # type: ignore[arg-type]
        self.data = buffer.getvalue()
        self.path = folder / f"{edition}.pdf"
        self.path.write_bytes(self.data)
        self.reader = pypdf.PdfReader(io.BytesIO(self.data))
        self.page_text = [squash(page.extract_text()) for page in self.reader.pages]
        self.text = " ".join(self.page_text)
        # table cells are hyphenated: the text as written, without the hyphens their line ends add
        self.unhyphenated = squash(re.sub(r"-\n", "", "\n".join(page.extract_text() for page in self.reader.pages)))


def squash(text: str) -> str:
    """Whitespace collapsed, and none after a hyphen (lines may break after "in-" in "in-house")."""
    return re.sub(r"\s+", " ", re.sub(r"-\s+", "-", text)).strip()


def lesson_in_case(data: dict, changes: dict) -> None:
    """Change the first lesson and print the lessons in the participant case (a briefing)."""
    data["lessons"][0].update(changes)
    data["meta"]["lessons_in_case"] = True


def build(resolved: ResolvedCase, edition: str, tmp_path_factory) -> Built:
    return Built(resolved, edition, tmp_path_factory.mktemp(edition))


@pytest.fixture(scope="module")
def participant(resolved_default, tmp_path_factory) -> Built:
    return build(resolved_default, "participant", tmp_path_factory)


@pytest.fixture(scope="module")
def instructor(resolved_instructor, tmp_path_factory) -> Built:
    return build(resolved_instructor, "instructor", tmp_path_factory)


@pytest.fixture(scope="module")
def stressed(tmp_path_factory, default_data) -> tuple[ResolvedCase, Built]:
    """The stress outline (400-character word, 60 milestones, 12 lessons, markup-like text), instructor edition."""
    data = copy.deepcopy(default_data)
    stress(data)
    path = tmp_path_factory.mktemp("stress") / "stress.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), encoding="utf-8")
    resolved = load_resolved(path, "instructor")
    return resolved, build(resolved, "instructor", tmp_path_factory)


# ---------------------------------------------------------------- the command line


def test_build_writes_both_editions_where_the_issue_says(tmp_path, monkeypatch):
    monkeypatch.chdir(Path(__file__).parent.parent)
    out = tmp_path / "build"
    assert cli.main(["build", "--format", "pdf", "--edition", "both", "--out", str(out), "--jobs", "1"]) == 0
    for name in ("lei-jun-xiaomi.pdf", "lei-jun-xiaomi-instructor.pdf"):
        assert pypdf.PdfReader(out / name).pages, name


# ---------------------------------------------------------------- file validity, fonts, metadata


@needs["qpdf"]
@pytest.mark.parametrize("edition", ["participant", "instructor"])
def test_qpdf_check_passes(edition, request):
    built: Built = request.getfixturevalue(edition)
    result = subprocess.run(["qpdf", "--check", str(built.path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_font_is_embedded_except_the_documented_cid_fallback(stressed):
    _, built = stressed
    fonts = fonts_of(built.reader)
    assert any("LiberationSerif" in name for name in fonts) and any("NotoSansCJK" in name for name in fonts)
    assert [name for name, embedded in fonts.items() if not embedded] == []


def test_metadata_title_author_language_creator_date(participant, resolved_default):
    meta = resolved_default.case.meta
    info = participant.reader.metadata
    assert info.title == meta.title
    assert info.author == "; ".join(meta.authors)
    assert info["/Creator"].startswith("casestudy ")
    assert participant.reader.trailer["/Root"]["/Lang"] == meta.language
    assert info["/CreationDate"].startswith(resolved_default.timestamp.strftime("D:%Y%m%d"))
    assert all(word in info["/Keywords"] for word in meta.keywords)


def test_two_builds_are_byte_identical(participant, resolved_default):
    again = io.BytesIO()
    render(resolved_default, again, RenderOptions())
    assert again.getvalue() == participant.data


def test_page_size_follows_the_theme(participant, resolved_default):
    width = float(participant.reader.pages[0].mediabox.width)
    assert round(width) == {"A4": 595, "Letter": 612}[resolved_default.theme.page_size]


# ---------------------------------------------------------------- content a reader sees


def test_text_holds_every_heading_pillar_exhibit_and_chinese_name(participant, resolved_default):
    case = resolved_default.case
    wanted = (
        [s.heading for s in case.sections] + [p.title for p in case.pillars] + [resolved_default.decision_heading()]
    )
    wanted += [f"{e.label}: {e.title}" for e in resolved_default.exhibits]
    wanted += ["雷军", "小米", resolved_default.label("questions"), resolved_default.label("sources")]
    missing = [w for w in wanted if squash(w) not in participant.text]
    assert not missing


def test_key_figures_comparison_and_quotes_are_printed(participant, resolved_default):
    case = resolved_default.case
    assert all(f.value in participant.text for f in case.spotlight.figures)
    assert all(e.name in participant.text for e in case.comparison.entities)
    assert resolved_default.label("as_of", date=case.comparison.as_of) in participant.text
    assert all(opening(q.text)[:40] in participant.text for q in case.quotes)


def test_cover_has_title_institution_case_id_and_no_running_header(participant, resolved_default):
    meta = resolved_default.case.meta
    cover = participant.page_text[0]
    assert meta.title in cover and meta.institution in cover and meta.case_id in cover and meta.usage in cover
    assert resolved_default.label("page_of", page=1, pages=participant.pages) not in cover


def test_footer_counts_pages_in_the_outline_language(participant, resolved_default):
    for number in (2, participant.pages):
        page_of = resolved_default.label("page_of", page=number, pages=participant.pages)
        assert page_of in participant.page_text[number - 1]
    assert participant.pages == len(participant.reader.pages)


def test_bookmarks_list_sections_with_exhibits_beneath(participant, resolved_default):
    outline = participant.reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    nested = [child.title for item in outline if isinstance(item, list) for child in item]
    assert all(section.heading in top for section in resolved_default.case.sections)
    assert [f"{e.label}: {e.title}" for e in resolved_default.exhibits] == nested
    assert resolved_default.label("sources") in top


def test_contents_lists_sections_with_page_numbers(participant, resolved_default):
    contents = participant.page_text[1]
    assert contents.startswith(resolved_default.label("contents")) or resolved_default.label("contents") in contents
    first = resolved_default.case.sections[0].heading
    assert re.search(re.escape(first) + r" \d+", contents)


def internal_links(built: Built, skip: str) -> list[tuple[int, float]]:
    """(page index, top) of every link that jumps inside the document, except from pages holding `skip`."""
    index = {page.indirect_reference.idnum: i for i, page in enumerate(built.reader.pages)}
    links = []
    for page, text in zip(built.reader.pages, built.page_text, strict=True):
        if skip in text:
            continue
        for annot in page.get("/Annots", []):
            dest = annot.get_object().get("/Dest")
            if dest is not None:
                links.append((index[dest[0].idnum], float(dest[3])))
    return links


def lines_near(built: Built, page: int, top: float) -> list[str]:
    """Text drawn on `page` in the 25 points below `top` (where a link's destination lands)."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip() and top - 25 <= tm[5] * cm[3] + cm[5] <= top:
            found.append(text.strip())

    built.reader.pages[page].extract_text(visitor_text=visit)
    return found


def test_citations_link_to_their_endnotes(participant, resolved_default):
    heading = f"{resolved_default.label('sources')} 1."
    sources_page = next(i for i, text in enumerate(participant.page_text) if heading in text)
    reached = set()
    for page, top in internal_links(participant, resolved_default.label("contents")):
        if page < sources_page:
            continue
        numbers = [int(m.group(1)) for line in lines_near(participant, page, top) if (m := re.match(r"(\d+)\.", line))]
        assert numbers, f"a link to page {page + 1} at {top} lands on no endnote"
        reached.add(numbers[0])
    assert reached == set(range(1, max(reached) + 1)) and len(reached) >= 10


def test_source_urls_are_clickable(participant, resolved_default):
    uris = {
        annot.get_object()["/A"]["/URI"]
        for page in participant.reader.pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    }
    assert {s.url for s in resolved_default.endnotes if s.url} <= uris


# ---------------------------------------------------------------- editions


def opening(text: InlineText | str) -> str:
    """The first words of a text, up to its first citation (printed as a superscript number)."""
    spans = text.spans if isinstance(text, InlineText) else (Span(text),)
    words = "".join(itertools.takewhile(str, (s.text if not (s.cites or s.ref) else "" for s in spans)))
    return squash(words)[:50].strip()


def teaching_texts(resolved: ResolvedCase) -> list[str]:
    note = resolved.case.teaching_note
    texts = [fc.claim for fc in note.fact_checks] + list(note.notes) + list(note.objectives)
    texts += [p for q in resolved.case.questions for p in q.answer_points]
    return [opening(t) for t in texts]


def test_participant_edition_holds_no_teaching_note(participant, instructor, resolved_default):
    texts = teaching_texts(resolved_default)
    assert texts and all(t in instructor.text or t in instructor.unhyphenated for t in texts)
    assert not [t for t in texts if t in participant.text or t in participant.unhyphenated]
    assert resolved_default.label("teaching_note") not in participant.text


def test_every_instructor_page_is_marked(instructor, participant, resolved_default):
    mark = resolved_default.label("instructor_only").upper()
    assert all(mark in text for text in instructor.page_text)
    assert not any(mark in text for text in participant.page_text)


def test_instructor_edition_has_class_plan_with_minutes(instructor, resolved_default):
    plan = resolved_default.case.teaching_note.class_plan
    total = resolved_default.label("minutes", n=sum(s.minutes for s in plan))
    assert all(s.title in instructor.text for s in plan) and total in instructor.text


# ---------------------------------------------------------------- any outline renders


def test_stress_outline_text_is_literal_and_copyable(stressed):
    _, built = stressed
    assert MARKUP_TEXT in built.text  # R&D <b>not bold</b> 50% {x} ... 雷军 小米 🚗 café, as typed
    assert LONG_WORD in built.text.replace(" ", "")


def test_stress_outline_has_every_lesson_and_all_milestones(stressed):
    resolved, built = stressed
    assert all(f"Lesson {i}:" in built.text for i in range(12))
    assert all(f"Milestone {i} " in built.text for i in range(60))


Box = tuple[float, float, float, float]


def word_boxes(built: Built) -> list[list[Box]]:
    """Each page's word boxes (xMin, yMin, xMax, yMax) as poppler lays them out."""
    command = ["pdftotext", "-bbox", str(built.path), "-"]
    html = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
    return [
        [tuple(map(float, box)) for box in re.findall(pattern, page)]  # type: ignore[misc]
        for page in html.split("<page ")[1:]
    ]


def overlaps(boxes: list[Box]) -> list[tuple[Box, Box]]:
    """Pairs of words whose boxes overlap by more than a point: text drawn over text."""
    found = []
    ordered = sorted(boxes, key=lambda b: b[1])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b[1] >= a[3] - 1:
                break
            if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1:
                found.append((a, b))
    return found


# a 400-character word after an explicit break: reportlab breaks there, then must still cut the word
EXPLICIT_BREAKS = {
    "what_they_did": "Soft\u00adhyphen" + LONG_WORD,
    "for_your_company": "A word " + LONG_WORD[:200] + "\u00ad" + LONG_WORD[:200] + " and zero\u200bwidth" + LONG_WORD,
    "reflection": "Hyphen-minus" + LONG_WORD + " soft\u00adhyphens\u00adagain" + LONG_WORD + "?",
}


@pytest.fixture
def explicit_breaks(write_variant, tmp_path) -> Built:
    """Long words after soft hyphens, a zero-width space and a hyphen in a lesson's paragraphs, printed in the case."""
    resolved = load_resolved(write_variant(lambda data: lesson_in_case(data, EXPLICIT_BREAKS)))
    return Built(resolved, "participant", tmp_path)


def test_long_words_after_explicit_breaks_copy_out_unchanged(explicit_breaks):
    # line ends add spaces, and hyphens at soft hyphens; a page break adds the running header and footer
    text = re.sub(r"[\s-]", "", document_text(explicit_breaks.path, "pdf"))
    for value in EXPLICIT_BREAKS.values():
        assert re.sub(r"[\s\u00ad-]", "", value) in text


def test_a_paragraph_split_at_any_height_sets_its_first_part_in_that_height(resolved_default):
    """A long word cut at a line's end is cut at the same place when the first part of a split is set alone.

    With reportlab's space shrinking, the first part of the lesson above, split two lines from a
    page's foot, took three lines and the build stopped with a LayoutError.
    """
    compat.apply()
    fonts = pdf_fonts.load_fonts(*(getattr(resolved_default.theme.fonts, f) for f in ("heading", "body", "cjk")))
    styles = make_styles(resolved_default.theme, fonts, "en")
    ctx = Context(resolved_default, styles, Markup(resolved_default, fonts, styles.colours.primary), "participant", 700)
    text = InlineText(source="x", spans=(Span(EXPLICIT_BREAKS["for_your_company"]),))
    width = PAGE_SIZES["A4"][0] - MARGIN["left"] - MARGIN["right"]
    for height in range(15, 200, 3):
        paragraph = ctx.lead_in("for_your_company", text)
        paragraph.wrap(width, height)
        first, *_ = paragraph.split(width, height) or [None]
        assert first is None or first.wrap(width, height)[1] <= height, height


@needs["pdftotext"]
@pytest.mark.parametrize("which", ["participant", "instructor", "stressed", "explicit_breaks"])
def test_text_stays_within_the_margins_and_never_overprints(which, request):
    built = request.getfixturevalue(which)
    built = built[1] if isinstance(built, tuple) else built
    width, height = (float(x) for x in built.reader.pages[0].mediabox[2:])
    left, right = MARGIN["left"] - 1, width - MARGIN["right"] + 1
    pages = word_boxes(built)
    assert len(pages) == built.pages and sum(map(len, pages)) > 1000
    for number, boxes in enumerate(pages, start=1):
        outside = [b for b in boxes if b[0] < left or b[2] > right or b[1] < 0 or b[3] > height]
        assert not outside, f"page {number}: {outside[:3]}"
        assert not overlaps(boxes), f"page {number}: {overlaps(boxes)[:3]}"


# ---------------------------------------------------------------- language, page size, theme, images


@pytest.fixture(scope="module")
def chinese_letter(tmp_path_factory, default_data) -> tuple[ResolvedCase, Built]:
    """The default case in Chinese labels on Letter paper in the harbour theme, with two huge images."""
    folder = tmp_path_factory.mktemp("variant")
    (folder / "casestudy.project").write_text("")
    for name, size in (("wide.png", (6000, 1500)), ("tall.png", (1200, 5000))):
        Image.new("RGB", size, (30, 60, 90)).save(folder / name)
    data = copy.deepcopy(default_data)
    data["meta"]["language"] = "zh-Hans"
    data["theme"] = {"name": "harbour", "page_size": "Letter"}
    data["images"] = [
        {"id": "wide", "path": "wide.png", "caption": "一张很宽的图", "alt": "wide", "credit": "Photo: 小米"},
        {"id": "tall", "path": "tall.png", "caption": "A very tall picture", "alt": "tall"},
    ]
    data["protagonist"]["portrait"] = "tall"
    path = folder / "variant.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), encoding="utf-8")
    resolved = load_resolved(path)
    return resolved, build(resolved, "participant", tmp_path_factory)


def test_labels_page_size_and_fonts_follow_language_and_theme(chinese_letter):
    resolved, built = chinese_letter
    assert round(float(built.reader.pages[0].mediabox.width)) == 612
    assert "第 2 页，共" in built.page_text[1] and "目录" in built.page_text[1]
    assert "图表 1" in built.text and "一张很宽的图" in built.text
    assert built.reader.trailer["/Root"]["/Lang"] == "zh-Hans"


def test_theme_fonts_are_the_ones_embedded(chinese_letter):
    _, built = chinese_letter
    fonts = " ".join(fonts_of(built.reader))
    assert "Carlito" in fonts and "Liberation" not in fonts  # harbour: Calibri -> Carlito everywhere


def test_huge_images_are_scaled_into_the_frame(chinese_letter):
    _, built = chinese_letter
    width = float(built.reader.pages[0].mediabox.width) - MARGIN["left"] - MARGIN["right"]
    height = float(built.reader.pages[0].mediabox.height) - MARGIN["top"] - MARGIN["bottom"]
    pattern = re.compile(rb"([\d.]+) 0 0 ([\d.]+) 0 0 cm\s*/FormXob")
    streams = [page.get_contents().get_data() for page in built.reader.pages]
    sizes = [tuple(map(float, m.groups())) for data in streams for m in pattern.finditer(data)]
    assert len(sizes) >= 3  # logo, portrait, two exhibits (the tall one is the portrait and not an exhibit)
    assert all(w <= width + 0.5 and h <= height + 0.5 for w, h in sizes)


def test_a_rare_ideograph_the_chinese_font_lacks_is_a_copyable_replacement_not_an_unembedded_font(
    write_variant, tmp_path
):
    rare = "新字\U00030000在此"  # U+30000 (Unicode 13, extension G) is in no installed Chinese font
    resolved = load_resolved(write_variant(lambda data: lesson_in_case(data, {"what_they_did": rare})))
    built = Built(resolved, "participant", tmp_path)
    assert all(fonts_of(built.reader).values()), fonts_of(built.reader)  # every font embedded: no STSong-Light
    assert rare in built.text


def test_without_a_chinese_truetype_font_chinese_falls_back_to_the_cid_font(resolved_default, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_fonts, "find_cjk_font", lambda preferred=None, truetype_only=False: None)
    pdf_fonts.load_fonts.cache_clear()
    try:
        built = Built(resolved_default, "participant", tmp_path)
    finally:
        pdf_fonts.load_fonts.cache_clear()
    fonts = fonts_of(built.reader)
    assert fonts[CID_FONT] is False and not any("WenQuanYi" in name or "CJK" in name for name in fonts)
    assert "雷军" in built.page_text[0]  # still real characters, copyable


def test_text_without_chinese_registers_no_east_asian_face():
    fonts = pdf_fonts.load_fonts(
        "Arial", "Times New Roman", "Microsoft YaHei", "SimSun", frozenset("Plain text, café ✓ ok")
    )
    assert not any(f.east_asian for f in fonts.fallbacks) and not fonts.beside
    assert fonts.family_for(ord("✓"), fonts.body) == fonts.fallbacks[0].family  # DejaVu Sans draws the tick


def test_a_converted_chinese_face_is_cached_and_a_damaged_entry_converted_again(tmp_path, monkeypatch):
    face = find_cjk_font("Microsoft YaHei")
    if face is None or not face.cff:
        pytest.skip("no CFF Chinese font (Noto Sans CJK SC) installed")
    monkeypatch.setenv(truetype.CACHE_ENV, str(tmp_path))
    characters = frozenset("雷军小米 Xiaomi 2025")
    fresh = truetype.as_truetype.__wrapped__(face.path, face.index, characters)
    (entry,) = tmp_path.glob("*.ttf")
    monkeypatch.setattr(truetype, "_convert", lambda *args: pytest.fail("converted again"))
    assert truetype.as_truetype.__wrapped__(face.path, face.index, characters) == fresh
    entry.write_bytes(entry.read_bytes()[:-10])  # damaged: cut short
    monkeypatch.undo()
    monkeypatch.setenv(truetype.CACHE_ENV, str(tmp_path))
    again = truetype.as_truetype.__wrapped__(face.path, face.index, characters)
    assert entry.read_bytes()[32:] == again  # converted and written again
    for data in (fresh, again):
        assert {ord(c) for c in characters} <= set(TTFont("cached", io.BytesIO(data)).face.charToGlyph)


@pytest.mark.parametrize("width", [40, 90, 200, 1000])
@pytest.mark.parametrize("text", ["Xiaomi founded", "SU7 launched at CNY 215,900 (USD 29,900)", "小米汽车 SU7 上市"])
def test_a_drawn_label_wraps_as_the_line_rules_fill_it(text, width):
    """A label that fits on one line skips the line rules; every label is wrapped as `linebreak.fill` wraps it."""
    fonts = pdf_fonts.load_fonts("Arial", "Times New Roman", "Microsoft YaHei", "SimSun", frozenset(text))
    advances = [drawing.text_width(fonts, char, 9) for char in text]
    expected = linebreak.fill(text, advances, lambda _: width, linebreak.breaks(text, phrases=True))
    assert drawing.wrap(fonts, text, 9, width, max_lines=50) == [text[a:b] for a, b in expected if b > a]


def test_a_table_continued_on_the_next_page_says_so(participant, resolved_default):
    continued = resolved_default.label("continued")
    exhibit = re.escape(resolved_default.label("exhibit", n=0)).replace("0", r"\d+")
    caption = re.compile(rf"{exhibit} \({continued}\)")
    found = 0
    for number, text in enumerate(participant.page_text, start=1):
        if caption.search(text):  # then it is the first words below the header and footer
            body = text.split(resolved_default.label("page_of", page=number, pages=participant.pages), 1)[1]
            assert caption.match(body.strip()), body[:80]
            found += 1
    assert found


def lowest_line(page: pypdf.PageObject, bottom: float, top: float) -> tuple[float, str, float, str]:
    """The lowest text drawn between `bottom` and `top`: (y, font, size, text)."""
    found = []

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and bottom <= y <= top and font:
            found.append((y, font["/BaseFont"], size * tm[3] * cm[3], text.strip()))

    page.extract_text(visitor_text=visit)
    return min(found, default=(0.0, "", 0.0, ""))


@pytest.mark.parametrize("which", ["instructor", "stressed"])
def test_no_page_ends_with_a_heading(which, request):
    built = request.getfixturevalue(which)
    built = built[1] if isinstance(built, tuple) else built
    height = float(built.reader.pages[0].mediabox.height)
    heading_size = 12  # h1 and h2 are larger; body, captions and tables smaller
    for number, page in enumerate(built.reader.pages[1:], start=2):
        _, font, size, text = lowest_line(page, MARGIN["bottom"], height - MARGIN["top"])
        assert not ("Sans" in font and size >= heading_size), f"page {number} ends with the heading {text!r}"


NOTES_WITH_SOFT_HYPHENS = [
    "Soft\u00adhyphen\u00adated note, a car \U0001f697, a face \U0001f600",
    "x\u00ad\U0001f600\u00ad\U0001f697\u00ady",
]


@needs["pdftotext"]
@pytest.mark.parametrize("note", NOTES_WITH_SOFT_HYPHENS)
def test_a_cell_note_with_soft_hyphens_and_emoji_copies_out_whole(note, write_variant, tmp_path):
    """A comparison cell note, set small in a narrow column where it breaks, holds every character it was given."""

    def with_note(data: dict) -> None:
        first = data["comparison"]["entities"][0]["id"]
        data["comparison"]["metrics"][0]["values"][first] = {"value": "215,900", "note": note}

    built = Built(load_resolved(write_variant(with_note)), "participant", tmp_path)
    assert not missing_text({"pdf": document_text(built.path, "pdf")}, note)


def test_a_second_chinese_document_in_one_process_prints_all_its_own_characters(tmp_path, write_variant, caplog):
    """A Chinese face is cut to each document's characters; a later document's cut must not be the first's.

    reportlab reuses the first font registered under a face name, so every cut has a name of its own.
    """

    def more_chinese(data: dict) -> None:
        data["meta"]["subtitle"] = "著名企业家的影响与凭证"

    first = load_resolved(write_variant(lambda data: None, "first.yaml"))
    second = load_resolved(write_variant(more_chinese, "second.yaml"))
    Built(first, "participant", tmp_path)
    caplog.clear()
    built = Built(second, "participant", tmp_path)
    assert "著名企业家的影响与凭证" in built.text
    assert "no installed font draws" not in caplog.text


def test_a_character_no_font_has_prints_every_time_it_occurs_in_bold_text(tmp_path, write_variant):
    """The replacement glyph is a face of its own: mapping a character to it must not make DejaVu Sans
    claim that character, or its bold face (a table's row labels) drops it from the page."""
    label = "\U000f0001 Range \U000f0001 km"

    def private_use_label(data: dict) -> None:
        data["comparison"]["metrics"][0]["label"] = label

    built = Built(load_resolved(write_variant(private_use_label)), "participant", tmp_path)
    assert label in built.text

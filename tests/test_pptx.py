"""The slide deck: reopened with python-pptx and checked for what a presenter and a room see."""

from __future__ import annotations

import copy
import io
import logging
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import DEFAULT, LONG_WORD, stress
from deck_fit import overflows, overlaps
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from casestudy.build import load_resolved
from casestudy.errors import UsageError
from casestudy.options import RenderOptions
from casestudy.renderers.pptx import render
from casestudy.renderers.pptx.plan import plan_slides

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def build(resolved, **options) -> bytes:
    out = io.BytesIO()
    render(resolved, out, RenderOptions(**options))
    return out.getvalue()


def open_deck(data: bytes):
    return Presentation(io.BytesIO(data))


def slide_title(slide) -> str:
    title = next((p for p in slide.placeholders if p.placeholder_format.type in TITLE_TYPES), None)
    return title.text_frame.text if title is not None else ""


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def notes(deck) -> list[str]:
    return [slide.notes_slide.notes_text_frame.text for slide in deck.slides]


def write_outline(tmp_path_factory, mutate, name: str) -> Path:
    data = copy.deepcopy(yaml.safe_load(DEFAULT.read_text(encoding="utf-8")))
    mutate(data)
    path = tmp_path_factory.mktemp("pptx") / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def participant(resolved_default) -> bytes:
    return build(resolved_default)


@pytest.fixture(scope="module")
def instructor(resolved_default) -> bytes:
    return build(resolved_default, edition="instructor")


@pytest.fixture(scope="module")
def stress_deck(tmp_path_factory) -> bytes:
    return build(load_resolved(write_outline(tmp_path_factory, stress, "stress.yaml")), edition="instructor")


# ---------------------------------------------------------------- structure


def test_deck_is_16_by_9_and_every_slide_has_a_title_and_notes(participant):
    deck = open_deck(participant)
    assert round(Emu(deck.slide_width).inches, 2) == 13.33 and Emu(deck.slide_height).inches == 7.5
    assert len(deck.slides) > 20
    for number, slide in enumerate(deck.slides, start=1):
        assert slide_title(slide).strip(), f"slide {number} has no title in a title placeholder"
        assert slide.notes_slide.notes_text_frame.text.strip(), f"slide {number} has no notes"


def test_every_pillar_and_lesson_title_is_a_slide_title(participant, resolved_default):
    titles = [slide_title(s) for s in open_deck(participant).slides]
    for item in (*resolved_default.case.pillars, *resolved_default.case.lessons):
        assert item.title in titles
    texts = "\n".join(slide_text(s) for s in open_deck(participant).slides)
    for lesson in resolved_default.case.lessons:
        assert resolved_default.plain(lesson.reflection) in texts


def test_title_slide_and_footer(participant, resolved_default):
    deck = open_deck(participant)
    meta = resolved_default.case.meta
    assert slide_title(deck.slides[0]) == meta.title
    assert meta.subtitle in slide_text(deck.slides[0])
    assert any(s.shape_type == 13 for s in deck.slides[0].shapes), "the logo is on the title slide"
    footer = meta.short_title or meta.title
    for number, slide in list(enumerate(deck.slides, start=1))[1:-1]:
        lines = slide_text(slide).splitlines()
        assert footer in lines and str(number) in lines, f"slide {number} lacks footer or number"


def test_agenda_lists_the_class_plan(participant, resolved_default):
    deck = open_deck(participant)
    label = resolved_default.label("agenda")
    agenda = [s for s in deck.slides if slide_title(s).startswith(label)]  # continued when the plan is long
    assert agenda and slide_title(agenda[0]) == label
    text = "\n".join(slide_text(slide) for slide in agenda)
    for segment in resolved_default.case.teaching_note.class_plan:
        assert segment.title in text and resolved_default.label("minutes", n=segment.minutes) in text


def test_exhibit_titles_match_the_shared_numbering(participant, resolved_default):
    titles = [slide_title(s) for s in open_deck(participant).slides]
    for exhibit in resolved_default.exhibits:
        assert f"{exhibit.label}: {exhibit.title}" in titles


def test_journey_is_drawn_with_every_milestone(participant, resolved_default):
    deck = open_deck(participant)
    label = resolved_default.exhibit("journey").label
    slides = [s for s in deck.slides if slide_title(s).startswith(label)]
    text = "\n".join(slide_text(s) for s in slides)
    for milestone in resolved_default.case.journey:
        assert milestone.title in text.replace("\n", " ") or milestone.title in text
    assert sum(1 for s in slides for shape in s.shapes if shape.shape_type == 9) >= 1  # connectors: the axis


def test_spotlight_figures_are_large_numbers(participant, resolved_default):
    deck = open_deck(participant)
    label = resolved_default.exhibit("spotlight").label
    slide = next(s for s in deck.slides if slide_title(s).startswith(label))
    sizes = {
        run.text: run.font.size.pt
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for run in p.runs
    }
    for figure in resolved_default.case.spotlight.figures:
        assert sizes[figure.value] >= 28


# ---------------------------------------------------------------- comparison


def test_comparison_is_a_native_table_with_the_outline_values(participant, resolved_default):
    comp = resolved_default.case.comparison
    tables = [sh.table for s in open_deck(participant).slides for sh in s.shapes if sh.has_table]
    assert len(tables) == 1
    cells = {cell.text for row in tables[0].rows for cell in row.cells}
    for metric in comp.metrics:
        assert all(v.value in cells for v in metric.values.values())
    assert {e.name for e in comp.entities} <= cells


def test_numeric_rows_are_real_charts_holding_the_outline_numbers(participant, resolved_default):
    comp = resolved_default.case.comparison
    charts = [sh for s in open_deck(participant).slides for sh in s.shapes if sh.has_chart]
    numeric = [m for m in comp.metrics if m.numeric]
    assert len(charts) == len(numeric) >= 1
    for shape, metric in zip(charts, numeric, strict=True):
        series = shape.chart.plots[0].series[0]
        assert list(series.values) == [metric.values[e.id].number for e in comp.entities if e.id in metric.values]
        assert list(shape.chart.plots[0].categories) == [e.name for e in comp.entities if e.id in metric.values]
        assert shape._element.nvGraphicFramePr.cNvPr.get("descr"), "charts carry alt text"


# ---------------------------------------------------------------- editions


def test_participant_edition_has_no_answers_or_fact_checks(participant, resolved_default):
    text = "\n".join(notes(open_deck(participant)))
    assert resolved_default.label("suggested_answers") not in text
    assert resolved_default.label("fact_checks") not in text
    for question in resolved_default.case.questions:
        for point in question.answer_points:
            assert resolved_default.plain(point) not in text


def test_instructor_edition_has_answers_fact_checks_and_minutes(instructor, resolved_default):
    text = "\n".join(notes(open_deck(instructor)))
    for question in resolved_default.case.questions:
        for point in question.answer_points:
            assert resolved_default.plain(point) in text
    for check in resolved_default.case.teaching_note.fact_checks:
        assert check.claim in text
    for segment in resolved_default.case.teaching_note.class_plan:
        assert f"{segment.title} · {resolved_default.label('minutes', n=segment.minutes)}" in text


def test_notes_put_a_question_to_the_room(participant, resolved_default):
    question = resolved_default.plain(resolved_default.case.questions[0].question)
    ask = resolved_default.label("ask_the_room")
    assert any(f"{ask}: {question}" in n for n in notes(open_deck(participant)))


def test_plan_is_plain_data_with_minutes_from_the_class_plan(resolved_default):
    slides = plan_slides(resolved_default, "participant")
    journey = next(s for s in slides if s.body.__class__.__name__ == "Timeline")
    segment = next(seg for seg in resolved_default.case.teaching_note.class_plan if "journey" in seg.covers)
    assert segment.title in journey.notes.segment
    assert all(not s.notes.answers and not s.notes.fact_checks for s in slides)


# ---------------------------------------------------------------- fitting


def test_default_decks_have_no_overflow_and_no_overlap(participant, instructor):
    for deck in (participant, instructor):
        assert overflows(io.BytesIO(deck)) == []
        assert overlaps(io.BytesIO(deck)) == []


def test_stress_deck_fits(stress_deck):
    assert overflows(io.BytesIO(stress_deck)) == []
    assert overlaps(io.BytesIO(stress_deck)) == []


def test_stress_deck_keeps_text_literal_and_continues_long_parts(stress_deck):
    deck = open_deck(stress_deck)
    titles = [slide_title(s) for s in deck.slides]
    texts = "\n".join(slide_text(s) for s in deck.slides)
    assert "R&D <b>not bold</b> 50% {x}" in texts and "雷军" in texts
    assert any("(continued)" in t for t in titles)
    assert sum(t.startswith("Lesson ") for t in titles) == 12
    assert any(LONG_WORD[:40] in t for t in titles)


def test_continuation_slides_carry_a_short_note_not_the_whole_talk_again(stress_deck):
    """The talk track is on the slide a part starts on; its continuations only say where they belong."""
    deck = open_deck(stress_deck)
    pages = list(zip([slide_title(s) for s in deck.slides], notes(deck), strict=True))
    continued = [(i, title, text) for i, (title, text) in enumerate(pages) if title.endswith("(continued)")]
    assert len(continued) > 5
    for i, title, text in continued:
        start = max(j for j in range(i) if not pages[j][0].endswith("(continued)"))
        assert text.strip(), title
        assert title in text, "the full title, in case the slide shows it cut"
        assert len(text) < len(title) + 200 and len(text) < len(pages[start][1]), title
    # notes grow with the outline, not with outline x continuations: the long section's talk appears once
    long_paragraph = " ".join(["R&D <b>not bold</b> 50% {x} & <link href='x'>雷军 小米 🚗 café"] * 150)
    assert sum(text.count(long_paragraph) for _, text in pages) == 1


LONG_NAME = ("Extraordinarily long entity name " * 4)[:119] + "X"  # 120 characters with spaces
LONG_LABEL = ("Metric label that keeps going " * 5)[:119] + "Y"
LONG_HEADING = ("A section heading that keeps going and going " * 5)[:199] + "Z"
LONG_TITLE = ("Comparisontitleword" * 11)[:200]  # one unbreakable 200-character word


def long_names(data: dict) -> None:
    """Every name and title at the model's limit, with and without places to break."""
    comparison = data["comparison"]
    comparison["title"] = LONG_TITLE
    comparison["entities"][0]["name"] = LONG_NAME
    comparison["entities"][1]["name"] = LONG_WORD[:120]
    comparison["metrics"][0]["label"] = LONG_LABEL
    data["sections"][1]["heading"] = LONG_HEADING


@pytest.mark.parametrize("template", [False, True], ids=["16x9", "4x3-template"])
def test_names_and_titles_at_their_limits_fit_and_are_never_lost(write_variant, tmp_path, template):
    resolved = load_resolved(write_variant(long_names))
    data = build(resolved, edition="participant", template=make_template(tmp_path / "t.pptx") if template else None)
    assert overflows(io.BytesIO(data)) == [] and overlaps(io.BytesIO(data)) == []
    deck = open_deck(data)
    shown = []
    for slide in deck.slides:
        charts = [sh.chart for sh in slide.shapes if sh.has_chart]
        words = [c.chart_title.text_frame.text for c in charts] + [n for c in charts for n in c.plots[0].categories]
        shown.append("\n".join([slide_text(slide), *words]))
    everything = "\n".join(shown + notes(deck))
    for text in (LONG_NAME, LONG_WORD[:120], LONG_LABEL, LONG_HEADING, LONG_TITLE):
        assert text in everything, text[:40]
    for slide, text in zip(deck.slides, notes(deck), strict=True):
        title = slide_title(slide).replace("\n", " ").replace("\x0b", " ")
        if "…" in title:
            assert title.split("…")[0].rstrip() in text.replace("\n", " "), title


def test_a_title_cut_with_an_ellipsis_is_whole_in_the_notes(resolved_default):
    """On a slide too small for a title, the slide shows it cut and the notes give it in full."""
    from casestudy.renderers.pptx.layout import Deck, Grid, Style
    from casestudy.renderers.pptx.plan import Bullets, SlideSpec

    deck = Deck(Grid(240, 135), Style.from_theme(resolved_default.theme), "continued")
    spec = SlideSpec("content", LONG_HEADING, Bullets(("A point.",)))
    deck.add(spec, "Talk.", "Continued.")
    page = deck.pages[0]
    assert "…" in "".join(p.text for p in page.title.paras)
    assert page.notes == f"{LONG_HEADING}\n\nTalk."


def test_cjk_runs_carry_the_east_asian_font(participant, resolved_default):
    deck = open_deck(participant)
    runs = [
        r for s in deck.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs
    ]
    cjk = [r for r in runs if "雷军" in r.text]
    assert cjk
    for run in cjk:
        assert run._r.rPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea").get("typeface") == (
            resolved_default.theme.fonts.cjk
        )


def test_overflow_check_finds_a_box_too_small(participant):
    """The fit check is not vacuous: shrink one text box and it reports it."""
    deck = open_deck(participant)
    shape = next(sh for sh in deck.slides[3].shapes if sh.has_text_frame and len(sh.text_frame.text) > 80)
    shape.height = Emu(shape.height // 4)
    out = io.BytesIO()
    deck.save(out)
    assert overflows(io.BytesIO(out.getvalue()))


# ---------------------------------------------------------------- templates


def make_template(path: Path, drop: tuple[str, ...] = ()) -> Path:
    """A 4:3 template with python-pptx's layouts, some removed, and a sample slide to discard."""
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts.get_by_name("Blank"))
    for name in drop:
        prs.slide_layouts.remove(prs.slide_layouts.get_by_name(name))
    prs.save(path)
    return path


def test_template_keeps_its_size_and_falls_back_with_a_warning(resolved_default, tmp_path, caplog):
    template = make_template(tmp_path / "company.pptx", drop=("Title Only",))
    with caplog.at_level(logging.WARNING):
        data = build(resolved_default, template=template)
    deck = open_deck(data)
    assert Emu(deck.slide_width).inches == 10 and Emu(deck.slide_height).inches == 7.5
    assert "Title Only" in caplog.text
    assert {s.slide_layout.name for s in deck.slides} == {"Title Slide", "Title and Content"}
    assert slide_title(deck.slides[0]) == resolved_default.case.meta.title
    title_run = deck.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
    assert title_run.font.name == "Calibri", "the template theme's heading font"
    assert title_run.font.color.type is None, "the template's own title colour"
    assert overflows(io.BytesIO(data)) == [] and overlaps(io.BytesIO(data)) == []


def test_template_without_title_layouts_is_a_usage_error(resolved_default, tmp_path):
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if any(p.placeholder_format.type in TITLE_TYPES for p in layout.placeholders) and layout.name != "Blank":
            prs.slide_layouts.remove(layout)
    path = tmp_path / "bare.pptx"
    prs.save(path)
    with pytest.raises(UsageError, match="title placeholder"):
        build(resolved_default, template=path)


# ---------------------------------------------------------------- LibreOffice


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice is not installed")
def test_libreoffice_converts_the_deck_to_pdf(participant, tmp_path):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(participant)
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            "--norestore",
            profile,
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "deck.pdf").stat().st_size > 10_000


# ---------------------------------------------------------------- measuring


def test_wrap_breaks_a_word_longer_than_the_line_and_measures_cjk_wide():
    from casestudy.renderers.pptx import fit

    p = fit.para(LONG_WORD, 12, "Arial", "WenQuanYi Zen Hei", "#000000")
    lines = fit.wrap(p, 300)
    assert len(lines) > 5 and "".join(LONG_WORD[a:b] for a, b in lines) == LONG_WORD
    assert all(fit.em_width(LONG_WORD[a:b], "Arial", "WenQuanYi Zen Hei") * 12 <= 300 - 2 * fit.INSET for a, b in lines)
    assert fit.em_width("雷", "Arial", "WenQuanYi Zen Hei") > fit.em_width("l", "Arial", "WenQuanYi Zen Hei") * 2


def test_text_past_its_floor_is_split_into_pages_that_each_fit():
    from casestudy.renderers.pptx import fit

    paras = tuple(fit.para("word " * 400, 20, "Arial", "WenQuanYi Zen Hei", "#000000", floor=12) for _ in range(3))
    assert fit.shrink_to_fit(paras, 400, 300) is None
    pages = fit.split_to_pages(paras, 400, [300])
    assert len(pages) > 3
    assert all(fit.block_height(page, 400) <= 300 for page in pages)
    assert all(p.size == 12 for page in pages for p in page)
    assert " ".join(p.text for page in pages for p in page).split() == ("word " * 1200).split()


def test_stress_timeline_shows_all_sixty_milestones(stress_deck):
    deck = open_deck(stress_deck)
    text = "\n".join(slide_text(s) for s in deck.slides if slide_title(s).startswith("Exhibit 1"))
    assert all(f"Milestone {i} " in text for i in range(60))


# ---------------------------------------------------------------- inline formatting


def runs_of(deck) -> list:
    frames = [sh.text_frame for s in deck.slides for sh in s.shapes if sh.has_text_frame]
    return [r for frame in frames for p in frame.paragraphs for r in p.runs]


def with_markup(data: dict) -> None:
    """The first section's lead sentence in bold, emphasis and a link, then plain text."""
    paragraph = data["sections"][0]["paragraphs"][0]
    lead = "**Read** *the* [launch report](https://example.org/su7) first."
    data["sections"][0]["paragraphs"][0] = f"{lead} Then the rest stays plain. {paragraph}"


def test_bold_italics_and_links_from_the_outline_reach_the_slides(write_variant):
    runs = runs_of(open_deck(build(load_resolved(write_variant(with_markup)))))
    assert "Read" in [r.text for r in runs if r.font.bold]
    assert "the" in [r.text for r in runs if r.font.italic]
    link = next(r for r in runs if r.hyperlink.address)
    assert (link.text, link.hyperlink.address) == ("launch report", "https://example.org/su7")
    assert not [r for r in runs if "Then the rest" in r.text and (r.font.bold or r.font.italic)]


def test_a_lead_is_cut_in_the_marked_up_text_and_keeps_its_styles():
    from casestudy.inline import Span
    from casestudy.renderers.pptx.plan import lead

    spans = (Span("Bold start", strong=True), Span(" and a link", href="https://x.org"), Span(". Then more."))
    assert lead(spans) == (Span("Bold start", strong=True), Span(" and a link", href="https://x.org"), Span("."))
    cut = lead((Span("word " * 10, emph=True), Span("tail " * 100)), limit=60)
    assert cut[0] == Span("word " * 10, emph=True) and cut[-1].text.endswith("tail…") and not cut[-1].emph
    assert sum(len(s.text) for s in cut) <= 61

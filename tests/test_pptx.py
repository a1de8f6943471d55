"""The slide deck: reopened with python-pptx and checked for what a presenter and a room see."""

from __future__ import annotations

import copy
import io
import logging
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from conftest import DEFAULT, LONG_WORD, stress
from deck_fit import needed_height, overflows, overlaps
from hypothesis import given, settings
from hypothesis import strategies as st
from office_templates import HANSE, KESTREL, deck_template, read
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Emu

from casestudy.build import load_resolved
from casestudy.errors import UsageError
from casestudy.options import RenderOptions
from casestudy.renderers.pptx import render
from casestudy.renderers.pptx.words import WORD_JOINER

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
# The floor of each role a shape's name gives (the deck's type scale): what a room reads from the back.
FLOORS = {"Title": 28.0, "Subtitle": 18.0, "Body": 18.0, "Label": 14.0, "Source": 10.0}
CITATION = re.compile(r"\[\d+(?:, \d+)*\]")


def build(resolved, **options) -> bytes:
    out = io.BytesIO()
    render(resolved, out, RenderOptions(**options))
    return out.getvalue()


def open_deck(data: bytes):
    return Presentation(io.BytesIO(data))


def slide_title(slide) -> str:
    title = next((p for p in slide.placeholders if p.placeholder_format.type in TITLE_TYPES), None)
    return title.text_frame.text.replace(WORD_JOINER, "") if title is not None else ""


def slide_text(slide) -> str:
    """What a slide shows in text boxes and tables, CJK names without their invisible joiners."""
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts).replace(WORD_JOINER, "")


def notes(deck) -> list[str]:
    return [slide.notes_slide.notes_text_frame.text for slide in deck.slides]


def write_outline(tmp_path_factory, mutate, name: str) -> Path:
    data = copy.deepcopy(yaml.safe_load(DEFAULT.read_text(encoding="utf-8")))
    mutate(data)
    path = tmp_path_factory.mktemp("pptx") / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), encoding="utf-8")
    return path


def role(shape) -> str:
    return shape.name.split()[0]


def sized_runs(slide):
    """(role, size in points, text) of every run a slide shows: text boxes, tables and charts, not the notes."""
    for shape in slide.shapes:
        frames = [shape.text_frame] if shape.has_text_frame else []
        frames += [cell.text_frame for row in shape.table.rows for cell in row.cells] if shape.has_table else []
        for frame in frames:
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    if run.text.strip():
                        yield role(shape), run.font.size.pt, run.text
        if shape.has_chart:
            chart = shape.chart
            sizes = [chart.font.size, chart.category_axis.tick_labels.font.size, chart.plots[0].data_labels.font.size]
            sizes += [r.font.size for p in chart.chart_title.text_frame.paragraphs for r in p.runs]
            yield from ((role(shape), size.pt, "chart") for size in sizes)


@pytest.fixture(scope="module")
def participant(resolved_default) -> bytes:
    return build(resolved_default)


@pytest.fixture(scope="module")
def instructor(resolved_default) -> bytes:
    return build(resolved_default, edition="instructor")


@pytest.fixture(scope="module")
def stress_deck(tmp_path_factory) -> bytes:
    return build(load_resolved(write_outline(tmp_path_factory, stress, "stress.yaml")), edition="instructor")


# ---------------------------------------------------------------- a class's shape


def test_deck_is_widescreen_and_every_slide_has_a_title_and_notes(participant):
    deck = open_deck(participant)
    assert (deck.slide_width, deck.slide_height) == (12_192_000, 6_858_000), "PowerPoint's own Widescreen"
    for number, slide in enumerate(deck.slides, start=1):
        assert slide_title(slide).strip(), f"slide {number} has no title in a title placeholder"
        assert slide.notes_slide.notes_text_frame.text.strip(), f"slide {number} has no notes"


@pytest.mark.parametrize("edition", ["participant", "instructor"])
def test_a_90_minute_class_is_taught_from_at_most_30_slides(request, edition):
    deck = open_deck(request.getfixturevalue(edition))
    assert 20 <= len(deck.slides) <= 30


INSTRUCTOR_PARTS = {"epilogue", "sources"}  # covers names whose slides only the instructor deck has


@pytest.mark.parametrize("edition", ["participant", "instructor"])
def test_the_deck_follows_the_class_plan_closing_then_sources(request, edition, resolved_default):
    deck = open_deck(request.getfixturevalue(edition))
    titles = [slide_title(s) for s in deck.slides]
    assert titles[0] == resolved_default.case.meta.title and titles[1] == resolved_default.label("agenda")
    assert titles[-2:] == [resolved_default.label("thank_you"), resolved_default.label("sources")]
    segments = [n.split("\n")[0] for n in notes(deck)]
    plan = resolved_default.case.teaching_note.class_plan
    shown = [seg for seg in plan if edition == "instructor" or set(seg.covers) - INSTRUCTOR_PARTS]
    assert len(shown) == len(plan) - (edition == "participant"), "participants see all but the epilogue's segment"
    seen = [line.split(": ", 1)[1].split(" · ")[0] for line in segments if line.startswith("Segment: ")]
    assert list(dict.fromkeys(seen)) == [seg.title for seg in shown], "every segment, in the class plan's order"


def test_each_segment_shows_its_authored_opening_slide_first(participant, resolved_default):
    deck = open_deck(participant)
    for seg in resolved_default.case.teaching_note.class_plan:
        if seg.slide is None:
            continue
        first = next(s for s, n in zip(deck.slides, notes(deck), strict=True) if f"Segment: {seg.title} ·" in n)
        assert slide_title(first) == seg.slide.headline
        assert all(point in slide_text(first) for point in seg.slide.points), "a poll's options, as boxes"


def test_headlines_where_the_outline_wrote_them_and_points_under_them(participant, resolved_default):
    deck = open_deck(participant)
    titles = {slide_title(s).replace("\x0b", " "): slide_text(s) for s in deck.slides}
    case = resolved_default.case
    authored = [s.slide for s in case.sections if s.slide] + [p.slide for p in case.pillars if p.slide]
    authored += [case.decision.slide, case.teaching_note.epilogue_slide]
    assert len(authored) == len(case.sections) + 4, "every section, two pillars, the decision and the epilogue"
    shown = [slide for slide in authored[:-1] if slide.headline in titles]  # the epilogue is the instructor's
    assert len(shown) >= 10
    for slide in shown:
        assert all(point in titles[slide.headline] for point in slide.points) or slide is case.decision.slide
    folded = [slide.headline for slide in authored[:-1] if slide not in shown]  # a segment over its share
    assert all(headline in "\n".join(notes(deck)) for headline in folded)


def test_discussion_questions_are_grouped_by_segment(participant, resolved_default):
    deck = open_deck(participant)
    label = resolved_default.label("questions")
    slides = [(s, n) for s, n in zip(deck.slides, notes(deck), strict=True) if slide_title(s) == label]
    with_questions = [
        seg for seg in resolved_default.case.teaching_note.class_plan if any(map(resolved_default.question, seg.covers))
    ]
    assert len(slides) == len(with_questions)
    shown = "\n".join(slide_text(s) for s, _ in slides)
    for question in resolved_default.case.questions:
        assert shown.count(resolved_default.plain(question.question).split(" ")[0]) >= 1
    for (slide, text), seg in zip(slides, with_questions, strict=True):
        assert f"Segment: {seg.title} ·" in text
        asked = [q for q in map(resolved_default.question, seg.covers) if q]
        assert all(resolved_default.plain(q.question) in slide_text(slide).replace("\n", " ") for q in asked)


def test_one_timeline_of_key_milestones_the_full_chronology_in_its_notes(participant, resolved_default):
    deck = open_deck(participant)
    journey = resolved_default.case.journey
    label = resolved_default.exhibit("journey").heading
    ((slide, text),) = [(s, n) for s, n in zip(deck.slides, notes(deck), strict=True) if label in slide_text(s)]
    shown = slide_text(slide).replace("\n", " ")
    key = [m for m in journey if m.key]
    assert 1 <= len(key) <= 10
    assert all(m.title in shown for m in key)
    assert not [m for m in journey if not m.key and m.title in shown]
    assert all(m.title in text for m in journey)
    assert sum(1 for shape in slide.shapes if shape.shape_type == 9) >= len(key), "connectors: the axis and stems"


# ---------------------------------------------------------------- readable from the back


@pytest.mark.parametrize("edition", ["participant", "instructor", "stress_deck"])
def test_no_text_on_any_slide_under_its_roles_floor(request, edition):
    deck = open_deck(request.getfixturevalue(edition))
    for number, slide in enumerate(deck.slides, start=1):
        for name, size, text in sized_runs(slide):
            assert name in FLOORS, f"slide {number}: a shape with no role: {name}"
            assert size >= FLOORS[name], f"slide {number}: {name} text at {size} pt: {text[:40]!r}"


def test_one_size_per_role_across_the_deck(participant):
    """No slide shrinks its text to fit: every body text is one of the scale's few sizes."""
    sizes = {size for slide in open_deck(participant).slides for name, size, _ in sized_runs(slide) if name == "Body"}
    assert sizes <= {18.0, 20.0, 24.0, 28.0}, sizes


def test_slide_text_is_set_in_a_sans_serif(participant, resolved_default):
    deck = open_deck(participant)
    faces = {
        run.font.name
        for s in deck.slides
        for sh in s.shapes
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
        for run in p.runs
    }
    assert "Times New Roman" not in faces and "Arial" in faces
    assert resolved_default.theme.fonts.body == "Times New Roman", "the case study keeps its serif"


def test_no_citation_markers_on_slides_only_in_the_notes_and_on_the_sources_slide(participant, resolved_default):
    deck = open_deck(participant)
    sources = resolved_default.label("sources")
    for number, slide in enumerate(deck.slides, start=1):
        if slide_title(slide) != sources:
            assert not CITATION.search(slide_text(slide)), f"slide {number}: {slide_text(slide)[:80]}"
    assert sum(bool(CITATION.search(n)) for n in notes(deck)) > 10


# ---------------------------------------------------------------- editions


def test_participant_deck_holds_no_teaching_note(participant, resolved_default):
    deck = open_deck(participant)
    everything = "\n".join([*(slide_text(s) for s in deck.slides), *notes(deck)])
    note = resolved_default.case.teaching_note
    private = [resolved_default.plain(seg.activity) for seg in note.class_plan if seg.activity]
    private += [resolved_default.plain(n) for n in note.notes] + [f.claim for f in note.fact_checks]
    private += [resolved_default.plain(a) for q in resolved_default.case.questions for a in q.answer_points]
    assert private and not [p for p in private if p in everything]
    agenda = next(s for s in deck.slides if slide_title(s) == resolved_default.label("agenda"))
    for segment in note.class_plan:
        assert segment.title in slide_text(agenda) and resolved_default.label(
            "minutes", n=segment.minutes
        ) in slide_text(agenda)


def test_instructor_notes_have_activities_answers_fact_checks_and_minutes(instructor, resolved_default):
    text = "\n".join(notes(open_deck(instructor)))
    for question in resolved_default.case.questions:
        assert resolved_default.plain(question.question) in text
        for point in question.answer_points:
            assert resolved_default.plain(point) in text
    for check in resolved_default.case.teaching_note.fact_checks:
        assert check.claim in text
    for segment in resolved_default.case.teaching_note.class_plan:
        assert f"{segment.title} · {resolved_default.label('minutes', n=segment.minutes)}" in text
        assert resolved_default.plain(segment.activity) in text


def test_every_slide_of_the_instructor_deck_is_marked(instructor, participant, resolved_default):
    mark = resolved_default.edition_label("instructor")
    for number, slide in enumerate(open_deck(instructor).slides, start=1):
        assert mark in slide_text(slide), f"instructor slide {number} is not marked"
    assert not [s for s in list(open_deck(participant).slides)[1:] if mark in slide_text(s)]


def test_notes_put_each_question_to_the_room_with_its_minutes_for_the_instructor_only(
    participant, instructor, resolved_default
):
    ask = resolved_default.label("ask_the_room")
    texts = {edition: "\n".join(notes(open_deck(deck))) for edition, deck in (("p", participant), ("i", instructor))}
    for question in resolved_default.case.questions:
        asked = f"{ask}: {resolved_default.plain(question.question)}"
        timed = f"{asked} ({resolved_default.label('minutes', n=question.minutes)})"
        assert asked in texts["p"] and timed not in texts["p"] and timed in texts["i"]


def segment_slides(deck, title: str) -> list:
    """The slides whose notes place them in the class-plan segment titled `title`."""
    return [s for s in deck.slides if f"Segment: {title} ·" in s.notes_slide.notes_text_frame.text]


def test_a_first_vote_on_the_decision_then_its_discussion_where_the_plan_names_it_last(participant, resolved_default):
    deck = open_deck(participant)
    decision = resolved_default.case.decision
    naming = [seg for seg in resolved_default.case.teaching_note.class_plan if "decision" in seg.covers]
    assert len(naming) == 2
    (vote,) = [s for s in segment_slides(deck, naming[0].title) if slide_title(s) == decision.slide.headline]
    assert all(option.title in slide_text(vote).replace("\n", " ") for option in decision.options)
    options, constraints, questions = segment_slides(deck, naming[1].title)
    assert slide_title(options) == decision.slide.headline
    shown = slide_text(options).replace("\n", " ")
    assert resolved_default.decision_heading() in shown and resolved_default.label("decider") in shown
    assert all(option.title in shown for option in decision.options)
    assert slide_title(constraints) == resolved_default.label("constraints")
    shown = slide_text(constraints).replace("\n", " ")
    assert all(point in shown for point in decision.slide.points)
    assert f"{resolved_default.label('deadline')}: {resolved_default.plain(decision.deadline)}".split(" [")[0] in shown
    assert slide_title(questions) == resolved_default.label("questions")
    told = options.notes_slide.notes_text_frame.text + constraints.notes_slide.notes_text_frame.text
    whole = [*decision.situation, decision.question, decision.decider, *decision.constraints]
    assert all(resolved_default.plain(t) in told for t in whole + [o.description for o in decision.options])


def test_the_epilogue_and_the_fact_checks_are_in_the_instructor_deck_only(participant, instructor, resolved_default):
    note = resolved_default.case.teaching_note
    (segment,) = [seg for seg in note.class_plan if "epilogue" in seg.covers]
    (reveal,) = segment_slides(open_deck(instructor), segment.title)
    told = reveal.notes_slide.notes_text_frame.text
    assert slide_title(reveal) == note.epilogue_slide.headline
    assert all(point in slide_text(reveal) for point in note.epilogue_slide.points)
    assert all(resolved_default.plain(p) in told for p in note.epilogue)
    assert all(check.claim in told for check in note.fact_checks), "the profile's errors, where the class plan has them"
    deck = open_deck(participant)
    everything = "\n".join([*(slide_text(s) for s in deck.slides), *notes(deck)])
    epilogue = [note.epilogue_slide.headline, *note.epilogue_slide.points]
    epilogue += [resolved_default.plain(p).split(" [")[0] for p in note.epilogue]
    later = {i for p in note.epilogue for span in p.spans for i in span.cites}
    epilogue += [s.title for s in resolved_default.case.sources if s.id in later]  # its sources would tell it too
    assert not segment_slides(deck, segment.title)
    assert not [words for words in epilogue if words in everything]


def test_the_title_slide_says_when_the_case_is_set(participant, resolved_default):
    assert resolved_default.set_in() in slide_text(open_deck(participant).slides[0])
    assert resolved_default.set_in() == "Set in April 2025"


def test_every_part_of_the_case_is_on_a_slide_or_in_the_notes(write_variant):
    """A class plan that names fewer parts leaves the others in the notes, not out of the deck."""

    def fewer(data: dict) -> None:
        for segment in data["teaching_note"]["class_plan"]:
            segment["covers"] = [c for c in segment["covers"] if c not in ("ecosystem", "lessons", "q-ecosystem")]

    resolved = load_resolved(write_variant(fewer))
    deck = open_deck(build(resolved))
    everything = "\n".join([*(slide_text(s) for s in deck.slides), *notes(deck)])
    ecosystem = next(s for s in resolved.case.sections if s.id == "ecosystem")
    assert ecosystem.slide.headline not in [slide_title(s) for s in deck.slides]
    for text in (ecosystem.heading, *map(resolved.plain, ecosystem.paragraphs), *ecosystem.slide.points):
        assert text in everything
    assert all(lesson.title in everything for lesson in resolved.case.lessons)
    assert resolved.plain(resolved.question("q-ecosystem").question) in everything


# ---------------------------------------------------------------- exhibits


def test_exhibit_labels_keep_the_shared_numbering(participant, resolved_default):
    shown = "\n".join(slide_title(s) + "\n" + slide_text(s) for s in open_deck(participant).slides)
    for exhibit in resolved_default.exhibits:
        assert exhibit.heading in shown


def test_spotlight_figures_are_large_numbers(participant, resolved_default):
    deck = open_deck(participant)
    label = resolved_default.exhibit("spotlight").heading
    slide = next(s for s in deck.slides if label in slide_text(s))
    sizes = {
        run.text: run.font.size.pt
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for run in p.runs
    }
    for figure in resolved_default.case.spotlight.figures:
        assert sizes[figure.value] >= 36


def test_comparison_is_a_native_table_with_values_and_cell_notes(participant, resolved_default):
    comp = resolved_default.case.comparison
    tables = [sh.table for s in open_deck(participant).slides for sh in s.shapes if sh.has_table]
    cells = "\n".join(cell.text for table in tables for row in table.rows for cell in row.cells)
    for metric in comp.metrics:
        for value in metric.values.values():
            assert value.value in cells and (value.note or "") in cells
    assert all(e.name in cells for e in comp.entities)


def test_charts_show_quantities_with_units_one_colour_per_entity(participant, resolved_default):
    comp = resolved_default.case.comparison
    charts = [sh for s in open_deck(participant).slides for sh in s.shapes if sh.has_chart]
    charted = [m for m in comp.metrics if m.numeric and m.unit and m.chart is not False]
    assert [sh.chart.chart_title.text_frame.text for sh in charts] == [
        resolved_default.metric_label(m) for m in charted
    ]
    colours = {}
    for shape, metric in zip(charts, charted, strict=True):
        plot = shape.chart.plots[0]
        names = list(plot.categories)
        assert list(plot.series[0].values) == [
            metric.values[e.id].number for e in comp.entities if e.id in metric.values
        ]
        assert plot.has_data_labels and shape._element.nvGraphicFramePr.cNvPr.get("descr")
        axis = shape.chart.category_axis._element
        assert axis.find(qn("c:tickLblSkip")).get("val") == "1", "every category named"
        assert all(int(a.get("val")) < 2**31 for a in shape.chart._chartSpace.iter(qn("c:axId"))), "LibreOffice's limit"
        fills = [p.format.fill.fore_color.rgb for p in plot.series[0].points]
        assert len(set(fills)) == len(names), "one colour per entity"
        for name, fill in zip(names, fills, strict=True):
            assert colours.setdefault(name, fill) == fill, "the same entity the same colour in every chart"


def test_no_chart_category_or_series_is_made_of_years(write_variant):
    def with_years(data: dict) -> None:
        launched = {
            "id": "launched",
            "label": "Launched",
            "values": {e["id"]: str(2006 + i) for i, e in enumerate(data["comparison"]["entities"])},
        }
        ranked = {
            "id": "rank",
            "label": "Rank",
            "unit": "position",
            "chart": True,
            "values": {e["id"]: str(i + 1) for i, e in enumerate(data["comparison"]["entities"])},
        }
        data["comparison"]["metrics"] += [launched, {**launched, "id": "launched-2", "chart": True}, ranked]

    deck = open_deck(build(load_resolved(write_variant(with_years))))
    charts = [sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart]
    assert charts
    for chart in charts:
        values = list(chart.plots[0].series[0].values)
        assert not all(1000 <= v <= 2999 and v == int(v) for v in values), chart.chart_title.text_frame.text
        assert not any(re.fullmatch(r"\d{4}", c) for c in chart.plots[0].categories)
        assert chart.chart_title.text_frame.text not in ("Launched", "Rank (position)")


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
    assert sum(f"Lesson {i}:" in texts for i in range(12)) == 12, "all twelve lessons on the overview"
    assert len(deck.slides) <= 36


def continuation_fill(slide, height: float) -> float:
    """How much of the room under the title a slide's content takes: measured text, drawn tables and charts."""
    title = next(p for p in slide.placeholders if p.placeholder_format.type in TITLE_TYPES)
    footer = min(Emu(sh.top).pt for sh in slide.shapes if role(sh) == "Source")
    top, bottom = footer, 0.0
    for shape in slide.shapes:
        if shape.is_placeholder or role(shape) == "Source":
            continue
        y = Emu(shape.top).pt
        if shape.has_text_frame and shape.text_frame.text.strip():
            h = needed_height(shape)
        elif shape.has_text_frame:
            continue
        else:
            h = Emu(shape.height).pt
        top, bottom = min(top, y), max(bottom, y + h)
    room = footer - Emu(title.top + title.height).pt
    return (bottom - top) / room


def test_no_continuation_slide_is_less_than_a_third_full(stress_deck):
    deck = open_deck(stress_deck)
    height = Emu(deck.slide_height).pt
    continued = [s for s in deck.slides if slide_title(s).endswith("(continued)")]
    assert continued
    for slide in continued:
        assert continuation_fill(slide, height) >= 1 / 3, slide_title(slide)


def test_continuation_slides_carry_a_short_note_not_the_whole_talk_again(stress_deck):
    """The talk track is on the slide a part starts on; its continuations only say where they belong."""
    deck = open_deck(stress_deck)
    pages = list(zip([slide_title(s) for s in deck.slides], notes(deck), strict=True))
    continued = [(i, title, text) for i, (title, text) in enumerate(pages) if title.endswith("(continued)")]
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
    data["sections"][2].pop("slide")


@pytest.mark.parametrize("template", [False, True], ids=["16x9", "4x3-template"])
def test_names_and_titles_at_their_limits_fit_and_are_never_lost(write_variant, tmp_path, template):
    resolved = load_resolved(write_variant(long_names))
    company = read(make_template(tmp_path / "t.pptx")) if template else None
    data = build(resolved, edition="participant", template=company)
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
    from casestudy.renderers.pptx.spec import Points, SlideSpec

    deck = Deck(Grid(240, 135), Style.from_theme(resolved_default.theme), resolved_default.continued, "Footer")
    spec = SlideSpec("content", LONG_HEADING, Points(((),)))
    deck.add(spec, "Talk.", "Continued.")
    page = deck.pages[0]
    assert "…" in "".join(p.text for p in page.title.paras)
    assert page.notes == f"{LONG_HEADING}\n\nTalk."


# ---------------------------------------------------------------- names and scripts


def profile_covered(data: dict) -> None:
    data["teaching_note"]["class_plan"][0]["covers"].append("protagonist")


def test_a_cjk_name_is_drawn_in_its_face_with_latin_brackets_and_never_broken(write_variant, resolved_default):
    deck = open_deck(build(load_resolved(write_variant(profile_covered))))
    runs = [
        r for s in deck.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs
    ]
    cjk = resolved_default.theme.fonts.cjk
    ea = qn("a:ea")
    for run in runs:
        face = run._r.rPr.find(ea).get("typeface")
        if any("\u4e00" <= c <= "\u9fff" for c in run.text):
            assert face == cjk and run.font.name == cjk and not re.search(r"[()\s]", run.text), run.text
        elif "(" in run.text or ")" in run.text:
            assert face != cjk, f"a bracket in the CJK face: {run.text!r}"
    shown = "\n".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
    assert f"雷{WORD_JOINER}军" in shown and f"小{WORD_JOINER}米{WORD_JOINER}集{WORD_JOINER}团" in shown
    assert f"Lei Jun（雷{WORD_JOINER}军）" in shown, "full-width brackets hug a CJK name: no '( 雷军 )'"


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
        data = build(resolved_default, template=read(template))
    deck = open_deck(data)
    assert Emu(deck.slide_width).inches == 10 and Emu(deck.slide_height).inches == 7.5
    assert "no layout with a title and no body; using 'Title and Content' for exhibit slides" in caplog.text
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
        build(resolved_default, template=read(path))


RED_GREEN = replace(
    KESTREL,
    name="Signal",
    colours={**KESTREL.colours, "accent1": "D00000", "accent2": "00A000", "dk2": "400000", "lt2": "EEFFEE"},
    heading="Arial",
    body="Arial",
)
SLOTS = {"tx1", "tx2", "bg1", "bg2", "dk1", "dk2", "lt1", "lt2", *(f"accent{i}" for i in range(1, 7))}


@pytest.fixture(scope="module")
def company_decks(tmp_path_factory, resolved_default) -> dict[str, bytes]:
    """The default case on the German 4:3 template, on a red and green one, and (instructor) on the red one."""
    folder = tmp_path_factory.mktemp("decks")
    german = read(deck_template(HANSE, folder / "hanse.pptx"))
    signal = read(deck_template(RED_GREEN, folder / "signal.potx"))
    return {
        "german": build(resolved_default, template=german),
        "signal": build(resolved_default, template=signal),
        "signal-instructor": build(load_resolved(DEFAULT, "instructor"), edition="instructor", template=signal),
    }


def test_a_german_template_gets_its_layouts_by_what_they_hold(resolved_default, tmp_path, caplog):
    template = read(deck_template(HANSE, tmp_path / "hanse.pptx"))
    with caplog.at_level(logging.WARNING):
        deck = open_deck(build(resolved_default, template=template))
    assert caplog.text == "", "no fallback: every kind of page has its layout"
    assert (Emu(deck.slide_width).inches, Emu(deck.slide_height).inches) == (10, 7.5)
    used = [slide.slide_layout.name for slide in deck.slides]
    assert used[0] == used[-2] == "Titelfolie", "the title and closing slides"  # the sources slide is last
    assert {"Nur Titel", "Titel und Inhalt"} == set(used) - {"Titelfolie"}
    timeline = next(s for s in deck.slides if any(sh.name.startswith("Label") for sh in s.shapes))
    assert timeline.slide_layout.name == "Nur Titel", "an exhibit the deck draws: a title and nothing else"


def test_on_a_template_body_text_is_in_the_layouts_body_placeholder(company_decks):
    deck = open_deck(company_decks["german"])
    text_slides = [s for s in deck.slides if s.slide_layout.name == "Titel und Inhalt"]
    assert text_slides
    for slide in text_slides:
        body = [ph for ph in slide.placeholders if ph.placeholder_format.idx == 1]
        assert body and body[0].text_frame.text.strip(), slide_title(slide)
        loose = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.TEXT_BOX and sh.name.startswith("Body")]
        assert not loose, "body text in a free text box (a call-out in its band is drawn, not body text)"
    assert overflows(io.BytesIO(company_decks["german"])) == []
    assert overlaps(io.BytesIO(company_decks["german"])) == []


def test_on_a_template_the_footer_and_number_are_its_own(company_decks, resolved_default):
    for name, words in (("signal", "Lei Jun and Xiaomi"), ("signal-instructor", "Instructor edition")):
        deck = open_deck(company_decks[name])
        for number, slide in enumerate(deck.slides, start=1):
            if slide.slide_layout.name == "Title Slide" and name == "signal":
                continue  # a participant's title slide has no footer
            kinds = {ph.placeholder_format.type: ph for ph in slide.placeholders}
            assert words in kinds[PP_PLACEHOLDER.FOOTER].text_frame.text, number
            field = kinds[PP_PLACEHOLDER.SLIDE_NUMBER]._element.find(f".//{qn('a:fld')}")
            assert field.get("type") == "slidenum" and field.findtext(qn("a:t")) == str(number)
            assert not [sh for sh in slide.shapes if sh.name.startswith("Source") and words in sh.text_frame.text]


def test_on_a_template_the_deck_draws_no_band_rule_or_logo(company_decks):
    deck = open_deck(company_decks["signal"])
    for slide in (deck.slides[0], deck.slides[len(deck.slides) - 2]):  # title and closing
        assert all(sh.is_placeholder for sh in slide.shapes), [sh.name for sh in slide.shapes]


@pytest.mark.parametrize("pictures", [False, True], ids=["template-without-logo", "template-with-logo"])
def test_the_outlines_logo_shows_only_where_the_template_has_none(write_variant, tmp_path, pictures):
    logo = tmp_path / "school.png"
    logo.write_bytes((Path(__file__).parents[1] / "assets" / "logo-classic.png").read_bytes())
    resolved = load_resolved(write_variant(lambda data: data["theme"].update(logo="school.png")))
    path = deck_template(RED_GREEN, tmp_path / "signal.pptx") if pictures else make_template(tmp_path / "plain.pptx")
    deck = open_deck(build(resolved, template=read(path)))
    logos = [sh for sh in deck.slides[0].shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(logos) == (0 if pictures else 1)


def colours_drawn(package: bytes) -> tuple[set[str], set[str]]:
    """The RGB colours and the theme colour slots the slides and charts of a deck name."""
    rgb, slots = set(), set()
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        for name in zf.namelist():
            if re.fullmatch(r"ppt/(slides/slide|charts/chart)\d+\.xml", name):
                xml = zf.read(name).decode()
                rgb |= set(re.findall(r'<a:srgbClr val="([0-9A-Fa-f]{6})"', xml))
                rgb |= set(re.findall(r'<a:sysClr [^>]*lastClr="([0-9A-Fa-f]{6})"', xml))
                slots |= set(re.findall(r'<a:schemeClr val="(\w+)"', xml))
    return {c.upper() for c in rgb}, slots


def test_every_colour_the_deck_draws_comes_from_the_templates_theme(company_decks):
    rgb, slots = colours_drawn(company_decks["signal"])
    assert rgb <= {*RED_GREEN.colours.values(), "000000", "FFFFFF"}, rgb
    assert slots <= SLOTS and {"accent1", "accent2", "tx1", "bg1"} <= slots, slots
    deck = open_deck(company_decks["signal"])
    table = next(sh.table for s in deck.slides for sh in s.shapes if sh.has_table)
    header = table.cell(0, 1)._tc.tcPr.find(f"{qn('a:solidFill')}/{qn('a:schemeClr')}")
    assert header.get("val") == "accent1", "the comparison's header in the template's first accent"


def test_without_a_template_the_deck_keeps_the_themes_own_colours(participant, resolved_default):
    rgb, slots = colours_drawn(participant)
    theme = resolved_default.theme.colours
    assert {theme.primary.lstrip("#"), theme.accent.lstrip("#"), "FFFFFF"} <= rgb and not slots
    deck = open_deck(participant)
    title = deck.slides[1].shapes.title.text_frame.paragraphs[0].runs[0].font
    assert str(title.color.rgb) == theme.primary.lstrip("#"), "titles in the theme's primary colour"
    shapes = [sh for slide in deck.slides for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    fills = {str(sh.fill.fore_color.rgb) for sh in shapes if sh.name.startswith("Label")}
    assert fills == {"FFFFFF"}, "the timeline's labels on white"


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


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60))  # what an outline may hold
def test_wrapping_never_loses_a_character(text):
    """Every character is in some line: the break opportunities cover the text, brackets and CJK included."""
    from casestudy.renderers.pptx import fit

    p = fit.para(text, 24, "Arial", "WenQuanYi Zen Hei", "#000000")
    kept = "".join(p.text[a:b] for a, b in fit.wrap(p, 120))
    assert "".join(kept.split()) == "".join(p.text.split())


def test_a_line_never_starts_with_closing_punctuation_or_ends_with_an_opening_bracket():
    from casestudy.renderers.pptx import fit

    p = fit.para("雷军创立了小米（小米集团），然后进入汽车行业。" * 4, 24, "Arial", "WenQuanYi Zen Hei", "#000000")
    lines = [p.text[a:b] for a, b in fit.wrap(p, 200)]
    assert len(lines) > 3
    assert not [line for line in lines if line[0] in "，。）" or line[-1] == "（"], lines


def test_text_too_long_for_a_frame_is_spread_evenly_over_pages_that_each_fit():
    from casestudy.renderers.pptx import fit

    paras = tuple(fit.para("word " * 150, 20, "Arial", "WenQuanYi Zen Hei", "#000000") for _ in range(3))
    pages = fit.split_to_pages(paras, 400, 300)
    heights = [fit.block_height(page, 400) for page in pages]
    assert len(pages) > 3 and all(h <= 300 for h in heights)
    assert min(heights) >= max(heights) * 0.6, heights  # evened out: no page a sliver
    assert all(p.size == 20 for page in pages for p in page), "never shrunk"
    assert " ".join(p.text for page in pages for p in page).split() == ("word " * 450).split()


def test_a_paragraph_that_fits_a_frame_moves_whole_to_the_next():
    from casestudy.renderers.pptx import fit

    paras = (fit.para("word " * 60, 20, "Arial", "WenQuanYi Zen Hei", "#000000"),) * 2
    pages = fit.split_to_pages(paras, 400, fit.block_height(paras[:1], 400) * 1.5)
    assert [len(page) for page in pages] == [1, 1]
    assert all(p.text == paras[0].text.strip() for page in pages for p in page)


def test_stress_timeline_shows_ten_of_sixty_milestones_and_the_notes_all(stress_deck):
    deck = open_deck(stress_deck)
    label = "Exhibit 1:"
    ((slide, text),) = [(s, n) for s, n in zip(deck.slides, notes(deck), strict=True) if label in slide_text(s)]
    shown = slide_text(slide)
    assert sum(f"Milestone {i} " in shown for i in range(60)) == 10
    assert all(f"Milestone {i} " in text for i in range(60))


# ---------------------------------------------------------------- inline formatting


def runs_of(deck) -> list:
    frames = [sh.text_frame for s in deck.slides for sh in s.shapes if sh.has_text_frame]
    return [r for frame in frames for p in frame.paragraphs for r in p.runs]


def marked_up_lead(data: dict) -> None:
    section = next(s for s in data["sections"] if s.get("exhibit") == "journey")  # a slide every plan here keeps
    section.pop("slide", None)  # without slide text, the section's slide shows its lead sentence over its exhibit
    section["paragraphs"][0] = (
        f"Read [the launch report](https://example.org/su7) **first**, *then* the rest. {section['paragraphs'][0]}"
    )


def test_bold_italics_and_links_from_the_outline_reach_the_slides(write_variant):
    runs = runs_of(open_deck(build(load_resolved(write_variant(marked_up_lead)))))
    assert "first" in [r.text for r in runs if r.font.bold]
    assert "then" in [r.text for r in runs if r.font.italic]
    link = next(r for r in runs if r.hyperlink.address)
    assert (link.text, link.hyperlink.address) == ("the launch report", "https://example.org/su7")
    assert not [r for r in runs if r.text.startswith(" the rest") and (r.font.bold or r.font.italic)]


def test_a_lead_is_cut_in_the_marked_up_text_and_keeps_its_styles():
    from casestudy.inline import Span
    from casestudy.renderers.pptx.words import lead

    spans = (Span("Bold start", strong=True), Span(" and a link", href="https://x.org"), Span(". Then more."))
    assert lead(spans) == (Span("Bold start", strong=True), Span(" and a link", href="https://x.org"), Span("."))
    cut = lead((Span("word " * 10, emph=True), Span("tail " * 100)), limit=60)
    assert cut[0] == Span("word " * 10, emph=True) and cut[-1].text.endswith("tail…") and not cut[-1].emph
    assert sum(len(s.text) for s in cut) <= 61
    assert lead((Span("雷军创立了小米。之后进入汽车行业。"),)) == (Span("雷军创立了小米。"),)

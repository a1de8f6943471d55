"""What all formats share: exhibit numbers, citation numbers, labels, document properties (casestudy.resolve)."""

from __future__ import annotations

from casestudy.build import load_resolved
from casestudy.model import InlineText, PartialDate, walk
from casestudy.resolve import LESSONS_IN_CLASS, OFFICE_PROPERTY_LIMIT, LessonsShown, shown_in


def test_exhibits_are_numbered_in_the_order_sections_present_them(resolved_default):
    case = resolved_default.case
    presented = [s.exhibit for s in case.sections if s.exhibit]
    numbered = [e.id for e in resolved_default.exhibits]
    assert numbered[: len(presented)] == presented
    assert [e.number for e in resolved_default.exhibits] == list(range(1, len(numbered) + 1))
    assert all(e.label == f"Exhibit {e.number}" for e in resolved_default.exhibits)
    journey = resolved_default.exhibit("journey")
    assert journey.title == "Milestones, 1969-2025" and journey.source_line.startswith("Sources: ")


def test_citations_are_numbered_by_first_appearance_from_the_summary(resolved_default, resolved_instructor):
    case = resolved_default.case
    first_cited = next(span.cites[0] for span in case.summary.spans if span.cites)
    for resolved in (resolved_default, resolved_instructor):
        assert resolved.citation_numbers[first_cited] == 1 and resolved.cite_label((first_cited,)) == "[1]"
        count = len(resolved.endnotes)
        assert sorted(resolved.citation_numbers.values()) == list(range(1, count + 1))  # no gaps
        assert [resolved.citation_numbers[s.id] for s in resolved.endnotes] == list(range(1, count + 1))


def cited_in(case, instructor_parts: bool) -> set[str]:
    """The sources cited by the parts only instructors see, or by the others."""
    ids = set()
    for loc, value in walk(case):
        if shown_in("participant", loc) == instructor_parts:
            continue
        if isinstance(value, InlineText):
            ids |= {i for span in value.spans for i in span.cites}
        elif loc[-1:] == ("source",) and isinstance(value, str):
            ids.add(value)
    return ids


def test_each_edition_lists_the_sources_its_parts_cite_under_shared_numbers(resolved_default, resolved_instructor):
    case = resolved_default.case
    participants = cited_in(case, instructor_parts=False)
    assert set(resolved_default.citation_numbers) == participants
    assert "article" not in participants and "article" in cited_in(case, instructor_parts=True)
    assert set(resolved_instructor.citation_numbers) == {s.id for s in case.sources}
    shared = {i: resolved_instructor.citation_numbers[i] for i in resolved_default.citation_numbers}
    assert shared == dict(resolved_default.citation_numbers)  # the instructor's extra sources come after


def test_an_uncited_source_is_listed_in_the_instructor_edition_only(write_variant):
    uncited = {"id": "further", "title": "Further reading", "publisher": "A library", "note": "In print only."}
    path = write_variant(lambda data: data["sources"].append(uncited))
    participant, instructor = load_resolved(path), load_resolved(path, "instructor")
    assert "further" not in participant.citation_numbers
    assert instructor.citation_numbers["further"] == len(instructor.endnotes)


def test_instructor_parts_are_shown_in_the_instructor_edition_only(resolved_default, resolved_instructor):
    for part in ("teaching_note", "answer_points", "minutes"):
        assert resolved_instructor.shows(part) and not resolved_default.shows(part), part
    for part in ("sections", "decision", "lessons", "questions", "sources"):
        assert resolved_instructor.shows(part) and resolved_default.shows(part), part


def test_the_lessons_wait_for_class_unless_the_outline_makes_a_briefing(
    write_variant, resolved_default, resolved_instructor
):
    in_case, takeaways = LessonsShown(True, False), LessonsShown(False, True)
    assert [resolved_default.lessons_for(fmt) for fmt in ("pdf", "markdown")] == [LessonsShown(False, False)] * 2
    assert [resolved_default.lessons_for(fmt) for fmt in ("docx", "pptx")] == [in_case] * 2
    path = write_variant(lambda data: data["meta"].update(lessons_in_case=True))
    briefing = load_resolved(path, "instructor")
    assert {briefing.lessons_for(fmt) for fmt in LESSONS_IN_CLASS} == {in_case}
    assert resolved_instructor.lessons_for("pdf") == takeaways


def test_dates_in_words_and_the_decision_heading(write_variant, resolved_default):
    assert resolved_default.set_in() == "Set in April 2025"
    dates = [PartialDate(year=2025), PartialDate(year=2025, month=4, day=16)]
    assert [resolved_default.date_words(date) for date in dates] == ["2025", "16 April 2025"]
    assert resolved_default.decision_heading() == resolved_default.case.decision.heading

    def chinese_without_heading(data):
        data["meta"]["language"] = "zh-Hans"
        del data["decision"]["heading"]

    chinese = load_resolved(write_variant(chinese_without_heading))
    assert chinese.set_in() == "案例时间：2025 年 4 月" and chinese.decision_heading() == "待做的决策"


def test_a_source_note_follows_its_reference(resolved_instructor):
    article = next(s for s in resolved_instructor.endnotes if s.id == "article")
    assert resolved_instructor.source_reference(article).endswith(f". {article.note}")
    run_in = resolved_instructor.run_in
    assert (run_in("Launch"), run_in("Go?"), run_in("按期上市"), run_in("放慢？")) == (
        "Launch. ",
        "Go? ",
        "按期上市。",
        "放慢？",
    )


def test_labels_follow_the_language_and_overrides(write_variant):
    def chinese(data):
        data["meta"]["language"] = "zh-Hans"
        data["labels"] = {"questions": "课堂讨论"}

    resolved = load_resolved(write_variant(chinese))
    assert resolved.label("page_of", page=2, pages=9) == "第 2 页，共 9 页"
    assert resolved.label("questions") == "课堂讨论"
    assert resolved.exhibits[0].label.startswith("图表 ")


def test_properties_fit_office_limits(write_variant):
    def many_authors(data):
        data["meta"]["authors"] = [f"Author Number {i} of a Long Committee" for i in range(20)]

    properties = load_resolved(write_variant(many_authors)).properties
    assert len(properties.author) <= OFFICE_PROPERTY_LIMIT and properties.author.endswith("…")
    assert properties.author.startswith("Author Number 0 of a Long Committee; Author Number 1")


def test_timestamp_comes_from_source_date_epoch_or_the_outline(monkeypatch, resolved_default):
    assert resolved_default.timestamp.date() == resolved_default.case.meta.date
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    from casestudy.resolve import document_timestamp

    assert document_timestamp(resolved_default.case).isoformat() == "2023-11-14T22:13:20+00:00"


def test_lookups_by_id_and_numbers(resolved_default):
    case = resolved_default.case
    section = next(s for s in case.sections if s.pull_quote)
    assert resolved_default.quote(section.pull_quote).id == section.pull_quote
    assert resolved_default.quote(None) is None and resolved_default.quote("no-such-quote") is None
    assert resolved_default.question(case.questions[2].id) == case.questions[2]
    assert [resolved_default.question_number(q) for q in case.questions] == list(range(1, len(case.questions) + 1))
    assert [resolved_default.lesson_number(lesson) for lesson in case.lessons] == list(range(1, len(case.lessons) + 1))
    entity = case.comparison.entities[1]
    assert resolved_default.entity(entity.id) == entity
    assert resolved_default.class_plan_minutes == case.meta.session_minutes


def test_words_made_of_parts(resolved_default):
    case = resolved_default.case
    assert resolved_default.name_of(case.protagonist) == "Lei Jun (雷军)"
    assert resolved_default.name_of(case.organisation) == f"{case.organisation.name} ({case.organisation.native_name})"
    metric = next(m for m in case.comparison.metrics if m.unit)
    assert resolved_default.metric_label(metric) == f"{metric.label} ({metric.unit})"
    assert resolved_default.as_of() == f"As of {case.comparison.as_of}"
    assert resolved_default.edition_label("instructor") == "Instructor edition"
    check = case.teaching_note.fact_checks[0]
    assert resolved_default.verdict(check) == resolved_default.label(f"verdict_{check.verdict}")
    quote = case.quotes[0]
    assert resolved_default.attribution(quote) == f"— {quote.speaker}, {quote.context}"


def test_a_part_cites_its_source_unless_its_text_already_does(resolved_default):
    milestone = next(m for m in resolved_default.case.journey if m.source and m.detail)
    cited_in_detail = any(milestone.source in span.cites for span in milestone.detail.spans)
    assert resolved_default.part_cites(milestone.source) == (milestone.source,)
    assert resolved_default.part_cites(milestone.source, milestone.detail) == (
        () if cited_in_detail else (milestone.source,)
    )
    assert resolved_default.part_cites(None) == () and resolved_default.part_cites("no-such-source") == ()


def test_the_journey_is_shown_once_drawn_with_details_listed_or_all_listed(resolved_default):
    journey = resolved_default.case.journey
    dated = sorted(journey, key=lambda m: m.date.sort_key)
    drawn = resolved_default.journey_for("pdf")
    assert drawn.drawn == tuple(dated) and drawn.listed == tuple(m for m in dated if m.detail)
    assert 0 < len(drawn.listed) < len(journey)
    listed = resolved_default.journey_for("docx")
    assert listed.drawn == () and listed.listed == tuple(dated)

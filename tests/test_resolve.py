"""What all formats share: exhibit numbers, citation numbers, labels, document properties (casestudy.resolve)."""

from __future__ import annotations

from casestudy.build import load_resolved
from casestudy.model import InlineText, walk
from casestudy.resolve import OFFICE_PROPERTY_LIMIT


def test_exhibits_are_numbered_in_the_order_sections_present_them(resolved_default):
    case = resolved_default.case
    presented = [s.exhibit for s in case.sections if s.exhibit]
    numbered = [e.id for e in resolved_default.exhibits]
    assert numbered[: len(presented)] == presented
    assert [e.number for e in resolved_default.exhibits] == list(range(1, len(numbered) + 1))
    assert all(e.label == f"Exhibit {e.number}" for e in resolved_default.exhibits)
    journey = resolved_default.exhibit("journey")
    assert journey.title == "Milestones, 1969-2025" and journey.source_line.startswith("Sources: ")


def test_citations_are_numbered_by_first_appearance(resolved_default):
    case = resolved_default.case
    texts = [value for _, value in walk(case) if isinstance(value, InlineText)]
    first_cited = next(span.cites[0] for text in texts for span in text.spans if span.cites)
    assert resolved_default.citation_numbers[first_cited] == 1
    assert sorted(resolved_default.citation_numbers.values()) == list(range(1, len(case.sources) + 1))
    assert [resolved_default.citation_numbers[s.id] for s in resolved_default.endnotes] == list(
        range(1, len(case.sources) + 1)
    )
    assert resolved_default.cite_label((first_cited,)) == "[1]"


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

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

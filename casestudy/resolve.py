"""What all formats share, computed once: exhibit numbers and titles, citation numbers, labels.

Renderers receive a `ResolvedCase` and print what it says: "Exhibit 3" in the PDF is
"Exhibit 3" on the slide and in the handout because nobody else counts.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from casestudy.inline import Span
from casestudy.labels import format_label, resolve_labels
from casestudy.model import EXHIBIT_PARTS, Case, InlineText, Source, exhibit_ids, walk
from casestudy.theme import Theme

ExhibitKind = Literal["journey", "pillars", "spotlight", "comparison", "image"]


@dataclass(frozen=True)
class Exhibit:
    """One numbered exhibit: what it shows, its number, title and source line."""

    id: str
    kind: ExhibitKind
    number: int
    label: str  # "Exhibit 3"
    title: str
    source_ids: tuple[str, ...]
    source_line: str  # "Sources: Teslarati; CnEVPost" (empty when it has none)
    section: str | None  # id of the section that presents it, if any


OFFICE_PROPERTY_LIMIT = 255  # characters Word and PowerPoint accept in a core property


@dataclass(frozen=True)
class DocumentProperties:
    """The metadata every format carries, worded once (and short enough for Office)."""

    title: str
    subject: str
    author: str
    keywords: str
    language: str

    @classmethod
    def of(cls, case: Case) -> DocumentProperties:
        meta = case.meta
        return cls(
            title=meta.title,
            subject=meta.subtitle or meta.audience,
            author=_clip("; ".join(meta.authors)),
            keywords=_clip(", ".join(meta.keywords)),
            language=meta.language,
        )


def _clip(text: str) -> str:
    """Cut a long list at its last whole item that fits, marked with an ellipsis."""
    if len(text) <= OFFICE_PROPERTY_LIMIT:
        return text
    cut = text[: OFFICE_PROPERTY_LIMIT - 1]
    return cut[: max(cut.rfind(" "), 1)].rstrip(",; ") + "…"


@dataclass(frozen=True)
class ResolvedCase:
    """The case with everything the three formats must agree on already worked out."""

    case: Case
    theme: Theme
    labels: Mapping[str, str]
    exhibits: tuple[Exhibit, ...]
    citation_numbers: Mapping[str, int]  # source id -> endnote number
    endnotes: tuple[Source, ...]  # in number order
    image_files: Mapping[str, Path] = field(default_factory=dict)  # image id -> checked file
    timestamp: dt.datetime = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)  # document dates, see below
    properties: DocumentProperties | None = None
    _exhibit_by_id: Mapping[str, Exhibit] = field(repr=False, default_factory=dict)

    def label(self, key: str, **values: object) -> str:
        """A printed word from the label table, placeholders filled."""
        return format_label(self.labels[key], **values)

    def exhibit(self, exhibit_id: str) -> Exhibit | None:
        return self._exhibit_by_id.get(exhibit_id)

    def exhibits_for_section(self, section_id: str) -> tuple[Exhibit, ...]:
        return tuple(e for e in self.exhibits if e.section == section_id)

    def cite_label(self, ids: tuple[str, ...]) -> str:
        """The marker for a citation span: "[3]" or "[1, 4]"."""
        numbers = sorted(self.citation_numbers[i] for i in ids if i in self.citation_numbers)
        return "[" + ", ".join(map(str, numbers)) + "]" if numbers else ""

    def ref_label(self, exhibit_id: str) -> str:
        """The words for an exhibit reference: "Exhibit 3"."""
        exhibit = self.exhibit(exhibit_id)
        return exhibit.label if exhibit else exhibit_id

    def span_text(self, span: Span) -> str:
        """What a span prints: its text, its citation marker or its exhibit reference."""
        if span.cites:
            return self.cite_label(span.cites)
        if span.ref:
            return self.ref_label(span.ref)
        return span.text

    def plain(self, text: InlineText | str | None) -> str:
        """Text as one string with citations and references printed (slide titles, notes)."""
        if text is None:
            return ""
        if isinstance(text, str):
            return text
        return "".join(self.span_text(span) for span in text.spans)

    def source_reference(self, source: Source) -> str:
        """A source as an endnote line: publisher, title, date (no number, no URL)."""
        parts = [p for p in (source.publisher, source.title) if p]
        if source.date:
            parts.append(str(source.date))
        return ". ".join(parts) + "."


def document_timestamp(case: Case) -> dt.datetime:
    """The date every document carries: SOURCE_DATE_EPOCH when set, else the outline's date.

    Never the current time, so the same outline gives byte-identical documents.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.combine(case.meta.date, dt.time(12, 0), tzinfo=dt.timezone.utc)


def resolve(case: Case, theme: Theme, image_files: Mapping[str, Path] | None = None) -> ResolvedCase:
    """Number exhibits and citations and pick the labels: once, for every renderer."""
    labels = resolve_labels(case.meta.language, case.labels)
    numbers = _citation_numbers(case)
    by_id = {s.id: s for s in case.sources}
    endnotes = tuple(by_id[i] for i in sorted(numbers, key=numbers.__getitem__))
    exhibits = _number_exhibits(case, labels, numbers)
    return ResolvedCase(
        case=case,
        theme=theme,
        labels=labels,
        exhibits=exhibits,
        citation_numbers=numbers,
        endnotes=endnotes,
        image_files=dict(image_files or {}),
        timestamp=document_timestamp(case),
        properties=DocumentProperties.of(case),
        _exhibit_by_id={e.id: e for e in exhibits},
    )


def _citation_numbers(case: Case) -> dict[str, int]:
    """Sources numbered by first citation in reading order; uncited sources follow."""
    known = {s.id for s in case.sources}
    order: dict[str, int] = {}
    for loc, value in walk(case):
        if loc[:1] == ("sources",):
            break
        for source_id in _cited_ids(loc, value):
            if source_id in known and source_id not in order:
                order[source_id] = len(order) + 1
    for source in case.sources:
        order.setdefault(source.id, len(order) + 1)
    return order


def _cited_ids(loc: tuple, value: object) -> tuple[str, ...]:
    if isinstance(value, InlineText):
        return tuple(i for span in value.spans for i in span.cites)
    if loc and loc[-1] == "source" and isinstance(value, str):
        return (value,)
    return ()


def _number_exhibits(case: Case, labels: Mapping[str, str], numbers: Mapping[str, int]) -> tuple[Exhibit, ...]:
    available = exhibit_ids(case)
    order: list[tuple[str, str | None]] = []
    for section in case.sections:
        if section.exhibit in available and section.exhibit not in [e for e, _ in order]:
            order.append((section.exhibit, section.id))
    portrait = case.protagonist.portrait
    for exhibit_id in [*EXHIBIT_PARTS, *(i.id for i in case.images if i.id != portrait)]:
        if exhibit_id in available and exhibit_id not in [e for e, _ in order]:
            order.append((exhibit_id, None))
    by_source = {s.id: s for s in case.sources}
    out = []
    for n, (exhibit_id, section) in enumerate(order, start=1):
        kind: ExhibitKind = exhibit_id if exhibit_id in EXHIBIT_PARTS else "image"  # type: ignore[assignment]
        source_ids = tuple(sorted(set(_exhibit_sources(case, exhibit_id)), key=lambda i: numbers.get(i, 0)))
        names = list(dict.fromkeys(by_source[i].publisher or by_source[i].title for i in source_ids if i in by_source))
        out.append(
            Exhibit(
                id=exhibit_id,
                kind=kind,
                number=n,
                label=format_label(labels["exhibit"], n=n),
                title=_exhibit_title(case, exhibit_id, labels),
                source_ids=source_ids,
                source_line=f"{labels['sources_line']}: {'; '.join(names)}." if names else "",
                section=section,
            )
        )
    return tuple(out)


def _exhibit_title(case: Case, exhibit_id: str, labels: Mapping[str, str]) -> str:
    if exhibit_id == "journey":
        years = [m.date.year for m in case.journey]
        return format_label(labels["journey_title"], first=min(years), last=max(years))
    if exhibit_id == "pillars":
        return labels["pillars"]
    if exhibit_id == "spotlight" and case.spotlight:
        return case.spotlight.title or f"{case.spotlight.name}: {labels['key_figures'].lower()}"
    if exhibit_id == "comparison" and case.comparison:
        return case.comparison.title
    return next(i.caption for i in case.images if i.id == exhibit_id)


def _exhibit_sources(case: Case, exhibit_id: str) -> list[str]:
    part = {"journey": case.journey, "pillars": case.pillars, "spotlight": case.spotlight}
    part["comparison"] = case.comparison
    target = part.get(exhibit_id)
    if target is None:
        return []
    return [i for loc, value in walk(target) for i in _cited_ids(loc, value)]

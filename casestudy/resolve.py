"""What all formats share, decided once: numbers, citations, labels, lookups, and what each shows.

Writers receive a `ResolvedCase` and print what it says: "Exhibit 3" in the PDF is "Exhibit 3"
on the slide and in the handout because nobody else counts. A writer asks; it never re-derives:
every id lookup, display name, number, joined label and which quotes and sources a document
shows is answered here. A `ResolvedCase` is resolved for one edition: which parts of the outline
only instructors see is stated once, in `INSTRUCTOR_PARTS`, and decides both what the writers
print and which sources the edition lists and numbers. Where formats should differ (a deck shows
fewer quotes, a format that draws the journey lists fewer milestones, the case study keeps the
lessons for after class), the rule is stated here, per format, in `QUOTE_RULES`, `JOURNEY_DRAWN`
and `LESSONS_IN_CLASS`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from casestudy.inline import Span
from casestudy.labels import CATEGORY, format_label, resolve_labels
from casestudy.model import (
    EXHIBIT_PARTS,
    Case,
    Entity,
    FactCheck,
    Image,
    InlineText,
    Lesson,
    Metric,
    Milestone,
    Option,
    Organisation,
    PartialDate,
    Pillar,
    Protagonist,
    Question,
    Quote,
    Source,
    exhibit_ids,
    walk,
)
from casestudy.options import Edition
from casestudy.scripts import is_cjk
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
    heading: str  # "Exhibit 3: The SU7 against the Model 3": how a heading or slide title names it
    source_ids: tuple[str, ...]
    source_line: str  # "Sources: Teslarati; CnEVPost." (empty when it has none)
    section: str | None  # id of the section that presents it, if any


FULL_WIDTH_ENDS = ("。", "！", "？")
SENTENCE_ENDS = (".", "!", "?", "…", *FULL_WIDTH_ENDS)
IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")  # ends a sentence with 。 rather than .
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
class QuoteRule:
    """Which quotes a format prints: beside the sections that pull them, the rest together, an epigraph."""

    pulled: bool  # each section's pull quote, beside the section
    rest: bool  # the quotes no section pulls, together under "In their words"
    epigraph: bool  # the case's first quote, under the title
    beside_exhibits: bool = True  # also the pull quote of a section that presents an exhibit


# The one place where formats differ on quotes. The case study and its Markdown export print
# them all; a deck has one idea a slide and one piece of evidence under its headline, so a
# section's pull quote is that evidence only when the section presents no exhibit (otherwise the
# quote is in the speaker notes); the handout opens with the protagonist's voice and leaves the
# rest to the case.
QUOTE_RULES: Mapping[str, QuoteRule] = {
    "pdf": QuoteRule(pulled=True, rest=True, epigraph=False),
    "markdown": QuoteRule(pulled=True, rest=True, epigraph=False),
    "pptx": QuoteRule(pulled=True, rest=False, epigraph=False, beside_exhibits=False),
    "docx": QuoteRule(pulled=False, rest=False, epigraph=True),
}


@dataclass(frozen=True)
class QuotesShown:
    """The quotes one format prints, and where."""

    pulled: Mapping[str, Quote]  # section id -> the quote printed beside it
    rest: tuple[Quote, ...]  # printed together, in outline order
    epigraph: Quote | None  # printed under the title

    @property
    def all(self) -> tuple[Quote, ...]:
        """Every quote the format prints, each once."""
        shown = [*self.pulled.values(), *self.rest, *([self.epigraph] if self.epigraph else [])]
        return tuple({q.id: q for q in shown}.values())


# The journey is shown once in each document. A format that draws it as a timeline lists beside
# the drawing only the milestones that have details (what a timeline label has no room for); a
# format that cannot draw lists every milestone, once.
JOURNEY_DRAWN: Mapping[str, bool] = {"pdf": True, "pptx": True, "markdown": False, "docx": False}


@dataclass(frozen=True)
class JourneyShown:
    """The journey as one format shows it, in date order: on the timeline, and in the chronology."""

    drawn: tuple[Milestone, ...]
    listed: tuple[Milestone, ...]


# Where a format prints the lessons. A teaching case draws no conclusions before the discussion:
# the case study and its Markdown export print them in the case only when the outline makes it a
# briefing (`meta.lessons_in_case`), else in the instructor edition's teaching note, as takeaways.
# The handout, where participants write their reflections in class, and the deck's wrap-up are
# used in class and always show them.
LESSONS_IN_CLASS: Mapping[str, bool] = {"pdf": False, "markdown": False, "docx": True, "pptx": True}


@dataclass(frozen=True)
class LessonsShown:
    """Where one format prints the lessons: in the case, as the teaching note's takeaways, or not at all."""

    in_case: bool
    takeaways: bool


# The parts of an outline (by field name) that only the instructor edition shows: the teaching
# note (objectives, class plan, board plan, notes, epilogue, fact checks), the suggested answers
# and the questions' minutes. The participant edition shows the rest, and lists and numbers only
# the sources that the rest cites.
INSTRUCTOR_PARTS: frozenset[str] = frozenset({"teaching_note", "answer_points", "minutes"})


def shown_in(edition: Edition, loc: tuple[str | int, ...]) -> bool:
    """Whether `edition` shows the part of the outline at `loc` (a path as `model.walk` gives it)."""
    return edition == "instructor" or INSTRUCTOR_PARTS.isdisjoint(loc)


@dataclass(frozen=True)
class Index:
    """The outline's items by id, and the numbers questions and lessons carry, built once."""

    quotes: Mapping[str, Quote]
    images: Mapping[str, Image]
    entities: Mapping[str, Entity]
    questions: Mapping[str, Question]
    question_numbers: Mapping[str, int]
    lesson_numbers: Mapping[str, int]
    pillar_numbers: Mapping[str, int]
    option_numbers: Mapping[str, int]
    exhibits: Mapping[str, Exhibit]

    @classmethod
    def of(cls, case: Case, exhibits: tuple[Exhibit, ...]) -> Index:
        comparison = case.comparison.entities if case.comparison else ()
        options = case.decision.options if case.decision else ()
        return cls(
            quotes={q.id: q for q in case.quotes},
            images={i.id: i for i in case.images},
            entities={e.id: e for e in comparison},
            questions={q.id: q for q in case.questions},
            question_numbers={q.id: n for n, q in enumerate(case.questions, start=1)},
            lesson_numbers={lesson.id: n for n, lesson in enumerate(case.lessons, start=1)},
            pillar_numbers={pillar.id: n for n, pillar in enumerate(case.pillars, start=1)},
            option_numbers={option.id: n for n, option in enumerate(options, start=1)},
            exhibits={e.id: e for e in exhibits},
        )


@dataclass(frozen=True)
class ResolvedCase:
    """The case, for one edition, with everything the formats must agree on already worked out."""

    case: Case
    theme: Theme
    labels: Mapping[str, str]
    exhibits: tuple[Exhibit, ...]
    citation_numbers: Mapping[str, int]  # source id -> endnote number, for the sources this edition shows
    endnotes: tuple[Source, ...]  # in number order; every format lists all of them under these numbers
    index: Index = field(repr=False)
    edition: Edition = "participant"
    image_files: Mapping[str, Path] = field(default_factory=dict)  # image id -> checked file
    timestamp: dt.datetime = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)  # document dates, see below
    properties: DocumentProperties | None = None

    def label(self, key: str, **values: object) -> str:
        """A printed word from the label table, placeholders filled."""
        return format_label(self.labels[key], **values)

    # ------------------------------------------------------------ lookups by id

    def exhibit(self, exhibit_id: str) -> Exhibit | None:
        return self.index.exhibits.get(exhibit_id)

    def quote(self, quote_id: str | None) -> Quote | None:
        return self.index.quotes.get(quote_id) if quote_id else None

    def image(self, image_id: str | None) -> Image | None:
        return self.index.images.get(image_id) if image_id else None

    def entity(self, entity_id: str) -> Entity | None:
        return self.index.entities.get(entity_id)

    def question(self, question_id: str) -> Question | None:
        return self.index.questions.get(question_id)

    # ------------------------------------------------------------ numbers

    def question_number(self, question: Question) -> int:
        """The number a discussion question carries in every format: 1, 2, 3 in outline order."""
        return self.index.question_numbers[question.id]

    def lesson_number(self, lesson: Lesson) -> int:
        return self.index.lesson_numbers[lesson.id]

    def pillar_number(self, pillar: Pillar) -> int:
        return self.index.pillar_numbers[pillar.id]

    def option_number(self, option: Option) -> int:
        """The number an option of the decision carries: 1, 2, 3 in outline order."""
        return self.index.option_numbers[option.id]

    def note_numbers(self, source_ids: tuple[str, ...]) -> list[int]:
        """The endnote numbers of a citation's sources, in order."""
        return sorted(self.citation_numbers[i] for i in source_ids if i in self.citation_numbers)

    def numbered_endnotes(self) -> tuple[tuple[int, Source], ...]:
        """Every source with its endnote number, in number order: the list every format prints."""
        return tuple((self.citation_numbers[source.id], source) for source in self.endnotes)

    @property
    def class_plan_minutes(self) -> int:
        """The class plan's total, which checks hold equal to the session's minutes."""
        return sum(segment.minutes for segment in self.case.teaching_note.class_plan)

    # ------------------------------------------------------------ what each edition and format shows

    def shows(self, part: str) -> bool:
        """Whether this edition prints `part` of the outline (a field name such as "teaching_note",
        "answer_points" or "minutes"), by INSTRUCTOR_PARTS."""
        return shown_in(self.edition, (part,))

    def lessons_for(self, fmt: str) -> LessonsShown:
        """Where format `fmt` prints the lessons, by its rule in LESSONS_IN_CLASS and the outline's switch."""
        in_case = LESSONS_IN_CLASS[fmt] or self.case.meta.lessons_in_case
        return LessonsShown(in_case=in_case, takeaways=not in_case and self.shows("teaching_note"))

    def quotes_for(self, fmt: str) -> QuotesShown:
        """The quotes format `fmt` prints, by its rule in QUOTE_RULES."""
        rule = QUOTE_RULES[fmt]
        sections = self.case.sections
        shown = [s for s in sections if rule.beside_exhibits or not self.exhibits_for_section(s.id)]
        pulled = {s.id: q for s in shown if (q := self.quote(s.pull_quote))} if rule.pulled else {}
        taken = {s.pull_quote for s in sections}
        rest = tuple(q for q in self.case.quotes if q.id not in taken) if rule.rest else ()
        epigraph = self.case.quotes[0] if rule.epigraph and self.case.quotes else None
        return QuotesShown(pulled, rest, epigraph)

    def journey_for(self, fmt: str) -> JourneyShown:
        """The milestones format `fmt` draws and lists, by its rule in JOURNEY_DRAWN."""
        ordered = tuple(sorted(self.case.journey, key=lambda m: m.date.sort_key))
        if JOURNEY_DRAWN[fmt]:
            return JourneyShown(drawn=ordered, listed=tuple(m for m in ordered if m.detail))
        return JourneyShown(drawn=(), listed=ordered)

    # ------------------------------------------------------------ words made of parts

    @property
    def running_title(self) -> str:
        """The title in headers and footers: the short title when there is one."""
        return self.case.meta.short_title or self.case.meta.title

    def titled(self, label: str, text: str = "") -> str:
        """A label before its text: "Exhibit 3: The SU7", "主人公：雷军" (the `lead_in` label, then the text)."""
        return self.label("lead_in", text=label) + text

    def with_parenthesis(self, text: str, extra: str | None) -> str:
        """Text with a word in parentheses after it: "Price (RMB)", "指导价（元）"; or the text alone."""
        return self.label("parenthetical", text=text, extra=extra) if extra else text

    def parenthesis(self, extra: str | None) -> str:
        """What `with_parenthesis` puts after a text: " (6 min)", "（6 分钟）"; or nothing."""
        return self.with_parenthesis("", extra)

    def continued(self, text: str) -> str:
        """ "Exhibit 1 (continued)", "图表 1（续）": a title repeated where its exhibit or list goes on."""
        return self.with_parenthesis(text, self.label("continued"))

    def joined(self, items: Iterable[str], separator: str = "list_separator") -> str:
        """Items joined by a separator label: "a, b" ("list_separator"), "a; b" ("item_separator"), "a、b"."""
        return self.label(separator).join(item for item in items if item)

    def sentence(self, words: str) -> str:
        """Words ended as a sentence: with the language's full stop unless they end in a mark already."""
        if not words or words.endswith(SENTENCE_ENDS):
            return words
        return words + ("。" if IDEOGRAPH.match(words[-1]) else self.label("full_stop"))

    def name_of(self, who: Protagonist | Organisation) -> str:
        """A name with its native form: "Lei Jun (雷军)"."""
        return self.with_parenthesis(who.name, who.native_name)

    def metric_label(self, metric: Metric) -> str:
        """A comparison row's label with its unit: "Price (RMB thousand)", "指导价（元）"."""
        return self.with_parenthesis(metric.label, metric.unit)

    def birth(self) -> str:
        """When and where the protagonist was born: "1969-12-16, Xiantao", "1969 年 12 月 16 日，中国湖北仙桃"."""
        born = self.case.protagonist.born
        return self.joined((self.short_date(born.date), born.place or ""), "clause_separator") if born else ""

    def attribution(self, quote: Quote) -> str:
        """ "— Lei Jun, launch event, 2024", "——雷军，谈……": who said a quote, and where."""
        return self.label("attribution", who=self.joined((quote.speaker, quote.context or ""), "clause_separator"))

    def as_of(self) -> str:
        """ "As of March 2025": when the comparison's figures held."""
        comparison = self.case.comparison
        return self.label("as_of", date=comparison.as_of) if comparison else ""

    def category(self, category: str) -> str:
        """A timeline category's printed name: its `category_<id>` label, else the id as words."""
        return self.labels.get(CATEGORY + category) or category.replace("-", " ").replace("_", " ").capitalize()

    def verdict(self, check: FactCheck) -> str:
        """A fact check's verdict in words: "partly true"."""
        return self.label(f"verdict_{check.verdict}")

    def edition_label(self, edition: Edition) -> str:
        return self.label(f"{edition}_edition")

    def short_date(self, date: PartialDate | dt.date) -> str:
        """A date in a table, a list of facts or on the timeline: "2007-10" in English, "2007 年 10 月" in Chinese."""
        if getattr(date, "month", None) is None:
            return self.label("date_short_year", year=date.year)
        if getattr(date, "day", None) is None:
            return self.label("date_short_month", year=date.year, month=date.month)
        return self.label("date_short_day", year=date.year, month=date.month, day=date.day)

    def date_words(self, date: PartialDate) -> str:
        """A date as a reader writes it, in the outline's language: "April 2025", "2025年4月"."""
        if date.month is None:
            return self.label("date_year", year=date.year)
        month = self.label(f"month_{date.month}")
        if date.day is None:
            return self.label("date_month", month=month, year=date.year)
        return self.label("date_day", day=date.day, month=month, year=date.year)

    def set_in(self) -> str:
        """ "Set in April 2025": the date the case is set at, as the cover and the summary say it."""
        return self.label("set_in", date=self.date_words(self.case.meta.set_at))

    def decision_heading(self) -> str:
        """The heading of the decision that ends the narrative: the outline's, else the `decision` label."""
        decision = self.case.decision
        return decision.heading if decision is not None and decision.heading else self.label("decision")

    def accessed(self, source: Source) -> str:
        """ "accessed 2025-03-01" for a web source, or nothing."""
        return self.label("accessed", date=self.short_date(source.accessed)) if source.accessed else ""

    def exhibits_for_section(self, section_id: str) -> tuple[Exhibit, ...]:
        return tuple(e for e in self.exhibits if e.section == section_id)

    # ------------------------------------------------------------ citations and inline text

    def part_cites(self, source_id: str | None, already: InlineText | None = None) -> tuple[str, ...]:
        """What a part's `source` field adds as a citation: its id, unless the part's text cites it already."""
        if not source_id or source_id not in self.citation_numbers:
            return ()
        if already is not None and any(source_id in span.cites for span in already.spans):
            return ()
        return (source_id,)

    def cite_label(self, ids: tuple[str, ...]) -> str:
        """The marker for a citation span: "[3]" or "[1, 4]"."""
        numbers = self.note_numbers(ids)
        return "[" + ", ".join(map(str, numbers)) + "]" if numbers else ""

    def cite_after(self, text: str, ids: tuple[str, ...]) -> str:
        """The marker for a citation printed after `text`: " [3]" after English, "[3]" right after Chinese."""
        marker = self.cite_label(ids)
        return marker if not marker or not text or is_cjk(text[-1]) else " " + marker

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

    def spans(self, text: InlineText | str | None) -> tuple[Span, ...]:
        """Text as styled spans with citations and references printed, neighbours of one style merged.

        The inline tree as a writer that keeps bold, italics and links needs it (the deck).
        """
        if text is None:
            return ()
        if isinstance(text, str):
            return (Span(text),)
        out: list[Span] = []
        for span in text.spans:
            printed = Span(self.span_text(span), span.strong, span.emph, span.href)
            if not printed.text:
                continue
            if out and (out[-1].strong, out[-1].emph, out[-1].href) == (span.strong, span.emph, span.href):
                printed = Span(out.pop().text + printed.text, span.strong, span.emph, span.href)
            out.append(printed)
        return tuple(out)

    def plain(self, text: InlineText | str | None) -> str:
        """Text as one string with citations and references printed (slide titles, notes)."""
        if text is None:
            return ""
        if isinstance(text, str):
            return text
        return "".join(self.span_text(span) for span in text.spans)

    def source_reference(self, source: Source) -> str:
        """A source as an endnote line: publisher, title, date, and its note (no number, no URL).

        The note says why a source has no URL or how it was read: a reader needs it beside the
        reference, in every format.
        """
        parts = [p for p in (source.publisher, source.title) if p]
        if source.date:
            parts.append(self.short_date(source.date))
        if source.note:
            parts.append(source.note)
        return "".join(map(self.run_in, parts)).rstrip()

    def run_in(self, words: str) -> str:
        """Words as a sentence that more text follows on the same line, with the space after it.

        "Launch on schedule. ", "Go? "; in Chinese "按期上市。", a full-width stop with no space.
        """
        words = self.sentence(words)
        return words if words.endswith(FULL_WIDTH_ENDS) else words + " "


def document_timestamp(case: Case) -> dt.datetime:
    """The date every document carries: SOURCE_DATE_EPOCH when set, else the outline's date.

    Never the current time, so the same outline gives byte-identical documents.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.combine(case.meta.date, dt.time(12, 0), tzinfo=dt.timezone.utc)


def resolve(
    case: Case, theme: Theme, image_files: Mapping[str, Path] | None = None, edition: Edition = "participant"
) -> ResolvedCase:
    """Number exhibits and citations and pick the labels: once per edition, for every renderer."""
    labels = resolve_labels(case.meta.language, case.labels)
    numbers = _citation_numbers(case, edition)
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
        index=Index.of(case, exhibits),
        edition=edition,
    )


def _citation_numbers(case: Case, edition: Edition) -> dict[str, int]:
    """The sources `edition` lists, numbered by first citation in reading order, without gaps.

    The parts both editions show come first, so a source carries the same number in both; the
    instructor edition goes on with the sources only its own parts cite, then those nothing cites.
    The participant edition lists only what it cites.
    """
    shared: list[str] = []
    instructors: list[str] = []
    for loc, value in _reading_order(case):
        (shared if shown_in("participant", loc) else instructors).extend(_cited_ids(loc, value))
    if edition == "instructor":
        shared += instructors + [source.id for source in case.sources]
    known = {source.id for source in case.sources}
    return {source_id: n for n, source_id in enumerate(dict.fromkeys(i for i in shared if i in known), start=1)}


def _reading_order(case: Case) -> Iterator[tuple[tuple[str | int, ...], object]]:
    """The parts that cite, as `model.walk` gives them, in the order a reader meets them.

    The model's field order, except that every format opens with the summary, before the
    protagonist and the organisation. The source list itself cites nothing.
    """
    yield from walk(case.summary, ("summary",))
    yield from ((loc, value) for loc, value in walk(case) if loc[:1] not in (("summary",), ("sources",)))


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
        label = format_label(labels["exhibit"], n=n)
        title = _exhibit_title(case, exhibit_id, labels)
        sources = format_label(labels["lead_in"], text=labels["sources_line"]) + labels["item_separator"].join(names)
        out.append(
            Exhibit(
                id=exhibit_id,
                kind=kind,
                number=n,
                label=label,
                title=title,
                heading=format_label(labels["lead_in"], text=label) + title,
                source_ids=source_ids,
                source_line=sources + labels["full_stop"] if names else "",
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
        return (
            case.spotlight.title
            or format_label(labels["lead_in"], text=case.spotlight.name) + labels["key_figures"].lower()
        )
    if exhibit_id == "comparison" and case.comparison:
        return case.comparison.title
    return {image.id: image.caption for image in case.images}[exhibit_id]


def _exhibit_sources(case: Case, exhibit_id: str) -> list[str]:
    part = {"journey": case.journey, "pillars": case.pillars, "spotlight": case.spotlight}
    part["comparison"] = case.comparison
    target = part.get(exhibit_id)
    if target is None:
        return []
    return [i for loc, value in walk(target) for i in _cited_ids(loc, value)]

"""The deck as plain data: which slides, in which order, with which words and speaker notes.

`plan_slides(resolved, edition)` reads the case and returns `SlideSpec`s; it knows nothing of
python-pptx or of sizes, so tests can check the deck's content without building it. Geometry
and continuation slides are `layout`'s job. Outline text keeps its inline tree (`Inline`:
spans with bold, italics and links, citations printed) down to the emitter; notes, titles and
chart titles are plain strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from casestudy import model
from casestudy.inline import Span, plain_text
from casestudy.model import Case, InlineText, Milestone, Section
from casestudy.options import Edition
from casestudy.resolve import Exhibit, ResolvedCase

FORMAT = "pptx"  # this writer's name in the format table and in resolve's per-format rules
LEAD_CHARS = 320  # a paragraph's lead on a slide; the whole paragraph is in the notes
Inline = tuple[Span, ...]  # outline text as the slide shows it: styled spans, citations printed


# ---------------------------------------------------------------- slide bodies


@dataclass(frozen=True)
class Cover:
    """Title and closing slides: a big title, a subtitle and a few small lines."""

    subtitle: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Card:
    heading: str
    body: Inline = ()
    tag: str = ""  # a small label above the heading: "1", "15 min"


@dataclass(frozen=True)
class Cards:
    """Items side by side: pillars, lessons, agenda segments."""

    cards: tuple[Card, ...]
    grid: bool = True  # False: a numbered list, one card per line


@dataclass(frozen=True)
class Profile:
    """The protagonist: name, facts as label/value pairs, and the lead of the biography."""

    name: str
    facts: tuple[tuple[str, Inline], ...]
    paragraphs: tuple[Inline, ...]
    portrait: Path | None = None
    portrait_alt: str = ""


@dataclass(frozen=True)
class Timeline:
    milestones: tuple[Milestone, ...]


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str


@dataclass(frozen=True)
class Figure:
    value: str
    unit: str
    label: str


@dataclass(frozen=True)
class Figures:
    figures: tuple[Figure, ...]
    intro: str = ""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """One clustered-bar chart: a numeric metric across the comparison's entities."""

    title: str
    categories: tuple[str, ...]
    values: tuple[float, ...]
    alt: str


@dataclass(frozen=True)
class Charts:
    charts: tuple[Chart, ...]


@dataclass(frozen=True)
class Column:
    heading: str
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Columns:
    """A lead line, two or three columns of points, and an optional call-out at the foot."""

    lead: Inline
    columns: tuple[Column, ...]
    callout: Inline = ()


@dataclass(frozen=True)
class Picture:
    path: Path
    alt: str


Body = Cover | Bullets | Cards | Profile | Timeline | Quote | Figures | Table | Charts | Columns | Picture


@dataclass(frozen=True)
class Notes:
    """What the speaker notes say: segment and minutes, talk track, question, and instructor-only parts."""

    segment: str = ""
    talk: tuple[str, ...] = ()
    ask: str = ""
    answers: tuple[str, ...] = ()
    fact_checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class SlideSpec:
    kind: str  # title, agenda, content, exhibit, quote, closing
    title: str
    body: Body
    notes: Notes = field(default_factory=Notes)
    caption: str = ""  # an exhibit's source line
    parts: tuple[str, ...] = ()  # the outline parts shown (class-plan `covers` names, ids)
    cites: tuple[str, ...] = ()  # source ids cited by what the slide shows


# ---------------------------------------------------------------- helpers


def literal(text: str) -> Inline:
    """Plain words (a label, a name) as inline text."""
    return (Span(text),) if text else ()


def lead(spans: Inline, limit: int = LEAD_CHARS) -> Inline:
    """The first sentence of marked-up text, cut at a word near `limit` characters with "…" when longer.

    The cut is found in the plain text and applied to the spans, so a bold or linked opening
    stays bold or linked; "…" takes the style of the last character kept.
    """
    start, end, cut = _lead_bounds(plain_text(spans), limit)
    kept, at = [], 0
    for span in spans:
        lo, hi = max(start, at), min(end, at + len(span.text))
        if lo < hi:
            kept.append(replace(span, text=span.text[lo - at : hi - at]))
        at += len(span.text)
    if cut and kept:
        kept[-1] = replace(kept[-1], text=kept[-1].text + "…")
    return tuple(kept)


def _lead_bounds(text: str, limit: int) -> tuple[int, int, bool]:
    """Where the lead of `text` starts and ends, and whether it is cut short (then "…" follows)."""
    match = re.search(r"(?<=[.!?。！？])[\"”’)]*\s", text)
    start, end = 0, len(text)
    if match:
        first = text[: match.start()]
        start, end = len(first) - len(first.lstrip()), len(first.rstrip())
    first = text[start:end]
    if len(first) <= limit:
        return start, end, False
    cut = first[:limit].rsplit(" ", 1)[0] if " " in first[: limit // 2 * 2] else first[:limit]
    if len(cut) < limit // 2:
        cut = first[:limit]
    return start, start + len(cut.rstrip(" ,;:")), True


def cites_of(*texts: InlineText | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for t in texts if t for span in t.spans for i in span.cites))


class Planner:
    """Builds the slide list for one edition; one method per part of the case, in reading order."""

    def __init__(self, resolved: ResolvedCase, edition: Edition) -> None:
        self.r = resolved
        self.case: Case = resolved.case
        self.edition = edition
        self.instructor = edition == "instructor"
        self.quotes = resolved.quotes_for(FORMAT)
        self.slides: list[SlideSpec] = []

    # ------------------------------------------------------------ notes

    def segment_for(self, parts: tuple[str, ...]) -> str:
        """ "Segment: The journey · 10 min" for the first class-plan segment covering any of `parts`."""
        for seg in self.case.teaching_note.class_plan:
            if set(seg.covers) & set(parts):
                return f"{self.r.label('segment')}: {seg.title} · {self.r.label('minutes', n=seg.minutes)}"
        return ""

    def question_for(self, parts: tuple[str, ...]) -> str:
        """The discussion question taught in the same segment as `parts`, for the room."""
        for seg in self.case.teaching_note.class_plan:
            if set(seg.covers) & set(parts):
                covered = [q for cover in seg.covers if (q := self.r.question(cover))]
                if covered:  # the first in the case's order, whatever order the segment lists them in
                    return self.r.plain(min(covered, key=self.r.question_number).question)
                if seg.activity:
                    return self.r.plain(seg.activity)
        return ""

    def fact_checks_for(self, cites: tuple[str, ...]) -> tuple[str, ...]:
        """Fact checks on sources this slide cites, each only on the first slide that cites its source."""
        if not self.instructor:
            return ()
        shown = {line for s in self.slides for line in s.notes.fact_checks}
        lines = (self.fact_check_line(f) for f in self.case.teaching_note.fact_checks if f.source in cites)
        return tuple(line for line in lines if line not in shown)

    def fact_check_line(self, check) -> str:
        return f"“{check.claim}” — {self.r.verdict(check)}. {self.r.plain(check.truth)}"

    def add(self, spec: SlideSpec, talk: tuple[str, ...] = (), ask: str = "", answers: tuple[str, ...] = ()) -> None:
        """Append `spec` with notes worked out from its parts and citations."""
        notes = Notes(
            segment=self.segment_for(spec.parts),
            talk=tuple(t for t in talk if t) or (spec.title,),
            ask=ask or self.question_for(spec.parts),
            answers=answers if self.instructor else (),
            fact_checks=self.fact_checks_for(spec.cites),
        )
        self.slides.append(replace(spec, notes=notes))

    # ------------------------------------------------------------ the deck, in order

    def plan(self) -> list[SlideSpec]:
        self.title_slide()
        self.agenda()
        self.protagonist()
        self.narrative()
        for exhibit in self.r.exhibits:
            if exhibit.section is None:
                self.exhibit(exhibit)
        self.lessons()
        self.outlook()
        self.questions()
        self.sources()
        self.closing()
        return self.slides

    def title_slide(self) -> None:
        meta = self.case.meta
        edition = self.r.edition_label(self.edition)
        lines = (", ".join(meta.authors), meta.institution, f"{meta.date.isoformat()} · {edition}")
        body = Cover(subtitle=meta.subtitle or "", lines=lines)
        talk = (self.r.plain(self.case.summary),)
        self.add(SlideSpec("title", meta.title, body, parts=("summary",), cites=cites_of(self.case.summary)), talk)

    def agenda(self) -> None:
        plan = self.case.teaching_note.class_plan
        cards = tuple(
            Card(seg.title, self.r.spans(seg.activity), self.r.label("minutes", n=seg.minutes)) for seg in plan
        )
        objectives = tuple(self.r.plain(o) for o in self.case.teaching_note.objectives)
        total = self.r.label("minutes", n=self.r.class_plan_minutes)
        talk = (f"{self.r.label('total')}: {total}.", *objectives)
        spec = SlideSpec("content", self.r.label("agenda"), Cards(cards), parts=("objectives", "summary"))
        self.add(spec, talk)

    def protagonist(self) -> None:
        person, org = self.case.protagonist, self.case.organisation
        facts = []
        if person.born:
            facts.append((self.r.label("born"), literal(self.r.birth())))
        facts += [
            (self.r.label(key), literal("; ".join(items)))
            for key, items in (("education", person.education), ("roles", person.roles))
            if items
        ]
        org_line = (*literal(": "), *self.r.spans(org.line)) if org.line else ()
        facts.append((self.r.label("organisation"), (*literal(self.r.name_of(org)), *org_line)))
        portrait = self.r.image_files.get(person.portrait) if person.portrait else None
        image = self.r.image(person.portrait)
        alt = image.alt if image else person.name
        body = Profile(
            self.r.name_of(person), tuple(facts), tuple(lead(self.r.spans(p)) for p in person.bio[:3]), portrait, alt
        )
        spec = SlideSpec("content", self.r.label("protagonist"), body, parts=("protagonist", "organisation"))
        self.add(spec, tuple(self.r.plain(p) for p in person.bio))

    def narrative(self) -> None:
        """One slide per section (its paragraphs' leads), then its pull quote and its exhibit."""
        for section in self.case.sections:
            self.section(section)
            quote = self.quotes.pulled.get(section.id)
            if quote:
                self.quote(section, quote)
            for exhibit in self.r.exhibits_for_section(section.id):
                self.exhibit(exhibit)

    def section(self, section: Section) -> None:
        """The first paragraph's lead as the slide's statement, the other leads as points under it."""
        first, *rest = (lead(self.r.spans(p)) for p in section.paragraphs[:5])
        body = Columns(first, (Column("", tuple(rest)),) if rest else ())
        parts = (section.id, "sections")
        spec = SlideSpec("content", section.heading, body, parts=parts, cites=cites_of(*section.paragraphs))
        self.add(spec, tuple(self.r.plain(p) for p in section.paragraphs))

    def quote(self, section: Section, quote: model.Quote) -> None:
        attribution = self.r.attribution(quote)
        cites = (quote.source,) if quote.source else ()
        spec = SlideSpec("quote", self.r.label("quotes"), Quote(quote.text, attribution), parts=(section.id, "quotes"))
        self.add(replace(spec, cites=cites), (quote.text, attribution))

    def exhibit(self, exhibit: Exhibit) -> None:
        make = {"journey": self.journey, "pillars": self.pillars, "spotlight": self.spotlight}
        make |= {"comparison": self.comparison, "image": self.image}
        make[exhibit.kind](exhibit)

    def journey(self, exhibit: Exhibit) -> None:
        talk = tuple(f"{m.date}: {m.title}. {self.r.plain(m.detail)}".strip() for m in self.case.journey)
        body = Timeline(tuple(self.case.journey))
        cites = tuple(dict.fromkeys(m.source for m in self.case.journey if m.source))
        spec = SlideSpec("exhibit", exhibit.heading, body, caption=exhibit.source_line, parts=("journey",))
        self.add(replace(spec, cites=cites), talk)

    def pillars(self, exhibit: Exhibit) -> None:
        """The pillars side by side, then one slide per pillar that has points or evidence."""
        pillars = self.case.pillars
        cards = tuple(Card(p.title, self.r.spans(p.thesis), str(self.r.pillar_number(p))) for p in pillars)
        spec = SlideSpec("exhibit", exhibit.heading, Cards(cards), caption=exhibit.source_line)
        talk = tuple(f"{p.title}: {self.r.plain(p.thesis)}" for p in self.case.pillars)
        self.add(replace(spec, parts=("pillars",)), talk)
        for pillar in self.case.pillars:
            columns = tuple(
                Column(self.r.label(key), tuple(self.r.spans(t) for t in items))
                for key, items in (("points", pillar.points), ("evidence", pillar.evidence))
                if items
            )
            if not columns:
                continue
            body = Columns(self.r.spans(pillar.thesis), columns)
            cites = cites_of(pillar.thesis, *pillar.points, *pillar.evidence)
            spec = SlideSpec("content", pillar.title, body, parts=(pillar.id, "pillars"), cites=cites)
            self.add(spec, (self.r.plain(pillar.thesis),))

    def spotlight(self, exhibit: Exhibit) -> None:
        spot = self.case.spotlight
        assert spot is not None  # an exhibit of kind spotlight exists only with a spotlight
        figures = tuple(Figure(f.value, f.unit or "", f.label) for f in spot.figures)
        talk = tuple(self.r.plain(d) for d in spot.description) + tuple(
            f"{f.label}: {f.value} {f.unit or ''}. {self.r.plain(f.note)}".strip() for f in spot.figures
        )
        body = Figures(figures)
        cites = tuple(dict.fromkeys(f.source for f in spot.figures if f.source))
        spec = SlideSpec("exhibit", exhibit.heading, body, caption=exhibit.source_line, cites=cites)
        self.add(replace(spec, parts=("spotlight",)), talk)

    def comparison(self, exhibit: Exhibit) -> None:
        """The comparison as a table, then its numeric rows as charts."""
        comp = self.case.comparison
        assert comp is not None
        header = ("", *(e.name for e in comp.entities))
        rows = tuple(
            (self.r.metric_label(m), *(m.values[e.id].value if e.id in m.values else "–" for e in comp.entities))
            for m in comp.metrics
        )
        caption = " ".join(filter(None, (self.r.as_of() + ".", exhibit.source_line)))
        talk = (self.r.plain(comp.note),) if comp.note else ()
        spec = SlideSpec("exhibit", exhibit.heading, Table(header, rows), caption=caption)
        self.add(replace(spec, parts=("comparison",)), talk)
        charts = tuple(self._chart(m, comp) for m in comp.metrics if m.numeric)
        if charts:
            spec = SlideSpec("exhibit", exhibit.heading, Charts(charts), caption=caption)
            self.add(replace(spec, parts=("comparison",)), talk)

    def _chart(self, metric, comp) -> Chart:
        entities = [e for e in comp.entities if e.id in metric.values]
        values = tuple(metric.values[e.id].number for e in entities)
        names = tuple(e.name for e in entities)
        pairs = "; ".join(f"{n}: {metric.values[e.id].value}" for n, e in zip(names, entities, strict=True))
        title = self.r.metric_label(metric)
        return Chart(title, names, values, f"{title}. {pairs}")  # type: ignore[arg-type]

    def image(self, exhibit: Exhibit) -> None:
        image = self.r.image(exhibit.id)
        path = self.r.image_files.get(exhibit.id)
        if image is None or path is None:
            return
        caption = " ".join(filter(None, (image.credit, exhibit.source_line)))
        spec = SlideSpec("exhibit", exhibit.heading, Picture(path, image.alt), caption=caption)
        self.add(replace(spec, parts=(exhibit.section or "sections",)), (image.caption,))

    def lessons(self) -> None:
        """An overview of the lessons, then one slide each with takeaway and reflection question."""
        lessons = self.case.lessons
        numbers = [self.r.lesson_number(lesson) for lesson in lessons]
        cards = tuple(Card(lesson.title, "", str(n)) for n, lesson in zip(numbers, lessons, strict=True))
        spec = SlideSpec("content", self.r.label("lessons"), Cards(cards, grid=False), parts=("lessons",))
        self.add(spec, tuple(f"{n}. {lesson.title}" for n, lesson in zip(numbers, lessons, strict=True)))
        did = self.r.label("what_they_did", name=self.case.protagonist.name)
        for lesson in lessons:
            columns = (
                Column(did, (self.r.spans(lesson.what_they_did),)),
                Column(self.r.label("for_your_company"), (self.r.spans(lesson.for_your_company),)),
            )
            callout = (*literal(f"{self.r.label('reflection')}: "), *self.r.spans(lesson.reflection))
            body = Columns((), columns, callout)
            cites = cites_of(lesson.what_they_did, lesson.for_your_company, lesson.reflection)
            spec = SlideSpec("content", lesson.title, body, parts=(lesson.id, "lessons"), cites=cites)
            self.add(spec, (self.r.plain(lesson.what_they_did),), ask=self.r.plain(lesson.reflection))

    def outlook(self) -> None:
        if not self.case.outlook:
            return
        body = Bullets(tuple(self.r.spans(p) for p in self.case.outlook))
        spec = SlideSpec(
            "content", self.r.label("outlook"), body, parts=("outlook",), cites=cites_of(*self.case.outlook)
        )
        self.add(spec, tuple(self.r.plain(p) for p in self.case.outlook))

    def questions(self) -> None:
        """One slide per discussion question: the question large, its prompts below."""
        count = len(self.case.questions)
        for q in self.case.questions:
            i = self.r.question_number(q)
            title = f"{self.r.label('questions')} ({i}/{count})" if count > 1 else self.r.label("questions")
            body = Columns(
                self.r.spans(q.question), (Column(self.r.label("prompts"), tuple(map(self.r.spans, q.prompts))),)
            )
            if not q.prompts:
                body = Columns(self.r.spans(q.question), ())
            spec = SlideSpec("content", title, body, parts=(q.id, "questions"), cites=cites_of(q.question))
            minutes = f"{self.r.label('minutes', n=q.minutes)}." if q.minutes else ""
            answers = tuple(self.r.plain(a) for a in q.answer_points)
            self.add(spec, (minutes,), ask=self.r.plain(q.question), answers=answers)

    def sources(self) -> None:
        if not self.r.endnotes:
            return
        items = tuple(
            literal(f"[{number}] {self.r.source_reference(s)}" + (f" {s.url}" if s.url else ""))
            for number, s in self.r.numbered_endnotes()
        )
        spec = SlideSpec("content", self.r.label("sources"), Bullets(items), parts=("sources",))
        self.add(spec, (self.r.label("sources"),))
        if self.instructor:
            unmatched = self.unmatched_fact_checks()
            last = self.slides[-1]
            notes = replace(last.notes, fact_checks=last.notes.fact_checks + unmatched)
            self.slides[-1] = replace(last, notes=notes)

    def unmatched_fact_checks(self) -> tuple[str, ...]:
        """Fact checks no slide's citations matched: the instructor still needs them somewhere."""
        shown = {line for s in self.slides for line in s.notes.fact_checks}
        lines = (self.fact_check_line(f) for f in self.case.teaching_note.fact_checks)
        return tuple(line for line in lines if line not in shown)

    def closing(self) -> None:
        meta = self.case.meta
        body = Cover(subtitle=meta.title, lines=(meta.institution, meta.copyright, meta.usage))
        self.add(SlideSpec("closing", self.r.label("thank_you"), body, parts=("outlook",)), (meta.title,))


def plan_slides(resolved: ResolvedCase, edition: Edition = "participant") -> list[SlideSpec]:
    """The deck for `edition` as plain data, in presentation order."""
    return Planner(resolved, edition).plan()


def notes_text(notes: Notes, label) -> str:
    """The speaker notes as the notes page prints them; `label` is `ResolvedCase.label`."""
    blocks = [notes.segment, "\n\n".join(notes.talk)]
    if notes.ask:
        blocks.append(f"{label('ask_the_room')}: {notes.ask}")
    if notes.answers:
        blocks.append(label("suggested_answers") + ":\n" + "\n".join(f"• {a}" for a in notes.answers))
    if notes.fact_checks:
        blocks.append(label("fact_checks") + ":\n" + "\n".join(f"• {c}" for c in notes.fact_checks))
    return "\n\n".join(b for b in blocks if b)


def continued_notes(notes: Notes, title: str, label) -> str:
    """The notes of a continuation slide: the segment line and the slide's full title, marked as continued.

    The talk track, question and answers are on the slide the content starts on; repeating them on
    every continuation slide made the notes (and the deck) grow with the square of a long part.
    """
    return "\n\n".join(b for b in (notes.segment, f"{title} ({label('continued')})") if b)

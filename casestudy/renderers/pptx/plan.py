"""The deck as plain data: which slides, in which order, with which words and speaker notes.

`plan_slides(resolved, edition)` reads the case and returns `SlideSpec`s; it knows nothing of
python-pptx or of sizes, so tests can check the deck's content without building it. Geometry
and continuation slides are `layout`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from casestudy.exhibits import Exhibit, ResolvedCase
from casestudy.model import Case, InlineText, Milestone, Section
from casestudy.renderers import Edition

LEAD_CHARS = 320  # a paragraph's lead on a slide; the whole paragraph is in the notes


# ---------------------------------------------------------------- slide bodies


@dataclass(frozen=True)
class Cover:
    """Title and closing slides: a big title, a subtitle and a few small lines."""

    subtitle: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Card:
    heading: str
    body: str = ""
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
    facts: tuple[tuple[str, str], ...]
    paragraphs: tuple[str, ...]
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
    items: tuple[str, ...]


@dataclass(frozen=True)
class Columns:
    """A lead line, two or three columns of points, and an optional call-out at the foot."""

    lead: str
    columns: tuple[Column, ...]
    callout: str = ""


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


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The first sentence of `text`, cut at a word near `limit` characters with "…" when longer."""
    match = re.search(r"(?<=[.!?。！？])[\"”’)]*\s", text)
    first = text[: match.start()].strip() if match else text
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0] if " " in first[: limit // 2 * 2] else first[:limit]
    if len(cut) < limit // 2:
        cut = first[:limit]
    return cut.rstrip(" ,;:") + "…"


def cites_of(*texts: InlineText | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for t in texts if t for span in t.spans for i in span.cites))


class Planner:
    """Builds the slide list for one edition; one method per part of the case, in reading order."""

    def __init__(self, resolved: ResolvedCase, edition: Edition) -> None:
        self.r = resolved
        self.case: Case = resolved.case
        self.instructor = edition == "instructor"
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
                for question in self.case.questions:
                    if question.id in seg.covers:
                        return self.r.plain(question.question)
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
        verdict = self.r.label(f"verdict_{check.verdict}")
        return f"“{check.claim}” — {verdict}. {self.r.plain(check.truth)}"

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

    def exhibit_title(self, exhibit: Exhibit) -> str:
        return f"{exhibit.label}: {exhibit.title}"

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
        edition = self.r.label("instructor_edition" if self.instructor else "participant_edition")
        lines = (", ".join(meta.authors), meta.institution, f"{meta.date.isoformat()} · {edition}")
        body = Cover(subtitle=meta.subtitle or "", lines=lines)
        talk = (self.r.plain(self.case.summary),)
        self.add(SlideSpec("title", meta.title, body, parts=("summary",), cites=cites_of(self.case.summary)), talk)

    def agenda(self) -> None:
        plan = self.case.teaching_note.class_plan
        cards = tuple(
            Card(seg.title, self.r.plain(seg.activity), self.r.label("minutes", n=seg.minutes)) for seg in plan
        )
        objectives = tuple(self.r.plain(o) for o in self.case.teaching_note.objectives)
        total = sum(seg.minutes for seg in plan)
        talk = (f"{self.r.label('total')}: {self.r.label('minutes', n=total)}.", *objectives)
        spec = SlideSpec("content", self.r.label("agenda"), Cards(cards), parts=("objectives", "summary"))
        self.add(spec, talk)

    def protagonist(self) -> None:
        person, org = self.case.protagonist, self.case.organisation
        name = f"{person.name} ({person.native_name})" if person.native_name else person.name
        facts = []
        if person.born:
            facts.append((self.r.label("born"), ", ".join(filter(None, (str(person.born.date), person.born.place)))))
        facts += [
            (self.r.label(key), "; ".join(items))
            for key, items in (("education", person.education), ("roles", person.roles))
            if items
        ]
        org_name = f"{org.name} ({org.native_name})" if org.native_name else org.name
        facts.append((self.r.label("organisation"), org_name + (f": {self.r.plain(org.line)}" if org.line else "")))
        portrait = self.r.image_files.get(person.portrait) if person.portrait else None
        alt = next((i.alt for i in self.case.images if i.id == person.portrait), person.name)
        body = Profile(name, tuple(facts), tuple(lead(self.r.plain(p)) for p in person.bio[:3]), portrait, alt)
        spec = SlideSpec("content", self.r.label("protagonist"), body, parts=("protagonist", "organisation"))
        self.add(spec, tuple(self.r.plain(p) for p in person.bio))

    def narrative(self) -> None:
        """One slide per section (its paragraphs' leads), then its pull quote and its exhibit."""
        for section in self.case.sections:
            self.section(section)
            if section.pull_quote:
                self.quote(section)
            for exhibit in self.r.exhibits_for_section(section.id):
                self.exhibit(exhibit)

    def section(self, section: Section) -> None:
        """The first paragraph's lead as the slide's statement, the other leads as points under it."""
        first, *rest = (lead(self.r.plain(p)) for p in section.paragraphs[:5])
        body = Columns(first, (Column("", tuple(rest)),) if rest else ())
        parts = (section.id, "sections")
        spec = SlideSpec("content", section.heading, body, parts=parts, cites=cites_of(*section.paragraphs))
        self.add(spec, tuple(self.r.plain(p) for p in section.paragraphs))

    def quote(self, section: Section) -> None:
        quote = next((q for q in self.case.quotes if q.id == section.pull_quote), None)
        if quote is None:
            return
        attribution = "— " + ", ".join(filter(None, (quote.speaker, quote.context)))
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
        spec = SlideSpec("exhibit", self.exhibit_title(exhibit), body, caption=exhibit.source_line, parts=("journey",))
        self.add(replace(spec, cites=cites), talk)

    def pillars(self, exhibit: Exhibit) -> None:
        """The pillars side by side, then one slide per pillar that has points or evidence."""
        cards = tuple(Card(p.title, self.r.plain(p.thesis), str(i)) for i, p in enumerate(self.case.pillars, 1))
        spec = SlideSpec("exhibit", self.exhibit_title(exhibit), Cards(cards), caption=exhibit.source_line)
        talk = tuple(f"{p.title}: {self.r.plain(p.thesis)}" for p in self.case.pillars)
        self.add(replace(spec, parts=("pillars",)), talk)
        for pillar in self.case.pillars:
            columns = tuple(
                Column(self.r.label(key), tuple(self.r.plain(t) for t in items))
                for key, items in (("points", pillar.points), ("evidence", pillar.evidence))
                if items
            )
            if not columns:
                continue
            body = Columns(self.r.plain(pillar.thesis), columns)
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
        spec = SlideSpec("exhibit", self.exhibit_title(exhibit), body, caption=exhibit.source_line, cites=cites)
        self.add(replace(spec, parts=("spotlight",)), talk)

    def comparison(self, exhibit: Exhibit) -> None:
        """The comparison as a table, then its numeric rows as charts."""
        comp = self.case.comparison
        assert comp is not None
        header = ("", *(e.name for e in comp.entities))
        rows = tuple(
            (self._metric_label(m), *(m.values[e.id].value if e.id in m.values else "–" for e in comp.entities))
            for m in comp.metrics
        )
        caption = " ".join(filter(None, (self.r.label("as_of", date=comp.as_of) + ".", exhibit.source_line)))
        talk = (self.r.plain(comp.note),) if comp.note else ()
        spec = SlideSpec("exhibit", self.exhibit_title(exhibit), Table(header, rows), caption=caption)
        self.add(replace(spec, parts=("comparison",)), talk)
        charts = tuple(self._chart(m, comp) for m in comp.metrics if m.numeric)
        if charts:
            spec = SlideSpec("exhibit", self.exhibit_title(exhibit), Charts(charts), caption=caption)
            self.add(replace(spec, parts=("comparison",)), talk)

    def _metric_label(self, metric) -> str:
        return f"{metric.label} ({metric.unit})" if metric.unit else metric.label

    def _chart(self, metric, comp) -> Chart:
        entities = [e for e in comp.entities if e.id in metric.values]
        values = tuple(metric.values[e.id].number for e in entities)
        names = tuple(e.name for e in entities)
        pairs = "; ".join(f"{n}: {metric.values[e.id].value}" for n, e in zip(names, entities, strict=True))
        title = self._metric_label(metric)
        return Chart(title, names, values, f"{title}. {pairs}")  # type: ignore[arg-type]

    def image(self, exhibit: Exhibit) -> None:
        image = next(i for i in self.case.images if i.id == exhibit.id)
        path = self.r.image_files.get(image.id)
        if path is None:
            return
        caption = " ".join(filter(None, (image.credit, exhibit.source_line)))
        spec = SlideSpec("exhibit", self.exhibit_title(exhibit), Picture(path, image.alt), caption=caption)
        self.add(replace(spec, parts=(exhibit.section or "sections",)), (image.caption,))

    def lessons(self) -> None:
        """An overview of the lessons, then one slide each with takeaway and reflection question."""
        lessons = self.case.lessons
        cards = tuple(Card(lesson.title, "", str(i)) for i, lesson in enumerate(lessons, 1))
        spec = SlideSpec("content", self.r.label("lessons"), Cards(cards, grid=False), parts=("lessons",))
        self.add(spec, tuple(f"{i}. {lesson.title}" for i, lesson in enumerate(lessons, 1)))
        did = self.r.label("what_they_did", name=self.case.protagonist.name)
        for lesson in lessons:
            columns = (
                Column(did, (self.r.plain(lesson.what_they_did),)),
                Column(self.r.label("for_your_company"), (self.r.plain(lesson.for_your_company),)),
            )
            callout = f"{self.r.label('reflection')}: {self.r.plain(lesson.reflection)}"
            body = Columns("", columns, callout)
            cites = cites_of(lesson.what_they_did, lesson.for_your_company, lesson.reflection)
            spec = SlideSpec("content", lesson.title, body, parts=(lesson.id, "lessons"), cites=cites)
            self.add(spec, (self.r.plain(lesson.what_they_did),), ask=self.r.plain(lesson.reflection))

    def outlook(self) -> None:
        if not self.case.outlook:
            return
        body = Bullets(tuple(self.r.plain(p) for p in self.case.outlook))
        spec = SlideSpec(
            "content", self.r.label("outlook"), body, parts=("outlook",), cites=cites_of(*self.case.outlook)
        )
        self.add(spec, tuple(self.r.plain(p) for p in self.case.outlook))

    def questions(self) -> None:
        """One slide per discussion question: the question large, its prompts below."""
        count = len(self.case.questions)
        for i, q in enumerate(self.case.questions, 1):
            title = f"{self.r.label('questions')} ({i}/{count})" if count > 1 else self.r.label("questions")
            body = Columns(
                self.r.plain(q.question), (Column(self.r.label("prompts"), tuple(map(self.r.plain, q.prompts))),)
            )
            if not q.prompts:
                body = Columns(self.r.plain(q.question), ())
            spec = SlideSpec("content", title, body, parts=(q.id, "questions"), cites=cites_of(q.question))
            minutes = f"{self.r.label('minutes', n=q.minutes)}." if q.minutes else ""
            answers = tuple(self.r.plain(a) for a in q.answer_points)
            self.add(spec, (minutes,), ask=self.r.plain(q.question), answers=answers)

    def sources(self) -> None:
        if not self.r.endnotes:
            return
        items = tuple(
            f"[{self.r.citation_numbers[s.id]}] {self.r.source_reference(s)}" + (f" {s.url}" if s.url else "")
            for s in self.r.endnotes
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

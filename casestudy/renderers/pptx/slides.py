"""The slides each part of the case would have, before the class plan decides how many it gets.

One method per part, in the case's reading order. Each slide has a headline (the outline's
`slide.headline` where it wrote one, else the part's heading) and one piece of evidence: an
exhibit, a quote, a few authored points, or the part's lead sentence. Prose is never cut into
fragments: the full text, with its numbered citations, is in the speaker notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from casestudy import model
from casestudy.inline import plain_text
from casestudy.model import Case, Decision, InlineText, Lesson, Metric, Milestone, Pillar, Section, SlideText
from casestudy.options import Edition
from casestudy.renderers.pptx.budget import CUT_ONE, MERGE, Candidate
from casestudy.renderers.pptx.spec import (
    Ask,
    Body,
    Card,
    Cards,
    Cell,
    Chart,
    Charts,
    Figure,
    Figures,
    Inline,
    Notes,
    Picture,
    Points,
    Profile,
    Questions,
    Quote,
    SlideSpec,
    Table,
    Timeline,
)
from casestudy.renderers.pptx.words import display_name, lead, literal, slide_spans
from casestudy.resolve import Exhibit, ResolvedCase

FORMAT = "pptx"  # this writer's name in the format table and in resolve's per-format rules
KEY_MILESTONES = 10  # the most a timeline slide shows; the full chronology is in its notes


def cites_of(*texts: InlineText | None) -> tuple[str, ...]:
    """The source ids the texts cite, each once, in order."""
    return tuple(dict.fromkeys(i for t in texts if t for span in t.spans for i in span.cites))


def key_milestones(journey: Sequence[Milestone]) -> tuple[Milestone, ...]:
    """The milestones a timeline slide shows: those marked `key` (else all), at most ten spread evenly by date."""
    ordered = sorted(journey, key=lambda m: m.date.sort_key)
    chosen = [m for m in ordered if m.key] or ordered
    if len(chosen) <= KEY_MILESTONES:
        return tuple(chosen)
    step = (len(chosen) - 1) / (KEY_MILESTONES - 1)
    return tuple(chosen[round(i * step)] for i in range(KEY_MILESTONES))


def charted(metric: Metric) -> bool:
    """Whether a comparison row becomes a bar chart: a quantity with a unit, never years or ranks.

    Default: every value is a number and the row has a unit; `chart:` in the outline decides
    otherwise. Years (four-digit whole numbers without a unit other than a year) and ranks are
    never drawn as bars, whatever the outline says: their size means nothing.
    """
    if not metric.numeric or _is_rank(metric) or _are_years(metric):
        return False
    return metric.chart if metric.chart is not None else bool(metric.unit)


def _is_rank(metric: Metric) -> bool:
    words = f"{metric.label} {metric.unit or ''}".lower().split()
    return any(w.strip("().,") in ("rank", "ranking", "position", "place") for w in words)


def _are_years(metric: Metric) -> bool:
    year_unit = metric.unit is None or "year" in metric.unit.lower()
    values = [c.value.strip() for c in metric.values.values()]
    return year_unit and all(v.isdigit() and len(v) == 4 and 1000 <= int(v) <= 2999 for v in values)


def decimals(metric: Metric) -> int:
    """Digits after the point in the row's values as written: the chart labels print as many."""
    return max((len(c.value.strip().partition(".")[2]) for c in metric.values.values()), default=0)


@dataclass(frozen=True)
class Evidence:
    """What an exhibit puts under a headline, and what comes with it."""

    body: Body
    caption: str  # the source line
    talk: tuple[str, ...] = ()  # the notes behind it: a chronology, the figures' notes
    cites: tuple[str, ...] = ()
    extras: list[Candidate] = field(default_factory=list)  # slides that follow it: pillars, charts


class PartSlides:
    """Candidate slides for each part of the case, for one edition."""

    def __init__(self, resolved: ResolvedCase, edition: Edition) -> None:
        self.r = resolved
        self.case: Case = resolved.case
        self.instructor = edition == "instructor"
        self.quotes = resolved.quotes_for(FORMAT)

    # ------------------------------------------------------------ words

    def spans(self, text: InlineText | str | None) -> Inline:
        """Text as the slide shows it: no citation markers."""
        return slide_spans(self.r, text)

    def lead(self, text: InlineText) -> Inline:
        """The first sentence of `text` as the slide shows it (its whole is in the notes)."""
        return lead(slide_spans(self.r, text))

    def plain(self, text: InlineText | str | None) -> str:
        """Text as the notes give it: whole, citations numbered."""
        return self.r.plain(text)

    def points(self, slide: SlideText | None) -> tuple[Inline, ...]:
        return tuple(literal(p) for p in slide.points) if slide else ()

    def statement(
        self, authored: SlideText | None, heading: str, text: InlineText
    ) -> tuple[str, Inline, tuple[Inline, ...]]:
        """A slide's title, the statement under it and its points.

        The authored headline and points; an authored headline without points keeps the lead
        sentence of `text` under it as its evidence; without slide text, the heading over that
        lead sentence.
        """
        points = self.points(authored)
        return (authored.headline if authored else heading), (() if points else self.lead(text)), points

    # ------------------------------------------------------------ the protagonist

    def profile(self) -> Candidate:
        person, org = self.case.protagonist, self.case.organisation
        facts = [(self.r.label("born"), self.r.birth())] if person.born else []
        facts += [(self.r.label(key), self.r.joined(items, "item_separator")) for key, items in _lists(person) if items]
        facts.append((self.r.label("organisation"), display_name(org.name, org.native_name)))
        image = self.r.image(person.portrait)
        portrait = self.r.image_files.get(person.portrait) if person.portrait else None
        name = display_name(person.name, person.native_name)
        body = Profile(name, tuple(facts), portrait, image.alt if image else "")
        names = (self.r.name_of(person), self.r.name_of(org))  # as every format writes them
        talk = (*names, *(self.plain(p) for p in person.bio), self.plain(org.line))
        notes = Notes(talk=tuple(t for t in talk if t))
        return Candidate(SlideSpec("content", self.r.label("protagonist"), body, notes=notes, cites=cites_of(org.line)))

    # ------------------------------------------------------------ the narrative

    def section(self, section: Section) -> list[Candidate]:
        """The section's slide: its headline over its exhibit, its pull quote, its points or its lead sentence."""
        authored = section.slide
        exhibit = next(iter(self.r.exhibits_for_section(section.id)), None)
        quote = self.quotes.pulled.get(section.id)
        title = authored.headline if authored else section.heading
        lead_in = () if authored else self.lead(section.paragraphs[0])
        talk = self.section_talk(section, shows_points=not (exhibit or quote))
        cites = cites_of(*section.paragraphs)
        if exhibit is not None:
            return self.exhibit(exhibit, title, lead_in, talk, cites)
        if quote is not None:
            body = Quote(quote.text, self.r.attribution(quote))
            cites += (quote.source,) if quote.source else ()
            return [Candidate(SlideSpec("content", title, body, lead_in, notes=Notes(talk=talk), cites=cites))]
        title, lead_in, points = self.statement(authored, section.heading, section.paragraphs[0])
        spec = SlideSpec("content", title, Points(points), lead_in, notes=Notes(talk=talk), cites=cites)
        card = Card(section.heading, literal(authored.headline)) if authored else None
        return [Candidate(spec, MERGE if points else CUT_ONE, card)]

    def section_talk(self, section: Section, shows_points: bool) -> tuple[str, ...]:
        """The notes behind a section's slide: heading, paragraphs, and what the slide leaves out."""
        talk = [section.heading] if section.slide else []
        talk += [self.plain(p) for p in section.paragraphs]
        if section.slide and not shows_points:
            talk += list(section.slide.points)
        quote = self.r.quote(section.pull_quote)
        if quote and section.id not in self.quotes.pulled:
            talk += [f"“{quote.text}” {self.r.attribution(quote)}"]
        return tuple(talk)

    # ------------------------------------------------------------ exhibits

    def exhibit(
        self,
        exhibit: Exhibit,
        title: str = "",
        lead_in: Inline = (),
        talk: tuple[str, ...] = (),
        cites: tuple[str, ...] = (),
    ) -> list[Candidate]:
        """The exhibit under a section's headline (or its own heading), then the slides that go with it."""
        make = {"journey": self.journey, "pillars": self.pillars, "spotlight": self.spotlight}
        make |= {"comparison": self.comparison, "image": self.image}
        shown = make[exhibit.kind](exhibit)
        title = title or exhibit.heading
        label = exhibit.heading if title != exhibit.heading else ""
        notes = Notes(talk=(*talk, *shown.talk))
        cites = tuple(dict.fromkeys(cites + shown.cites))
        spec = SlideSpec("content", title, shown.body, lead_in, label, shown.caption, notes, cites)
        return [Candidate(spec), *(self.under(c, title, label) if c.cut == "chart" else c for c in shown.extras)]

    @staticmethod
    def under(candidate: Candidate, title: str, label: str) -> Candidate:
        """A slide that goes on with its exhibit under the same headline and label (the charts after the table)."""
        return replace(candidate, spec=replace(candidate.spec, title=title, label=label))

    def journey(self, exhibit: Exhibit) -> Evidence:
        journey = self.case.journey
        dated = (self.r.titled(self.r.short_date(m.date), self.r.run_in(m.title)) for m in journey)
        talk = tuple((line + self.plain(m.detail)).strip() for line, m in zip(dated, journey, strict=True))
        cites = tuple(dict.fromkeys(m.source for m in journey if m.source))
        names = {m.category: self.r.category(m.category) for m in journey}
        return Evidence(Timeline(key_milestones(journey), names), exhibit.source_line, talk, cites)

    def pillars(self, exhibit: Exhibit) -> Evidence:
        """The pillars side by side, each with its thesis; then a slide for each pillar with slide text."""
        pillars = self.case.pillars
        cards = tuple(Card(p.title, self.spans(p.thesis), str(self.r.pillar_number(p))) for p in pillars)
        talk = tuple(self.r.titled(p.title, self.plain(p.thesis)) for p in pillars)
        talk += tuple(line for p in pillars if not p.slide for line in self.pillar_talk(p)[2:])
        cites = cites_of(*(t for p in pillars for t in (p.thesis, *p.points, *p.evidence)))
        return Evidence(Cards(cards), exhibit.source_line, talk, cites, [self.pillar(p) for p in pillars if p.slide])

    def pillar(self, pillar: Pillar) -> Candidate:
        """A pillar's own slide: its headline and points, or its title over its thesis."""
        title, lead_in, points = self.statement(pillar.slide, pillar.title, pillar.thesis)
        notes = Notes(talk=self.pillar_talk(pillar))
        cites = cites_of(pillar.thesis, *pillar.points, *pillar.evidence)
        spec = SlideSpec("content", title, Points(points), lead_in, notes=notes, cites=cites)
        return Candidate(spec, "pillar")

    def pillar_talk(self, pillar: Pillar) -> tuple[str, ...]:
        lines = [pillar.title, self.plain(pillar.thesis)]
        for key, items in (("points", pillar.points), ("evidence", pillar.evidence)):
            lines += [self.r.titled(self.r.label(key), self.plain(t)) for t in items]
        return tuple(lines)

    def spotlight(self, exhibit: Exhibit) -> Evidence:
        spot = self.case.spotlight
        assert spot is not None  # an exhibit of kind spotlight exists only with a spotlight
        figures = tuple(Figure(f.value, f.unit or "", f.label) for f in spot.figures)
        talk = tuple(self.plain(d) for d in spot.description) + tuple(
            (self.r.titled(f.label, self.r.run_in(f"{f.value} {f.unit or ''}".strip())) + self.plain(f.note)).strip()
            for f in spot.figures
        )
        cites = tuple(dict.fromkeys(f.source for f in spot.figures if f.source))
        return Evidence(Figures(figures), exhibit.source_line, talk, cites)

    def comparison(self, exhibit: Exhibit) -> Evidence:
        """The comparison as a table with its cell notes, then its quantities as bar charts."""
        comp = self.case.comparison
        assert comp is not None
        header = ("", *(e.name for e in comp.entities))
        rows = tuple(
            (Cell(self.r.metric_label(m), m.note or ""), *(self.cell(m, e.id) for e in comp.entities))
            for m in comp.metrics
        )
        caption = self.r.joined((self.r.as_of(), exhibit.source_line), "separator")
        talk = ((self.plain(comp.note),) if comp.note else ()) + tuple(self.row_talk(m) for m in comp.metrics)
        charts = tuple(self.chart(m) for m in comp.metrics if charted(m))
        extras = []
        if charts:
            spec = SlideSpec("content", exhibit.heading, Charts(charts), caption=caption, notes=Notes(talk=talk))
            extras.append(Candidate(spec, "chart"))
        return Evidence(Table(header, rows), caption, talk, extras=extras)

    def row_talk(self, metric: Metric) -> str:
        """A comparison row read out whole: the table on the slide may cut a long value."""
        comp = self.case.comparison
        assert comp is not None
        cells = ((e.name, metric.values[e.id]) for e in comp.entities if e.id in metric.values)
        values = self.r.joined(
            (self.r.with_parenthesis(f"{name} {c.value}", c.note) for name, c in cells), "item_separator"
        )
        return self.r.sentence(self.r.titled(self.r.with_parenthesis(self.r.metric_label(metric), metric.note), values))

    def cell(self, metric: Metric, entity: str) -> Cell:
        value = metric.values.get(entity)
        return Cell(value.value, value.note or "") if value else Cell("–")

    def chart(self, metric: Metric) -> Chart:
        comp = self.case.comparison
        assert comp is not None
        placed = [(i, e) for i, e in enumerate(comp.entities) if e.id in metric.values]
        values = tuple(metric.values[e.id].number or 0.0 for _, e in placed)
        names = tuple(e.name for _, e in placed)
        title = self.r.metric_label(metric)
        pairs = self.r.joined((self.r.titled(e.name, metric.values[e.id].value) for _, e in placed), "item_separator")
        described = self.r.run_in(title) + pairs
        return Chart(title, names, values, tuple(i for i, _ in placed), decimals(metric), described)

    def image(self, exhibit: Exhibit) -> Evidence:
        image = self.r.image(exhibit.id)
        path = self.r.image_files.get(exhibit.id)
        assert image is not None and path is not None  # the loader checked every image file
        caption = self.r.joined((image.credit or "", exhibit.source_line), "separator")
        return Evidence(Picture(path, image.alt), caption, (image.caption,))

    # ------------------------------------------------------------ lessons, outlook, questions

    def lessons(self) -> list[Candidate]:
        """The lessons side by side (title, and headline where written), then one slide each."""
        lessons = self.case.lessons
        cards = tuple(
            Card(x.title, literal(x.slide.headline) if x.slide else (), str(self.r.lesson_number(x))) for x in lessons
        )
        talk = tuple(f"{self.r.lesson_number(x)}. {x.title}" for x in lessons)
        spec = SlideSpec("content", self.r.label("lessons"), Cards(cards), notes=Notes(talk=talk))
        return [Candidate(spec), *(self.lesson(x) for x in lessons)]

    def lesson(self, lesson: Lesson) -> Candidate:
        """A lesson's slide: its headline and points (or what they did, in one sentence), and its question."""
        title, lead_in, points = self.statement(lesson.slide, lesson.title, lesson.what_they_did)
        callout = (*literal(f"{self.r.label('reflection')}: "), *self.spans(lesson.reflection))
        texts = (lesson.what_they_did, lesson.for_your_company, lesson.reflection)
        talk = ((lesson.title,) if lesson.slide else ()) + tuple(self.plain(t) for t in texts)
        body = Points(points, callout)
        spec = SlideSpec("content", title, body, lead_in, notes=Notes(talk=talk), cites=cites_of(*texts))
        return Candidate(spec, "lesson")

    def outlook(self) -> Candidate:
        return self.paragraphs("outlook", self.case.outlook_slide, self.case.outlook)

    def paragraphs(self, label: str, authored: SlideText | None, paragraphs: Sequence[InlineText]) -> Candidate:
        """A part written as paragraphs under a label (the outlook, the epilogue): its slide text under the label,
        or the label over its lead sentence; the paragraphs whole in the notes."""
        named = self.r.label(label)
        title, lead_in, points = self.statement(authored, named, paragraphs[0])
        talk = ((named,) if authored else ()) + tuple(self.plain(p) for p in paragraphs)
        notes, cites = Notes(talk=talk), cites_of(*paragraphs)
        spec = SlideSpec("content", title, Points(points), lead_in, named if authored else "", notes=notes, cites=cites)
        return Candidate(spec)

    def questions(self, questions: Sequence[model.Question]) -> Candidate:
        """A segment's discussion questions on one slide, in their order; prompts, minutes and answers in the notes."""
        questions = sorted(questions, key=self.r.question_number)
        items = tuple((self.r.question_number(q), self.spans(q.question)) for q in questions)
        asks = tuple(self.ask(q) for q in questions)
        cites = cites_of(*(t for q in questions for t in (q.question, *q.prompts, *q.answer_points)))
        spec = SlideSpec("content", self.r.label("questions"), Questions(items), notes=Notes(asks=asks), cites=cites)
        return Candidate(spec)

    def ask(self, q: model.Question) -> Ask:
        """The question as the notes put it; its suggested answers and minutes are the instructor's."""
        answers = tuple(self.plain(a) for a in q.answer_points) if self.instructor else ()
        prompts = tuple(self.plain(p) for p in q.prompts)
        minutes = q.minutes if self.instructor else None
        return Ask(self.r.question_number(q), self.plain(q.question), prompts, answers, minutes)

    # ------------------------------------------------------------ the decision and the epilogue

    def decision(self) -> list[Candidate]:
        """The decision the case ends on: its question over the options as numbered cards; then what any option
        must respect, with the deadline at the foot. Where things stand, who decides and each option whole are in
        the notes."""
        decision = self.the_decision()
        talk = (*map(self.plain, decision.situation), self.plain(decision.question))
        talk += (self.r.titled(self.r.label("decider"), self.plain(decision.decider)), *self.option_lines(decision))
        cites = cites_of(*decision.situation, decision.decider, *self.option_texts(decision))
        label, notes = self.r.decision_heading(), Notes(talk=talk)
        decider = (*literal(self.r.titled(self.r.label("decider"))), *self.lead(decision.decider))
        cards = self.options(decision)
        spec = SlideSpec("content", self.question(decision), cards, decider, label, notes=notes, cites=cites)
        return [Candidate(spec), self.constraints(decision, label)]

    def constraints(self, decision: Decision, label: str) -> Candidate:
        """The constraints as written for the slide (else each one's lead sentence), the deadline as the call-out.

        It goes first when its segment is over its share: its words are in the notes.
        """
        authored = decision.slide.points if decision.slide else ()
        items = tuple(map(literal, authored)) or tuple(self.lead(c) for c in decision.constraints)
        deadline = decision.deadline
        callout = (*literal(self.r.titled(self.r.label("deadline"))), *self.lead(deadline)) if deadline else ()
        talk = tuple(self.plain(c) for c in decision.constraints)
        talk += (self.r.titled(self.r.label("deadline"), self.plain(deadline)),) if deadline else ()
        body, cites = Points(items, callout), cites_of(*decision.constraints, deadline)
        spec = SlideSpec("content", self.r.label("constraints"), body, label=label, notes=Notes(talk=talk), cites=cites)
        return Candidate(spec, CUT_ONE)

    def poll(self) -> Candidate:
        """A first vote on the decision, before it is discussed: its question over the options as boxes to tally in."""
        decision = self.the_decision()
        talk = (self.plain(decision.question), *self.option_lines(decision))
        notes, cites = Notes(talk=talk), cites_of(*self.option_texts(decision))
        boxes = self.options(decision, boxes=True)
        return Candidate(SlideSpec("content", self.question(decision), boxes, notes=notes, cites=cites))

    def the_decision(self) -> Decision:
        assert self.case.decision is not None  # the planner asks for its slides only when the case has one
        return self.case.decision

    def question(self, decision: Decision) -> str:
        """The decision's question as the slides ask it: the authored headline, else the question itself."""
        return decision.slide.headline if decision.slide else plain_text(self.spans(decision.question))

    def options(self, decision: Decision, boxes: bool = False) -> Cards:
        """The options by their numbers and titles: cards (with their descriptions where all fit one slide),
        or boxes to tally a vote in."""
        if boxes:
            return Cards(tuple(Card(o.title, tag=str(self.r.option_number(o))) for o in decision.options), boxes=True)
        cards = tuple(Card(o.title, self.spans(o.description), str(self.r.option_number(o))) for o in decision.options)
        return Cards(cards, one_slide=True)

    @staticmethod
    def option_texts(decision: Decision) -> tuple[InlineText, ...]:
        """The question and the options' descriptions: what the slides showing the options cite."""
        return (decision.question, *(o.description for o in decision.options))

    def option_lines(self, decision: Decision) -> tuple[str, ...]:
        return tuple(
            f"{self.r.option_number(o)}. {self.r.titled(o.title, self.plain(o.description))}" for o in decision.options
        )

    def epilogue(self) -> Candidate:
        """Instructor edition: what happened after the case's date, to reveal when the class has decided."""
        note = self.case.teaching_note
        return self.paragraphs("epilogue", note.epilogue_slide, note.epilogue)

    # ------------------------------------------------------------ the class plan

    def opening(self, segment: model.Segment) -> Candidate | None:
        """The slide a segment opens with, when the outline wrote one: its headline and its points as boxes."""
        authored = segment.slide
        if authored is None:
            return None
        body = Cards(tuple(Card(p) for p in authored.points), boxes=True) if authored.points else None
        return Candidate(SlideSpec("content", authored.headline, body or Points()))


def _lists(person: model.Protagonist) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return (("education", person.education), ("roles", person.roles))

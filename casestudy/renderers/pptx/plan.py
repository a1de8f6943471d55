"""The deck's shape: the class plan's segments in order, each with its share of slides, as plain data.

`plan_slides(resolved, edition)` returns the deck as `SlideSpec`s: title and agenda; then each
segment of the class plan: the slide it opens with (`slide:` on the segment), the parts it covers
in the order it names them, and its discussion questions together on one slide; then closing
and, as an appendix, the sources. `budget` caps each segment at its share of the session;
what a segment does not show, and every part no segment names, is in the speaker notes. A class
plan that names no parts gets the whole case in reading order within the session's slides.

The decision the case ends on is shown where the plan names it last (its discussion); a segment
that names it before takes a first vote on its options. The epilogue and the fact checks are the
instructor's: only the instructor deck shows them, and its fact checks are in the notes of the
segment that covers the sources (the profile's errors), where the plan has one.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import chain

from casestudy import model
from casestudy.inline import plain_text
from casestudy.options import Edition
from casestudy.renderers.pptx.budget import FIXED_SLIDES, Candidate, deck_size, shares, trim
from casestudy.renderers.pptx.slides import PartSlides
from casestudy.renderers.pptx.spec import (
    Card,
    Cards,
    Cover,
    Notes,
    Points,
    Profile,
    Quote,
    Reference,
    SlideSpec,
    Sources,
    Table,
)
from casestudy.resolve import ResolvedCase

Unit = tuple[str, str]  # a part a slide can be made of: ("section", id), ("lessons", ""), ...
SegmentPlan = tuple[model.Segment | None, int, list[Unit]]  # a class-plan segment, its minutes, the parts it teaches


class Planner:
    """Builds the slide list for one edition from the class plan."""

    def __init__(self, resolved: ResolvedCase, edition: Edition) -> None:
        self.r = resolved
        self.case = resolved.case
        self.instructor = edition == "instructor"
        self.edition = edition
        self.parts = PartSlides(resolved, edition)
        self.sections = {s.id: s for s in self.case.sections}
        self.pillars = {p.id: p for p in self.case.pillars}
        self.lessons = {x.id: x for x in self.case.lessons}

    # ------------------------------------------------------------ the deck, in order

    def plan(self) -> list[SlideSpec]:
        segments = self.segments()
        content = deck_size(self.case.meta.session_minutes) - FIXED_SLIDES
        counts = shares([minutes for _, minutes, _ in segments], content)
        taught = [self.segment_slides(seg, units, n) for (seg, _, units), n in zip(segments, counts, strict=True)]
        self.fold_untaught(segments, taught)
        placed = [self.in_segment(seg, slides) for (seg, _, _), slides in zip(segments, taught, strict=True)]
        opening = [self.title_slide(), self.agenda()]
        deck = [*opening, *chain.from_iterable(placed), self.closing(), *self.sources()]
        return self.with_fact_checks(deck, self.fact_check_home(segments, placed, len(opening)))

    def segments(self) -> list[SegmentPlan]:
        """Each segment with its minutes and the parts it covers (each part once, where first named).

        The decision is taken where the plan names it last; a segment naming it before takes a first
        vote on it, unless it opens with a slide of its own (the author's own poll).
        """
        plan = self.case.teaching_note.class_plan
        discussed = max((i for i, seg in enumerate(plan) if "decision" in seg.covers), default=-1)
        placed: set[Unit] = set()
        out = []
        for i, seg in enumerate(plan):
            early = i < discussed  # names the decision before its discussion: a first vote, or its own slide
            named = (u for name in seg.covers for u in self.units(name, vote=early and seg.slide is None))
            units = [u for u in dict.fromkeys(named) if u not in placed and not (early and u[0] == "decision")]
            placed.update(u for unit in units for u in self.implied(unit))
            out.append((seg, seg.minutes, units))
        if not any(units for _, _, units in out):  # a plan that names no parts: the case in reading order
            return [(None, self.case.meta.session_minutes, self.reading_order())]
        return out

    def units(self, name: str, vote: bool = False) -> list[Unit]:
        """The parts a class-plan `covers` name stands for; `vote`: the decision as a first vote on its options."""
        if name in self.sections:
            return [("section", name)]
        if name in self.pillars:
            return [("pillar", name)]
        if name in self.lessons:
            return [("lesson", name)]
        if self.r.question(name):
            return [("question", name)]
        exhibit = self.r.exhibit(name)
        if exhibit is not None:
            return [("section", exhibit.section) if exhibit.section else ("exhibit", name)]
        named = {
            "sections": [("section", s) for s in self.sections],
            "questions": [("question", q.id) for q in self.case.questions],
            "lessons": [("lessons", "")],
            "outlook": [("outlook", "")] if self.case.outlook else [],
            "protagonist": [("profile", "")],
            "organisation": [("profile", "")],
            "decision": [("poll" if vote else "decision", "")] if self.case.decision else [],
            "epilogue": self.epilogue(),
        }
        return named.get(name, [])

    def epilogue(self) -> list[Unit]:
        """The epilogue, for the instructor deck only: participants must not learn what happened next."""
        return [("epilogue", "")] if self.instructor and self.case.teaching_note.epilogue else []

    def implied(self, unit: Unit) -> list[Unit]:
        """`unit` and the parts its slides also show: a pillar's slide follows the pillars exhibit."""
        kind, key = unit
        exhibit_id = self.sections[key].exhibit if kind == "section" else key
        exhibit = self.r.exhibit(exhibit_id or "")
        if kind in ("section", "exhibit") and exhibit and exhibit.kind == "pillars":
            return [unit, ("exhibit", exhibit.id), *(("pillar", p) for p in self.pillars)]
        if kind == "lessons":
            return [unit, *(("lesson", x) for x in self.lessons)]
        return [unit]

    def reading_order(self) -> list[Unit]:
        """Every part a slide can show, in the order a reader of the case meets them."""
        units: list[Unit] = [("profile", "")]
        units += [("section", s) for s in self.sections] + self.units("decision")
        units += [("exhibit", e.id) for e in self.r.exhibits if e.section is None]
        units += [("lessons", "")] + ([("outlook", "")] if self.case.outlook else [])
        return units + [("question", q.id) for q in self.case.questions] + self.epilogue()

    # ------------------------------------------------------------ one segment

    def segment_slides(self, seg: model.Segment | None, units: list[Unit], share: int) -> list[SlideSpec]:
        """The segment's slides, cut to its share: opening slide, covered parts, questions."""
        opening = [c for s in self.opening_segments(seg) if (c := self.parts.opening(s))]
        candidates = [*opening, *(c for unit in units if unit[0] != "question" for c in self.unit_slides(unit))]
        questions = [q for kind, key in units if kind == "question" and (q := self.r.question(key))]
        if questions:
            candidates.append(self.parts.questions(questions))
        title = seg.title if seg else self.case.meta.title
        return trim(candidates, share, self.fold, title)

    def opening_segments(self, seg: model.Segment | None) -> tuple[model.Segment, ...]:
        """The segments whose opening slide this one shows: itself, or all when the plan names no parts."""
        return (seg,) if seg else self.case.teaching_note.class_plan

    def unit_slides(self, unit: Unit) -> list[Candidate]:
        """The slides a part would have (summary, objectives and sources are on the fixed slides)."""
        kind, key = unit
        if kind == "section":
            return self.parts.section(self.sections[key])
        if kind == "exhibit":
            exhibit = self.r.exhibit(key)
            return self.parts.exhibit(exhibit) if exhibit else []
        if kind == "question":
            question = self.r.question(key)
            return [self.parts.questions([question])] if question else []
        if kind == "lessons":
            return self.parts.lessons()
        if kind == "pillar":
            return [self.parts.pillar(self.pillars[key])]
        if kind == "lesson":
            return [self.parts.lesson(self.lessons[key])]
        if kind == "decision":
            return self.parts.decision()
        single = {"poll": self.parts.poll, "epilogue": self.parts.epilogue, "outlook": self.parts.outlook}
        return [single.get(kind, self.parts.profile)()]

    def fold_untaught(self, segments: list[SegmentPlan], taught: list[list[SlideSpec]]) -> None:
        """Parts no segment names go to the notes of the segment where the case has them.

        That is the segment of the nearest part before them in reading order (the first segment
        for parts before any named one); their text is added to its last slide's notes.
        """
        where = {u: i for i, (_, _, units) in enumerate(segments) for unit in units for u in self.implied(unit)}
        at = 0
        for unit in self.reading_order():
            if unit in where:
                at = where[unit]
                continue
            target = self.nearest_with_slides(taught, at)
            if target is None:
                continue
            for candidate in self.unit_slides(unit):
                taught[target][-1] = self.fold(taught[target][-1], candidate.spec)
            where.update(dict.fromkeys(self.implied(unit), at))

    @staticmethod
    def nearest_with_slides(taught: list[list[SlideSpec]], at: int) -> int | None:
        order = sorted(range(len(taught)), key=lambda i: (abs(i - at), i > at))
        return next((i for i in order if taught[i]), None)

    # ------------------------------------------------------------ fixed slides

    def title_slide(self) -> SlideSpec:
        """The case's title and subtitle; its authors, institution and date; when it is set, and the edition."""
        meta = self.case.meta
        written = self.r.joined((meta.institution, self.r.short_date(meta.date)), "separator")
        when = self.r.joined((self.r.set_in(), self.r.edition_label(self.edition)), "separator")
        lines = (self.r.joined(meta.authors), written, when)
        notes = Notes(talk=(self.r.plain(self.case.summary),))
        return SlideSpec("title", meta.title, Cover(meta.subtitle or "", lines), notes=notes)

    def agenda(self) -> SlideSpec:
        """The class plan's segments with their minutes: what participants may see of the plan."""
        plan = self.case.teaching_note.class_plan
        cards = tuple(Card(seg.title, tag=self.r.label("minutes", n=seg.minutes)) for seg in plan)
        total = self.r.label("minutes", n=self.r.class_plan_minutes)
        talk = [self.r.sentence(self.r.titled(self.r.label("total"), total))]
        if self.instructor:  # objectives and the plan's activities are the instructor's
            talk += [self.r.plain(o) for o in self.case.teaching_note.objectives]
            timed = ((self.r.with_parenthesis(s.title, self.r.label("minutes", n=s.minutes)), s) for s in plan)
            talk += [self.r.titled(title, self.r.plain(seg.activity)) for title, seg in timed if seg.activity]
        return SlideSpec("content", self.r.label("agenda"), Cards(cards), notes=Notes(talk=tuple(talk)))

    def closing(self) -> SlideSpec:
        meta = self.case.meta
        body = Cover(meta.title, (meta.institution, meta.copyright, meta.usage))
        return SlideSpec("closing", self.r.label("thank_you"), body, notes=Notes(talk=(meta.title,)))

    def sources(self) -> list[SlideSpec]:
        """The sources as an appendix, each under its shared number, the URLs in the notes.

        The list is the edition's own (`resolve`): a participant deck never names the epilogue's
        sources, which would tell what happened after the case's date.
        """
        listed = self.r.numbered_endnotes()
        if not listed:
            return []
        refs = tuple(Reference(n, self.r.source_reference(s), s.url or "") for n, s in listed)
        talk = tuple(f"[{r.number}] {r.full}" + (f" {r.url}" if r.url else "") for r in refs)
        return [SlideSpec("content", self.r.label("sources"), Sources(refs), notes=Notes(talk=talk))]

    # ------------------------------------------------------------ notes the order decides

    def in_segment(self, seg: model.Segment | None, slides: list[SlideSpec]) -> list[SlideSpec]:
        """The slides' notes name their segment and its minutes; the first (instructor) its activity."""
        if seg is None:
            return slides
        timed = self.r.joined((seg.title, self.r.label("minutes", n=seg.minutes)), "separator")
        line = self.r.titled(self.r.label("segment"), timed)
        activity = self.r.plain(seg.activity) if self.instructor else ""
        return [
            replace(spec, notes=replace(spec.notes, segment=line, activity="" if i else activity))
            for i, spec in enumerate(slides)
        ]

    @staticmethod
    def fact_check_home(segments: list[SegmentPlan], placed: list[list[SlideSpec]], before: int) -> int | None:
        """Where in the deck the fact checks go: the first slide of the segment that covers the sources, if any."""
        pairs = zip(segments, placed, strict=True)
        covers = [bool(seg and "sources" in seg.covers and slides) for (seg, _, _), slides in pairs]
        if True not in covers:
            return None
        return before + sum(map(len, placed[: covers.index(True)]))

    def with_fact_checks(self, deck: list[SlideSpec], home: int | None) -> list[SlideSpec]:
        """Instructor edition: the fact checks in the notes of slide `home` (the segment on the sources), or each
        on the first slide citing its source and the rest with the sources."""
        if not self.instructor:
            return deck
        checks = list(self.case.teaching_note.fact_checks)
        if home is not None:
            lines = tuple(map(self.fact_check_line, checks))
            deck[home] = replace(deck[home], notes=replace(deck[home].notes, fact_checks=lines))
            return deck
        out = []
        for spec in deck:
            mine = [f for f in checks if f.source in spec.cites]
            checks = [f for f in checks if f not in mine]
            out.append(replace(spec, notes=replace(spec.notes, fact_checks=tuple(map(self.fact_check_line, mine)))))
        last = out[-1]
        rest = last.notes.fact_checks + tuple(map(self.fact_check_line, checks))
        out[-1] = replace(last, notes=replace(last.notes, fact_checks=rest))
        return out

    def fold(self, kept: SlideSpec, gone: SlideSpec) -> SlideSpec:
        """`kept` with the notes of a slide that does not show: its title, what it showed, its talk and questions."""
        talk = (*kept.notes.talk, gone.title, *shown_words(gone, self.r), *gone.notes.talk)
        notes = replace(kept.notes, talk=talk, asks=kept.notes.asks + gone.notes.asks)
        return replace(kept, notes=notes, cites=tuple(dict.fromkeys(kept.cites + gone.cites)))

    def fact_check_line(self, check: model.FactCheck) -> str:
        verdict = self.r.run_in(self.r.label("attribution", who=self.r.verdict(check)))
        return f"“{check.claim}” {verdict}{self.r.plain(check.truth)}"


def shown_words(spec: SlideSpec, r: ResolvedCase) -> tuple[str, ...]:
    """The words a slide shows that its notes do not already hold: points, cards, a quote, a table."""
    body = spec.body
    if isinstance(body, Points):
        return tuple(map(plain_text, body.items))
    if isinstance(body, Cards):
        return tuple(
            r.titled(c.heading, plain_text(c.body)) if c.heading and c.body else c.heading or plain_text(c.body)
            for c in body.cards
        )
    if isinstance(body, Quote):
        return (f"“{body.text}” {body.attribution}",)
    if isinstance(body, Table):
        return tuple(r.joined((r.with_parenthesis(c.value, c.note) for c in row), "separator") for row in body.rows)
    if isinstance(body, Profile):
        return (body.name, *(r.titled(label, value) for label, value in body.facts))
    return ()


def plan_slides(resolved: ResolvedCase, edition: Edition = "participant") -> list[SlideSpec]:
    """The deck for `edition` as plain data, in presentation order."""
    return Planner(resolved, edition).plan()

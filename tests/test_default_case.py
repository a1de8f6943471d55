"""The shipped case is a teaching case: set at a date, ending on a decision, its sources trustworthy.

These tests read the default outline's content, not its rendering: what participants are given,
what only instructors see, and where every claim comes from.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from casestudy.checks import count_words
from casestudy.model import InlineText, PartialDate, walk

CONTENT_FARMS = (
    "codelist.biz",
    "expresion-sonora",
    "usmail24",
    "geolive.tv",
    "stockcounterparts",
    "i-n.tech",
    "edriver.by",
    "xiaoupdate",
    "laitimes",
    "insightssuccess",
)
ASIDES = ("participants may", "a more useful question", "that is an opinion", "this class", "the case writers found")


def instructor_only(loc: tuple) -> bool:
    """The parts of the case an instructor alone sees; everything else reaches participants."""
    return loc[:1] == ("teaching_note",) or (loc[:1] == ("questions",) and "answer_points" in loc)


def participant_texts(case) -> list[tuple[tuple, InlineText]]:
    return [(loc, v) for loc, v in walk(case) if isinstance(v, InlineText) and not instructor_only(loc)]


def cited(texts) -> set[str]:
    return {i for _, text in texts for span in text.spans for i in span.cites}


def last_day(date: PartialDate) -> dt.date:
    if date.day:
        return dt.date(date.year, date.month, date.day)
    if date.month:
        return dt.date(date.year + date.month // 12, date.month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(date.year, 12, 31)


def first_day(date: PartialDate) -> dt.date:
    return dt.date(date.year, date.month or 1, date.day or 1)


@pytest.fixture(scope="module")
def case(resolved_default):
    return resolved_default.case


def test_the_case_is_set_in_april_2025_and_ends_on_a_decision(case):
    assert str(case.meta.set_in) == "2025-04"
    assert "April 2025" in case.summary.plain
    decision = case.decision
    assert decision is not None and len(decision.options) >= 3 and decision.constraints
    assert "Lei Jun" in decision.decider.plain and "YU7" in decision.question.plain
    assert not case.outlook, "the narrative ends on the decision, not on an outlook"
    assert not case.meta.lessons_in_case


def test_participants_never_cite_the_magazine_profile(case):
    texts = participant_texts(case)
    assert "article" not in cited(texts)
    plain_refs = [v for loc, v in walk(case) if loc[-1:] == ("source",) and not instructor_only(loc)]
    assert "article" not in plain_refs
    assert any(s.id == "article" for s in case.sources)
    assert "article" in cited((loc, v) for loc, v in walk(case) if isinstance(v, InlineText) and instructor_only(loc))
    assert not any("profile" in v.plain.lower() for _, v in texts), "participant text discusses the profile"


def test_participant_text_cites_nothing_published_after_the_case_date(case):
    by_id = {s.id: s for s in case.sources}
    set_at = last_day(case.meta.set_at)
    later = sorted(i for i in cited(participant_texts(case)) if by_id[i].date and first_day(by_id[i].date) > set_at)
    assert later == [], later


def test_the_epilogue_tells_what_happened_later_with_sources(case):
    by_id = {s.id: s for s in case.sources}
    epilogue = case.teaching_note.epilogue
    assert len(epilogue) >= 3
    for paragraph in epilogue:
        ids = {i for span in paragraph.spans for i in span.cites}
        assert ids, paragraph.plain
        assert all(by_id[i].date and first_day(by_id[i].date) > last_day(case.meta.set_at) for i in ids)
    text = " ".join(p.plain for p in epilogue)
    for figure in ("253,500", "410,000", "550,000", "700 million"):
        assert figure in text


def test_no_author_asides_in_participant_text(case):
    for loc, text in participant_texts(case):
        lowered = text.plain.lower()
        assert not any(aside in lowered for aside in ASIDES), (loc, text.plain)


def test_every_source_has_a_publisher_a_date_and_a_url_or_says_why_not(case):
    for source in case.sources:
        assert source.publisher, source.id
        assert source.url or source.note, f"{source.id}: no URL and no note saying why"
        assert source.date or source.note, f"{source.id}: no date and no note saying why"
        where = f"{source.url or ''} {source.publisher}".lower()
        assert not any(farm in where for farm in CONTENT_FARMS), source.id
    assert sum(1 for s in case.sources if not s.url) <= 4


def test_every_source_is_cited(case):
    every = {i for _, v in walk(case) if isinstance(v, InlineText) for span in v.spans for i in span.cites}
    every |= {v for loc, v in walk(case) if loc[-1:] == ("source",) and isinstance(v, str)}
    assert {s.id for s in case.sources} - every == set()


def test_facts_the_second_check_corrected(case):
    narrative = " ".join(p.plain for s in case.sections for p in s.paragraphs)
    assert "four-wheel-drive SU7" in narrative and "1,276 km" in narrative
    assert "Standard SU7, Lei" not in narrative
    assert "already better" not in narrative and "more than 90%" in narrative
    bio = " ".join(p.plain for p in case.protagonist.bio)
    assert "Jobs and Gates" in bio and "16 December 1969" in bio
    checks = {c.id: c for c in case.teaching_note.fact_checks}
    assert checks["fc-gates"].verdict == "correct" and "Gates" in checks["fc-gates"].truth.plain
    assert "kilometres" in checks["fc-charging"].truth.plain
    assert checks["fc-pillars"].source == "article"
    assert "Aito" in narrative  # Huawei's partner brands, cited
    plan = " ".join(s.activity.plain for s in case.teaching_note.class_plan if s.activity)
    assert '"220V' in plan and "kilometres for volts" in plan


def test_the_crash_question_rests_on_material_in_the_case(case):
    question = next(q for q in case.questions if q.id == "q-autonomy")
    assert "29 March 2025" in " ".join(p.plain for p in question.prompts)
    section = next(s for s in case.sections if s.id == "opening")
    assert {"shine-2025-crash", "reuters-miit-2025"} <= cited((("x",), p) for p in section.paragraphs)


def test_the_profile_is_discussed_by_the_instructor_not_asked_of_participants(case):
    assert not any("profile" in q.question.plain.lower() for q in case.questions)
    segment = next(s for s in case.teaching_note.class_plan if "profile" in s.title.lower())
    assert segment.activity.plain.startswith("Instructor-led")


def test_one_list_of_learning_objectives(case):
    assert 3 <= len(case.teaching_note.objectives) <= 6


def test_the_participant_case_is_short_enough_to_read_before_class(case):
    """About 8 printed pages at most: the default's body type sets about 550 words a page."""
    decision = case.decision
    texts = [case.summary, *case.protagonist.bio, *(p for s in case.sections for p in s.paragraphs)]
    texts += [*decision.situation, decision.question, decision.decider, decision.deadline]
    texts += [*(o.description for o in decision.options), *decision.constraints]
    words = sum(count_words(t.plain) for t in texts)
    assert words <= 8 * 450, words


def test_summary_and_narrative_tell_nothing_dated_after_the_case_date(case):
    later = re.compile(r"\b(May|June|July|August|September|October|November|December) 2025\b|\b2026\b")
    for text in [case.summary, *(p for s in case.sections for p in s.paragraphs)]:
        assert not later.search(text.plain), text.plain

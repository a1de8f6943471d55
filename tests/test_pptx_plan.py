"""The deck's plan as plain data: how many slides a class gets, what each shows, what goes to the notes."""

from __future__ import annotations

import pytest

from casestudy.build import load_resolved
from casestudy.model import Metric
from casestudy.renderers.pptx.budget import Candidate, deck_size, shares, trim
from casestudy.renderers.pptx.notes import notes_text
from casestudy.renderers.pptx.plan import Planner, plan_slides
from casestudy.renderers.pptx.slides import charted, key_milestones
from casestudy.renderers.pptx.spec import Card, Cards, Notes, Points, Questions, SlideSpec, Table, Timeline


@pytest.mark.parametrize(
    "minutes, slides", [(90, 30), (45, 15), (60, 20), (180, 60), (10, 5)], ids=["90", "45", "60", "180", "10"]
)
def test_a_class_gets_one_slide_for_every_three_minutes(minutes, slides):
    assert deck_size(minutes) == slides


@pytest.mark.parametrize(
    "minutes, slides, expected",
    [
        ((5, 12, 16, 14, 8, 18, 12, 5), 26, [1, 4, 5, 4, 2, 5, 4, 1]),  # the default case's class plan
        ((5, 10, 25, 5), 11, [1, 3, 6, 1]),  # the board retreat's
        ((1, 1, 58), 3, [1, 1, 1]),  # every segment gets one, from the longest's share
        ((10, 10, 10, 10), 3, [1, 1, 1, 1]),  # even over the total
    ],
    ids=["default", "board-retreat", "tiny-segments", "more-segments-than-slides"],
)
def test_segments_share_the_slides_in_proportion_to_their_minutes(minutes, slides, expected):
    assert shares(minutes, slides) == expected


def spec(title: str, body=None, talk: tuple[str, ...] = ()) -> SlideSpec:
    return SlideSpec("content", title, body or Points(), notes=Notes(talk=talk))


def test_over_its_share_a_segment_gives_up_lead_slides_then_whole_groups_then_merges(resolved_default):
    fold = Planner(resolved_default, "participant").fold
    candidates = [
        Candidate(spec("Opening", Cards((Card("Yes"), Card("No")), boxes=True))),
        Candidate(spec("Lead 1", talk=("one",)), "lead"),
        Candidate(spec("Text A", Points(), talk=("a",)), "text", Card("A", ())),
        Candidate(spec("Lesson 1"), "lesson"),
        Candidate(spec("Lesson 2"), "lesson"),
        Candidate(spec("Text B", talk=("b",)), "text", Card("B", ())),
        Candidate(spec("Questions", Questions(()))),
    ]
    kept = trim(candidates, 4, fold, "Segment")
    assert [s.title for s in kept] == ["Opening", "Text A", "Text B", "Questions"]
    assert "Lead 1" in kept[0].notes.talk and "Lesson 2" in kept[1].notes.talk, "what goes is in the notes"
    merged = trim(candidates, 3, fold, "Segment")
    assert [s.title for s in merged] == ["Opening", "Segment", "Questions"]
    assert [c.heading for c in merged[1].body.cards] == ["A", "B"]
    assert {"Text A", "a", "Text B", "b"} <= set(merged[1].notes.talk)


def test_exhibits_questions_and_openings_always_stay(resolved_default):
    fold = Planner(resolved_default, "participant").fold
    candidates = [Candidate(spec(f"Exhibit {i}", Table((), ()))) for i in range(5)]
    assert len(trim(candidates, 2, fold, "Segment")) == 5


def test_key_milestones_are_the_flagged_ones_else_ten_spread_over_the_whole_chronology(resolved_default):
    journey = resolved_default.case.journey
    assert key_milestones(journey) == tuple(m for m in journey if m.key)
    unflagged = tuple(m.model_copy(update={"key": False}) for m in journey)
    chosen = key_milestones(unflagged)
    assert len(chosen) == 10 and chosen[0] == unflagged[0] and chosen[-1] == unflagged[-1]


@pytest.mark.parametrize(
    "metric, charts",
    [
        ({"unit": "CNY", "values": {"a": "215,900", "b": "245,900"}}, True),
        ({"values": {"a": "215,900", "b": "245,900"}}, False),  # no unit: a quantity of what?
        ({"values": {"a": "215,900", "b": "245,900"}, "chart": True}, True),
        ({"unit": "kWh", "values": {"a": "73.6", "b": "94.3"}, "chart": False}, False),
        ({"unit": "km", "values": {"a": "700", "b": "unverified"}}, False),  # not all numbers
        ({"values": {"a": "2006", "b": "2010"}, "chart": True}, False),  # years never
        ({"unit": "year", "values": {"a": "2006", "b": "2010"}}, False),
        ({"unit": "km", "values": {"a": "1500", "b": "2100"}}, True),  # four digits with a unit: a quantity
        ({"label": "Rank", "unit": "place", "values": {"a": "1", "b": "2"}, "chart": True}, False),
    ],
)
def test_a_comparison_row_charts_only_when_it_is_a_quantity_with_a_unit(metric, charts):
    assert charted(Metric(**{"id": "m", "label": "Metric", **metric})) is charts


def test_every_slide_has_notes_and_one_piece_of_evidence(resolved_default):
    for slide in plan_slides(resolved_default, "participant")[2:-2]:
        assert notes_text(slide.notes, resolved_default).strip(), slide.title
        body = slide.body
        if isinstance(body, Points):
            assert len(body.items) <= 4 and (body.items or slide.lead), slide.title


def test_the_timeline_is_the_first_slide_of_the_segment_that_covers_the_journey(resolved_default):
    deck = plan_slides(resolved_default, "participant")
    segment = next(seg for seg in resolved_default.case.teaching_note.class_plan if "journey" in seg.covers)
    first = next(s for s in deck if f"{segment.title} ·" in s.notes.segment)
    assert isinstance(first.body, Timeline) and first.label.startswith("Exhibit 1")


def test_a_plan_that_names_no_parts_gets_the_case_in_reading_order(write_variant):
    def no_covers(data: dict) -> None:
        for segment in data["teaching_note"]["class_plan"]:
            segment.pop("covers", None)

    resolved = load_resolved(write_variant(no_covers))
    deck = plan_slides(resolved, "participant")
    assert len(deck) <= deck_size(resolved.case.meta.session_minutes) + 2  # continuations are layout's
    titles = [s.title for s in deck]
    headlines = [s.slide.headline for s in resolved.case.sections if s.slide]
    shown = [h for h in headlines if h in titles]
    assert shown and shown == sorted(shown, key=headlines.index), "in the case's order"
    assert resolved.label("questions") in titles


def test_participant_notes_name_no_activity_and_give_no_answers(resolved_default):
    for slide in plan_slides(resolved_default, "participant"):
        assert not slide.notes.activity and not slide.notes.fact_checks
        assert all(not ask.answers for ask in slide.notes.asks)


def test_a_segment_naming_the_decision_before_its_discussion_takes_a_first_vote_unless_it_has_its_own_slide(
    resolved_default, write_variant
):
    def own_poll(data: dict) -> None:
        data["teaching_note"]["class_plan"][0]["slide"] = {"headline": "Bet or distraction?", "points": ["Bet", "No"]}

    vote = resolved_default.case.decision.slide.headline
    for resolved, polls in (
        (resolved_default, [vote]),
        (load_resolved(write_variant(own_poll)), ["Bet or distraction?"]),
    ):
        deck = plan_slides(resolved, "participant")
        first = resolved.case.teaching_note.class_plan[0]
        opening = [s for s in deck if f"{first.title} ·" in s.notes.segment]
        assert [s.title for s in opening if isinstance(s.body, Cards) and s.body.boxes] == polls
        decided = [s for s in deck if s.label == resolved.decision_heading()]
        assert len(decided) == 2 and all(first.title not in s.notes.segment for s in decided), "discussed later"

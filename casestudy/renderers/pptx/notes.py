"""Speaker notes as the notes page prints them: segment, activity, talk track, questions, answers, fact checks."""

from __future__ import annotations

from casestudy.renderers.pptx.spec import Ask, Notes
from casestudy.resolve import ResolvedCase


def notes_text(notes: Notes, r: ResolvedCase) -> str:
    """The notes of a slide, in the order an instructor reads them before and during the slide."""
    blocks = [notes.segment]
    if notes.activity:
        blocks.append(r.titled(r.label("activity"), notes.activity))
    blocks.append("\n\n".join(notes.talk))
    blocks += [ask_text(ask, r) for ask in notes.asks]
    if notes.fact_checks:
        blocks.append(r.titled(r.label("fact_checks")).rstrip() + "\n" + "\n".join(f"• {c}" for c in notes.fact_checks))
    return "\n\n".join(b for b in blocks if b)


def ask_text(ask: Ask, r: ResolvedCase) -> str:
    """ "Ask the room: question (10 min)", its prompts, and in the instructor edition its answers."""
    minutes = r.parenthesis(r.label("minutes", n=ask.minutes)) if ask.minutes else ""
    lines = [r.titled(r.label("ask_the_room"), ask.question + minutes), *(f"– {p}" for p in ask.prompts)]
    if ask.answers:
        lines += [r.titled(r.label("suggested_answers")).rstrip(), *(f"• {a}" for a in ask.answers)]
    return "\n".join(lines)


def continued_notes(notes: Notes, title: str, r: ResolvedCase) -> str:
    """The notes of a continuation slide: the segment line and the slide's full title, marked as continued.

    The talk track, question and answers are on the slide the content starts on; repeating them on
    every continuation slide made the notes (and the deck) grow with the square of a long part.
    """
    return "\n\n".join(b for b in (notes.segment, r.continued(title)) if b)

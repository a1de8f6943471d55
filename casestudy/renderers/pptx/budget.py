"""How many slides a class is taught from, each segment's share, and what goes when a segment has too many.

The rule (README, "The slide deck"): about one slide for every three minutes of class, so at most
30 for 90 minutes. Title, agenda, closing and sources take four; the rest are shared among the
class plan's segments in proportion to their minutes (largest remainder, at least one each).
A segment with more slides than its share gives them up in a fixed order, and what a slide
that goes would have shown moves to the speaker notes of its neighbour.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from casestudy.renderers.pptx.spec import Card, Cards, SlideSpec

MINUTES_PER_SLIDE = 3
FIXED_SLIDES = 4  # title, agenda, closing, sources

# What goes first when a segment is over its share: a slide showing only a section's lead sentence
# (one at a time, the last first); then, each as a group, the comparison's charts (the table
# stays), the pillars' own slides (the overview stays), the lessons' own slides (the overview
# stays); last, sections with authored slide text are gathered on one slide of cards.
CUT_ONE = "lead"
CUT_GROUPS = ("chart", "pillar", "lesson")
MERGE = "text"


@dataclass(frozen=True)
class Candidate:
    """A slide a segment would show, and how it may give way (None: it always stays)."""

    spec: SlideSpec
    cut: str | None = None
    card: Card | None = None  # what it becomes when the segment's authored sections are merged


def deck_size(minutes: int) -> int:
    """The most slides a session of `minutes` is taught from: one for every three minutes."""
    return max(FIXED_SLIDES + 1, minutes // MINUTES_PER_SLIDE)


def shares(minutes: Sequence[int], slides: int) -> list[int]:
    """`slides` shared among segments in proportion to their minutes (largest remainder), each at least one."""
    total = sum(minutes) or 1
    exact = [slides * m / total for m in minutes]
    counts = [max(1, math.floor(e)) for e in exact]
    by_remainder = sorted(range(len(minutes)), key=lambda i: (math.floor(exact[i]) - exact[i], i))
    for i in by_remainder[: max(0, slides - sum(counts))]:
        counts[i] += 1
    while sum(counts) > slides and max(counts) > 1:  # the ones given to short segments come from the longest
        i = max((i for i in range(len(counts)) if counts[i] > 1), key=lambda i: counts[i] - exact[i])
        counts[i] -= 1
    return counts


Fold = Callable[[SlideSpec, SlideSpec], SlideSpec]  # (kept slide, slide that went) -> kept slide with its notes


def trim(candidates: list[Candidate], share: int, fold: Fold, merged_title: str) -> list[SlideSpec]:
    """The candidates cut to `share` slides in the fixed order; each slide that goes is folded into a neighbour."""
    kept = list(candidates)
    while len(kept) > share and (i := _last(kept, CUT_ONE)) is not None:
        kept = _fold_away(kept, i, fold)
    for group in CUT_GROUPS:  # a group goes whole: lesson 3 alone, without 4 and 5, would make no sense
        if len(kept) <= share:
            break
        while (i := _last(kept, group)) is not None:
            kept = _fold_away(kept, i, fold)
    if len(kept) > share:
        kept = _merge(kept, fold, merged_title)
    return [c.spec for c in kept]


def _last(kept: list[Candidate], cut: str) -> int | None:
    return next((i for i in range(len(kept) - 1, -1, -1) if kept[i].cut == cut), None)


def _fold_away(kept: list[Candidate], i: int, fold: Fold) -> list[Candidate]:
    """Without slide `i`; its notes go to the slide before it (or after it, when it was first)."""
    if len(kept) == 1:
        return kept
    j = i - 1 if i else 1
    out = list(kept)
    out[j] = replace(out[j], spec=fold(out[j].spec, kept[i].spec))
    del out[i]
    return out


def _merge(kept: list[Candidate], fold: Fold, title: str) -> list[Candidate]:
    """The segment's authored section slides as one slide of cards (heading and headline), where the first was."""
    texts = [i for i, c in enumerate(kept) if c.cut == MERGE and c.card]
    if len(texts) < 2:
        return kept
    first = kept[texts[0]].spec
    merged = replace(first, title=title, body=Cards(tuple(kept[i].card for i in texts)), lead=(), label="")
    merged = replace(merged, notes=replace(first.notes, talk=(first.title, *first.notes.talk)))
    for i in texts[1:]:
        merged = fold(merged, kept[i].spec)
    out = [c for i, c in enumerate(kept) if i not in texts[1:]]
    out[texts[0]] = Candidate(merged)
    return out

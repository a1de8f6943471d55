"""Format-neutral timeline layout: which milestones share an axis, where, and in which lane.

Both the PDF and the deck draw the journey as an axis with labelled markers. They differ in
units and sizes, so this module works in fractions of the axis width: a renderer says how wide
a label is (as a fraction) and how many lanes it can stack, and gets back positions that never
overlap, split over as many axes (rows, pages or slides) as the milestones need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from casestudy.model import Milestone


@dataclass(frozen=True)
class Placed:
    """A milestone on an axis: marker at `x`, label box from `left` to `left + width`, in `lane`."""

    milestone: Milestone
    x: float  # marker position, 0..1 along the axis
    left: float  # label's left edge, 0..1 (clamped so the label stays on the axis)
    lane: int  # 0 nearest the axis


@dataclass(frozen=True)
class Axis:
    """One drawn axis: its first and last year and the milestones placed on it."""

    first_year: int
    last_year: int
    placed: tuple[Placed, ...]

    @property
    def lanes(self) -> int:
        return 1 + max((p.lane for p in self.placed), default=0)


def layout(milestones: Sequence[Milestone], label_width: float, max_lanes: int, gap: float = 0.01) -> list[Axis]:
    """Milestones in date order over as few axes as keep every label within `max_lanes`."""
    if not milestones:
        return []
    ordered = sorted(milestones, key=lambda m: m.date.sort_key)
    axis = _place(ordered, label_width, max_lanes, gap)
    if axis is not None or len(ordered) == 1:
        return [axis or _place(ordered, label_width, 10**6, gap)]  # type: ignore[list-item]
    half = len(ordered) // 2
    return layout(ordered[:half], label_width, max_lanes, gap) + layout(ordered[half:], label_width, max_lanes, gap)


def _place(ordered: list[Milestone], width: float, max_lanes: int, gap: float) -> Axis | None:
    first, last = ordered[0].date.year, ordered[-1].date.year
    span = max(1.0, last + 1 - first)
    lane_ends: list[float] = []
    placed = []
    for milestone in ordered:
        year, month, day = milestone.date.sort_key
        x = (year - first + (max(month, 1) - 1) / 12 + (max(day, 1) - 1) / 365) / span
        left = min(max(0.0, x - width / 2), max(0.0, 1.0 - width))
        lane = next((i for i, end in enumerate(lane_ends) if end + gap <= left), len(lane_ends))
        if lane >= max_lanes:
            return None
        if lane == len(lane_ends):
            lane_ends.append(0.0)
        lane_ends[lane] = left + width
        placed.append(Placed(milestone, x, left, lane))
    return Axis(first, last, tuple(placed))

"""The deck as plain data: each slide's title, the evidence under it and its speaker notes.

`plan` fills these in; `layout` turns them into positioned text; nothing here knows python-pptx
or sizes, so tests can read the deck's content without building it. Outline text keeps its
inline tree (`Inline`: spans with bold, italics and links) down to the emitter, with citation
markers left out: citations are in the notes and on the sources slide, never on a slide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from casestudy.inline import Span
from casestudy.model import Milestone

Inline = tuple[Span, ...]  # outline text as a slide shows it: styled spans, no citation markers


# ---------------------------------------------------------------- what a slide shows under its title


@dataclass(frozen=True)
class Cover:
    """Title and closing slides: a big title, a subtitle and a few small lines."""

    subtitle: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Points:
    """At most a few short points, and a call-out at the foot (a lesson's reflection question)."""

    items: tuple[Inline, ...] = ()
    callout: Inline = ()


@dataclass(frozen=True)
class Card:
    heading: str
    body: Inline = ()
    tag: str = ""  # a small label above the heading: "1", "15 min"


@dataclass(frozen=True)
class Cards:
    """Items side by side: pillars, lessons, the agenda's segments, a poll's options."""

    cards: tuple[Card, ...]
    boxes: bool = False  # True: tall boxes a room can write or tally in (a poll's options)
    one_slide: bool = False  # True: on one slide, without their bodies (which the notes hold) if need be


@dataclass(frozen=True)
class Questions:
    """A segment's discussion questions together, each under the number it has in every format."""

    items: tuple[tuple[int, Inline], ...]


@dataclass(frozen=True)
class Profile:
    """The protagonist: name, portrait and facts as label/value pairs."""

    name: str
    facts: tuple[tuple[str, str], ...]
    portrait: Path | None = None
    portrait_alt: str = ""


@dataclass(frozen=True)
class Timeline:
    milestones: tuple[Milestone, ...]
    category_names: Mapping[str, str] = field(default_factory=dict)  # category id -> its printed name (resolve)


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


@dataclass(frozen=True)
class Cell:
    """A table value as printed, with its note (kept in the table, smaller, under the value)."""

    value: str
    note: str = ""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]  # the first cell of a row is its label


@dataclass(frozen=True)
class Chart:
    """One bar chart of a quantity across the comparison's entities, a colour per entity."""

    title: str  # the metric with its unit: "List price (CNY)"
    categories: tuple[str, ...]
    values: tuple[float, ...]
    entities: tuple[int, ...]  # each bar's entity, by its place in the comparison: its colour
    decimals: int  # digits after the point in the data labels, as the outline writes the values
    alt: str


@dataclass(frozen=True)
class Charts:
    charts: tuple[Chart, ...]


@dataclass(frozen=True)
class Picture:
    path: Path
    alt: str


@dataclass(frozen=True)
class Reference:
    """One entry of the sources slide, in the forms the slide may print it (longest first)."""

    number: int
    full: str  # publisher, title, date
    url: str = ""


@dataclass(frozen=True)
class Sources:
    references: tuple[Reference, ...]


Body = Cover | Points | Cards | Questions | Profile | Timeline | Quote | Figures | Table | Charts | Picture | Sources


# ---------------------------------------------------------------- speaker notes


@dataclass(frozen=True)
class Ask:
    """A discussion question as the notes give it: to ask, with prompts, and (instructor) answers."""

    number: int
    question: str
    prompts: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    minutes: int | None = None


@dataclass(frozen=True)
class Notes:
    """What the speaker notes say: where the slide sits in the class, what to say and to ask."""

    segment: str = ""  # "Segment: The journey · 10 min"
    activity: str = ""  # instructor edition: what the class plan says to do in the segment
    talk: tuple[str, ...] = ()  # the case's full text behind the slide, citations numbered
    asks: tuple[Ask, ...] = ()
    fact_checks: tuple[str, ...] = ()  # instructor edition


@dataclass(frozen=True)
class SlideSpec:
    kind: str  # title, content, closing: which slide layout it takes
    title: str  # a headline stating the point, where the outline wrote one
    body: Body
    lead: Inline = ()  # a statement above the evidence: the section's lead sentence
    label: str = ""  # the exhibit's label ("Exhibit 3: ..."), when the title is a headline
    caption: str = ""  # the exhibit's source line
    notes: Notes = field(default_factory=Notes)
    cites: tuple[str, ...] = ()  # sources behind the slide's content: its fact checks go with it

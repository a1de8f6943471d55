"""The outline model: a typed, immutable case that every renderer reads and none may change.

No I/O and no format imports here. Strings that may carry inline markup are `Text` (parsed
once into spans by `casestudy.inline`); plain strings are printed exactly as written.
Cross-references between parts (citations, exhibit and question ids, class-plan minutes)
are checked by `casestudy.checks`, which reports each problem at its own path.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)

from casestudy.inline import ID_PATTERN, Span, parse_inline, plain_text
from casestudy.scripts import display_width

MAX_TEXT = 20_000  # characters in one string: about seven printed pages
MAX_LIST = 200  # items in most lists; the narrative, journey and sources may grow larger
MAX_LONG_LIST = 5_000  # a case at 100x the default's size still fits (see bench/)


class Model(BaseModel):
    """Base of every outline part: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# ---------------------------------------------------------------- scalar types


class InlineText(BaseModel):
    """Text with inline markup: the source as written and the spans it parses into."""

    model_config = ConfigDict(frozen=True)

    source: str
    spans: tuple[Span, ...]

    @property
    def plain(self) -> str:
        """The characters a reader sees, without citation or exhibit markers."""
        return plain_text(self.spans)

    def __str__(self) -> str:
        return self.plain


def _to_inline(value: Any) -> Any:
    if isinstance(value, InlineText):
        return value
    if not isinstance(value, str):
        raise ValueError("expected text")
    value = value.strip()
    if not value:
        raise ValueError("text must not be empty")
    if len(value) > MAX_TEXT:
        raise ValueError(f"text is {len(value):,} characters long; the limit is {MAX_TEXT:,}")
    return InlineText(source=value, spans=parse_inline(value))


Text = Annotated[
    InlineText,
    BeforeValidator(_to_inline),
    PlainSerializer(lambda t: t.source, return_type=str),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TEXT}),
]
Str = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]


def fits(limit: int) -> AfterValidator:
    """Refuse text wider than `limit` Latin letters: a CJK character is as wide as two."""

    def check(value: str) -> str:
        if (width := display_width(value)) > limit:
            raise ValueError(
                f"text is too long: at most {limit:,} characters, each Chinese, Japanese or Korean character "
                f"counting as two (this is {width:,})"
            )
        return value

    return AfterValidator(check)


# Titles and names stand on covers, slide titles, table headers and Office document properties
# (which hold 255 characters): a longer one is refused rather than cut or overflowing. What
# matters on a cover is width, so CJK characters count double (a Chinese title holds 100).
Title = Annotated[str, StringConstraints(min_length=1, max_length=200), fits(200)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=120), fits(120)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=60), fits(60)]
Id = Annotated[str, StringConstraints(pattern=rf"^{ID_PATTERN}$", max_length=64)]
HexColour = Annotated[
    str,
    StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$"),
    AfterValidator(str.upper),
]
Minutes = Annotated[int, Field(ge=1, le=600)]
# Slide text is written for a room: a headline a participant can read in one glance, points
# shorter than a line or two. Plain strings, so a slide never carries citation markers.
SlideLine = Annotated[str, StringConstraints(min_length=1, max_length=120)]


def many(item: Any, min_length: int = 0, max_length: int = MAX_LIST) -> Any:
    """A tuple of `item` with bounds; tuples keep the model immutable."""
    return Annotated[tuple[item, ...], Field(min_length=min_length, max_length=max_length)]


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PartialDate(BaseModel):
    """A year, a month or a day: milestones are often known only to the year."""

    model_config = ConfigDict(frozen=True)

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


def _to_partial_date(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(year=value.year, month=value.month, day=value.day)
    match = _PARTIAL_DATE.match(str(value).strip()) if isinstance(value, (str, int)) else None
    if not match:
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"not a calendar date: {exc}") from None
    return PartialDate(year=year, month=month, day=day)


When = Annotated[
    PartialDate,
    BeforeValidator(_to_partial_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": _PARTIAL_DATE.pattern}, {"type": "integer"}]}),
]
Language = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"),
]


class SlideText(Model):
    """What the deck says for a part whose prose is not slide material: a headline and a few points."""

    headline: SlideLine = Field(description="A sentence that states the slide's point, not a topic label.")
    points: many(SlideLine, 0, 4) = Field((), description="At most four short points, written for the slide.")


# ---------------------------------------------------------------- meta and people


class Meta(Model):
    """What the documents say about themselves: cover, running header, properties."""

    title: Title
    subtitle: Title | None = None
    short_title: Short | None = Field(None, description="Running header; defaults to the title.")
    case_id: Short
    version: Short = "1.0"
    authors: many(Name, 1, 20)
    institution: Title
    date: dt.date
    language: Language = "en"
    audience: Title
    session_minutes: Minutes = 90
    copyright: Title
    usage: Title = "For classroom use only"
    keywords: many(Short, 0, 30) = ()
    set_in: When | None = Field(
        None,
        description="When the case is set: the narrative stops here and the decision is taken then. "
        "Default: meta.date.",
    )
    lessons_in_case: bool = Field(
        False,
        description="Print the lessons in the participant case, as a briefing does. Default: after class only "
        "(deck wrap-up, handout, teaching note).",
    )

    @property
    def set_at(self) -> PartialDate:
        """The date the case is set at: `set_in`, or the date the case was written."""
        if self.set_in is not None:
            return self.set_in
        return PartialDate(year=self.date.year, month=self.date.month, day=self.date.day)


class Born(Model):
    date: When
    place: Str | None = None


class Protagonist(Model):
    name: Name
    native_name: Name | None = None
    born: Born | None = None
    education: many(Str, 0, 20) = ()
    roles: many(Str, 0, 30) = ()
    bio: many(Text, 0, 50) = ()
    portrait: Id | None = Field(None, description="Id of an entry in `images`.")


class Organisation(Model):
    name: Name
    native_name: Name | None = None
    founded: When | None = None
    headquarters: Title | None = None
    line: Text | None = Field(None, description="What the organisation is, in one line.")


# ---------------------------------------------------------------- the case body


class Section(Model):
    id: Id
    heading: Title
    paragraphs: many(Text, 1)
    pull_quote: Id | None = Field(None, description="Id of an entry in `quotes`.")
    exhibit: Id | None = Field(None, description="Id of the exhibit this section presents.")
    slide: SlideText | None = Field(None, description="The section's slide; default: its lead sentence.")


class Option(Model):
    """One course of action open to the decider, stated as the case's people saw it."""

    id: Id
    title: Title
    description: Text


class Decision(Model):
    """What the protagonist must decide on the case's date: the participant narrative ends here."""

    heading: Title | None = Field(None, description="Heading of the closing section; default: the `decision` label.")
    situation: many(Text, 0, 20) = Field((), description="Where things stand on the case's date.")
    question: Text = Field(description="What must be decided, in a sentence or two.")
    decider: Text = Field(description="Who decides, and whose agreement is needed.")
    deadline: Text | None = Field(None, description="By when, and what forces the timing.")
    options: many(Option, 2, 8)
    constraints: many(Text, 1, 20) = Field(description="What any option must respect: money, time, rules, promises.")
    slide: SlideText | None = Field(
        None,
        description="The decision's slides: the question as the room reads it (headline) and the constraints "
        "written for the slide (points). Default: the question, and each constraint's lead sentence.",
    )


class Milestone(Model):
    id: Id | None = None
    date: When
    title: Title
    detail: Text | None = None
    category: Id = "company"
    source: Id | None = None
    key: bool = Field(False, description="On the deck's timeline of key milestones (at most 10).")


class Pillar(Model):
    id: Id
    title: Title
    thesis: Text
    points: many(Text, 0, 12) = ()
    evidence: many(Text, 0, 12) = ()
    slide: SlideText | None = Field(None, description="The pillar's own slide; without it, none.")


class KeyFigure(Model):
    id: Id | None = None
    label: Name
    value: Short
    unit: Name | None = None
    note: Text | None = None
    source: Id | None = None


class Spotlight(Model):
    name: Name
    title: Title | None = Field(None, description="Exhibit title for the key figures.")
    description: many(Text, 0, 20) = ()
    figures: many(KeyFigure, 1, 12)


_NUMBER = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


class Cell(Model):
    """One comparison value as printed, with an optional note and source."""

    value: Str
    note: Str | None = None
    source: Id | None = None

    @property
    def number(self) -> float | None:
        """The value as a number when it is one ("245,900", "5.28"), else None."""
        text = self.value.strip()
        return float(text.replace(",", "")) if _NUMBER.match(text) else None


def _to_cell(value: Any) -> Any:
    return {"value": value} if isinstance(value, (str, int, float)) else value


# A value may be written plainly ("245,900") or as a mapping with a note and source.
CellValue = Annotated[Cell, BeforeValidator(_to_cell, json_schema_input_type=Cell | Str)]


class Entity(Model):
    id: Id
    name: Name
    note: Str | None = None


class Metric(Model):
    id: Id
    label: Name
    unit: Name | None = None
    values: dict[Id, CellValue] = Field(description="Entity id -> value (text or mapping).")
    source: Id | None = None
    note: Str | None = None
    chart: bool | None = Field(
        None, description="Whether the deck charts this row; default: all values numbers, with a unit."
    )

    @property
    def numeric(self) -> bool:
        """True when every given value is a number, so the row can be charted."""
        return bool(self.values) and all(c.number is not None for c in self.values.values())


class Comparison(Model):
    title: Title
    entities: many(Entity, 2, 8)
    metrics: many(Metric, 1, 30)
    as_of: Name
    note: Text | None = None
    source: Id | None = None


class Lesson(Model):
    id: Id
    title: Title
    what_they_did: Text
    for_your_company: Text
    reflection: Text
    slide: SlideText | None = Field(None, description="The lesson's slide; default: what they did, and the reflection.")


class Quote(Model):
    id: Id
    text: Str
    speaker: Name
    context: Str | None = None
    source: Id | None = None


class Question(Model):
    id: Id
    question: Text
    prompts: many(Text, 0, 10) = ()
    answer_points: many(Text, 0, 20) = Field((), description="Instructor only.")
    minutes: Minutes | None = None


# ---------------------------------------------------------------- instructor only


class Segment(Model):
    id: Id | None = None
    title: Title
    minutes: Minutes
    activity: Text | None = None
    covers: many(Id, 0, 20) = Field(
        (), description="Parts of the case taught here: part names, section or question ids."
    )
    slide: SlideText | None = Field(None, description="A slide opening the segment (a poll, a task); points as boxes.")


class Board(Model):
    title: Title
    items: many(Text, 1, 20)


Verdict = Literal["correct", "partly", "dated", "wrong", "unverifiable", "claim"]


class FactCheck(Model):
    id: Id | None = None
    claim: Str
    verdict: Verdict
    truth: Text
    source: Id | None = None


class TeachingNote(Model):
    """Instructor material: printed only in the instructor edition."""

    objectives: many(Text, 1, 12) = Field(description="The learning objectives: the case's one list.")
    class_plan: many(Segment, 1, 30)
    board_plan: many(Board, 0, 10) = ()
    notes: many(Text, 0, 30) = ()
    epilogue: many(Text, 0, 30) = Field((), description="What happened after the case's date, with sources.")
    epilogue_slide: SlideText | None = Field(
        None, description="The epilogue's slide in the instructor deck; default: its lead sentence."
    )
    fact_checks: many(FactCheck, 0, 50) = ()


# ---------------------------------------------------------------- sources, images, look


class Source(Model):
    id: Id
    title: Str
    publisher: Str | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)] | None = None
    date: When | None = None
    accessed: dt.date | None = None
    note: Str | None = Field(None, description="Why there is no URL, or how the source was read.")


class Image(Model):
    id: Id
    path: Str = Field(description="Relative to the outline, inside its project folder.")
    caption: Str
    alt: Str = Field(description="Alternative text for screen readers; required.")
    credit: Str | None = None


ThemeName = Literal["classic", "harbour", "ember"]


class Colours(Model):
    primary: HexColour | None = None
    accent: HexColour | None = None
    text: HexColour | None = None
    muted: HexColour | None = None
    background: HexColour | None = None
    rule: HexColour | None = None
    categories: many(HexColour, 0, 12) = ()


class Fonts(Model):
    heading: Name | None = None
    body: Name | None = None
    cjk: Name | None = None


class ThemeSpec(Model):
    """The outline's choice of look: a built-in theme plus overrides."""

    name: ThemeName = "classic"
    colours: Colours = Colours()
    fonts: Fonts = Fonts()
    logo: Str | None = Field(None, description="Image path; default: the theme's own logo.")
    page_size: Literal["A4", "Letter"] = "A4"
    templates: many(Str, 0, 2) = Field(
        (),
        description="A company's PowerPoint (.pptx, .potx) and Word (.docx, .dotx) templates, one of each at most,"
        " relative to the outline; `--template` wins.",
    )


# ---------------------------------------------------------------- the whole case


class Case(Model):
    """A leadership case: everything the three documents say."""

    meta: Meta
    protagonist: Protagonist
    organisation: Organisation
    summary: Text
    sections: many(Section, 1, MAX_LONG_LIST)
    decision: Decision | None = Field(None, description="The decision the participant narrative ends on.")
    journey: many(Milestone, 0, MAX_LONG_LIST) = ()
    pillars: many(Pillar, 1, 8)
    spotlight: Spotlight | None = None
    comparison: Comparison | None = None
    lessons: many(Lesson, 1, 12)
    outlook: many(Text, 0, 20) = ()
    outlook_slide: SlideText | None = Field(None, description="The outlook's slide; default: its lead sentence.")
    quotes: many(Quote, 0, 50) = ()
    questions: many(Question, 1, 40)
    teaching_note: TeachingNote
    sources: many(Source, 0, MAX_LONG_LIST)
    images: many(Image, 0, 50) = ()
    theme: ThemeSpec = ThemeSpec()
    labels: dict[Id, Str] = Field(
        default_factory=dict, description="Overrides of the printed words; see `casestudy.labels`."
    )


EXHIBIT_PARTS = ("journey", "pillars", "spotlight", "comparison")  # the parts that are exhibits; images are too


def exhibit_ids(case: Case) -> set[str]:
    """The ids a section or a `[#id]` reference may name."""
    present = {"journey": bool(case.journey), "pillars": True}
    present |= {"spotlight": case.spotlight is not None, "comparison": case.comparison is not None}
    return {part for part, here in present.items() if here} | {image.id for image in case.images}


def walk(value: object, loc: tuple[str | int, ...] = ()):
    """Yield (path, value) for every model, tuple item and leaf, in reading order.

    Field order in the classes above is the order a reader meets them, so anything numbered
    by first appearance (citations) comes out the same in every format.
    """
    yield loc, value
    if isinstance(value, BaseModel) and not isinstance(value, (InlineText, PartialDate)):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), loc + (name,))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from walk(item, loc + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, loc + (key,))

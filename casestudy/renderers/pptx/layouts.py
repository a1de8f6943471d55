"""Which slide layout each kind of page uses, chosen by what the layouts hold, in any language.

A title slide is a layout with a title and a subtitle; a page of exhibits wants a title and
nothing else; a page of body text a title and one body. Names are another language's as often
as not ("Titelfolie", "Nur Titel"), so they only break ties (PowerPoint's English name first,
then the largest body, then the master's order). A kind of page whose layout a template lacks
falls back to the next best, with a warning saying what was missing; a template with no
layout that has a title is a usage error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from casestudy.errors import UsageError
from casestudy.renderers.pptx.layout import Box, Frames

log = logging.getLogger(__name__)

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)  # text, or "content" (a placeholder with no type)
# Filled from the master on every slide, never what a layout is for.
RUNNING_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.HEADER)


@dataclass(frozen=True)
class Holdings:
    """What a layout's placeholders are for."""

    title: bool
    subtitle: bool
    bodies: int  # text or content placeholders set horizontally
    others: int  # pictures, charts, tables, media, vertical text: what the deck never fills
    body_area: int  # of its largest body, in square EMU

    @classmethod
    def of(cls, layout) -> Holdings:
        kinds = [_kind(ph) for ph in layout.placeholders]
        bodies = [ph for ph in layout.placeholders if _kind(ph) == "body"]
        return cls(
            "title" in kinds,
            "subtitle" in kinds,
            len(bodies),
            kinds.count("other"),
            max((_area(ph) for ph in bodies), default=0),
        )


def _kind(ph) -> str:
    """title, subtitle, body, running (date, footer, number) or other."""
    kind, vertical = ph.placeholder_format.type, ph.element.ph_orient == "vert"
    if kind in RUNNING_TYPES:
        return "running"
    if vertical:
        return "other"
    if kind in TITLE_TYPES:
        return "title"
    if kind == PP_PLACEHOLDER.SUBTITLE:
        return "subtitle"
    return "body" if kind in BODY_TYPES else "other"


def _area(ph) -> int:
    return (ph.width or 0) * (ph.height or 0)


@dataclass(frozen=True)
class Want:
    """A kind of layout: PowerPoint's English name for it, what it holds in words, and the test."""

    name: str
    holds: str
    test: Callable[[Holdings], bool]


TITLE_SLIDE = Want("Title Slide", "a title and a subtitle", lambda h: h.title and h.subtitle)
TITLE_ONLY = Want("Title Only", "a title and no body", lambda h: h.title and not (h.subtitle or h.bodies or h.others))
TITLE_AND_CONTENT = Want(
    "Title and Content", "a title and a body", lambda h: h.title and h.bodies == 1 and not (h.subtitle or h.others)
)
ANY_TITLE = Want("", "a title", lambda h: h.title)  # the last resort of every kind of page
# Each kind of page's layouts, best first: the documented fallback order.
WANTS: dict[str, tuple[Want, ...]] = {
    "title": (TITLE_SLIDE, TITLE_ONLY, TITLE_AND_CONTENT),
    "closing": (TITLE_SLIDE, TITLE_ONLY, TITLE_AND_CONTENT),
    "content": (TITLE_ONLY, TITLE_AND_CONTENT),  # exhibits the deck draws itself
    "text": (TITLE_AND_CONTENT, TITLE_ONLY),  # body text, for the layout's body placeholder
}
PAGES = {"title": "title slides", "closing": "closing slides", "content": "exhibit slides", "text": "text slides"}


class Layouts:
    """Finds the layout for each kind of page once, warning about every fallback."""

    def __init__(self, prs) -> None:
        self.layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
        self.holdings = [Holdings.of(layout) for layout in self.layouts]
        self.chosen: dict[str, object] = {}

    def get(self, kind: str):
        if kind not in self.chosen:
            self.chosen[kind] = self._find(kind)
        return self.chosen[kind]

    def _find(self, kind: str):
        wanted = WANTS[kind]
        for want in (*wanted, ANY_TITLE):
            fitting = [i for i, h in enumerate(self.holdings) if want.test(h)]
            if not fitting:
                continue
            best = min(fitting, key=lambda i: (self.layouts[i].name != want.name, -self.holdings[i].body_area, i))
            if want is not wanted[0]:
                name = self.layouts[best].name
                log.warning("the template has no layout with %s; using %r for %s", wanted[0].holds, name, PAGES[kind])
            return self.layouts[best]
        raise UsageError("the template has no slide layout with a title placeholder; add a 'Title Only' layout")

    def frames(self) -> Frames:
        """Where the chosen layouts put their title, body, and the title slide's title and subtitle."""
        cover = self.get("title")
        return Frames(
            title=box_of(placeholder(self.get("content"), "title")),
            body=box_of(placeholder(self.get("text"), "body")),
            cover_title=box_of(placeholder(cover, "title")),
            cover_subtitle=box_of(placeholder(cover, "subtitle")),
        )


def placeholder(layout_or_slide, kind: str):
    """The first placeholder of `kind` (title, subtitle, body, as `_kind` says) on a layout or slide, or None."""
    return first_of_each(layout_or_slide.placeholders).get(kind)


def first_of_each(placeholders) -> dict[str, object]:
    """Kind (as `_kind` says) -> the first placeholder of that kind, in one pass over them."""
    found: dict[str, object] = {}
    for ph in placeholders:
        found.setdefault(_kind(ph), ph)
    return found


def box_of(ph) -> Box | None:
    """A placeholder's box in points (inherited from the master where the layout leaves it), or None."""
    if ph is None or None in (ph.left, ph.top, ph.width, ph.height):
        return None
    return Box(Emu(ph.left).pt, Emu(ph.top).pt, Emu(ph.width).pt, Emu(ph.height).pt)

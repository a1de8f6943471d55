"""The look: colour and font roles, page size and logo. Built-in themes are data.

Renderers ask for roles (`theme.colours.accent`, `theme.fonts.heading`) and convert them once
to their own types; no colour or font name is written anywhere else.
Font families are the names Office users know; `casestudy.fonts` finds a file for each
(or a metric-compatible one: Liberation for Arial and Times New Roman, Carlito for Calibri).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from casestudy.fonts import is_serif
from casestudy.model import ThemeSpec
from casestudy.resources import shipped

ASSETS = shipped("assets")


@dataclass(frozen=True)
class Colours:
    primary: str  # titles, rules, the cover band
    accent: str  # highlights, key numbers, markers
    text: str
    muted: str  # captions, source lines, footers
    background: str  # panels and table stripes
    rule: str  # thin lines and borders
    categories: tuple[str, ...]  # journey categories, chart series, in order


@dataclass(frozen=True)
class Fonts:
    """Font families by role, as Office names them.

    East Asian text is set in a face of the same kind as the Latin text beside it, as Chinese
    books are: a Hei (sans-serif) face beside a sans-serif, a Song face beside a serif. Both are
    fonts Word and PowerPoint have on Windows and macOS; `casestudy.fonts` finds their installed
    stand-ins for measuring and for the PDF.
    """

    heading: str
    body: str
    cjk: str  # East Asian text beside a sans-serif: Word's w:eastAsia, PowerPoint's a:ea, the PDF fallback
    slide_body: str  # body text on slides: a sans-serif, which reads better projected than a serif
    cjk_serif: str = "SimSun"  # East Asian text beside a serif (Word's body text, the PDF's)

    def east_asian(self, latin: str) -> str:
        """The East Asian family beside the Latin family `latin`."""
        return self.cjk_serif if is_serif(latin) else self.cjk


@dataclass(frozen=True)
class Theme:
    name: str
    colours: Colours
    fonts: Fonts
    logo: Path | None
    page_size: str  # "A4" or "Letter"
    templates: tuple[Path, ...] = ()  # the company templates the outline names (checked paths; the build reads them)


BUILT_IN: MappingProxyType[str, Theme] = MappingProxyType(
    {
        "classic": Theme(
            name="classic",
            colours=Colours(
                primary="#1F3A5F",
                accent="#C8102E",
                text="#1A1A1A",
                muted="#5F6B7A",
                background="#F2F4F7",
                rule="#B8C2CC",
                categories=("#1F3A5F", "#C8102E", "#2A9D8F", "#E9A23B", "#6D597A", "#457B9D"),
            ),
            fonts=Fonts(heading="Arial", body="Times New Roman", cjk="Microsoft YaHei", slide_body="Arial"),
            logo=ASSETS / "logo-classic.png",
            page_size="A4",
        ),
        "harbour": Theme(
            name="harbour",
            colours=Colours(
                primary="#0B4F6C",
                accent="#01A7C2",
                text="#102A33",
                muted="#5B7480",
                background="#EEF6F8",
                rule="#A9C6CF",
                categories=("#0B4F6C", "#01A7C2", "#F4A259", "#5B8E7D", "#BC4B51", "#8CB369"),
            ),
            fonts=Fonts(heading="Calibri", body="Calibri", cjk="DengXian", slide_body="Calibri"),
            logo=ASSETS / "logo-harbour.png",
            page_size="A4",
        ),
        "ember": Theme(
            name="ember",
            colours=Colours(
                primary="#5A1E1B",
                accent="#D1603D",
                text="#231F20",
                muted="#6E6259",
                background="#FAF3EE",
                rule="#D9C5B8",
                categories=("#5A1E1B", "#D1603D", "#DDB967", "#3D5A80", "#7A9E7E", "#8F6593"),
            ),
            fonts=Fonts(heading="Times New Roman", body="Arial", cjk="Microsoft YaHei", slide_body="Arial"),
            logo=ASSETS / "logo-ember.png",
            page_size="A4",
        ),
    }
)


# On a company template every colour role is one of the template's theme colours: a slot and a
# brightness in percent ("tx1+35": 35 % lighter, "bg1-5": 5 % darker, as PowerPoint and Word
# lighten and darken them), so the template's theme colours everything the tool draws.
TEMPLATE_COLOURS = Colours(
    primary="accent1",
    accent="accent2",
    text="tx1",
    muted="tx1+35",
    background="bg1-5",
    rule="bg1-25",
    categories=tuple(f"accent{i}" for i in range(1, 7)),
)
_THEME_COLOUR = re.compile(r"(?P<slot>[a-z]+[0-9]?)(?P<percent>[+-][0-9]+)?")


def theme_colour(colour: str) -> tuple[str, float]:
    """ "tx1+35" -> ("tx1", 0.35): a theme colour's slot and its brightness, from -1 (black) to 1 (white)."""
    match = _THEME_COLOUR.fullmatch(colour)
    if match is None:
        raise ValueError(f"not a theme colour: {colour!r}")
    return match["slot"], int(match["percent"] or 0) / 100


def resolve_theme(spec: ThemeSpec, logo: Path | None = None, templates: tuple[Path, ...] = ()) -> Theme:
    """The built-in theme named by `spec` with its overrides; `logo` and `templates` are the checked paths."""
    base = BUILT_IN[spec.name]
    colour_overrides = spec.colours.model_dump(exclude_none=True, exclude_defaults=True)
    if "categories" in colour_overrides:
        colour_overrides["categories"] = tuple(colour_overrides["categories"])
    font_overrides = spec.fonts.model_dump(exclude_none=True)
    if "body" in font_overrides:  # a body face the outline names is its choice for slides too
        font_overrides.setdefault("slide_body", font_overrides["body"])
    if "cjk" in font_overrides:  # an East Asian face the outline names is its choice beside a serif too
        font_overrides.setdefault("cjk_serif", font_overrides["cjk"])
    return replace(
        base,
        colours=replace(base.colours, **colour_overrides),
        fonts=replace(base.fonts, **font_overrides),
        logo=logo or (base.logo if base.logo and base.logo.exists() else None),
        page_size=spec.page_size,
        templates=templates,
    )

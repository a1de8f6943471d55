"""Slide text fitting: measure with the font's real metrics, wrap, and spread what is too long over pages.

python-pptx writes text without laying it out, so every text frame the deck fills is measured
here first with Pillow on the theme's font file (or a metric-compatible one from
`casestudy.fonts`), CJK characters on the CJK font. Emit then writes the text with autofit off,
word wrap on, fixed insets, exact line spacing and each script's stretch in the face it was
measured with, so what was measured is what renders. Text is never shrunk: the deck has one
size per role, and what does not fit one slide continues on the next, evened out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from PIL import ImageFont

from casestudy import linebreak
from casestudy.fonts import find_cjk_font, find_font
from casestudy.inline import Span

SAFETY = 1.05  # LibreOffice and PowerPoint advance a little wider than Pillow here and there
LINE = 1.2  # exact line spacing, as a multiple of the font size; emit writes the same
REF = 100  # faces are loaded at this pixel size; advances scale linearly with size
FALLBACK_FAMILY = "DejaVu Sans"  # measured when the theme's family is not installed
INSET = 5.0  # points of inner margin on every side of a text frame; emit writes the same
BULLET_INDENT = 1.1  # ems from a bullet to its text
NUMBER_INDENT = 1.8  # ems from an automatic number ("12.") to its text
_INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b\u200c\u200d\u00ad\ufeff"))  # no width; join their neighbours
_LINE_BREAKS = re.compile(r"[\t\n\r\v\f\u2028\u2029]+")


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style; colour is a "#RRGGBB" string or None for the paragraph's."""

    text: str
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    href: str | None = None  # a link's address

    def __post_init__(self) -> None:
        # a line break inside an outline string is a space on a slide: what is measured is one line of words
        object.__setattr__(self, "text", _LINE_BREAKS.sub(" ", self.text))


@dataclass(frozen=True)
class Para:
    """A paragraph as it will be written: runs, size in points, font family, alignment, spacing."""

    runs: tuple[Run, ...]
    size: float
    family: str
    cjk: str
    colour: str | None  # None: inherit (a template's title colour)
    align: str = "left"  # left, center, right
    bullet: bool = False
    number: int = 0  # > 0: an automatic number (this one) with a hanging indent
    marker: str | None = None  # the bullet's or number's colour; None: the text's
    space_after: float = 0.0  # points

    @property
    def indent(self) -> float:
        """Points from the marker to the text: the hanging indent of bullets and numbers."""
        if self.number:
            return self.size * NUMBER_INDENT
        return self.size * BULLET_INDENT if self.bullet else 0.0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def para(text: str | tuple[Span, ...], size: float, family: str, cjk: str, colour: str, **style: object) -> Para:
    """A paragraph of plain or inline text; `bold`/`italic` go to every run, everything else to the paragraph."""
    runs = runs_of(text, bool(style.pop("bold", False)), bool(style.pop("italic", False)))
    return Para(runs, size, family, cjk, colour, **style)  # type: ignore[arg-type]


def runs_of(text: str | tuple[Span, ...], bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Runs for plain text (one) or inline spans (one each, their bold, italics and links kept)."""
    if isinstance(text, str):
        return (Run(text, bold, italic),)
    runs: list[Run] = []
    for span in text:
        run = Run(span.text, bold or span.strong, italic or span.emph, href=span.href)
        if runs and (runs[-1].bold, runs[-1].italic, runs[-1].href) == (run.bold, run.italic, run.href):
            run = replace(run, text=runs.pop().text + run.text)  # "Reflection: " and its text: one run
        if run.text:
            runs.append(run)
    return tuple(runs) or (Run("", bold, italic),)


# ---------------------------------------------------------------- measuring


def is_wide(char: str) -> bool:
    """True for characters measured on the CJK face: CJK, kana, Hangul, full-width, emoji."""
    return ord(char) >= 0x2E80 or unicodedata.east_asian_width(char) in "WF"


@lru_cache(maxsize=64)
def _face(family: str, bold: bool, italic: bool) -> ImageFont.FreeTypeFont | None:
    found = find_font(family, bold, italic) or find_font(FALLBACK_FAMILY, bold, italic)
    return ImageFont.truetype(str(found.path), REF, index=found.index) if found else None


@lru_cache(maxsize=8)
def _cjk_face(family: str) -> ImageFont.FreeTypeFont | None:
    found = find_cjk_font(family)
    return ImageFont.truetype(str(found.path), REF, index=found.index) if found else None


@lru_cache(maxsize=65536)
def em_width(text: str, family: str, cjk: str, bold: bool = False, italic: bool = False) -> float:
    """Advance width of `text` in ems (multiply by the size in points), with the safety margin."""
    total = 0.0
    for wide, chunk in script_chunks(text.translate(_INVISIBLE)):
        face = _cjk_face(cjk) if wide else _face(family, bold, italic)
        if wide and ord(chunk[0]) >= 0x1F000:  # emoji: no face here has them; a square em is safe
            total += len(chunk) * 1.0
        elif face is None:
            total += len(chunk) * (1.0 if wide else 0.6)
        else:
            total += face.getlength(chunk) / REF
    return total * SAFETY


def script_chunks(text: str) -> list[tuple[bool, str]]:
    """`text` cut where it changes between the latin and the CJK face (True: CJK).

    Invisible joiners stay with the stretch they are in. Emit writes each stretch with both of
    its run's faces set to the one it is measured with here, so a bracket next to a CJK name is
    drawn in the latin face, not as a wide CJK bracket ("( 雷军 )").
    """
    out: list[tuple[bool, str]] = []
    for char in text:
        wide = is_wide(char) if ord(char) not in _INVISIBLE or not out else out[-1][0]
        if out and out[-1][0] == wide:
            out[-1] = (wide, out[-1][1] + char)
        else:
            out.append((wide, char))
    return out


# ---------------------------------------------------------------- wrapping


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    em: float
    space: bool


@lru_cache(maxsize=2048)
def tokens(p: Para) -> tuple[Token, ...]:
    """Stretches between the line breaks `casestudy.linebreak` allows, and the spaces after them, in ems.

    The rules are the PDF's: UAX #14 with clreq's kinsoku, numbers with their units; a phrase or
    name joined by word joiners (`words.phrases_joined`) is one stretch, as it is for PowerPoint.
    Kept per paragraph: layout wraps most paragraphs more than once (to measure, split or cut them).
    """
    text = p.text
    styles = _char_styles(p)
    cuts = [0, *sorted(linebreak.breaks(text).allowed), len(text)]
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        word_end = len(text[start:end].rstrip()) + start
        if word_end > start:
            out.append(Token(start, word_end, _span_em(p, text, styles, start, word_end), False))
        if end > word_end:
            out.append(Token(word_end, end, _span_em(p, text, styles, word_end, end), True))
    return tuple(out)


def _char_styles(p: Para) -> list[tuple[bool, bool]]:
    return [(r.bold, r.italic) for r in p.runs for _ in r.text]


def _span_em(p: Para, text: str, styles: list[tuple[bool, bool]], start: int, end: int) -> float:
    """Width of text[start:end] in ems, each stretch on its run's bold/italic face."""
    total, i = 0.0, start
    while i < end:
        j = i
        while j < end and styles[j] == styles[i]:
            j += 1
        total += em_width(text[i:j], p.family, p.cjk, *styles[i])
        i = j
    return total


def wrap(p: Para, width: float, inset: float = INSET) -> list[tuple[int, int]]:
    """Lines of `p` in a frame `width` points wide, as (start, end) offsets into `p.text`."""
    max_em = max(1e-6, (width - 2 * inset - p.indent) / p.size)
    lines: list[tuple[int, int]] = []
    start, used, end = None, 0.0, 0
    styles = _char_styles(p)
    for tok in tokens(p):
        if tok.space:
            if start is not None:
                used += tok.em
            continue
        if start is not None and used + tok.em <= max_em:
            used, end = used + tok.em, tok.end
            continue
        if start is not None:
            lines.append((start, end))
        if tok.em <= max_em:
            start, used, end = tok.start, tok.em, tok.end
            continue
        pieces = _break_word(p, styles, tok, max_em)
        lines.extend(pieces[:-1])
        start, end = pieces[-1]
        used = _span_em(p, p.text, styles, start, end)
    if start is not None:
        lines.append((start, end))
    return lines or [(0, 0)]


def _break_word(p: Para, styles: list[tuple[bool, bool]], tok: Token, max_em: float) -> list[tuple[int, int]]:
    """A word longer than the line, cut where it breaks the fewest rules (`linebreak.cut`), as the renderers must."""
    text = p.text[tok.start : tok.end]
    widths = [_span_em(p, p.text, styles, i, i + 1) for i in range(tok.start, tok.end)]
    return [(tok.start + a, tok.start + b) for a, b in linebreak.cut(text, widths, max_em)]


def para_height(p: Para, lines: int) -> float:
    return lines * p.size * LINE + p.space_after


def block_height(paras: tuple[Para, ...] | list[Para], width: float, inset: float = INSET) -> float:
    """Points of height the paragraphs need in a frame `width` wide, insets included."""
    return 2 * inset + sum(para_height(p, len(wrap(p, width, inset))) for p in paras)


# ---------------------------------------------------------------- fitting


def fits(paras: tuple[Para, ...] | list[Para], width: float, height: float, inset: float = INSET) -> bool:
    return block_height(paras, width, inset) <= height + 1e-6


def split_to_pages(
    paras: tuple[Para, ...], width: float, height: float, inset: float = INSET
) -> list[tuple[Para, ...]]:
    """The paragraphs over as few frames of `height` as hold them, evened out.

    A paragraph that fits a frame is never split: it moves whole to the next frame; a longer one
    is split between lines. The frames are then filled only as far as keeps their number, so the
    last is never a sliver: with two or more, each carries about its share of the text.
    """
    measured = [(p, wrap(p, width, inset)) for p in paras]
    room = height - 2 * inset
    pages = _fill(measured, room)
    if len(pages) > 1:
        total = sum(para_height(p, len(lines)) for p, lines in measured)
        lo, hi = total / len(pages), room
        for _ in range(12):  # the smallest fill that needs no more frames
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if len(_fill(measured, mid)) <= len(pages) else (mid, hi)
        pages = _fill(measured, hi)
    return [tuple(_piece(*piece) for piece in page) for page in pages]


Piece = tuple[Para, int, int, bool]  # a paragraph's text[start:end] on a frame, and whether it ends the paragraph


def _piece(p: Para, start: int, end: int, last: bool) -> Para:
    chunk = _with_text(p, start, end)
    return chunk if last else replace(chunk, space_after=0.0)


def _fill(measured: list[tuple[Para, list[tuple[int, int]]]], room: float) -> list[list[Piece]]:
    """Frames filled in turn up to `room` points of text each (as pieces: the search above only counts frames)."""
    pages: list[list[Piece]] = [[]]
    left = room
    for p, lines in measured:
        line_h = p.size * LINE
        if para_height(p, len(lines)) > left + 1e-6 and pages[-1] and para_height(p, len(lines)) <= room + 1e-6:
            pages.append([])  # it fits a frame of its own: not split
            left = room
        while lines:
            fits_now = len(lines) if para_height(p, len(lines)) <= left + 1e-6 else int((left + 1e-6) // line_h)
            if fits_now <= 0 and pages[-1]:
                pages.append([])
                left = room
                continue
            fits_now = max(1, min(fits_now, len(lines)))  # a frame shorter than one line still takes one
            last = fits_now == len(lines)
            pages[-1].append((p, lines[0][0], lines[fits_now - 1][1], last))
            left -= fits_now * line_h + (p.space_after if last else 0)
            lines = lines[fits_now:]
    return [page for page in pages if page]


def _with_text(p: Para, start: int, end: int) -> Para:
    """`p` cut to text[start:end], keeping each run's style."""
    runs, pos = [], 0
    for run in p.runs:
        lo, hi = max(start, pos), min(end, pos + len(run.text))
        if lo < hi:
            runs.append(replace(run, text=run.text[lo - pos : hi - pos]))
        pos += len(run.text)
    return replace(p, runs=tuple(runs) or (Run(p.text[start:end]),))


def ellipsize(p: Para, width: float, height: float, inset: float = INSET) -> Para:
    """`p` cut with "…" where it stops fitting (only for text whose whole is in the notes)."""
    lines = wrap(p, width, inset)
    keep = max(1, int((height - 2 * inset - p.space_after + 1e-6) // (p.size * LINE)))
    if len(lines) <= keep:
        return p
    end = lines[keep - 1][1]
    while end > 0:
        cut = _with_text(p, 0, end).runs
        candidate = replace(p, runs=(*cut[:-1], replace(cut[-1], text=cut[-1].text.rstrip() + "…")))
        if len(wrap(candidate, width, inset)) <= keep:
            return candidate
        end -= 1
    return replace(p, runs=(Run("…"),))

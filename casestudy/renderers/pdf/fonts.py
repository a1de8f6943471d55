"""PDF fonts: the theme's families embedded as TrueType, and a per-character fallback chain.

reportlab embeds only TrueType-outline fonts, and a TrueType font draws only the characters in
its cmap. So every run of text is split by which font can draw each character, in this order:
the style's own font (the theme's family via `casestudy.fonts`), DejaVu Sans (symbols, arrows,
some emoji), the theme's CJK TrueType font (WenQuanYi Zen Hei) or, only on a machine without
one, reportlab's built-in CID font STSong-Light for Chinese (not embedded: viewers supply it,
and a viewer without Adobe's Chinese pack shows nothing), and last a visible replacement glyph
(U+FFFD from DejaVu Sans) mapped to the original character, so that copying the text still
gives the character the outline holds. A machine without the theme's fonts gets
reportlab's standard Times/Helvetica (not embedded) and a logged warning.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont

from casestudy.fonts import FontFile, find_cjk_font, find_font
from casestudy.renderers.pdf import _reportlab_compat as compat

log = logging.getLogger(__name__)

STYLES = {"regular": (False, False), "bold": (True, False), "italic": (False, True), "bold_italic": (True, True)}
SYMBOL_FAMILY = "DejaVu Sans"
CID_FONT = "STSong-Light"
MISSING_FONT = "CS-Missing"
REPLACEMENT = 0xFFFD
BUILT_IN = {"serif": "Times-Roman", "sans": "Helvetica"}
# Characters that shape their neighbours and draw nothing: kept in the current run, never a fallback glyph.
INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFE0E, 0xFE0F}
CJK_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3000, 0x30FF),
    (0x3100, 0x31BF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),
)


@dataclass(frozen=True)
class Fallback:
    """A font family that may draw what the style's font cannot, and the test of which characters."""

    family: str
    covers: Callable[[int], bool]


@dataclass(frozen=True)
class FontSet:
    """The registered families the document uses: heading and body, and the fallback chain."""

    heading: str
    body: str
    fallbacks: tuple[Fallback, ...]

    def runs(self, text: str, family: str) -> Iterator[tuple[str, str]]:
        """(family, text) runs: each character in the first family of the chain that has its glyph."""
        current, chunk = family, []
        for char in text:
            chosen = current if _neutral(char) else self.family_for(ord(char), family)
            if chosen != current and chunk:
                yield current, "".join(chunk)
                chunk = []
            current = chosen
            chunk.append(char)
        if chunk:
            yield current, "".join(chunk)

    def family_for(self, code: int, family: str) -> str:
        """The first family that draws `code`: the style's own, a fallback, else the replacement glyph."""
        if covers(family, code):
            return family
        for fallback in self.fallbacks:
            if fallback.covers(code):
                return fallback.family
        return _missing_glyph(code) or family


def _neutral(char: str) -> bool:
    """Spaces and joiners stay in the run they are in, so runs do not break at every space."""
    return char.isspace() or ord(char) in INVISIBLE


def covers(font_name: str, code: int) -> bool:
    """Whether a registered font has a glyph for `code`."""
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    char_to_glyph = getattr(face, "charToGlyph", None)
    if char_to_glyph is not None:
        return code in char_to_glyph
    if isinstance(font, UnicodeCIDFont):
        return _is_cjk(code)
    try:
        chr(code).encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _is_cjk(code: int) -> bool:
    return any(low <= code <= high for low, high in CJK_RANGES)


def font_name(family: str, bold: bool = False, italic: bool = False) -> str:
    """The registered face of `family` for the given weight and slant."""
    return tt2ps(family, int(bold), int(italic))


@lru_cache(maxsize=8)
def load_fonts(heading: str, body: str, cjk: str) -> FontSet:
    """Register the theme's families (once per process) and build the fallback chain."""
    heading_family = register_family(heading) or _built_in(heading, "sans")
    body_family = register_family(body) or _built_in(body, "serif")
    chain = []
    symbols = register_family(SYMBOL_FAMILY)
    if symbols:
        chain.append(Fallback(symbols, lambda code, name=symbols: covers(name, code)))
    cjk_family = _register_cjk(cjk)
    if cjk_family:
        chain.append(Fallback(cjk_family, lambda code, name=cjk_family: covers(name, code)))
    else:  # only then: a character the embedded CJK font lacks is no better off in a font the viewer may lack too
        chain.append(Fallback(_register_cid(), _is_cjk))
    _register_missing()
    return FontSet(heading=heading_family, body=body_family, fallbacks=tuple(chain))


def register_family(family: str) -> str | None:
    """Register the four faces of `family` as TrueType; the family's name in reportlab, or None."""
    faces = {style: find_font(family, bold, italic) for style, (bold, italic) in STYLES.items()}
    if faces["regular"] is None:
        return None
    names = {style: _register_face(face or faces["regular"]) for style, face in faces.items()}  # type: ignore[arg-type]
    registerFontFamily(
        names["regular"],
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bold_italic"],
    )
    return names["regular"]


def _register_face(face: FontFile) -> str:
    name = f"{face.path.stem}-{face.index}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
    return name


def _register_cjk(preferred: str) -> str | None:
    face = find_cjk_font(preferred)
    if face is None:
        log.warning("no Chinese TrueType font (tried %s); Chinese prints in %s, not embedded", preferred, CID_FONT)
        return None
    try:
        name = _register_face(face)
    except Exception as exc:  # a CFF-outline font (Noto CJK .otf) cannot be embedded by reportlab
        log.warning("cannot embed %s (%s); Chinese prints in %s", face.path.name, exc, CID_FONT)
        return None
    registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return name


def _register_cid() -> str:
    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
        registerFontFamily(CID_FONT, normal=CID_FONT, bold=CID_FONT, italic=CID_FONT, boldItalic=CID_FONT)
    return CID_FONT


def _built_in(family: str, kind: str) -> str:
    log.warning("font %r not found; using the PDF standard font %s (not embedded)", family, BUILT_IN[kind])
    return BUILT_IN[kind]


def _register_missing() -> None:
    """A copy of DejaVu Sans whose replacement glyph stands in for characters no font has."""
    if MISSING_FONT in pdfmetrics.getRegisteredFontNames():
        return
    face = find_font(SYMBOL_FAMILY)
    if face is None:
        return
    font = TTFont(MISSING_FONT, str(face.path), subfontIndex=face.index)
    if REPLACEMENT in font.face.charToGlyph:
        pdfmetrics.registerFont(font)
        registerFontFamily(
            MISSING_FONT, normal=MISSING_FONT, bold=MISSING_FONT, italic=MISSING_FONT, boldItalic=MISSING_FONT
        )


def _missing_glyph(code: int) -> str | None:
    """Map `code` to the replacement glyph, so it prints visibly and copies as itself."""
    if MISSING_FONT not in pdfmetrics.getRegisteredFontNames():
        return None
    face = pdfmetrics.getFont(MISSING_FONT).face
    if code not in face.charToGlyph:
        log.warning("no installed font draws U+%04X; printing a replacement glyph", code)
        compat.draw_as(face, code, REPLACEMENT)
    return MISSING_FONT

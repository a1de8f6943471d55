"""PDF fonts: the theme's families embedded as TrueType, and a per-character fallback chain.

reportlab embeds only TrueType-outline fonts, and a TrueType font draws only the characters in
its cmap. So every run of text is split by which font can draw each character, in this order:
the style's own font (the theme's family via `casestudy.fonts`), DejaVu Sans (symbols, arrows,
some emoji), the theme's East Asian font for that style (a Song face beside a serif, a Hei face
beside a sans-serif: the installed metric-compatible stand-ins for SimSun and Microsoft YaHei,
Noto Serif and Sans CJK SC, turned into TrueType by `truetype`, else WenQuanYi Zen Hei) or, only
on a machine without any, reportlab's built-in CID font STSong-Light for Chinese (not embedded:
viewers supply it, and a viewer without Adobe's Chinese pack shows nothing), and last a visible
replacement glyph (U+FFFD from DejaVu Sans) mapped to the original character, so that copying
the text still gives the character the outline holds. A machine without the theme's fonts gets
reportlab's standard Times/Helvetica (not embedded) and a logged warning.

Bold Chinese is bold: the East Asian family's bold face where it has one, else the regular face
drawn with a synthetic bold (filled and outlined, `_reportlab_compat.embolden`). Italic Chinese
is upright: Chinese has no italics, and a slanted ideograph is only a distortion.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from casestudy.fonts import FontFile, find_cjk_font, find_font, is_serif
from casestudy.renderers.pdf import _reportlab_compat as compat
from casestudy.renderers.pdf import truetype

log = logging.getLogger(__name__)

STYLES = {"regular": (False, False), "bold": (True, False), "italic": (False, True), "bold_italic": (True, True)}
SYMBOL_FAMILY = "DejaVu Sans"
CID_FONT = "STSong-Light"
MISSING_FONT = "CS-Missing"
SYNTHETIC_BOLD = "-SyntheticBold"  # the name of a regular face's copy drawn as bold
SHARED_PUNCTUATION = "“”‘’…"  # Latin and Chinese alike; beside Chinese text, full width
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
    east_asian: bool = False


@dataclass(frozen=True)
class FontSet:
    """The registered families the document uses: heading and body, and the fallback chain.

    `beside` names the East Asian fallback of a style's own family where it is not the chain's
    (the Song face beside a serif body).
    """

    heading: str
    body: str
    fallbacks: tuple[Fallback, ...]
    beside: Mapping[str, Fallback] = field(default_factory=dict)

    def runs(self, text: str, family: str) -> Iterator[tuple[str, str]]:
        """(family, text) runs: each character in the first family of the chain that has its glyph.

        Quotation marks and the ellipsis beside Chinese text are Chinese punctuation, drawn full
        width by the East Asian face (“智能驾驶”, ……), though the Latin face has them too.
        """
        current, chunk = family, []
        for at, char in enumerate(text):
            if _neutral(char):
                chosen = current
            elif char in SHARED_PUNCTUATION and _beside_cjk(text, at):
                chosen = self.family_for(ord(char), family, east_asian=True)
            else:
                chosen = self.family_for(ord(char), family)
            if chosen != current and chunk:
                yield current, "".join(chunk)
                chunk = []
            current = chosen
            chunk.append(char)
        if chunk:
            yield current, "".join(chunk)

    def family_for(self, code: int, family: str, east_asian: bool = False) -> str:
        """The first family that draws `code`: the style's own, a fallback, else the replacement glyph.

        `east_asian` puts the East Asian fallback first.
        """
        if east_asian:
            own = self.beside.get(family) or next((f for f in self.fallbacks if f.east_asian), None)
            if own is not None and own.covers(code):
                return own.family
        if covers(family, code):
            return family
        own = self.beside.get(family)
        for fallback in self.fallbacks:
            if own is not None and fallback.east_asian:
                fallback = own
            if fallback.covers(code):
                return fallback.family
        return _missing_glyph(code) or family


def _beside_cjk(text: str, at: int) -> bool:
    """Whether the nearest character before or after text[at] (past spaces and marks alike) is CJK."""
    before = text[:at].rstrip(SHARED_PUNCTUATION + " ")
    after = text[at + 1 :].lstrip(SHARED_PUNCTUATION + " ")
    return bool(before and _is_cjk(ord(before[-1])) or after and _is_cjk(ord(after[0])))


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
def load_fonts(
    heading: str, body: str, cjk: str, cjk_serif: str | None = None, characters: frozenset[str] | None = None
) -> FontSet:
    """Register the theme's families (once per process) and build the fallback chain.

    `cjk` is the East Asian family beside a sans-serif, `cjk_serif` beside a serif; `characters`
    are those the document prints, to which a CFF font (Noto CJK) is cut as it is made TrueType
    (without them only TrueType fonts are used). The East Asian faces are registered only when a
    character needs them: one the other fonts lack, or a CJK one.
    """
    heading_family = register_family(heading) or _built_in(heading, "sans")
    body_family = register_family(body) or _built_in(body, "serif")
    symbols = register_family(SYMBOL_FAMILY)
    chain = [Fallback(symbols, lambda code, name=symbols: covers(name, code))] if symbols else []
    beside: dict[str, Fallback] = {}
    families = (heading_family, body_family, *(f.family for f in chain))
    if characters is None or _needs_east_asian(characters, families):
        sans = _register_cjk(cjk, characters)
        if sans:
            chain.append(_east_asian(sans))
        else:  # only then: a character the embedded CJK font lacks is no better off in a font the viewer may lack too
            chain.append(Fallback(_register_cid(), _is_cjk, east_asian=True))
        serif = _register_cjk(cjk_serif, characters) if cjk_serif else None
        if serif and serif != sans:
            beside = {
                family: _east_asian(serif)
                for name, family in ((heading, heading_family), (body, body_family))
                if is_serif(name)
            }
    return FontSet(heading=heading_family, body=body_family, fallbacks=tuple(chain), beside=beside)


def _needs_east_asian(characters: frozenset[str], families: tuple[str, ...]) -> bool:
    """Whether any of `characters` is CJK or drawn by none of `families` (so the East Asian face is tried)."""
    return any(
        _is_cjk(ord(char)) or not any(covers(family, ord(char)) for family in families)
        for char in characters
        if not _neutral(char)
    )


def _east_asian(family: str) -> Fallback:
    return Fallback(family, lambda code, name=family: covers(name, code), east_asian=True)


def register_family(family: str) -> str | None:
    """Register the four faces of `family` as TrueType; the family's name in reportlab, or None."""
    faces = {style: find_font(family, bold, italic) for style, (bold, italic) in STYLES.items()}
    if faces["regular"] is None:
        return None
    names = {style: _register_face(face or faces["regular"]) for style, face in faces.items()}  # type: ignore[arg-type]
    compat.register_family(
        names["regular"],
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bold_italic"],
    )
    return names["regular"]


def _register_face(face: FontFile, suffix: str = "") -> str:
    """`face`'s name in reportlab; the file is read when a document first measures or draws with it."""
    name = f"{face.path.stem}-{face.index}{suffix}"
    compat.register_on_first_use(name, lambda: TTFont(name, str(face.path), subfontIndex=face.index))
    return name


def _register_cjk(preferred: str, characters: frozenset[str] | None) -> str | None:
    """The East Asian family `preferred` names (or its stand-in) registered with a bold face: real or synthetic."""
    face = find_cjk_font(preferred, truetype_only=characters is None)
    characters = characters or frozenset()
    if face is None:
        log.warning("no Chinese TrueType font (tried %s); Chinese prints in %s, not embedded", preferred, CID_FONT)
        return None
    bold = find_font(face.family, bold=True)
    regular = _register_east_asian_face(face, characters)
    if bold is not None and bold.bold and (bold.path, bold.index) != (face.path, face.index):
        bold_name = _register_east_asian_face(bold, characters)
    else:
        bold_name = compat.embolden(_register_east_asian_face(face, characters, SYNTHETIC_BOLD))
    compat.register_family(regular, normal=regular, bold=bold_name, italic=regular, boldItalic=bold_name)
    return regular


def _register_east_asian_face(face: FontFile, characters: frozenset[str], suffix: str = "") -> str:
    """`face` registered as TrueType: as it is, or (CFF outlines) cut to `characters` and converted.

    `suffix` registers a second copy of it under its own name (the one drawn as synthetic bold).
    """
    if not face.cff:
        return _register_face(face, suffix)
    digest = hashlib.sha1("".join(sorted(characters)).encode()).hexdigest()[:10]
    name = f"{face.path.stem}-{face.index}-{digest}{suffix}"

    def make() -> TTFont:
        font = TTFont(name, io.BytesIO(truetype.as_truetype(face.path, face.index, characters)))
        # reportlab reuses the first font registered under a face name: each cut is a face of its own
        font.face.name = name.encode()
        return font

    compat.register_on_first_use(name, make)
    return name


def _register_cid() -> str:
    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
        compat.register_family(CID_FONT, normal=CID_FONT, bold=CID_FONT, italic=CID_FONT, boldItalic=CID_FONT)
    return CID_FONT


def _built_in(family: str, kind: str) -> str:
    log.warning("font %r not found; using the PDF standard font %s (not embedded)", family, BUILT_IN[kind])
    return BUILT_IN[kind]


@cache
def _register_missing() -> None:
    """A copy of DejaVu Sans whose replacement glyph stands in for characters no font has."""
    if MISSING_FONT in pdfmetrics.getRegisteredFontNames():
        return
    face = find_font(SYMBOL_FAMILY)
    if face is None:
        return
    font = TTFont(MISSING_FONT, str(face.path), subfontIndex=face.index)
    # a face of its own: reportlab would hand back the DejaVu Sans already registered, and the
    # characters mapped to the replacement glyph would then be "covered" by DejaVu Sans, whose bold
    # face (inside <b>) lacks them: they were dropped from the page
    font.face.name = MISSING_FONT.encode()
    if REPLACEMENT in font.face.charToGlyph:
        pdfmetrics.registerFont(font)
        compat.register_family(
            MISSING_FONT, normal=MISSING_FONT, bold=MISSING_FONT, italic=MISSING_FONT, boldItalic=MISSING_FONT
        )


def _missing_glyph(code: int) -> str | None:
    """Map `code` to the replacement glyph, so it prints visibly and copies as itself."""
    _register_missing()  # on first need: most documents have a font for every character
    if MISSING_FONT not in pdfmetrics.getRegisteredFontNames():
        return None
    face = pdfmetrics.getFont(MISSING_FONT).face
    if code not in face.charToGlyph:
        log.warning("no installed font draws U+%04X; printing a replacement glyph", code)
        compat.draw_as(face, code, REPLACEMENT)
    return MISSING_FONT

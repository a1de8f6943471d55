"""A CFF-outline font (Noto Sans CJK's .ttc, any .otf) as a TrueType font reportlab can embed.

reportlab embeds TrueType outlines only, and the Chinese fonts most systems have (Noto Sans and
Serif CJK, Source Han) are CFF. Those are the ones with a bold face and with the mainland's
punctuation placement (，。 low at the left of their square, not centred as in WenQuanYi), so the
PDF uses them: the face is cut down to the characters the document uses (fontTools' subsetter),
its cubic outlines turned into quadratic ones (`cu2qu`, within a thousandth of an em) and saved as
a TrueType font in memory, which reportlab then subsets and embeds as it does any other.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERROR = 1.0  # font units (of 1000 an em): how far a converted curve may stray from the original


@lru_cache(maxsize=16)
def as_truetype(path: Path, index: int, characters: frozenset[str]) -> bytes:
    """The face at `index` of `path`, cut to `characters`, with TrueType outlines: a font file's bytes."""
    font = TTFont(path, fontNumber=index, lazy=False, recalcTimestamp=False)  # the same bytes in every build
    options = subset.Options()
    options.layout_features = []  # reportlab shapes nothing: one glyph per character
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_code_points(characters))
    subsetter.subset(font)
    _cff_to_glyf(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _code_points(characters: Iterable[str]) -> set[int]:
    return {ord(char) for char in characters}


def _cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF table by `glyf`/`loca` with the same glyphs, as a TrueType font has them."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for table in ("CFF ", "CFF2", "VORG"):
        if table in font:
            del font[table]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones maxTwilightPoints maxStorage maxFunctionDefs maxInstructionDefs "
        "maxStackElements maxSizeOfInstructions maxComponentElements maxComponentDepth"
    ).split():
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"

"""A CFF-outline font (Noto Sans CJK's .ttc, any .otf) as a TrueType font reportlab can embed.

reportlab embeds TrueType outlines only, and the Chinese fonts most systems have (Noto Sans and
Serif CJK, Source Han) are CFF. Those are the ones with a bold face and with the mainland's
punctuation placement (，。 low at the left of their square, not centred as in WenQuanYi), so the
PDF uses them: the face is cut down to the characters the document uses (fontTools' subsetter),
its cubic outlines turned into quadratic ones (`cu2qu`, within a thousandth of an em) and saved as
a TrueType font in memory, which reportlab then subsets and embeds as it does any other.

Cutting and converting takes 0.5-1.5 s a face (fontTools reads the whole 20 MB font), so the result
is kept in the user's cache folder, keyed by the font file (path, size, modification time), the
face, the characters and the versions of fontTools and of this conversion: the next build of the
same outline reads it back in milliseconds. A cache entry carries its own checksum; one that is
damaged, or a cache folder that cannot be written, only means converting again.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

MAX_ERROR = 1.0  # font units (of 1000 an em): how far a converted curve may stray from the original
CONVERSION = 1  # the version of what `_convert` writes: a change to it must not read older entries
CACHE_ENTRIES = 64  # converted faces kept; the least recently used go first
CACHE_ENV = "CASESTUDY_CACHE_DIR"  # overrides the platform's cache folder (tests use it)


@lru_cache(maxsize=16)
def as_truetype(path: Path, index: int, characters: frozenset[str]) -> bytes:
    """The face at `index` of `path`, cut to `characters`, with TrueType outlines: a font file's bytes.

    Read from the cache when it holds this conversion, else converted and written to it.
    """
    import fontTools  # the version is part of the key; the subsetter itself is imported only to convert

    stat = path.stat()
    key = "\n".join(map(str, (path.resolve(), stat.st_size, stat.st_mtime_ns, index, fontTools.version, CONVERSION)))
    digest = hashlib.sha256(key.encode() + "".join(sorted(characters)).encode()).hexdigest()
    entry = cache_folder() / f"{path.stem}-{index}-{digest[:32]}.ttf"
    data = _read(entry)
    if data is None:
        data = _convert(path, index, characters)
        _write(entry, data)
    return data


def cache_folder() -> Path:
    """Where converted faces are kept: $CASESTUDY_CACHE_DIR, else the platform's cache folder for casestudy."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "casestudy" / "fonts"


def _read(entry: Path) -> bytes | None:
    """The cached font, or None if there is none or it does not match its checksum."""
    try:
        stored = entry.read_bytes()
    except OSError:
        return None
    checksum, data = stored[:32], stored[32:]
    if hashlib.sha256(data).digest() != checksum:
        return None
    try:
        os.utime(entry)  # recently used: kept longest
    except OSError:
        pass
    return data


def _write(entry: Path, data: bytes) -> None:
    """Store `data` under `entry` atomically (a reader never sees half a file), then trim the cache."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(hashlib.sha256(data).digest() + data)
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
        _trim(entry.parent)
    except OSError:
        pass  # a cache that cannot be written: the next build converts again


def _trim(folder: Path) -> None:
    """Remove all but the CACHE_ENTRIES most recently used faces."""
    entries = sorted(folder.glob("*.ttf"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for stale in entries[CACHE_ENTRIES:]:
        stale.unlink(missing_ok=True)


def _convert(path: Path, index: int, characters: frozenset[str]) -> bytes:
    """The face cut to `characters` and converted to TrueType outlines (fontTools)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

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
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

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

"""Every reportlab workaround, in one place, checked against the installed reportlab and applied by `render`.

Importing this module changes nothing in reportlab. `apply()`, called by the PDF writer's
`render`, first checks reportlab's version and that every private name a workaround relies on
exists (raising `ReportlabMismatch`, which says what is missing, otherwise), then installs the
process-wide patches; a second call does nothing (the font hook of 10 is installed by its first
use). The workarounds, each with its test in tests/test_reportlab_compat.py:

1. Soft hyphens (`_SHYWord.shyphenate`): a word too wide for the line is cut after a soft hyphen
   too, as reportlab cuts any other long word.
2. ToUnicode maps (`ttfonts.makeToUnicodeCMap`): characters above U+FFFF written as UTF-16 pairs,
   so an emoji copies out of the PDF.
3. `KeepWithStart`: a heading kept with the start of what follows, not with all of it.
4. `draw_as`: a character no font has drawn with the replacement glyph, copying as itself.
5. `retried`: a flowable moved to the next page gets its try there even if an exhibit is set first.
6. Chinese line breaks (`Paragraph.breakLinesCJK`): a paragraph set with `wordWrap="CJK"` breaks
   where `casestudy.linebreak` allows (UAX #14 with clreq's kinsoku, numbers whole, a citation
   with its word, phrases kept whole in a style with `cjkPhrases`), not between any two
   characters, as reportlab does.
7. `embolden`: a font drawn as synthetic bold (filled and outlined, text render mode 2), for an
   East Asian family without a bold face.
8. `<font face>` keeps the weight (`ParaParser.start_font`): a fallback-font run inside `<b>` is
   bold, as the text around it.
9. `text_position` and `link_later`: where an `<onDraw>` callback's text ends, and a link put on
   the page now whose rectangle is set when the document is saved (the contents' page numbers).
10. `register_on_first_use` (`pdfmetrics.findFontAndRegister`): a font registered by name when
   reportlab first asks for it, so that faces a document never draws are never read; families
   are registered through `register_family`, which keeps them as they were set.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable

import reportlab
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import textobject
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, Flowable, FrameBreak, KeepTogether
from reportlab.platypus import flowables as rl_flowables
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus import paraparser as rl_paraparser

from casestudy import linebreak
from casestudy.errors import CaseStudyError

TESTED = ((4, 4), (5, 2))  # reportlab >= 4.4, < 5.2: the releases the tests run against (see pyproject.toml)


class ReportlabMismatch(CaseStudyError):
    """The installed reportlab is not one these workarounds were tested with."""


# The private names each workaround reads, by the module that must have them.
PRIVATE_NAMES: dict[str, tuple[object, tuple[str, ...]]] = {
    "soft hyphens": (
        rl_paragraph,
        ("_SHYWord", "_SplitFrag", "_HSFrag", "_SHYWordHS", "_splitFragWord", "_rejoinSplitFragWords"),
    ),
    "ToUnicode maps": (ttfonts, ("makeToUnicodeCMap",)),
    "keep with start": (rl_flowables, ("_listWrapOn",)),
    "Chinese line breaks": (rl_paragraph, ("cjkU", "makeCJKParaLine", "ParaLines", "_handleBulletWidth", "_FUZZ")),
    "synthetic bold": (textobject.PDFTextObject, ("_formatText",)),
    "font faces keep the weight": (rl_paraparser, ("_spanAttrMap", "ParaParser")),
    "links set later": (Canvas, ("_annotatePage",)),
    "fonts on first use": (pdfmetrics, ("findFontAndRegister",)),
}

_originals: dict[str, Callable] = {}  # what the patches replaced, once they are applied


def apply() -> None:
    """Check the installed reportlab, then install the patches (once per process)."""
    check()
    if "shyphenate" in _originals:
        return
    _originals["shyphenate"] = rl_paragraph._SHYWord.shyphenate
    _originals["makeToUnicodeCMap"] = ttfonts.makeToUnicodeCMap
    _originals["breakLinesCJK"] = rl_paragraph.Paragraph.breakLinesCJK
    _originals["_formatText"] = textobject.PDFTextObject._formatText
    textobject.PDFTextObject._formatText = _format_text_emboldened
    _originals["start_font"] = rl_paraparser.ParaParser.start_font
    rl_paraparser.ParaParser.start_font = _start_font_keeping_weight
    rl_paragraph._SHYWord.shyphenate = _shyphenate_or_cut
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    rl_paragraph.Paragraph.breakLinesCJK = _break_lines_by_the_rules


def check() -> None:
    """Raise ReportlabMismatch unless reportlab's version is tested and every private name exists."""
    version = tuple(int(part) for part in re.findall(r"\d+", reportlab.Version)[:2])
    low, high = TESTED
    wanted = f"reportlab>={'.'.join(map(str, low))},<{'.'.join(map(str, high))}"
    if not low <= version < high:
        raise ReportlabMismatch(f"reportlab {reportlab.Version} is installed; casestudy's PDF needs {wanted}")
    missing = [
        f"{module.__name__}.{name} ({workaround})"
        for workaround, (module, names) in PRIVATE_NAMES.items()
        for name in names
        if not hasattr(module, name)
    ]
    if missing:
        raise ReportlabMismatch(f"reportlab {reportlab.Version} lacks {', '.join(missing)}; install {wanted}")


# ---------------------------------------------------------------- 1. soft hyphens


def _shyphenate_or_cut(word: list, new_width: float, max_width: float) -> list:
    """Break a soft-hyphenated word at its last soft hyphen that fits, else cut it if too wide.

    In a paragraph with markup (bold, links, fonts), reportlab (4.4 to 5.1) marks a word holding
    a soft hyphen and followed by a space, and the tail of a word it broke at a soft hyphen, as
    already split, and never cuts a split word: "Soft-" / "hyphen" + 400 letters ran out of its
    frame. Such a word wider than the line, with no soft hyphen that fits, is handled here: moved
    to the next line if its first soft hyphen fits there, else cut where the line ends, as
    reportlab cuts any other long word; the rest comes back here on the next line. Every piece
    stays a split frag, so a paragraph split across pages joins them up again.
    """
    pieces = _originals["shyphenate"](word, new_width, max_width)
    if pieces or not isinstance(word, rl_paragraph._SplitFrag) or word[0] <= max_width:
        return pieces
    used = new_width - word[0]  # the width already on this line
    if used > 1e-6 and word._fsww <= max_width:
        style = word[1][0].clone()
        style.text = ""
        return [rl_paragraph._SplitFrag([0, (style, "")]), word]  # end this line; break it on the next
    head, *rest = rl_paragraph._splitFragWord(word, max_width - used, [max_width], 0)
    tail = rl_paragraph._SHYWordHS if isinstance(word, rl_paragraph._HSFrag) else _shy_tail()
    return [head, tail(rl_paragraph._rejoinSplitFragWords(rest))] if rest else [head]


@functools.cache
def _shy_tail() -> type:
    """The class of the rest of a soft-hyphenated word after a cut, not followed by a space.

    Made on first use, not at import: it derives from two private classes `check` vouches for.
    """
    return type("_SHYTail", (rl_paragraph._SHYWord, rl_paragraph._SplitFrag), {})


# ---------------------------------------------------------------- 2. ToUnicode maps

_ASTRAL = re.compile(r"<([0-9A-F]{5,6})>$", re.MULTILINE)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters above U+FFFF as UTF-16 pairs (as PDF requires).

    reportlab writes them as five hex digits, which viewers reject, so an emoji would not copy.
    """
    return _ASTRAL.sub(
        lambda m: f"<{chr(int(m.group(1), 16)).encode('utf-16-be').hex().upper()}>",
        _originals["makeToUnicodeCMap"](fontname, subset),
    )


# ---------------------------------------------------------------- 3. keep a heading with the start of what follows


class KeepWithStart(KeepTogether):
    """A heading kept with what follows: moved to the next page only if the start of that does not fit.

    reportlab's KeepTogether moves the whole group when it is taller than the space left, so a
    heading before a long paragraph or table would leave half a page empty. Here the group stays
    when the headings plus the first part of what follows fit: the first part as that flowable
    itself splits (a paragraph's first lines, a table's first rows), or all of it if it does not
    split. Relies on KeepTogether's `_content`, the frame reportlab sets on a flowable
    (`_frame`, `_atTop`) and `_listWrapOn`.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        dims: list[tuple[float, float]] = []
        width, self._H = rl_flowables._listWrapOn(self._content, availWidth, self.canv, dims=dims)
        self._last = dims[-1][1] if dims else 0
        self._wrapInfo = availWidth, availHeight
        return width, 0xFFFFFF  # always asked to split, as KeepTogether does

    def split(self, availWidth: float, availHeight: float) -> list:
        if getattr(self, "_wrapInfo", None) != (availWidth, availHeight):
            self.wrap(availWidth, availHeight)
        frame = getattr(self, "_frame", None)
        if frame is None or getattr(frame, "_atTop", False):
            return self._content[:]  # a new page would not give more room
        *headings, last = self._content
        # the heading's space above counts here, though reportlab's measure drops it
        lead = max((f.getSpaceBefore() for f in self._content[:2]), default=0)
        room = availHeight - lead - (self._H - self._last) - last.getSpaceBefore()
        if self._last <= room:
            return self._content[:]
        start = last.split(availWidth, room) if room > 0 else []
        if len(start) >= 2 and not isinstance(start[0], ActionFlowable):
            return [*headings, *start]
        return [FrameBreak(), *self._content]


# ---------------------------------------------------------------- 4. the replacement glyph


def draw_as(face: ttfonts.TTFontFace, code: int, replacement: int) -> None:
    """Let `face` draw `code` with the glyph of `replacement`: visible, and it still copies as `code`.

    Writes into the face's character map and widths (`charToGlyph`, `charWidths`), which
    reportlab reads when it subsets the font and builds its ToUnicode map.
    """
    face.charToGlyph[code] = face.charToGlyph[replacement]
    face.charWidths[code] = face.charWidths[replacement]


# ---------------------------------------------------------------- 5. a postponed flowable's try on the next page


def retried(flowable: Flowable) -> Flowable:
    """`flowable` as a fresh try: without the mark reportlab left when it moved it to the next page.

    reportlab marks a flowable that did not fit at the foot of a page (`_postponed`) and raises
    LayoutError if it does not fit the next frame either, taking that frame to be empty. An
    exhibit held back for the top of that page (keeping.Hold) takes room in it first, so the
    flowable has not had its try at an empty frame yet: it gets one, as a copy (reportlab undoes
    its mark on the original between passes).
    """
    if "_postponed" not in flowable.__dict__:
        return flowable
    fresh = copy.copy(flowable)
    del fresh.__dict__["_postponed"]
    return fresh


# ---------------------------------------------------------------- 6. Chinese line breaks

_OBJECT = "\ufffc"  # stands in for a frag without text (an image, an anchor) when finding breaks


def _break_lines_by_the_rules(self: rl_paragraph.Paragraph, maxWidths: float | list[float]) -> rl_paragraph.ParaLines:
    """reportlab's `breakLinesCJK`, with lines ending where `casestudy.linebreak` allows.

    reportlab breaks CJK text before whichever character overflows, pulling back only a few
    closing marks: lines started with "，", a number split as "4,272,14 / 5", a citation left
    on a line of its own. Here each character keeps reportlab's own width and frag (`cjkU`), and
    the lines are built by reportlab's `makeCJKParaLine`; only where they end is decided here.
    A superscript (a citation) is glued to the character before it; `<br/>` ends a line.
    """
    widths = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    self.height = 0
    rl_paragraph._handleBulletWidth(self.bulletText, self.style, widths)
    if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
        return self.blPara
    chars = [rl_paragraph.cjkU(t, f, "utf8") for f in self.frags for t in (f.text or [""])]
    if not chars:
        return _originals["breakLinesCJK"](self, widths)
    text = "".join(u or _OBJECT for u in chars)
    raised = [getattr(u.frag, "rise", 0) > 0 for u in chars]
    glued = [k for k in range(1, len(chars)) if raised[k] and not raised[k - 1]]
    forced = [k + 1 for k, u in enumerate(chars) if hasattr(u.frag, "lineBreak")]
    advances = [_advance(u.width, widths[0]) for u in chars]
    rules = linebreak.breaks(text, phrases=bool(getattr(self.style, "cjkPhrases", 0)), glued=glued)
    room = lambda n: widths[min(n, len(widths) - 1)] + rl_paragraph._FUZZ  # noqa: E731
    autoLeading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
    lines = []
    for start, end in linebreak.fill(text, advances, room, rules, forced):
        width = widths[min(len(lines), len(widths) - 1)]
        used = sum(advances[start:end])
        ended = any(hasattr(u.frag, "lineBreak") for u in chars[start:end])
        lines.append(
            rl_paragraph.makeCJKParaLine(
                chars[start:end], width, used, width - used, ended, autoLeading not in ("", "off")
            )
        )
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def _advance(width: object, line_width: float) -> float:
    """A character's width in points; an image's width may be given relative to the line."""
    if hasattr(width, "normalizedValue"):
        width._normalizer = line_width  # type: ignore[attr-defined]
        return width.normalizedValue(line_width)  # type: ignore[attr-defined]
    return float(width)  # type: ignore[arg-type]


# ---------------------------------------------------------------- 7. synthetic bold

EMBOLDEN = 0.03  # ems: the outline's stroke width, which thickens every stem by as much
_emboldened: set[str] = set()


def embolden(font_name: str) -> str:
    """Draw the registered font `font_name` as synthetic bold from now on; returns the name.

    For an East Asian family without a bold face (WenQuanYi Zen Hei): bold Chinese stays bold,
    not silently regular beside bold Latin letters.
    """
    _emboldened.add(font_name)
    return font_name


def _format_text_emboldened(self: textobject.PDFTextObject, text: str) -> str:
    """reportlab's text operators, set as fill-and-stroke in the fill colour when the font is emboldened.

    Text render mode, line width and stroke colour outlast the text, so all three are put back to
    what the canvas holds. Relies on the text object's `_fontname`, `_fontsize`, `_fillColorObj`
    and `_canvas`, and the canvas's `_lineWidth`, `_fillColorObj` and `_strokeColorObj`.
    """
    code = _originals["_formatText"](self, text)
    if self._fontname not in _emboldened:
        return code
    canvas = self._canvas
    fill = _rgb(getattr(self, "_fillColorObj", canvas._fillColorObj))
    stroke = _rgb(getattr(canvas, "_strokeColorObj", None))
    width = EMBOLDEN * self._fontsize
    return f"2 Tr {width:.3f} w {fill} RG {code} 0 Tr {canvas._lineWidth} w {stroke} RG"


def _rgb(colour: object) -> str:
    """A colour as PDF's three RGB numbers (black when there is none)."""
    rgb = colour.rgb() if isinstance(colour, colors.Color) else colour if isinstance(colour, tuple) else (0, 0, 0)
    return " ".join(f"{value:.4g}" for value in rgb[:3])


# ---------------------------------------------------------------- 8. a font face keeps the weight


def _start_font_keeping_weight(self: rl_paraparser.ParaParser, attr: dict) -> None:
    """`<font face="X">` as a family, in the weight and slant of the text around it.

    reportlab takes a face's own weight from its registered name (`ps2tt`), so a run set in a
    fallback font (Chinese in Noto Sans CJK, a symbol in DejaVu Sans) inside `<b>` came out
    regular: bold Chinese was regular beside bold Latin letters. The writers name a face only to
    say which font draws the characters (`text.Markup`), never to set a weight.
    """
    attributes = self.getAttributes(attr, rl_paraparser._spanAttrMap)
    if "fontName" in attributes:
        attributes["fontName"] = rl_paraparser.ps2tt(attributes["fontName"])[0]
    self._push("font", **attributes)


# ---------------------------------------------------------------- 9. text positions and links set later


def text_position(canvas: Canvas) -> tuple[float, float]:
    """Where the text of the paragraph line being drawn has got to, inside an `<onDraw>` callback.

    reportlab's paragraph sets `_curr_tx_info` on the canvas around the callback only (its own
    TableOfContents reads it the same way).
    """
    info = canvas._curr_tx_info
    return info["cur_x"], info["cur_y"]


def link_later(canvas: Canvas, name: str) -> None:
    """Put the link annotation `name` on the current page; `canvas.linkAbsolute(..., name=name)` makes it later.

    The page refers to annotations by name, resolved when the document is saved.
    """
    canvas._annotatePage(name)


# ---------------------------------------------------------------- 10. fonts registered on first use

_pending_fonts: dict[str, Callable[[], pdfmetrics.Font]] = {}
_families: dict[str, dict[str, str]] = {}  # every family registered here: its faces by weight and slant


def register_on_first_use(name: str, make: Callable[[], pdfmetrics.Font]) -> None:
    """Register the font `make()` returns under `name` when reportlab first asks for `name`.

    Reading a TrueType face costs 5-20 ms (reportlab parses its character map and metrics), and
    a document draws few of the faces its families have. reportlab's `getFont` calls
    `findFontAndRegister` for a name it does not know: that call registers a pending font first.
    Installed by the first call here; a name already registered or pending is left as it is.
    """
    if name in _pending_fonts or name in pdfmetrics.getRegisteredFontNames():
        return
    _pending_fonts[name] = make
    if "findFontAndRegister" not in _originals:
        check()
        _originals["findFontAndRegister"] = pdfmetrics.findFontAndRegister
        pdfmetrics.findFontAndRegister = _find_pending_font


def register_family(family: str, normal: str, bold: str, italic: str, boldItalic: str) -> None:  # noqa: N803
    """reportlab's `registerFontFamily`, kept so that it holds when a face of it is registered later.

    Registering a TrueType font makes it a family of its own (`registerFont` maps all four of its
    weights and slants to itself): for the regular face, that would undo its family's bold.
    """
    _families.pop(family, None)  # replayed in the order of the last registrations, the last one winning
    _families[family] = {"normal": normal, "bold": bold, "italic": italic, "boldItalic": boldItalic}
    pdfmetrics.registerFontFamily(family, **_families[family])


def _find_pending_font(name: str) -> pdfmetrics.Font:
    make = _pending_fonts.pop(name, None)
    if make is None:
        return _originals["findFontAndRegister"](name)
    pdfmetrics.registerFont(make())
    for family, faces in _families.items():  # as they were when every face was registered before its family
        pdfmetrics.registerFontFamily(family, **faces)
    return pdfmetrics.getFont(name)

"""Where a line may end, by the rules every format shares: Unicode line breaking with Chinese kinsoku.

The rules, stated once for the PDF's paragraphs and drawn labels and the deck's text fitting:

- Unicode line breaking (UAX #14, through `uniseg`): lines break at spaces and between CJK
  characters, never before closing punctuation (，。、；：？！）》」』”) nor after an opening
  bracket or quotation mark, never inside a number ("350,000", "5.5%").
- clreq's kinsoku on top, for characters UAX #14 leaves open: the punctuation above is
  checked again, whatever class the Unicode version in use gives it.
- A number stays with its unit or measure word, with or without a space between them
  ("350,000 辆", "4 月", "2017 年"), and a range of numbers with its dash ("2007—2010").
- Phrases, where the caller asks for them: BudouX (Google's phrase segmenter for Chinese and
  Japanese) marks where a phrase ends, so a title or label breaks between words ("智能 / 电动
  汽车"), never inside one ("智能电 / 动汽车"); a phrase wider than the line still breaks
  inside, by the rules above.

`fill` puts text into lines greedily from character widths, so every writer wraps the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

import budoux
from uniseg.linebreak import line_break_boundaries

from casestudy.scripts import is_cjk

# clreq 3.1.7: characters a line may not start with, and those it may not end with.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉〗｝］”’…‥ー々〆ゝゞ〻%‰％,.;:!?)]}")
NO_LINE_END = frozenset("（《「『【〔〈〖｛［“‘([{")
DASHES = frozenset("-‐‑–—―~～")


NARROW_NO_BREAK_SPACE, WORD_JOINER = "\u202f", "\u2060"
_NUMBER_AND_UNIT = re.compile(r"(?<=\d)( ?)(?=[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff])")
_NUMBER_RANGE = re.compile(r"(?<=\d)([-‐‑–—―~～])(?=\d)")


def numbers_held(text: str) -> str:
    """`text` with each number held to its unit and its range, for a renderer that breaks lines itself.

    Word, LibreOffice and PowerPoint break "12 月" at the space and "4月" between the two, which
    the rules here forbid: the space becomes a narrow no-break space (U+202F, a fifth of an em,
    about the quarter em clreq puts between Chinese and digits; LibreOffice breaks after an
    ordinary no-break space before an ideograph, and after a word joiner beside one), touching
    characters get a word joiner, and so does a range's dash ("2007—2010") in text with Chinese in it.
    Text without CJK is returned as written: English breaks after a range's hyphen like any other.
    """
    if not any(map(is_cjk, text)):
        return text
    text = _NUMBER_AND_UNIT.sub(lambda m: NARROW_NO_BREAK_SPACE if m.group(1) else WORD_JOINER, text)
    return _NUMBER_RANGE.sub(lambda m: WORD_JOINER + m.group(1) + WORD_JOINER, text)


@dataclass(frozen=True)
class Breaks:
    """Offsets into a text where a line may end (text[:i] on one line, text[i:] on the next).

    `preferred` are the allowed breaks between phrases: a line ends there when it can.
    """

    allowed: frozenset[int]
    preferred: frozenset[int]


def breaks(text: str, phrases: bool = False, glued: Collection[int] = ()) -> Breaks:
    """The line breaks `text` allows; `glued` offsets never break (a citation marker after its word)."""
    allowed = _allowed(text) - frozenset(glued)
    if not phrases:
        return Breaks(allowed, allowed)
    return Breaks(allowed, allowed - inside_phrases(text))


@lru_cache(maxsize=4096)
def _allowed(text: str) -> frozenset[int]:
    out = set(unicode_breaks(text)) | _beside_full_width_brackets(text)
    return frozenset(at for at in out if 0 < at < len(text) and not _forbidden(text, at))


# Spaces after a letter, a digit or closing punctuation and before a letter, a digit or an opening
# bracket or quote: UAX #14 breaks after them (LB18), and no rule on either side looks across them
# (LB14-17 need an opening bracket, an opening quote or a closing one before a small kana etc.), so
# the text on each side breaks as it would alone.
_WORD_SPACES = re.compile(r"(?<=[A-Za-z0-9.,;:!?)\]}%\"'”’]) +(?=[A-Za-z0-9(\[“‘\"'])")


def unicode_breaks(text: str) -> list[int]:
    """`uniseg`'s line break boundaries of `text`, found word by word where that gives the same answer.

    uniseg is pure Python and slow (about 0.1 ms a character); words recur, pieces are cached.
    """
    out, start = [], 0
    for space in _WORD_SPACES.finditer(text):
        out.extend(start + at for at in _piece_breaks(text[start : space.end()]))
        start = space.end()
    out.extend(start + at for at in _piece_breaks(text[start:]))
    return out


# A word of ASCII letters and digits, a closing mark after it, then spaces: no break inside
# (LB7, LB13, LB19, LB23-25, LB28), only at its end.
_PLAIN_WORD = re.compile(r"[A-Za-z0-9]+[.,;:!?%)\]}\"'”’]? *")


@lru_cache(maxsize=16384)
def _piece_breaks(piece: str) -> tuple[int, ...]:
    if _PLAIN_WORD.fullmatch(piece):
        return (len(piece),)
    return tuple(line_break_boundaries(piece))


def _beside_full_width_brackets(text: str) -> set[int]:
    """Breaks before a full-width opening bracket and after a full-width closing one, next to Latin or digits.

    Unicode 15.1 allows them ("SU7 /（标准版）"); the data `uniseg` uses is older and joins a
    bracket to a letter or digit beside it whatever its width.
    """
    out = set()
    for at in range(1, len(text)):
        before, after = text[at - 1], text[at]
        if after in NO_LINE_END and _full_width(after) and not before.isspace() and not is_cjk(before):
            out.add(at)
        if before in NO_LINE_START and _full_width(before) and not after.isspace() and not is_cjk(after):
            out.add(at)
    return out


def _full_width(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "FW"


def _forbidden(text: str, at: int) -> bool:
    """clreq's rules that UAX #14 does not state (or not in every Unicode version) at a break before text[at]."""
    before = text[:at].rstrip()
    after = text[at:].lstrip()
    if not before or not after:
        return False
    if after[0] in NO_LINE_START or before[-1] in NO_LINE_END:
        return True
    if before[-1].isdigit() and (_word_character(after[0]) or after[0] in DASHES):
        return True  # a number and its unit, or a range's dash: "350,000 辆", "2007—"
    return before[-1] in DASHES and after[0].isdigit() and len(before) > 1 and before[-2].isdigit()


@lru_cache(maxsize=1)
def _parser() -> budoux.Parser:
    return budoux.load_default_simplified_chinese_parser()


@lru_cache(maxsize=4096)
def inside_phrases(text: str) -> frozenset[int]:
    """Offsets between two CJK ideographs or kana of one phrase, as BudouX reads the text.

    Punctuation is left out: kinsoku already keeps it with its neighbour.
    """
    inside, at = set(), 0
    for phrase in _parser().parse(text):
        inside.update(
            at + i for i in range(1, len(phrase)) if _word_character(phrase[i - 1]) and _word_character(phrase[i])
        )
        at += len(phrase)
    return frozenset(inside)


def _word_character(char: str) -> bool:
    return char.isalpha() and is_cjk(char)


def cut(text: str, widths: Sequence[float], room: float) -> list[tuple[int, int]]:
    """A word wider than a line, in pieces that fit, each cut where it breaks the fewest rules (see `fill`)."""
    return fill(text, widths, lambda _: room, Breaks(frozenset(), frozenset()))


def fill(
    text: str, widths: Sequence[float], room: Callable[[int], float], rules: Breaks, forced: Collection[int] = ()
) -> list[tuple[int, int]]:
    """Lines of `text` as (start, end) offsets, each as wide as `room(line number)` allows.

    Greedy: a line ends at its last preferred break that fits, else its last allowed break,
    else (a word wider than the line) between the last two characters that fit. Spaces at a
    line's end are left out of it; `forced` offsets end a line (a hard line break).
    """
    lines: list[tuple[int, int]] = []
    start, used, i = 0, 0.0, 0
    while i < len(text):
        if i in forced and i > start:
            lines.append((start, _trimmed(text, start, i)))
            start, used = i, 0.0
        used += widths[i]
        if used > room(len(lines)) + 1e-6 and not text[i].isspace() and i > start:
            end = _best_break(text, rules, start, i)
            lines.append((start, _trimmed(text, start, end)))
            start, used = end, sum(widths[end : i + 1])
        i += 1
    if start < len(text) or not lines:
        lines.append((start, _trimmed(text, start, len(text))))
    return lines


def _best_break(text: str, rules: Breaks, start: int, overflow: int) -> int:
    """Where a line from `start` ends when the character at `overflow` does not fit on it.

    With no break allowed on the line (a word or number wider than the line), the cut is made
    where it breaks the fewest rules: where no rule is against it (`_unforbidden`), else after a
    range's dash (`_kinsoku_only`), else where the line is full.
    """
    for candidates in (rules.preferred, rules.allowed):
        best = max((b for b in candidates if start < b <= overflow), default=None)
        if best is not None:
            return best
    for allowed in (_unforbidden, _kinsoku_only):
        cut = next((cut for cut in range(overflow, start, -1) if allowed(text, cut)), None)
        if cut is not None:
            return cut
    return overflow


def _unforbidden(text: str, cut: int) -> bool:
    """A cut no rule is against: not `_forbidden`, not inside a number, not beside a word joiner."""
    before, after = text[cut - 1], text[cut]
    joined = WORD_JOINER in (before, after) or (before.isdigit() and after.isdigit())
    return not joined and not _forbidden(text, cut)


def _kinsoku_only(text: str, cut: int) -> bool:
    """A cut that keeps punctuation, numbers and their units whole, though it parts a range at its dash."""
    before, after = text[:cut].rstrip(), text[cut:].lstrip()
    if not before or not after or after[0] in NO_LINE_START or before[-1] in NO_LINE_END:
        return False
    return not (before[-1].isdigit() and (after[0].isdigit() or _word_character(after[0])))


def _trimmed(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end

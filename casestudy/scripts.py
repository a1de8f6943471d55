"""What the loader needs to know about writing systems: which characters are CJK, how wide, how many words.

Chinese and Japanese are written without spaces, so a YAML line break inside them must not
become one, and a word limit cannot count spaces. Their characters also take about twice the
width of a Latin letter, which is what a limit on a cover or slide title is really about.
"""

from __future__ import annotations

import re
import unicodedata

# Han ideographs (with extensions and compatibility forms), kana, and the punctuation of CJK text.
_CJK = (
    "\u2e80-\u2fdf"  # radicals
    "\u3000-\u303f"  # CJK symbols and punctuation: 、。「」『』【】〔〕
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
    "\uff00-\uffef"  # full-width forms: ，：；！？（）
    "\U00020000-\U0003134f"  # ideograph extensions B to H
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_FULL_WIDTH_PUNCTUATION = re.compile("[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")
_WORD = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+")
_SHARED_PUNCTUATION = "“”‘’—…·"
CJK_CHARACTERS_PER_WORD = 2  # an English sentence of 10 words reads as about 20 Chinese characters


def is_cjk(ch: str) -> bool:
    """A Chinese or Japanese character or CJK punctuation: text written without spaces."""
    return bool(_CJK_CHAR.match(ch))


def display_width(text: str) -> int:
    """Width in Latin-letter units: wide and full-width characters (CJK, Hangul) count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def count_words(text: str) -> float:
    """Words for length limits: words between spaces, plus CJK text at two characters a word.

    CJK punctuation is not counted, as commas and full stops are not words in English either.
    """
    words = cjk = 0
    for token in _WORD.findall(text):
        if not _CJK_CHAR.match(token):
            words += 1
        elif not _FULL_WIDTH_PUNCTUATION.match(token):
            cjk += 1
    return words + cjk / CJK_CHARACTERS_PER_WORD


def join_folded_lines(raw: str, value: str) -> str:
    """`value` (a scalar YAML folded from the lines of `raw`) without the spaces folding put inside CJK text.

    YAML turns a line break inside a plain, folded (`>`) or quoted scalar into a space, which is
    right between English words and wrong between two Chinese characters, or next to a
    full-width comma. Each such join is found in the raw lines and its space removed, in order.
    """
    lines = [line.strip() for line in raw.splitlines()]
    cursor = 0
    for before, after in zip(lines, lines[1:], strict=False):
        if not (before and after and _no_space_between(before[-1], after[0])):
            continue
        join = f"{before[-8:]} {after[:8]}"
        at = value.find(join, cursor)
        if at < 0:  # an escape or an empty line changed the text here: leave it as YAML made it
            continue
        cut = at + len(before[-8:])
        value = value[:cut] + value[cut + 1 :]
        cursor = cut
    return value


def _no_space_between(left: str, right: str) -> bool:
    """Two characters a line break joins: no space between CJK characters, nor beside CJK punctuation.

    Curly quotes, dashes and ellipses serve Chinese text as well as English: beside a CJK
    character they are Chinese punctuation.
    """
    punctuation = _FULL_WIDTH_PUNCTUATION.match(left) or _FULL_WIDTH_PUNCTUATION.match(right)
    chinese_context = (is_cjk(left) or left in _SHARED_PUNCTUATION) and (is_cjk(right) or right in _SHARED_PUNCTUATION)
    return bool(punctuation or (chinese_context and (is_cjk(left) or is_cjk(right))))

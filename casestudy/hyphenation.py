"""Hyphenation by the dictionary of the outline's language: pyphen's patterns, as WeasyPrint uses them.

Narrow table columns meet words longer than a line. A renderer that hyphenates by itself
(reportlab, given `dictionary`) breaks them where the dictionary allows; for one that does not
(Word's fixed-width columns), `soft_hyphens` marks those places with U+00AD, so the word breaks
there and shows a hyphen instead of being cut wherever the column ends.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W\d_]{5,}")  # letters only: numbers, codes and URLs are not hyphenated


def dictionary(language: str) -> str | None:
    """The pyphen dictionary for a language tag ("en", "en-GB", "zh-Hans"), or None where there is none."""
    return pyphen.language_fallback(language.replace("-", "_"))


@lru_cache(maxsize=8)
def _hyphenator(language: str) -> pyphen.Pyphen | None:
    name = dictionary(language)
    return pyphen.Pyphen(lang=name) if name else None


def soft_hyphens(text: str, language: str, longest: int) -> str:
    """`text` with soft hyphens at the dictionary's break points of every word over `longest` characters."""
    hyphenator = _hyphenator(language)
    if hyphenator is None:
        return text
    return _WORD.sub(lambda m: hyphenator.inserted(m[0], SOFT_HYPHEN) if len(m[0]) > longest else m[0], text)

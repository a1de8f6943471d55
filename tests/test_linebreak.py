"""Line breaks by the rules: UAX #14, clreq's kinsoku, numbers with their units, phrases kept whole."""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from uniseg.linebreak import line_break_boundaries

from casestudy import linebreak
from casestudy.linebreak import NO_LINE_END, NO_LINE_START, breaks, fill
from casestudy.resources import default_outline


def lines(text: str, width: float, phrases: bool = False) -> list[str]:
    """`text` wrapped with CJK characters one unit wide and everything else half."""
    widths = [1.0 if ord(char) >= 0x2E80 else 0.5 for char in text]
    return [text[a:b] for a, b in fill(text, widths, lambda _: width, breaks(text, phrases))]


SENTENCE = (
    "雷军与小米：从智能手机到智能电动汽车，2025 年 4 月将目标上调至 350,000 辆，"
    "约 41.7 万；2007—2010 年（天使投资人）。"
)


def test_no_line_starts_with_closing_punctuation_nor_ends_with_an_opening_bracket():
    for width in range(4, 16):
        for phrases in (False, True):
            for line in lines(SENTENCE, width, phrases):
                assert line[0] not in NO_LINE_START and line[-1] not in NO_LINE_END, (width, line)


def test_numbers_stay_whole_and_with_their_units():
    for width in range(7, 16):  # the widest of them, "350,000 辆，", is six units
        joined = "\n".join(lines(SENTENCE, width))
        for whole in ("2025 年", "4 月", "350,000 辆", "41.7 万", "2007—2010 年"):
            assert whole in joined, (width, whole, joined)


def test_phrases_keep_words_whole_where_a_line_can_end_between_them():
    assert lines("智能电动汽车", 3.5, phrases=True) == ["智能", "电动", "汽车"]
    assert lines("智能电动汽车", 3.5) == ["智能电", "动汽车"]


def test_a_glued_offset_never_breaks():
    text = "开始交易23。"
    assert 4 in breaks(text).allowed
    assert 4 not in breaks(text, glued=[4]).allowed


def test_english_breaks_at_spaces_and_after_hyphens():
    assert lines("a well-known fact", 5) == ["a well-", "known fact"]


def test_a_word_wider_than_the_line_is_cut_where_it_breaks_the_fewest_rules():
    assert lines("“ABCDEFGH”", 2) == ["“ABC", "DEFG", "H”"]


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_breaks_found_word_by_word_are_unisegs_on_the_shipped_english_outlines():
    outlines = (default_outline(), default_outline().parent / "examples" / "board-retreat.yaml")
    texts = {text for path in outlines for text in _texts(yaml.safe_load(path.read_text(encoding="utf-8")))}
    assert len(texts) > 500
    assert [t for t in sorted(texts) if linebreak.unicode_breaks(t) != list(line_break_boundaries(t))] == []


# characters of every line-break class that matters beside a space
ALPHABET = "abZ09 ,.;:!?%()[]{}\"'“”‘’-/—$+#&*@_~|«»·…\t\u00a0\u0301\u200b\u2060智能。，（）、"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_breaks_found_word_by_word_are_unisegs_on_any_text(text):
    assert linebreak.unicode_breaks(text) == list(line_break_boundaries(text))

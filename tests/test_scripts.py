"""Writing systems at load time: YAML line folds inside Chinese, word counts and widths for limits."""

from __future__ import annotations

import pytest
from conftest import MINIMAL_CASE

from casestudy.errors import OutlineError
from casestudy.loader import load_outline
from casestudy.scripts import count_words, display_width, join_folded_lines


def load_with(tmp_path, old: str, new: str):
    assert old in MINIMAL_CASE
    (tmp_path / "case.yaml").write_text(MINIMAL_CASE.replace(old, new, 1), encoding="utf-8")
    return load_outline(tmp_path / "case.yaml").case


@pytest.mark.parametrize(
    "written, read",
    [
        (">-\n        小米于 2010 年\n        成立，总部在北京。\n", "小米于 2010 年成立，总部在北京。"),
        (">-\n        雷军宣布：小米\n        将造车。\n", "雷军宣布：小米将造车。"),
        ("\n        雷军宣布，\n        小米将造车。\n", "雷军宣布，小米将造车。"),  # a plain scalar folds too
        ('"雷军宣布，\n        小米将造车。"\n', "雷军宣布，小米将造车。"),  # and a double-quoted one
        (">-\n        工信部叫停\n        “智能驾驶”等用语。\n", "工信部叫停“智能驾驶”等用语。"),
        (">-\n        小米的\n        SU7 轿车\n", "小米的 SU7 轿车"),  # Chinese beside Latin keeps its space
        (">-\n        Lei Jun\n        founded Xiaomi.\n", "Lei Jun founded Xiaomi."),
        ("|-\n        第一行\n        第二行\n", "第一行\n第二行"),  # a literal block keeps its line breaks
        (">-\n        小米\n\n        成立\n", "小米\n成立"),  # an empty line is a paragraph break, not a fold
    ],
    ids=["folded", "colon", "plain", "double-quoted", "curly-quotes", "latin-neighbour", "english", "literal", "blank"],
)
def test_a_line_fold_between_chinese_characters_adds_no_space(tmp_path, written, read):
    case = load_with(tmp_path, "      - Text [@src].\n", f"      - {written}")
    assert case.sections[0].paragraphs[0].plain == read


def test_only_the_folds_lose_their_space():
    raw = ">-\n  甲 乙丙\n  丁戊"  # the space written between 甲 and 乙 is the author's
    assert join_folded_lines(raw, "甲 乙丙 丁戊") == "甲 乙丙丁戊"


@pytest.mark.parametrize(
    "text, words",
    [
        ("Lei Jun founded Xiaomi in 2010.", 6),
        ("雷军创办小米", 3),  # six characters, two a word
        ("雷军，创办小米。", 3),  # punctuation is not a word
        ("小米 SU7 上市", 3),  # 4 characters and one Latin word
    ],
)
def test_words_count_chinese_at_two_characters_a_word(text, words):
    assert count_words(text) == words


def test_a_chinese_summary_of_natural_length_is_accepted_and_a_short_one_is_not(tmp_path):
    summary = "雷军" * 150  # 300 characters: 150 words
    assert load_with(tmp_path, f"summary: {' '.join(['word'] * 130)}", f"summary: {summary}").summary
    with pytest.raises(OutlineError, match=r"the summary has 85 words \(Chinese and Japanese text at 2 characters"):
        load_with(tmp_path, f"summary: {' '.join(['word'] * 130)}", f"summary: {'雷军' * 85}")


def test_titles_are_bounded_by_width_so_a_chinese_title_holds_half_as_many_characters(tmp_path):
    assert display_width("小米 SU7") == 8
    assert load_with(tmp_path, "title: Case", f"title: {'小米' * 50}").meta.title  # 100 characters, 200 wide
    with pytest.raises(OutlineError, match="at most 200 characters, each Chinese, Japanese or Korean character"):
        load_with(tmp_path, "title: Case", f"title: {'小米' * 51}")

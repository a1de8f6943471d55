"""The Markdown export: the case's words, tables and slide structure, and text that stays literal."""

from __future__ import annotations

import re
import shutil
import string
import subprocess
from pathlib import Path

import pytest
from conftest import LONG_WORD, MARKUP_TEXT, TITLE_WORD
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from casestudy.cli import main
from casestudy.renderers.markdown import escape, inline, to_markdown
from casestudy.resolve import ResolvedCase

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed (bench/run installs it)")
CURLY = str.maketrans("‘’“”", "''\"\"")  # pandoc's `smart` extension curls straight quotes


@pytest.fixture(scope="module")
def participant(resolved_default: ResolvedCase) -> str:
    return to_markdown(resolved_default)


@pytest.fixture(scope="module")
def instructor(resolved_instructor: ResolvedCase) -> str:
    return to_markdown(resolved_instructor)


@pytest.fixture(scope="module")
def stressed(stress_instructor: ResolvedCase) -> tuple[ResolvedCase, str]:
    """The stress outline (markup-like text, a 400-character word, 60 milestones) and its instructor Markdown."""
    return stress_instructor, to_markdown(stress_instructor)


def pandoc(markdown: str, *args: str) -> str:
    return subprocess.run(
        [PANDOC, "-f", "markdown", *args], input=markdown, capture_output=True, text=True, check=True
    ).stdout


def headings(markdown: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", markdown, flags=re.MULTILINE)


def in_order(wanted: list[str], found: list[str]) -> bool:
    """Whether `wanted` occurs in `found` in this order (other items may come between)."""
    rest = iter(found)
    return all(item in rest for item in wanted)


# ---------------------------------------------------------------- content and order


def test_every_part_is_a_slide_heading_in_reading_order(resolved_default, participant):
    case = resolved_default.case
    found = headings(participant, 2)
    wanted = [resolved_default.label("summary")]
    wanted += [escape(section.heading) for section in case.sections]
    wanted += [escape(resolved_default.decision_heading()), resolved_default.label("sources")]
    assert in_order(wanted, found)
    assert [e.number for e in resolved_default.exhibits] == list(range(1, len(resolved_default.exhibits) + 1))
    exhibit_headings = [h for h in found if h.startswith(resolved_default.label("exhibit", n=""))]
    assert exhibit_headings == [f"{escape(e.label)}: {escape(e.title)}" for e in resolved_default.exhibits]


def test_each_exhibit_follows_the_section_that_presents_it(resolved_default, participant):
    for exhibit in resolved_default.exhibits:
        if exhibit.section:
            section = next(s for s in resolved_default.case.sections if s.id == exhibit.section)
            found = headings(participant, 2)
            at = found.index(escape(section.heading))
            assert f"{escape(exhibit.label)}: {escape(exhibit.title)}" in found[at + 1 : at + 4]


def test_questions_and_lessons_carry_their_words(resolved_default, participant, resolved_instructor, instructor):
    """The questions for everyone; the lessons as the instructor's takeaways (the case keeps them for after class)."""
    case = resolved_default.case
    plain = pandoc(participant, "-t", "plain", "--wrap=none").translate(CURLY)
    for question in case.questions:
        assert resolved_default.plain(question.question) in plain
        for prompt in question.prompts:
            assert resolved_default.plain(prompt) in plain
    takeaways = pandoc(instructor, "-t", "plain", "--wrap=none").translate(CURLY)
    for lesson in case.lessons:
        assert resolved_default.plain(lesson.reflection) not in plain
        assert resolved_instructor.plain(lesson.reflection) in takeaways
    assert resolved_default.plain(case.summary) in plain


def test_citations_print_their_endnote_numbers(resolved_default, participant):
    endnotes = re.findall(r"^- \\\[(\d+)\\\] ", participant, flags=re.MULTILINE)
    assert [int(n) for n in endnotes] == list(range(1, len(resolved_default.endnotes) + 1))
    cited = next(p for s in resolved_default.case.sections for p in s.paragraphs if any(x.cites for x in p.spans))
    marker = resolved_default.cite_label(next(x.cites for x in cited.spans if x.cites))
    assert escape(marker) in participant
    first = resolved_default.endnotes[0]
    assert f"- \\[1\\] {escape(resolved_default.source_reference(first))}" in participant


def test_tables_hold_one_row_per_item(resolved_default, participant):
    case = resolved_default.case
    rows = [line for line in participant.splitlines() if line.startswith("| ")]
    if case.journey:
        dates = [line for line in rows if re.match(r"^\| \d{4}(-\d\d){0,2} \|", line)]
        assert len(dates) == len(case.journey)
    if case.comparison:
        header = (
            "| "
            + " | ".join([resolved_default.label("comparison")] + [escape(e.name) for e in case.comparison.entities])
            + " |"
        )
        at = rows.index(header)
        assert len(rows[at + 2 : at + 2 + len(case.comparison.metrics)]) == len(case.comparison.metrics)
        assert rows[at + 2].startswith(f"| {escape(case.comparison.metrics[0].label)}")


def test_instructor_material_only_in_the_instructor_edition(
    resolved_default, resolved_instructor, participant, instructor
):
    note = resolved_default.label("teaching_note")
    answers = resolved_default.label("suggested_answers")
    assert f"# {note}" in instructor and f"# {note}" not in participant
    assert answers in instructor and answers not in participant
    points = [p for q in resolved_default.case.questions for p in q.answer_points]
    assert points, "the default case should show suggested answers"
    objectives = resolved_default.case.teaching_note.objectives
    assert objectives and all(resolved_default.plain(o) not in participant for o in objectives)
    assert all(f"- {inline(resolved_instructor, o)}" in instructor for o in objectives)
    for point in points:
        assert f"- {inline(resolved_instructor, point)}" in instructor
        assert resolved_default.plain(point) not in participant


def test_front_matter_gives_title_authors_date_and_language(resolved_default, participant):
    meta = resolved_default.case.meta
    block = participant.split("\n---\n", 1)[0]
    assert block.startswith("---\n")
    assert f'date: "{meta.date.isoformat()}"' in block and f'lang: "{meta.language}"' in block
    assert all(escape(author) in block for author in meta.authors)


# ---------------------------------------------------------------- slide structure


def test_every_group_heading_is_followed_by_a_slide_heading(participant, instructor):
    """pandoc then takes level 2 as the slide level: each `##` is one slide."""
    for markdown in (participant, instructor):
        blocks = [b for b in markdown.split("\n\n") if b.strip()]
        for this, following in zip(blocks, blocks[1:], strict=False):
            if this.startswith("# "):
                assert following.startswith("## "), this


@needs_pandoc
def test_pandoc_makes_one_slide_per_heading(tmp_path, resolved_default, participant):
    deck = tmp_path / "case.pptx"
    subprocess.run(
        [PANDOC, "-f", "markdown", "-t", "pptx", "-o", deck], input=participant, text=True, check=True, cwd=tmp_path
    )
    slides = list(Presentation(deck).slides)
    groups, slide_headings = headings(participant, 1), headings(participant, 2)
    assert len(slides) == 1 + len(groups) + len(slide_headings)
    titles = [s.shapes.title.text for s in slides if s.shapes.title is not None]
    assert titles[0] == resolved_default.case.meta.title
    first_exhibit = resolved_default.exhibits[0]
    assert f"{first_exhibit.label}: {first_exhibit.title}".translate(CURLY) in [t.translate(CURLY) for t in titles]


# ---------------------------------------------------------------- literal text


ESCAPES = [
    ("markup", "R&D <b>not bold</b> 50% {x}", r"R&D \<b>not bold\</b> 50% \{x}"),
    ("emphasis", "*a* _b_ **c**", r"\*a\* \_b\_ \*\*c\*\*"),
    ("table-and-heading", "#1 | a | b", r"\#1 \| a \| b"),
    ("code-link-math", "`x` [y](z) $5 ~a~ ^b^ @c", r"\`x\` \[y\](z) \$5 \~a\~ \^b\^ \@c"),
    ("entity", "&amp; &#123; AT&T", r"\&amp; &\#123; AT&T"),
    ("dashes", "a -- b --- c", r"a -\- b -\-\- c"),
    ("whitespace", "two  spaces\nand a line", "two spaces and a line"),
    ("cjk-emoji", "雷军 小米 🚗 café", "雷军 小米 🚗 café"),
]


@pytest.mark.parametrize("text, expected", [(t, e) for _, t, e in ESCAPES], ids=[i for i, _, _ in ESCAPES])
def test_escape(text, expected):
    assert escape(text) == expected


@needs_pandoc
@pytest.mark.parametrize("text", [t for _, t, _ in ESCAPES] + ["1. not a list", "- not a bullet", "> not a quote"])
def test_pandoc_prints_escaped_text_literally(text):
    from casestudy.renderers.markdown import _block_start

    markdown = f"{_block_start(escape(text))}\n\n| a | b |\n|---|---|\n| {escape(text)} | x |\n\n## {escape(text)}\n"
    html = pandoc(markdown, "-t", "plain", "--wrap=none")
    expected = " ".join(text.split())
    assert html.count(expected) == 3, html


@needs_pandoc
@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(string.ascii_letters[:6] + string.punctuation + " 1.雷🚗é"), min_size=1))
def test_any_text_prints_literally_through_pandoc(text):
    """Whatever characters a field holds, pandoc prints them back (its `smart` typography switched off)."""
    expected = " ".join(text.split())
    assume(expected)
    from casestudy.renderers.markdown import _block_start

    markdown = f"First paragraph.\n\n{_block_start(escape(text))}\n\n## {escape(text)}\n"
    out = subprocess.run(
        [PANDOC, "-f", "markdown-smart", "-t", "plain", "--wrap=none"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert [block.strip() for block in out.split("\n\n")[1:3]] == [expected, expected]


@needs_pandoc
def test_stress_outline_text_comes_through_literally(stressed):
    resolved, markdown = stressed
    plain = pandoc(markdown, "-t", "plain", "--wrap=none").translate(CURLY)
    assert f"Lesson 3: {MARKUP_TEXT} {TITLE_WORD}" in plain
    assert f"{MARKUP_TEXT} {LONG_WORD}?" in plain
    assert plain.count(MARKUP_TEXT) >= 150
    assert len(re.findall(r"^\| \d{4} \|", markdown, flags=re.MULTILINE)) == 60


@needs_pandoc
def test_stress_outline_html_has_no_markup_from_user_text(stressed):
    _, markdown = stressed
    html = pandoc(markdown, "-t", "html")
    assert "<b>not bold</b>" not in html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html


# ---------------------------------------------------------------- command line


def test_cli_writes_the_file_or_standard_output(tmp_path, capsys, resolved_default, resolved_instructor):
    target = tmp_path / "site" / "case.md"
    assert main(["export", "markdown", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == to_markdown(resolved_default, base=target.parent)
    assert main(["export", "markdown", "--edition", "instructor"]) == 0
    out = capsys.readouterr().out
    assert out == to_markdown(resolved_instructor, base=Path.cwd())


def test_cli_rejects_an_unknown_export_format(capsys):
    assert main(["export", "html"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_build_writes_markdown_as_a_format_of_the_table(tmp_path, resolved_default, resolved_instructor):
    """`--format markdown` is the same writer as the export, beside the other documents."""
    out = tmp_path / "build"
    assert main(["build", "--format", "markdown", "--edition", "both", "--out", str(out), "--jobs", "1"]) == 0
    assert (out / "lei-jun-xiaomi.md").read_text(encoding="utf-8") == to_markdown(resolved_default, base=out)
    instructor = (out / "lei-jun-xiaomi-instructor.md").read_text(encoding="utf-8")
    assert instructor == to_markdown(resolved_instructor, base=out)

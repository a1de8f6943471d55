"""The documents show a teaching case (issue 14), read back from each one's real text.

The participant case is dated, ends on the decision and keeps its conclusions for after class;
instructor material (objectives, timings, answers, the epilogue and its sources, the magazine
profile) is in the instructor editions only. PDF through pypdf, the handout through python-docx,
the Markdown as written.
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph
from layout import lines
from test_default_case import ASIDES

from casestudy.build import load_editions
from casestudy.model import InlineText
from casestudy.options import EDITIONS, RenderOptions
from casestudy.renderers import FORMATS, get_renderer
from casestudy.renderers.pdf.styles import BODY_SIZE, MARGIN
from casestudy.resolve import ResolvedCase

CASE_TEXT_PAGES = 8  # the limit for the participant case, without cover, contents, exhibits and notes
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"-\s+", "-", text)).strip()


def opening(text: InlineText, words: int = 6) -> str:
    """The first words of a text, before any citation marker interrupts it."""
    before = text.source.split("[@")[0]
    return " ".join(before.split()[:words])


def render(resolved: ResolvedCase, fmt: str) -> bytes:
    out = io.BytesIO()
    get_renderer(fmt)(resolved, out, RenderOptions(resolved.edition))
    return out.getvalue()


class Pdf:
    """A rendered PDF: its pages' text, the lines of each page, its bookmarks."""

    def __init__(self, data: bytes) -> None:
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data))
        self.pages = [squash(page.extract_text()) for page in reader.pages]
        self.text = " ".join(self.pages)
        self.lines = lines(data)
        self.height = float(reader.pages[0].mediabox.height)
        self.bookmarks = [item.title for item in _flatten(reader.outline)]

    def page_of(self, words: str, start: int = 0) -> int:
        """The 0-based index of the first page from `start` holding `words`."""
        return next(i for i in range(start, len(self.pages)) if squash(words) in self.pages[i])

    def carries_case_text(self, page: int) -> bool:
        """Whether the page holds running text (serif at body size), not only exhibits and headings."""
        body = [line for line in self.lines[page] if MARGIN["bottom"] < line.y < self.height - MARGIN["top"]]
        return any(not line.sans and line.size >= BODY_SIZE - 0.1 for line in body)


def _flatten(outline: list) -> list:
    return [x for item in outline for x in (_flatten(item) if isinstance(item, list) else [item])]


@pytest.fixture(scope="module")
def editions(resolved_default, resolved_instructor) -> dict[str, ResolvedCase]:
    return {"participant": resolved_default, "instructor": resolved_instructor}


@pytest.fixture(scope="module")
def pdf(editions) -> dict[str, Pdf]:
    return {edition: Pdf(render(resolved, "pdf")) for edition, resolved in editions.items()}


@pytest.fixture(scope="module")
def handout(editions) -> dict[str, docx.document.Document]:
    return {edition: docx.Document(io.BytesIO(render(resolved, "docx"))) for edition, resolved in editions.items()}


@pytest.fixture(scope="module")
def markdown(editions) -> dict[str, str]:
    return {edition: render(resolved, "markdown").decode("utf-8") for edition, resolved in editions.items()}


# ---------------------------------------------------------------- the participant case (PDF)


def test_the_participant_case_text_is_at_most_eight_pages_and_ends_with_the_decision(pdf, resolved_default):
    doc, decision = pdf["participant"], resolved_default.case.decision
    start = doc.page_of(resolved_default.label("summary"), 2)
    end = doc.page_of(opening(decision.constraints[-1]), start)
    text_pages = [page for page in range(start, end + 1) if doc.carries_case_text(page)]
    assert len(text_pages) <= CASE_TEXT_PAGES, text_pages
    text = " ".join(doc.pages[start:])  # after the contents, which name the decision too
    after = text.index(squash(opening(decision.constraints[-1])))
    headings = [squash(resolved_default.decision_heading()), resolved_default.label("questions")]
    assert text.index(headings[0]) < after < text.index(headings[1], after)
    for section in resolved_default.case.sections:  # every section before the decision
        assert text.index(squash(opening(section.paragraphs[0]))) < text.index(headings[0])


def test_the_decision_reads_as_the_cases_end(pdf, resolved_default):
    decision, text = resolved_default.case.decision, pdf["participant"].text
    parts = [resolved_default.decision_heading(), opening(decision.situation[0]), opening(decision.question)]
    parts += [resolved_default.label("decider"), opening(decision.decider), resolved_default.label("deadline")]
    parts += [resolved_default.label("options")]
    parts += [f"{resolved_default.option_number(o)}. {resolved_default.run_in(o.title)}" for o in decision.options]
    parts += [resolved_default.label("constraints"), *(opening(c) for c in decision.constraints)]
    found = [text.find(squash(part)) for part in parts]
    assert -1 not in found and found == sorted(found), list(zip(parts, found, strict=True))
    assert resolved_default.decision_heading() in pdf["participant"].bookmarks


def test_the_participant_case_keeps_its_lessons_for_after_class(pdf, resolved_default):
    doc = pdf["participant"]
    assert resolved_default.label("lessons") not in doc.text
    assert resolved_default.label("lessons") not in doc.bookmarks
    assert not any(squash(lesson.title) in doc.text for lesson in resolved_default.case.lessons)
    assert not any(squash(opening(lesson.reflection)) in doc.text for lesson in resolved_default.case.lessons)


def test_the_participant_case_has_no_author_asides_and_no_instructor_material(pdf, resolved_default):
    text = pdf["participant"].text.lower()
    assert not [aside for aside in ASIDES if aside in text]
    assert "magazine profile" not in text
    note = resolved_default.case.teaching_note
    for part in (*note.objectives, *note.epilogue):
        assert squash(opening(part)).lower() not in text
    assert not re.search(r"\(\d+ min\)", pdf["participant"].text)  # no question timings


def test_every_source_the_participant_case_lists_has_a_url_or_says_why_not(pdf, resolved_default):
    text = pdf["participant"].text
    listed = text[text.rindex(resolved_default.label("sources")) :]
    for number, source in resolved_default.numbered_endnotes():
        assert source.url or source.note, source.id
        entry = listed[listed.index(f"{number}. ") :]
        entry = entry[: entry.find(f" {number + 1}. ")] if number < len(resolved_default.endnotes) else entry
        if source.url:
            assert "http" in entry.replace(" ", ""), (number, entry)
        else:
            assert squash(source.note)[:40] in entry, (number, entry)
    assert f" {len(resolved_default.endnotes) + 1}. " not in listed


def test_the_cover_and_the_summary_say_when_the_case_is_set(pdf, resolved_default):
    set_in = resolved_default.set_in()
    assert set_in == "Set in April 2025"
    doc = pdf["participant"]
    assert set_in in doc.pages[0]
    summary = doc.page_of(resolved_default.label("summary"), 2)
    assert set_in in doc.pages[summary]


# ---------------------------------------------------------------- the instructor PDF


def test_the_instructor_pdf_has_the_epilogue_with_its_sources(pdf, resolved_instructor):
    doc, epilogue = pdf["instructor"], resolved_instructor.case.teaching_note.epilogue
    heading = doc.text.index(resolved_instructor.label("epilogue"))
    assert heading > doc.text.index(resolved_instructor.label("teaching_note") + " ")
    for paragraph in epilogue:
        marker = resolved_instructor.note_numbers(tuple(i for span in paragraph.spans for i in span.cites))
        assert marker and squash(opening(paragraph)) in doc.text[heading:]
        for number in marker:  # each source the epilogue cites is listed under its number
            source = resolved_instructor.endnotes[number - 1]
            assert f"{number}. {squash(resolved_instructor.source_reference(source))[:50]}" in doc.text


def test_the_instructor_pdf_has_one_list_of_objectives_and_the_question_timings(pdf, resolved_instructor):
    doc, case = pdf["instructor"], resolved_instructor.case
    assert doc.text.count(resolved_instructor.label("objectives")) == 1
    for objective in case.teaching_note.objectives:
        assert doc.text.count(squash(opening(objective, 8))) == 1
    for question in case.questions:
        minutes = resolved_instructor.label("minutes", n=question.minutes).replace(" ", "\u00a0")
        assert f"({minutes})" in doc.text or f"({minutes.replace(chr(160), ' ')})" in doc.text


def test_the_instructor_pdf_gives_the_lessons_as_takeaways_in_the_teaching_note(pdf, resolved_instructor):
    doc = pdf["instructor"]
    takeaways = doc.text.index(resolved_instructor.label("takeaways"))
    assert takeaways > doc.text.index(resolved_instructor.label("suggested_answers"))
    assert all(squash(lesson.title) in doc.text[takeaways:] for lesson in resolved_instructor.case.lessons)
    assert resolved_instructor.label("lessons") not in doc.bookmarks


def test_a_briefing_prints_its_lessons_in_the_participant_case(write_variant):
    path = write_variant(lambda data: data["meta"].update(lessons_in_case=True))
    participant, instructor = (load_editions(path, EDITIONS)[e] for e in EDITIONS)
    participant_pdf, instructor_pdf = Pdf(render(participant, "pdf")), Pdf(render(instructor, "pdf"))
    assert participant.label("lessons") in participant_pdf.bookmarks
    assert all(squash(lesson.title) in participant_pdf.text for lesson in participant.case.lessons)
    assert instructor.label("takeaways") not in instructor_pdf.text  # once is enough: they are in the case


# ---------------------------------------------------------------- the handout


def blocks(document) -> list[Paragraph | Table]:
    kinds = {f"{W}p": Paragraph, f"{W}tbl": Table}
    return [kinds[child.tag](child, document) for child in document.element.body if child.tag in kinds]


def test_the_handout_ends_the_case_on_the_decision_with_a_space_for_a_recommendation(handout, resolved_default):
    order = blocks(handout["participant"])
    texts = [b.text if isinstance(b, Paragraph) else None for b in order]
    decision = texts.index(resolved_default.decision_heading())
    assert order[decision].style.name == "Heading 1"
    label = texts.index(resolved_default.label("your_recommendation"), decision)
    box = order[label + 2]
    assert isinstance(box, Table) and box.style.name == "Writing Space" and not box.rows[0].cells[0].text
    between = " ".join(t for t in texts[decision:label] if t)
    for option in resolved_default.case.decision.options:
        assert f"{resolved_default.option_number(option)}.\t{resolved_default.run_in(option.title)}" in between
    assert texts.index(resolved_default.label("lessons")) > label  # the lessons, with their spaces, after it


def test_the_handout_says_when_the_case_is_set_under_its_summary(handout, resolved_default):
    texts = [p.text for p in handout["participant"].paragraphs]
    assert texts[texts.index(resolved_default.label("summary")) + 1] == resolved_default.set_in()


def test_the_instructor_handout_alone_has_objectives_timings_and_the_epilogue(handout, editions):
    instructor, participant = ("\n".join(p.text for p in handout[e].paragraphs) for e in ("instructor", "participant"))
    resolved = editions["instructor"]
    epilogue = resolved.case.teaching_note.epilogue
    assert resolved.label("epilogue") in instructor and resolved.label("epilogue") not in participant
    assert all(squash(opening(p)) in squash(instructor) for p in epilogue)
    assert instructor.count(resolved.label("objectives")) == 1
    assert re.search(r"\(\d+ min\)", instructor) and not re.search(r"\(\d+ min\)", participant)
    assert "magazine profile" not in participant.lower() and "Business magazine profile" in instructor


# ---------------------------------------------------------------- the Markdown export


def test_the_markdown_case_is_dated_and_ends_on_the_decision(markdown, resolved_default):
    text = markdown["participant"]
    assert f"*{resolved_default.set_in()}*" in text
    decision = text.index(f"## {resolved_default.decision_heading()}")
    assert decision > text.index(f"## {resolved_default.case.sections[-1].heading}")
    for option in resolved_default.case.decision.options:
        assert f"{resolved_default.option_number(option)}. **{resolved_default.run_in(option.title).strip()}** " in text
    assert resolved_default.label("lessons") not in text and resolved_default.label("epilogue") not in text
    assert not re.search(r"\(\d+ min\)", text)


def test_the_markdown_instructor_edition_has_the_epilogue_takeaways_and_timings(markdown, resolved_instructor):
    text = markdown["instructor"]
    epilogue = text.index(f"## {resolved_instructor.label('epilogue')}")
    assert all(squash(opening(p)) in text[epilogue:] for p in resolved_instructor.case.teaching_note.epilogue)
    assert f"# {resolved_instructor.label('takeaways')}" in text
    assert re.search(r"\(\d+ min\)", text) and text.count(resolved_instructor.label("objectives")) == 1


# ---------------------------------------------------------------- any outline


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_outline_without_a_decision_still_builds(write_variant, fmt):
    path = write_variant(lambda data: data.pop("decision"))
    for resolved in load_editions(path, EDITIONS).values():
        assert render(resolved, fmt)

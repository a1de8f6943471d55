"""Every format shows, per edition, the same sources under the same numbers, and the quotes its rule says.

One contract over the four writers, each document reopened in its own reader: the endnote lists
must be the edition's resolved list (numbers 1..N without gaps, the same words), and each format
prints exactly the quotes `QUOTE_RULES` gives it.
"""

from __future__ import annotations

import io
import re

import docx
import pypdf
import pytest
from pptx import Presentation

from casestudy.options import EDITIONS, RenderOptions
from casestudy.renderers import FORMATS, get_renderer
from casestudy.renderers.markdown import escape
from casestudy.resolve import JOURNEY_DRAWN, LESSONS_IN_CLASS, QUOTE_RULES, ResolvedCase


def squash(text: str) -> str:
    """Whitespace collapsed, none after a hyphen: lines wrap differently in every format."""
    return re.sub(r"\s+", " ", re.sub(r"-\s+", "-", text)).strip()


class Document:
    """A rendered document's visible text, its endnotes as {number: reference}, and a deck's speaker notes."""

    def __init__(self, fmt: str, data: bytes, resolved: ResolvedCase) -> None:
        self.fmt = fmt
        self.text, self.notes = getattr(self, f"_read_{fmt}")(data, resolved)
        self.speaker = ""
        if fmt == "pptx":
            deck = Presentation(io.BytesIO(data))
            self.speaker = squash(" ".join(s.notes_slide.notes_text_frame.text for s in deck.slides))

    @staticmethod
    def _read_pdf(data: bytes, resolved: ResolvedCase) -> tuple[str, dict[int, str]]:
        reader = pypdf.PdfReader(io.BytesIO(data))
        text = squash(" ".join(page.extract_text() for page in reader.pages))
        listed = text[text.rindex(resolved.label("sources")) :]  # the last such heading: the endnotes
        starts = []  # each endnote starts "N. ", N counting up from 1
        while m := re.compile(rf"(?<!\S){len(starts) + 1}\. ").search(listed, starts[-1][1] if starts else 0):
            starts.append((m.start(), m.end()))
        ends = [start for start, _ in starts[1:]] + [len(listed)]
        return text, {n: listed[body:end] for n, ((_, body), end) in enumerate(zip(starts, ends, strict=True), start=1)}

    @staticmethod
    def _read_pptx(data: bytes, resolved: ResolvedCase) -> tuple[str, dict[int, str]]:
        deck = Presentation(io.BytesIO(data))
        lines = [p.text for s in deck.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
        continued = f"{resolved.label('sources')} ({resolved.label('continued')})"
        entries: list[str] = []  # a note the deck continues on the next slide goes on under that slide's title
        for line, following in zip(lines, [*lines[1:], ""], strict=True):
            if re.match(r"^\[\d+\] ", line):
                entries.append(line)
            elif line == continued and entries and not re.match(r"^\[\d+\] ", following):
                entries[-1] += " " + following
        notes = {}
        for entry in entries:
            m = re.match(r"^\[(\d+)\] (.+?)(?: https?://\S+)?$", entry)
            notes[int(m.group(1))] = m.group(2)
        return squash(" ".join(lines)), notes

    @staticmethod
    def _read_docx(data: bytes, resolved: ResolvedCase) -> tuple[str, dict[int, str]]:
        document = docx.Document(io.BytesIO(data))
        notes = {}
        for paragraph in document.paragraphs:
            if paragraph.style.name == "Reference":
                number, words = re.match(r"^\[(\d+)\]\t(.+?)(?: \(accessed [\d-]+\))?$", paragraph.text).groups()
                notes[int(number)] = words
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return squash(" ".join([p.text for p in document.paragraphs] + cells)), notes

    @staticmethod
    def _read_markdown(data: bytes, resolved: ResolvedCase) -> tuple[str, dict[int, str]]:
        text = data.decode("utf-8")
        notes = {}
        for line in text.splitlines():
            if m := re.match(r"^- \\\[(\d+)\\\] (.+?)(?: <\S+>)?(?: \(accessed [\d\\-]+\))?$", line):
                notes[int(m.group(1))] = m.group(2)
        return text, notes


@pytest.fixture(scope="module")
def editions(resolved_default: ResolvedCase, resolved_instructor: ResolvedCase) -> dict[str, ResolvedCase]:
    return {"participant": resolved_default, "instructor": resolved_instructor}


@pytest.fixture(scope="module")
def documents(editions) -> dict[tuple[str, str], Document]:
    built = {}
    for edition, resolved in editions.items():
        for fmt in FORMATS:
            out = io.BytesIO()
            get_renderer(fmt)(resolved, out, RenderOptions(edition))
            built[fmt, edition] = Document(fmt, out.getvalue(), resolved)
    return built


def test_every_format_is_covered_by_the_rules():
    for rules in (QUOTE_RULES, JOURNEY_DRAWN, LESSONS_IN_CLASS):
        assert set(rules) == set(FORMATS)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_lists_the_editions_sources_under_their_shared_numbers(documents, editions, fmt, edition):
    resolved = editions[edition]
    expected = {number: resolved.source_reference(s) for number, s in resolved.numbered_endnotes()}
    assert list(expected) == list(range(1, len(resolved.endnotes) + 1))  # no gaps
    shown = escape if fmt == "markdown" else squash
    notes = documents[fmt, edition].notes
    assert sorted(notes) == list(expected)
    for number, words in expected.items():  # the reference, then the URL or access date the format adds
        listed = notes[number]
        if fmt == "pptx" and listed.endswith("…"):  # a long list gets a line each on the slide; whole in its notes
            assert shown(words).startswith(listed.removesuffix("…").rstrip()), (number, listed)
        else:
            assert listed.startswith(shown(words)), (number, listed)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_participants_never_see_the_magazine_profile_the_instructors_read(documents, editions, fmt):
    """The profile is instructor material: the participant documents neither cite nor list it."""
    profile = next(s for s in editions["instructor"].endnotes if s.id == "article")
    words = squash(profile.title)
    seen = {edition: documents[fmt, edition].text + documents[fmt, edition].speaker for edition in editions}
    assert words in seen["instructor"].replace("\\", "")
    assert words not in seen["participant"].replace("\\", "")  # not even in a deck's speaker notes
    assert "article" not in editions["participant"].citation_numbers


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_prints_the_quotes_its_rule_gives_it_and_no_other(documents, resolved_default, fmt):
    text = documents[fmt, "participant"].text
    shown = {q.id for q in resolved_default.quotes_for(fmt).all}
    assert shown, "every rule shows some quote of the default case"
    for quote in resolved_default.case.quotes:
        words = escape(quote.text) if fmt == "markdown" else squash(quote.text)
        assert (words in text) == (quote.id in shown), (quote.id, fmt)


def test_the_rules_differ_where_they_say(resolved_default):
    pdf, deck, handout = (resolved_default.quotes_for(fmt) for fmt in ("pdf", "pptx", "docx"))
    pulled = {s.pull_quote for s in resolved_default.case.sections if s.pull_quote}
    beside_text = {s.pull_quote for s in resolved_default.case.sections if s.pull_quote and not s.exhibit}
    assert {q.id for q in pdf.all} >= pulled
    assert {q.id for q in deck.all} == beside_text  # the deck: a quote is a slide's evidence where no exhibit is
    assert {q.id for q in pdf.all} == {q.id for q in resolved_default.case.quotes}  # the case: all of them
    assert handout.all == (resolved_default.case.quotes[0],)  # the handout: the epigraph

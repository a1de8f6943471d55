"""Every format shows the same sources under the same numbers, and the quotes its rule says.

One contract over the four writers, each document reopened in its own reader: the endnote lists
must be the resolved list (every source, numbers 1..N without gaps, the same words; the participant
deck only those its parts cite), and each format prints exactly the quotes `QUOTE_RULES` gives it.
"""

from __future__ import annotations

import io
import re

import docx
import pypdf
import pytest
from pptx import Presentation

from casestudy.options import RenderOptions
from casestudy.renderers import FORMATS, get_renderer
from casestudy.renderers.markdown import escape
from casestudy.renderers.pptx.plan import participant_sources
from casestudy.resolve import QUOTE_RULES, ResolvedCase


def squash(text: str) -> str:
    """Whitespace collapsed, none after a hyphen: lines wrap differently in every format."""
    return re.sub(r"\s+", " ", re.sub(r"-\s+", "-", text)).strip()


class Document:
    """A rendered document's visible text, and the endnotes it lists as {number: reference}."""

    def __init__(self, fmt: str, data: bytes, resolved: ResolvedCase) -> None:
        self.fmt = fmt
        self.text, self.notes = getattr(self, f"_read_{fmt}")(data, resolved)

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
        notes = {}
        for line in lines:
            if m := re.match(r"^\[(\d+)\] (.+?)(?: https?://\S+)?$", line):
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
def documents(resolved_default: ResolvedCase) -> dict[str, Document]:
    built = {}
    for fmt in FORMATS:
        out = io.BytesIO()
        get_renderer(fmt)(resolved_default, out, RenderOptions())
        built[fmt] = Document(fmt, out.getvalue(), resolved_default)
    return built


def test_every_format_is_covered_by_the_quote_rules():
    assert set(QUOTE_RULES) == set(FORMATS)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_lists_every_source_under_its_shared_number(documents, resolved_default, fmt):
    expected = {number: resolved_default.source_reference(s) for number, s in resolved_default.numbered_endnotes()}
    assert list(expected) == list(range(1, len(resolved_default.case.sources) + 1))  # no gaps
    if fmt == "pptx":  # the participant deck lists what its parts cite: the epilogue's sources would tell the end
        cited = participant_sources(resolved_default.case)
        expected = {n: words for n, words in expected.items() if resolved_default.endnotes[n - 1].id in cited}
    shown = escape if fmt == "markdown" else squash
    notes = documents[fmt].notes
    assert sorted(notes) == list(expected)
    for number, words in expected.items():  # the reference, then the URL or access date the format adds
        listed = notes[number]
        if fmt == "pptx" and listed.endswith("…"):  # a long list gets a line each on the slide; whole in its notes
            assert shown(words).startswith(listed.removesuffix("…").rstrip()), (number, listed)
        else:
            assert listed.startswith(shown(words)), (number, listed)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_prints_the_quotes_its_rule_gives_it_and_no_other(documents, resolved_default, fmt):
    text = documents[fmt].text
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

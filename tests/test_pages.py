"""Print-grade PDF pages, read back from where the text lands: what a case editor checks before printing.

Every exhibit's title and source line share a page with some of its body, and a page it
continues onto opens with "Exhibit N (continued)"; no page ends with a heading; tables break
between rows, two or more on each side; cell words break at a hyphen; the cover is one page at
the outline's limits; the instructor badge sits inside the printable area.
"""

from __future__ import annotations

import collections
import copy
import io
import re
from pathlib import Path

import pypdf
import pytest
import yaml
from conftest import DEFAULT, stress
from layout import Line, lines
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from casestudy.build import load_editions, load_resolved
from casestudy.options import EDITIONS, RenderOptions
from casestudy.renderers.pdf import render
from casestudy.renderers.pdf.keeping import MIN_ROWS, RowTable
from casestudy.renderers.pdf.styles import BODY_SIZE, MARGIN
from casestudy.resolve import Exhibit, ResolvedCase

EXAMPLE = DEFAULT.parent / "examples" / "board-retreat.yaml"
TITLE_SIZE = 10.5  # the exhibit title; body text in an exhibit (cells, cards, labels, captions) is smaller
HEADING_SIZE = 10.4  # h3 and the exhibit titles; h1 and h2 are larger


class Document:
    """One edition of one outline as a PDF, and the text runs on its pages."""

    def __init__(self, resolved: ResolvedCase, edition: str) -> None:
        buffer = io.BytesIO()
        render(resolved, buffer, RenderOptions(edition=edition))  # type: ignore[arg-type]
        self.resolved, self.edition, self.data = resolved, edition, buffer.getvalue()
        self.pages = lines(self.data)
        self.page_height = float(pypdf.PdfReader(io.BytesIO(self.data)).pages[0].mediabox.height)

    def body(self, page: int) -> list[Line]:
        """The text of a page between its running header and footer."""
        top = self.page_height - MARGIN["top"] + 1
        return [line for line in self.pages[page - 1] if MARGIN["bottom"] - 1 < line.y < top]

    def continued(self, exhibit: Exhibit) -> str:
        return f"{exhibit.label} ({self.resolved.label('continued')})"


def stress_outline_at_limits(tmp_path_factory, default_data) -> Path:
    data = copy.deepcopy(default_data)
    stress(data)
    folder = tmp_path_factory.mktemp("stress-pages")
    (folder / "casestudy.project").write_text("")
    path = folder / "stress.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def outlines(tmp_path_factory, default_data) -> dict[str, Path]:
    return {
        "default": DEFAULT,
        "board-retreat": EXAMPLE,
        "stress": stress_outline_at_limits(tmp_path_factory, default_data),
    }


@pytest.fixture(scope="module")
def documents(outlines) -> dict[tuple[str, str], Document]:
    return {
        (name, edition): Document(resolved, edition)
        for name, path in outlines.items()
        for edition, resolved in load_editions(path, EDITIONS).items()
    }


OUTLINES = ("default", "board-retreat", "stress")
CASES = [(name, edition) for name in OUTLINES for edition in ("participant", "instructor")]
IDS = [f"{name}-{edition}" for name, edition in CASES]


# ---------------------------------------------------------------- exhibits and headings


def exhibit_problems(doc: Document, exhibit: Exhibit) -> list[str]:
    """Where an exhibit's title or source line stands without its body, or a continuation page lacks its caption."""
    runs = [(page, line) for page in range(1, len(doc.pages) + 1) for line in doc.body(page)]
    label = f"{exhibit.label}:"
    titles = (i for i, (_, line) in enumerate(runs) if line.text.startswith(label) and line.size >= TITLE_SIZE)
    title = next(titles, None)
    if title is None:
        return [f"{exhibit.label}: no title"]
    title_page = runs[title][0]
    source = len(runs)
    if exhibit.source_line:
        wanted = exhibit.source_line[:30]
        source = next((i for i in range(title, len(runs)) if runs[i][1].text.startswith(wanted)), None)
        if source is None:
            return [f"{exhibit.label}: no source line"]
    source_page = runs[source][0] if source < len(runs) else title_page
    problems = []
    below_title = [line for page, line in runs[title + 1 : source] if page == title_page and line.size < TITLE_SIZE]
    if not below_title:
        problems.append(f"{exhibit.label}: its title on page {title_page} has none of its body")
    for page in range(title_page + 1, source_page + 1):
        first = doc.body(page)[0].text if doc.body(page) else ""
        if first != doc.continued(exhibit):
            problems.append(f"{exhibit.label}: page {page} continues it but opens with {first!r}")
    if source_page != title_page:
        above = [line for page, line in runs[title:source] if page == source_page]
        if len(above) < 2:  # the caption, then some body
            problems.append(f"{exhibit.label}: its source line on page {source_page} has none of its body")
    return problems


@pytest.mark.parametrize("which", CASES, ids=IDS)
def test_every_exhibit_keeps_its_title_and_source_line_with_its_body(which, documents):
    doc = documents[which]
    problems = [p for exhibit in doc.resolved.exhibits for p in exhibit_problems(doc, exhibit)]
    assert not problems


def first_text_page(doc: Document) -> int:
    """The page the case text starts on (the summary), after the cover and the contents."""
    summary = doc.resolved.label("summary")
    pages = range(2, len(doc.pages) + 1)
    return next(p for p in pages if any(line.text == summary and line.size > 12 for line in doc.body(p)))


def family(line: Line) -> str:
    return line.font.split("-")[0]


def heading_like(line: Line, body: str) -> bool:
    """Set as a heading: large, or at body size in another family or in bold (exhibit titles, h3)."""
    return line.size >= 12 or (line.size >= HEADING_SIZE and (family(line) != body or "Bold" in line.font))


@pytest.mark.parametrize("which", CASES, ids=IDS)
def test_no_page_ends_with_a_heading_or_a_continued_caption(which, documents):
    doc = documents[which]
    runs = [line for page in doc.pages for line in page if abs(line.size - BODY_SIZE) < 0.1]
    body = collections.Counter(family(line) for line in runs).most_common(1)[0][0]
    captions = {doc.continued(exhibit) for exhibit in doc.resolved.exhibits}
    for page in range(first_text_page(doc), len(doc.pages) + 1):
        lowest = doc.body(page)[-1]
        last = [line for line in doc.body(page) if abs(line.y - lowest.y) < 0.5]
        assert not all(heading_like(line, body) for line in last), f"page {page} ends with {lowest.text!r}"
        assert lowest.text not in captions, f"page {page} ends with {lowest.text!r}"


def test_the_journey_is_drawn_once_with_a_chronology_of_the_milestones_with_details(documents):
    doc = documents["default", "participant"]
    text = "\n".join(line.text for page in doc.pages for line in page)
    bare = [m for m in doc.resolved.case.journey if not m.detail]
    assert bare and all(text.count(m.title) <= 1 for m in bare)  # on the timeline only (or wrapped there)
    detailed = [m for m in doc.resolved.case.journey if m.detail]
    assert all(text.count(m.title) == 2 for m in detailed if len(m.title) < 20)  # timeline and chronology


# ---------------------------------------------------------------- tables


def row_table(rows: int) -> RowTable:
    data = [["Header"]] + [[f"Row {i}"] for i in range(rows)]
    return RowTable(data, colWidths=[200], repeatRows=1)


@pytest.mark.parametrize("rows", [3, 4, 5, 9])
@pytest.mark.parametrize("room", [20, 30, 45, 60, 75, 100, 130])
def test_a_table_breaks_between_rows_with_two_on_each_side_and_its_header_repeated(rows, room):
    table = row_table(rows)
    table.wrap(300, 10**6)
    parts = table.split(300, room)
    if not parts:
        return  # the whole table moves on: fine, as long as it never leaves a row alone
    if len(parts) == 1:
        assert parts[0] is table  # it fits
        return
    first, rest = parts
    assert first.body_rows >= MIN_ROWS and rest.body_rows >= MIN_ROWS
    assert first.body_rows + rest.body_rows == rows
    assert rest._cellvalues[0][0] == "Header"  # the header row, repeated


def test_a_table_too_short_to_leave_two_rows_each_side_does_not_break():
    table = row_table(3)
    table.wrap(300, 10**6)
    assert table.split(300, 40) == []


def test_a_table_on_a_page_that_cannot_hold_two_rows_moves_on_whole():
    doc = SimpleDocTemplate(io.BytesIO(), leftMargin=50, rightMargin=50, topMargin=50, bottomMargin=50)
    table = row_table(6)
    doc.build([Spacer(1, doc.height - 30), table])  # room for the header and one row: it all moves on
    assert table.split(300, 30) == []


# ---------------------------------------------------------------- cells, cover, badge


def test_a_word_too_long_for_its_cell_breaks_at_a_hyphen(write_variant):
    word = "Internationalization"

    def long_words(data: dict) -> None:
        first = data["comparison"]["entities"][0]["id"]
        data["comparison"]["metrics"][0]["values"][first] = {"value": "1", "note": f"{word} {word} {word}"}

    doc = Document(load_resolved(write_variant(long_words)), "participant")
    text = "\n".join(line.text for page in doc.pages for line in page)
    assert re.search(r"Inter\w*-\n", text) or re.search(r"\w+-\n\w*ization", text), "no hyphenated break"
    assert not [k for k in range(1, len(word)) if f"{word[:k]}\n{word[k:]}" in text], "a word cut without a hyphen"


@pytest.mark.parametrize("edition", ["participant", "instructor"])
def test_the_cover_is_one_page_at_the_outlines_limits(edition, documents):
    doc = documents["stress", edition]
    meta = doc.resolved.case.meta
    cover = " ".join(line.text for line in doc.pages[0])
    squashed = re.sub(r"\s+", "", cover)
    for text in (meta.title[:30], meta.authors[-1][:30], meta.copyright[:30], meta.date.isoformat()):
        assert re.sub(r"\s+", "", text) in squashed, text
    assert doc.body(2)[0].text == doc.resolved.label("contents")


@pytest.mark.parametrize("name", OUTLINES)
def test_the_instructor_badge_is_on_every_page_inside_the_printable_area(name, documents):
    doc = documents[name, "instructor"]
    mark = doc.resolved.label("instructor_only").upper()
    for number, page in enumerate(doc.pages, start=1):
        badge = [line for line in page if line.text == mark]
        assert badge, f"page {number} has no badge"
        top = badge[0].y + badge[0].size + 2  # the tab reaches 2 points above the capitals
        assert doc.page_height - top >= 10 * mm, f"page {number}: {(doc.page_height - top) / mm:.1f} mm from the top"

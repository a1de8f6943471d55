"""The handout's body: one function per outline part, in the order a participant reads them.

Every paragraph names a style from `styles.py`; exhibit labels, titles, citation markers and
the printed words come from the ResolvedCase, so the handout agrees with the PDF and the deck.
"""

from __future__ import annotations

import copy

from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from casestudy.model import KeyFigure, Metric, Question, Source
from casestudy.renderers.docx.fields import participant_line
from casestudy.renderers.docx.runs import add_picture, add_tab
from casestudy.renderers.docx.styles import CASE_TABLE, FIGURE_GRID, WRITING_SPACE, text_width
from casestudy.renderers.docx.tables import add_row, hyphenate_long_words, keep_together, new_table
from casestudy.renderers.docx.writer import Text, Writer
from casestudy.resolve import Exhibit

FORMAT = "docx"  # this writer's name in the format table and in resolve's per-format rules
ANSWER_LINES = 3  # ruled lines under each discussion question
WRITING_SPACE_HEIGHT = Pt(96)  # the empty box under "What this means for your company": four handwritten lines
RECOMMENDATION_HEIGHT = Pt(168)  # the box for a participant's recommendation on the decision: seven lines
IMAGE_HEIGHT = 0.4  # of the page: a picture exhibit leaves room for its title and the text around it


def write_body(writer: Writer) -> None:
    """Every part of the handout, in reading order."""
    resolved = writer.resolved
    title_block(writer)
    summary(writer)
    exhibits(writer)
    decision(writer)
    lessons(writer)
    questions(writer)
    if resolved.shows("teaching_note"):
        teaching_note(writer)
    sources(writer)
    for table in writer.document.tables:
        hyphenate_long_words(table, resolved.case.meta.language)


# ---------------------------------------------------------------- front


def title_block(w: Writer) -> None:
    meta = w.resolved.case.meta
    w.para("Case Meta", w.resolved.joined((meta.institution, meta.case_id), "separator"))
    w.para("Title", meta.title)
    if meta.subtitle:
        w.para("Subtitle", meta.subtitle)
    edition = w.resolved.edition_label(w.options.edition)
    authors = w.resolved.joined(meta.authors)
    w.para("Case Meta", w.resolved.joined((authors, w.resolved.short_date(meta.date), edition), "separator"))
    if w.options.participant:
        paragraph = w.lead_in("Case Meta", "participant", None)
        w.fields.add(paragraph, lambda line, who: w.text(line, participant_line(w.resolved, who)))
    epigraph(w)


def epigraph(w: Writer) -> None:
    """The handout's quotation under the title (see QUOTE_RULES): the protagonist's voice before the facts."""
    quote = w.resolved.quotes_for(FORMAT).epigraph
    if quote is None:
        return
    paragraph = w.para("Quote", f"“{quote.text}”")
    w.cite(paragraph, quote.source)
    w.para("Attribution", w.resolved.attribution(quote))


def summary(w: Writer) -> None:
    """The summary, under the date the case is set at."""
    w.para("Heading 1", w.label("summary"))
    w.para("Case Meta", w.resolved.set_in()).paragraph_format.keep_with_next = True
    w.para("Normal", w.resolved.case.summary)


# ---------------------------------------------------------------- exhibits


def exhibits(w: Writer) -> None:
    """The exhibits in their shared numbering order, each with its label, title and source line."""
    parts = {"journey": journey, "pillars": pillars, "spotlight": spotlight, "comparison": comparison}
    for exhibit in w.resolved.exhibits:
        exhibit_title(w, exhibit)
        parts.get(exhibit.kind, image)(w, exhibit)
        if exhibit.source_line:
            w.para("Source Line", exhibit.source_line)


def exhibit_title(w: Writer, exhibit: Exhibit) -> None:
    paragraph = w.paragraph("Exhibit Title")
    w.run(paragraph, w.resolved.titled(exhibit.label), "Exhibit Label")
    w.run(paragraph, exhibit.title)


def journey(w: Writer, exhibit: Exhibit) -> None:
    table = case_table(w, [0.13, 0.37, 0.50], [w.label("date"), w.label("milestone"), w.label("detail")])
    for milestone in w.resolved.journey_for(FORMAT).listed:
        cells = add_row(table).cells
        w.para_in(cells[0], "Table Text", w.resolved.short_date(milestone.date))
        title = w.para_in(cells[1], "Table Text", milestone.title)
        w.cite(title, milestone.source, milestone.detail)  # as the PDF does: the source after the title
        w.para_in(cells[2], "Table Text", milestone.detail)


def pillars(w: Writer, exhibit: Exhibit) -> None:
    """Each pillar's thesis and key points; the evidence behind them stays in the case itself."""
    table = case_table(w, [0.26, 0.74], [w.label("pillar"), w.label("points")])
    for pillar in w.resolved.case.pillars:
        cells = add_row(table).cells
        w.strong_in(cells[0], "Table Text", pillar.title)
        w.para_in(cells[1], "Table Text", pillar.thesis)
        w.bullets(pillar.points, "Table Bullet", cells[1])


def spotlight(w: Writer, exhibit: Exhibit) -> None:
    spot = w.resolved.case.spotlight
    for paragraph in spot.description:
        w.para("Normal", paragraph).paragraph_format.keep_with_next = True
    columns = 4 if len(spot.figures) % 4 == 0 or len(spot.figures) > 9 else min(3, len(spot.figures))
    table = new_table(w.document, [1 / columns] * columns, FIGURE_GRID, w.style_ids[FIGURE_GRID], header=False)
    for start in range(0, len(spot.figures), columns):
        row = add_row(table)
        for cell, figure in zip(row.cells, spot.figures[start : start + columns], strict=False):
            key_figure(w, cell, figure)
    keep_together(table)


def key_figure(w: Writer, cell, figure: KeyFigure) -> None:
    """One tile: the number large, its unit, its label with the citation, the note small."""
    value = w.para_in(cell, "Figure Value", figure.value)
    if figure.unit:
        w.run(value, " " + figure.unit, "Figure Unit")
    label = w.para("Figure Label", None, cell)
    w.run(label, figure.label, "Lead In")
    w.cite(label, figure.source, figure.note)
    if figure.note:
        w.para("Figure Label", figure.note, cell)


def comparison(w: Writer, exhibit: Exhibit) -> None:
    comp = w.resolved.case.comparison
    n = len(comp.entities)
    first = 0.28 if n > 3 else 0.34
    table = case_table(w, [first] + [(1 - first) / n] * n, [w.resolved.as_of(), *(e.name for e in comp.entities)])
    for metric in comp.metrics:
        metric_row(w, add_row(table).cells, metric, [e.id for e in comp.entities])
    keep_together(table)
    notes = [w.resolved.titled(e.name, e.note) for e in comp.entities if e.note]
    notes += [w.resolved.titled(m.label, m.note) for m in comp.metrics if m.note]
    caption = w.para("Caption", "".join(map(w.resolved.run_in, notes)) if notes else None)
    w.text(caption, comp.note)
    w.cite(caption, comp.source, comp.note)


def metric_row(w: Writer, cells, metric: Metric, entity_ids: list[str]) -> None:
    label = w.strong_in(cells[0], "Table Text", metric.label)
    if metric.unit:
        w.run(label, w.resolved.parenthesis(metric.unit), "Figure Unit")
    w.cite(label, metric.source)
    for cell, entity in zip(cells[1:], entity_ids, strict=True):
        value = metric.values.get(entity)
        if value is None:
            w.para_in(cell, "Table Text", "–")
            continue
        # Left-aligned like the notes under the values: numbers and notes flush right and left look ragged.
        paragraph = w.para_in(cell, "Table Text", value.value)
        w.cite(paragraph, value.source)
        if value.note:
            w.para("Table Note", value.note, cell)


def image(w: Writer, exhibit: Exhibit) -> None:
    """A picture exhibit at a readable width, with its alternative text for screen readers."""
    picture = w.resolved.image_files.get(exhibit.id)
    record = w.resolved.image(exhibit.id)
    if picture is None or record is None:
        return
    paragraph = w.paragraph("Normal")
    width = int(text_width(w.document) * 0.7)
    shape = add_picture(paragraph, picture, w.resolved.theme.fonts.cjk, record.alt, width=width)
    section = w.document.sections[-1]
    tallest = int(section.page_height * IMAGE_HEIGHT)
    if shape.height > tallest:  # a portrait picture: fit its height instead
        shape.width, shape.height = int(shape.width * tallest / shape.height), tallest
    if record.credit:
        w.para("Caption", record.credit)


def case_table(w: Writer, fractions: list[float], header: list[str], numbers: int | None = None) -> Table:
    """A table in the Case Table style with its header row, which repeats on every page.

    `numbers` is the column of right-aligned numbers, whose heading aligns with them.
    """
    table = new_table(w.document, fractions, CASE_TABLE, w.style_ids[CASE_TABLE], header=True)
    for i, (cell, word) in enumerate(zip(add_row(table, header=True).cells, header, strict=True)):
        w.para_in(cell, "Table Heading Number" if i == numbers else "Table Heading", word)
    return table


# ---------------------------------------------------------------- the decision, lessons and questions


def decision(w: Writer) -> None:
    """The decision the case ends on, after its exhibits, and a space to prepare a recommendation in."""
    decision_ = w.resolved.case.decision
    if decision_ is None:
        return
    w.para("Heading 1", w.resolved.decision_heading())
    for paragraph in decision_.situation:
        w.para("Normal", paragraph)
    w.para("Decision Question", decision_.question)
    w.lead_in("Normal", "decider", decision_.decider)
    if decision_.deadline:
        w.lead_in("Normal", "deadline", decision_.deadline)
    w.para("Heading 2", w.label("options"))
    for option in decision_.options:
        paragraph = w.para("Option", f"{w.resolved.option_number(option)}.")
        add_tab(paragraph, w.resolved.theme.fonts.cjk)
        w.run(paragraph, w.resolved.run_in(option.title), "Lead In")
        w.text(paragraph, option.description)
    w.para("Heading 2", w.label("constraints"))
    w.bullets(decision_.constraints)
    label = writing_space(w, w.label("your_recommendation"), (w.label("recommendation_prompt"),), RECOMMENDATION_HEIGHT)
    label.paragraph_format.space_before = Pt(10)  # set apart from the list of constraints above it


def lessons(w: Writer) -> None:
    w.para("Heading 1", w.label("lessons"))
    name = w.resolved.case.protagonist.name
    for lesson in w.resolved.case.lessons:
        w.para("Heading 2", lesson.title)
        did = w.lead_in("Normal", "what_they_did", lesson.what_they_did, name=name)
        did.paragraph_format.keep_with_next = True  # the lesson stays with its writing space
        writing_space(w, w.label("for_your_company"), (lesson.for_your_company, lesson.reflection))


def writing_space(w: Writer, label: str, prompts: tuple[Text, ...], height: Length = WRITING_SPACE_HEIGHT) -> Paragraph:
    """A label and its prompts run together, then an empty bordered box `height` tall to write in; returns the label."""
    heading = w.para("Writing Space Label", label)
    paragraph = w.paragraph("Writing Prompt")
    for i, prompt in enumerate(prompts):
        if i:
            w.run(paragraph, " ")
        w.text(paragraph, prompt)
    table = new_table(w.document, [1.0], WRITING_SPACE, w.style_ids[WRITING_SPACE], header=False)
    w.para_in(add_row(table, min_height=height).cells[0], "Writing Prompt")
    return heading


def questions(w: Writer) -> None:
    w.para("Heading 1", w.label("questions"))
    for question in w.resolved.case.questions:
        discussion_question(w, question)


def discussion_question(w: Writer, question: Question) -> None:
    paragraph = w.para("List Number", question.question)
    if w.resolved.shows("minutes") and question.minutes:
        w.run(paragraph, w.resolved.parenthesis(w.label("minutes", n=question.minutes)), "Figure Unit")
    for prompt in question.prompts:
        w.para("Question Prompt", prompt).paragraph_format.keep_with_next = True
    if w.resolved.shows("answer_points"):
        suggested_answers(w, question)
    else:
        answer_lines(w)


def answer_lines(w: Writer) -> None:
    """Ruled lines to write the answer on, kept together with their question."""
    for i in range(ANSWER_LINES):
        line = w.para("Answer Line")
        line.paragraph_format.keep_with_next = i < ANSWER_LINES - 1


def suggested_answers(w: Writer, question: Question) -> None:
    if not question.answer_points:
        return
    lead = w.para("Instructor Note")
    lead.paragraph_format.keep_with_next = True
    w.run(lead, w.label("suggested_answers"), "Lead In")
    w.bullets(question.answer_points, "Instructor Point")


# ---------------------------------------------------------------- instructor and sources


def teaching_note(w: Writer) -> None:
    """Objectives, class plan, board plans, notes, the epilogue and the fact checks (the lessons are in the handout)."""
    note = w.resolved.case.teaching_note
    w.para("Heading 1", w.label("teaching_note"))
    w.para("Heading 2", w.label("objectives"))
    w.bullets(note.objectives)
    class_plan(w)
    for board in note.board_plan:
        w.para("Heading 2", w.resolved.titled(w.label("board_plan"), board.title))
        w.bullets(board.items)
    if note.notes:
        w.para("Heading 2", w.label("note"))
        w.bullets(note.notes)
    if note.epilogue:
        w.para("Heading 2", w.label("epilogue"))
        for paragraph in note.epilogue:
            w.para("Normal", paragraph)
    fact_checks(w)


def class_plan(w: Writer) -> None:
    plan = w.resolved.case.teaching_note.class_plan
    w.para("Heading 2", w.label("class_plan"))
    table = case_table(w, [0.34, 0.12, 0.54], [w.label("segment"), w.label("duration"), w.label("activity")], numbers=1)
    for segment in plan:
        cells = add_row(table).cells
        w.para_in(cells[0], "Table Text", segment.title)
        w.para_in(cells[1], "Table Number", str(segment.minutes))
        w.para_in(cells[2], "Table Text", segment.activity)
    cells = add_row(table).cells
    w.strong_in(cells[0], "Table Text", w.label("total"))
    w.strong_in(cells[1], "Table Number", str(w.resolved.class_plan_minutes))
    keep_together(table)


def fact_checks(w: Writer) -> None:
    checks = w.resolved.case.teaching_note.fact_checks
    if not checks:
        return
    w.para("Heading 2", w.label("fact_checks"))
    table = case_table(w, [0.38, 0.14, 0.48], [w.label("claim"), w.label("verdict"), w.label("truth")])
    for check in checks:
        cells = add_row(table).cells
        w.para_in(cells[0], "Table Text", check.claim)
        w.para_in(cells[1], "Table Text", w.resolved.verdict(check))
        truth = w.para_in(cells[2], "Table Text", check.truth)
        w.cite(truth, check.source, check.truth)


def sources(w: Writer) -> None:
    """The edition's sources under the numbers they carry in every format, as the other formats list them.

    Not only those the handout cites: its own citations would leave gaps ("[1] [2] [4]") in a
    list the participant reads beside the case, whose numbers run without gaps.
    """
    if not w.resolved.endnotes:
        return
    section_break = w.para("Normal")  # a heading that ended a section would not keep with the next one
    w.para("Heading 1", w.label("sources"))
    for number, source in w.resolved.numbered_endnotes():
        reference(w, number, source)
    in_two_columns(section_break, w.document.paragraphs[-1])


def in_two_columns(before: Paragraph, last: Paragraph) -> None:
    """Set the paragraphs after `before` up to `last` in two balanced columns, on the same page.

    Sections end at a paragraph; copying the document's own section (a template's page setup,
    header and footer) keeps everything but the columns. The two-column section is followed by
    an empty continuous one, which is what makes Word and LibreOffice balance its columns.
    """
    final = before._p.getparent().find(qn("w:sectPr"))
    before._p.get_or_add_pPr().append(copy.deepcopy(final))
    columns = copy.deepcopy(final)
    _set_columns(columns, 2)
    last._p.get_or_add_pPr().append(columns)
    for section in (columns, final):
        Section(section, last.part).start_type = WD_SECTION.CONTINUOUS
        for numbering in section.findall(qn("w:pgNumType")):
            numbering.attrib.pop(qn("w:start"), None)  # page numbers run on, not restart at the sources


_AFTER_COLS = ("formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid")


def _set_columns(section, count: int) -> None:
    columns = section.find(qn("w:cols"))
    if columns is None:
        columns = OxmlElement("w:cols")
        later = [child for child in section if child.tag in {qn(f"w:{tag}") for tag in _AFTER_COLS}]
        if later:
            later[0].addprevious(columns)
        else:
            section.append(columns)
    columns.set(qn("w:num"), str(count))
    columns.set(qn("w:space"), str(int(Pt(18).twips)))


def reference(w: Writer, number: int, source: Source) -> None:
    paragraph = w.para("Reference", f"[{number}]")
    add_tab(paragraph, w.resolved.theme.fonts.cjk)
    words = w.resolved.source_reference(source)
    if source.url:  # the reference itself is the link: a printed URL would double the list's length
        w.link(paragraph, source.url, words)
    else:
        w.run(paragraph, words)
    if source.accessed:
        w.run(paragraph, w.resolved.parenthesis(w.resolved.accessed(source)))

"""The case as a story of flowables: one function per outline part, in reading order."""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import quoteattr

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from casestudy.model import FactCheck, InlineText, Option, Question, Quote, Section
from casestudy.renderers.pdf.blocks import (
    FORMAT,
    Context,
    bullets,
    cards,
    grid_table,
    head_cell,
    heading,
    keep_ends,
    panel,
    table,
)
from casestudy.renderers.pdf.exhibits import exhibit, scaled_image
from casestudy.renderers.pdf.keeping import FitToFrame
from casestudy.renderers.pdf.text import note_anchor

Story = Iterator[Flowable]
QUESTION_INDENT = 16  # points: where a numbered question's text starts


def story(ctx: Context, width: float, toc: Flowable) -> Story:
    """Every part of the document in reading order; `toc` is the contents, which lists its headings.

    The narrative ends on the decision; the exhibits no section presents follow it, as a case's
    exhibits do. The lessons are printed here only in a briefing (see `ResolvedCase.lessons_for`).
    """
    yield from cover(ctx, width)
    yield from contents(ctx, toc)
    yield from summary(ctx)
    yield from protagonist(ctx, width)
    yield from organisation(ctx)
    yield from narrative(ctx, width)
    yield from decision(ctx, width)
    yield from remaining_exhibits(ctx, width)
    if ctx.resolved.lessons_for(FORMAT).in_case:
        yield CondPageBreak(60 * mm)
        yield from lessons(ctx, width)
    yield from outlook(ctx)
    yield from quotes(ctx, width)
    yield from questions(ctx)
    yield from sources(ctx)
    if ctx.resolved.shows("teaching_note"):
        yield from teaching_note(ctx, width)


# ---------------------------------------------------------------- cover and contents


def cover(ctx: Context, width: float) -> Story:
    """Masthead, edition, the title block in the theme colour, protagonist and organisation, authors;
    audience, usage and copyright at the foot (the cover's second frame).

    Each frame's content is shrunk, if it must be, to fit: the cover is one page even at the
    outline's limits (a 200-character title, twenty 120-character author names).
    """
    yield NextPageTemplate("cover")
    yield FitToFrame(lambda room: list(cover_front(ctx, room)))
    yield FrameBreak()
    yield FitToFrame(lambda room: list(cover_foot(ctx)))
    yield NextPageTemplate("body")
    yield PageBreak()


def cover_front(ctx: Context, width: float) -> Story:
    meta, c = ctx.case.meta, ctx.styles.colours
    yield masthead(ctx, width)
    yield Spacer(1, 24 * mm)
    yield ctx.para(ctx.resolved.edition_label(ctx.edition).upper(), "cover_kicker")
    title = [Paragraph(f"<b>{ctx.text(meta.title, 'cover_title')}</b>", ctx.styles["cover_title"])]
    if meta.subtitle:
        title.append(ctx.para(meta.subtitle, "cover_subtitle"))
    band = [
        ("BACKGROUND", (0, 0), (-1, -1), c.primary),
        ("LINEBELOW", (0, 0), (-1, -1), 4, c.accent),
        ("LEFTPADDING", (0, 0), (-1, -1), 18),
        ("RIGHTPADDING", (0, 0), (-1, -1), 18),
        ("TOPPADDING", (0, 0), (-1, -1), 26),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 26),
    ]
    yield table(ctx, [[title]], [width], band)
    yield Spacer(1, 12 * mm)
    yield ctx.para(ctx.resolved.name_of(ctx.case.protagonist), "h2")
    yield ctx.para(ctx.resolved.name_of(ctx.case.organisation), "cover_meta")
    yield ctx.para(ctx.resolved.set_in(), "cover_meta")
    yield Spacer(1, 10 * mm)
    yield ctx.para(ctx.resolved.joined(meta.authors), "cover_meta")
    yield ctx.para(ctx.resolved.short_date(meta.date), "cover_small")


def cover_foot(ctx: Context) -> Story:
    meta = ctx.case.meta
    yield ctx.para(meta.audience, "cover_small")
    yield Paragraph(f"<b>{ctx.text(meta.usage, 'cover_small')}</b>", ctx.styles["cover_small"])
    yield ctx.para(meta.copyright, "cover_small")


def masthead(ctx: Context, width: float) -> Table:
    """Logo and institution on the left, case id and version on the right, a rule below."""
    meta = ctx.case.meta
    logo = scaled_image(str(ctx.resolved.theme.logo), 16 * mm, 16 * mm) if ctx.resolved.theme.logo else ""
    institution = ctx.para(meta.institution, "h2")
    case_id = ctx.para(f"{meta.case_id} · v{meta.version}", "right")
    return table(
        ctx,
        [[logo, institution, case_id]],
        [20 * mm, width * 0.6 - 20 * mm, width * 0.4],
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, -1), 0.6, ctx.styles.colours.rule),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ],
    )


def contents(ctx: Context, toc: Flowable) -> Story:
    yield ctx.para(ctx.label("contents"), "h1")
    yield toc
    yield PageBreak()


# ---------------------------------------------------------------- introduction


def summary(ctx: Context) -> Story:
    """The date the case is set at, then the summary as the opening lead (the objectives are in the teaching note)."""
    yield from heading(ctx, ctx.label("summary"), "summary")
    yield ctx.para(ctx.resolved.set_in(), "dateline")
    yield ctx.para(ctx.case.summary, "lead")


def protagonist(ctx: Context, width: float) -> Story:
    """Who the protagonist is: facts in a side panel, the biography beside it."""
    person = ctx.case.protagonist
    yield from heading(ctx, ctx.resolved.titled(ctx.label("protagonist"), ctx.resolved.name_of(person)), "protagonist")
    facts = []
    if person.portrait and person.portrait in ctx.resolved.image_files:
        facts.append(scaled_image(str(ctx.resolved.image_files[person.portrait]), width * 0.3 - 16, 60 * mm))
    if person.born:
        facts += [ctx.para(ctx.label("born"), "caption"), ctx.para(ctx.resolved.birth(), "cell")]
    for key, items in (("education", person.education), ("roles", person.roles)):
        if items:
            facts += [Spacer(1, 4), ctx.para(ctx.label(key), "caption"), *(ctx.para(i, "fact") for i in items)]
    bio = [ctx.para(p) for p in person.bio]
    if facts:
        yield fact_panel(ctx, facts, bio, width)
    else:
        yield from bio


def fact_panel(ctx: Context, facts: list[Flowable], body: list[Flowable], width: float) -> Table:
    """Facts in a tinted column on the left, text on the right."""
    c = ctx.styles.colours
    return table(
        ctx,
        [[facts, body]],
        [width * 0.3, width * 0.7],
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, 0), c.background),
            ("LINEABOVE", (0, 0), (0, 0), 2, c.primary),
            ("LEFTPADDING", (0, 0), (0, 0), 8),
            ("RIGHTPADDING", (0, 0), (0, 0), 8),
            ("TOPPADDING", (0, 0), (0, 0), 8),
            ("BOTTOMPADDING", (0, 0), (0, 0), 8),
            ("LEFTPADDING", (1, 0), (1, 0), 14),
            ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ("TOPPADDING", (1, 0), (1, 0), 0),
        ],
    )


def organisation(ctx: Context) -> Story:
    org = ctx.case.organisation
    yield from heading(ctx, ctx.resolved.titled(ctx.label("organisation"), ctx.resolved.name_of(org)), "organisation")
    if org.line:
        yield ctx.para(org.line)
    facts = []
    if org.founded:
        facts.append(ctx.lead_in("founded", ctx.resolved.short_date(org.founded), "small"))
    if org.headquarters:
        facts.append(ctx.lead_in("headquarters", org.headquarters, "small"))
    yield from facts


# ---------------------------------------------------------------- the narrative


def narrative(ctx: Context, width: float) -> Story:
    """Each section, its pull quote, then the exhibits it presents."""
    pulled = ctx.resolved.quotes_for(FORMAT).pulled
    for number, section in enumerate(ctx.case.sections):
        yield from section_flow(ctx, section, pulled.get(section.id), number, width)
        for item in ctx.resolved.exhibits_for_section(section.id):
            yield exhibit(ctx, item, width)


def section_flow(ctx: Context, section: Section, quote_: Quote | None, number: int, width: float) -> Story:
    """The section's paragraphs, its pull quote (if it has one) set in the middle of them."""
    yield from heading(ctx, section.heading, f"section-{number}")
    paragraphs = [ctx.para(p) for p in section.paragraphs]
    if quote_ and len(paragraphs) > 1:
        middle = (len(paragraphs) + 1) // 2
        yield from paragraphs[:middle]
        yield pull_quote(ctx, quote_, width)
        yield from paragraphs[middle:]
    else:
        yield from paragraphs
        if quote_:
            yield pull_quote(ctx, quote_, width)


def pull_quote(ctx: Context, quote_: Quote, width: float) -> Flowable:
    """A quote set large in the theme colour, in a tinted box, with speaker and context below."""
    content = [
        ctx.para(f"“{quote_.text}”", "quote"),
        ctx.para(ctx.resolved.attribution(quote_), "quote_by", suffix=ctx.cite(quote_.source)),
    ]
    return panel(ctx, content, width)


def decision(ctx: Context, width: float) -> Story:
    """The narrative's end: where things stand on the case's date, then what must be decided, by whom
    and by when (set apart, as the case's question), the options and the constraints."""
    decision_ = ctx.case.decision
    if decision_ is None:
        return
    yield from heading(ctx, ctx.resolved.decision_heading(), "decision")
    yield from (ctx.para(p) for p in decision_.situation)
    brief = [ctx.para(decision_.question, "decision_question")]
    brief.append(ctx.lead_in("decider", decision_.decider, "small"))
    if decision_.deadline:
        brief.append(ctx.lead_in("deadline", decision_.deadline, "small"))
    yield panel(ctx, brief, width)
    yield ctx.para(ctx.label("options"), "h3")
    yield from keep_ends([option_flow(ctx, option) for option in decision_.options])
    yield ctx.para(ctx.label("constraints"), "h3")
    yield from bullets(ctx, decision_.constraints)


def option_flow(ctx: Context, option: Option) -> Paragraph:
    """An option with its number hanging in the margin, its title run in bold before its description."""
    title = ctx.text(ctx.resolved.run_in(option.title), "option")
    markup = f"<b>{title}</b>{ctx.text(option.description, 'option')}"
    return Paragraph(markup, ctx.styles["option"], bulletText=f"{ctx.resolved.option_number(option)}.")


def remaining_exhibits(ctx: Context, width: float) -> Story:
    """Exhibits no section presents, in their numbered order."""
    for item in ctx.resolved.exhibits:
        if item.section is None:
            yield exhibit(ctx, item, width)


# ---------------------------------------------------------------- lessons, outlook, quotes


def lessons(ctx: Context, width: float, title: str = "lessons", styles: tuple[str, str] = ("h1", "h2")) -> Story:
    """Each lesson: what the protagonist did, what it means for you, a question to reflect on.

    Under the heading `title` (a label) in the case, or one level down as the teaching note's takeaways.
    """
    yield from heading(ctx, ctx.label(title), title, styles[0], level=0 if styles[0] == "h1" else None)
    name = ctx.case.protagonist.name
    for lesson in ctx.case.lessons:
        number = ctx.resolved.lesson_number(lesson)
        yield from heading(ctx, f"{number}. {lesson.title}", f"lesson-{number}", styles[1], level=None)
        yield ctx.lead_in("what_they_did", lesson.what_they_did, name=name)
        yield ctx.lead_in("for_your_company", lesson.for_your_company)
        yield panel(ctx, [ctx.lead_in("reflection", lesson.reflection, "small")], width)


def outlook(ctx: Context) -> Story:
    if ctx.case.outlook:
        yield from heading(ctx, ctx.label("outlook"), "outlook")
        yield from (ctx.para(p) for p in ctx.case.outlook)


def quotes(ctx: Context, width: float) -> Story:
    """Quotes no section pulls out; the others were printed beside their section."""
    rest = ctx.resolved.quotes_for(FORMAT).rest
    if rest:
        yield from heading(ctx, ctx.label("quotes"), "quotes")
        yield from (pull_quote(ctx, q, width) for q in rest)


# ---------------------------------------------------------------- questions and sources


def questions(ctx: Context) -> Story:
    """The discussion questions, numbered, each with its prompts."""
    yield from heading(ctx, ctx.label("questions"), "questions")
    for question in ctx.case.questions:
        yield from question_flow(ctx, question)


def question_flow(ctx: Context, question: Question) -> Story:
    """The question with a hanging number and (instructor edition) its minutes, its prompts listed beneath."""
    minutes = question.minutes if ctx.resolved.shows("minutes") else None
    yield numbered(ctx, question.question, ctx.resolved.question_number(question), minutes)
    if question.prompts:
        yield from bullets(ctx, question.prompts, "bullet", offset=QUESTION_INDENT)


def numbered(ctx: Context, text: InlineText, number: int, minutes: int | None = None) -> Paragraph:
    """A paragraph with its number hanging in the margin, and the minutes in muted small type."""
    extra = ""
    if minutes:
        muted = ctx.styles.colours.muted.hexval().replace("0x", "#")
        after = ctx.resolved.parenthesis(ctx.label("minutes", n=minutes))  # " (8 min)", "（8 分钟）"
        minutes_text = after.lstrip().replace(" ", "\u00a0")  # never split "(8 min)"
        words = ctx.markup.plain(minutes_text, ctx.styles["question"].fontName)
        extra = f'{after[: len(after) - len(after.lstrip())]}<font color="{muted}" size="8.5">{words}</font>'
    return Paragraph(ctx.text(text, "question") + extra, ctx.styles["question"], bulletText=f"{number}.")


def sources(ctx: Context) -> Story:
    """The endnotes, numbered as cited, each a destination the citations link to, URLs clickable."""
    if not ctx.resolved.endnotes:
        return
    yield from heading(ctx, ctx.label("sources"), "sources")
    link = ctx.markup.link
    for number, source in ctx.resolved.numbered_endnotes():
        text = ctx.text(ctx.resolved.source_reference(source), "note_ref")
        if source.url:
            text += f' <a href={quoteattr(source.url)} color="{link}">{ctx.text(source.url, "note_ref")}</a>'
        if source.accessed:
            text += ctx.text(ctx.resolved.parenthesis(ctx.resolved.accessed(source)), "note_ref")
        yield Paragraph(f'<a name="{note_anchor(number)}"/>{text}', ctx.styles["note_ref"], bulletText=f"{number}.")


# ---------------------------------------------------------------- teaching note (instructor edition)


def teaching_note(ctx: Context, width: float) -> Story:
    """On new pages: objectives, class plan, board plan, notes, suggested answers, the lessons as
    takeaways (when the case does not print them), the epilogue and the fact checks."""
    note = ctx.case.teaching_note
    yield PageBreak()
    yield from heading(ctx, ctx.label("teaching_note"), "teaching-note")
    yield ctx.para(ctx.label("objectives"), "h2")
    yield from bullets(ctx, note.objectives)
    yield from class_plan(ctx, width)
    yield from board_plan(ctx, width)
    if note.notes:
        yield ctx.para(ctx.label("note"), "h2")
        yield from (ctx.para(p) for p in note.notes)
    yield from suggested_answers(ctx)
    if ctx.resolved.lessons_for(FORMAT).takeaways:
        yield from lessons(ctx, width, "takeaways", ("h2", "h3"))
    yield from epilogue(ctx)
    yield from fact_checks(ctx, width)


def epilogue(ctx: Context) -> Story:
    """What happened after the case's date, with its sources: kept from participants until after class."""
    paragraphs = ctx.case.teaching_note.epilogue
    if paragraphs:
        yield from heading(ctx, ctx.label("epilogue"), "epilogue", "h2", level=None)
        yield from (ctx.para(p) for p in paragraphs)


def class_plan(ctx: Context, width: float) -> Story:
    plan = ctx.case.teaching_note.class_plan
    yield ctx.para(ctx.label("class_plan"), "h2")
    header = [head_cell(ctx, ctx.label("segment")), head_cell(ctx, "", "center"), head_cell(ctx, ctx.label("agenda"))]
    rows = [
        [ctx.para(s.title, "cell"), ctx.para(ctx.label("minutes", n=s.minutes), "right"), ctx.para(s.activity, "cell")]
        for s in plan
    ]
    total = ctx.label("minutes", n=ctx.resolved.class_plan_minutes)
    rows.append(
        [
            Paragraph(f"<b>{ctx.text(ctx.label('total'), 'cell')}</b>", ctx.styles["cell"]),
            Paragraph(f"<b>{ctx.text(total, 'right')}</b>", ctx.styles["right"]),
            "",
        ]
    )
    yield grid_table(
        ctx,
        header,
        rows,
        [0.3 * width, 0.12 * width, 0.58 * width],
        [("LINEABOVE", (0, -1), (-1, -1), 1, ctx.styles.colours.primary)],
    )


def board_plan(ctx: Context, width: float) -> Story:
    boards = ctx.case.teaching_note.board_plan
    if not boards:
        return
    yield ctx.para(ctx.label("board_plan"), "h2")
    contents = [[ctx.para(board.title, "card_title"), *bullets(ctx, board.items, "cell")] for board in boards]
    yield from cards(ctx, contents, width, (ctx.styles.colours.primary,))


def suggested_answers(ctx: Context) -> Story:
    answered = [q for q in ctx.case.questions if q.answer_points]
    if not answered:
        return
    yield ctx.para(ctx.label("suggested_answers"), "h2")
    for question in answered:
        yield numbered(ctx, question.question, ctx.resolved.question_number(question))
        yield from bullets(ctx, question.answer_points, offset=QUESTION_INDENT)


def verdict(ctx: Context, check: FactCheck) -> Paragraph:
    """The verdict in bold, coloured by how far the claim is from the truth."""
    c = ctx.styles.colours
    colour = {"correct": c.category(2), "partly": c.category(3), "dated": c.category(3), "wrong": c.accent}
    hexa = colour.get(check.verdict, c.muted).hexval().replace("0x", "#")
    words = ctx.text(ctx.resolved.verdict(check), "cell")
    return Paragraph(f'<b><font color="{hexa}">{words}</font></b>', ctx.styles["cell"])


def fact_checks(ctx: Context, width: float) -> Story:
    checks = ctx.case.teaching_note.fact_checks
    if not checks:
        return
    yield ctx.para(ctx.label("fact_checks"), "h2")
    header = [head_cell(ctx, ctx.label(k)) for k in ("claim", "verdict", "truth")]
    rows = [
        [
            ctx.para(check.claim, "cell"),
            verdict(ctx, check),
            Paragraph(ctx.text(check.truth, "cell") + ctx.cite(check.source, check.truth), ctx.styles["cell"]),
        ]
        for check in checks
    ]
    yield grid_table(ctx, header, rows, [0.36 * width, 0.14 * width, 0.5 * width])

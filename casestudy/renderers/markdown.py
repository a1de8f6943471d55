"""Markdown writer: ResolvedCase -> one Markdown file (pandoc-friendly, for a course website or LMS).

Not built by default (`casestudy export markdown`, or `--format markdown`); it prints what the
ResolvedCase says (exhibit labels, citation markers, labels) and never counts or reads YAML.
Slide structure follows pandoc's slide-level rules: every level-1 heading (a slide group) is
followed directly by a level-2 heading, so level 2 is the slide level and each `##` is a slide.
Every character the outline holds is escaped so that it prints literally, never as markup.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from casestudy.inline import Span
from casestudy.model import Cell, Comparison, InlineText, Pillar, Question, Quote, Section, Source, Spotlight
from casestudy.options import RenderOptions
from casestudy.resolve import Exhibit, ResolvedCase

Block = str  # one Markdown block; blocks are joined by blank lines
FORMAT = "markdown"  # this writer's name in the format table and in resolve's per-format rules

# Characters that are markup somewhere in pandoc's Markdown or CommonMark; escaping one that is
# not markup is harmless (any ASCII punctuation may be backslash-escaped), missing one is not.
_ALWAYS = re.compile(r"([\\`*_\[\]<#|~^$@{])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_DASHES = re.compile(r"(?<=-)-")  # "--" would become an en dash
_WHITESPACE = re.compile(r"\s+")
# An ordered-list marker as pandoc's fancy_lists reads one: "1.", "a)", "iv.", "(B)".
_LIST_START = re.compile(r"^\(?(?:\d+|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)[.)](?=\s|$)")
_URL_UNSAFE = {"(": "%28", ")": "%29", "<": "%3C", ">": "%3E", " ": "%20", "\\": "%5C"}


def render(resolved: ResolvedCase, out: BinaryIO, options: RenderOptions) -> None:
    """Write the case to `out` as UTF-8 Markdown; image paths are relative to `options.folder`."""
    out.write(to_markdown(resolved, options.folder).encode("utf-8"))


def to_markdown(resolved: ResolvedCase, base: Path | None = None) -> str:
    """The whole case, in the edition it is resolved for, as Markdown; image paths are relative to `base` when given.

    The narrative ends on the decision; the lessons are in the case only in a briefing, else in
    the instructor edition's teaching note (see `ResolvedCase.lessons_for`).
    """
    blocks = [
        *_front_matter(resolved),
        *_introduction(resolved, base),
        *_narrative(resolved, base),
        *_decision(resolved),
        *_remaining_exhibits(resolved, base),
        *(_lessons(resolved) if resolved.lessons_for(FORMAT).in_case else ()),
        *_outlook(resolved),
        *_quotes(resolved),
        *_questions(resolved),
        *(_teaching_note(resolved) if resolved.shows("teaching_note") else ()),
        *_sources(resolved),
    ]
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- escaping


def escape(text: str) -> str:
    """Plain text as Markdown that prints exactly these characters, on one line."""
    text = " ".join(text.split())
    text = _ENTITY.sub(r"\\&", _ALWAYS.sub(r"\\\1", text))
    return _DASHES.sub(r"\\-", text)


def _block_start(text: str) -> str:
    """Keep a paragraph from starting a list, quote or heading by its first characters."""
    if text[:1] in ("-", "+", ">", "=", ":"):
        return "\\" + text
    marker = _LIST_START.match(text)
    if marker:  # escape its last character: "1\.", "a\)", "(B\)"
        return text[: marker.end() - 1] + "\\" + text[marker.end() - 1 :]
    return text


def _url(url: str) -> str:
    return "".join(_URL_UNSAFE.get(ch, ch) for ch in url)


def inline(resolved: ResolvedCase, text: InlineText | str | None) -> str:
    """Inline text as Markdown: strong, emphasis and links kept, citations as "[3]"."""
    if text is None:
        return ""
    if isinstance(text, str):
        return escape(text)
    return "".join(_link(resolved, href, list(spans)) for href, spans in groupby(text.spans, key=lambda s: s.href))


def _link(resolved: ResolvedCase, href: str | None, spans: list[Span]) -> str:
    """Consecutive spans of one link as one `[text](url)`, whatever styles they mix."""
    text = "".join(_span(resolved, span) for span in spans)
    if not href:
        return text
    lead, core, trail = _split_space(text)
    return f"{lead}[{core}]({_url(href)}){trail}"


def _span(resolved: ResolvedCase, span: Span) -> str:
    lead, core, trail = _split_space(_WHITESPACE.sub(" ", resolved.span_text(span)))
    if not core:
        return lead
    out = escape(core)
    if span.emph:
        out = f"*{out}*"
    if span.strong:
        out = f"**{out}**"
    return f"{lead}{out}{trail}"


def _split_space(text: str) -> tuple[str, str, str]:
    """Leading space, the rest, trailing space: emphasis markers must touch the words."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def _para(resolved: ResolvedCase, text: InlineText | str) -> Block:
    return _block_start(inline(resolved, text))


def _label(resolved: ResolvedCase, key: str, **values: object) -> str:
    """A label, escaped: outlines may override labels with any text."""
    return escape(resolved.label(key, **values))


def _bullets(items: Iterable[str]) -> Block:
    return "\n".join(f"- {_block_start(item)}" for item in items)


def _lead_in(resolved: ResolvedCase, key: str, body: str, **values: object) -> Block:
    """A paragraph opening with a bold label: "**Reflection:** ...", "**思考**：...".

    A full-width colon stays outside the bold: Markdown does not close `**` after punctuation
    that a letter follows ("**思考：**思" stays open).
    """
    words = escape(resolved.titled(resolved.label(key, **values)))
    if words.endswith(" "):
        return f"**{words.rstrip()}** {body}"
    label = _label(resolved, key, **values)
    return f"**{label}**{words[len(label) :]}{body}"


def _table(header: list[str], rows: Iterable[list[str]], widths: Iterable[int]) -> Block:
    """A pipe table; cells are already escaped Markdown (so `|` in them is `\\|`).

    `widths` are the columns' shares of the line in percent: pandoc sizes a table whose rows
    are long by the number of dashes under each header.
    """
    lines = [_row(header), _row(["-" * max(3, width) for width in widths])]
    lines += [_row(row) for row in rows]
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _with_cite(resolved: ResolvedCase, text: str, source: str | None, cited: InlineText | None = None) -> str:
    """Text followed by its source's citation marker, unless `cited` already cites that source."""
    return text + escape(resolved.cite_after(text, resolved.part_cites(source, cited)))


# ---------------------------------------------------------------- front matter and introduction


def _front_matter(resolved: ResolvedCase) -> Iterator[Block]:
    """A YAML metadata block: pandoc's title slide and document properties, a site's front matter.

    Values are JSON strings (valid YAML) holding escaped Markdown, because pandoc reads them as
    Markdown.
    """
    meta = resolved.case.meta
    subtitle = [escape(meta.subtitle)] if meta.subtitle else []
    if resolved.edition == "instructor":
        subtitle.append(escape(resolved.edition_label(resolved.edition)))
    fields = {"title": escape(meta.title), "subtitle": resolved.joined(subtitle, "separator")}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items() if value]
    lines.append("author:")
    lines += [f"  - {json.dumps(escape(author), ensure_ascii=False)}" for author in meta.authors]
    lines += [f"date: {json.dumps(meta.date.isoformat())}", f"lang: {json.dumps(meta.language)}"]
    yield "---\n" + "\n".join(lines) + "\n---"


def _introduction(resolved: ResolvedCase, base: Path | None) -> Iterator[Block]:
    """The date the case is set at and the summary, protagonist and organisation: slides before the first group."""
    case = resolved.case
    yield f"## {_label(resolved, 'summary')}"
    yield f"*{escape(resolved.set_in())}*"
    yield _para(resolved, case.summary)
    yield from _protagonist(resolved, base)
    yield from _organisation(resolved)


def _protagonist(resolved: ResolvedCase, base: Path | None) -> Iterator[Block]:
    person = resolved.case.protagonist
    yield f"## {escape(resolved.titled(resolved.label('protagonist'), resolved.name_of(person)))}"
    image = resolved.image(person.portrait)
    if image and image.id in resolved.image_files:
        yield f"![{escape(image.alt)}]({_image_path(resolved.image_files[image.id], base)})"
    facts = []
    if person.born:
        facts.append(_lead_in(resolved, "born", escape(resolved.birth())))
    if person.education:
        facts.append(_lead_in(resolved, "education", escape(resolved.joined(person.education, "item_separator"))))
    if person.roles:
        facts.append(_lead_in(resolved, "roles", escape(resolved.joined(person.roles, "item_separator"))))
    if facts:
        yield _bullets(facts)
    yield from (_para(resolved, paragraph) for paragraph in person.bio)


def _organisation(resolved: ResolvedCase) -> Iterator[Block]:
    org = resolved.case.organisation
    yield f"## {escape(resolved.titled(resolved.label('organisation'), resolved.name_of(org)))}"
    if org.line:
        yield _para(resolved, org.line)
    facts = []
    if org.founded:
        facts.append(_lead_in(resolved, "founded", escape(resolved.short_date(org.founded))))
    if org.headquarters:
        facts.append(_lead_in(resolved, "headquarters", escape(org.headquarters)))
    if facts:
        yield _bullets(facts)


# ---------------------------------------------------------------- the narrative and its exhibits


def _narrative(resolved: ResolvedCase, base: Path | None) -> Iterator[Block]:
    """The sections, each a slide, each followed by the exhibits it presents."""
    yield f"# {escape(resolved.running_title)}"
    pulled = resolved.quotes_for(FORMAT).pulled
    for section in resolved.case.sections:
        yield from _section(resolved, section, pulled.get(section.id))
        for exhibit in resolved.exhibits_for_section(section.id):
            yield from _exhibit(resolved, exhibit, base)


def _section(resolved: ResolvedCase, section: Section, quote_: Quote | None) -> Iterator[Block]:
    yield f"## {escape(section.heading)}"
    yield from (_para(resolved, paragraph) for paragraph in section.paragraphs)
    if quote_:
        yield _blockquote(resolved, quote_)


def _blockquote(resolved: ResolvedCase, quote_: Quote) -> Block:
    said = escape(resolved.attribution(quote_))
    return f"> {escape(quote_.text)}\n>\n> {_with_cite(resolved, said, quote_.source)}"


def _decision(resolved: ResolvedCase) -> Iterator[Block]:
    """The narrative's last slide: the situation, what must be decided, by whom and when, options, constraints."""
    decision = resolved.case.decision
    if decision is None:
        return
    yield f"## {escape(resolved.decision_heading())}"
    yield from (_para(resolved, paragraph) for paragraph in decision.situation)
    yield f"> **{inline(resolved, decision.question)}**"
    facts = [_lead_in(resolved, "decider", inline(resolved, decision.decider))]
    if decision.deadline:
        facts.append(_lead_in(resolved, "deadline", inline(resolved, decision.deadline)))
    yield "\n\n".join(facts)
    yield f"**{_label(resolved, 'options')}**"
    yield "\n".join(
        # the space after the bold title always: CommonMark closes "**…。**" only before a space
        f"{resolved.option_number(option)}. **{escape(resolved.run_in(option.title).strip())}** "
        + inline(resolved, option.description)
        for option in decision.options
    )
    yield f"**{_label(resolved, 'constraints')}**"
    yield _bullets(inline(resolved, constraint) for constraint in decision.constraints)


def _remaining_exhibits(resolved: ResolvedCase, base: Path | None) -> Iterator[Block]:
    """Exhibits no section presents, in their numbered order, closing the narrative group."""
    for exhibit in resolved.exhibits:
        if exhibit.section is None:
            yield from _exhibit(resolved, exhibit, base)


def _exhibit(resolved: ResolvedCase, exhibit: Exhibit, base: Path | None) -> Iterator[Block]:
    """One exhibit as its own slide: "Exhibit N: title", its source line, its body.

    Source lines and notes come before a table: pandoc's PowerPoint writer moves whatever
    follows a table onto an untitled slide of its own.
    """
    yield f"## {escape(exhibit.heading)}"
    if exhibit.source_line:
        yield f"*{escape(exhibit.source_line)}*"
    case = resolved.case
    if exhibit.kind == "journey":
        yield _journey(resolved)
    elif exhibit.kind == "pillars":
        yield from (block for pillar in case.pillars for block in _pillar(resolved, pillar))
    elif exhibit.kind == "spotlight" and case.spotlight:
        yield from _spotlight(resolved, case.spotlight)
    elif exhibit.kind == "comparison" and case.comparison:
        yield from _comparison(resolved, case.comparison)
    elif exhibit.kind == "image":
        yield _image(resolved, exhibit.id, base)


def _journey(resolved: ResolvedCase) -> Block:
    rows = []
    for milestone in resolved.case.journey:
        what = escape(resolved.run_in(milestone.title) if milestone.detail else milestone.title)
        if milestone.detail:
            what += inline(resolved, milestone.detail)
        date = escape(resolved.short_date(milestone.date))
        rows.append([date, _with_cite(resolved, what, milestone.source, milestone.detail)])
    return _table(["", _label(resolved, "journey")], rows, (18, 82))


def _pillar(resolved: ResolvedCase, pillar: Pillar) -> Iterator[Block]:
    yield f"### {escape(pillar.title)}"
    yield _para(resolved, pillar.thesis)
    for key, items in (("points", pillar.points), ("evidence", pillar.evidence)):
        if items:
            yield f"**{_label(resolved, key)}**"
            yield _bullets(inline(resolved, item) for item in items)


def _spotlight(resolved: ResolvedCase, spotlight: Spotlight) -> Iterator[Block]:
    yield from (_para(resolved, paragraph) for paragraph in spotlight.description)
    rows = []
    for figure in spotlight.figures:
        value = escape(figure.value) + (f" {escape(figure.unit)}" if figure.unit else "")
        note = _with_cite(resolved, inline(resolved, figure.note), figure.source, figure.note).strip()
        rows.append([escape(figure.label), f"**{value}**", note])
    yield _table([_label(resolved, "key_figures"), "", _label(resolved, "note")], rows, (30, 25, 45))


def _comparison(resolved: ResolvedCase, comparison: Comparison) -> Iterator[Block]:
    header = [_label(resolved, "comparison")] + [escape(entity.name) for entity in comparison.entities]
    rows = []
    for metric in comparison.metrics:
        label = escape(resolved.metric_label(metric))
        if metric.note:
            label += f"; {escape(metric.note)}"
        cells = [_cell(resolved, metric.values.get(entity.id)) for entity in comparison.entities]
        rows.append([_with_cite(resolved, label, metric.source), *cells])
    yield escape(resolved.as_of())
    if comparison.note:
        note = _with_cite(resolved, inline(resolved, comparison.note), comparison.source, comparison.note)
        yield _lead_in(resolved, "note", note)
    elif comparison.source:
        yield _lead_in(resolved, "source", escape(resolved.cite_label((comparison.source,))))
    entities = len(comparison.entities)
    yield _table(header, rows, (28, *[72 // entities] * entities))


def _cell(resolved: ResolvedCase, cell: Cell | None) -> str:
    if cell is None:
        return "—"
    text = escape(resolved.with_parenthesis(cell.value, cell.note))
    return _with_cite(resolved, text, cell.source)


def _image(resolved: ResolvedCase, image_id: str, base: Path | None) -> Block:
    image = resolved.image(image_id)
    credit = f"\n\n{escape(image.credit)}" if image.credit else ""
    path = resolved.image_files.get(image_id)
    picture = f"![{escape(image.alt)}]({_image_path(path, base)})" if path else ""
    return (picture + credit).strip()


def _image_path(path: Path, base: Path | None) -> str:
    shown = os.path.relpath(path, base) if base else str(path)
    return quote(Path(shown).as_posix(), safe="/:._-~")


# ---------------------------------------------------------------- lessons, outlook, quotes


def _lessons(resolved: ResolvedCase, title: str = "lessons") -> Iterator[Block]:
    """The lessons as a group of slides, one each, under the label `title` (the teaching note's "takeaways")."""
    name = resolved.case.protagonist.name
    yield f"# {_label(resolved, title)}"
    for lesson in resolved.case.lessons:
        yield f"## {escape(lesson.title)}"
        yield _lead_in(resolved, "what_they_did", inline(resolved, lesson.what_they_did), name=name)
        yield _lead_in(resolved, "for_your_company", inline(resolved, lesson.for_your_company))
        yield _lead_in(resolved, "reflection", inline(resolved, lesson.reflection))


def _outlook(resolved: ResolvedCase) -> Iterator[Block]:
    if resolved.case.outlook:
        yield f"## {_label(resolved, 'outlook')}"
        yield from (_para(resolved, paragraph) for paragraph in resolved.case.outlook)


def _quotes(resolved: ResolvedCase) -> Iterator[Block]:
    """Quotes no section pulls out; the others were printed beside their section."""
    rest = resolved.quotes_for(FORMAT).rest
    if rest:
        yield f"## {_label(resolved, 'quotes')}"
        yield from (_blockquote(resolved, q) for q in rest)


# ---------------------------------------------------------------- questions and teaching note


def _questions(resolved: ResolvedCase) -> Iterator[Block]:
    """One slide per question, headed by the question itself; minutes and answers in the instructor edition."""
    yield f"# {_label(resolved, 'questions')}"
    for question in resolved.case.questions:
        yield from _question(resolved, question)


def _question(resolved: ResolvedCase, question: Question) -> Iterator[Block]:
    timed = question.minutes and resolved.shows("minutes")
    minutes = escape(resolved.parenthesis(resolved.label("minutes", n=question.minutes))) if timed else ""
    yield f"## {inline(resolved, question.question)}{minutes}"
    if question.prompts:
        yield f"**{_label(resolved, 'prompts')}**"
        yield _bullets(inline(resolved, prompt) for prompt in question.prompts)
    if resolved.shows("answer_points") and question.answer_points:
        yield f"**{_label(resolved, 'suggested_answers')}**"
        yield _bullets(inline(resolved, point) for point in question.answer_points)


def _teaching_note(resolved: ResolvedCase) -> Iterator[Block]:
    """Objectives, class plan, board plans, notes, the epilogue and the fact checks; then the lessons
    as takeaways, a group of their own, when the case does not print them."""
    note = resolved.case.teaching_note
    yield f"# {_label(resolved, 'teaching_note')}"
    yield f"## {_label(resolved, 'objectives')}"
    yield _bullets(inline(resolved, objective) for objective in note.objectives)
    yield from _class_plan(resolved)
    for board in note.board_plan:
        yield f"## {escape(resolved.titled(resolved.label('board_plan'), board.title))}"
        yield _bullets(inline(resolved, item) for item in board.items)
    if note.notes:
        yield f"## {escape(resolved.titled(resolved.label('teaching_note'), resolved.label('note')))}"
        yield from (_para(resolved, paragraph) for paragraph in note.notes)
    if note.epilogue:
        yield f"## {_label(resolved, 'epilogue')}"
        yield from (_para(resolved, paragraph) for paragraph in note.epilogue)
    yield from _fact_checks(resolved)
    if resolved.lessons_for(FORMAT).takeaways:
        yield from _lessons(resolved, "takeaways")


def _class_plan(resolved: ResolvedCase) -> Iterator[Block]:
    plan = resolved.case.teaching_note.class_plan
    yield f"## {_label(resolved, 'class_plan')}"
    rows = [[escape(s.title), _label(resolved, "minutes", n=s.minutes), inline(resolved, s.activity)] for s in plan]
    rows.append([f"**{_label(resolved, 'total')}**", _label(resolved, "minutes", n=resolved.class_plan_minutes), ""])
    yield _table([_label(resolved, "segment"), "", _label(resolved, "agenda")], rows, (35, 12, 53))


def _fact_checks(resolved: ResolvedCase) -> Iterator[Block]:
    checks = resolved.case.teaching_note.fact_checks
    if not checks:
        return
    yield f"## {_label(resolved, 'fact_checks')}"
    rows = [
        [
            escape(check.claim),
            escape(resolved.verdict(check)),
            _with_cite(resolved, inline(resolved, check.truth), check.source, check.truth),
        ]
        for check in checks
    ]
    header = [_label(resolved, "claim"), _label(resolved, "verdict"), _label(resolved, "truth")]
    yield _table(header, rows, (35, 15, 50))


# ---------------------------------------------------------------- sources


def _sources(resolved: ResolvedCase) -> Iterator[Block]:
    """The endnotes in citation order, numbered as the text cites them, then the usage line."""
    meta = resolved.case.meta
    if resolved.endnotes:
        yield f"## {_label(resolved, 'sources')}"
        yield "\n".join(_endnote(resolved, number, source) for number, source in resolved.numbered_endnotes())
    yield escape(resolved.joined((meta.copyright, meta.usage or ""), "separator"))


def _endnote(resolved: ResolvedCase, number: int, source: Source) -> str:
    line = f"{escape(f'[{number}]')} {escape(resolved.source_reference(source))}"
    if source.url:
        line += f" <{_url(source.url)}>"
    if source.accessed:
        line += escape(resolved.parenthesis(resolved.accessed(source)))
    return f"- {line}"

"""Inline text -> Word runs: the span styles (bold, italic, links) and nothing else.

Text is printed literally: python-docx escapes XML, we drop the few characters XML 1.0
cannot hold at all and fold line breaks and tabs into spaces, as the other formats do.

Words are written one run per script: a stretch of Chinese is never italic (Chinese has no
italics; Word would slant the ideographs), even in a style that is (Quote, Source Line), and
names the East Asian face beside its paragraph style's Latin one (`theme.Fonts.east_asian`).
Numbers are held to their units (`linebreak.numbers_held`): Word breaks Chinese anywhere else.
"""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shape import InlineShape
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import SubElement

from casestudy.inline import Span
from casestudy.linebreak import numbers_held
from casestudy.model import InlineText
from casestudy.resolve import ResolvedCase
from casestudy.scripts import is_cjk

_RPR, _RSTYLE, _RFONTS, _BOLD, _ITALIC, _TEXT = (qn(f"w:{tag}") for tag in ("rPr", "rStyle", "rFonts", "b", "i", "t"))
_VAL, _EAST_ASIAN, _SPACE_ATTRIBUTE = qn("w:val"), qn("w:eastAsia"), qn("xml:space")
_FIRST_CJK = "\u2e80"  # no character before it is CJK (`scripts.is_cjk`)
# What XML 1.0 cannot hold, named as itself: its complement, the allowed ranges, takes 20 times longer to compile.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # not no-break spaces: an author typed those on purpose


def clean(text: str) -> str:
    """Text Word can store and lays out as one line of words: no control characters, no tabs."""
    return _SPACE.sub(" ", _NOT_XML.sub("", text))


def add_run(
    paragraph: Paragraph,
    text: str,
    cjk: str,
    style_id: str | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
) -> Run:
    """A run of literal text carrying the East Asian font, a character style (by id) and bold or italic if given.

    Built in one step: python-docx's setters each search the schema's order of children (a
    handout has about 600 runs). The XML is what `paragraph.add_run` and those setters write.
    """
    r = OxmlElement("w:r")
    properties = SubElement(r, _RPR)
    if style_id:
        SubElement(properties, _RSTYLE).set(_VAL, style_id)
    SubElement(properties, _RFONTS).set(_EAST_ASIAN, cjk)
    for tag, value in ((_BOLD, bold), (_ITALIC, italic)):
        if value is not None:
            switch = SubElement(properties, tag)
            if not value:
                switch.set(_VAL, "0")
    text = clean(text)
    if text:
        t = SubElement(r, _TEXT)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_SPACE_ATTRIBUTE, "preserve")
    paragraph._p.append(r)
    return Run(r, paragraph)


def add_tab(paragraph: Paragraph, cjk: str) -> None:
    """A tab character, to reach the style's tab stop (header and footer, references)."""
    add_run(paragraph, "", cjk).add_tab()


def add_words(
    paragraph: Paragraph,
    resolved: ResolvedCase,
    words: str,
    cjk: str,
    style_id: str | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
) -> list[Run]:
    """Words as runs, one per script: Chinese upright whatever the style says, in the East Asian face `cjk`
    (the one beside the paragraph style's Latin face: `styles.east_asian_for`)."""
    chunks = [(False, words)] if _latin(words) else _script_chunks(numbers_held(words))
    return [add_run(paragraph, chunk, cjk, style_id, bold, False if chinese else italic) for chinese, chunk in chunks]


def _latin(text: str) -> bool:
    """No CJK character in `text` (so one run, no number held): most text, known without a look at each character."""
    return not text or max(text) < _FIRST_CJK


def _script_chunks(text: str) -> list[tuple[bool, str]]:
    """`text` cut where it changes between CJK and other characters (True: CJK); spaces go with what precedes."""
    out: list[tuple[bool, str]] = []
    for char in text:
        chinese = is_cjk(char) if not char.isspace() or not out else out[-1][0]
        if out and out[-1][0] == chinese:
            out[-1] = (chinese, out[-1][1] + char)
        else:
            out.append((chinese, char))
    return out or [(False, "")]


def add_text(
    paragraph: Paragraph, resolved: ResolvedCase, text: InlineText | str | None, cjk: str, link_style: str
) -> Paragraph:
    """Append inline text: strong and emphasis as bold and italic, links as real hyperlinks (in `link_style`)."""
    if text is None:
        return paragraph
    if isinstance(text, str):
        add_words(paragraph, resolved, text, cjk)
        return paragraph
    for href, spans in groupby(text.spans, key=lambda span: span.href):
        if href:
            add_hyperlink(paragraph, resolved, href, list(spans), cjk, link_style)
        else:
            for span in spans:
                _add_span(paragraph, resolved, span, cjk)
    return paragraph


def _add_span(
    paragraph: Paragraph, resolved: ResolvedCase, span: Span, cjk: str, style_id: str | None = None
) -> list[Run]:
    words = resolved.span_text(span)
    if not words:
        return []
    return add_words(paragraph, resolved, words, cjk, style_id, span.strong or None, span.emph or None)


def add_hyperlink(
    paragraph: Paragraph, resolved: ResolvedCase, href: str, spans: list[Span], cjk: str, link_style: str
) -> None:
    """A `w:hyperlink` with an external relationship, its runs in the Hyperlink character style (`link_style`)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True))
    for span in spans:
        for run in _add_span(paragraph, resolved, span, cjk, link_style):
            link.append(run._r)
    paragraph._p.append(link)


def add_picture(paragraph: Paragraph, path: Path, cjk: str, alt: str, **size: int) -> InlineShape:
    """An inline picture sized by `width` or `height` (EMU), with alternative text for screen readers."""
    shape = add_run(paragraph, "", cjk).add_picture(str(path), **size)
    shape._inline.docPr.set("descr", alt)
    for side in ("distT", "distB", "distL", "distR"):  # LibreOffice pads an inline picture without them
        shape._inline.set(side, "0")
    return shape

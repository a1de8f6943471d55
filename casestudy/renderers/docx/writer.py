"""The handout's writer: the document being written and its styles by id.

Body functions write through it, so that every paragraph names a style.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from casestudy.inline import Span
from casestudy.model import InlineText
from casestudy.options import RenderOptions
from casestudy.renderers.docx.personal import Fields
from casestudy.renderers.docx.runs import add_hyperlink, add_text, add_words
from casestudy.renderers.docx.styles import east_asian_for
from casestudy.resolve import ResolvedCase

Text = InlineText | str | None
_SECTION = qn("w:sectPr")


@dataclass
class Writer:
    """The document being written and what it is written from."""

    document: Document
    resolved: ResolvedCase
    options: RenderOptions
    fields: Fields  # where the participant's words go
    style_ids: dict[str, str]  # by name (`styles.prepare_styles`): looking a style up is slow in python-docx
    east_asian: dict[str | None, str] = field(init=False, default_factory=dict)  # by paragraph style id

    def cjk(self, paragraph: Paragraph) -> str:
        """The East Asian face of runs in `paragraph`, found once per paragraph style."""
        style_id = paragraph._p.style
        if style_id not in self.east_asian:
            self.east_asian[style_id] = east_asian_for(paragraph, self.resolved.theme)
        return self.east_asian[style_id]

    @property
    def instructor(self) -> bool:
        return self.options.edition == "instructor"

    def label(self, key: str, **values: object) -> str:
        return self.resolved.label(key, **values)

    def para(self, style: str, text: Text = None, container=None) -> Paragraph:
        """A paragraph in `style` holding inline text; `container` is the document or a table cell."""
        return self.text(self.paragraph(style, container), text)

    def paragraph(self, style: str, container=None) -> Paragraph:
        """An empty paragraph in `style` at the end of the document or of a table cell."""
        paragraph = container.add_paragraph() if container is not None else self._body_paragraph()
        _set_style(paragraph._p, self.style_ids[style])
        return paragraph

    def _body_paragraph(self) -> Paragraph:
        """A paragraph at the end of the body, where `document.add_paragraph` puts it, found without its
        search for the final section properties among every paragraph so far (quadratic in a long handout)."""
        body = self.document.element.body
        p = OxmlElement("w:p")
        last = next(body.iterchildren(reversed=True), None)  # len(body) would count every child
        if last is not None and last.tag == _SECTION:  # the schema puts them last
            last.addprevious(p)
        else:
            body.append(p)
        return Paragraph(p, self.document._body)

    def para_in(self, cell, style: str, text: Text = None) -> Paragraph:
        """The first paragraph of a table cell, in `style`, holding inline text."""
        paragraph = cell.paragraphs[0]
        _set_style(paragraph._p, self.style_ids[style])
        return self.text(paragraph, text)

    def strong_in(self, cell, style: str, words: str) -> Paragraph:
        """A cell's first paragraph opening with words in the Lead In character style."""
        paragraph = self.para_in(cell, style)
        self.run(paragraph, words, "Lead In")
        return paragraph

    def text(self, paragraph: Paragraph, text: Text) -> Paragraph:
        """Append inline text to a paragraph."""
        return add_text(paragraph, self.resolved, text, self.cjk(paragraph), self.style_ids["Hyperlink"])

    def run(self, paragraph: Paragraph, words: str, style: str | None = None) -> None:
        add_words(paragraph, self.resolved, words, self.cjk(paragraph), self.style_ids[style] if style else None)

    def link(self, paragraph: Paragraph, href: str, words: str) -> None:
        """A hyperlink on plain words (a source's URL)."""
        spans = [Span(words, href=href)]
        add_hyperlink(paragraph, self.resolved, href, spans, self.cjk(paragraph), self.style_ids["Hyperlink"])

    def cite(self, paragraph: Paragraph, source: str | None, text: Text = None) -> None:
        """Append " [3]" for `source`, unless `text` (already printed) cites it itself."""
        cites = self.resolved.part_cites(source, text if isinstance(text, InlineText) else None)
        if cites:
            self.run(paragraph, self.resolved.cite_after(paragraph.text, cites))

    def lead_in(self, style: str, key: str, text: Text, container=None, **values: object) -> Paragraph:
        """A paragraph opening with a label in the Lead In character style: "What Lei Jun did: ..."."""
        paragraph = self.paragraph(style, container)
        self.run(paragraph, self.resolved.titled(self.label(key, **values)), "Lead In")
        return self.text(paragraph, text)

    def bullets(self, items: Iterable[Text], style: str = "List Bullet", container=None) -> None:
        for item in items:
            self.para(style, item, container)


def _set_style(p, style_id: str) -> None:
    """`p.style = style_id`, in one step where the paragraph has no properties yet (python-docx searches the schema)."""
    if p.pPr is not None:
        p.style = style_id
        return
    properties = OxmlElement("w:pPr")
    SubElement(properties, qn("w:pStyle")).set(qn("w:val"), style_id)
    p.insert(0, properties)

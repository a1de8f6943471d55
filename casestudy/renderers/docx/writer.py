"""The handout's writer: the document being written and its styles by id.

Body functions write through it, so that every paragraph names a style.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from docx.document import Document
from docx.text.paragraph import Paragraph

from casestudy.model import InlineText
from casestudy.options import RenderOptions
from casestudy.renderers.docx.personal import Fields
from casestudy.renderers.docx.runs import add_text, add_words
from casestudy.resolve import ResolvedCase

Text = InlineText | str | None


@dataclass
class Writer:
    """The document being written and what it is written from."""

    document: Document
    resolved: ResolvedCase
    options: RenderOptions
    fields: Fields  # where the participant's words go
    style_ids: dict[str, str] = field(init=False)  # looking a style up by name is slow in python-docx

    def __post_init__(self) -> None:
        self.style_ids = {style.name: style.style_id for style in self.document.styles}

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
        paragraph = (container or self.document).add_paragraph()
        paragraph._p.style = self.style_ids[style]
        return paragraph

    def para_in(self, cell, style: str, text: Text = None) -> Paragraph:
        """The first paragraph of a table cell, in `style`, holding inline text."""
        paragraph = cell.paragraphs[0]
        paragraph._p.style = self.style_ids[style]
        return self.text(paragraph, text)

    def strong_in(self, cell, style: str, words: str) -> Paragraph:
        """A cell's first paragraph opening with words in the Lead In character style."""
        paragraph = self.para_in(cell, style)
        self.run(paragraph, words, "Lead In")
        return paragraph

    def text(self, paragraph: Paragraph, text: Text) -> Paragraph:
        """Append inline text to a paragraph."""
        return add_text(paragraph, self.resolved, text)

    def run(self, paragraph: Paragraph, words: str, style: str | None = None) -> None:
        add_words(paragraph, self.resolved, words, self.style_ids[style] if style else None)

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

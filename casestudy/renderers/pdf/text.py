"""Outline text -> reportlab Paragraph markup: every character escaped, styles only from the spans.

reportlab's Paragraph parses an XML-like markup, so user text is escaped before it goes in;
bold, italic, links, citation numbers and exhibit references come from the spans alone, and
each run of characters the style's font cannot draw is wrapped in the fallback font's tag.

Words wider than a line are cut by the styles' `splitLongWords`, after a soft hyphen too
(a workaround in `_reportlab_compat`).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from reportlab.lib import colors

from casestudy.inline import Span
from casestudy.model import InlineText
from casestudy.renderers.pdf.fonts import FontSet
from casestudy.resolve import ResolvedCase


def note_anchor(number: int) -> str:
    """The named destination of endnote `number`."""
    return f"note-{number}"


def exhibit_anchor(exhibit_id: str) -> str:
    return f"exhibit-{exhibit_id}"


class Markup:
    """Builds Paragraph markup for one document: knows its fonts, its links colour and its case."""

    def __init__(self, resolved: ResolvedCase, fonts: FontSet, link_colour: colors.Color) -> None:
        self.resolved = resolved
        self.fonts = fonts
        self.link = link_colour.hexval().replace("0x", "#")

    def plain(self, text: str, family: str) -> str:
        """Literal text as markup: escaped, with fallback-font runs."""
        out = []
        for run_family, chunk in self.fonts.runs(text, family):
            escaped = escape(chunk)
            out.append(escaped if run_family == family else f"<font face={quoteattr(run_family)}>{escaped}</font>")
        return "".join(out)

    def inline(self, text: InlineText | str | None, family: str) -> str:
        """Outline text as markup: literal characters, styles from its spans."""
        if text is None:
            return ""
        if isinstance(text, str):
            return self.plain(text, family)
        spans = text.spans
        following = (*spans[1:], None)
        return "".join(self.span(_before_citation(s, nxt), family) for s, nxt in zip(spans, following, strict=True))

    def span(self, span: Span, family: str) -> str:
        if span.cites:
            body = self.citation(span.cites)
        elif span.ref:
            body = self.reference(span.ref, family)
        else:
            body = self.plain(span.text, family)
            if span.href:
                body = f'<a href={quoteattr(span.href)} color="{self.link}">{body}</a>'
        if span.emph:
            body = f"<i>{body}</i>"
        if span.strong:
            body = f"<b>{body}</b>"
        return body

    def citation(self, ids: tuple[str, ...]) -> str:
        """Superscript endnote numbers, each a link to its note."""
        links = [f'<a href="#{note_anchor(n)}" color="{self.link}">{n}</a>' for n in self.resolved.note_numbers(ids)]
        return f"<super>{','.join(links)}</super>" if links else ""

    def cite_source(self, source_id: str | None, already: InlineText | None = None) -> str:
        """The citation for a part's `source` field, unless its text already cites that source."""
        return self.citation(self.resolved.part_cites(source_id, already))

    def reference(self, exhibit_id: str, family: str) -> str:
        """ "Exhibit 3", linked to the exhibit."""
        words = self.plain(self.resolved.ref_label(exhibit_id), family)
        if self.resolved.exhibit(exhibit_id) is None:
            return words
        return f'<a href="#{exhibit_anchor(exhibit_id)}" color="{self.link}">{words}</a>'


def _before_citation(span: Span, following: Span | None) -> Span:
    """Text before a citation loses its trailing space, so the superscript sits on the word."""
    if following is not None and following.cites and span.text and not span.cites:
        return Span(span.text.rstrip(), span.strong, span.emph, span.href)
    return span

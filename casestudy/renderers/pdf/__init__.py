"""PDF renderer: ResolvedCase -> a case study PDF (reportlab platypus), participant or instructor edition.

`render` registers the theme's fonts, builds the story (flow.py: one function per outline
part) and lays it out once (page.py: what needs the page total is drawn as the PDF is saved).
"""

from __future__ import annotations

from typing import BinaryIO

from casestudy.options import RenderOptions
from casestudy.renderers.pdf import _reportlab_compat
from casestudy.renderers.pdf.blocks import Context
from casestudy.renderers.pdf.flow import story
from casestudy.renderers.pdf.fonts import load_fonts
from casestudy.renderers.pdf.page import CaseDocTemplate, EndOfStory
from casestudy.renderers.pdf.styles import make_styles
from casestudy.renderers.pdf.text import Markup
from casestudy.resolve import ResolvedCase

__all__ = ["render"]


def printed_characters(resolved: ResolvedCase) -> frozenset[str]:
    """Every character the document may print: the outline's text, the labels, and ASCII.

    What a CFF font is cut to when it is made TrueType (`truetype`); a superset is harmless, and
    ASCII is in it since a space or digit between Chinese characters is set in the Chinese face.
    """
    text = resolved.case.model_dump_json() + "".join(resolved.labels.values())
    return frozenset(text) | frozenset(map(chr, range(0x20, 0x7F)))


def render(resolved: ResolvedCase, out: BinaryIO, options: RenderOptions) -> int:
    """Write the case as a PDF to `out`; returns the number of pages."""
    _reportlab_compat.apply()  # here, not at import: importing the writer leaves reportlab as it is
    theme = resolved.theme
    f = theme.fonts
    fonts = load_fonts(f.heading, f.body, f.cjk, f.cjk_serif, printed_characters(resolved))
    styles = make_styles(theme, fonts, resolved.case.meta.language)
    doc = CaseDocTemplate(out, resolved, styles, options.edition == "instructor")
    ctx = Context(resolved, styles, Markup(resolved, fonts, styles.colours.primary), options.edition, doc.height)
    doc.build([*story(ctx, doc.width, doc.contents), EndOfStory()])
    return doc.pages

"""PDF renderer: ResolvedCase -> a case study PDF (reportlab platypus), participant or instructor edition.

`render` registers the theme's fonts, builds the story (flow.py: one function per outline
part) and lays it out in as many passes as the contents and "Page N of M" need.
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


def render(resolved: ResolvedCase, out: BinaryIO, options: RenderOptions) -> int:
    """Write the case as a PDF to `out`; returns the number of pages."""
    _reportlab_compat.apply()  # here, not at import: importing the writer leaves reportlab as it is
    theme = resolved.theme
    fonts = load_fonts(theme.fonts.heading, theme.fonts.body, theme.fonts.cjk)
    styles = make_styles(theme, fonts, resolved.case.meta.language)
    doc = CaseDocTemplate(out, resolved, styles, options.edition == "instructor")
    ctx = Context(resolved, styles, Markup(resolved, fonts, styles.colours.primary), options.edition, doc.height)
    flowables = [doc.page_count, *story(ctx, doc.width, doc.contents), EndOfStory()]
    doc.multiBuild(flowables)
    return doc.page_count.pages

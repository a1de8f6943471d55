"""PowerPoint renderer: ResolvedCase -> a 16:9 teaching deck (.pptx) with speaker notes.

plan (case -> slide specs) -> layout (specs -> fitted pages) -> emit (python-pptx).
"""

from __future__ import annotations

from dataclasses import replace
from typing import BinaryIO

from casestudy.options import RenderOptions
from casestudy.renderers import ooxml
from casestudy.renderers.pptx import emit
from casestudy.renderers.pptx.layout import Deck, Grid, Style
from casestudy.renderers.pptx.plan import continued_notes, notes_text, plan_slides
from casestudy.resolve import ResolvedCase

__all__ = ["render"]


def render(resolved: ResolvedCase, out: BinaryIO, options: RenderOptions) -> int:
    """Write the deck for `options.edition` to `out`; returns the number of slides."""
    prs = emit.open_presentation(options.template)
    width, height = emit.slide_size(prs)
    layouts = emit.Layouts(prs)
    if options.template is None:
        style, grid = Style.from_theme(resolved.theme), Grid(width, height)
    else:
        heading, body = emit.template_fonts(prs)
        style = replace(Style.from_theme(resolved.theme, heading, body), title_colour=None)
        grid = Grid(width, height, layouts.title_box())
    deck = Deck(grid, style, resolved.label("continued"))
    for spec in plan_slides(resolved, options.edition):
        deck.add(spec, notes_text(spec.notes, resolved.label), continued_notes(spec.notes, spec.title, resolved.label))
    emit.write_deck(prs, layouts, deck.pages, resolved, style, grid)
    ooxml.finish(prs, resolved)
    prs.save(out)
    return len(deck.pages)

"""PowerPoint renderer: ResolvedCase -> a 16:9 teaching deck (.pptx) with speaker notes.

plan (case + class plan -> slide specs) -> layout (specs -> fitted pages) -> emit (python-pptx),
on the layouts `layouts` chooses. On a company template the template is the look: its size,
master, layouts, fonts and theme colours, its logo rather than the outline's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import BinaryIO

from casestudy.options import RenderOptions
from casestudy.renderers import ooxml
from casestudy.renderers.pptx import emit
from casestudy.renderers.pptx.layout import Deck, Grid, Style
from casestudy.renderers.pptx.layouts import Layouts
from casestudy.renderers.pptx.notes import continued_notes, notes_text
from casestudy.renderers.pptx.plan import plan_slides
from casestudy.renderers.pptx.words import unbreakable_names
from casestudy.resolve import ResolvedCase

__all__ = ["render"]


def render(resolved: ResolvedCase, out: BinaryIO, options: RenderOptions) -> int:
    """Write the deck for `options.edition` to `out`; returns the number of slides."""
    prs = emit.open_presentation(options.template)
    width, height = emit.slide_size(prs)
    layouts = Layouts(prs)
    if options.template is None:
        style, grid = Style.from_theme(resolved.theme), Grid(width, height)
    else:
        style = Style.from_template(resolved.theme, *emit.template_fonts(prs))
        grid = Grid(width, height, layouts.frames())
    style = replace(style, unbreakable=unbreakable_names(resolved))
    deck = Deck(grid, style, resolved.continued, footer_words(resolved, options), marked=instructor(options))
    for spec in plan_slides(resolved, options.edition):
        deck.add(spec, notes_text(spec.notes, resolved), continued_notes(spec.notes, spec.title, resolved))
    pages = deck.numbered()
    emit.write_deck(prs, layouts, pages, grid, deck_logo(resolved, prs, options))
    ooxml.finish(prs, resolved)
    prs.save(out)
    return len(pages)


def deck_logo(resolved: ResolvedCase, prs, options: RenderOptions) -> emit.Logo | None:
    """The theme's logo; on a company template only the outline's own, and only if the template has no picture."""
    logo = resolved.theme.logo
    if options.template is not None and (resolved.case.theme.logo is None or emit.has_pictures(prs)):
        return None
    return emit.Logo(logo, resolved.case.meta.institution) if logo else None


def instructor(options: RenderOptions) -> bool:
    return options.edition == "instructor"


def footer_words(resolved: ResolvedCase, options: RenderOptions) -> str:
    """The running title; in the instructor edition also its mark, so no slide of it is projected unawares."""
    if instructor(options):
        return resolved.joined((resolved.running_title, resolved.edition_label(options.edition)), "separator")
    return resolved.running_title

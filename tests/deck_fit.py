"""Deck fit check for the tests: re-measure every text frame and table cell, find overlapping shapes.

Reads only what the file says (sizes, insets, fonts, bullets, spacing), measures it again with
`fit`, and reports what would overflow its shape or collide with another content shape.
"""

from __future__ import annotations

from typing import BinaryIO

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Emu

from casestudy.renderers.pptx.fit import Para, Run, block_height, is_wide, wrap

TOLERANCE = 0.5  # points: rounding to EMU
RUNNING = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)


def _para(paragraph, default_cjk: str) -> Para | None:
    runs = [r for r in paragraph.runs if r.text]
    if not runs:
        return None
    first = runs[0].font
    # each run names the face of its script: the paragraph's faces are its first latin and first CJK run's
    latin = next((r for r in runs if not any(map(is_wide, r.text))), runs[0])
    wide = next((r for r in runs if any(map(is_wide, r.text))), runs[0])
    ea = wide._r.find(f"{qn('a:rPr')}/{qn('a:ea')}")
    ppr = paragraph._p.pPr
    number = ppr.find(qn("a:buAutoNum")) if ppr is not None else None
    # a bullet of the deck's own, or a template's (inherited) at the hanging indent the deck wrote
    hanging = ppr is not None and ppr.get("indent", "0").startswith("-") and ppr.find(qn("a:buNone")) is None
    bullet = ppr is not None and (ppr.find(qn("a:buChar")) is not None or (hanging and number is None))
    return Para(
        runs=tuple(Run(r.text, bool(r.font.bold), bool(r.font.italic)) for r in runs),
        size=first.size.pt,
        family=latin.font.name or "",
        cjk=ea.get("typeface") if ea is not None else default_cjk,
        colour="#000000",
        bullet=bullet,
        number=int(number.get("startAt", "1")) if number is not None else 0,
        space_after=paragraph.space_after.pt if paragraph.space_after is not None else 0.0,
    )


def _needed(tf, width: float, inset: float) -> float:
    paras = [p for p in (_para(par, "") for par in tf.paragraphs) if p]
    return block_height(paras, width, inset) if paras else 0.0


def needed_height(shape) -> float:
    """Points of height the text of a shape needs, measured again from the file."""
    return _needed(shape.text_frame, Emu(shape.width).pt, Emu(shape.text_frame.margin_left).pt)


def overflows(deck: str | BinaryIO) -> list[str]:
    """Every text frame or table cell whose text needs more height than its shape has."""
    problems = []
    for number, slide in enumerate(Presentation(deck).slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip() and not _running(shape):
                need = _needed(shape.text_frame, Emu(shape.width).pt, Emu(shape.text_frame.margin_left).pt)
                if need > Emu(shape.height).pt + TOLERANCE:
                    problems.append(
                        f"slide {number}: {shape.name}: needs {need:.0f} pt, has {Emu(shape.height).pt:.0f}"
                    )
            if shape.has_table:
                problems += _table_overflows(number, shape.table)
    return problems


def _table_overflows(number: int, table) -> list[str]:
    problems = []
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            need = _needed(cell.text_frame, Emu(table.columns[c].width).pt, Emu(cell.margin_left).pt)
            if need > Emu(row.height).pt + TOLERANCE:
                problems.append(
                    f"slide {number}: table cell {r},{c}: needs {need:.0f} pt, has {Emu(row.height).pt:.0f}"
                )
    return problems


def _running(shape) -> bool:
    """A template's footer or slide number: set in the template's own type, in the template's own box."""
    return shape.is_placeholder and shape.placeholder_format.type in RUNNING


def _is_content(shape) -> bool:
    """Shapes a reader reads: text, pictures, charts, tables (not lines, markers or bands)."""
    has_text = shape.has_text_frame and bool(shape.text_frame.text.strip())
    return has_text or shape.shape_type in (13,) or getattr(shape, "has_chart", False) or shape.has_table


def overlaps(deck: str | BinaryIO) -> list[str]:
    """Every pair of content shapes on a slide whose boxes intersect, and any outside the slide."""
    prs = Presentation(deck)
    width, height = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
    problems = []
    for number, slide in enumerate(prs.slides, start=1):
        boxes = [(s.name, _box(s)) for s in slide.shapes if _is_content(s)]
        for i, (name, (x, y, w, h)) in enumerate(boxes):
            if x < -TOLERANCE or y < -TOLERANCE or x + w > width + TOLERANCE or y + h > height + TOLERANCE:
                problems.append(f"slide {number}: {name} leaves the slide")
            for other, (x2, y2, w2, h2) in boxes[i + 1 :]:
                if min(x + w, x2 + w2) - max(x, x2) > TOLERANCE and min(y + h, y2 + h2) - max(y, y2) > TOLERANCE:
                    problems.append(f"slide {number}: {name} overlaps {other}")
    return problems


def _box(shape) -> tuple[float, float, float, float]:
    return Emu(shape.left).pt, Emu(shape.top).pt, Emu(shape.width).pt, Emu(shape.height).pt


def fitted_lines(deck: str | BinaryIO) -> list[list[str]]:
    """Every paragraph of every text frame and table cell of the saved deck, as `fit` wraps it into lines."""
    out = []
    for slide in Presentation(deck).slides:
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append((shape.text_frame, Emu(shape.width).pt, Emu(shape.text_frame.margin_left).pt))
            if shape.has_table:
                table = shape.table
                for row in table.rows:
                    for c, cell in enumerate(row.cells):
                        frames.append((cell.text_frame, Emu(table.columns[c].width).pt, Emu(cell.margin_left).pt))
            for frame, width, inset in frames:
                for paragraph in frame.paragraphs:
                    para = _para(paragraph, "")
                    if para is not None:
                        out.append([para.text[a:b] for a, b in wrap(para, width, inset)])
    return out

"""Where text lands on a PDF's pages, read back with pypdf: for the tests of page layout.

A `Line` is one run of text as the PDF draws it, with its page, baseline height, font and size;
`lines` lists a document's runs page by page, top to bottom, as a reader meets them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdf


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    y: float  # baseline, points from the foot of the page
    x: float
    font: str  # base font name without its subset prefix
    size: float  # points, as drawn
    text: str

    @property
    def sans(self) -> bool:
        return "Sans" in self.font or "Carlito" in self.font or "Helvetica" in self.font


def lines(pdf: Path | bytes) -> list[list[Line]]:
    """Each page's text runs, top to bottom (and left to right on one baseline)."""
    reader = pypdf.PdfReader(pdf if isinstance(pdf, Path) else io.BytesIO(pdf))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        found: list[Line] = []

        def visit(text, cm, tm, font, size, number=number, found=found):
            if not text.strip() or not font:
                return
            y = tm[5] * cm[3] + cm[5]
            x = tm[4] * cm[0] + cm[4]
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            found.append(Line(number, y, x, name, abs(size * tm[3] * cm[3]), text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(sorted(found, key=lambda line: (-round(line.y, 1), line.x)))
    return pages

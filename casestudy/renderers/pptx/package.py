"""python-pptx's package with an index of its part names, so adding a slide costs the same on slide 500 as on slide 1.

`OpcPackage.next_partname` walks every part of the package to name each new slide, notes
slide, chart and workbook: a deck of n slides took n² steps. `IndexedPackage` answers as it
does (the highest free number up to one past the names already taken, see python-pptx
1.0's `next_partname`) from a set per kind of name, read from the package on the first
request for that kind and added to on each answer. That holds while parts are only added,
as `emit` does: a template's own slides are dropped before the first slide is added.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pptx
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.packuri import PackURI
from pptx.package import Package
from pptx.presentation import Presentation

PRESENTATION_TYPES = (CT.PML_PRESENTATION_MAIN, CT.PML_PRES_MACRO_MAIN)  # what python-pptx's Presentation() opens
DEFAULT = Path(pptx.__file__).parent / "templates" / "default.pptx"  # python-pptx's own default deck


class IndexedPackage(Package):
    """A .pptx package naming new parts from an index of the names it holds."""

    def __init__(self, pkg_file: str | IO[bytes]) -> None:
        super().__init__(pkg_file)
        self._taken: dict[str, set[str]] = {}  # name prefix ("/ppt/slides/slide") -> the names it begins

    def next_partname(self, tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        if prefix not in self._taken:
            self._taken[prefix] = {part.partname for part in self.iter_parts() if part.partname.startswith(prefix)}
        taken = self._taken[prefix]
        free = next(n for n in range(len(taken) + 1, 0, -1) if tmpl % n not in taken)
        taken.add(tmpl % free)
        return PackURI(tmpl % free)


def open_indexed(source: IO[bytes] | None = None) -> Presentation:
    """A presentation as `pptx.Presentation(source)` opens it (python-pptx's default deck without one), on an
    `IndexedPackage`."""
    part = IndexedPackage.open(source or str(DEFAULT)).main_document_part
    if part.content_type not in PRESENTATION_TYPES:
        raise ValueError(f"file '{source}' is not a PowerPoint file, content type is '{part.content_type}'")
    return part.presentation

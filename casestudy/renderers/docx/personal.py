"""Personalised handouts: each edition rendered once with the participant's fields marked, then filled in.

A class's handouts differ only in the participant's line (under the title and in the header),
so rendering each in full repeats the same work a hundred times. Instead the edition is
rendered once, each participant field a processing instruction (`<?casestudy-field 0?>`) in
place of its runs: outline text can never produce one, since every `<` in text is escaped.
Each participant's copy replaces the instructions with the runs a full render writes there,
made by the same functions on the template's own paragraphs (so the same styles, fonts, script
runs and XML escaping), and swaps the changed parts into the stamped package.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from docx.document import Document
from docx.text.paragraph import Paragraph
from lxml import etree

from casestudy.options import Participant, RenderOptions
from casestudy.renderers import ooxml
from casestudy.renderers.docx.package import Package
from casestudy.resolve import ResolvedCase

FieldWriter = Callable[[Paragraph, Participant], object]  # writes a participant's runs at the end of a paragraph
MARK = "casestudy-field"
_MARKS = re.compile(rb"<\?" + MARK.encode() + rb" ([0-9]+)\?>")
_NAMESPACES = re.compile(rb' xmlns(?::[\w.-]+)?="[^"]*"')
_KEPT = 8  # marked handouts kept per process: one per outline, edition and company template of a build


@dataclass
class Fields:
    """Where a participant's words go: written at once in a full render, marked in a template."""

    participant: Participant | None
    marking: bool = False
    marked: list[tuple[Paragraph, FieldWriter]] = field(default_factory=list)

    def add(self, paragraph: Paragraph, write: FieldWriter) -> None:
        if not self.marking:
            assert self.participant is not None, "a participant field in a handout for nobody"
            write(paragraph, self.participant)
            return
        paragraph._p.append(etree.ProcessingInstruction(MARK, str(len(self.marked))))
        self.marked.append((paragraph, write))


@dataclass
class MarkedHandout:
    """An edition's handout with its participant fields marked: the package and the marked parts split at the marks."""

    document: Document  # kept to write each participant's runs with the renderer's own functions
    fields: list[tuple[Paragraph, FieldWriter]]
    package: Package
    parts: dict[str, list[bytes | int]]  # part name -> its XML pieces and, between them, field numbers

    def fill(self, participant: Participant) -> bytes:
        """The participant's copy, byte for byte the package a full render of it writes."""
        runs = [_runs_xml(paragraph, write, participant) for paragraph, write in self.fields]
        parts = {
            name: b"".join(runs[p] if isinstance(p, int) else p for p in pieces) for name, pieces in self.parts.items()
        }
        return self.package.with_parts(parts)


def _runs_xml(paragraph: Paragraph, write: FieldWriter, participant: Participant) -> bytes:
    """The runs `write` adds to `paragraph`, serialised as in their part (namespaces are declared at its root)."""
    element = paragraph._p
    first = len(element)
    write(paragraph, participant)
    added = element[first:]
    for run in added:
        element.remove(run)
    return b"".join(_without_declarations(etree.tostring(run, encoding="UTF-8", with_tail=False)) for run in added)


def _without_declarations(xml: bytes) -> bytes:
    """An element's XML without the namespace declarations lxml puts on its start tag when it is serialised alone."""
    end = xml.index(b">")
    return _NAMESPACES.sub(b"", xml[:end]) + xml[end:]


_marked: dict[tuple[int, RenderOptions], tuple[ResolvedCase, MarkedHandout]] = {}


def write_copy(resolved: ResolvedCase, out: BinaryIO, options: RenderOptions, render: Callable[..., Document]) -> None:
    """Write `options.participant`'s handout, from the edition marked once in this process (on first use).

    `render(resolved, options, fields)` is the renderer: it returns the document, ready to save.
    """
    general = replace(options, participant=None)
    key = (id(resolved), general)
    if key not in _marked:
        if len(_marked) >= _KEPT:
            _marked.pop(next(iter(_marked)))
        _marked[key] = (resolved, mark_fields(resolved, options, render))  # the case kept: its id stays its own
    assert options.participant is not None, "a personal copy for nobody"
    out.write(_marked[key][1].fill(options.participant))


def mark_fields(resolved: ResolvedCase, options: RenderOptions, render: Callable[..., Document]) -> MarkedHandout:
    """The edition rendered with its participant fields marked, stamped as the build stamps every package."""
    if resolved.edition != options.edition:  # as `renderers.get_renderer` refuses it for a full render
        raise ValueError(f"the case is resolved for the {resolved.edition} edition, not the {options.edition}")
    fields = Fields(options.participant, marking=True)
    document = render(resolved, options, fields)
    saved, stamped = io.BytesIO(), io.BytesIO()
    document.save(saved)
    saved.seek(0)
    ooxml.normalise_zip(saved, stamped, resolved.timestamp)
    package = Package(stamped.getvalue())
    parts: dict[str, list[bytes | int]] = {}
    with_marks = {name: xml for name, xml in _xml_parts(stamped) if _MARKS.search(xml)}
    for name, xml in with_marks.items():
        pieces = _MARKS.split(xml)
        parts[name] = [int(p) if i % 2 else p for i, p in enumerate(pieces)]
    found = sorted(p for pieces in parts.values() for p in pieces if isinstance(p, int))
    if found != list(range(len(fields.marked))):
        raise RuntimeError(f"participant fields {found} in the saved handout, expected {len(fields.marked)}")
    return MarkedHandout(document, fields.marked, package, parts)


def _xml_parts(package: io.BytesIO) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(package) as zf:
        return [(name, zf.read(name)) for name in zf.namelist() if name.endswith(".xml")]

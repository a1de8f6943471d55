"""Company templates as untrusted input: read once per build, checked and cleaned before any library opens them.

A template comes from whoever handed it out, so before python-pptx or python-docx see it:
- its size is bounded (the file, all its parts unpacked, each big part's compression ratio,
  the number of parts), so a zip bomb is refused before it is unpacked;
- macros, ActiveX controls and embedded OLE objects are refused (exit 2): they would be
  carried into every document built on it;
- every external relationship but a hyperlink is dropped with a warning naming it (a linked
  picture at `http://` or at a `file://` share, which Windows opens with the user's
  credentials; Word's attached template, which Word fetches on opening), together with the
  markup that used it;
- a template's content type (`.potx`, `.dotx`) becomes the document's, so the output opens
  as a presentation or a document, not as a template.
The build reads each template file once and hands the cleaned bytes to every writer.
"""

from __future__ import annotations

import io
import logging
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from casestudy.errors import UsageError
from casestudy.options import Template

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024  # a corporate template with its pictures is a few MB
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # every part unpacked
MAX_PARTS = 2_000  # zip entries: a template with a hundred layouts has a few hundred
MAX_RATIO = 100  # unpacked : packed, for a part of RATIO_FROM bytes or more (XML packs 5-20 times)
RATIO_FROM = 1024 * 1024

CONTENT_TYPES = "[Content_Types].xml"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R_NAMESPACES = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}",  # strict conformance
)
_VML_RELID = "{urn:schemas-microsoft-com:office:office}relid"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
_DML = "application/vnd.openxmlformats-officedocument"


@dataclass(frozen=True)
class Kind:
    """What a format's templates are: the main part's content types it accepts, and what it writes."""

    what: str  # "a PowerPoint presentation or template", for messages
    accepted: frozenset[str]  # the main part's content types a template of this kind may have
    document: str  # the content type the output's main part gets


KINDS: dict[str, Kind] = {
    "pptx": Kind(
        "a PowerPoint presentation or template (.pptx, .potx)",
        frozenset(f"{_DML}.presentationml.{k}.main+xml" for k in ("presentation", "template", "slideshow")),
        f"{_DML}.presentationml.presentation.main+xml",
    ),
    "docx": Kind(
        "a Word document or template (.docx, .dotx)",
        frozenset(f"{_DML}.wordprocessingml.{k}.main+xml" for k in ("document", "template")),
        f"{_DML}.wordprocessingml.document.main+xml",
    ),
}


# Content that runs code or embeds objects, and how a package names it: words in its content
# types, the ends of its relationship types, words in its part names.
@dataclass(frozen=True)
class Refused:
    what: str
    content_types: tuple[str, ...]
    relationships: tuple[str, ...]
    part_names: tuple[str, ...]


REFUSED = (
    Refused(
        "macros",
        ("macroenabled", "vbaproject", "vbadata", "keymapcustomizations"),
        ("/vbaproject", "/wordvbadata", "/keymapcustomizations"),
        ("vbaproject.bin", "vbadata.xml"),
    ),
    Refused("ActiveX controls", ("activex",), ("/control", "/activexcontrolbinary"), ("/activex/",)),
    Refused("embedded OLE objects", ("oleobject",), ("/oleobject",), ("/embeddings/oleobject",)),
)
HYPERLINK = "/hyperlink"  # the one kind of external relationship kept: Office asks before following it
PACKAGE = "/package"  # an embedded package: a chart's workbook, or an object PowerPoint or Word runs


def read_template(path: Path, fmt: str) -> Template:
    """The template at `path` for format `fmt`, checked and cleaned; UsageError says why one is refused."""
    kind = KINDS[fmt]
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UsageError(f"{path}: the template is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the template: {exc.strerror}") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = _unpack(package, path)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise UsageError(f"{path}: not {kind.what}: {exc}") from None
    cleaned = _Cleaner(path, parts, kind).clean()
    return Template(str(path), _pack(cleaned))


def _unpack(package: zipfile.ZipFile, path: Path) -> dict[str, bytes]:
    """Every part's bytes, once its declared sizes are within bounds (zipfile holds a part to its declared size)."""
    infos = package.infolist()
    if len(infos) > MAX_PARTS:
        raise UsageError(f"{path}: the template has {len(infos):,} parts; the limit is {MAX_PARTS:,}")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise UsageError(f"{path}: the template unpacks to {total:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}")
    for info in infos:
        if info.file_size >= RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UsageError(
                f"{path}: the template's part {info.filename} unpacks {info.file_size // max(info.compress_size, 1):,}"
                f" times its packed size; the limit is {MAX_RATIO} (a zip bomb?)"
            )
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise UsageError(f"{path}: the template is damaged: a part is stored twice")
    return {info.filename: package.read(info) for info in infos if not info.is_dir()}


def _pack(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


class _Cleaner:
    """One template's parts: refuse what runs code, drop external links, make the main part a document's."""

    def __init__(self, path: Path, parts: dict[str, bytes], kind: Kind) -> None:
        self.path, self.parts, self.kind = path, dict(parts), kind
        if CONTENT_TYPES not in parts:
            raise UsageError(f"{path}: not {kind.what}: it has no {CONTENT_TYPES}")
        self.types = self._xml(CONTENT_TYPES)

    def clean(self) -> dict[str, bytes]:
        self._refuse_code()
        for rels in [name for name in self.parts if name.endswith(".rels")]:
            self._drop_external(rels)
        self._become_a_document()
        return self.parts

    def _xml(self, name: str):
        try:
            return etree.fromstring(self.parts[name], _PARSER)
        except etree.XMLSyntaxError as exc:
            raise UsageError(f"{self.path}: not {self.kind.what}: {name}: {exc}") from None

    def _refuse_code(self) -> None:
        """Refuse macros, ActiveX and OLE, wherever the package names them: a part, a content type, a relationship."""
        names = list(self.parts)
        types = [el.get("ContentType", "").lower() for el in self.types]
        relationships = []
        for rels in (name for name in self.parts if name.endswith(".rels")):
            for rel in self._xml(rels).iter(f"{_PR}Relationship"):
                kind = rel.get("Type", "").lower()
                objects = kind.endswith(PACKAGE) and "/charts/" not in "/" + rels  # not a chart's workbook
                relationships.append("/oleobject" if objects else kind)
        for refused in REFUSED:
            found = (
                [n for n in names if any(mark in "/" + n.lower() for mark in refused.part_names)]
                + [t for t in types if any(mark in t for mark in refused.content_types)]
                + [r for r in relationships if r.endswith(refused.relationships)]
            )
            if found:
                raise UsageError(
                    f"{self.path}: refused: the template holds {refused.what} ({found[0]});"
                    f" save it without them as {self.kind.what}"
                )

    def _drop_external(self, rels_name: str) -> None:
        """Drop the external relationships of one .rels part but hyperlinks, and the markup that used them."""
        rels = self._xml(rels_name)
        source = _source_of(rels_name)
        dropped = set()
        for rel in list(rels.iter(f"{_PR}Relationship")):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if rel.get("TargetMode") == "External" and "/" + kind.lower() != HYPERLINK:
                log.warning(
                    "%s: dropped the template's external %s link to %s (in %s)",
                    self.path,
                    kind,
                    rel.get("Target", ""),
                    source or "the package",
                )
                dropped.add(rel.get("Id", ""))
                rels.remove(rel)
        if not dropped:
            return
        self.parts[rels_name] = _serialise(rels)
        if source in self.parts:
            root = self._xml(source)
            _unlink(root, dropped)
            self.parts[source] = _serialise(root)

    def _become_a_document(self) -> None:
        """The main part checked for this format, and typed as a document (a .potx or .dotx is a template)."""
        main = "/" + self._main_part()
        override = next((el for el in self.types.iter(f"{_CT}Override") if el.get("PartName") == main), None)
        current = override.get("ContentType") if override is not None else None
        if current not in self.kind.accepted:
            raise UsageError(f"{self.path}: not {self.kind.what}: its main part is {current or 'of no known type'}")
        if current != self.kind.document:
            override.set("ContentType", self.kind.document)
            self.parts[CONTENT_TYPES] = _serialise(self.types)

    def _main_part(self) -> str:
        if "_rels/.rels" not in self.parts:
            raise UsageError(f"{self.path}: not {self.kind.what}: it has no _rels/.rels")
        for rel in self._xml("_rels/.rels").iter(f"{_PR}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument") and rel.get("TargetMode") != "External":
                return posixpath.normpath(rel.get("Target", "").lstrip("/"))
        raise UsageError(f"{self.path}: not {self.kind.what}: it names no main part")


def _source_of(rels_name: str) -> str:
    """`ppt/slides/_rels/slide1.xml.rels` -> `ppt/slides/slide1.xml`; the package's own rels -> ''."""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels")) if folder != "_rels" else ""


def _unlink(root, ids: set[str]) -> None:
    """Remove what used the dropped relationships: a picture's `r:link` (it may embed a copy too), else the element.

    Every element that can hold such a reference is optional where it stands (a picture's
    blip, a video's link, `w:attachedTemplate`, VML image data), so the part stays valid.
    """
    for element in list(root.iter()):
        for attribute, value in list(element.attrib.items()):
            if value not in ids or not (attribute.startswith(_R_NAMESPACES) or attribute == _VML_RELID):
                continue
            if attribute.endswith("}link"):
                del element.attrib[attribute]
            elif element.getparent() is not None:
                element.getparent().remove(element)
                break


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

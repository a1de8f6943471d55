"""What both Office writers need (as pandoc's Writers/OOXML): properties, conformance, fixed dates.

`finish` is the last step of the Word and PowerPoint writers before they save: the core
properties, worded once for both; strict ECMA-376 conformance where python-pptx's and
python-docx's own templates fall short; and the document date inside embedded workbooks.
`normalise_zip` is the build's last step for every zip package: one fixed date on every entry,
so the same outline gives the same bytes. `template_colours` reads a company template's theme
colours (the DrawingML theme both formats share). Works on python-docx and python-pptx objects
alike and imports neither.
"""

from __future__ import annotations

import colorsys
import datetime as dt
import io
import re
import zipfile
from dataclasses import fields, replace
from typing import BinaryIO, Protocol

from lxml import etree

from casestudy.resolve import ResolvedCase
from casestudy.theme import TEMPLATE_COLOURS, Colours, theme_colour

ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest time a zip entry can hold
LAST_MODIFIED_BY = "casestudy"  # the tool, as the PDF's creator says; the authors are the creator
CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_MAPPED = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}  # text and ground on light paper, as Word maps them
_UINT = 2**32


class OfficeDocument(Protocol):
    """A python-docx Document or a python-pptx Presentation: what `finish` uses of either."""

    @property
    def core_properties(self): ...

    @property
    def part(self): ...


def finish(document: OfficeDocument, resolved: ResolvedCase) -> None:
    """Properties, conformance and embedded dates: everything an Office package needs before saving."""
    write_core_properties(document.core_properties, resolved)
    drop_styles_with_effects(document.part)
    for part in document.part.package.iter_parts():
        if part.content_type == CHART:
            non_negative_axis_ids(part._element)
            stamp_chart_workbook(part, resolved.timestamp)


def write_core_properties(props, resolved: ResolvedCase) -> None:
    """Title, subject, author, keywords, language, category, comments; dates from the outline, never now.

    Every field is set, so nothing of the library's template ("generated using python-pptx")
    or of a user's template survives into the properties.
    """
    shared = resolved.properties
    meta = resolved.case.meta
    props.title, props.subject, props.author = shared.title, shared.subject, shared.author
    props.keywords, props.language = shared.keywords, shared.language
    props.category, props.comments = meta.case_id, meta.usage
    props.last_modified_by = LAST_MODIFIED_BY
    props.revision = 1
    stamp = resolved.timestamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    props.created = props.modified = props.last_printed = stamp


def drop_styles_with_effects(document_part) -> None:
    """Drop Word 2010's stylesWithEffects part, which python-docx's template carries stale.

    Its styles and document defaults disagree with styles.xml (30 styles missing); Word 2013 and
    later neither need nor write it, and Word reads styles.xml when it is absent.
    """
    for rId, rel in list(document_part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            document_part.drop_rel(rId)


def non_negative_axis_ids(chart_space) -> None:
    """Axis ids as the schema's unsignedInt: python-pptx's chart templates write negative ones.

    Each id is read as the 32-bit value it stands for (-2068027336 -> 2226939960), so ids stay
    distinct and every axis still crosses the axis it crossed.
    """
    for element in chart_space.iter(f"{_C}axId", f"{_C}crossAx"):
        value = int(element.get("val"))
        if value < 0:
            element.set("val", str(value % _UINT))


def stamp_chart_workbook(chart_part, when: dt.datetime) -> None:
    """A chart's embedded workbook stamped with the document date, not the build time."""
    workbook = getattr(chart_part, "chart_workbook", None)
    xlsx = workbook.xlsx_part if workbook is not None else None
    if xlsx is None:
        return
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx.blob)) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            new.writestr(zipfile.ZipInfo(name, date_time=ZIP_EPOCH.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)
    workbook.update_from_xlsx_blob(out.getvalue())


def normalise_zip(source: BinaryIO, target: BinaryIO, when: dt.datetime) -> None:
    """Copy the zip in `source` to `target` with every entry stamped `when`, fixed attributes, same order.

    python-pptx and python-docx write each entry with the current time; the XML inside is
    already deterministic.
    """
    stamp = max(when.replace(tzinfo=None), ZIP_EPOCH).timetuple()[:6]
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3  # Unix, whatever machine builds it
            new.writestr(entry, old.read(info.filename), compresslevel=6)


def template_colours(theme_xml: bytes) -> Colours:
    """The colour roles as a template's theme sets them (`theme.TEMPLATE_COLOURS`), in "#RRGGBB".

    For a writer that cannot refer to theme colours everywhere it sets one (Word's table
    styles and borders): the same roles the deck refers to, resolved once.
    """
    scheme = etree.fromstring(theme_xml, etree.XMLParser(resolve_entities=False)).find(f".//{_A}clrScheme")
    found: dict[str, str] = {}
    for slot in scheme if scheme is not None else ():
        colour = slot.find(f"{_A}srgbClr")
        system = slot.find(f"{_A}sysClr")
        value = colour.get("val") if colour is not None else system.get("lastClr") if system is not None else None
        if value:
            found[etree.QName(slot).localname] = value.upper()

    def resolve(reference: str) -> str:
        slot, brightness = theme_colour(reference)
        return "#" + _brighter(found.get(_MAPPED.get(slot, slot), "808080"), brightness)  # the schema names all 12

    roles = {f.name: getattr(TEMPLATE_COLOURS, f.name) for f in fields(Colours)}
    resolved = {role: tuple(map(resolve, v)) if isinstance(v, tuple) else resolve(v) for role, v in roles.items()}
    return replace(TEMPLATE_COLOURS, **resolved)


def _brighter(rgb: str, brightness: float) -> str:
    """RRGGBB lightened (> 0) or darkened (< 0) as Office does it: its luminance moved toward white or black."""
    hue, light, saturation = colorsys.rgb_to_hls(*(int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)))
    light = light * (1 - brightness) + brightness if brightness > 0 else light * (1 + brightness)
    return "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, light, saturation))

"""Company templates made in code, for the tests and for looking at what the tool builds on them.

`python tests/office_templates.py DIR` writes two companies' templates to DIR:
- `kestrel.potx` and `kestrel.dotx`: a corporate master in red, Georgia headings and Verdana
  text, its own logo, a red band along the foot of every slide holding the footer;
- `hanse.pptx` and `hanse.docx`: a German 4:3 template ("Titelfolie", "Nur Titel", ...) in blue
  and orange, in Arial.
The tests build smaller variants with the same functions (other colours, sizes, layout names).
"""

from __future__ import annotations

import copy
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.ns import qn as word
from docx.shared import Mm, Pt, RGBColor
from lxml import etree
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Emu, Inches

from casestudy.fonts import find_font
from casestudy.options import Template
from casestudy.renderers import template_format
from casestudy.renderers.templates import read_template

GERMAN_LAYOUTS = {  # python-pptx's layouts as a German PowerPoint names them
    "Title Slide": "Titelfolie",
    "Title and Content": "Titel und Inhalt",
    "Section Header": "Abschnittsüberschrift",
    "Two Content": "Zwei Inhalte",
    "Comparison": "Vergleich",
    "Title Only": "Nur Titel",
    "Blank": "Leer",
    "Content with Caption": "Inhalt mit Überschrift",
    "Picture with Caption": "Bild mit Überschrift",
    "Title and Vertical Text": "Titel und vertikaler Text",
    "Vertical Title and Text": "Vertikaler Titel und Text",
}
_A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'  # for fragments of DrawingML
SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
TEMPLATE_TYPES = {  # a document's main content type -> its template's
    ".potx": ("presentationml.presentation.main+xml", "presentationml.template.main+xml"),
    ".dotx": ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml"),
}


@dataclass(frozen=True)
class Company:
    """A company's look: name, theme colours (RRGGBB by slot), fonts, logo colour."""

    name: str
    colours: dict[str, str]
    heading: str
    body: str
    band: bool = False  # a band in accent1 along the foot of every slide, holding the footer
    widescreen: bool = True  # 16:9, else python-pptx's own 4:3
    layout_names: dict[str, str] = field(default_factory=dict)  # python-pptx's name -> this company's


KESTREL = Company(
    "Kestrel Holdings",
    dict(
        dk1="1A1A1A",
        lt1="FFFFFF",
        dk2="5A0F12",
        lt2="F2EEE9",
        accent1="B01E23",
        accent2="3C3C3C",
        accent3="C8A45A",
        accent4="5B7F95",
        accent5="8A9A5B",
        accent6="7F5A83",
    ),
    "Georgia",
    "Verdana",
    band=True,
)
HANSE = Company(
    "Hanse Akademie",
    dict(
        dk1="1E1E1E",
        lt1="FFFFFF",
        dk2="002B55",
        lt2="E8EEF4",
        accent1="00539F",
        accent2="E37222",
        accent3="7AB800",
        accent4="6C7A89",
        accent5="00A3AD",
        accent6="B0105F",
    ),
    "Arial",
    "Arial",
    widescreen=False,
    layout_names=GERMAN_LAYOUTS,
)


# ---------------------------------------------------------------- a logo


def logo_png(company: Company, light: bool = False) -> bytes:
    """The company's mark: a square in its first accent with its initial, and its name beside it."""
    accent = "#" + company.colours["accent1"]
    ink = "#FFFFFF" if light else "#" + company.colours["dk1"]
    image = Image.new("RGBA", (520, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 119, 119), fill="#FFFFFF" if light else accent)
    face = find_font("DejaVu Sans", bold=True)
    big = ImageFont.truetype(str(face.path), 84) if face else ImageFont.load_default()
    small = ImageFont.truetype(str(face.path), 40) if face else ImageFont.load_default()
    draw.text((60, 60), company.name[0], fill=accent if light else "#FFFFFF", font=big, anchor="mm")
    draw.text((140, 60), company.name.split()[0].upper(), fill=ink, font=small, anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# ---------------------------------------------------------------- PowerPoint


def deck_template(company: Company, path: Path) -> Path:
    """A presentation (or, for a .potx path, a template) in the company's look, with a sample slide to discard."""
    prs = Presentation()
    if company.widescreen:
        _widen(prs)
    themed(prs.slide_master.part.part_related_by(RT.THEME), company)
    master = prs.slide_master
    _title_style(master, company)
    if company.band:
        _band_and_footer(prs)
    else:
        _side_strip(prs)
    _picture(master, logo_png(company), prs.slide_width - Inches(2.3), Inches(0.3), Inches(1.9))
    _title_slide(prs, company)
    for layout in prs.slide_layouts:
        layout.name = company.layout_names.get(layout.name, layout.name)
    prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = "A sample slide the tool drops"
    out = io.BytesIO()
    prs.save(out)
    path.write_bytes(as_template(out.getvalue(), path.suffix))
    return path


def _widen(prs) -> None:
    """python-pptx's 4:3 master and layouts stretched to 16:9 (13.333 x 7.5 in)."""
    factor = 12_192_000 / prs.slide_width
    prs.slide_width = Emu(12_192_000)
    for part in [prs.slide_master, *prs.slide_layouts]:
        for xfrm in part.shapes._spTree.iter(qn("a:off"), qn("a:ext")):
            name = "x" if xfrm.tag == qn("a:off") else "cx"
            xfrm.set(name, str(round(int(xfrm.get(name)) * factor)))


def themed(theme_part, company: Company) -> None:
    """A theme part (a deck's or a document's) with the company's colour slots and heading and body fonts."""
    theme = etree.fromstring(theme_part.blob)
    scheme = theme.find(f".//{qn('a:clrScheme')}")
    scheme.set("name", company.name)
    for slot in SLOTS:
        holder = scheme.find(qn(f"a:{slot}"))
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, qn("a:srgbClr"), val=company.colours[slot])
    for kind, face in (("major", company.heading), ("minor", company.body)):
        theme.find(f".//{qn(f'a:{kind}Font')}/{qn('a:latin')}").set("typeface", face)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _title_style(master, company: Company) -> None:
    """Titles left-aligned in the heading font, in the first accent (Kestrel) or the second dark (Hanse)."""
    title = master._element.find(f".//{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    title.set("algn", "l")
    colour = title.find(f"{qn('a:defRPr')}/{qn('a:solidFill')}/{qn('a:schemeClr')}")
    colour.set("val", "accent1" if company.band else "tx2")
    title.find(qn("a:defRPr")).set("sz", "3200")
    body = master._element.find(f".//{qn('p:bodyStyle')}/{qn('a:lvl1pPr')}")
    body.find(qn("a:buChar")).set("char", "■" if company.band else "–")
    body.insert(2, etree.fromstring(f'<a:buClr {_A}><a:schemeClr val="accent1"/></a:buClr>'))


def _band_and_footer(prs) -> None:
    """A band in accent1 along the foot of the master, its footer and slide number in white on it."""
    master = prs.slide_master
    height, band = prs.slide_height, Inches(0.5)
    _rectangle(prs, master, 0, height - band, prs.slide_width, band, "accent1")
    for ph in master.placeholders:
        kind = ph.placeholder_format.type
        if kind is not None and kind.name in ("FOOTER", "SLIDE_NUMBER", "DATE"):
            ph.top, ph.height = height - band + Inches(0.1), Inches(0.3)
            run_props = ph._element.find(f".//{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
            run_props.find(f"{qn('a:solidFill')}/{qn('a:schemeClr')}").set("val", "bg1")
            run_props.set("sz", "1000")
            if kind.name == "FOOTER":
                ph.left, ph.width = Inches(0.6), Inches(7)
                ph._element.find(f".//{qn('a:lvl1pPr')}").set("algn", "l")
    for ph in master.placeholders:
        if ph.placeholder_format.type.name == "BODY":
            ph.top, ph.height = Inches(1.5), height - band - Inches(1.8)
        if ph.placeholder_format.type.name == "TITLE":
            ph.left, ph.top, ph.width, ph.height = Inches(0.6), Inches(0.35), prs.slide_width - Inches(3.3), Inches(0.9)


def _side_strip(prs) -> None:
    """A strip in accent1 down the left edge of the master, and a short bar in accent2 over the title."""
    master = prs.slide_master
    _rectangle(prs, master, 0, 0, Inches(0.22), prs.slide_height, "accent1")
    _rectangle(prs, master, Inches(0.5), Inches(0.22), Inches(1.2), Inches(0.06), "accent2")
    for ph in master.placeholders:
        if ph.placeholder_format.type.name == "TITLE":
            ph.left, ph.top, ph.width, ph.height = Inches(0.5), Inches(0.3), Inches(6.9), Inches(1.35)
        if ph.placeholder_format.type.name == "BODY":
            ph.left, ph.top, ph.width = Inches(0.5), Inches(1.95), prs.slide_width - Inches(1.0)


def _title_slide(prs, company: Company) -> None:
    """The title slide: the title white on a field of accent1, the master's artwork left out, a light logo."""
    layout = prs.slide_layouts.get_by_name("Title Slide")
    layout._element.set("showMasterSp", "0")
    width, height = prs.slide_width, prs.slide_height
    _rectangle(prs, layout, 0, 0, width, round(height * 0.62), "accent1")
    _picture(layout, logo_png(company, light=True), Inches(0.6), Inches(0.5), Inches(2.2))
    frames = {"CENTER_TITLE": (0.2, 0.38, "b", "bg1"), "SUBTITLE": (0.66, 0.26, "t", "tx1")}  # top, height: shares
    for ph in layout.placeholders:
        kind = ph.placeholder_format.type.name
        if kind in frames:
            top, tall, anchor, colour = frames[kind]
            ph.left, ph.top = Inches(0.6), round(height * top)
            ph.width, ph.height = width - Inches(1.2), round(height * tall)
            _placeholder_text(ph, "l", anchor, colour)
        if kind in ("FOOTER", "SLIDE_NUMBER"):  # on white here, not on the band
            _placeholder_text(ph, "l" if kind == "FOOTER" else "r", "ctr", "tx2")


def _placeholder_text(ph, align: str, anchor: str, colour: str) -> None:
    """A layout placeholder's own alignment, anchoring and text colour."""
    body = ph._element.find(qn("p:txBody"))
    body.find(qn("a:bodyPr")).set("anchor", anchor)
    styles = body.find(qn("a:lstStyle"))
    for child in list(styles):
        styles.remove(child)
    styles.append(
        etree.fromstring(
            f'<a:lvl1pPr {_A} marL="0" indent="0" algn="{align}"><a:buNone/>'
            f'<a:defRPr><a:solidFill><a:schemeClr val="{colour}"/></a:solidFill></a:defRPr></a:lvl1pPr>'
        )
    )


def _rectangle(prs, part, x: int, y: int, w: int, h: int, colour: str) -> None:
    """A filled rectangle in a theme colour, behind everything on a master or layout."""
    scratch = prs.slides.add_slide(prs.slide_layouts.get_by_name("Blank"))
    shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, w, h)
    shape.fill.solid()
    shape.fill.fore_color.theme_color = MSO_THEME_COLOR.from_xml(colour)
    shape.line.fill.background()
    shape._element.remove(shape._element.find(qn("p:style")))
    part.shapes._spTree.insert(2, copy.deepcopy(shape._element))
    _drop_last_slide(prs)


def _picture(part, png: bytes, x: int, y: int, w: int) -> None:
    """A picture on a master or layout: what a company's logo is."""
    _image_part, rid = part.part.get_or_add_image_part(io.BytesIO(png))
    with Image.open(io.BytesIO(png)) as image:
        h = round(w * image.height / image.width)
    shape_id = max(int(el.get("id")) for el in part.shapes._spTree.iter(qn("p:cNvPr"))) + 1
    part.shapes._spTree.append(CT_Picture.new_pic(shape_id, "Logo", "Company logo", rid, x, y, w, h))


def _drop_last_slide(prs) -> None:
    last = prs.slides._sldIdLst[-1]
    prs.part.drop_rel(last.rId)
    prs.slides._sldIdLst.remove(last)


# ---------------------------------------------------------------- Word


def handout_template(company: Company, path: Path) -> Path:
    """A document (or, for a .dotx path, a template) in the company's look: styles, page, header with logo, footer."""
    document = docx.Document()
    themed(document.part.part_related_by(RT.THEME), company)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    red, dark, grey = (RGBColor.from_string(company.colours[k]) for k in ("accent1", "dk2", "accent2"))
    styles = document.styles
    styles["Normal"].font.name, styles["Normal"].font.size = company.body, Pt(9)
    looks = (("Title", 24, red), ("Subtitle", 13, dark), ("Heading 1", 15, red), ("Heading 2", 11.5, dark))
    for name, size, colour in (*looks, ("Caption", 8, grey)):
        style = styles[name]
        font = style.font
        font.name, font.size, font.color.rgb, font.bold = (
            company.heading if size > 8 else company.body,
            Pt(size),
            colour,
            False,
        )
        fonts = style.element.rPr.rFonts
        for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(word(slot), None)  # the theme's font would win over the one named
        for border in style.element.xpath("./w:pPr/w:pBdr"):  # python-docx's Title has a rule in its blue
            border.getparent().remove(border)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run().add_picture(io.BytesIO(logo_png(company)), height=Mm(7))
    rule = f'<w:bottom w:val="single" w:sz="12" w:space="4" w:color="{company.colours["accent1"]}"/>'
    header._p.get_or_add_pPr().append(parse_xml(f"<w:pBdr {nsdecls('w')}>{rule}</w:pBdr>"))
    section.footer.paragraphs[0].text = f"{company.name} · internal"
    document.add_paragraph("Template text the tool drops.")
    out = io.BytesIO()
    document.save(out)
    path.write_bytes(as_template(out.getvalue(), path.suffix))
    return path


# ---------------------------------------------------------------- packages


def read(path: Path) -> Template:
    """A template file as the build hands it to a writer: read, checked and cleaned."""
    return read_template(path, template_format(path.name) or "")


def as_template(package: bytes, suffix: str) -> bytes:
    """A saved presentation or document typed as a template (.potx, .dotx) when `suffix` asks for one."""
    if suffix not in TEMPLATE_TYPES:
        return package
    document, template = TEMPLATE_TYPES[suffix]
    return rewrite(package, {"[Content_Types].xml": lambda xml: xml.replace(document.encode(), template.encode())})


def rewrite(package: bytes, edits: dict, extra: dict[str, bytes] | None = None) -> bytes:
    """A copy of a zip package with some parts edited (name -> bytes -> bytes) and others added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, edits[name](data) if name in edits else data)
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return out.getvalue()


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for written in (
        deck_template(KESTREL, folder / "kestrel.potx"),
        handout_template(KESTREL, folder / "kestrel.dotx"),
        deck_template(HANSE, folder / "hanse.pptx"),
        handout_template(HANSE, folder / "hanse.docx"),
    ):
        print(written)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/templates"))

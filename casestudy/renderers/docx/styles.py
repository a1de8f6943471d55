"""Handout styles: the named Word styles the handout uses, defined from the theme or taken from a template.

Every paragraph of the handout names one of these styles and runs carry only what the
outline's inline markup says (bold, italic, links), so a user restyles the whole handout by
editing a style. Without a template we restyle Word's built-in styles (Title, Heading 1, ...)
from the theme and add our own ("Writing Space", "Answer Line", ...). With a template, its
styles win, as with pandoc's reference document: we only define what it lacks.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from typing import Literal

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import BaseStyle, StyleFactory
from docx.text.paragraph import Paragraph

from casestudy.theme import Theme

log = logging.getLogger(__name__)

FontRole = Literal["heading", "body"]
StyleBook = dict[str, BaseStyle]  # the document's styles by name, as python-docx's `document.styles[name]`
Border = Literal["rule-below", "quote-bar", "note-bar", "answer-line"]


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph or character style: theme roles, not values, so each theme restyles it."""

    name: str
    kind: Literal["paragraph", "character"] = "paragraph"
    base: str | None = "Normal"
    font: FontRole | None = None
    size: float | None = None  # points
    bold: bool | None = None
    italic: bool | None = None
    colour: str | None = None  # a role in theme.colours
    caps: bool = False
    before: float | None = None  # points
    after: float | None = None
    line: float | None = None  # a multiple of single spacing, or points when `exact`
    exact: bool = False
    keep_next: bool = False
    indent: float | None = None  # left indent, points
    hanging: float | None = None
    border: Border | None = None
    shading: str | None = None  # a role in theme.colours: the paragraph's ground, or a character style's
    right_tab: bool = False  # a right-aligned tab stop at the text width
    align_right: bool = False
    bullet: bool = False  # numbered like List Bullet (numbering copied: not every reader inherits it)


TABLE_TEXT_SIZE = 9  # points: the smallest text in any table, printed and read at arm's length

STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", base=None, font="body", size=9.5, colour="text", after=4, line=1.1),
    StyleSpec("Title", font="heading", size=21, bold=True, colour="primary", after=3, line=1.0, keep_next=True),
    StyleSpec("Subtitle", font="heading", size=12, colour="muted", after=8, keep_next=True),
    StyleSpec(
        "Heading 1",
        font="heading",
        size=13,
        bold=True,
        colour="primary",
        before=12,
        after=5,
        keep_next=True,
        border="rule-below",
    ),
    StyleSpec("Heading 2", font="heading", size=10.5, bold=True, colour="primary", before=10, after=3, keep_next=True),
    StyleSpec("List Bullet", after=2),
    StyleSpec("List Number", before=8, after=2, keep_next=True),
    StyleSpec("Caption", font="heading", size=8, colour="muted", before=3, after=2),
    StyleSpec("Quote", size=10.5, italic=True, colour="primary", before=4, after=8, indent=14, border="quote-bar"),
    StyleSpec("Header", font="heading", size=8, colour="muted", after=0, line=1.0, right_tab=True, border="rule-below"),
    StyleSpec("Footer", font="heading", size=7.5, colour="muted", after=0, line=1.0, right_tab=True),
    StyleSpec("Hyperlink", kind="character", base=None, colour="primary"),
    # Our own styles.
    StyleSpec("Case Meta", font="heading", size=8.5, colour="muted", after=2, caps=True),
    StyleSpec("Lead In", kind="character", base=None, bold=True, colour="primary"),
    StyleSpec("Exhibit Title", font="heading", size=9.5, bold=True, before=10, after=4, keep_next=True),
    StyleSpec("Exhibit Label", kind="character", base=None, bold=True, colour="accent", caps=True),
    StyleSpec(
        "Instructor Mark", kind="character", base=None, bold=True, colour="background", caps=True, shading="accent"
    ),
    StyleSpec("Source Line", font="heading", size=7, italic=True, colour="muted", before=2, after=8),
    StyleSpec("Table Text", font="heading", size=TABLE_TEXT_SIZE, colour="text", after=0, line=1.0),
    StyleSpec("Table Number", base="Table Text", align_right=True),
    StyleSpec("Table Note", base="Table Text", colour="muted"),
    StyleSpec("Table Bullet", base="Table Text", bullet=True),
    StyleSpec("Table Heading", font="heading", size=TABLE_TEXT_SIZE, bold=True, colour="background", after=0, line=1.0),
    StyleSpec("Table Heading Number", base="Table Heading", align_right=True),
    StyleSpec("Figure Value", font="heading", size=16, bold=True, colour="accent", after=0, line=1.0),
    StyleSpec("Figure Unit", kind="character", base=None, size=TABLE_TEXT_SIZE, bold=False, colour="muted"),
    StyleSpec("Figure Label", font="heading", size=TABLE_TEXT_SIZE, colour="muted", after=0, line=1.0),
    StyleSpec(
        "Decision Question", size=10.5, bold=True, colour="primary", before=4, after=6, indent=14, border="quote-bar"
    ),
    StyleSpec("Option", after=3, indent=14.2, hanging=14.2),
    StyleSpec("Writing Space Label", font="heading", size=8, bold=True, colour="primary", caps=True, keep_next=True),
    StyleSpec("Writing Prompt", size=9, italic=True, colour="muted", after=3, keep_next=True),
    StyleSpec("Question Prompt", size=9, italic=True, colour="muted", after=1, indent=14.2),
    StyleSpec("Answer Line", size=10, line=19, exact=True, after=0, border="answer-line"),
    StyleSpec("Instructor Note", font="heading", size=8.5, colour="text", after=1, border="note-bar"),
    StyleSpec("Instructor Point", base="Instructor Note", bullet=True),
    StyleSpec("Attribution", font="heading", size=8, colour="muted", before=0, after=10, indent=14),
    StyleSpec("Reference", size=7.5, after=1, line=1.0, indent=20, hanging=20),
)

# Word's own styles a template is expected to define: a missing one is worth a warning. The
# rest (Hyperlink, which Word keeps latent until used, and ours) are defined quietly.
EXPECTED_IN_TEMPLATES = frozenset(
    ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet", "List Number", "Caption", "Quote")
    + ("Header", "Footer")
)

# Table styles: the look of every table in one place (borders, header row, stripes).
CASE_TABLE = "Case Table"
FIGURE_GRID = "Figure Grid"
WRITING_SPACE = "Writing Space"
TABLE_STYLES = (CASE_TABLE, FIGURE_GRID, WRITING_SPACE)
# Left cell margins (twips) of those styles: tables are indented by it so their borders line up with the text.
CELL_MARGIN = {CASE_TABLE: 85, FIGURE_GRID: 115, WRITING_SPACE: 115}


def hex_of(theme: Theme, role: str) -> str:
    """A theme colour role as Word's RRGGBB."""
    return getattr(theme.colours, role).lstrip("#").upper()


def font_name(theme: Theme, role: FontRole) -> str:
    return theme.fonts.heading if role == "heading" else theme.fonts.body


def prepare_styles(document: Document, theme: Theme, from_template: bool) -> dict[str, str]:
    """Make every style the handout names exist; restyle Word's own ones unless a template owns them.

    Returns the id of every style of the document by name.
    """
    if not from_template:
        _set_document_defaults(document, theme)
    _use_words_own_names(document)
    book: StyleBook = {}
    for style in document.styles:  # python-docx finds a style by name by scanning them all: look once
        book.setdefault(style.name, style)
    for spec in STYLES:
        _prepare(document, book, theme, spec, from_template)
    for name in TABLE_STYLES:
        if name not in book:
            _add_table_style(document, book, theme, name)
    _prepare_lists(document, book, from_template)
    _copy_bullets(book)
    return {name: style.style_id for name, style in book.items()}


def _use_words_own_names(document: Document) -> None:
    """Built-in styles under the names Word stores them by ("heading 1", "caption"), whoever wrote the file.

    pandoc's reference.docx and LibreOffice write "Heading 1" as the name is shown; python-docx
    looks such styles up by Word's lower-case name only, and would not find them (python-docx #494).
    """
    for element in document.styles.element.findall(qn("w:style")):
        name = element.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")) in BabelFish.internal_style_names:
            name.set(qn("w:val"), BabelFish.ui2internal(name.get(qn("w:val"))))


def _prepare(document: Document, book: StyleBook, theme: Theme, spec: StyleSpec, from_template: bool) -> None:
    exists = spec.name in book
    if exists and from_template:
        return
    if from_template and spec.name in EXPECTED_IN_TEMPLATES:
        log.warning("the template has no %r style; using casestudy's", spec.name)
    if exists:
        style = book[spec.name]
        _clear(style)
    else:
        kind = WD_STYLE_TYPE.CHARACTER if spec.kind == "character" else WD_STYLE_TYPE.PARAGRAPH
        style = _add_style(document, book, spec.name, kind)
        style.quick_style = True
    if spec.base:
        style.base_style = book[spec.base]
    _apply_font(style, theme, spec, from_template)
    if spec.kind == "paragraph":
        _apply_paragraph(style, theme, spec, document)
    elif spec.shading:
        style.element.get_or_add_rPr().append(_shading(hex_of(theme, spec.shading)))


def _add_style(document: Document, book: StyleBook, name: str, kind: WD_STYLE_TYPE) -> BaseStyle:
    """A new style, as `document.styles.add_style` adds it, without its scan of every name: `book` knows them."""
    element = document.styles.element.add_style_of_type(BabelFish.ui2internal(name), kind, False)
    book[name] = StyleFactory(element)
    return book[name]


def _clear(style: BaseStyle) -> None:
    """Drop a built-in style's own look, keeping its outline level and list numbering."""
    element = style.element
    for tag in ("w:rPr", "w:tblPr"):
        for child in element.findall(qn(tag)):
            element.remove(child)
    ppr = element.find(qn("w:pPr"))
    if ppr is not None:
        for child in list(ppr):
            if child.tag not in (qn("w:numPr"), qn("w:outlineLvl")):
                ppr.remove(child)


def _apply_font(style: BaseStyle, theme: Theme, spec: StyleSpec, from_template: bool) -> None:
    """The spec's font; on a template no typeface of the tool's own: the style takes the template's."""
    font = style.font
    if spec.font and not from_template:
        font.name = font_name(theme, spec.font)
    if spec.font or spec.base is None:
        latin = font_name(theme, spec.font or "body")
        set_east_asian_font(style.element.get_or_add_rPr(), theme.fonts.east_asian(latin))
    if spec.size:
        font.size = Pt(spec.size)
    font.bold, font.italic = spec.bold, spec.italic
    if spec.colour:
        font.color.rgb = RGBColor.from_string(hex_of(theme, spec.colour))
    font.all_caps = spec.caps or None


def east_asian_for(paragraph: Paragraph, theme: Theme) -> str:
    """The East Asian face for runs in `paragraph`: beside its style's Latin face (SimSun by a serif)."""
    style = paragraph.style
    while style is not None and not style.font.name:
        style = style.base_style
    return theme.fonts.east_asian(style.font.name if style is not None else theme.fonts.body)


def set_east_asian_font(rpr, family: str) -> None:
    """Name the East Asian font in a run or style (`w:eastAsia`), so 雷军 has a CJK face in Word."""
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), family)  # after w:rStyle, as the schema wants


def _apply_paragraph(style: BaseStyle, theme: Theme, spec: StyleSpec, document: Document) -> None:
    fmt = style.paragraph_format
    if spec.before is not None:
        fmt.space_before = Pt(spec.before)
    if spec.after is not None:
        fmt.space_after = Pt(spec.after)
    if spec.line is not None:
        fmt.line_spacing = Pt(spec.line) if spec.exact else spec.line
        if spec.exact:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if spec.keep_next:
        fmt.keep_with_next = fmt.keep_together = True
    if spec.indent is not None:
        fmt.left_indent = Pt(spec.indent)
    if spec.hanging is not None:
        fmt.first_line_indent = Pt(-spec.hanging)
        fmt.tab_stops.add_tab_stop(Pt(spec.indent or spec.hanging))
    if spec.align_right:
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if spec.right_tab:
        fmt.tab_stops.add_tab_stop(text_width(document), WD_TAB_ALIGNMENT.RIGHT)
    if spec.border:
        _add_border(style.element.get_or_add_pPr(), theme, spec.border)
    if spec.shading:
        style.element.get_or_add_pPr().append(_shading(hex_of(theme, spec.shading)))


def text_width(document: Document) -> int:
    """The width between the margins of the last section, in EMU."""
    section = document.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


_BORDERS: dict[Border, str] = {
    "rule-below": '<w:bottom w:val="single" w:sz="4" w:space="2" w:color="{rule}"/>',
    "quote-bar": '<w:left w:val="single" w:sz="18" w:space="8" w:color="{accent}"/>',
    "note-bar": '<w:left w:val="single" w:sz="12" w:space="6" w:color="{accent}"/>',
    # `between` draws the line under every paragraph of a run of answer lines, not only the last.
    "answer-line": '<w:bottom w:val="single" w:sz="4" w:space="1" w:color="{rule}"/>'
    '<w:between w:val="single" w:sz="4" w:space="1" w:color="{rule}"/>',
}


def _add_border(ppr, theme: Theme, border: Border) -> None:
    edges = _BORDERS[border].format(rule=hex_of(theme, "rule"), accent=hex_of(theme, "accent"))
    element = parse_xml(f"<w:pBdr {nsdecls('w')}>{edges}</w:pBdr>")
    _insert_ordered(ppr, element)


# Children of w:pPr must come in the schema's order; Word refuses a file that breaks it.
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()


def _insert_ordered(ppr, element) -> None:
    rank = _PPR_ORDER.index(element.tag.split("}")[1])
    for i, child in enumerate(ppr):
        name = child.tag.split("}")[1]
        if name in _PPR_ORDER and _PPR_ORDER.index(name) > rank:
            ppr.insert(i, element)
            return
    ppr.append(element)


def _shading(fill: str):
    return parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')


def _set_document_defaults(document: Document, theme: Theme) -> None:
    """Body and East Asian fonts for text that names no style (Word's docDefaults)."""
    fonts = _default_run_properties(document).get_or_add_rFonts()
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{slot}"), theme.fonts.body)
    fonts.set(qn("w:eastAsia"), theme.fonts.east_asian(theme.fonts.body))
    _no_automatic_spacing(document)


def _no_automatic_spacing(document: Document) -> None:
    """No space added between Chinese and Latin text or digits (`autoSpaceDE`, `autoSpaceDN` off).

    The outline writes the space itself ("小米 SU7", "2025 年"), as the PDF and the deck print
    it; Word's and LibreOffice's automatic spacing would add a second one beside it.
    """
    parent = _default_run_properties(document).getparent().getparent()  # w:docDefaults
    for tag in ("w:pPrDefault", "w:pPr"):  # after w:rPrDefault; w:pPr is its only child
        child = parent.find(qn(tag))
        if child is None:
            child = OxmlElement(tag)
            parent.append(child)
        parent = child
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        if parent.find(qn(tag)) is None:
            _insert_ordered(parent, parse_xml(f'<{tag} {nsdecls("w")} w:val="0"/>'))


def _default_run_properties(document: Document):
    """`w:docDefaults/w:rPrDefault/w:rPr`, made if a template lacks it (it must come first in styles.xml)."""
    parent = document.styles.element
    for tag in ("w:docDefaults", "w:rPrDefault", "w:rPr"):  # each the first child of its parent
        child = parent.find(qn(tag))
        if child is None:
            child = OxmlElement(tag)
            parent.insert(0, child)
        parent = child
    return parent


def set_language(document: Document, language: str) -> None:
    """The language Word proofs the text in: the outline's, with Chinese for East Asian characters."""
    rpr = _default_run_properties(document)
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    east_asian = language if language.lower().startswith(("zh", "ja", "ko")) else "zh-CN"
    lang = parse_xml(f'<w:lang {nsdecls("w")} w:val="{language}" w:eastAsia="{east_asian}"/>')
    later = [child for child in rpr if child.tag in (qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath"))]
    if later:
        later[0].addprevious(lang)
    else:
        rpr.append(lang)


# ---------------------------------------------------------------- table styles


def _add_table_style(document: Document, book: StyleBook, theme: Theme, name: str) -> None:
    style = _add_style(document, book, name, WD_STYLE_TYPE.TABLE)
    style.base_style = book.get("Normal Table")
    colours = {role: hex_of(theme, role) for role in ("primary", "rule", "background", "accent")}
    for fragment in _TABLE_XML[name]:
        style.element.append(parse_xml(fragment.format(w=nsdecls("w"), **colours)))


def _cell_margins(vertical: int, horizontal: int) -> str:
    return (
        f'<w:tblCellMar><w:top w:w="{vertical}" w:type="dxa"/><w:left w:w="{horizontal}" w:type="dxa"/>'
        f'<w:bottom w:w="{vertical}" w:type="dxa"/><w:right w:w="{horizontal}" w:type="dxa"/></w:tblCellMar>'
    )


_TABLE_XML: dict[str, tuple[str, ...]] = {
    # Thin horizontal rules, a header row in the primary colour, light stripes.
    CASE_TABLE: (
        '<w:tblPr {w}><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="{primary}"/>'
        '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{primary}"/>'
        '<w:insideH w:val="single" w:sz="2" w:space="0" w:color="{rule}"/></w:tblBorders>'
        + _cell_margins(30, CELL_MARGIN[CASE_TABLE])
        + "</w:tblPr>",
        '<w:tblStylePr {w} w:type="firstRow"><w:tblPr/>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{primary}"/></w:tcPr></w:tblStylePr>',
        '<w:tblStylePr {w} w:type="band2Horz"><w:tblPr/>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{background}"/></w:tcPr></w:tblStylePr>',
    ),
    # Key figures: tiles on a light ground, separated by white gutters.
    FIGURE_GRID: (
        '<w:tblPr {w}><w:tblBorders><w:insideV w:val="single" w:sz="24" w:space="0" w:color="FFFFFF"/>'
        '<w:insideH w:val="single" w:sz="24" w:space="0" w:color="FFFFFF"/></w:tblBorders>'
        + _cell_margins(70, CELL_MARGIN[FIGURE_GRID])
        + "</w:tblPr>",
        '<w:tcPr {w}><w:shd w:val="clear" w:color="auto" w:fill="{background}"/></w:tcPr>',
    ),
    # The box a participant writes in.
    WRITING_SPACE: (
        '<w:tblPr {w}><w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="{rule}"/>'
        '<w:left w:val="single" w:sz="6" w:space="0" w:color="{rule}"/>'
        '<w:bottom w:val="single" w:sz="6" w:space="0" w:color="{rule}"/>'
        '<w:right w:val="single" w:sz="6" w:space="0" w:color="{rule}"/></w:tblBorders>'
        + _cell_margins(85, CELL_MARGIN[WRITING_SPACE])
        + "</w:tblPr>",
    ),
}


# ---------------------------------------------------------------- list numbering

_LEVEL = (
    '<w:lvl {w} w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent}" w:hanging="{hanging}"/></w:pPr>{rpr}</w:lvl>'
)


def _prepare_lists(document: Document, book: StyleBook, from_template: bool) -> None:
    """Give List Bullet and List Number our numbering, unless a template's style already has its own."""
    for name, fmt, text in (("List Bullet", "bullet", "•"), ("List Number", "decimal", "%1.")):
        style = book[name]
        ppr = style.element.get_or_add_pPr()
        current = ppr.find(qn("w:numPr"))
        if from_template and current is not None:
            continue
        if current is not None:
            ppr.remove(current)
        num_id = _add_numbering(document, fmt, text)
        _insert_ordered(ppr, parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>'))


def _add_numbering(document: Document, fmt: str, text: str) -> int:
    """A one-level list definition and its instance; returns the instance's numId."""
    numbering = _numbering(document)
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    rpr = "<w:rPr><w:b/></w:rPr>" if fmt == "decimal" else ""
    level = _LEVEL.format(w=nsdecls("w"), fmt=fmt, text=text, indent=284, hanging=284, rpr=rpr)
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="singleLevel"/>{level}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return numbering.add_num(abstract_id).numId


def _numbering(document: Document):
    """The document's `w:numbering`, made if it has none (a document from Word's Normal template with no list).

    python-docx cannot make the part itself (`NumberingPart.new` is not implemented).
    """
    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, document.part.package)
        document.part.relate_to(part, RT.NUMBERING)
        return element


def _copy_bullets(book: StyleBook) -> None:
    """Styles listed like List Bullet carry its numbering themselves (LibreOffice does not inherit it)."""
    source = book["List Bullet"].element.pPr
    numbering = source.find(qn("w:numPr")) if source is not None else None
    if numbering is None:
        return
    for spec in STYLES:
        ppr = book[spec.name].element.get_or_add_pPr()
        if spec.bullet and ppr.find(qn("w:numPr")) is None:
            _insert_ordered(ppr, copy.deepcopy(numbering))

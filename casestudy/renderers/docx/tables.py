"""Tables that hold on the page: fixed column widths, rows that never split, a header row repeated.

Fixed widths also keep a 400-character word from stretching a column off the page: Word
then breaks the word inside its cell, at the soft hyphens `hyphenate_long_words` puts in it.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Pt
from docx.table import Table, _Row

from casestudy.renderers.docx.styles import CELL_MARGIN, TABLE_TEXT_SIZE, text_width

TWIPS_PER_EMU = 1 / 635


def new_table(document: Document, fractions: list[float], style: str, style_id: str, header: bool) -> Table:
    """An empty table of `fractions` of the text width, in a named table style (and its id)."""
    table = document.add_table(rows=0, cols=len(fractions))
    table._tbl.tblStyle_val = style_id  # python-docx would find the id by scanning every style's name
    table.autofit = False
    width = text_width(document)
    widths = [Emu(int(width * f)) for f in fractions]
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    properties = table._tbl.tblPr
    _replace(properties, "w:tblW", f'<w:tblW {nsdecls("w")} w:w="{int(sum(widths) * TWIPS_PER_EMU)}" w:type="dxa"/>')
    indent = CELL_MARGIN.get(style, 0)  # borders on the margin, not a cell margin to the left of it
    _replace(properties, "w:tblInd", f'<w:tblInd {nsdecls("w")} w:w="{indent}" w:type="dxa"/>')
    _replace(properties, "w:tblLayout", f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>')
    look = "1" if header else "0"
    _replace(
        properties,
        "w:tblLook",
        f'<w:tblLook {nsdecls("w")} w:val="{"04A0" if header else "0480"}" w:firstRow="{look}" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>',
    )
    return table


def _replace(parent, tag: str, xml: str) -> None:
    """Set one property element, keeping the schema's order of tblPr children."""
    old = parent.find(qn(tag))
    new = parse_xml(xml)
    if old is not None:
        old.addnext(new)
        parent.remove(old)
        return
    order = ["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize"]
    order += ["w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders"]
    order += ["w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"]
    later = [parent.find(qn(t)) for t in order[order.index(tag) + 1 :]]
    following = next((el for el in later if el is not None), None)
    if following is not None:
        following.addprevious(new)
    else:
        parent.append(new)


def add_row(table: Table, header: bool = False, min_height: int | None = None) -> _Row:
    """A row that stays on one page; the header row repeats on every page the table spans."""
    row = table.add_row()
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if min_height:
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), str(int(min_height * TWIPS_PER_EMU)))
        height.set(qn("w:hRule"), "atLeast")
        properties.append(height)
    if header:
        properties.append(OxmlElement("w:tblHeader"))
    for cell, column in zip(row.cells, table.columns, strict=True):
        cell.width = column.width
    return row


def keep_together(table: Table) -> None:
    """Keep a short table on one page with the note under it: every row keeps with what follows."""
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def hyphenate_long_words(table: Table, language: str) -> None:
    """Soft hyphens, where the language's dictionary allows, in each word too long for its column.

    A column holds about one character per 0.6 em of table text (bold and capitals are wide);
    Word breaks a longer word at a soft hyphen and shows the hyphen, not cut where the column ends.
    """
    margins = 2 * Pt(CELL_MARGIN.get(table.style.name, 0) / 20)
    for row in table.rows:
        for cell in row.cells:
            longest = max(1, int((cell.width - margins) / Pt(TABLE_TEXT_SIZE * 0.6)))
            for text in cell._tc.iter(qn("w:t")):
                if any(len(word) > longest for word in (text.text or "").split()):  # else no word to break
                    from casestudy.hyphenation import soft_hyphens  # pyphen, only for the few handouts that need it

                    text.text = soft_hyphens(text.text or "", language, longest)

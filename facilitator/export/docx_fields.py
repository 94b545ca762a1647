"""Low-level Word pieces python-docx has no call for: fields, hyperlinks, table details.

Each helper writes the WordprocessingML that Word itself writes for the
feature, so Word and LibreOffice both treat the result as the real thing (a
page number updates, a link opens, a header row repeats on every page).
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import _Row
from docx.text.paragraph import Paragraph

from facilitator.export.docx_rows import LinkStyle, link_xml

_AFTER_BIDI = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _fld_char(kind: str) -> OxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def add_field(paragraph: Paragraph, instruction: str, shown: str = "1") -> None:
    """Append a complex field (``PAGE``, ``NUMPAGES``, ``TOC \\o "1-3"``) showing ``shown``.

    ``shown`` is what readers see until the viewer recalculates the field; Word and
    LibreOffice do that for page numbers whenever they lay out the page.
    """
    begin, code, separate, result, end = (paragraph.add_run() for _ in range(5))
    begin._r.append(_fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    code._r.append(instr)
    separate._r.append(_fld_char("separate"))
    result.text = shown
    end._r.append(_fld_char("end"))


def add_page_x_of_y(paragraph: Paragraph) -> None:
    """Write "Page X of Y" with live PAGE and NUMPAGES fields."""
    paragraph.add_run("Page ")
    add_field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES")


def add_hyperlink(paragraph: Paragraph, url: str, text: str, style: LinkStyle) -> None:
    """Append a live external link showing ``text``.

    ``style`` names the character style for links and its colour; without one the
    run is coloured and underlined directly so the link still looks like a link.
    """
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(f"<w:p {nsdecls('w', 'r')}>{link_xml(r_id, text, style)}</w:p>")[0]
    )


def link_style(document: Document, name: str | None) -> LinkStyle:
    """Resolve the link character style once, not for every link."""
    if not name:
        return LinkStyle(None, None)
    style = document.styles[name]
    colour = style.font.color.rgb if style.font.color is not None else None
    return LinkStyle(style.style_id, str(colour) if colour is not None else None)


def repeat_as_header(row: _Row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def set_right_to_left(paragraph: Paragraph) -> None:
    """Lay the paragraph out right to left, as Word does for Arabic or Hebrew text."""
    p_pr = paragraph._p.get_or_add_pPr()
    if p_pr.find(qn("w:bidi")) is not None:
        return
    # Schema order: w:bidi comes after keepNext and the like, before spacing and alignment.
    p_pr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)

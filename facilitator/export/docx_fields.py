"""Low-level Word pieces python-docx has no call for: fields, hyperlinks, table details.

Each helper writes the WordprocessingML that Word itself writes for the
feature, so Word and LibreOffice both treat the result as the real thing (a
page number updates, a link opens, a header row repeats on every page).
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.table import _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run


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


def add_hyperlink(paragraph: Paragraph, url: str, text: str, style: str | None) -> Run:
    """Append a live external link and return its run.

    ``style`` is the character style for links; without one the run is coloured
    and underlined directly so the link still looks like a link.
    """
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    r = OxmlElement("w:r")
    link.append(r)
    run = Run(r, paragraph)
    run.text = text
    if style:
        run.style = style
        colour = run.style.font.color.rgb if run.style is not None else None
        if colour is not None:
            # LibreOffice lets a table style's text colour beat the link style inside cells;
            # repeating the style's own colour on the run keeps links blue there too.
            run.font.color.rgb = colour
    else:
        run.font.underline = True
        run.font.color.rgb = RGBColor(0x1F, 0x5F, 0xAD)
    return run


def repeat_as_header(row: _Row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def set_right_to_left(paragraph: Paragraph) -> None:
    """Lay the paragraph out right to left, as Word does for Arabic or Hebrew text."""
    p_pr = paragraph._p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    # Called on a fresh paragraph, where only w:pStyle may precede w:bidi in schema order.
    p_pr.insert(1 if p_pr.find(qn("w:pStyle")) is not None else 0, bidi)

"""Build resources/templates/default.docx, the reference document Word exports start from.

Run it after changing the look of exports and commit the .docx it writes:

    .venv/bin/python packaging/make_template.py

It starts from python-docx's own template (which defines every built-in style
Word knows) and sets fonts, colours, spacing, an A4 page and one table style.
Explicit fonts replace theme fonts so Word and LibreOffice show the same thing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle

from facilitator.export.docx_properties import set_app_properties
from facilitator.export.docx_sanitise import remove_external_links

OUT = Path(__file__).resolve().parent.parent / "resources" / "templates" / "default.docx"

FONT = "Calibri"
INK = RGBColor(0x22, 0x26, 0x2E)
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
BLUE = RGBColor(0x2E, 0x5A, 0x88)
GREY = RGBColor(0x5A, 0x64, 0x72)
LINK = RGBColor(0x1F, 0x5F, 0xAD)

TABLE_STYLE = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="DebriefTable">
  <w:name w:val="Debrief Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="40"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="252" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="8" w:space="0" w:color="1F3A5F"/>
      <w:bottom w:val="single" w:sz="8" w:space="0" w:color="1F3A5F"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="C8CED6"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="57" w:type="dxa"/>
      <w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="57" w:type="dxa"/>
      <w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3A5F"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="band1Horz">
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F2F4F7"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""


def _plain_fonts(style: BaseStyle) -> None:
    """Replace theme font references, which LibreOffice and Word resolve differently."""
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
    style.font.name = FONT


def _drop(style: BaseStyle, tag: str) -> None:
    p_pr = style.element.pPr
    if p_pr is not None:
        for element in p_pr.findall(qn(tag)):
            p_pr.remove(element)


DOC_DEFAULTS = f"""
<w:docDefaults {nsdecls("w")}>
  <w:rPrDefault><w:rPr>
    <w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>
    <w:color w:val="{INK}"/>
    <w:sz w:val="21"/><w:szCs w:val="21"/>
    <w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/>
  </w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr>
    <w:spacing w:after="120" w:line="269" w:lineRule="auto"/>
  </w:pPr></w:pPrDefault>
</w:docDefaults>
"""


def _doc_defaults(document: Document) -> None:
    """Put the body look in the document defaults, not in Normal.

    Word ranks a paragraph style above a table style, so colour, size or spacing
    set on Normal would override the table style inside every cell (white header
    text would turn dark, cell padding would grow). Defaults rank below both.
    """
    styles = document.styles.element
    old = styles.find(qn("w:docDefaults"))
    new = parse_xml(DOC_DEFAULTS)
    if old is not None:
        old.addprevious(new)
        styles.remove(old)
    else:
        styles.insert(0, new)
    normal = document.styles["Normal"].element
    for tag in ("w:rPr", "w:pPr"):
        element = normal.find(qn(tag))
        if element is not None:
            normal.remove(element)


def _paragraph_styles(document: Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _doc_defaults(document)

    looks = {
        "Title": (Pt(24), NAVY, 0, 2),
        "Subtitle": (Pt(12), GREY, 0, 12),
        "Heading 1": (Pt(15), NAVY, 18, 4),
        "Heading 2": (Pt(12), BLUE, 10, 3),
        "Heading 3": (Pt(11), BLUE, 8, 2),
    }
    for name, (size, colour, before, after) in looks.items():
        style = styles[name]
        _plain_fonts(style)
        _drop(style, "w:pBdr")  # the stock Title has a rule under it; the header table suffices
        style.font.size = size
        style.font.color.rgb = colour
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True

    bullet = styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(3)

    note = styles.add_style("Debrief Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(9)
    note.font.italic = True
    note.font.color.rgb = GREY
    note.paragraph_format.space_after = Pt(4)
    note.paragraph_format.keep_with_next = True

    for name in ("Header", "Footer"):
        style = styles[name]
        style.font.size = Pt(8.5)
        style.font.color.rgb = GREY

    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER, builtin=True)
    link.font.color.rgb = LINK
    link.font.underline = True


def _page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    section.header_distance = section.footer_distance = Cm(1)


def build() -> Document:
    document = docx.Document()
    _paragraph_styles(document)
    document.styles.element.append(parse_xml(TABLE_STYLE))
    _page(document)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    # No stale thumbnail, a w:zoom with its w:percent, app properties naming Facilitator.
    remove_external_links(document)
    set_app_properties(document)
    props = document.core_properties
    props.author = props.last_modified_by = "Facilitator"
    props.title = "Incident debrief"
    props.comments = "Reference document for Facilitator's Word export."
    return document


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    build().save(str(OUT))
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

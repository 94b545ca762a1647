"""Table rows written as WordprocessingML text, for tables of thousands of rows.

python-docx builds each row, cell, paragraph and run through its object layer,
which costs about a millisecond a cell: a 2,000-event timeline took seconds.
Rows whose cells hold plain text are written here as XML and parsed in one go;
cells that need more (a review comment, a line break, a link) are left with an
empty paragraph for the writer to fill through python-docx afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from facilitator.export.textsafe import export_text, is_right_to_left


@dataclass(frozen=True)
class LinkStyle:
    """How a hyperlink run looks: the character style's id and the colour to repeat on it."""

    style_id: str | None
    colour: str | None


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def run_xml(text: str, *, bold: bool = False) -> str:
    """One run of plain text."""
    props = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def link_xml(r_id: str, text: str, style: LinkStyle) -> str:
    """A hyperlink to the relationship ``r_id`` showing ``text``."""
    if style.style_id:
        props = f'<w:rStyle w:val="{_attr(style.style_id)}"/>'
        if style.colour:
            # LibreOffice lets a table style's text colour beat the link style inside cells.
            props += f'<w:color w:val="{style.colour}"/>'
    else:
        props = '<w:color w:val="1F5FAD"/><w:u w:val="single"/>'
    return (
        f'<w:hyperlink r:id="{_attr(r_id)}" w:history="1"><w:r><w:rPr>{props}</w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:hyperlink>'
    )


def paragraph_xml(content: str, *, keep_next: bool = False, rtl: bool = False) -> str:
    """A paragraph around ready-made runs, kept with the next one or laid out right to left."""
    props = ("<w:keepNext/>" if keep_next else "") + ("<w:bidi/>" if rtl else "")
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{content}</w:p>"


def plain_cell_paragraph(text: str, *, keep_next: bool, bold: bool = False) -> str:
    """The paragraph of a cell holding plain one-line text."""
    shown = export_text(text).replace("\r", "")
    content = run_xml(shown, bold=bold) if shown else ""
    return paragraph_xml(content, keep_next=keep_next, rtl=is_right_to_left(text))


def row_xml(paragraphs: Sequence[str], twips: Sequence[int], *, header: bool = False) -> str:
    """A row that never splits across pages; the header row repeats on every page."""
    props = "<w:cantSplit/>" + ('<w:tblHeader w:val="true"/>' if header else "")
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraph}</w:tc>'
        for paragraph, width in zip(paragraphs, twips, strict=True)
    )
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def parse_rows(rows: Sequence[str]) -> list[object]:
    """Parse row XML into elements ready to append to a ``w:tbl``."""
    wrapper = parse_xml(f"<w:tbl {nsdecls('w', 'r')}>{''.join(rows)}</w:tbl>")
    return list(wrapper)

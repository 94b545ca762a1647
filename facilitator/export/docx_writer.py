"""Word export: the debrief as a document people outside the room can read.

The document is built from the format-neutral sections in
:mod:`facilitator.export.sections`, on top of a reference document whose
styles it uses, and saved atomically.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from facilitator.domain.model import Debrief
from facilitator.domain.text import clean_text
from facilitator.export.atomic import ExportError, write_atomically
from facilitator.export.blocks import (
    Block,
    Bullets,
    Facts,
    Paragraph,
    Section,
    SubHeading,
    Table,
    Text,
    TitleBlock,
)
from facilitator.export.docx_fields import add_hyperlink, add_page_x_of_y, repeat_as_header
from facilitator.export.docx_template import Styles, open_template
from facilitator.export.docx_text import (
    COMMENT_AUTHOR,
    COMMENT_INITIALS,
    Anchor,
    FieldFindingLike,
    anchor_for,
    write_text,
)
from facilitator.export.sections import build_sections, build_title

_CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core property values
_HEADER_CONTENT = ".//w:t[normalize-space(.)] | .//w:drawing | .//w:pict | .//w:instrText"
_FACT_LABEL_SHARE = 0.22


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())[:_CORE_PROPERTY_LIMIT]


def _table_look(table: DocxTable, *, header_row: bool) -> None:
    """Tell Word which conditional parts of the table style apply (header row, banding)."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    flags = {"firstRow": header_row, "lastRow": False, "firstColumn": False}
    flags |= {"lastColumn": False, "noHBand": not header_row, "noVBand": True}
    for name, on in flags.items():
        look.set(qn(f"w:{name}"), "1" if on else "0")
    look.set(qn("w:val"), "0420" if header_row else "0600")


def _set_borders(table: DocxTable) -> None:
    """Give a table plain rules when the template has no table style to lend it."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "bottom", "insideH"):
        rule = OxmlElement(f"w:{edge}")
        rule.set(qn("w:val"), "single")
        rule.set(qn("w:sz"), "4")
        rule.set(qn("w:color"), "A0A8B4")
        borders.append(rule)
    # Word rejects a file whose table properties are out of schema order.
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"
    )


class _Builder:
    """Writes sections into a document opened from the template."""

    def __init__(self, document: Document, anchors: dict[str, list[Anchor]]) -> None:
        self.doc = document
        self.styles = Styles.resolve(document)
        self.anchors = anchors
        section = document.sections[0]
        try:
            width = section.page_width - section.left_margin - section.right_margin
        except TypeError:
            # A template without page size or margins: assume A4 with 2 cm margins.
            width = Inches(6.7)
        self.width = Emu(max(int(width), int(Inches(3))))
        self.after_table = False

    def paragraph(self, style: str | None = None) -> DocxParagraph:
        paragraph = self.doc.add_paragraph(style=style)
        if self.after_table and style not in (self.styles.heading1, self.styles.heading2):
            # Word puts no gap below a table; text straight after one looks glued to it.
            paragraph.paragraph_format.space_before = Pt(8)
        self.after_table = False
        return paragraph

    def text(self, paragraph: DocxParagraph, text: Text, new: Callable[[], DocxParagraph]) -> None:
        if text.url:
            add_hyperlink(paragraph, text.url, clean_text(text.text), self.styles.hyperlink)
            return
        anchors = self.anchors.get(text.field, ()) if text.field else ()
        for anchor, runs in write_text(paragraph, new, text.text, anchors):
            self.doc.add_comment(
                runs, text=anchor.comment, author=COMMENT_AUTHOR, initials=COMMENT_INITIALS
            )

    def title(self, debrief: Debrief) -> None:
        self.title_block(build_title(debrief))

    def title_block(self, block: TitleBlock) -> None:
        title = self.paragraph(self.styles.title)
        title.add_run(clean_text(block.title))
        if self.styles.subtitle:
            self.paragraph(self.styles.subtitle).add_run(block.subtitle)
        self.facts(block.facts)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            style = self.styles.note if block.note else None
            first = self.paragraph(style)
            if block.label:
                first.add_run(f"{block.label}: ").bold = True
            self.text(first, block.text, lambda: self.paragraph(style))
        elif isinstance(block, Bullets):
            self.bullets(block.items)
        elif isinstance(block, SubHeading):
            self.paragraph(self.styles.heading2).add_run(block.text)
        elif isinstance(block, Facts):
            self.facts(block)
        elif isinstance(block, Table):
            self.table(block.columns, block.rows, block.widths, header=True)
        else:
            raise TypeError(f"Unknown block {block!r}")

    def bullets(self, items: Iterable[Text]) -> None:
        for item in items:
            p = self.paragraph(self.styles.bullet)
            if self.styles.bullet is None:
                p.add_run("•\u00a0")

            def same(p: DocxParagraph = p) -> DocxParagraph:
                # Line breaks inside one item stay inside its bullet.
                p.add_run().add_break()
                return p

            self.text(p, item, same)

    def facts(self, facts: Facts) -> None:
        rows = tuple((Text(label), value) for label, value in facts.rows)
        share = _FACT_LABEL_SHARE
        table = self.table(("", ""), rows, (share, 1 - share), header=False)
        for row in table.rows:
            for run in row.cells[0].paragraphs[0].runs:
                run.bold = True

    def table(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[Text]],
        weights: Sequence[float],
        *,
        header: bool,
    ) -> DocxTable:
        table = self.doc.add_table(rows=1 if header else 0, cols=len(columns))
        if self.styles.table:
            table.style = self.styles.table
        else:
            _set_borders(table)
        _table_look(table, header_row=header)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        total = sum(weights)
        widths = [Emu(int(self.width * w / total)) for w in weights]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        if header:
            head = table.rows[0]
            repeat_as_header(head)
            for cell, name, width in zip(head.cells, columns, widths, strict=True):
                cell.width = width
                cell.paragraphs[0].add_run(name).bold = True
        for values in rows:
            tr = table.add_row()._tr
            # Cells straight from the row's XML: python-docx's cell lookup rescans the table.
            for tc, value in zip(tr.tc_lst, values, strict=True):
                cell = _Cell(tc, table)
                self.text(cell.paragraphs[0], value, cell.add_paragraph)
        self.after_table = True
        return table

    def header_and_footer(self, title: str) -> None:
        for section in self.doc.sections:
            header = section.header
            if header.is_linked_to_previous or not header._element.xpath(_HEADER_CONTENT):
                p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
                if self.styles.header:
                    p.style = self.styles.header
                p.add_run(clean_text(title))
            footer = section.footer
            if footer.is_linked_to_previous or not footer._element.xpath(_HEADER_CONTENT):
                p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
                if self.styles.footer:
                    p.style = self.styles.footer
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                add_page_x_of_y(p)

    def build(self, debrief: Debrief) -> None:
        self.build_document(build_title(debrief), build_sections(debrief))

    def build_document(self, title: TitleBlock, sections: Iterable[Section]) -> None:
        self.title_block(title)
        for section in sections:
            self.paragraph(self.styles.heading1).add_run(section.heading)
            for block in section.blocks:
                self.block(block)
        self.header_and_footer(title.title)


def set_properties(document: Document, debrief: Debrief) -> None:
    """Fill the document properties readers and search tools see."""
    props = document.core_properties
    title = build_title(debrief).title
    props.title = _one_line(title)
    incident = _one_line(debrief.incident)
    props.subject = _one_line(f"Incident debrief {incident}".strip())
    props.keywords = _one_line(", ".join(t.strip() for t in debrief.tags if t.strip()))
    props.author = _one_line(debrief.facilitator)
    props.last_modified_by = _one_line(debrief.facilitator)
    props.category = "Incident debrief"
    props.identifier = incident
    props.content_status = _one_line(str(debrief.status.value).replace("_", " "))
    props.comments = "Exported from Facilitator."
    props.revision = 1
    now = datetime.now(UTC).replace(microsecond=0)
    props.created = now
    props.modified = now


def _anchors(
    debrief: Debrief, checker: Any, findings: Sequence[FieldFindingLike] | None
) -> dict[str, list[Anchor]]:
    if findings is None:
        try:
            # Imported here: exports without comments must not depend on the checker.
            from facilitator.language.debrief_findings import debrief_findings
        except ImportError as error:
            raise ExportError(
                "Review comments need the language checker, which is not available."
            ) from error
        args = (debrief,) if checker is None else (debrief, checker)
        findings = debrief_findings(*args)
    grouped: dict[str, list[Anchor]] = defaultdict(list)
    for item in findings:
        if not _kept_by_facilitator(debrief, item):
            grouped[item.field].append(anchor_for(item.finding))
    return grouped


def _kept_by_facilitator(debrief: Debrief, item: FieldFindingLike) -> bool:
    """True when the facilitator chose to keep this wording, so it must not be flagged again."""
    rule = getattr(item.finding, "rule", "")
    phrase = getattr(item.finding, "text", "")
    for ignored in debrief.ignored_findings:
        if ignored.rule != rule:
            continue
        if not ignored.text or (ignored.text == phrase and ignored.field in ("", item.field)):
            return True
    return False


def export_docx(
    debrief: Debrief,
    out: str | Path,
    *,
    template: str | Path | None = None,
    review_comments: bool = False,
    checker: Any = None,
    findings: Sequence[FieldFindingLike] | None = None,
) -> Path:
    """Write the debrief as a Word document to ``out`` and return the path written.

    ``template`` is a .docx/.dotx whose styles, page setup, header and footer are
    used; the shipped default otherwise. With ``review_comments`` every phrase the
    language checker flags gets a Word comment saying why; ``findings`` supplies
    them directly, otherwise they are computed with ``checker``.

    Raises:
        ExportError: the template is unusable or the file cannot be written.
    """
    anchors = _anchors(debrief, checker, findings) if review_comments else {}
    document = open_template(template)
    _Builder(document, anchors).build(debrief)
    set_properties(document, debrief)
    return write_atomically(Path(out), document.save)


def export_document(
    title: TitleBlock,
    sections: Sequence[Section],
    out: str | Path,
    *,
    template: str | Path | None = None,
) -> Path:
    """Write any title block and sections (a review summary, say) as a Word document.

    Raises:
        ExportError: the template is unusable or the file cannot be written.
    """
    document = open_template(template)
    _Builder(document, {}).build_document(title, sections)
    props = document.core_properties
    props.title = _one_line(title.title)
    props.subject = _one_line(title.subtitle)
    props.comments = "Exported from Facilitator."
    now = datetime.now(UTC).replace(microsecond=0)
    props.created = now
    props.modified = now
    return write_atomically(Path(out), document.save)

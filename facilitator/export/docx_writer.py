"""Word export: the debrief as a document people outside the room read to the end.

The document is built from the format-neutral sections in
:mod:`facilitator.export.sections`, on top of a reference document whose
styles it uses (:mod:`facilitator.export.docx_template`), with tables laid out
by :mod:`facilitator.export.docx_tables`, and saved atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from facilitator.domain.model import Debrief
from facilitator.export import docx_rows as rows
from facilitator.export import docx_tables
from facilitator.export.atomic import ExportError, write_atomically
from facilitator.export.blocks import (
    Block,
    Bullets,
    Facts,
    Panel,
    Paragraph,
    Section,
    SubHeading,
    Table,
    Text,
    TitleBlock,
)
from facilitator.export.docx_fields import add_hyperlink, add_page_x_of_y, link_style
from facilitator.export.docx_properties import (
    set_app_properties,
    set_core_properties,
    set_language,
    set_paper,
    set_summary_properties,
)
from facilitator.export.docx_template import Styles, open_template
from facilitator.export.docx_text import (
    COMMENT_AUTHOR,
    COMMENT_INITIALS,
    Anchor,
    FieldFindingLike,
    write_text,
)
from facilitator.export.locale_defaults import PAPERS, paper_for, system_language
from facilitator.export.review_comments import comment_anchors
from facilitator.export.sections import build_sections, build_title
from facilitator.export.textsafe import export_text

_HEADER_CONTENT = ".//w:t[normalize-space(.)] | .//w:drawing | .//w:pict | .//w:instrText"
_PANEL_FILL = "EEF2F7"
_EMU_PER_PT = 12700


def _table_look(table: DocxTable, *, header_row: bool, banded: bool) -> None:
    """Tell Word which conditional parts of the table style apply (header row, banding)."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    flags = {"firstRow": header_row, "lastRow": False, "firstColumn": False}
    flags |= {"lastColumn": False, "noHBand": not banded, "noVBand": True}
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


def _bold(cell: _Cell) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.bold = True


class _Builder:
    """Writes sections into a document opened from the template."""

    def __init__(self, document: Document, anchors: dict[str, list[Anchor]]) -> None:
        self.doc = document
        self.styles = Styles.resolve(document)
        self.anchors = anchors
        self.metrics = docx_tables.Metrics.of(document, self.styles.table)
        self.link_style = link_style(document, self.styles.hyperlink)
        section = document.sections[0]
        try:
            width = section.page_width - section.left_margin - section.right_margin
        except TypeError:
            # A template without page size or margins: assume A4 with 2 cm margins.
            width = Inches(6.7)
        self.width_pt = max(int(width), int(Inches(3))) / _EMU_PER_PT
        self.after_table = False

    def paragraph(self, style: str | None = None) -> DocxParagraph:
        paragraph = self.doc.add_paragraph(style=style)
        if self.after_table and style not in (self.styles.heading1, self.styles.heading2):
            # Word puts no gap below a table; text straight after one looks glued to it.
            paragraph.paragraph_format.space_before = Pt(8)
        self.after_table = False
        return paragraph

    def last_paragraph(self) -> DocxParagraph:
        """The body's last paragraph, found from the end (``Document.paragraphs`` walks it all)."""
        body = self.doc.element.body
        for element in reversed(body):
            if element.tag == qn("w:p"):
                return DocxParagraph(element, self.doc._body)
        raise LookupError("the document has no paragraph")

    def text(self, paragraph: DocxParagraph, text: Text, new: Callable[[], DocxParagraph]) -> None:
        if text.url:
            add_hyperlink(paragraph, text.url, export_text(text.text), self.link_style)
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
        title.add_run(export_text(block.title))
        if self.styles.subtitle:
            self.paragraph(self.styles.subtitle).add_run(block.subtitle)
        self.facts(block.facts)

    def block(self, block: Block, *, before_table: bool = False) -> None:
        if isinstance(block, Paragraph):
            style = self.styles.note if block.note else None
            first = self.paragraph(style)
            if block.label:
                first.add_run(f"{block.label}: ").bold = True
            self.text(first, block.text, lambda: self.paragraph(style))
            if before_table:
                self.last_paragraph().paragraph_format.keep_with_next = True
        elif isinstance(block, Bullets):
            self.bullets(block.items, block.labels)
        elif isinstance(block, SubHeading):
            self.paragraph(self.styles.heading2).add_run(block.text)
        elif isinstance(block, Facts):
            self.facts(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Panel):
            self.panel(block)
        else:
            raise TypeError(f"Unknown block {block!r}")

    def bullets(self, items: Iterable[Text], labels: Sequence[str] = ()) -> None:
        for index, item in enumerate(items):
            p = self.paragraph(self.styles.bullet)
            if self.styles.bullet is None:
                p.add_run("•\u00a0")
            label = labels[index] if index < len(labels) else ""
            if label:
                p.add_run(f"{export_text(label)}: ").bold = True

            def same(p: DocxParagraph = p) -> DocxParagraph:
                # Line breaks inside one item stay inside its bullet.
                p.add_run().add_break()
                return p

            self.text(p, item, same)

    def new_table(self, rows: int, cols: int, *, header: bool, banded: bool) -> DocxTable:
        table = self.doc.add_table(rows=rows, cols=cols)
        if self.styles.table:
            table.style = self.styles.table
        else:
            _set_borders(table)
        _table_look(table, header_row=header, banded=banded)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        return table

    def fill_row(self, table: DocxTable, values: Sequence[Text]) -> Any:
        tr = table.add_row()._tr
        # Cells straight from the row's XML: python-docx's cell lookup rescans the table.
        for tc, value in zip(tr.tc_lst, values, strict=True):
            cell = _Cell(tc, table)
            self.text(cell.paragraphs[0], value, cell.add_paragraph)
        return tr

    def finish(self, table: DocxTable, widths: Sequence[float], alt: str, *, header: bool) -> None:
        docx_tables.apply_widths(table, widths)
        docx_tables.keep_rows_together(table, header=header)
        docx_tables.set_alt_text(table, alt)
        self.after_table = True

    def facts(self, facts: Facts) -> None:
        per_row = max(1, facts.pairs_per_row)
        if len(facts.rows) < 4:
            per_row = 1
        cols = 2 * per_row
        table = self.new_table(0, cols, header=False, banded=False)
        cells: list[Text] = []
        for label, value in facts.rows:
            cells += [Text(label), value]
        cells += [Text("")] * (-len(cells) % cols)
        rows = [cells[i : i + cols] for i in range(0, len(cells), cols)]
        for values in rows:
            tr = self.fill_row(table, values)
            for index, tc in enumerate(tr.tc_lst):
                if index % 2 == 0:
                    _bold(_Cell(tc, table))
        plain = [[t.text for t in row] for row in rows]
        widths = docx_tables.column_widths(
            [""] * cols,
            plain,
            [1.0] * cols,
            [i % 2 == 0 for i in range(cols)],
            self.width_pt,
            self.metrics,
            bold_columns=range(0, cols, 2),
        )
        self.finish(table, widths, facts.alt, header=False)

    def simple(self, value: Text) -> bool:
        """True when a cell's text can be written as plain XML (no link, comment or break)."""
        if value.url or "\n" in value.text:
            return False
        return not (value.field and self.anchors.get(value.field))

    def table(self, block: Table) -> DocxTable:
        columns = len(block.columns)
        widths = docx_tables.column_widths(
            block.columns,
            [[t.text for t in row] for row in block.rows],
            block.widths,
            [block.keeps_on_one_line(i) for i in range(columns)],
            self.width_pt,
            self.metrics,
        )
        table = self.new_table(0, columns, header=True, banded=True)
        twips = docx_tables.set_grid(table, widths)
        keep = docx_tables.keep_flags(len(block.rows) + 1, header=True)
        head = [rows.plain_cell_paragraph(n, keep_next=keep[0], bold=True) for n in block.columns]
        xml = [rows.row_xml(head, twips, header=True)]
        pending: list[tuple[int, int, Text]] = []
        for r, values in enumerate(block.rows, start=1):
            cells = []
            for c, value in enumerate(values):
                if self.simple(value):
                    cells.append(rows.plain_cell_paragraph(value.text, keep_next=keep[r]))
                elif value.url and "\n" not in value.text:
                    r_id = self.doc.part.relate_to(value.url, RT.HYPERLINK, is_external=True)
                    link = rows.link_xml(r_id, export_text(value.text), self.link_style)
                    cells.append(rows.paragraph_xml(link, keep_next=keep[r]))
                else:
                    cells.append(rows.paragraph_xml("", keep_next=keep[r]))
                    pending.append((r, c, value))
            xml.append(rows.row_xml(cells, twips))
        tbl = table._tbl
        for tr in rows.parse_rows(xml):
            tbl.append(tr)
        if pending:
            trs = tbl.tr_lst
            for r, c, value in pending:
                cell = _Cell(trs[r].tc_lst[c], table)
                self.text(cell.paragraphs[0], value, cell.add_paragraph)
                if keep[r]:
                    docx_tables.keep_with_next(trs[r])
        docx_tables.set_alt_text(table, block.alt or "Table")
        self.after_table = True
        return table

    def panel(self, panel: Panel) -> None:
        table = self.new_table(0, 3, header=False, banded=False)
        plain: list[list[str]] = []
        for moment in panel.moments:
            tr = self.fill_row(table, (Text(moment.label), Text(moment.when), moment.text))
            _bold(_Cell(tr.tc_lst[0], table))
            if moment.measured:
                cell = _Cell(tr.tc_lst[2], table)
                target = cell.paragraphs[0] if not moment.text.text else cell.add_paragraph()
                if self.styles.note:
                    target.style = self.styles.note
                target.add_run(export_text(moment.measured))
            plain.append([moment.label, moment.when, moment.text.text])
        for label, value in panel.facts:
            tr = self.fill_row(table, (Text(label), value, Text("")))
            first, second, third = (_Cell(tc, table) for tc in tr.tc_lst)
            _bold(first)
            second.merge(third)
            plain.append([label, "", value.text])
        for tr in table._tbl.tr_lst:
            docx_tables.shade(tr, _PANEL_FILL)
        widths = docx_tables.column_widths(
            ["", "", ""],
            plain,
            [1.0, 1.0, 3.0],
            [True, True, False],
            self.width_pt,
            self.metrics,
            bold_columns=(0,),
        )
        self.finish(table, widths, panel.alt, header=False)

    def header_and_footer(self, title: str) -> None:
        for section in self.doc.sections:
            header = section.header
            if header.is_linked_to_previous or not header._element.xpath(_HEADER_CONTENT):
                p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
                if self.styles.header:
                    p.style = self.styles.header
                p.add_run(export_text(title))
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
        """Write a title block and sections: a debrief, or a checkpoint or monthly summary."""
        self.title_block(title)
        for section in sections:
            heading = self.paragraph(self.styles.heading1)
            heading.add_run(section.heading)
            if section.new_page:
                heading.paragraph_format.page_break_before = True
            blocks = section.blocks
            for index, block in enumerate(blocks):
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                self.block(block, before_table=isinstance(following, Table | Panel))
        self.header_and_footer(title.title)


def export_docx(
    debrief: Debrief,
    out: str | Path,
    *,
    template: str | Path | None = None,
    review_comments: bool = False,
    checker: Any = None,
    findings: Sequence[FieldFindingLike] | None = None,
    language: str | None = None,
    paper: str | None = None,
) -> Path:
    """Write the debrief as a Word document to ``out`` and return the path written.

    ``template`` is a .docx/.dotx whose styles, page setup, header and footer are
    used; the shipped default otherwise. With ``review_comments`` every phrase the
    language checker flags gets a Word comment saying why; ``findings`` supplies
    them directly, otherwise they are computed with ``checker``. ``language`` is
    the document's BCP 47 language (default: the system's); ``paper`` is "a4" or
    "letter" (default: the template's own page for a team template, else the
    one the language's region uses).

    Raises:
        ExportError: the template is unusable or the file cannot be written.
    """
    if paper is not None and paper not in PAPERS:
        raise ExportError(f"Paper size “{paper}” is not one of: {', '.join(PAPERS)}.")
    language = language or system_language()
    anchors = comment_anchors(debrief, checker, findings) if review_comments else {}
    document = open_template(template)
    if paper is not None or template is None:
        set_paper(document, paper or paper_for(language))
    set_language(document, language)
    _Builder(document, anchors).build(debrief)
    set_core_properties(document, debrief, language)
    set_app_properties(document)
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
    language = system_language()
    document = open_template(template)
    if template is None:
        set_paper(document, paper_for(language))
    set_language(document, language)
    _Builder(document, {}).build_document(title, sections)
    set_summary_properties(document, title.title, title.subtitle, language)
    set_app_properties(document)
    return write_atomically(Path(out), document.save)

"""One part of the export (the title or a section) as a ``QTextDocument``.

Each block type of :mod:`facilitator.export.blocks` has a drawing here, close to
the Word template's look. Column widths follow the same rule as Word
(:func:`facilitator.export.columns.fit_widths`), measured exactly with the
fonts Qt will embed. Every heading is recorded with the block that must share
its page, so :mod:`.pages` can move a heading that would end a page. Parts are
built in documents of their own, which are never laid out: typing thousands of
table cells into a laid-out document would lay the table out again each time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPaintDevice,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

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
from facilitator.export.columns import SHORT_TABLE_ROWS, Column, fit_widths
from facilitator.export.textsafe import export_text, is_right_to_left
from facilitator.ui.pdf import style
from facilitator.ui.pdf.style import SIZES

_POINTS_PER_INCH = 72.0
_BULLET = "•"
_CELL_PADDING = 3.5  # points around a cell's text


@dataclass(frozen=True)
class KeepTogether:
    """Where a heading is, and where the text that must share its page ends (positions)."""

    heading: int
    follower: int


@dataclass
class Built:
    """A built document (a title or one section) and the headings that should not end a page."""

    document: QTextDocument
    keeps: list[KeepTogether] = field(default_factory=list)


def spacer_format() -> QTextBlockFormat:
    """The empty paragraph after a table, made as thin as a hairline."""
    fmt = QTextBlockFormat()
    fmt.setTopMargin(0)
    fmt.setBottomMargin(0)
    fmt.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    return fmt


class DocumentBuilder:
    """Appends sections to a ``QTextDocument`` sized for ``device``'s page, ``width`` wide."""

    def __init__(self, device: QPaintDevice, width: float) -> None:
        self.device = device
        self.width = width
        self.doc = QTextDocument()
        self.doc.setDefaultFont(style.font(SIZES.body))
        self.doc.setDocumentMargin(0)
        self.doc.setUndoRedoEnabled(False)  # building a long document is no edit to undo
        root = self.doc.rootFrame().frameFormat()
        root.setMargin(0)
        self.doc.rootFrame().setFrameFormat(root)
        self.cursor = QTextCursor(self.doc)
        self.first_block = True
        self.keeps: list[KeepTogether] = []
        self._pending_heading: int | None = None
        self._after_table = False
        self._dpi = device.logicalDpiY() or 72
        self._metrics: dict[tuple[float, bool], QFontMetricsF] = {}
        self._advances: dict[tuple[str, float, bool], float] = {}
        self._chars: dict[tuple[float, str, bool, bool], QTextCharFormat] = {}

    # Measures ---------------------------------------------------------------------------

    def px(self, points: float) -> float:
        """Points to device units."""
        return points * self._dpi / _POINTS_PER_INCH

    def _fm(self, size: float, bold: bool) -> QFontMetricsF:
        key = (size, bold)
        if key not in self._metrics:
            self._metrics[key] = QFontMetricsF(style.font(size, bold=bold), self.device)
        return self._metrics[key]

    def _advance(self, text: str, size: float, bold: bool) -> float:
        # Timelines repeat the same words and times thousands of times: measure each once.
        key = (text, size, bold)
        width = self._advances.get(key)
        if width is None:
            width = self._advances[key] = self._fm(size, bold).horizontalAdvance(text)
        return width

    def _line(self, text: str, size: float, bold: bool) -> float:
        return max((self._advance(p, size, bold) for p in text.split("\n")), default=0.0)

    def _word(self, text: str, size: float, bold: bool) -> float:
        return max((self._advance(w, size, bold) for w in text.split()), default=0.0)

    # Formats ----------------------------------------------------------------------------

    def char(
        self, size: float, colour: QColor = style.INK, *, bold: bool = False, italic: bool = False
    ) -> QTextCharFormat:
        key = (size, colour.name(), bold, italic)
        cached = self._chars.get(key)
        if cached is not None:
            return cached
        fmt = self._chars[key] = QTextCharFormat()
        fmt.setFont(style.font(size, bold=bold, italic=italic), QTextCharFormat.FontPropertiesAll)
        fmt.setForeground(QBrush(colour))
        return fmt

    def block_format(
        self, before: float = 0, after: float = 6, rtl: bool = False
    ) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(self.px(before))
        fmt.setBottomMargin(self.px(after))
        fmt.setLineHeight(112, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if rtl:
            fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        return fmt

    # Writing ----------------------------------------------------------------------------

    def new_block(
        self, fmt: QTextBlockFormat, char: QTextCharFormat, *, sticky: bool = False
    ) -> QTextBlock:
        """Start a block at the end; a ``sticky`` one does not count as a heading's text."""
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        if self._after_table:
            # Qt keeps an empty paragraph after a table and drops the top margin of a block
            # that follows a table: shrink that paragraph to a thin spacer and write below it.
            self.cursor.setBlockFormat(spacer_format())
            fmt.setTopMargin(max(fmt.topMargin(), self.px(6)))
            self._after_table = False
        if self.first_block:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char)
            self.first_block = False
        else:
            self.cursor.insertBlock(fmt, char)
        block = self.cursor.block()
        if not sticky:
            self._follows(block)
        return block

    def _follows(self, block: QTextBlock) -> None:
        if self._pending_heading is not None:
            self.keeps.append(KeepTogether(self._pending_heading, block.position()))
            self._pending_heading = None

    def write(self, cursor: QTextCursor, text: Text, char: QTextCharFormat) -> None:
        """Insert ``text`` at ``cursor``: a link when it has a URL, else plain."""
        shown = export_text(text.text).replace("\r", "")
        if text.url:
            link = QTextCharFormat(char)
            link.setAnchor(True)
            link.setAnchorHref(text.url)
            link.setForeground(QBrush(style.LINK))
            link.setFontUnderline(True)
            cursor.insertText(shown, link)
        else:
            cursor.insertText(shown, char)

    def paragraph(
        self,
        text: Text,
        *,
        size: float = SIZES.body,
        colour: QColor = style.INK,
        italic: bool = False,
        label: str = "",
        after: float = 6,
        sticky: bool = False,
    ) -> None:
        lines = [ln for ln in export_text(text.text).split("\n") if ln.strip()] or [""]
        char = self.char(size, colour, italic=italic)
        for index, line in enumerate(lines):
            fmt = self.block_format(after=after, rtl=is_right_to_left(line))
            self.new_block(fmt, char, sticky=sticky)
            if label and index == 0:
                self.cursor.insertText(f"{label}: ", self.char(size, colour, bold=True))
            self.write(self.cursor, Text(line, url=text.url), char)

    def heading(self, text: str, level: int, *, new_page: bool = False) -> None:
        size, colour = (SIZES.heading1, style.NAVY) if level == 1 else (SIZES.heading2, style.BLUE)
        fmt = self.block_format(before=16 if level == 1 else 9, after=4)
        fmt.setHeadingLevel(level)
        if new_page:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        block = self.new_block(fmt, self.char(size, colour, bold=True))
        self.cursor.insertText(export_text(text), self.char(size, colour, bold=True))
        self._pending_heading = block.position()

    def title(self, block: TitleBlock) -> None:
        fmt = self.block_format(after=2)
        self.new_block(fmt, self.char(SIZES.title, style.NAVY, bold=True))
        self.cursor.insertText(
            export_text(block.title), self.char(SIZES.title, style.NAVY, bold=True)
        )
        self.new_block(self.block_format(after=10), self.char(SIZES.subtitle, style.GREY))
        self.cursor.insertText(block.subtitle, self.char(SIZES.subtitle, style.GREY))
        self.facts(block.facts)

    def bullets(self, block: Bullets) -> None:
        char = self.char(SIZES.body)
        for index, item in enumerate(block.items):
            text = " ".join(export_text(item.text).split())
            rtl = is_right_to_left(text)
            fmt = self.block_format(after=3, rtl=rtl)
            fmt.setLeftMargin(self.px(18) if not rtl else 0)
            fmt.setRightMargin(self.px(18) if rtl else 0)
            fmt.setTextIndent(-self.px(11))
            self.new_block(fmt, char)
            self.cursor.insertText(f"{_BULLET}\u2002", char)
            label = block.labels[index] if index < len(block.labels) else ""
            if label:
                self.cursor.insertText(f"{export_text(label)}: ", self.char(SIZES.body, bold=True))
            self.write(self.cursor, Text(text, url=item.url), char)

    # Tables -----------------------------------------------------------------------------

    def widths(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        weights: Sequence[float],
        nowrap: Sequence[bool],
        bold: Sequence[int] = (),
    ) -> list[float]:
        pad = 2 * self.px(_CELL_PADDING)
        columns = []
        for i, header in enumerate(headers):
            line = word = self._word(header, SIZES.table, True)
            is_bold = i in bold
            for row in rows:
                value = export_text(row[i])
                if nowrap[i]:
                    line = max(line, self._line(value, SIZES.table, is_bold))
                word = max(word, self._word(value, SIZES.table, is_bold))
            columns.append(Column(line + pad + 2, word + pad + 2, weights[i], bool(nowrap[i])))
        return fit_widths(self.width - 2, columns)

    def new_table(self, rows: int, widths: list[float], *, header: bool) -> QTextTable:
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        fmt = QTextTableFormat()
        fmt.setBorder(0)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(self.px(_CELL_PADDING))
        # Separate borders: collapsing them doubles the time to lay out and draw a long table.
        fmt.setBorderCollapse(False)
        fmt.setTopMargin(self.px(2))
        # No margin below: a table ending at a page's foot would repeat its header overleaf.
        fmt.setBottomMargin(0)
        fmt.setHeaderRowCount(1 if header else 0)
        # A fixed column width includes the cell padding.
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.FixedLength, w) for w in widths]
        )
        table = self.cursor.insertTable(rows, len(widths), fmt)
        self.first_block = False
        self._after_table = True
        return table

    def cell(
        self,
        table: QTextTable,
        row: int,
        column: int,
        text: Text,
        *,
        bold: bool = False,
        colour: QColor = style.INK,
        background: QColor | None = None,
        rule: QColor = style.RULE,
    ) -> None:
        cell = table.cellAt(row, column)
        fmt = cell.format().toTableCellFormat()
        if background is not None:
            fmt.setBackground(QBrush(background))
        fmt.setBottomBorder(self.px(0.5))
        fmt.setBottomBorderBrush(QBrush(rule))
        fmt.setBottomBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        cell.setFormat(fmt)
        cursor = cell.firstCursorPosition()
        char = self.char(SIZES.table, colour, bold=bold)
        lines = export_text(text.text).replace("\r", "").split("\n")
        for index, line in enumerate(lines):
            if index:
                cursor.insertBlock(self.block_format(after=0, rtl=is_right_to_left(line)), char)
            elif is_right_to_left(line):
                cursor.setBlockFormat(self.block_format(after=0, rtl=True))
            self.write(cursor, Text(line, url=text.url), char)

    def table(self, block: Table) -> None:
        nowrap = [block.keeps_on_one_line(i) for i in range(len(block.columns))]
        plain = [[t.text for t in row] for row in block.rows]
        widths = self.widths(block.columns, plain, block.widths, nowrap)
        table = self.new_table(len(block.rows) + 1, widths, header=True)
        for c, name in enumerate(block.columns):
            self.cell(table, 0, c, Text(name), bold=True, colour=style.WHITE, background=style.NAVY)
        for r, row in enumerate(block.rows, start=1):
            band = style.BAND if r % 2 == 0 else None
            for c, value in enumerate(row):
                self.cell(table, r, c, value, background=band)
        # Like Word: a short table stays whole, a long one keeps at least two rows with its heading.
        follower = len(block.rows) if len(block.rows) <= SHORT_TABLE_ROWS else 2
        self._follows(table.cellAt(follower, 0).lastCursorPosition().block())

    def facts(self, block: Facts) -> None:
        per_row = block.pairs_per_row if len(block.rows) >= 4 else 1
        cols = 2 * per_row
        cells: list[Text] = []
        for label, value in block.rows:
            cells += [Text(label), value]
        cells += [Text("")] * (-len(cells) % cols)
        rows = [cells[i : i + cols] for i in range(0, len(cells), cols)]
        widths = self.widths(
            [""] * cols,
            [[t.text for t in row] for row in rows],
            [1.0] * cols,
            [i % 2 == 0 for i in range(cols)],
            bold=range(0, cols, 2),
        )
        table = self.new_table(len(rows), widths, header=False)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.cell(table, r, c, value, bold=c % 2 == 0)
        self._follows(table.cellAt(0, 0).firstCursorPosition().block())

    def panel(self, block: Panel) -> None:
        rows = [[m.label, m.when, m.text.text] for m in block.moments]
        rows += [[label, "", value.text] for label, value in block.facts]
        widths = self.widths(["", "", ""], rows, [1.0, 1.0, 3.0], [True, True, False], bold=[0])
        table = self.new_table(len(rows), widths, header=False)
        for r, moment in enumerate(block.moments):
            # A shaded box without inner rules, as in the Word file.
            shaded = {"background": style.PANEL, "rule": style.PANEL}
            self.cell(table, r, 0, Text(moment.label), bold=True, **shaded)
            self.cell(table, r, 1, Text(moment.when), **shaded)
            self.cell(table, r, 2, moment.text, **shaded)
            if moment.measured:
                cursor = table.cellAt(r, 2).lastCursorPosition()
                note = self.char(SIZES.note, style.GREY, italic=True)
                if moment.text.text:
                    cursor.insertBlock(self.block_format(after=0), note)
                cursor.insertText(export_text(moment.measured), note)
        start = len(block.moments)
        for offset, (label, value) in enumerate(block.facts):
            r = start + offset
            table.mergeCells(r, 1, 1, 2)
            self.cell(table, r, 0, Text(label), bold=True, background=style.PANEL)
            self.cell(table, r, 1, value, background=style.PANEL, rule=style.PANEL)
        self._follows(table.cellAt(0, 0).firstCursorPosition().block())

    # Sections ---------------------------------------------------------------------------

    def block(self, block: Block, *, before_table: bool = False) -> None:
        if isinstance(block, Paragraph):
            # A line introducing a table belongs with it: the heading waits for the table's rows.
            if block.note:
                self.paragraph(
                    block.text,
                    size=SIZES.note,
                    colour=style.GREY,
                    italic=True,
                    after=4,
                    sticky=before_table,
                )
            else:
                self.paragraph(block.text, label=block.label, sticky=before_table)
        elif isinstance(block, Bullets):
            self.bullets(block)
        elif isinstance(block, SubHeading):
            self.heading(block.text, 2)
        elif isinstance(block, Facts):
            self.facts(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Panel):
            self.panel(block)
        else:
            raise TypeError(f"Unknown block {block!r}")

    def section(self, section: Section) -> None:
        self.heading(section.heading, 1, new_page=section.new_page)
        blocks = section.blocks
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            self.block(block, before_table=isinstance(following, Table | Panel))

    def built(self) -> Built:
        if self._after_table:
            # Qt keeps an empty paragraph after a table: make it a hairline here, where that
            # costs no layout, so it neither adds a line nor spills onto a page of its own.
            last = QTextCursor(self.doc)
            last.movePosition(QTextCursor.MoveOperation.End)
            last.setBlockFormat(spacer_format())
        return Built(self.doc, self.keeps)

"""Painting the export onto PDF pages: header, page numbers, headings kept with their text."""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextLength,
    QTextTableFormat,
)

from facilitator import __version__
from facilitator.domain.model import Debrief
from facilitator.export.atomic import ExportError, write_atomically
from facilitator.export.locale_defaults import PAPERS, paper_for, system_language
from facilitator.export.sections import build_sections, build_title
from facilitator.export.textsafe import export_text
from facilitator.ui.pdf import style
from facilitator.ui.pdf.builder import Built, DocumentBuilder
from facilitator.ui.pdf.style import SIZES

_PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
_MARGINS_MM = QMarginsF(20, 12, 20, 12)
_HEADER_MM = 12.0  # band above the body holding the running title
_FOOTER_MM = 10.0  # band below the body holding the page number
_PROBE_WIDTH = 1000.0
_SLACK = 6.0
_BREAK_BEFORE = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
<xmp:CreatorTool>{tool}</xmp:CreatorTool><pdf:Producer>{tool}</pdf:Producer>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


@cache
def layout_resolution() -> int:
    """The resolution at which Qt's text layout takes lengths as they are given.

    ``QTextDocument`` scales table widths, padding and some margins by the device's
    resolution over Qt's default one (96 dpi on Linux and Windows, 72 on macOS), but
    not every length. Writing the PDF at the default resolution makes every length
    mean the same; it is found by laying out one fixed-width table.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    probe = QPdfWriter(buffer)
    probe.setResolution(96)
    document = QTextDocument()
    table_format = QTextTableFormat()
    for setter in (table_format.setBorder, table_format.setCellPadding, table_format.setMargin):
        setter(0)
    table_format.setCellSpacing(0)
    table_format.setColumnWidthConstraints(
        [QTextLength(QTextLength.Type.FixedLength, _PROBE_WIDTH)]
    )
    table = QTextCursor(document).insertTable(1, 1, table_format)
    document.documentLayout().setPaintDevice(probe)
    document.setPageSize(QSizeF(100 * _PROBE_WIDTH, 100 * _PROBE_WIDTH))
    width = document.documentLayout().frameBoundingRect(table).width()
    scale = width / _PROBE_WIDTH if width > 0 else 1.0
    return max(round(96 / scale), 1)


def _mm(writer: QPdfWriter, millimetres: float) -> float:
    return millimetres / 25.4 * writer.resolution()


class _Composer:
    """The whole export in one laid-out document, assembled part by part.

    Each part arrives as a finished fragment, so the layout runs once per part; a
    heading that would end a page gets a page break, which only lays out its own
    part again.
    """

    def __init__(self, writer: QPdfWriter, size: QSizeF) -> None:
        self.doc = QTextDocument()
        self.doc.setUndoRedoEnabled(False)
        self.doc.setDocumentMargin(0)
        self.doc.setDefaultFont(style.font(SIZES.body))
        # Page size first, then the device: the other order lays everything out twice.
        self.doc.setPageSize(size)
        self.doc.documentLayout().setPaintDevice(writer)
        self.page_height = size.height()
        self.cursor = QTextCursor(self.doc)

    def add(self, built: Built) -> None:
        cursor = self.cursor
        cursor.movePosition(QTextCursor.MoveOperation.End)
        first = built.document.firstBlock()
        # A fragment's first paragraph takes the look of the block it lands in: give that
        # block the part's own format first (setting it afterwards would lay out again).
        # A part ending in a table ends in an empty paragraph the builder made a thin spacer
        # (Qt drops the top margin of a heading right below a table); the next part starts
        # in a paragraph of its own after it.
        if not cursor.atStart():
            cursor.insertBlock(first.blockFormat(), first.charFormat())
        else:
            cursor.setBlockFormat(first.blockFormat())
        base = cursor.position()
        cursor.insertFragment(QTextDocumentFragment(built.document))
        for keep in built.keeps:
            self._keep(base + keep.heading, base + keep.follower)

    def _keep(self, heading_at: int, follower_at: int) -> None:
        """Start the heading on the next page when the text it introduces would not follow."""
        layout = self.doc.documentLayout()
        heading = self.doc.findBlock(heading_at)
        top = layout.blockBoundingRect(heading).top()
        bottom = layout.blockBoundingRect(self.doc.findBlock(follower_at)).bottom()
        page = math.floor(top / self.page_height)
        at_page_top = top - page * self.page_height < self.page_height * 0.05
        # A block ending right at the page's foot is still moved on by Qt: leave some slack.
        if at_page_top or math.floor((bottom + _SLACK) / self.page_height) == page:
            return
        fmt = heading.blockFormat()
        fmt.setPageBreakPolicy(fmt.pageBreakPolicy() | _BREAK_BEFORE)
        QTextCursor(heading).setBlockFormat(fmt)
        # Qt relays out only part of the document after a format change and can leave the
        # blocks after it unplaced: mark the rest dirty so the next layout is complete.
        position = heading.position()
        self.doc.markContentsDirty(position, self.doc.characterCount() - position)

    def finish(self) -> QTextDocument:
        """Return the finished document."""
        return self.doc


def _document(debrief: Debrief, writer: QPdfWriter, size: QSizeF) -> QTextDocument:
    composer = _Composer(writer, size)
    title = DocumentBuilder(writer, size.width())
    title.title(build_title(debrief))
    composer.add(title.built())
    for section in build_sections(debrief):
        part = DocumentBuilder(writer, size.width())
        part.section(section)
        composer.add(part.built())
    return composer.finish()


def _page_furniture(
    painter: QPainter, writer: QPdfWriter, title: str, page: int, pages: int, body_top: float
) -> None:
    width = writer.width()
    header_font = style.font(SIZES.header)
    painter.setFont(header_font)
    painter.setPen(style.GREY)
    metrics = QFontMetricsF(header_font, writer)
    shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, width * 0.8)
    painter.drawText(QRectF(0, 0, width, body_top), Qt.AlignmentFlag.AlignLeft, shown)
    band = _mm(writer, _FOOTER_MM)
    footer = QRectF(0, writer.height() - band, width, band)
    bottom_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
    painter.drawText(footer, bottom_right, f"Page {page} of {pages}")


def _writer(buffer: QBuffer, debrief: Debrief, paper: str, language: str) -> QPdfWriter:
    writer = QPdfWriter(buffer)
    writer.setResolution(layout_resolution())
    layout = QPageLayout(
        QPageSize(_PAGE_SIZES[paper]),
        QPageLayout.Orientation.Portrait,
        _MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )
    writer.setPageLayout(layout)
    title = export_text(build_title(debrief).title)
    author = export_text(build_title(debrief).author)
    tool = f"Facilitator {__version__}"
    writer.setTitle(title)
    writer.setAuthor(author)
    writer.setCreator(tool)
    xmp = _XMP.format(
        title=escape(title), author=escape(author), language=escape(language), tool=escape(tool)
    )
    writer.setDocumentXmpMetadata(QByteArray(xmp.encode("utf-8")))
    return writer


def render_pdf(debrief: Debrief, *, language: str | None = None, paper: str | None = None) -> bytes:
    """Return the debrief as PDF bytes. A ``QGuiApplication`` must exist.

    ``paper`` is "a4" or "letter"; by default the one ``language``'s region uses.
    """
    language = language or system_language()
    paper = paper or paper_for(language)
    if paper not in PAPERS:
        raise ExportError(f"Paper size “{paper}” is not one of: {', '.join(PAPERS)}.")
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buffer, debrief, paper, language)
    top = _mm(writer, _HEADER_MM)
    body = QSizeF(writer.width(), writer.height() - top - _mm(writer, _FOOTER_MM))
    document = _document(debrief, writer, body)
    pages = document.pageCount()
    title = export_text(build_title(debrief).title)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("The PDF could not be started.")
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            _page_furniture(painter, writer, title, index + 1, pages, top)
            painter.save()
            painter.translate(0, top - index * body.height())
            clip = QRectF(0, index * body.height(), body.width(), body.height())
            document.drawContents(painter, clip)
            painter.restore()
    finally:
        painter.end()
    buffer.close()
    return bytes(buffer.data().data())


def export_pdf(
    debrief: Debrief, out: str | Path, *, language: str | None = None, paper: str | None = None
) -> Path:
    """Write the debrief as a PDF to ``out`` and return the path written.

    Raises:
        ExportError: the file cannot be written; the message says why in plain words.
    """
    data = render_pdf(debrief, language=language, paper=paper)
    return write_atomically(Path(out), lambda stream: stream.write(data))

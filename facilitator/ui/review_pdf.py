"""The monthly learning review as PDF: QTextDocument laid out on a QPdfWriter.

No browser or office suite is needed: the review's blocks become simple HTML
that Qt's rich-text engine paginates, with the chart PNGs as document resources.
The command line calls :func:`export_review_pdf_offscreen`, which starts an
offscreen Qt application when none runs.
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from facilitator.export.atomic import ExportError, write_atomically
from facilitator.export.blocks import Bullets, Facts, Paragraph, SubHeading, Table, Text
from facilitator.library.review import Chart, Review

_STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; color: #222; }
h1 { font-size: 20pt; color: #1f3a5f; margin-bottom: 2px; }
h2 { font-size: 14pt; color: #1f3a5f; margin-top: 16px; }
h3 { font-size: 11pt; color: #333; margin-top: 10px; }
p.sub { color: #555; font-size: 10pt; }
p.note { color: #666; font-style: italic; }
table { border-collapse: collapse; }
th { background: #e8edf3; text-align: left; padding: 3px; font-size: 8pt; }
td { padding: 3px; border-bottom: 1px solid #d0d6de; font-size: 8pt; }
"""


def _esc(text: Text | str) -> str:
    value = text.text if isinstance(text, Text) else text
    return html.escape(value).replace("\n", "<br>")


def review_html(review: Review, charts: dict[str, bytes], width_px: int) -> str:
    """The review as the HTML subset QTextDocument lays out."""
    parts = [f"<h1>{_esc(review.title)}</h1>", f"<p class='sub'>{_esc(review.subtitle)}</p>"]
    for section in review.sections:
        parts.append(f"<h2>{_esc(section.heading)}</h2>")
        for block in section.blocks:
            if isinstance(block, Chart):
                if block.key in charts:
                    # One chart per page: Qt would otherwise cut a picture across two pages.
                    parts.append(f"<h3 style='page-break-before: always'>{_esc(block.title)}</h3>")
                    parts.append(f"<p><img src='chart:{block.key}' width='{width_px}'></p>")
                    if block.caption:
                        parts.append(f"<p class='note'>{_esc(block.caption)}</p>")
            elif isinstance(block, Paragraph):
                css = " class='note'" if block.note else ""
                label = f"<b>{_esc(block.label)}:</b> " if block.label else ""
                parts.append(f"<p{css}>{label}{_esc(block.text)}</p>")
            elif isinstance(block, Bullets):
                parts.append("<ul>" + "".join(f"<li>{_esc(i)}</li>" for i in block.items) + "</ul>")
            elif isinstance(block, SubHeading):
                parts.append(f"<h3>{_esc(block.text)}</h3>")
            elif isinstance(block, Facts):
                rows = "".join(
                    f"<tr><td><b>{_esc(k)}</b></td><td>{_esc(v)}</td></tr>" for k, v in block.rows
                )
                parts.append(f"<table width='100%'>{rows}</table>")
            elif isinstance(block, Table):
                total = sum(block.widths) or 1
                head = "".join(
                    f"<th width='{100 * w / total:.0f}%'>{_esc(c)}</th>"
                    for c, w in zip(block.columns, block.widths, strict=True)
                )
                body = "".join(
                    "<tr>" + "".join(f"<td>{_esc(cell)}</td>" for cell in row) + "</tr>"
                    for row in block.rows
                )
                table = f"<thead><tr>{head}</tr></thead>{body}"
                parts.append(f"<table width='100%' cellspacing='0'>{table}</table>")
    return "<html><body>" + "\n".join(parts) + "</body></html>"


def export_review_pdf(review: Review, charts: dict[str, bytes], out: str | Path) -> Path:
    """Write the review as a landscape A4 PDF; a Qt GUI application must exist."""
    # QPdfWriter wants a file name: render in a private folder, then move into place.
    with tempfile.TemporaryDirectory(prefix="facilitator-pdf-") as folder:
        temporary = Path(folder) / "review.pdf"
        _render(review, charts, temporary)
        data = temporary.read_bytes()
    return write_atomically(Path(out), lambda handle: handle.write(data))


def _render(review: Review, charts: dict[str, bytes], path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(144)
    writer.setTitle(review.title)
    writer.setCreator("Facilitator")
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        QMarginsF(14, 14, 14, 14),
        QPageLayout.Unit.Millimeter,
    )
    writer.setPageLayout(layout)
    document = QTextDocument()
    document.setDefaultStyleSheet(_STYLE)
    # print_() lays the document out on the page in screen pixels (96 per inch) and scales
    # it to the printer, so sizes given in pixels must be measured that way too.
    points = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    width_px = points.width() * 96 / 72
    for key, data in charts.items():
        image = QImage.fromData(data, "PNG")
        if image.isNull():
            raise ExportError(f"The chart {key} could not be drawn.")
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{key}"), image)
    # 85% of the width keeps a 10 x 5.2 chart and its heading within one landscape page.
    document.setHtml(review_html(review, charts, int(width_px * 0.85)))
    document.print_(writer)
    del writer  # flushes and closes the file


def export_review_pdf_offscreen(review: Review, charts: dict[str, bytes], out: str | Path) -> Path:
    """Like :func:`export_review_pdf`, starting an offscreen Qt application if none runs."""
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["facilitator"])
    return export_review_pdf(review, charts, out)

"""Full-text search in the library's search box: results list, delegate and the hook.

:func:`install_search` adds the results under the library's filter box without
changing the library view itself: while the box holds a query the ranked hits
replace the table (title, severity and date, then the field and a snippet with
the words in bold); clearing the box brings the table back. A query that cannot
be understood shows its hint instead of results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from facilitator.domain.taxonomy import Taxonomy, default_taxonomy
from facilitator.library.query import QueryError
from facilitator.storage import DebriefService, StorageError
from facilitator.storage.search import SearchHit
from facilitator.ui.library_models import HIT_ROLE, ID_ROLE, SearchResultsModel

if TYPE_CHECKING:
    from facilitator.ui.library import LibraryView

#: Typing pauses this long before the library is searched.
SEARCH_DELAY_MS = 180
RESULTS_LIMIT = 100
PLACEHOLDER = 'Search every field: words, "exact phrases", -exclude, severity:SEV2, service:…'


class HitDelegate(QStyledItemDelegate):
    """Two lines per hit: title with severity and date; then "field: snippet" with bold hits."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        height = QFontMetrics(option.font).lineSpacing()
        # Width 0: the view gives each row its own width, so no horizontal scroll bar appears.
        return QSize(0, height * 2 + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit: SearchHit = index.data(HIT_ROLE)
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(option.palette.color(group))
        metrics = QFontMetrics(option.font)
        rect = option.rect.adjusted(10, 6, -10, -6)
        bold = QFont(option.font)
        bold.setBold(True)
        when = hit.date.date().isoformat() if hit.date else ""
        meta = "  ·  ".join(p for p in (hit.severity or "", when, hit.incident) if p)
        painter.setFont(bold)
        top = QRect(rect.left(), rect.top(), rect.width(), metrics.lineSpacing())
        meta_width = metrics.horizontalAdvance(meta) + 16
        title = QFontMetrics(bold).elidedText(
            hit.title or "Untitled debrief", Qt.TextElideMode.ElideRight, rect.width() - meta_width
        )
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(option.font)
        painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, meta)
        second = top.translated(0, metrics.lineSpacing() + 2)
        if hit.snippet:
            self._snippet(painter, option.font, bold, second, hit)
        painter.restore()

    def _snippet(
        self, painter: QPainter, font: QFont, bold: QFont, rect: QRect, hit: SearchHit
    ) -> None:
        label = f"{hit.field}: "
        text = label + hit.snippet
        layout = QTextLayout(text, font)
        formats = []
        for start, end in hit.highlights:
            span = QTextLayout.FormatRange()
            span.start, span.length = start + len(label), end - start
            span.format.setFont(bold)
            span.format.setFontWeight(QFont.Weight.Bold)
            formats.append(span)
        italic = QTextLayout.FormatRange()
        italic.start, italic.length = 0, len(label) - 1
        italic.format.setFontItalic(True)
        layout.setFormats([italic, *formats])
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(rect.width())
        layout.endLayout()
        painter.setClipRect(rect)
        layout.draw(painter, rect.topLeft())


class LibrarySearch(QObject):
    """Connects a library view's filter box to the service's full-text search."""

    def __init__(
        self, library: LibraryView, service: DebriefService, taxonomy: Taxonomy | None = None
    ) -> None:
        super().__init__(library)
        self.library = library
        self.service = service
        self.taxonomy = taxonomy or default_taxonomy()
        self.model = SearchResultsModel(self)
        self.view = QListView(library)
        self.view.setObjectName("SearchResults")
        self.view.setModel(self.model)
        self.view.setItemDelegate(HitDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status = QLabel("", library)
        self.status.setObjectName("HintLabel")
        self.status.setWordWrap(True)
        layout = library.layout()
        index = layout.indexOf(library.table)
        layout.insertWidget(index + 1, self.view, 1)
        layout.insertWidget(index, self.status)
        self.view.hide()
        self.status.hide()
        # Down and Enter in the box reach these hits while they stand in for the table.
        library.results = self.view
        library.filter.setPlaceholderText(PLACEHOLDER)
        library.filter.setToolTip(
            "Type words to search titles, timelines, action items and every other field.\n"
            'Filters: severity:SEV2  service:payments  cause:"configuration change"  '
            "tag:config  owner:ada  status:published  after:2026-07-01  before:2026-10"
        )
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run)
        library.filter.textChanged.connect(lambda _t: self._timer.start())
        self.view.activated.connect(self._open)

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.run()

    @property
    def query(self) -> str:
        return self.library.filter.text()

    def run(self) -> None:
        """Search now for what the box holds (or go back to the table when it is empty)."""
        text = self.query.strip()
        if not text:
            self.model.set_hits([], 0)
            self.view.hide()
            self.status.hide()
            # An empty library keeps its first-run offer in place of the table.
            self.library.table.setVisible(self.library.model.rowCount() > 0)
            return
        try:
            page = self.service.search(text, taxonomy=self.taxonomy, limit=RESULTS_LIMIT)
        except QueryError as exc:
            self._show_status(str(exc), error=True)
            return
        except StorageError as exc:
            self._show_status(str(exc), error=True)
            return
        self.model.set_hits(page.hits, page.total)
        self.library.table.hide()
        self.view.show()
        shown = (
            f"the best {len(page.hits)} of {page.total}"
            if page.total > len(page.hits)
            else str(page.total)
        )
        noun = "debrief matches" if page.total == 1 else "debriefs match"
        self._show_status(f"{shown} {noun}. Enter opens the selected one.", error=False)
        if page.hits:
            self.view.setCurrentIndex(self.model.index(0))

    def _show_status(self, text: str, *, error: bool) -> None:
        self.status.setObjectName("WarningLabel" if error else "HintLabel")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)
        self.status.show()
        if error:
            self.view.hide()
            self.library.table.hide()

    def _open(self, index: QModelIndex) -> None:
        debrief_id = index.data(ID_ROLE)
        if debrief_id:
            self.library.openRequested.emit(debrief_id)


def install_search(
    library: LibraryView, service: DebriefService, taxonomy: Taxonomy | None = None
) -> LibrarySearch:
    """Give ``library`` full-text search; return the controller (it lives as long as the view)."""
    return LibrarySearch(library, service, taxonomy)

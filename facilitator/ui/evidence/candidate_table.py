"""The candidates table: a QTableView with a tick column, drop-downs for kind and moment,
Space to choose, and a context menu for ranges, people and moments.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from facilitator.evidence.choice import MOMENT_LABELS
from facilitator.ui.evidence.candidate_filter import CandidateFilter
from facilitator.ui.evidence.candidate_model import (
    AUTHOR,
    CHOSEN,
    FINDINGS,
    KIND,
    MOMENT,
    TEXT,
    TIME,
    CandidateModel,
)
from facilitator.ui.evidence.delegates import ChoiceDelegate
from facilitator.ui.parts.timeline import KIND_LABELS


class CandidateTable(QTableView):
    """Shows a :class:`CandidateFilter`; reports what the user asks for.

    Signals:
        rangeRequested(): choose only the time range between the selected rows.
        authorRequested(str): choose everything this author wrote.
    """

    rangeRequested = Signal()
    authorRequested = Signal(str)

    def __init__(self, proxy: CandidateFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.setObjectName("EvidenceTable")
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the conversation's own order
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        rows = self.verticalHeader()
        rows.hide()
        # Fixed row heights: the view never measures rows, whatever their number.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        kinds = [(label, kind) for kind, label in KIND_LABELS.items()]
        moments = [("—", None), *((label, name) for name, label in MOMENT_LABELS.items())]
        self.setItemDelegateForColumn(KIND, ChoiceDelegate(kinds, self))
        self.setItemDelegateForColumn(MOMENT, ChoiceDelegate(moments, self))
        self.size_columns()

    @property
    def source(self) -> CandidateModel:
        return self.proxy.sourceModel()  # type: ignore[return-value]

    def size_columns(self, time_sample: str = "↳ Wed 23:59:59") -> None:
        """Widths from the font and sample texts, never from the rows: 10,000 would be slow."""
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = self.fontMetrics()
        pad = metrics.horizontalAdvance("MM")
        widths = {
            CHOSEN: metrics.horizontalAdvance("Add") + pad,
            TIME: metrics.horizontalAdvance(time_sample) + pad,
            AUTHOR: metrics.horizontalAdvance("Omar Haddad") + pad,
            KIND: metrics.horizontalAdvance("Escalation") + pad,
            MOMENT: metrics.horizontalAdvance("Problem started") + pad,
            FINDINGS: metrics.horizontalAdvance("⚑ “should have”") + pad,
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)

    def selected_rows(self) -> list[int]:
        """Model rows of the selection, in view order."""
        selected = sorted(self.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.proxy.mapToSource(index).row() for index in selected]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.source.toggle(self.selected_rows())
            event.accept()
            return
        super().keyPressEvent(event)

    def _menu(self, point: QPoint) -> None:
        index = self.indexAt(point)
        rows = self.selected_rows()
        if not index.isValid() or not rows:
            return
        row = self.proxy.mapToSource(index).row()
        model = self.source
        menu = QMenu(self)
        menu.addAction("Choose", lambda: model.set_chosen(rows, True))
        menu.addAction("Leave out", lambda: model.set_chosen(rows, False))
        if len(rows) > 1:
            menu.addAction("Choose only this time range", self.rangeRequested.emit)
        author = model.candidate(row).author
        if author:
            menu.addAction(
                f"Choose everything from {author}", lambda: self.authorRequested.emit(author)
            )
        marks = menu.addMenu("Mark as")
        current = model.choice.moment_of(row)
        for name, label in [*MOMENT_LABELS.items(), (None, "No moment")]:
            action = QAction(label, marks, checkable=True, checked=current == name)
            action.triggered.connect(
                lambda _=False, n=name: model.setData(model.index(row, MOMENT), n)
            )
            marks.addAction(action)
        menu.popup(self.viewport().mapToGlobal(point))

    def current_source_row(self) -> int | None:
        index: QModelIndex = self.currentIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else None

"""The library: every debrief with its title, severity, status and date."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import DebriefSummary, Status

STATUS_LABELS = {
    Status.DRAFT: "Draft",
    Status.IN_MEETING: "In meeting",
    Status.PUBLISHED: "Published",
}
HEADERS = ("Title", "Severity", "Status", "Date")
_Index = QModelIndex | QPersistentModelIndex


def format_day(value: datetime | None) -> str:
    """A date for the list, in this computer's zone: "2025-03-14"."""
    if value is None:
        return "—"
    return value.astimezone().strftime("%Y-%m-%d") if value.tzinfo else value.strftime("%Y-%m-%d")


class LibraryModel(QAbstractTableModel):
    """Debrief summaries as table rows; the id is under ``Qt.UserRole``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DebriefSummary] = []

    def add_to_bar(self, widget: QWidget) -> None:
        """Put ``widget`` (the action-items badge) at the end of the button bar."""
        self._bar.addWidget(widget)

    def set_summaries(self, summaries: list[DebriefSummary]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        self.endResetModel()

    def title_of(self, debrief_id: str) -> str:
        """The listed title of ``debrief_id`` ("" when unknown)."""
        return next((row.title for row in self._rows if row.id == debrief_id), "")

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.title or "Untitled debrief",
                row.severity.value if row.severity else "—",
                STATUS_LABELS.get(row.status, str(row.status)),
                format_day(row.date),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return row.incident or None
        return None


class LibraryView(QWidget):
    """The list of debriefs with New, Open and Delete.

    Signals:
        newRequested(): the user wants a new debrief.
        openRequested(str): open the debrief with this id.
        deleteRequested(str): delete the debrief with this id (after confirmation).
    """

    newRequested = Signal()
    openRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Library")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        title = QLabel("Debriefs", self)
        title.setObjectName("PhaseTitle")
        layout.addWidget(title)
        bar = QHBoxLayout()
        self.filter = QLineEdit(self, placeholderText="Filter by title, severity or date…")
        self.filter.setClearButtonEnabled(True)
        self.new_button = QPushButton("New debrief", self, toolTip="Start a new debrief (Ctrl+N)")
        self.new_button.setObjectName("NextButton")
        self.open_button = QPushButton("Open", self, toolTip="Open the selected debrief (Enter)")
        self.delete_button = QPushButton(
            "Delete…", self, toolTip="Delete the selected debrief (Del)"
        )
        self._bar = bar
        bar.addWidget(self.filter, 1)
        for button in (self.new_button, self.open_button, self.delete_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.model = LibraryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView(self)
        self.table.setObjectName("LibraryTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.empty = QLabel("No debriefs yet. Start one with “New debrief” (Ctrl+N).", self)
        self.empty.setObjectName("HintLabel")
        layout.addWidget(self.empty)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self._open_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.table.activated.connect(lambda _i: self._open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def add_to_bar(self, widget: QWidget) -> None:
        """Put ``widget`` (the action-items badge) at the end of the button bar."""
        self._bar.addWidget(widget)

    def set_summaries(self, summaries: list[DebriefSummary]) -> None:
        """Show these debriefs (newest first, as the service lists them)."""
        self.model.set_summaries(summaries)
        self.empty.setVisible(not summaries)
        if summaries:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(Qt.ItemDataRole.UserRole)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Delete and self.table.hasFocus():
            self._delete_selected()
            return
        super().keyPressEvent(event)

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.open_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _open_selected(self) -> None:
        debrief_id = self.selected_id()
        if debrief_id:
            self.openRequested.emit(debrief_id)

    def _delete_selected(self) -> None:
        debrief_id = self.selected_id()
        if debrief_id:
            self.deleteRequested.emit(debrief_id)

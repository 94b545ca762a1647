"""The library: every debrief with its title, severity, status and date.

Keys: type to filter; Down moves from the filter into the list; Enter opens the
selected debrief (from the filter too); Delete asks to delete it. ``.json``
debrief files dropped on the library are offered for import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent
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

from facilitator.domain.model import DebriefSummary
from facilitator.ui.library_model import (
    STATUS_LABELS,
    TEAM_COLUMN,
    LibraryFilter,
    LibraryModel,
    format_day,
)

__all__ = ["STATUS_LABELS", "LibraryFilter", "LibraryModel", "LibraryView", "format_day"]


def dropped_json(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local ``.json`` files a drag carries."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".json")
    ]


class LibraryView(QWidget):
    """The list of debriefs with New, Open, Import and Delete.

    Signals:
        newRequested(): the user wants a new debrief.
        sampleRequested(): open the sample debrief (adding it to the library first).
        openRequested(str): open the debrief with this id.
        deleteRequested(str): delete the debrief with this id (after confirmation).
        importRequested(object): import these debrief files (a list of Paths).
    """

    newRequested = Signal()
    sampleRequested = Signal()
    openRequested = Signal(str)
    deleteRequested = Signal(str)
    importRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Library")
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        title = QLabel("Debriefs", self)
        title.setObjectName("PhaseTitle")
        layout.addWidget(title)
        bar = QHBoxLayout()
        self.filter = QLineEdit(self, placeholderText="Filter by title, severity, date, incident…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter debriefs")
        self.filter.setToolTip("Type to filter; Down goes to the list, Enter opens the first one")
        self.new_button = QPushButton("New debrief", self, toolTip="Start a new debrief (Ctrl+N)")
        self.new_button.setObjectName("NextButton")
        self.open_button = QPushButton("Open", self, toolTip="Open the selected debrief (Enter)")
        self.import_button = QPushButton(
            "Import…", self, toolTip="Import debriefs from JSON files (Ctrl+I), or drop them here"
        )
        self.delete_button = QPushButton(
            "Delete…", self, toolTip="Delete the selected debrief (Del)"
        )
        self._bar = bar
        bar.addWidget(self.filter, 1)
        for button in (self.new_button, self.open_button, self.import_button, self.delete_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.model = LibraryModel(self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("LibraryTable")
        self.table.setAccessibleName("Debriefs")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        # One line per row, always: no row is ever measured, so 10,000 cost what 20 do.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for column, sample in (
            (1, "Severity"),
            (2, "In meeting"),
            (3, "2026-12-31"),
            (TEAM_COLUMN, "Changes waiting"),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 48)
        # Shown once a team library is connected (see set_marks).
        self.table.setColumnHidden(TEAM_COLUMN, True)
        layout.addWidget(self.table, 1)
        # In place of the empty table: what to do first, with the sample one click away.
        self.empty = QWidget(self)
        self.empty.setObjectName("LibraryEmpty")
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(2)
        heading = QLabel("No debriefs yet", self.empty)
        heading.setObjectName("EmptyHeading")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        heading.setFont(font)
        hint = QLabel(
            "Start one with “New debrief” (Ctrl+N), open the sample (a made-up checkout "
            "outage with every phase filled in), or drop a debrief's JSON file here.",
            self.empty,
        )
        hint.setObjectName("HintLabel")
        hint.setWordWrap(True)
        self.sample_button = QPushButton("Open a sample debrief", self.empty)
        self.sample_button.setToolTip(
            "Add a made-up, complete debrief to the library and open it (also in the Help menu)"
        )
        self.sample_button.setAccessibleName("Open a sample debrief")
        center = Qt.AlignmentFlag.AlignHCenter
        empty_layout.addWidget(heading, 0, center)
        empty_layout.addWidget(hint)
        empty_layout.addSpacing(10)
        empty_layout.addWidget(self.sample_button, 0, center)
        empty_layout.addStretch(3)
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.empty, 1)
        #: A list shown in place of the table (the full-text search's ranked hits), if any.
        self.results: QAbstractItemView | None = None
        self.sample_button.clicked.connect(self.sampleRequested)
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self._open_from_filter)
        self.filter.installEventFilter(self)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self._open_selected)
        self.import_button.clicked.connect(lambda: self.importRequested.emit([]))
        self.delete_button.clicked.connect(self._delete_selected)
        self.table.activated.connect(lambda _i: self._open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.proxy.modelReset.connect(self._rows_changed)
        # The filter's strings are formatted once, after the first paint rather than before it.
        self._warm = QTimer(self, singleShot=True, interval=300)
        self._warm.timeout.connect(self.model.haystacks)
        self._update_buttons()

    def add_to_bar(self, widget: QWidget) -> None:
        """Put ``widget`` (the action-items badge) at the end of the button bar."""
        self._bar.addWidget(widget)

    def set_summaries(self, summaries: list[DebriefSummary]) -> None:
        """Show these debriefs (most recently edited first, as the service lists them)."""
        keep = self.selected_id()
        self.model.set_summaries(summaries)
        self.empty.setVisible(not summaries)
        self.table.setVisible(bool(summaries))
        self.select(keep)
        self._warm.start()

    def set_marks(self, marks: dict[str, str] | None) -> None:
        """Mark each debrief local only, published or with changes waiting; None hides it."""
        self.table.setColumnHidden(TEAM_COLUMN, marks is None)
        self.model.set_marks(marks or {})

    def select(self, debrief_id: str | None) -> None:
        """Select ``debrief_id`` if it is shown, else the first row."""
        row = self.proxy.row_of(debrief_id) if debrief_id else -1
        if row < 0 and self.proxy.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.proxy.index(row, 0))
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(Qt.ItemDataRole.UserRole)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)

    def _rows_changed(self) -> None:
        self.select(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
        ):
            results = self._results_in_sight()
            if results is not None:
                results.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if not self.proxy.rowCount():
                return False
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.table.hasFocus():
            self._delete_selected()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_json(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_json(event)
        if paths:
            event.acceptProposedAction()
            self.importRequested.emit(paths)

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.open_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _results_in_sight(self) -> QAbstractItemView | None:
        results = self.results
        return results if results is not None and results.isVisible() else None

    def _open_from_filter(self) -> None:
        results = self._results_in_sight()
        if results is not None:
            # The ranked hits are what the facilitator sees: Enter opens the one selected.
            index = results.currentIndex()
            if index.isValid():
                results.activated.emit(index)
            return
        if self.selected_id() is None and self.proxy.rowCount():
            self.table.selectRow(0)
        self._open_selected()

    def _open_selected(self) -> None:
        debrief_id = self.selected_id()
        if debrief_id:
            self.openRequested.emit(debrief_id)

    def _delete_selected(self) -> None:
        debrief_id = self.selected_id()
        if debrief_id:
            self.deleteRequested.emit(debrief_id)

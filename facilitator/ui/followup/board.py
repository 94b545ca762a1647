"""ActionBoard: every action item of every debrief, filtered, edited in place, exported.

The board reads records through :class:`~facilitator.storage.followup.FollowUpService`
and saves each inline change through it at once, recorded as the person in the
"who" setting. Enter on a row opens that item's debrief.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.followup.filters import NO_PRIORITY, ActionFilter, DueFilter, StatusFilter, choices
from facilitator.followup.records import ActionRecord
from facilitator.storage import StorageError
from facilitator.storage.followup import FollowUpService
from facilitator.ui.followup import dialogs
from facilitator.ui.followup.board_export import ExportMenu
from facilitator.ui.followup.board_model import (
    ActionBoardModel,
)
from facilitator.ui.followup.board_table import BoardTable
from facilitator.ui.followup.widgets import (
    NAME_KEY,
    WheelGuard,
    who,
    who_is_set,
)

STATUS_FILTERS = (
    (StatusFilter.OPEN, "Still open"),
    (StatusFilter.NOT_STARTED, "Not started"),
    (StatusFilter.IN_PROGRESS, "In progress"),
    (StatusFilter.DONE, "Done"),
    (StatusFilter.DROPPED, "Won't do"),
    (StatusFilter.ALL, "Any status"),
)
DUE_FILTERS = (
    (DueFilter.ANY, "Any due date"),
    (DueFilter.OVERDUE, "Overdue"),
    (DueFilter.THIS_WEEK, "Due this week"),
    (DueFilter.NONE, "No due date"),
)


class ActionBoard(QWidget):
    """The action-items board beside the library.

    Signals:
        openDebrief(str): open the debrief with this id.
        backRequested(): go back to the library.
        checkpointRequested(str): hold the checkpoint of this debrief.
        monthlyRequested(): start the monthly review.
        message(str): a calm note for the status bar.
    """

    openDebrief = Signal(str)
    backRequested = Signal()
    checkpointRequested = Signal(str)
    monthlyRequested = Signal()
    message = Signal(str)

    def __init__(
        self,
        follow: FollowUpService,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.follow = follow
        self.settings = settings
        self._today = today
        self.setObjectName("ActionBoard")
        self.model = ActionBoardModel(self._save, self._history, self, today=today)
        self._guard = WheelGuard(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 16)
        layout.setSpacing(10)
        layout.addLayout(self._header())
        layout.addLayout(self._filters())
        self.table = BoardTable(self)
        self._table_setup()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._footer())
        self.model.countsChanged.connect(self._update_counts)
        self.model.saveFailed.connect(self.message)
        self.model.modelReset.connect(self._restore_current)
        self._current: tuple[str, str] | None = None
        # Typing in the search box refilters once the typing pauses.
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self._apply_filter)

    # -- building --------------------------------------------------------------------------

    def _header(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(4)
        row = QHBoxLayout()
        self.back_button = QPushButton("←  Debriefs", self, toolTip="Back to the library (Esc)")
        self.back_button.clicked.connect(self.backRequested)
        title = QLabel("Action items", self)
        title.setObjectName("PhaseTitle")
        self.checkpoint_button = QPushButton("Hold its checkpoint", self)
        self.checkpoint_button.setToolTip(
            "Review the selected item's debrief, item by item, with the room (Ctrl+Shift+K)"
        )
        self.checkpoint_button.clicked.connect(self._checkpoint_selected)
        self.monthly_button = QPushButton("Monthly review", self)
        self.monthly_button.setToolTip("Go over every open item of every debrief, oldest first")
        self.monthly_button.clicked.connect(self.monthlyRequested)
        row.addWidget(self.back_button)
        row.addSpacing(12)
        row.addWidget(title)
        row.addStretch(1)
        row.addWidget(self.checkpoint_button)
        row.addWidget(self.monthly_button)
        column.addLayout(row)
        self.counts = QLabel("", self)
        self.counts.setObjectName("HintLabel")
        # A long count line wraps rather than widening the window past the screen.
        self.counts.setWordWrap(True)
        column.addWidget(self.counts)
        return column

    def _combo(self, tip: str, items: tuple[tuple[Any, str], ...] = ()) -> QComboBox:
        combo = QComboBox(self)
        for value, label in items:
            combo.addItem(label, value)
        combo.setToolTip(tip)
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        combo.installEventFilter(self._guard)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(4)
        # An explicit floor below the style's, so the row fits a 1024-pixel screen.
        combo.setMinimumWidth(72)
        combo.currentIndexChanged.connect(self._apply_filter)
        return combo

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.search = QLineEdit(self, placeholderText="Search actions, owners, debriefs…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.status_filter = self._combo("Status", STATUS_FILTERS)
        self.owner_filter = self._combo("Owner")
        self.priority_filter = self._combo(
            "Priority",
            (("", "Any priority"), ("P1", "P1"), ("P2", "P2"), ("P3", "P3"), ("P4", "P4"),
             (NO_PRIORITY, "No priority")),
        )  # fmt: skip
        self.due_filter = self._combo("Due date", DUE_FILTERS)
        self.service_filter = self._combo("Service")
        self.tag_filter = self._combo("Tag")
        self.debrief_filter = self._combo("Debrief")
        self.debrief_filter.setMinimumContentsLength(6)
        self.no_ticket = QCheckBox("No ticket yet", self)
        self.no_ticket.setToolTip("Only items that have no ticket yet (before an export)")
        self.no_ticket.toggled.connect(self._apply_filter)
        self.search.setMinimumWidth(150)
        row.addWidget(self.search, 2)
        for widget in (
            self.status_filter, self.owner_filter, self.priority_filter, self.due_filter,
            self.service_filter, self.tag_filter, self.debrief_filter,
        ):  # fmt: skip
            row.addWidget(widget, 1)
        row.addWidget(self.no_ticket)
        return row

    def _table_setup(self) -> None:
        table = self.table
        table.configure(self.model)
        self.status_delegate, self.priority_delegate = (
            table.status_delegate,
            table.priority_delegate,
        )
        self.due_delegate, self.owner_delegate = table.due_delegate, table.owner_delegate
        table.openRequested.connect(self._open_row)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._remember_current())

    def _footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.who_label = QLabel("", self)
        self.who_label.setObjectName("HintLabel")
        self.who_button = QPushButton(
            "Change…", self, toolTip="Set the name changes are recorded as"
        )
        self.who_button.setFlat(True)
        self.who_button.clicked.connect(self.change_name)
        hint = QLabel("Enter opens the debrief  ·  F2 edits", self)
        hint.setObjectName("HintLabel")
        # Footer texts wrap rather than widen the window past a 1024-pixel screen.
        hint.setWordWrap(True)
        self.who_label.setWordWrap(True)
        self.export_button = QToolButton(self)
        self.export_button.setText("Export shown items")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.exports = ExportMenu(self)
        self.export_button.setMenu(self.exports)
        row.addWidget(self.who_label)
        row.addWidget(self.who_button)
        row.addStretch(1)
        row.addWidget(hint)
        row.addSpacing(12)
        row.addWidget(self.export_button)
        self._update_who()
        return row

    # -- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read every action item again from the store."""
        try:
            records = self.follow.actions()
        except StorageError as exc:
            self.message.emit(str(exc))
            return
        self.model.set_records(records)
        self._fill_pickers(records)

    def _fill_pickers(self, records: list[ActionRecord]) -> None:
        picked = choices(records)
        self.owner_delegate.names = picked["owner"]
        debriefs = sorted(
            {
                r.debrief_id: (" ".join(r.debrief_title.split()) or "Untitled debrief")
                for r in records
            }.items(),
            key=lambda item: item[1].casefold(),
        )
        for combo, anyone, values in (
            (self.owner_filter, "Any owner", [(v, v) for v in picked["owner"]]),
            (self.service_filter, "Any service", [(v, v) for v in picked["service"]]),
            (self.tag_filter, "Any tag", [(v, v) for v in picked["tag"]]),
            (self.debrief_filter, "Any debrief", debriefs),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anyone, "")
            for value, label in values:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._apply_filter()

    def current_filter(self) -> ActionFilter:
        return ActionFilter(
            # Qt hands enum data back as plain strings.
            status=StatusFilter(self.status_filter.currentData() or StatusFilter.OPEN),
            owner=self.owner_filter.currentData() or "",
            priority=self.priority_filter.currentData() or "",
            due=DueFilter(self.due_filter.currentData() or DueFilter.ANY),
            service=self.service_filter.currentData() or "",
            tag=self.tag_filter.currentData() or "",
            debrief_id=self.debrief_filter.currentData() or "",
            without_ticket=self.no_ticket.isChecked(),
            text=self.search.text().strip(),
        )

    def _apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def show_debrief(self, debrief_id: str) -> None:
        """Filter the board to one debrief's items, whatever their status."""
        self.status_filter.setCurrentIndex(self.status_filter.findData(StatusFilter.ALL))
        self.debrief_filter.setCurrentIndex(max(0, self.debrief_filter.findData(debrief_id)))

    def show_overdue(self) -> None:
        """Show every open item past its due date."""
        self.status_filter.setCurrentIndex(self.status_filter.findData(StatusFilter.OPEN))
        self.due_filter.setCurrentIndex(self.due_filter.findData(DueFilter.OVERDUE))

    def _update_counts(self) -> None:
        counts = self.model.counts
        shown = self.model.rowCount()
        self.counts.setText(f"{counts.sentence()}   —   showing {shown:,}")
        has = self.selected() is not None
        self.checkpoint_button.setEnabled(has)
        self.export_button.setEnabled(shown > 0)

    def _remember_current(self) -> None:
        record = self.selected()
        self._current = (record.debrief_id, record.uid) if record else None
        self.checkpoint_button.setEnabled(record is not None)

    def _restore_current(self) -> None:
        row = self.model.row_of(*self._current) if self._current else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            # Through the selection model: selectRow() would also scroll, which after a
            # reset of 10,000 rows makes the view lay out every row again.
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def selected(self) -> ActionRecord | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    # -- changes ---------------------------------------------------------------------------

    def _save(self, record: ActionRecord, field: str, value: object) -> None:
        self.follow.update(record.debrief_id, record.uid, who(self.settings), **{field: value})

    def _history(self, record: ActionRecord) -> list:  # type: ignore[type-arg]
        try:
            return self.follow.history(record.debrief_id, record.uid)
        except StorageError:
            return []

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.openDebrief.emit(self.model.record(row).debrief_id)

    def _checkpoint_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self.checkpointRequested.emit(record.debrief_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.backRequested.emit()
            return
        super().keyPressEvent(event)

    # -- settings --------------------------------------------------------------------------

    def _update_who(self) -> None:
        source = "set in Facilitator" if who_is_set(self.settings) else "your computer's user name"
        self.who_label.setText(f"Changes are recorded as “{who(self.settings)}” ({source}).")

    def change_name(self) -> None:
        name = dialogs.ask_text(self, "Your name", "Record changes as:", who(self.settings))
        if name is None or self.settings is None:
            return
        if name.strip():
            self.settings.setValue(NAME_KEY, " ".join(name.split()))
        else:
            self.settings.remove(NAME_KEY)
        self._update_who()

"""BoardTable: the board's table view, its columns, editors and the Enter key."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from facilitator.ui.followup.board_model import (
    COLUMNS,
    DEBRIEF,
    DUE,
    OWNER,
    PRIORITY,
    STATUS,
    TICKET,
    ActionBoardModel,
)
from facilitator.ui.followup.delegates import (
    PRIORITY_CHOICES,
    STATUS_CHOICES,
    ChoiceDelegate,
    DateDelegate,
    NameDelegate,
)


class BoardTable(QTableView):
    """The table; Enter or Return on a row (not while editing) opens its debrief."""

    openRequested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() in keys and self.state() != QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            if index.isValid():
                self.openRequested.emit(index.row())
                return
        super().keyPressEvent(event)

    def configure(self, model: ActionBoardModel) -> None:
        """Show ``model`` with fixed column widths and an editor per editable column."""
        table = self
        table.setObjectName("ActionBoardTable")
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().hide()
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        # Fixed widths, never ResizeToContents: sizing would read every one of 10,000 rows.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((OWNER, 125), (PRIORITY, 84), (DUE, 128), (STATUS, 105),
                              (TICKET, 100), (DEBRIEF, 230), (len(COLUMNS) - 1, 120)):  # fmt: skip
            table.setColumnWidth(column, width)
        rows = table.verticalHeader()
        rows.setDefaultSectionSize(table.fontMetrics().height() + 12)
        # Fixed row heights: the view never measures rows it does not show.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.status_delegate = ChoiceDelegate(STATUS_CHOICES, table)
        self.priority_delegate = ChoiceDelegate(PRIORITY_CHOICES, table)
        self.due_delegate = DateDelegate(table)
        self.owner_delegate = NameDelegate(table)
        table.setItemDelegateForColumn(STATUS, self.status_delegate)
        table.setItemDelegateForColumn(PRIORITY, self.priority_delegate)
        table.setItemDelegateForColumn(DUE, self.due_delegate)
        table.setItemDelegateForColumn(OWNER, self.owner_delegate)
        self.doubleClicked.connect(
            lambda i: self.openRequested.emit(i.row()) if i.column() == DEBRIEF else None
        )

"""File > Restore from backup: pick one of the library's backups, or any backup file.

The dialog never blocks: it is opened with ``open()`` and reports the choice
through ``chosen``. The caller closes the debrief, restores and reopens the
library; the library as it was is kept in the backups folder first.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.storage.backups import Backup

_KIND = {
    "daily": "Daily",
    "pre-migration": "Before an upgrade",
    "before-restore": "Before a restore",
    "manual": "Made by hand",
    "damaged": "Damaged library, kept aside",
}
_PATH = Qt.ItemDataRole.UserRole + 1


class RestoreDialog(QDialog):
    """Lists backups newest first; ``chosen(Path)`` fires when one is to be restored."""

    chosen = Signal(object)

    def __init__(self, backups: Sequence[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.resize(640, 360)
        intro = QLabel(
            "Restoring replaces the whole library with the backup. The library as it is now "
            "is kept in the backups folder first, so nothing is lost.",
            self,
        )
        intro.setWordWrap(True)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Made", "Why", "Size"])
        for backup in backups:
            if backup.kind == "damaged":
                continue
            made = QStandardItem(f"{backup.made:%a %d %b %Y, %H:%M}")
            made.setData(str(backup.path), _PATH)
            size = QStandardItem(f"{backup.path.stat().st_size / 1_048_576:.1f} MB")
            self.model.appendRow([made, QStandardItem(_KIND.get(backup.kind, backup.kind)), size])
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Backups")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.empty = QLabel("No backups yet: one is made on the first open of each day.", self)
        self.empty.setVisible(self.model.rowCount() == 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore = QPushButton("Restore", self)
        self.restore.setDefault(True)
        self.other = QPushButton("Another file…", self)
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore.clicked.connect(self._restore_selected)
        self.other.clicked.connect(self._pick_file)
        self.table.doubleClicked.connect(lambda _index: self._restore_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        if self.model.rowCount():
            self.table.selectRow(0)
        self.restore.setEnabled(self.model.rowCount() > 0)

    def _restore_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        path = self.model.index(index.row(), 0).data(_PATH)
        self.accept()
        self.chosen.emit(Path(path))

    def _pick_file(self) -> None:
        picker = QFileDialog(self, "Restore from a backup file", "", "Libraries (*.sqlite3 *.db)")
        picker.setFileMode(QFileDialog.FileMode.ExistingFile)
        picker.fileSelected.connect(lambda name: (self.accept(), self.chosen.emit(Path(name))))
        picker.open()

"""Importing debrief files in the app: a preview of what each file holds, then the import.

Files are read and checked by :mod:`facilitator.domain.documents`, the code the
command line uses, so a bad file gets the same message in both. The preview is
a non-modal window: nothing waits on it, and nothing is stored until the
facilitator presses Import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.documents import ImportItem, plan_import, summary_line
from facilitator.domain.model import Debrief
from facilitator.storage import StorageError
from facilitator.ui import dialogs

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow


def describe(item: ImportItem) -> str:
    """One line per file: what it holds, or why it cannot be imported."""
    if not item.ok or item.debrief is None:
        return f"✗  {item.problem}"
    line = f"{item.path.name}: {summary_line(item.debrief)}"
    if item.stored:
        return f"⚠  {line} (already in your library)"
    return f"✓  {line}"


class ImportPreview(QDialog):
    """What importing these files would do, with Import and Cancel.

    Signals:
        importChosen(object, bool): the debriefs to store, and whether those already
            stored are replaced.
        openStored(str): open the stored copy of this debrief instead of importing.
    """

    importChosen = Signal(object, bool)
    openStored = Signal(str)

    def __init__(
        self, items: list[ImportItem], parent: QWidget | None = None, *, opening: bool = False
    ) -> None:
        super().__init__(parent)
        self.items = items
        self.setObjectName("ImportPreview")
        self.setWindowTitle("Import debriefs — Facilitator")
        layout = QVBoxLayout(self)
        good = [i for i in items if i.ok]
        stored = [i for i in good if i.stored]
        heading = (
            f"{len(good)} of {len(items)} file{'s' if len(items) != 1 else ''} can be imported."
            if len(items) > 1 or not good
            else "This file can be imported."
        )
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("SectionLabel")
        layout.addWidget(self.heading)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Files to import")
        self.list.setWordWrap(True)
        for item in items:
            row = QListWidgetItem(describe(item), self.list)
            row.setToolTip(str(item.path))
        layout.addWidget(self.list, 1)
        self.replace = QCheckBox("Replace the debriefs already in the library", self)
        self.replace.setVisible(bool(stored))
        layout.addWidget(self.replace)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(bool(good))
        self.open_button: QPushButton | None = None
        if opening and len(stored) == 1:
            self.open_button = buttons.addButton(
                "Open the stored one", QDialogButtonBox.ButtonRole.ActionRole
            )
            debrief_id = stored[0].debrief.id  # type: ignore[union-attr]
            self.open_button.clicked.connect(lambda: self._open_stored(debrief_id))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._import)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.resize(620, 320)

    def chosen(self) -> list[Debrief]:
        """The debriefs Import would store with the current choices."""
        replace = self.replace.isChecked()
        return [
            i.debrief
            for i in self.items
            if i.ok and i.debrief is not None and (replace or not i.stored)
        ]

    def _import(self) -> None:
        self.importChosen.emit(self.chosen(), self.replace.isChecked())
        self.accept()

    def _open_stored(self, debrief_id: str) -> None:
        self.openStored.emit(debrief_id)
        self.accept()


class ImportCommands(QObject):
    """File > Import, files dropped on the library, and ``facilitator open FILE.json``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.preview: ImportPreview | None = None

    def start(self, paths: list[Path], *, open_after: bool = False) -> ImportPreview | None:
        """Read ``paths`` (asking for files when empty) and show what importing would do."""
        window = self.window
        if not paths:
            paths = dialogs.ask_import_files(window)
            if not paths:
                return None
        try:
            items = plan_import(paths, window.service.exists, window.session.taxonomy)
        except StorageError as exc:
            window.show_message(str(exc), error=True)
            return None
        preview = ImportPreview(items, window, opening=open_after)
        preview.importChosen.connect(
            lambda debriefs, replace: self.store(debriefs, open_after, replace=replace)
        )
        preview.openStored.connect(window.open_debrief)
        preview.finished.connect(lambda _result: self._closed(preview))
        self.preview = preview
        preview.show()
        return preview

    def _closed(self, preview: ImportPreview) -> None:
        if self.preview is preview:
            self.preview = None
        preview.deleteLater()

    def store(
        self, debriefs: list[Debrief], open_after: bool = False, *, replace: bool = False
    ) -> None:
        """Store the chosen debriefs, as ``facilitator import`` does, and show them.

        All in one transaction: a full disk or a lock imports none of them.
        """
        window = self.window
        try:
            window.service.import_all(debriefs, replace=replace)
        except StorageError as exc:
            window.show_message(str(exc), error=True)
            return
        window.refresh_library()
        if not debriefs:
            window.show_message("Nothing was imported.")
            return
        count = len(debriefs)
        window.show_message(f"Imported {count} debrief{'s' if count != 1 else ''}.")
        if open_after:
            window.open_debrief(debriefs[0].id)
        else:
            window.library.select(debriefs[0].id)

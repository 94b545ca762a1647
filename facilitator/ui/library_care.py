"""The main window's care of the library itself: problems banner, integrity check, restore.

Kept apart from MainWindow so the window stays about the meeting: this object
owns the banner across the top, runs the integrity check and daily backup after
the window is up, and carries out File > Restore from backup.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from facilitator.storage import StorageError
from facilitator.ui.restore_dialog import RestoreDialog
from facilitator.ui.storage_status import Maintenance, StorageBanner, read_only_text

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow


class LibraryCare(QObject):
    """Banner, background maintenance and restore for ``window``'s library."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.banner = StorageBanner(window)
        self.maintenance = Maintenance(window.service, self)
        self.maintenance.finished.connect(self._maintained)
        window.session.storageProblem.connect(self._problem)
        self.dialog: RestoreDialog | None = None
        self._problem("")

    def start(self) -> None:
        """Check the file and make the day's backup, off the UI thread."""
        self.maintenance.start()

    def _problem(self, text: str) -> None:
        service = self.window.service
        if not text and service.read_only_reason:
            text = read_only_text(service.read_only_reason)
        self.banner.show_problem(text)

    def _maintained(self, problem: str, damaged: bool) -> None:
        if not problem:
            return
        if damaged:
            self.banner.show_problem(problem, "Restore from backup…", self.ask_restore)
        else:
            self.banner.show_problem(problem)

    def ask_restore(self) -> None:
        """Open the restore dialog (non-modal); the choice is restored when made."""
        self.dialog = RestoreDialog(self.window.service.backups(), self.window)
        self.dialog.chosen.connect(self.restore)
        self.dialog.open()

    def restore(self, backup: Path) -> None:
        """Replace the library with ``backup``; the library as it was is kept aside first."""
        window = self.window
        window.show_library()
        try:
            kept = window.service.restore(backup)
        except StorageError as exc:
            window.show_message(str(exc), error=True)
            return
        window.refresh_library()
        self._problem("")
        where = f" The library as it was is kept in {kept}." if kept else ""
        window.show_message(f"Restored the backup {backup.name}.{where}")

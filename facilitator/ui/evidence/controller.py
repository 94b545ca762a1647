"""The menu command that opens the import dialog and adds what the user chose.

Adding changes ``session.debrief`` in place and touches the session once per
part, so 2,000 events reach the database in one save; the views then reload.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from facilitator.language import Checker
    from facilitator.ui.evidence.picker import ImportDialog, ImportRequest
    from facilitator.ui.main_window import MainWindow

SHORTCUT = "Ctrl+Shift+I"


class EvidenceImport(QObject):
    """Owns the menu action and the dialog while it is open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.dialog: ImportDialog | None = None
        self.action = QAction("&Import timeline events from chat or alerts…", window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        tip = "Pick events from a Slack export, a pasted chat, PagerDuty, Opsgenie or a CSV"
        self.action.setStatusTip(tip)
        self.action.setToolTip(f"{tip} ({QKeySequence(SHORTCUT).toString()})")
        self.action.triggered.connect(self.open)
        window.addAction(self.action)
        self.session.debriefOpened.connect(self._update)
        self._update()

    def _update(self) -> None:
        # A reader of a team library cannot change debriefs, so cannot import into one.
        writable = not getattr(self.session, "read_only", False)
        self.action.setEnabled(self.session.debrief is not None and writable)

    def _checker(self) -> Checker:
        from facilitator.language import Checker, default_checker

        language = self.window.language
        checker = getattr(language, "checker", None)
        return checker if isinstance(checker, Checker) else default_checker()

    def open(self) -> ImportDialog | None:
        """Show the dialog without blocking; return it (None when no debrief is open)."""
        debrief = self.session.debrief
        if debrief is None or not self.action.isEnabled():
            return None
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        # The readers and the dialog load on first use, not when the app starts.
        from facilitator.ui.evidence.picker import ImportDialog

        dialog = ImportDialog(debrief, self._checker(), self.window)
        dialog.imported.connect(self.add)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def add(self, request: ImportRequest) -> None:
        """Add the chosen candidates to the open debrief, in one save."""
        from facilitator.evidence import add_candidates

        debrief = self.session.debrief
        if debrief is None:
            return
        chosen = request.chosen
        added = add_candidates(
            debrief,
            chosen.candidates,
            kinds=chosen.kinds,
            moments=chosen.moments,
            authors=request.authors,
        )
        self.session.touch("timeline")
        if added.participants:
            self.session.touch("participants")
        self.session.reload_views()
        count = len(added.events)
        message = f"Added {count:,} event{'' if count == 1 else 's'} from {request.source}."
        if added.participants:
            names = ", ".join(p.name for p in added.participants)
            message += f" New participants, roles to fill in: {names}."
        self.window.show_message(message)


def add_import_action(window: MainWindow, menu: QMenu) -> QAction:
    """Put the import command in ``menu``; it enables itself while a debrief is open."""
    controller = EvidenceImport(window)
    menu.addAction(controller.action)
    return controller.action

"""TeamControls: the team library's menu entries, status indicator and background sync.

The main window creates one and calls :meth:`stop` when it closes; everything
else (File > Team library…, File > Publish to the team library, the status bar
indicator, syncing) lives here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from facilitator.team import settings
from facilitator.team.sync import SyncReport
from facilitator.ui.team.dialog import TeamDialog
from facilitator.ui.team.status import TeamStatusLabel
from facilitator.ui.team.worker import TeamSyncer

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow


class TeamControls(QObject):
    """Everything about the team library in ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.syncer: TeamSyncer | None = None
        self.dialog: TeamDialog | None = None
        self.status = TeamStatusLabel(window)
        window.statusBar().addPermanentWidget(self.status)
        file_menu = window.menuBar().actions()[0].menu()
        self.open_action = QAction("&Team library…", window)
        self.open_action.setStatusTip("Connect to the team's library of published debriefs")
        self.open_action.triggered.connect(self.open_dialog)
        self.publish_action = QAction("&Publish to the team library", window)
        self.publish_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.publish_action.setStatusTip("Share this debrief in the team library; it then syncs")
        self.publish_action.triggered.connect(self.publish)
        window.addAction(self.publish_action)
        anchor = next(
            (a for a in file_menu.actions() if a.text().replace("&", "").startswith("Quit")), None
        )
        file_menu.insertAction(anchor, self.open_action)
        file_menu.insertAction(anchor, self.publish_action)
        file_menu.insertSeparator(anchor)
        window.session.debriefOpened.connect(self._update_actions)
        url = settings.team_url()
        if url is not None and not window.service.read_only:
            self._start(url)
        self._update_actions()

    def open_dialog(self) -> None:
        """File > Team library… (non-modal)."""
        self.dialog = TeamDialog(self.window)
        self.dialog.connected.connect(self._start)
        self.dialog.disconnected.connect(self._disconnected)
        self.dialog.open()

    def publish(self) -> None:
        """Publish the open debrief."""
        debrief = self.window.session.debrief
        if debrief is None or self.syncer is None:
            return
        self.window.show_message("Publishing to the team library…")
        self.syncer.publish(debrief.id)

    def stop(self) -> None:
        if self.syncer is not None:
            self.syncer.stop()
            self.syncer = None

    def _start(self, url: str) -> None:
        self.stop()
        self.syncer = TeamSyncer(self.window.service, self.window.session, url, self)
        self.syncer.statusChanged.connect(self.status.show_status)
        self.syncer.synced.connect(self._synced)
        self.syncer.start()
        self._update_actions()

    def _disconnected(self) -> None:
        self.stop()
        self.status.hide()
        self._update_actions()

    def _synced(self, report: SyncReport) -> None:
        if report.brought_down or report.pulled:
            self.window.refresh_library()
        if report.problem and report.online:
            self.window.show_message(report.problem, error=True)
        elif report.conflicts:
            self.window.show_message(
                "The team library had changed the same text: both versions are kept, under "
                "“Edits to resolve”."
            )
        elif (
            report.pushed
            and self.window.session.debrief is not None
            and (self.window.session.debrief.id in report.pushed)
        ):
            self.window.show_message("Published to the team library.")
        self._update_actions()

    def _update_actions(self) -> None:
        debrief = self.window.session.debrief
        self.publish_action.setEnabled(
            self.syncer is not None and debrief is not None and not self.window.service.read_only
        )

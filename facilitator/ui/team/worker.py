"""TeamSyncer: syncs with the team library off the UI thread, and right after a local save.

One sync runs at a time. A sync that changed the open debrief asks the session
to pick it up at once, so the other client's edit shows without waiting for the
session's own check. Nothing here waits on the network on the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from facilitator.storage import DebriefService
from facilitator.team.sync import SyncReport, TeamStatus, TeamSync
from facilitator.ui.session import MeetingSession
from facilitator.ui.workers import Job

#: How often the team library is checked for other clients' changes.
SYNC_EVERY_MS = 1_000
#: A local save is pushed this soon after it, gathering a burst of saves into one push.
PUSH_AFTER_SAVE_MS = 300


class _Signals(QObject):
    synced = Signal(object)  # SyncReport
    status = Signal(object)  # TeamStatus


class TeamSyncer(QObject):
    """Keeps the local store and the team library at ``team_url`` in step.

    Signals:
        synced(object): a sync ended; carries its SyncReport.
        statusChanged(object): online or offline, changes waiting, role (a TeamStatus).
    """

    synced = Signal(object)
    statusChanged = Signal(object)

    def __init__(
        self,
        service: DebriefService,
        session: MeetingSession,
        team_url: str,
        parent: QObject | None = None,
        *,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.sync = TeamSync(service, team_url)
        self._pool = pool or QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one sync at a time, in order
        self._busy = False
        self._again = False
        self._signals = _Signals(self)
        self._signals.synced.connect(self._finished)
        self._signals.status.connect(self.statusChanged)
        self.last: TeamStatus | None = None
        self._timer = QTimer(self, interval=SYNC_EVERY_MS)
        self._timer.timeout.connect(self.sync_now)
        self._push = QTimer(self, singleShot=True, interval=PUSH_AFTER_SAVE_MS)
        self._push.timeout.connect(self.sync_now)
        session.saved.connect(lambda _when: self._push.start())

    def start(self) -> None:
        """Sync now and then once a second."""
        self._timer.start()
        self.sync_now()

    def stop(self) -> None:
        """Stop syncing and wait for a sync in flight (at quit)."""
        self._timer.stop()
        self._push.stop()
        self._pool.waitForDone(15_000)
        self.sync.close()

    def sync_now(self) -> None:
        """Start a sync unless one runs; one that runs is followed by another."""
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._pool.start(Job(self._work))

    def publish(self, debrief_id: str) -> None:
        """Publish a debrief off the UI thread; the result arrives as ``synced``."""
        self.session.flush()
        self._pool.start(Job(lambda: self._signals.synced.emit(self.sync.publish(debrief_id))))

    def _work(self) -> None:
        report = self.sync.sync()
        self._signals.synced.emit(report)
        self._signals.status.emit(
            TeamStatus(report.online, self.sync.waiting(), self._role(report), report.problem)
        )

    def _role(self, report: SyncReport) -> str:
        if not report.online:
            return self.last.role if self.last else ""
        try:
            return self.sync.role
        except Exception:  # the connection dropped just now: the next sync says so
            return ""

    def _finished(self, report: SyncReport) -> None:
        self._busy = False
        debrief = self.session.debrief
        if debrief is not None and debrief.id in report.changed_ids:
            self.session.pick_up_saves()
        self.synced.emit(report)
        if self._again:
            self._again = False
            self.sync_now()

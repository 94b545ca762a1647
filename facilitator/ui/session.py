"""MeetingSession: the open debrief, the current phase, the timers and autosave.

Every window of a meeting subscribes to one session: the facilitator's window
now, a shared-screen window later. Widgets change ``session.debrief`` in place
and call :meth:`MeetingSession.touch`; the session saves within a second and
tells everyone else through its signals.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from facilitator.domain.model import Debrief
from facilitator.domain.script import MeetingScript, Phase
from facilitator.storage import DebriefService, StorageError

#: Edits are gathered for this long before a save, so typing does not write every key.
SAVE_DELAY_MS = 400
#: After a failed save, try again this often even if nothing else changes.
RETRY_DELAY_MS = 5_000


def _utc(value: datetime | None) -> datetime | None:
    # Storage may hand back naive datetimes; the UI compares and converts them, so all are UTC.
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def normalise_times(debrief: Debrief) -> None:
    """Make every datetime of ``debrief`` timezone-aware (naive ones are read as UTC)."""
    for name in ("started_at", "detected_at", "mitigated_at", "resolved_at", "meeting_at"):
        setattr(debrief, name, _utc(getattr(debrief, name)))
    for event in debrief.timeline:
        event.at = _utc(event.at)


class MeetingSession(QObject):
    """The state of one meeting, shared by every window that shows it.

    Signals:
        debriefOpened(): a debrief was opened or closed; everything must reload.
        debriefChanged(): some part of the open debrief changed.
        partChanged(str): the named part (see ``facilitator.domain.script.PARTS``) changed.
        phaseChanged(int): the current phase moved to this index.
        timerTick(int, int): seconds spent in the current phase and its timebox.
        timerStateChanged(bool): the phase timer started (True) or paused (False).
        meetingTick(int): seconds since the meeting clock started.
        saved(object): the debrief reached the database at this local datetime.
        saveFailed(str): saving failed; the text says why. Edits stay in memory.
        message(str): a calm note for the facilitator (a refused paste, a hint).
        externalChange(object): another window's save was applied to ``debrief`` in place
            (``facilitator.domain.changes.apply_in_place``); carries the ``DebriefChanges``
            so each view updates only the fields and rows that moved.
    """

    debriefOpened = Signal()
    debriefChanged = Signal()
    partChanged = Signal(str)
    phaseChanged = Signal(int)
    timerTick = Signal(int, int)
    timerStateChanged = Signal(bool)
    meetingTick = Signal(int)
    saved = Signal(object)
    saveFailed = Signal(str)
    message = Signal(str)
    externalChange = Signal(object)

    def __init__(
        self,
        service: DebriefService,
        script: MeetingScript,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.script = script
        self.debrief: Debrief | None = None
        self.phase_index = 0
        self._clock = clock
        self._dirty = False
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        self._retry_timer = QTimer(self, singleShot=True, interval=RETRY_DELAY_MS)
        self._retry_timer.timeout.connect(self.flush)
        self._tick = QTimer(self, interval=250)
        self._tick.timeout.connect(self._on_tick)
        self._spent: dict[int, float] = {}
        self._running_since: float | None = None
        self._meeting_since: float | None = None
        self._last_emitted: tuple[int, int] = (-1, -1)

    # -- the debrief ---------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        """The phase on screen."""
        return self.script.phases[self.phase_index]

    @property
    def dirty(self) -> bool:
        """True while some change has not reached the database."""
        return self._dirty

    def open(self, debrief: Debrief) -> None:
        """Show ``debrief`` (already loaded or created through the service)."""
        self.close()
        normalise_times(debrief)
        self.debrief = debrief
        self.phase_index = 0
        self._spent.clear()
        self._running_since = None
        self._meeting_since = None
        self.debriefOpened.emit()
        self.phaseChanged.emit(0)
        self._emit_tick(force=True)

    def close(self) -> bool:
        """Save and forget the open debrief; return False if the last save failed."""
        ok = self.flush()
        self.pause_timer()
        self._tick.stop()
        if self.debrief is not None:
            self.debrief = None
            self.debriefOpened.emit()
        return ok

    def reload_views(self) -> None:
        """Ask every view to rebuild from the open debrief (after a font or style change)."""
        if self.debrief is not None:
            self.debriefOpened.emit()

    def touch(self, part: str) -> None:
        """Record that ``part`` of the debrief changed: schedule a save and tell the others."""
        if self.debrief is None:
            return
        self._dirty = True
        self._save_timer.start()
        self.partChanged.emit(part)
        self.debriefChanged.emit()

    def flush(self) -> bool:
        """Save now if anything changed; return False when the database refused it."""
        self._save_timer.stop()
        if not self._dirty or self.debrief is None:
            return True
        try:
            self.service.save(self.debrief)
        except StorageError as exc:
            self.saveFailed.emit(str(exc))
            self._retry_timer.start()
            return False
        self._dirty = False
        self._retry_timer.stop()
        self.saved.emit(datetime.now())
        return True

    # -- phases --------------------------------------------------------------------------

    def set_phase(self, index: int) -> None:
        """Move to phase ``index``; the phase timer keeps its own time per phase."""
        index = max(0, min(index, len(self.script.phases) - 1))
        if index == self.phase_index:
            return
        running = self._running_since is not None
        self.pause_timer()
        self.phase_index = index
        self.phaseChanged.emit(index)
        if running:
            self.start_timer()
        self._emit_tick(force=True)

    def next_phase(self) -> None:
        self.set_phase(self.phase_index + 1)

    def previous_phase(self) -> None:
        self.set_phase(self.phase_index - 1)

    # -- timers --------------------------------------------------------------------------

    @property
    def timer_running(self) -> bool:
        """True while the current phase's timer runs."""
        return self._running_since is not None

    def elapsed(self, index: int | None = None) -> int:
        """Whole seconds spent in phase ``index`` (the current one by default)."""
        index = self.phase_index if index is None else index
        spent = self._spent.get(index, 0.0)
        if index == self.phase_index and self._running_since is not None:
            spent += self._clock() - self._running_since
        return int(spent)

    def meeting_elapsed(self) -> int:
        """Whole seconds since the meeting clock started (0 before the first timer start)."""
        return 0 if self._meeting_since is None else int(self._clock() - self._meeting_since)

    def start_timer(self) -> None:
        """Start (or resume) the current phase's timer; the first start starts the meeting."""
        if self._running_since is not None or self.debrief is None:
            return
        now = self._clock()
        self._running_since = now
        if self._meeting_since is None:
            self._meeting_since = now
            if self.debrief.meeting_at is None:
                self.debrief.meeting_at = datetime.now(UTC)
                self.touch("details")
        self._tick.start()
        self.timerStateChanged.emit(True)

    def pause_timer(self) -> None:
        """Pause the current phase's timer, keeping its time."""
        if self._running_since is None:
            return
        self._spent[self.phase_index] = self._spent.get(self.phase_index, 0.0) + (
            self._clock() - self._running_since
        )
        self._running_since = None
        self.timerStateChanged.emit(False)
        self._emit_tick(force=True)

    def toggle_timer(self) -> None:
        if self.timer_running:
            self.pause_timer()
        else:
            self.start_timer()

    def reset_timer(self) -> None:
        """Set the current phase's timer back to zero (it keeps running if it was)."""
        self._spent[self.phase_index] = 0.0
        if self._running_since is not None:
            self._running_since = self._clock()
        self._emit_tick(force=True)

    def _on_tick(self) -> None:
        self._emit_tick()

    def _emit_tick(self, *, force: bool = False) -> None:
        now = (self.elapsed(), self.meeting_elapsed())
        if not force and now == self._last_emitted:
            return
        self._last_emitted = now
        self.timerTick.emit(now[0], self.phase.timebox_seconds)
        self.meetingTick.emit(now[1])

"""MeetingSession: the open debrief, the current phase, the timers and autosave.

Every window of a meeting subscribes to one session: the facilitator's window
and the shared screen. Widgets change ``session.debrief`` in place and call
:meth:`MeetingSession.touch`; the session saves when typing pauses and at least
once a second while it goes on, and tells everyone else through its signals.

Another window or process may save the same debrief. The session checks the
stored revision every second; a newer one is merged in (see
:mod:`facilitator.domain.merge`) and applied to the open copy in place, and
``externalChange`` says what moved so views update just those rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from facilitator.domain.changes import apply_in_place, snapshot
from facilitator.domain.model import Debrief
from facilitator.domain.script import MeetingScript, Phase, parts_changed
from facilitator.domain.taxonomy import Taxonomy, default_taxonomy
from facilitator.storage import (
    DebriefService,
    DiskFullError,
    LockedError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
)

#: A pause in typing this long saves, so steady typing does not write every key.
SAVE_DELAY_MS = 300
#: Typing that never pauses still saves this soon after its first unsaved key. Kept under a
#: second, with room for the save itself, so nothing typed a second before a crash is lost.
SAVE_CEILING_MS = 700
#: After a failed save, try again this often even if nothing else changes.
RETRY_DELAY_MS = 2_000
#: How often the stored revision is checked for another window's saves.
POLL_MS = 1_000


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


#: Widgets whose loss of focus means typed text should reach the database now.
_TYPING = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


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
        externalChange(object): another window's save was merged into the open debrief,
            which was updated in place; the DebriefChanges says which fields and items.
        conflictsChanged(): the list of edit conflicts to resolve changed.
        storageProblem(str): a lasting storage problem to show as a banner ("" when it is over).
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
    conflictsChanged = Signal()
    storageProblem = Signal(str)

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
        #: The team's classification: the severity scale the editor offers, causes, services.
        self.taxonomy: Taxonomy = default_taxonomy()
        self.debrief: Debrief | None = None
        self.phase_index = 0
        self._clock = clock
        self._dirty = False
        self._base: Debrief | None = None
        self._problem = ""
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        self._ceiling_timer = QTimer(self, singleShot=True, interval=SAVE_CEILING_MS)
        self._ceiling_timer.timeout.connect(self.flush)
        self._retry_timer = QTimer(self, singleShot=True, interval=RETRY_DELAY_MS)
        self._retry_timer.timeout.connect(self.flush)
        self._poll_timer = QTimer(self, interval=POLL_MS)
        self._poll_timer.timeout.connect(self.pick_up_saves)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)
        if isinstance(app, QApplication):
            # Leaving a field saves it, so a crash right after loses nothing of it.
            app.focusChanged.connect(self._focus_moved)
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

    @property
    def read_only(self) -> bool:
        """True when the library cannot be written: views show, nothing is edited."""
        return self.service.read_only

    def open(self, debrief: Debrief) -> None:
        """Show ``debrief`` (already loaded or created through the service)."""
        self.close()
        normalise_times(debrief)
        self.debrief = debrief
        self._base = snapshot(debrief)
        if not self.read_only:
            self._poll_timer.start()
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
        self._poll_timer.stop()
        if self.debrief is not None:
            self.debrief = None
            self._base = None
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
        if not self.read_only:
            self._dirty = True
            self._save_timer.start()
            if not self._ceiling_timer.isActive():
                self._ceiling_timer.start()
        self.partChanged.emit(part)
        self.debriefChanged.emit()

    def flush(self) -> bool:
        """Save now if anything changed; return False when the database refused it."""
        self._save_timer.stop()
        self._ceiling_timer.stop()
        if not self._dirty or self.debrief is None:
            return True
        try:
            result = self.service.save(self.debrief, base=self._base)
        except StorageError as exc:
            self._save_failed(exc)
            return False
        self._dirty = False
        self._retry_timer.stop()
        if result.merged is not None:
            self._apply(result.merged)
            if result.conflicts:
                self.message.emit(
                    "Another window changed the same text at the same time. Its text is kept; "
                    "yours is under “Edits to resolve”."
                )
            self._base = snapshot(self.debrief)
        elif self._base is not None:
            # Bring the base up to what was stored, copying only what changed.
            apply_in_place(self._base, self.debrief)
        self._set_problem("")
        self.saved.emit(datetime.now())
        return True

    def pick_up_saves(self) -> None:
        """Bring in another window's saves of the open debrief, if any were made."""
        if self.debrief is None or self.read_only:
            return
        try:
            stored = self.service.revision_of(self.debrief.id)
            if stored is None or stored == self.debrief.revision:
                return
            if self._dirty:
                self.flush()  # saving merges theirs with ours
                return
            fresh = self.service.load(self.debrief.id)
        except NotFoundError:
            return
        except StorageError as exc:
            self._set_problem(str(exc))
            return
        self._apply(fresh)
        self._base = snapshot(self.debrief)

    def resolve_conflict(self, uid: str) -> None:
        """Forget the edit conflict ``uid`` (the facilitator kept or used its text)."""
        if self.debrief is None:
            return
        self.debrief.conflicts[:] = [c for c in self.debrief.conflicts if c.uid != uid]
        self.conflictsChanged.emit()
        self.touch("conflicts")

    def _apply(self, stored: Debrief) -> None:
        assert self.debrief is not None
        normalise_times(stored)
        changes = apply_in_place(self.debrief, stored)
        if not changes:
            return
        self.externalChange.emit(changes)
        for part in parts_changed(changes):
            self.partChanged.emit(part)
        if changes.touches("conflicts"):
            self.conflictsChanged.emit()
        self.debriefChanged.emit()

    def _save_failed(self, exc: StorageError) -> None:
        self.saveFailed.emit(str(exc))
        if isinstance(exc, ReadOnlyError):
            self._set_problem(str(exc))
            return  # retrying would fail the same way; the edits stay in memory
        if isinstance(exc, DiskFullError | LockedError):
            self._set_problem(f"{exc} What you type is kept here and saved as soon as it can be.")
        self._retry_timer.start()

    def _set_problem(self, text: str) -> None:
        if text != self._problem:
            self._problem = text
            self.storageProblem.emit(text)

    def _focus_moved(self, old: object, _new: object) -> None:
        # Leaving a field that takes typing saves what was typed in it at once. Other moves
        # (from a list into a new row's editor, say) leave it to the autosave a moment
        # later: a save of a 2,000-event debrief is not free, and Ctrl+T must not wait.
        if self._dirty and isinstance(old, _TYPING):
            self.flush()

    # -- phases --------------------------------------------------------------------------

    def set_phase(self, index: int) -> None:
        """Move to phase ``index``; the phase timer keeps its own time per phase."""
        index = max(0, min(index, len(self.script.phases) - 1))
        if index == self.phase_index:
            return
        running = self._running_since is not None
        self.pause_timer()
        self.flush()
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

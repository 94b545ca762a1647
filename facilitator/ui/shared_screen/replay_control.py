"""ReplayController: one walk-forward replay shared by the facilitator's panel and the room.

The cursor itself is the pure :class:`~facilitator.domain.replay.ReplayState`;
this object keeps the one current state for a meeting, clamps it when events
are added or removed, ends it when another debrief opens, and tells both
windows through ``changed``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from facilitator.domain.model import TimelineEvent
from facilitator.domain.replay import ReplayState, ordered_events
from facilitator.ui.session import MeetingSession


class ReplayController(QObject):
    """The meeting's replay state.

    Signals:
        changed(object): the new :class:`ReplayState`.
    """

    changed = Signal(object)

    def __init__(self, session: MeetingSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._state = ReplayState()
        session.debriefOpened.connect(self.stop)
        session.partChanged.connect(self._part_changed)

    @property
    def state(self) -> ReplayState:
        return self._state

    @property
    def total(self) -> int:
        """How many events the open debrief's timeline holds."""
        debrief = self.session.debrief
        return 0 if debrief is None else len(debrief.timeline)

    def current(self) -> tuple[int, TimelineEvent] | None:
        """The event the replay stands on and its index in ``debrief.timeline``, or None."""
        debrief = self.session.debrief
        if debrief is None or not self._state.active:
            return None
        ordered = ordered_events(debrief.timeline)
        if not ordered:
            return None
        return ordered[min(self._state.index, len(ordered) - 1)]

    @property
    def available(self) -> bool:
        """True when the current phase builds the timeline, the only place a replay shows."""
        return self.session.debrief is not None and "timeline" in self.session.phase.edits

    def start(self) -> None:
        """Begin at the first event; only in the timeline phase, where the room sees it."""
        if self.available:
            self._set(self._state.start(self.total))

    def stop(self) -> None:
        self._set(self._state.stop())

    def toggle(self) -> None:
        """Start the replay from the first event, or end it."""
        if self._state.active:
            self.stop()
        else:
            self.start()

    def next(self) -> None:
        self._set(self._state.next(self.total))

    def previous(self) -> None:
        self._set(self._state.previous(self.total))

    def reveal_all(self) -> None:
        self._set(self._state.reveal_all(self.total))

    def reset(self) -> None:
        self._set(self._state.reset(self.total))

    def _part_changed(self, part: str) -> None:
        if part == "timeline":
            self._set(self._state.clamped(self.total))

    def _set(self, state: ReplayState) -> None:
        if state != self._state:
            self._state = state
            self.changed.emit(state)

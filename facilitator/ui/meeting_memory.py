"""What the window remembers between runs, and the debrief's status as the meeting goes.

- Reopening the app returns to the debrief and phase that were open when it closed
  (not when the facilitator had gone back to the library).
- The status moves from draft to "in meeting" when the meeting clock starts, and to
  "published" when the debrief is exported; it can also be set by hand (Details).
- A new "Untitled debrief" nobody wrote anything in is deleted when it is left,
  so trying New does not litter the library.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings

from facilitator.domain.changes import diff
from facilitator.domain.model import Debrief, Status
from facilitator.storage import DebriefService, StorageError
from facilitator.ui.session import MeetingSession

DEBRIEF_KEY = "session/debrief"
PHASE_KEY = "session/phase"
#: Fields a debrief gets without anyone writing in it: the clock, the default checkpoint.
_AUTOMATIC = frozenset({"meeting_at", "checkpoint_at", "status", "timezone"})


def is_untouched(debrief: Debrief, purpose_template: str) -> bool:
    """Tell whether ``debrief`` still holds only what a new debrief starts with."""
    fresh = Debrief(id=debrief.id, purpose=purpose_template)
    changes = diff(fresh, debrief)
    return not changes.lists and changes.fields <= _AUTOMATIC


class MeetingMemory(QObject):
    """Keeps the settings and the open debrief's status in step with the meeting."""

    def __init__(
        self,
        session: MeetingSession,
        service: DebriefService,
        settings: QSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.service = service
        self.settings = settings
        #: The id of a debrief created by New and not yet written in.
        self.fresh_id: str | None = None
        session.phaseChanged.connect(self._phase_changed)
        session.timerStateChanged.connect(self._timer_changed)

    # -- remembering ---------------------------------------------------------------------

    def remember(self) -> None:
        debrief = self.session.debrief
        if debrief is None:
            return
        self.settings.setValue(DEBRIEF_KEY, debrief.id)
        self.settings.setValue(PHASE_KEY, self.session.phase_index)

    def forget(self) -> None:
        self.settings.remove(DEBRIEF_KEY)
        self.settings.remove(PHASE_KEY)

    def last(self) -> tuple[str, int] | None:
        """The debrief and phase open when the app last closed, if any."""
        debrief_id = str(self.settings.value(DEBRIEF_KEY, "") or "")
        if not debrief_id:
            return None
        try:
            phase = int(self.settings.value(PHASE_KEY, 0))
        except (TypeError, ValueError):
            phase = 0
        return debrief_id, phase

    def _phase_changed(self, _index: int) -> None:
        self.remember()

    # -- status --------------------------------------------------------------------------

    def _timer_changed(self, running: bool) -> None:
        debrief = self.session.debrief
        if running and debrief is not None and debrief.status == Status.DRAFT:
            debrief.status = Status.IN_MEETING
            self.session.touch("details")

    def published(self) -> None:
        """The open debrief left the room as a document: it is published."""
        debrief = self.session.debrief
        if debrief is not None and debrief.status != Status.PUBLISHED:
            debrief.status = Status.PUBLISHED
            self.session.touch("details")

    # -- new debriefs nobody wrote in ----------------------------------------------------

    def created(self, debrief_id: str) -> None:
        self.fresh_id = debrief_id

    def leaving(self) -> str | None:
        """Called before the open debrief closes; deletes it if it is an untouched new one.

        Returns the id of the deleted debrief, or None.
        """
        debrief = self.session.debrief
        fresh, self.fresh_id = self.fresh_id, None
        if debrief is None or debrief.id != fresh:
            return None
        if not is_untouched(debrief, self.session.script.purpose_template):
            return None
        try:
            self.session.close()
            self.service.delete(debrief.id)
        except StorageError:
            return None
        self.forget()
        return debrief.id

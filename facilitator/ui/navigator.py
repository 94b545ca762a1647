"""PhaseNavigator: the sidebar listing every phase with a mark for those with content."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from facilitator.domain.script import phase_has_content
from facilitator.ui.session import MeetingSession

DONE_MARK = "✓"
EMPTY_MARK = "○"


def _clock(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}:{secs:02d}"


class PhaseNavigator(QListWidget):
    """Every phase, reachable at any time; a check mark once a phase holds content."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("PhaseNavigator")
        self.setAccessibleName("Phases")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        for index, phase in enumerate(session.script.phases):
            item = QListWidgetItem(self)
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(phase.goal)
        self._shown: list[tuple[str, str]] = [("", "")] * len(session.script.phases)
        self.currentRowChanged.connect(self._row_changed)
        session.phaseChanged.connect(self._phase_changed)
        # A keystroke changes one part: only the phases showing that part are looked at again.
        session.partChanged.connect(self._part_changed)
        session.debriefOpened.connect(self.refresh)
        session.timerStateChanged.connect(lambda _running: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Redraw marks and time spent per phase."""
        for index in range(len(self.session.script.phases)):
            self._refresh_phase(index)

    def _part_changed(self, part: str) -> None:
        for index, phase in enumerate(self.session.script.phases):
            if part in phase.edits or index == self.session.phase_index:
                self._refresh_phase(index)

    def _refresh_phase(self, index: int) -> None:
        debrief = self.session.debrief
        phase = self.session.script.phases[index]
        filled = debrief is not None and phase_has_content(debrief, phase)
        mark = DONE_MARK if filled else EMPTY_MARK
        spent = self.session.elapsed(index)
        suffix = f"   {_clock(spent)}" if spent else ""
        shown = (f"{mark}  {index + 1}. {phase.title}{suffix}", "has content" if filled else "")
        if shown == self._shown[index]:
            return
        self._shown[index] = shown
        item = self.item(index)
        item.setText(shown[0])
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, shown[1])

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.session.set_phase(row)

    def _phase_changed(self, index: int) -> None:
        if self.currentRow() != index:
            self.setCurrentRow(index)

"""PrivatePanel: tips, the facilitator's own notes and parking lot; never on the shared screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from facilitator.domain.changes import DebriefChanges
from facilitator.domain.text import clean_text
from facilitator.ui.note_edit import NoteEdit
from facilitator.ui.parts.base import EditHook, section_label
from facilitator.ui.parts.lists import NoteListEditor
from facilitator.ui.session import MeetingSession


class PrivatePanel(QScrollArea):
    """Private notes and parked topics. Their text is not language-checked: it is scratch."""

    def __init__(
        self, session: MeetingSession, on_new_edit: EditHook, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._tips_wanted = True
        self.setObjectName("PrivatePanel")
        self.setAccessibleName("Your private column")
        self.setWidgetResizable(True)
        # A narrow column: its content wraps to the width, never scrolls sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        body.setObjectName("PrivateBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(10)
        banner = QLabel("Only on your screen", body)
        banner.setObjectName("PrivateBanner")
        layout.addWidget(banner)
        self.tips = QFrame(body)
        self.tips.setObjectName("TipCard")
        self._tips_layout = QVBoxLayout(self.tips)
        self._tips_layout.setContentsMargins(14, 10, 12, 12)
        self._tips_layout.setSpacing(6)
        layout.addWidget(self.tips)
        layout.addWidget(section_label("Private notes", body))
        self.notes = NoteEdit("private_notes", body, placeholder="Reminders, names to follow up…")
        self.notes.setMinimumHeight(140)
        self.notes.pasteRejected.connect(session.message)
        self.notes.edited.connect(self._notes)
        layout.addWidget(self.notes)
        layout.addWidget(section_label("Parking lot", body))
        self.parking = NoteListEditor(
            session, on_new_edit, "parking_lot", body, check_language=False
        )
        layout.addWidget(self.parking)
        layout.addStretch(1)
        self.setWidget(body)
        self.notes.setAccessibleName("Private notes")
        session.debriefOpened.connect(self._load)
        session.externalChange.connect(self._external)
        session.phaseChanged.connect(self._show_tips)
        self._show_tips(session.phase_index)

    def insert_section(self, index: int, widget: QWidget) -> None:
        """Put another private widget (findings, replay notes) at ``index`` in the column."""
        layout = self.widget().layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(index, widget)

    def _show_tips(self, index: int) -> None:
        while self._tips_layout.count():
            widget = self._tips_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        phase = self.session.script.phases[index]
        heading = QLabel(f"Tips: {phase.title}", self.tips)
        heading.setObjectName("TipCardHeading")
        heading.setWordWrap(True)  # long phase titles must not widen the narrow column
        self._tips_layout.addWidget(heading)
        for tip in phase.tips:
            label = QLabel(f"›  {tip}", self.tips)
            label.setObjectName("TipCardLine")
            label.setWordWrap(True)
            self._tips_layout.addWidget(label)
        self.tips.setHidden(not phase.tips or not self._tips_wanted)

    def set_tips_wanted(self, wanted: bool) -> None:
        """Show or hide the tips card (View > Facilitator tips)."""
        self._tips_wanted = wanted
        self._show_tips(self.session.phase_index)

    def _load(self) -> None:
        if self.session.debrief is not None:
            self.notes.set_text(self.session.debrief.private_notes)

    def _external(self, changes: DebriefChanges) -> None:
        if changes.touches("private_notes"):
            self._load()

    def set_read_only(self, read_only: bool) -> None:
        """Private notes and the parking lot follow the editor's read-only state."""
        self.notes.setReadOnly(read_only)
        self.parking.set_read_only(read_only)

    def _notes(self, text: str) -> None:
        debrief = self.session.debrief
        if debrief is not None and debrief.private_notes != clean_text(text):
            debrief.private_notes = clean_text(text)
            self.session.touch("private_notes")

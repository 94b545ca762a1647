"""ReplayPanel: the facilitator's side of the walk-forward replay.

While the room sees the timeline only up to the current event, the facilitator
steps through it here and writes down, for each event, what the responders
knew and which signals they could see at that moment. Both notes are stored on
the event (``TimelineEvent.known`` / ``.signals``) and saved like any other edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.model import TimelineEvent
from facilitator.domain.text import clean_text
from facilitator.ui.note_edit import NoteEdit
from facilitator.ui.qtime import format_time, zone
from facilitator.ui.session import MeetingSession
from facilitator.ui.shared_screen.replay_control import ReplayController

EditHook = Callable[[NoteEdit], None]


def _label(text: str, name: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class ReplayPanel(QFrame):
    """Step through the timeline with the room and record what was known at each event.

    With ``auto_hide`` (the default) the panel shows itself only in phases that
    build the timeline. ``on_new_edit`` receives both NoteEdits (for language
    checks and paste messages), like the part editors' hook. ``keys`` binds F8,
    Shift+F8 and Ctrl+Shift+P; leave it False when SharedScreenControls is installed.
    """

    def __init__(
        self,
        session: MeetingSession,
        replay: ReplayController,
        parent: QWidget | None = None,
        *,
        on_new_edit: EditHook | None = None,
        auto_hide: bool = True,
        keys: bool = True,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.replay = replay
        self._auto_hide = auto_hide
        self._event: TimelineEvent | None = None
        self.setObjectName("ReplayPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(_label("Walk-forward replay", "SectionLabel", self))
        self.hint = _label(
            "The shared screen reveals the timeline one event at a time. For each, ask what "
            "was known and what could be seen then, before anyone knew how it ended.",
            "HintLabel",
            self,
        )
        layout.addWidget(self.hint)
        # Two short columns, so the panel fits the facilitator's narrow side column.
        buttons = QGridLayout()
        buttons.setHorizontalSpacing(4)
        self.toggle_button = QPushButton("Start replay", self)
        self.first_button = QPushButton("First", self)
        self.previous_button = QPushButton("← Back", self)
        self.next_button = QPushButton("Next →", self)
        self.all_button = QPushButton("Reveal all", self)
        for button, slot, tip, place in (
            (self.toggle_button, replay.toggle, "Start or stop the replay (Ctrl+Shift+P)", (0, 0)),
            (self.all_button, replay.reveal_all, "Reveal every event", (1, 1)),
            (self.first_button, replay.reset, "Back to the first event", (2, 0)),
            (self.previous_button, replay.previous, "Step back one event (Shift+F8)", (1, 0)),
            (self.next_button, replay.next, "Reveal the next event (F8)", (0, 1)),
        ):
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button, *place)
        layout.addLayout(buttons)
        self.position = _label("", "FigureLabel", self)
        self.current = _label("", "RuleLabel", self)
        layout.addWidget(self.position)
        layout.addWidget(self.current)
        self.known_label = _label("What was known then", "SectionLabel", self)
        self.known = NoteEdit(
            "", self, placeholder="What the people responding knew at this moment…", compact=True
        )
        self.signals_label = _label("Signals visible then", "SectionLabel", self)
        self.signals = NoteEdit(
            "", self, placeholder="Dashboards, alerts, messages they could see…", compact=True
        )
        for label, edit in ((self.known_label, self.known), (self.signals_label, self.signals)):
            label.setBuddy(edit)
            edit.setAccessibleName(label.text())
            # Two lines at least, so the placeholder reads whole in the narrow column.
            edit.min_lines = 2
            edit._fit_height()
            layout.addWidget(label)
            layout.addWidget(edit)
            edit.pasteRejected.connect(session.message)
            if on_new_edit is not None:
                on_new_edit(edit)
        self.known.edited.connect(lambda text: self._edited("known", text))
        self.signals.edited.connect(lambda text: self._edited("signals", text))
        # Off when SharedScreenControls already binds these keys in the same window: Qt fires
        # neither of two shortcuts sharing a key.
        for key, slot in (
            (
                ("F8", replay.next),
                ("Shift+F8", replay.previous),
                ("Ctrl+Shift+P", replay.toggle),
            )
            if keys
            else ()
        ):
            QShortcut(QKeySequence(key), self, slot)
        replay.changed.connect(self.refresh)
        session.debriefOpened.connect(self.refresh)
        session.phaseChanged.connect(lambda _index: self.refresh())
        session.partChanged.connect(self._part_changed)
        self.refresh()

    @property
    def event(self) -> TimelineEvent | None:
        """The event the replay stands on, as bound to the two note fields."""
        return self._event

    def refresh(self) -> None:
        """Show the current event and its notes; hide outside the timeline phase."""
        if self._auto_hide:
            self.setVisible(self.replay.available)
        state, total = self.replay.state, self.replay.total
        current = self.replay.current()
        self.toggle_button.setText("Stop replay" if state.active else "Start replay")
        self.toggle_button.setEnabled(state.active or (total > 0 and self.replay.available))
        for button in (self.first_button, self.previous_button):
            button.setEnabled(state.active and state.index > 0)
        for button in (self.next_button, self.all_button):
            button.setEnabled(state.active and not state.at_end(total))
        editing = current is not None
        for widget in (self.known_label, self.known, self.signals_label, self.signals):
            widget.setVisible(editing)
        # Once the replay runs, the explanation gives way to the two notes being written.
        self.hint.setVisible(not state.active)
        if current is None:
            self._event = None
            self.position.setText(
                "The room sees the whole timeline." if total else "Add events to replay them."
            )
            self.current.setText("")
            return
        index, event = current
        self._event = event
        self.position.setText(f"Event {state.index + 1} of {total}  ·  the room sees up to here")
        debrief = self.session.debrief
        tz = zone(debrief.timezone if debrief is not None else "")
        self.current.setText(f"{format_time(event.at, tz, with_date=False)}   {event.text}")
        self.known.field_key = f"timeline[{index}].known"
        self.signals.field_key = f"timeline[{index}].signals"
        self.known.set_text(event.known)
        self.signals.set_text(event.signals)

    def _edited(self, name: str, text: str) -> None:
        if self._event is None or self.session.debrief is None:
            return
        setattr(self._event, name, clean_text(text))
        self.session.touch("timeline")

    def _part_changed(self, part: str) -> None:
        if part in ("timeline", "details"):
            self.refresh()

"""PhasePage: a phase's title, goal and questions above the editors it uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.script import Phase
from facilitator.domain.timing import format_target
from facilitator.ui.parts.base import EditHook, PartEditor
from facilitator.ui.parts.registry import create_part
from facilitator.ui.session import MeetingSession


def _label(text: str, name: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PhasePage(QWidget):
    """One phase of the meeting: what to ask at the top, what to fill in below."""

    def __init__(
        self,
        session: MeetingSession,
        index: int,
        on_new_edit: EditHook,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.index = index
        phase: Phase = session.script.phases[index]
        self.phase = phase
        self.setObjectName("PhasePage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        count = len(session.script.phases)
        layout.addWidget(
            _label(
                f"Phase {index + 1} of {count}  ·  timebox {format_target(phase.timebox_minutes)}",
                "PhaseCounter",
                self,
            )
        )
        layout.addWidget(_label(phase.title, "PhaseTitle", self))
        if phase.goal:
            layout.addWidget(_label(phase.goal, "PhaseGoal", self))
        if phase.questions:
            layout.addWidget(self._card("Ask the room", phase.questions, "QuestionCard", "?"))
        # Tips live in the private panel: they are for the facilitator, and the page keeps
        # its height for what the room builds together.
        self.parts: list[PartEditor] = []
        for part in phase.edits:
            editor = create_part(part, session, on_new_edit, self)
            self.parts.append(editor)
            layout.addSpacing(6)
            layout.addWidget(editor)
        layout.addStretch(1)
        layout.addLayout(self._nav(index, count))

    def _card(self, heading: str, lines: tuple[str, ...], name: str, bullet: str) -> QFrame:
        card = QFrame(self)
        card.setObjectName(name)
        box = QVBoxLayout(card)
        box.setContentsMargins(18, 12, 18, 14)
        box.setSpacing(6)
        box.addWidget(_label(heading, f"{name}Heading", card))
        for line in lines:
            box.addWidget(_label(f"{bullet}  {line}", f"{name}Line", card))
        return card

    def _nav(self, index: int, count: int) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 12, 0, 0)
        if index > 0:
            back = QPushButton(f"←  {self.session.script.phases[index - 1].title}", self)
            back.setToolTip("Previous phase (Alt+Left)")
            back.clicked.connect(self.session.previous_phase)
            row.addWidget(back)
        row.addStretch(1)
        if index < count - 1:
            forward = QPushButton(f"{self.session.script.phases[index + 1].title}  →", self)
            forward.setObjectName("NextButton")
            forward.setToolTip("Next phase (Alt+Right)")
            forward.clicked.connect(self.session.next_phase)
            row.addWidget(forward)
        return row

    def shown(self) -> None:
        """Let the editors refresh values other phases may have changed."""
        if self.session.debrief is None:
            return
        for part in self.parts:
            part.on_shown()

"""PhasePage: a phase's title, goal and questions above the editors it uses.

The header is kept short so a 720-pixel projector still shows the work: title
and counter share a line, and the questions panel folds away to one line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.script import Phase
from facilitator.domain.timing import format_target
from facilitator.ui.parts.base import EditHook, PartEditor
from facilitator.ui.parts.list_part import ListPart
from facilitator.ui.parts.registry import create_part
from facilitator.ui.session import MeetingSession


def _label(text: str, name: str, parent: QWidget, *, wrap: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    # Selectable labels take no focus: Tab moves between the fields, not the prose.
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return label


class QuestionsPanel(QFrame):
    """The phase's questions for the room; folds to a single line to leave room for the work.

    Signals:
        openChanged(bool): the user opened (True) or folded the panel.
    """

    openChanged = Signal(bool)

    def __init__(self, questions: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QuestionCard")
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 6, 14, 8)
        box.setSpacing(4)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("QuestionCardHeading")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolTip("Show or fold the questions (F3)")
        self.toggle.setAccessibleName("Questions for the room")
        # The folded line is elided to the width it gets; it never widens the page.
        self.toggle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.toggle.setMinimumWidth(120)
        box.addWidget(self.toggle)
        self._count = len(questions)
        self._first = questions[0] if questions else ""
        self.lines = [_label(f"?  {line}", "QuestionCardLine", self) for line in questions]
        for label in self.lines:
            box.addWidget(label)
        self.toggle.toggled.connect(self._toggled)
        self._show(True)

    @property
    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def set_open(self, on: bool) -> None:
        """Open or fold without announcing it (the editor keeps all pages in step)."""
        self.toggle.blockSignals(True)
        self.toggle.setChecked(on)
        self.toggle.blockSignals(False)
        self._show(on)

    def _toggled(self, on: bool) -> None:
        self._show(on)
        self.openChanged.emit(on)

    def _show(self, on: bool) -> None:
        self._fit_text()
        for label in self.lines:
            label.setVisible(on)

    def _fit_text(self) -> None:
        if self.is_open:
            self.toggle.setText("▾  Ask the room")
            return
        more = f"  (+{self._count - 1} more)" if self._count > 1 else ""
        room = max(60, self.toggle.width() - 40 - self.toggle.fontMetrics().horizontalAdvance(more))
        first = self.toggle.fontMetrics().elidedText(
            f"▸  Ask the room: {self._first}", Qt.TextElideMode.ElideRight, room
        )
        self.toggle.setText(first + more)
        self.toggle.setToolTip(f"{self._first}\n\nShow all the questions (F3)")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()


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
        layout.setContentsMargins(20, 12, 20, 10)
        layout.setSpacing(10)
        count = len(session.script.phases)
        heading = QHBoxLayout()
        title = _label(phase.title, "PhaseTitle", self)
        heading.addWidget(title, 1)
        counter = _label(
            f"Phase {index + 1} of {count}  ·  timebox {format_target(phase.timebox_minutes)}",
            "PhaseCounter",
            self,
        )
        counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        heading.addWidget(counter, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(heading)
        if phase.goal:
            layout.addWidget(_label(phase.goal, "PhaseGoal", self))
        self.questions: QuestionsPanel | None = None
        if phase.questions:
            self.questions = QuestionsPanel(phase.questions, self)
            layout.addWidget(self.questions)
        # Tips live in the private panel: they are for the facilitator, and the page keeps
        # its height for what the room builds together.
        self.parts: list[PartEditor] = []
        filled = False
        for part in phase.edits:
            editor = create_part(part, session, on_new_edit, self)
            self.parts.append(editor)
            grows = isinstance(editor, ListPart) and editor.fill
            if grows:
                editor.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
            layout.addWidget(editor, 1 if grows else 0)
            filled = filled or grows
        if not filled:
            layout.addStretch(1)
        layout.addLayout(self._nav(index, count))

    def _nav(self, index: int, count: int) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 4, 0, 0)
        self.back_button: QPushButton | None = None
        self.next_button: QPushButton | None = None
        if index > 0:
            back = QPushButton(f"←  {self.session.script.phases[index - 1].title}", self)
            back.setToolTip("Previous phase (Alt+Left)")
            back.clicked.connect(self.session.previous_phase)
            row.addWidget(back)
            self.back_button = back
        row.addStretch(1)
        if index < count - 1:
            forward = QPushButton(f"{self.session.script.phases[index + 1].title}  →", self)
            forward.setObjectName("NextButton")
            forward.setToolTip("Next phase (Alt+Right)")
            forward.clicked.connect(self.session.next_phase)
            row.addWidget(forward)
            self.next_button = forward
        return row

    def shown(self) -> None:
        """Let the editors refresh values other phases may have changed."""
        if self.session.debrief is None:
            return
        for part in self.parts:
            part.on_shown()

    def set_read_only(self, read_only: bool) -> None:
        for part in self.parts:
            part.set_read_only(read_only)

    def first_field(self) -> QWidget | None:
        """The first widget Tab reaches on this page (the questions toggle is skipped)."""
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (
                self.isAncestorOf(widget)
                and widget.isVisibleTo(self)
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and (self.questions is None or not self.questions.isAncestorOf(widget))
            ):
                return widget
            widget = widget.nextInFocusChain()
        return None

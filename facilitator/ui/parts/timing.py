"""Detection and fix: the measured time against the target, and the team's answer."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from facilitator.domain.model import Answer, TimingQuestion
from facilitator.domain.text import clean_text
from facilitator.domain.timing import (
    STRETCH_DETECTION_MINUTES,
    STRETCH_FIX_MINUTES,
    TargetCheck,
    detection_check,
    fix_check,
    format_duration,
    format_target,
    order_problems,
)
from facilitator.ui.parts.base import (
    EditHook,
    PartEditor,
    hint_label,
    section_label,
    user_edit,
    vbox,
)
from facilitator.ui.session import MeetingSession
from facilitator.ui.wheel import guard_wheel

_TEXTS = {
    "detection": (
        "Could we have identified it within the target?",
        "Time to detect: from when the problem began to when we detected it.",
        f"Stretch goal: {format_target(STRETCH_DETECTION_MINUTES)}.",
        "What would have told us sooner? What stopped us?",
    ),
    "fix": (
        "Could we have fixed it within the target?",
        "Time to fix: from detection to mitigation, or to resolution.",
        f"Stretch goals: {format_target(STRETCH_FIX_MINUTES)}, then automatic (target 0).",
        "What would have made the fix faster, or automatic?",
    ),
}


def verdict(check: TargetCheck) -> str:
    """A sentence comparing the measured time with the target."""
    if check.measured is None:
        return "Not measured yet: mark the moments on the timeline."
    if check.target_minutes is None:
        return "No target set."
    if check.met:
        return f"Within the target of {format_target(check.target_minutes)}."
    return f"Over the target of {format_target(check.target_minutes)}."


class TimingEditor(PartEditor):
    """Measured duration, editable target, yes/no/unanswered and notes for one question."""

    def __init__(
        self,
        session: MeetingSession,
        on_new_edit: EditHook,
        part: str,
        parent: QWidget | None = None,
    ) -> None:
        self.fields = (part, "started_at", "detected_at", "mitigated_at", "resolved_at")
        super().__init__(session, on_new_edit, parent, part=part)
        question, measured_hint, stretch, placeholder = _TEXTS[part]
        layout = vbox(self, spacing=12)
        figures = QHBoxLayout()
        self.measured = QLabel(self)
        self.measured.setObjectName("BigFigure")
        self.verdict = QLabel(self)
        self.verdict.setObjectName("VerdictLabel")
        self.verdict.setWordWrap(True)
        figures.addWidget(self.measured)
        figures.addSpacing(16)
        figures.addWidget(self.verdict, 1)
        layout.addWidget(section_label("Measured", self))
        layout.addLayout(figures)
        layout.addWidget(hint_label(measured_hint, self))
        self.problems = hint_label("", self)
        self.problems.setObjectName("WarningLabel")
        layout.addWidget(self.problems)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        self.target = QDoubleSpinBox(self, decimals=1, minimum=0.0, maximum=10_000.0, suffix=" min")
        self.target.setSingleStep(0.5)
        self.target.setSpecialValueText("automatic")
        self.target.setToolTip("0 means automatic: no one needs to step in")
        self.target.setMaximumWidth(220)
        guard_wheel(self.target)
        self.target.setAccessibleName("Target")
        form.addRow("&Target", self.target)
        layout.addLayout(form)
        layout.addWidget(hint_label(stretch, self))
        layout.addWidget(section_label(question, self))
        answers = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: dict[Answer | None, QRadioButton] = {}
        for value, text in ((Answer.YES, "&Yes"), (Answer.NO, "&No"), (None, "Not answered")):
            button = QRadioButton(text, self)
            self.group.addButton(button)
            self.buttons[value] = button
            answers.addWidget(button)
            button.toggled.connect(lambda on, v=value: on and self._answer(v))
        answers.addStretch(1)
        layout.addLayout(answers)
        self.notes = self.note(f"{part}.notes", placeholder)
        self.notes.setMinimumHeight(120)
        layout.addWidget(self.notes)
        self.target.valueChanged.connect(self._target)
        self.notes.edited.connect(self._notes)
        session.partChanged.connect(self._other_changed)

    @property
    def question(self) -> TimingQuestion:
        return getattr(self.debrief, self.part)

    def load(self) -> None:
        q = self.question
        self.target.setValue(q.target_minutes or 0.0)
        self.buttons[q.answer].setChecked(True)
        self.notes.set_text(q.notes)
        self.refresh_figures()

    def on_shown(self) -> None:
        self.refresh_figures()

    def refresh_figures(self) -> None:
        check = (
            detection_check(self.debrief) if self.part == "detection" else fix_check(self.debrief)
        )
        self.measured.setText(format_duration(check.measured))
        self.verdict.setText(verdict(check))
        self.verdict.setProperty("met", {True: "yes", False: "no", None: "unknown"}[check.met])
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        problems = order_problems(self.debrief)
        self.problems.setText("⚠ " + " ".join(problems) if problems else "")
        self.problems.setVisible(bool(problems))

    def _other_changed(self, part: str) -> None:
        if part == "timeline" and self.session.debrief is not None:
            self.refresh_figures()

    @user_edit
    def _target(self, value: float) -> None:
        if self._loading:
            return
        self.question.target_minutes = value
        self.refresh_figures()
        self.changed()

    @user_edit
    def _answer(self, value: Answer | None) -> None:
        if self._loading:
            return
        self.question.answer = value
        self.changed()

    @user_edit
    def _notes(self, text: str) -> None:
        if self.question.notes != clean_text(text):
            self.question.notes = clean_text(text)
            self.changed()

"""Action items: what we need so every "no" becomes "yes", with owner, priority and ticket."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import ActionItem, ActionKind, ActionStatus, Answer, Debrief, Priority
from facilitator.domain.text import clean_text
from facilitator.ui.parts.base import EditHook, hint_label, user_edit
from facilitator.ui.parts.rows import RowsEditor
from facilitator.ui.qtime import from_qdate, to_qdate
from facilitator.ui.session import MeetingSession

_NO_DATE = QDate(2000, 1, 1)
STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.WONT_DO: "Won't do",
}
KIND_LABELS = {
    ActionKind.DETECT: "Detect sooner",
    ActionKind.MITIGATE: "Fix faster",
    ActionKind.PREVENT: "Prevent",
    ActionKind.PROCESS: "Process",
}
QUESTION_KIND = {"detection": ActionKind.DETECT, "fix": ActionKind.MITIGATE}


def answer_choices(debrief: Debrief) -> list[tuple[str, str]]:
    """(value, label) pairs an action item can answer: the timing questions and each factor."""
    choices = [("", "—"), ("detection", "Detection question"), ("fix", "Fix question")]
    for i, factor in enumerate(debrief.contributing_factors):
        text = factor.text.strip().replace("\n", " ") or "(empty)"
        short = text if len(text) <= 40 else text[:39] + "…"
        choices.append((f"contributing_factors[{i}]", f"Factor {i + 1}: {short}"))
    return choices


def unanswered_noes(debrief: Debrief) -> list[str]:
    """The timing questions answered "no" that no action item answers yet."""
    covered = {a.answers for a in debrief.action_items}
    return [
        name
        for name in ("detection", "fix")
        if getattr(debrief, name).answer == Answer.NO and name not in covered
    ]


def _combo(
    parent: QWidget, items: list[tuple[object, str]], current: object, tip: str, chars: int = 11
) -> QComboBox:
    combo = QComboBox(parent)
    for value, label in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.setToolTip(tip)
    # Long factor texts must not widen the page past the screen; the popup shows them whole.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo


class ActionsEditor(RowsEditor):
    """One card per action item; prompts for every "no" without an item."""

    part = "action_items"
    heading = ""
    add_text = "Add an action item"
    empty_text = "No action items yet."

    def __init__(
        self, session: MeetingSession, on_new_edit: EditHook, parent: QWidget | None = None
    ):
        super().__init__(session, on_new_edit, parent)
        self.prompts = QWidget(self)
        self._prompt_layout = QVBoxLayout(self.prompts)
        self._prompt_layout.setContentsMargins(0, 0, 0, 0)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.prompts)

    def items(self) -> list[ActionItem]:
        return self.debrief.action_items

    def new_item(self) -> ActionItem:
        return ActionItem()

    def on_shown(self) -> None:
        # Factors and answers may have changed on other pages since the rows were built.
        self.rebuild()

    def rebuild(self, focus: int | None = None) -> None:
        super().rebuild(focus)
        self._refresh_prompts()

    def _refresh_prompts(self) -> None:
        while self._prompt_layout.count():
            item = self._prompt_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
            elif item.layout() is not None:
                while item.layout().count():
                    child = item.layout().takeAt(0).widget()
                    if child is not None:
                        child.deleteLater()
        self.prompt_buttons: dict[str, QPushButton] = {}
        for name in unanswered_noes(self.debrief):
            row = QHBoxLayout()
            text = "detect it" if name == "detection" else "fix it"
            label = hint_label(
                f"The team could not {text} within the target. What would make the answer “yes”?",
                self.prompts,
            )
            label.setObjectName("PromptLabel")
            button = QPushButton("Add an action for this", self.prompts)
            button.clicked.connect(lambda _=False, n=name: self._add_for(n))
            self.prompt_buttons[name] = button
            row.addWidget(label, 1)
            row.addWidget(button)
            self._prompt_layout.addLayout(row)

    def _add_for(self, question: str) -> None:
        self.items().append(ActionItem(answers=question, kind=QUESTION_KIND[question]))
        self.changed()
        self.rebuild(focus=len(self.items()) - 1)

    def build_row(self, index: int, item: ActionItem, row: QWidget) -> QWidget:
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        title = self.note(f"action_items[{index}].title", "What we will do…", compact=True)
        title.setParent(row)
        title.set_text(item.title)
        grid.addWidget(title, 0, 0, 1, 4)
        owner = QLineEdit(item.owner, row, placeholderText="Owner")
        ticket = QLineEdit(item.ticket, row, placeholderText="Ticket, e.g. OPS-123")
        priority = _combo(
            row, [(None, "Priority"), *((p, p.value) for p in Priority)], item.priority, "Priority"
        )
        due = QDateEdit(row, calendarPopup=True, displayFormat="d MMM yyyy")
        due.setMinimumDate(_NO_DATE)
        due.setSpecialValueText("No due date")
        due.setDate(to_qdate(item.due) if item.due else _NO_DATE)
        due.setToolTip("Due date")
        status = _combo(row, list(STATUS_LABELS.items()), item.status, "Status")
        kind = _combo(row, [(None, "Kind"), *KIND_LABELS.items()], item.kind, "What it improves")
        answers = _combo(
            row, answer_choices(self.debrief), item.answers, "The question or factor it answers", 8
        )
        answers_label = QLabel("Answers", row)
        fields = QHBoxLayout()
        fields.setSpacing(8)
        for widget, stretch in ((owner, 2), (priority, 0), (due, 0), (ticket, 2)):
            fields.addWidget(widget, stretch)
        grid.addLayout(fields, 1, 0, 1, 4)
        second = QHBoxLayout()
        second.setSpacing(8)
        for widget, stretch in ((status, 0), (kind, 0), (answers_label, 0), (answers, 1)):
            second.addWidget(widget, stretch)
        grid.addLayout(second, 2, 0, 1, 4)
        title.edited.connect(lambda t, a=item: self._set(a, "title", clean_text(t)))
        owner.textEdited.connect(lambda t, a=item: self._set(a, "owner", clean_text(t)))
        ticket.textEdited.connect(lambda t, a=item: self._set(a, "ticket", clean_text(t).strip()))
        priority.currentIndexChanged.connect(
            lambda _i, a=item, c=priority: self._set(a, "priority", c.currentData())
        )
        status.currentIndexChanged.connect(
            lambda _i, a=item, c=status: self._set(a, "status", c.currentData())
        )
        kind.currentIndexChanged.connect(
            lambda _i, a=item, c=kind: self._set(a, "kind", c.currentData())
        )
        answers.currentIndexChanged.connect(lambda _i, a=item, c=answers: self._answers(a, c))
        due.dateChanged.connect(
            lambda d, a=item: self._set(a, "due", None if d == _NO_DATE else from_qdate(d))
        )
        return title

    @user_edit
    def _set(self, item: ActionItem, attr: str, value: object) -> None:
        if getattr(item, attr) == value:
            return
        setattr(item, attr, value)
        self.changed()

    @user_edit
    def _answers(self, item: ActionItem, combo: QComboBox) -> None:
        item.answers = combo.currentData() or ""
        self.changed()
        self._refresh_prompts()

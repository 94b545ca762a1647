"""Action items: what we need so every "no" becomes "yes", with owner, priority and ticket.

The table shows what the room agrees on aloud (what, who, how urgent, by when,
which ticket, how far along); what it improves and which question or factor it
answers sit under the table for the selected item, so the page fits a projector.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.changes import DebriefChanges
from facilitator.domain.model import ActionItem, ActionKind, ActionStatus, Answer, Debrief, Priority
from facilitator.ui.parts.base import EditHook, hint_label
from facilitator.ui.parts.item_model import CHOICE, DATE, LINE, TEXT, Column, ItemListModel
from facilitator.ui.parts.list_part import ListPart
from facilitator.ui.session import MeetingSession
from facilitator.ui.wheel import guard_wheel

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

COLUMNS = (
    Column("title", "Action", TEXT, placeholder="What we will do…", field="title", checked=True),
    Column("owner", "Owner", LINE, chars=11, placeholder="Owner"),
    Column(
        "priority",
        "Priority",
        CHOICE,
        ((None, "—"), *((p, p.value) for p in Priority)),
        chars=5,
    ),
    Column("due", "Due", DATE, chars=10, tip="Due date"),
    Column("ticket", "Ticket", LINE, chars=9, placeholder="OPS-123"),
    Column("status", "Status", CHOICE, tuple(STATUS_LABELS.items()), chars=9),
)


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


class ActionsEditor(ListPart):
    """The action items; prompts for every "no" without an item."""

    part = "action_items"
    fields = ("action_items", "detection", "fix", "contributing_factors")
    add_text = "Add an action item"
    noun = "action item"
    empty_text = "No action items yet."
    fill = True

    def __init__(
        self, session: MeetingSession, on_new_edit: EditHook, parent: QWidget | None = None
    ):
        super().__init__(session, on_new_edit, parent)
        self.prompt_buttons: dict[str, QPushButton] = {}
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        self.model.dataChanged.connect(lambda *_: self._refresh_prompts())
        self.model.rowsRemoved.connect(lambda *_: self._refresh_prompts())
        self.model.modelReset.connect(self._show_details)

    def make_model(self) -> ItemListModel:
        return ItemListModel(self.session, self.part, COLUMNS, ActionItem, self)

    def build_top(self, layout: QVBoxLayout) -> None:
        # Made once, before the toolbar, so Tab reaches a prompt before "Add"; shown as needed.
        self.prompts = QWidget(self)
        box = QVBoxLayout(self.prompts)
        box.setContentsMargins(0, 0, 0, 0)
        self._prompt_rows: dict[str, tuple[QWidget, QPushButton]] = {}
        for name in ("detection", "fix"):
            row = QWidget(self.prompts)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = "detect it" if name == "detection" else "fix it"
            label = hint_label(
                f"The team could not {text} within the target. What would make the answer “yes”?",
                row,
            )
            label.setObjectName("PromptLabel")
            button = QPushButton("Add an action for this", row)
            button.setAccessibleName(f"Add an action so we could {text} within the target")
            button.clicked.connect(lambda _=False, n=name: self._add_for(n))
            line.addWidget(label, 1)
            line.addWidget(button)
            box.addWidget(row)
            row.hide()
            self._prompt_rows[name] = (row, button)
        layout.addWidget(self.prompts)

    def build_bottom(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.details_label = QLabel("Improves", self)
        self.details_label.setObjectName("HintLabel")
        self.details_label.setWordWrap(True)
        kind_label = self.details_label
        self.kind = QComboBox(self)
        self.kind.addItem("—", None)
        for value, label in KIND_LABELS.items():
            self.kind.addItem(label, value)
        self.kind.setAccessibleName("What the selected action improves")
        self.kind.setToolTip("What the selected action improves")
        kind_label.setBuddy(self.kind)
        answers_label = QLabel("answers", self)
        self.answers = QComboBox(self)
        self.answers.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.answers.setMinimumContentsLength(6)
        self.answers.setAccessibleName("The question or factor the selected action answers")
        self.answers.setToolTip("The question or factor the selected action answers")
        answers_label.setBuddy(self.answers)
        guard_wheel(self.kind, self.answers)
        for widget, stretch in (
            (self.details_label, 0),
            (self.kind, 0),
            (answers_label, 0),
            (self.answers, 1),
        ):
            row.addWidget(widget, stretch)
        layout.addLayout(row)
        self.kind.activated.connect(self._kind_chosen)
        self.answers.activated.connect(self._answers_chosen)

    # -- refresh -------------------------------------------------------------------------

    def load(self) -> None:
        super().load()
        self._refresh_prompts()
        self._show_details()

    def on_shown(self) -> None:
        # Factors and answers may have changed on other pages.
        self._refresh_prompts()
        self._show_details()

    def refresh_extras(self) -> None:
        self._refresh_prompts()
        self._show_details()

    def on_external(self, changes: DebriefChanges) -> None:
        super().on_external(changes)
        if changes.touches("action_items"):
            self._show_details()

    def _refresh_prompts(self) -> None:
        if self.session.debrief is None:
            return
        wanted = [] if self.read_only else unanswered_noes(self.debrief)
        self.prompt_buttons = {}
        for name, (row, button) in self._prompt_rows.items():
            row.setVisible(name in wanted)
            if name in wanted:
                self.prompt_buttons[name] = button

    def _add_for(self, question: str) -> None:
        item = ActionItem(answers=question, kind=QUESTION_KIND[question])
        row = self.model.insert_item(self.model.rowCount(), item)
        self._refresh_prompts()
        self.table.go_to(row, edit=True)

    def _show_details(self) -> None:
        if self.session.debrief is None:
            return
        row = self.current_row()
        item = self.model.item(row) if 0 <= row < self.model.rowCount() else None
        choices = answer_choices(self.debrief)
        self.answers.blockSignals(True)
        self.kind.blockSignals(True)
        self.answers.clear()
        for value, label in choices:
            self.answers.addItem(label, value)
        if item is not None:
            self.details_label.setText(f"Item {row + 1} improves")
            self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
            self.answers.setCurrentIndex(max(0, self.answers.findData(item.answers)))
        else:
            self.details_label.setText("Improves")
            self.kind.setCurrentIndex(0)
            self.answers.setCurrentIndex(0)
        self.answers.blockSignals(False)
        self.kind.blockSignals(False)
        enabled = item is not None and not self.read_only
        self.kind.setEnabled(enabled)
        self.answers.setEnabled(enabled)

    def _selected(self) -> ActionItem | None:
        row = self.current_row()
        return self.model.item(row) if 0 <= row < self.model.rowCount() else None

    def _kind_chosen(self, number: int) -> None:
        item = self._selected()
        if item is None or self.read_only:
            return
        value = self.kind.itemData(number)
        item.kind = next((k for k in ActionKind if k == value), None)
        self.model.row_changed(self.model.row_of(item))
        self.changed()

    def _answers_chosen(self, number: int) -> None:
        item = self._selected()
        if item is None or self.read_only:
            return
        item.answers = str(self.answers.itemData(number) or "")
        self.model.row_changed(self.model.row_of(item))
        self.changed()
        self._refresh_prompts()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for button in self.prompt_buttons.values():
            button.setEnabled(not read_only)
        self._show_details()

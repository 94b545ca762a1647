"""ReviewPage: the facilitator's side of a checkpoint or monthly review.

On the left the items, marked as they are decided; on the right the item under
discussion, the four decisions, its new plan or the reason it is dropped, and
the room's notes (with the language underlines, like every note). The last
step closes the review, proposes the next checkpoint and writes the summary.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import Priority
from facilitator.export.timefmt import short_date
from facilitator.followup.records import STATUS_LABELS
from facilitator.followup.review import DECISION_LABELS, Decision
from facilitator.ui.followup.review_close import ClosePanel
from facilitator.ui.followup.review_controller import ReviewController
from facilitator.ui.followup.widgets import WheelGuard
from facilitator.ui.note_edit import NoteEdit
from facilitator.ui.qtime import from_qdate, to_qdate

_Index = QModelIndex | QPersistentModelIndex
MARKS = {
    Decision.DONE: "✓",
    Decision.IN_PROGRESS: "…",
    Decision.STILL_RELEVANT: "→",
    Decision.DROPPED: "✕",
}
_KEYS = {Decision.DONE: "&Done", Decision.IN_PROGRESS: "&In progress",
         Decision.STILL_RELEVANT: "Still &relevant", Decision.DROPPED: "Dro&pped"}  # fmt: skip


_CHECKED = (
    "QPushButton:checked { background-color: palette(highlight); "
    "color: palette(highlighted-text); border-color: palette(highlight); }"
)


class ReviewItemsModel(QAbstractListModel):
    """The review's items, each marked with its decision."""

    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.controller.items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        record = self.controller.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            choice = self.controller.choice_of(record)
            mark = MARKS[choice.decision] if choice else "·"
            title = " ".join(record.title.split())
            if self.controller.monthly:
                debrief = " ".join(record.debrief_title.split()) or "Untitled debrief"
                return f"{mark}  {title}\n     {debrief}"
            return f"{mark}  {title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return " ".join(record.debrief_title.split())
        return None

    def refresh_row(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)


class ReviewPage(QWidget):
    """The review, item by item, then its close.

    Signals:
        closeRequested(): leave the review (it stays stored as far as it got).
        message(str): a calm note for the status bar.
    """

    closeRequested = Signal()
    message = Signal(str)

    def __init__(
        self,
        controller: ReviewController,
        attach: Callable[[NoteEdit], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._attach = attach
        self._loading = False
        self._guard = WheelGuard(self)
        # The reason for dropping an item is saved once typing pauses.
        self._note_timer = QTimer(self, singleShot=True, interval=250)
        self.setObjectName("ReviewPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        kind = "Monthly review" if controller.monthly else "Checkpoint"
        self.kind_label = QLabel(kind, self)
        self.kind_label.setObjectName("PhaseCounter")
        self.heading = QLabel(controller.heading, self)
        self.heading.setObjectName("PhaseTitle")
        self.heading.setWordWrap(True)
        self.progress = QLabel("", self)
        self.progress.setObjectName("HintLabel")
        leave = QPushButton("Leave", self, toolTip="Leave the review; decisions so far are kept")
        leave.clicked.connect(self.closeRequested)
        top.addWidget(self.heading, 1)
        top.addWidget(self.progress)
        top.addWidget(leave)
        outer.addWidget(self.kind_label)
        outer.addLayout(top)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._item_view())
        self.closing = ClosePanel(controller, self)
        self.closing.back.connect(lambda: self.stack.setCurrentIndex(0))
        self.closing.closeRequested.connect(self.closeRequested)
        self.closing.message.connect(self.message)
        self.stack.addWidget(self.closing)
        outer.addWidget(self.stack, 1)
        controller.changed.connect(self._sync)
        controller.failed.connect(self.message)
        keys = (
            (("Ctrl+PgDown", "Alt+Down"), lambda: self.controller.step(1)),
            (("Ctrl+PgUp", "Alt+Up"), lambda: self.controller.step(-1)),
        )
        for names, slot in keys:
            for key in names:
                QShortcut(QKeySequence(key), self, slot)
        self._load_item()
        self._sync()

    # -- building --------------------------------------------------------------------------

    def _item_view(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        self.list = QListView(splitter)
        self.list.setObjectName("ReviewList")
        self.items_model = ReviewItemsModel(self.controller, self.list)
        self.list.setModel(self.items_model)
        self.list.setWordWrap(False)
        self.list.selectionModel().currentRowChanged.connect(
            lambda current, _old: self.controller.go(current.row())
        )
        pane = QWidget(splitter)
        box = QVBoxLayout(pane)
        box.setContentsMargins(18, 0, 0, 0)
        box.setSpacing(10)
        self.debrief_label = QLabel("", pane)
        self.debrief_label.setObjectName("HintLabel")
        self.title = QLabel("", pane)
        self.title.setObjectName("SectionLabel")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.facts = QLabel("", pane)
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.debrief_label)
        box.addWidget(self.title)
        box.addWidget(self.facts)
        box.addWidget(QLabel("The room decides:", pane))
        buttons = QHBoxLayout()
        self.decisions = QButtonGroup(pane)
        self.decisions.setExclusive(True)
        self.buttons: dict[Decision, QPushButton] = {}
        for decision in Decision:
            button = QPushButton(_KEYS[decision], pane)
            button.setCheckable(True)
            # The room's choice must show at a glance, whatever the theme does with :checked.
            button.setStyleSheet(_CHECKED)
            button.setToolTip(
                f"{DECISION_LABELS[decision]} (Alt+{_KEYS[decision].split('&')[1][0].upper()})"
            )
            self.decisions.addButton(button)
            self.buttons[decision] = button
            button.clicked.connect(lambda _=False, d=decision: self._decide(d))
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.plan = QWidget(pane)
        plan = QHBoxLayout(self.plan)
        plan.setContentsMargins(0, 0, 0, 0)
        self.new_due = QDateEdit(self.plan, calendarPopup=True, displayFormat="d MMM yyyy")
        self.new_due.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.new_due.installEventFilter(self._guard)
        self.new_priority = QComboBox(self.plan)
        for p in Priority:
            self.new_priority.addItem(p.value, p.value)
        self.new_priority.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.new_priority.installEventFilter(self._guard)
        plan.addWidget(QLabel("New due date", self.plan))
        plan.addWidget(self.new_due)
        plan.addSpacing(12)
        plan.addWidget(QLabel("Priority", self.plan))
        plan.addWidget(self.new_priority)
        plan.addStretch(1)
        self.new_due.dateChanged.connect(lambda _d: self._replan())
        self.new_priority.currentIndexChanged.connect(lambda _i: self._replan())
        box.addWidget(self.plan)
        self.reason = NoteEdit("review.reason", pane, placeholder="Why is it dropped? (needed)")
        self.reason.setMaximumHeight(70)
        self.reason.edited.connect(lambda _t: self._note_timer.start())
        box.addWidget(self.reason)
        self.note = NoteEdit("review.note", pane, placeholder="The room's notes on this item…")
        self.note.edited.connect(self.controller.set_note)
        box.addWidget(self.note, 1)
        for edit in (self.reason, self.note):
            edit.pasteRejected.connect(self.message)
            if self._attach is not None:
                self._attach(edit)
        self._note_timer.timeout.connect(self._reason_changed)
        nav = QHBoxLayout()
        self.previous = QPushButton("←  Previous", pane, toolTip="Previous item (Ctrl+PgUp)")
        self.previous.clicked.connect(lambda: self.controller.step(-1))
        self.next = QPushButton("Next  →", pane, toolTip="Next item (Ctrl+PgDown)")
        self.next.setObjectName("NextButton")
        self.next.clicked.connect(lambda: self.controller.step(1))
        self.to_finish = QPushButton("Close the review…", pane)
        self.to_finish.clicked.connect(self.show_finish)
        nav.addWidget(self.previous)
        nav.addStretch(1)
        nav.addWidget(self.to_finish)
        nav.addWidget(self.next)
        box.addLayout(nav)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 840])
        return splitter

    # -- showing ---------------------------------------------------------------------------

    def _load_item(self) -> None:
        c = self.controller
        record = c.current
        self._loading = True
        try:
            if record is None:
                self.title.setText("Every action item is closed. Nothing to review.")
                for widget in (self.plan, self.reason, self.note, *self.buttons.values()):
                    widget.setEnabled(False)
                return
            self.list.setCurrentIndex(self.items_model.index(c.index, 0))
            self.debrief_label.setText(" ".join(record.debrief_title.split()) or "Untitled debrief")
            self.title.setText(" ".join(record.title.split()))
            choice = c.choice_of(record)
            after = c.after(record)
            self.decisions.setExclusive(False)
            for decision, button in self.buttons.items():
                button.setChecked(choice is not None and choice.decision is decision)
            self.decisions.setExclusive(True)
            self.new_due.setDate(to_qdate(after.due or c.today))
            self.new_priority.setCurrentIndex(
                max(0, self.new_priority.findData(after.priority.value if after.priority else "P3"))
            )
            self.reason.set_text(choice.reason if choice else "")
            self.note.set_text(c.notes.get(record.uid, ""))
            self._show_parts(choice.decision if choice else None)
            self._update_facts()
        finally:
            self._loading = False

    def _update_facts(self) -> None:
        c = self.controller
        record = c.current
        if record is None:
            return
        after = c.after(record)
        facts = [
            f"Owner: {' '.join(record.owner.split()) or 'no owner yet'}",
            f"Due: {short_date(after.due) if after.due else 'no due date'}",
            f"Priority: {after.priority.value if after.priority else 'not set'}",
            f"Status: {STATUS_LABELS[after.status]}",
        ]
        if after.overdue(c.today):
            facts[1] += f" ({(c.today - after.due).days} days past due)"  # type: ignore[operator]
        text = "   ·   ".join(facts)
        if record.answers_text:
            text += f"\nIt answers: {record.answers_text}"
        if record.ticket.strip():
            text += f"\nTicket: {record.ticket.strip()}"
        self.facts.setText(text)

    def _show_parts(self, decision: Decision | None) -> None:
        self.plan.setVisible(decision is Decision.STILL_RELEVANT)
        self.reason.setVisible(decision is Decision.DROPPED)

    def _sync(self) -> None:
        c = self.controller
        total = len(c.items)
        self.progress.setText(
            f"Item {c.index + 1} of {total}  ·  {c.decided()} decided" if total else ""
        )
        self.previous.setEnabled(c.index > 0)
        self.next.setEnabled(c.index < total - 1)
        if c.current is not None and self.title.text() != " ".join(c.current.title.split()):
            self._load_item()
        else:
            self._update_facts()
        for row in range(total):
            self.items_model.refresh_row(row)

    # -- decisions -------------------------------------------------------------------------

    def _decide(self, decision: Decision) -> None:
        if self._loading:
            return
        self._show_parts(decision)
        if decision is Decision.DROPPED and not self.reason.text().strip():
            self.reason.setFocus()
            self.message.emit("Say why it is dropped; it is saved as soon as you type the reason.")
            return
        self._save(decision)

    def _save(self, decision: Decision) -> None:
        due = from_qdate(self.new_due.date())
        priority = Priority(self.new_priority.currentData())
        if self.controller.decide(decision, reason=self.reason.text(), due=due, priority=priority):
            self._update_facts()

    def _replan(self) -> None:
        if not self._loading and self.buttons[Decision.STILL_RELEVANT].isChecked():
            self._save(Decision.STILL_RELEVANT)

    def _reason_changed(self) -> None:
        if self.buttons[Decision.DROPPED].isChecked() and self.reason.text().strip():
            self._save(Decision.DROPPED)

    def show_finish(self) -> None:
        """Go to the close of the review: outcome, dates, summary."""
        self.controller.flush_notes()
        self.closing.prepare()
        self.stack.setCurrentIndex(1)

"""ClosePanel: the end of a review: its outcome, the day held, the next checkpoint, the summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.export.atomic import ExportError
from facilitator.export.timefmt import short_date
from facilitator.followup.review import ReviewKind
from facilitator.followup.summary import export_summary
from facilitator.ui.followup import dialogs
from facilitator.ui.followup.review_controller import ReviewController
from facilitator.ui.followup.widgets import WheelGuard
from facilitator.ui.qtime import from_qdate, to_qdate


class ClosePanel(QWidget):
    """Closes the review and writes its summary.

    Signals:
        back(): return to the items.
        closeRequested(): leave the review.
        message(str): a calm note for the status bar.
    """

    back = Signal()
    closeRequested = Signal()
    message = Signal(str)

    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._guard = WheelGuard(self)
        box = QVBoxLayout(self)
        box.setSpacing(12)
        self.outcome = QLabel("", self)
        self.outcome.setObjectName("SectionLabel")
        self.outcome.setWordWrap(True)
        box.addWidget(self.outcome)
        form = QFormLayout()
        self.held_on = QDateEdit(self, calendarPopup=True, displayFormat="dddd d MMMM yyyy")
        self.held_on.setDate(to_qdate(controller.today))
        self.held_on.installEventFilter(self._guard)
        form.addRow("Held on", self.held_on)
        self.plan_next = QCheckBox("Plan the next checkpoint on", self)
        self.next_date = QDateEdit(self, calendarPopup=True, displayFormat="dddd d MMMM yyyy")
        self.next_date.installEventFilter(self._guard)
        self.plan_next.toggled.connect(self.next_date.setEnabled)
        form.addRow(self.plan_next, self.next_date)
        for editor in (self.held_on, self.next_date):
            editor.setMaximumWidth(340)
        box.addLayout(form)
        if controller.kind is not ReviewKind.CHECKPOINT:
            self.plan_next.hide()
            self.next_date.hide()
        row = QHBoxLayout()
        self.back_button = QPushButton("←  Back to the items", self)
        self.back_button.clicked.connect(self.back)
        self.save_button = QPushButton("Close and save the review", self)
        self.save_button.setObjectName("NextButton")
        self.save_button.clicked.connect(self.finish)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        box.addLayout(row)
        done = QHBoxLayout()
        self.word_button = QPushButton("Summary as &Word…", self)
        self.word_button.clicked.connect(lambda: self.export("docx"))
        self.md_button = QPushButton("Summary as &Markdown…", self)
        self.md_button.clicked.connect(lambda: self.export("md"))
        self.done_button = QPushButton("Back to the board", self)
        self.done_button.clicked.connect(self.closeRequested)
        for button in (self.word_button, self.md_button):
            button.setEnabled(False)
            done.addWidget(button)
        done.addStretch(1)
        done.addWidget(self.done_button)
        box.addLayout(done)
        box.addStretch(1)

    def prepare(self) -> None:
        """Show the outcome so far and propose the next checkpoint if items stay open."""
        c = self.controller
        undecided = len(c.items) - c.decided()
        left = c.open_after()
        stay = "stays" if left == 1 else "stay"
        text = f"{c.decided()} of {len(c.items)} items decided; {left} {stay} open."
        if undecided:
            text += f" {undecided} not decided stay as they are."
        self.outcome.setText(text)
        proposal = c.proposed_next()
        self.plan_next.setChecked(proposal is not None)
        self.next_date.setEnabled(proposal is not None)
        self.next_date.setDate(to_qdate(proposal or c.today))

    def finish(self) -> None:
        """Store the close: the day held and, for a checkpoint, the next one."""
        held = from_qdate(self.held_on.date())
        following: date | None = None
        if self.controller.kind is ReviewKind.CHECKPOINT and self.plan_next.isChecked():
            following = from_qdate(self.next_date.date())
        if self.controller.finish(held, following) is None:
            return
        self.save_button.setEnabled(False)
        self.back_button.setEnabled(False)
        self.word_button.setEnabled(True)
        self.md_button.setEnabled(True)
        when = f"; next checkpoint {short_date(following)}" if following else ""
        self.outcome.setText(f"{self.outcome.text()} Saved{when}.")
        self.message.emit(f"The review is saved{when}.")

    def export(self, fmt: str) -> None:
        """Write the summary as Word or Markdown."""
        result = self.controller.result
        if result is None:
            return
        kind = "checkpoint" if result.kind is ReviewKind.CHECKPOINT else "monthly-review"
        suggested = f"{kind}-{result.held_on.isoformat()}.{fmt}"
        path = dialogs.ask_save_path(self, "Save the summary", suggested, fmt)
        if path is None:
            return
        try:
            export_summary(result, path, fmt, debrief_title=self.controller.heading)
        except ExportError as exc:
            self.message.emit(str(exc))
            return
        self.message.emit(f"Saved the summary to {Path(path).name}.")

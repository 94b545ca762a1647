"""File > Monthly learning review: pick a month and a format; the document is built off-thread.

Gathering, charts and the Word or Markdown file are made on a worker thread, so
the window stays responsive; a PDF is laid out by Qt's text engine on the GUI
thread once the data is ready. The dialog is modeless and reports in place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QThreadPool, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.taxonomy import Taxonomy
from facilitator.storage import DebriefService
from facilitator.ui import file_prompts
from facilitator.ui.workers import Job

FORMATS = (("docx", "Word document (*.docx)"), ("md", "Markdown (*.md)"), ("pdf", "PDF (*.pdf)"))


class _Signals(QObject):
    done = Signal(str)
    failed = Signal(str)
    ready = Signal(object, object)  # review and charts, for the PDF on the GUI thread


def last_month(today: date) -> date:
    """The month a review is usually about: the one that just ended."""
    return date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)


class ReviewDialog(QDialog):
    """Month, format and Save…; the outcome shows in the dialog."""

    def __init__(
        self,
        service: DebriefService,
        taxonomy: Callable[[], Taxonomy],
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewDialog")
        self.setWindowTitle("Monthly learning review")
        self.setMinimumWidth(480)
        self.service = service
        self._taxonomy = taxonomy
        self.signals = _Signals(self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "One document for leadership: the month's key learnings first, each with its "
                "debrief, then the classification matrix, the trend charts and the open action "
                "items.",
                self,
                wordWrap=True,
            )
        )
        form = QFormLayout()
        self.month = QDateEdit(self, displayFormat="MMMM yyyy", calendarPopup=True)
        month = last_month(today or date.today())
        self.month.setDate(QDate(month.year, month.month, 1))
        self.format = QComboBox(self)
        for key, label in FORMATS:
            self.format.addItem(label.split(" (")[0], key)
        form.addRow("&Month", self.month)
        form.addRow("&Format", self.format)
        layout.addLayout(form)
        self.status = QLabel("", self, wordWrap=True)
        self.status.setObjectName("HintLabel")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton("Save…", self)
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.save_button.clicked.connect(self._ask)
        self.signals.done.connect(self._done)
        self.signals.failed.connect(self._failed)
        self.signals.ready.connect(self._write_pdf)
        self._pdf_target: Path | None = None

    @property
    def chosen_month(self) -> date:
        q = self.month.date()
        return date(q.year(), q.month(), 1)

    def _ask(self) -> None:
        kind = self.format.currentData()
        name_filter = dict(FORMATS)[kind]
        suggested = f"learning-review-{self.chosen_month:%Y-%m}.{kind}"
        file_prompts.ask_save_path(
            self, "Save the learning review", name_filter, suggested, lambda p: self.save(kind, p)
        )

    def save(self, kind: str, path: Path) -> None:
        """Build the review of the chosen month as ``kind`` into ``path``, off the GUI thread."""
        self.save_button.setEnabled(False)
        self.status.setText("Putting the review together…")
        month, taxonomy = self.chosen_month, self._taxonomy()
        self.pool.start(Job(lambda: self._build(kind, path, month, taxonomy)))

    def _build(self, kind: str, path: Path, month: date, taxonomy: Taxonomy) -> None:
        from facilitator.commands.report_cmd import gather, render_charts
        from facilitator.export.atomic import ExportError
        from facilitator.storage import StorageError

        try:
            review, facts = gather(self.service, month, taxonomy, date.today())
            charts = render_charts(facts, taxonomy)
            if kind == "pdf":
                self._pdf_target = path
                self.signals.ready.emit(review, charts)
                return
            if kind == "docx":
                from facilitator.export.library_docx import export_review_docx

                export_review_docx(review, charts, path)
            else:
                from facilitator.export.library_markdown import export_review_markdown

                export_review_markdown(review, charts, path)
        except (ExportError, StorageError) as exc:
            self.signals.failed.emit(str(exc))
            return
        self.signals.done.emit(f"Saved the review of {month:%B %Y} to {path.name}.")

    def _write_pdf(self, review: object, charts: object) -> None:
        from facilitator.export.atomic import ExportError
        from facilitator.ui.review_pdf import export_review_pdf

        assert self._pdf_target is not None
        try:
            export_review_pdf(review, charts, self._pdf_target)  # type: ignore[arg-type]
        except ExportError as exc:
            self._failed(str(exc))
            return
        self._done(f"Saved the review to {self._pdf_target.name}.")

    def _done(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.status.setObjectName("HintLabel")
        self.status.setText(message)

    def _failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.status.setObjectName("WarningLabel")
        self.status.setText(message)

    def wait(self) -> None:
        """Let a running build finish (before the application quits, and in tests)."""
        self.pool.waitForDone()

"""The first page of the import: open a file or an export folder, or paste a transcript.

File and folder pickers open without blocking (``QFileDialog.open``) and call
back with the path, so no test ever waits on a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

FILE_FILTER = (
    "Evidence (*.zip *.json *.csv *.tsv *.txt *.log *.md);;Slack export (*.zip);;"
    "PagerDuty or Opsgenie (*.json);;CSV (*.csv *.tsv);;Chat transcript (*.txt *.log *.md);;"
    "All files (*)"
)


def choose_file(parent: QWidget, chosen: Callable[[Path], None]) -> QFileDialog:
    """Ask for an evidence file without blocking; call ``chosen`` with it."""
    dialog = QFileDialog(parent, "Import from a file", "", FILE_FILTER)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: chosen(Path(name)))
    dialog.open()
    return dialog


def choose_folder(parent: QWidget, chosen: Callable[[Path], None]) -> QFileDialog:
    """Ask for an unpacked Slack export folder without blocking."""
    dialog = QFileDialog(parent, "Import an unpacked Slack export")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: chosen(Path(name)))
    dialog.open()
    return dialog


class StartPage(QWidget):
    """Where the evidence comes from.

    Signals:
        pathChosen(object): a file or folder (a ``Path``) to read.
        textPasted(str): pasted text to read as a transcript.
    """

    pathChosen = Signal(object)
    textPasted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        title = QLabel("Build the timeline from what was recorded", self)
        title.setObjectName("SectionLabel")
        layout.addWidget(title)
        hint = QLabel(
            "Open a Slack export (the ZIP or its folder), PagerDuty log entries or an incident, "
            "Opsgenie alert logs or a CSV, or paste a chat transcript. Nothing is added until "
            "you choose the events and press Add. You can also drop a file here.",
            self,
        )
        hint.setObjectName("HintLabel")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QHBoxLayout()
        self.file_button = QPushButton("Open a file…", self)
        self.file_button.setToolTip("A Slack export ZIP, a JSON log, a CSV or a text transcript")
        self.folder_button = QPushButton("Open a Slack export folder…", self)
        self.folder_button.setToolTip("The folder an export ZIP unpacks to")
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.paste = QPlainTextEdit(self)
        self.paste.setPlaceholderText(
            "…or paste a chat transcript here, for example\n"
            "[23:58] ada: the checkout error ratio alert is firing\n"
            "[23:59] ravi: paging payments on-call\n\n"
            "Slack's copied form (a line with a name and a time, then the message) and lines "
            "starting with an ISO time work too."
        )
        self.paste.setAccessibleName("Pasted transcript")
        layout.addWidget(self.paste, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.read_button = QPushButton("Read the pasted text", self)
        self.read_button.setObjectName("NextButton")
        self.read_button.setEnabled(False)
        row.addWidget(self.read_button)
        layout.addLayout(row)
        self.file_button.clicked.connect(lambda: choose_file(self, self.pathChosen.emit))
        self.folder_button.clicked.connect(lambda: choose_folder(self, self.pathChosen.emit))
        self.paste.textChanged.connect(
            lambda: self.read_button.setEnabled(bool(self.paste.toPlainText().strip()))
        )
        self.read_button.clicked.connect(lambda: self.textPasted.emit(self.paste.toPlainText()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.pathChosen.emit(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return

"""Unexpected exceptions: a calm, non-modal dialog, a scrubbed report on disk, and carry on.

:class:`CrashHandler` replaces ``sys.excepthook`` (which PySide6 also calls for
exceptions raised in slots and event handlers) and ``threading.excepthook``. For
each exception it writes a report made by :func:`facilitator.logs.crash_report`
(no exception message, no field contents, passwords masked) to the log folder,
logs one line, and shows :class:`CrashDialog`. The event loop keeps running, and
since everything typed is saved as it is typed, nothing is lost.

Reports from other threads reach the dialog through a queued signal, so widgets are
only touched on the GUI thread.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.logs import LOGGER_NAME, crash_report, write_crash_report
from facilitator.paths import log_dir

_log = logging.getLogger(LOGGER_NAME)


class CrashDialog(QDialog):
    """Tells the user something unexpected happened, without alarm, and offers the details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CrashDialog")
        self.setWindowTitle("Something unexpected happened")
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.report = ""
        self.count = 0
        layout = QVBoxLayout(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("CrashDetails")
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Details of the problem")
        self.details.setVisible(False)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton("Copy details", self)
        self.copy_button.setToolTip("Copy the report (it holds none of your text) to paste it")
        self.show_button = QPushButton("Show details", self)
        self.show_button.setCheckable(True)
        self.folder_button = QPushButton("Open log folder", self)
        self.close_button = QPushButton("Keep working", self)
        self.close_button.setDefault(True)
        for button in (self.copy_button, self.show_button, self.folder_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(buttons)
        self.copy_button.clicked.connect(self.copy_details)
        self.show_button.toggled.connect(self._toggle_details)
        self.folder_button.clicked.connect(self._open_folder)
        self.close_button.clicked.connect(self.close)
        self.resize(560, 220)

    def show_report(self, report: str, path: Path | None) -> None:
        """Show (or update) the dialog for one more exception."""
        self.count += 1
        self.report = report
        self.details.setPlainText(report)
        where = (
            f"A report was saved in {path.parent}."
            if path is not None
            else "The log folder cannot be written, so the report is only here."
        )
        again = f" (this has happened {self.count} times)" if self.count > 1 else ""
        self.message.setText(
            "Facilitator ran into a problem it did not expect"
            f"{again}. Your debrief is saved as you type, so nothing you wrote is lost, "
            "and you can keep working.\n\n"
            f"{where} It holds no text from your debriefs and no passwords. "
            "“Copy details” puts it on the clipboard if you want to report the problem."
        )
        self.folder_button.setEnabled(path is not None)
        self.show()
        self.raise_()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText("Copied")

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.show_button.setText("Hide details" if shown else "Show details")
        self.resize(self.width(), 460 if shown else 220)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))


class CrashHandler(QObject):
    """Catches unexpected exceptions for the whole application while installed.

    ``parent_widget`` returns the window the dialog belongs to (it may change, or be
    None). ``context`` adds lines such as the Qt version to every report.
    """

    reported = Signal(str, str)  # report, path ("" when it could not be written)

    def __init__(
        self,
        parent_widget: Callable[[], QWidget | None] = lambda: None,
        *,
        context: dict[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent_widget = parent_widget
        self._context = dict(context or {})
        self.dialog: CrashDialog | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._handling = False
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._handle_thread:
            threading.excepthook = self._previous_thread_hook

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Record the exception and show the dialog; never raise."""
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            self._previous_hook(exc_type, exc, tb)  # type: ignore[arg-type]
            return
        if self._handling:  # the handler itself failed: say so on stderr, nothing more
            print(f"facilitator: unexpected {exc_type.__name__}", file=sys.stderr)
            return
        self._handling = True
        try:
            report = crash_report(exc_type, exc, tb, context=self._context)
            path = write_crash_report(report)
            _log.error("unexpected %s; report in %s", exc_type.__name__, path or "(not written)")
            self.reported.emit(report, str(path) if path else "")
        except Exception as failure:
            print(f"facilitator: unexpected {exc_type.__name__} ({failure!r})", file=sys.stderr)
        finally:
            self._handling = False

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str, str)
    def _show(self, report: str, path: str) -> None:
        if self.dialog is None:
            self.dialog = CrashDialog(self._parent_widget())
        self.dialog.show_report(report, Path(path) if path else None)

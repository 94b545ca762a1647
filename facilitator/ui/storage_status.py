"""The storage banner, and the integrity check and daily backup run off the UI thread.

A lasting problem with the library (a full disk being retried, a read-only
file, a damaged file found by the integrity check) shows as a banner across the
top of the window until it is over, with the action that helps, if any.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from facilitator.storage import DamagedError, DebriefService, StorageError
from facilitator.ui.workers import Job


class StorageBanner(QFrame):
    """A one-line banner for storage problems; hidden when there is none.

    ``show_problem(text, action=None, on_action=None)`` shows it with an optional
    button; ``show_problem("")`` hides it again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StorageBanner")
        self.setAccessibleName("Library status")
        self.text = QLabel(self)
        self.text.setObjectName("StorageBannerText")
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self._on_action: Callable[[], None] | None = None
        self.button.clicked.connect(self._act)
        self.hide()

    def show_problem(
        self, text: str, action: str = "", on_action: Callable[[], None] | None = None
    ) -> None:
        """Show ``text`` (empty hides the banner), with a button when ``action`` is given."""
        self.text.setText(text)
        self._on_action = on_action
        self.button.setText(action)
        self.button.setVisible(bool(action and on_action))
        self.setVisible(bool(text))

    def _act(self) -> None:
        if self._on_action is not None:
            self._on_action()


def read_only_text(reason: str) -> str:
    """The banner for a library opened read-only."""
    return (
        f"Read-only: {reason}. You can browse, search and export; editing is off "
        "until the library can be written."
    )


class _Signals(QObject):
    finished = Signal(str, bool)  # message ("" when all is well), damaged


def _maintain(service: DebriefService, signals: _Signals) -> None:
    try:
        service.maintain()
    except DamagedError as exc:
        signals.finished.emit(str(exc), True)
    except StorageError as exc:
        signals.finished.emit(str(exc), False)
    else:
        signals.finished.emit("", False)


class Maintenance(QObject):
    """Runs :meth:`DebriefService.maintain` on a worker thread once, after the window is up.

    Signals:
        finished(str, bool): what went wrong ("" when nothing), and whether the
            library is damaged (so a restore should be offered).
    """

    finished = Signal(str, bool)

    def __init__(self, service: DebriefService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals(self)
        self._signals.finished.connect(self.finished)
        self._service = service

    def start(self) -> None:
        QThreadPool.globalInstance().start(Job(lambda: _maintain(self._service, self._signals)))

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the check to end (at quit, so the backup is never cut short)."""
        return QThreadPool.globalInstance().waitForDone(msecs)

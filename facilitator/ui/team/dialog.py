"""File > Team library…: connect to a PostgreSQL team library, or disconnect.

The connection is tested on a worker thread before anything is kept; the
message says what is wrong (host, login, database, permission, version). The
password goes to the system keychain, never to settings.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.storage import StorageError
from facilitator.team import connection, settings
from facilitator.ui.workers import Job


class _Signals(QObject):
    checked = Signal(object, str)  # TeamInfo or None, the message


class TeamDialog(QDialog):
    """Connect to a team library. ``connected(str)`` fires with the URL once it works.

    ``disconnected()`` fires when the user forgets the library.
    """

    connected = Signal(str)
    disconnected = Signal()

    def __init__(self, parent: QWidget | None = None, *, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Team library")
        self.setMinimumWidth(560)
        self._pool = pool or QThreadPool.globalInstance()
        intro = QLabel(
            "Published debriefs live in the team's PostgreSQL library. You keep working here "
            "when the network is gone; changes sync when it is back. Private notes, the parking "
            "lot and kept findings never leave this machine.",
            self,
        )
        intro.setWordWrap(True)
        self.url = QLineEdit(settings.team_url() or "", self)
        self.url.setPlaceholderText("postgresql://you@db.example.com/debriefs")
        self.url.setAccessibleName("Team library address")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kept in the system keychain")
        self.password.setAccessibleName("Password")
        form = QFormLayout()
        form.addRow("&Address", self.url)
        form.addRow("&Password", self.password)
        self.result = QLabel("", self)
        self.result.setObjectName("TeamResult")
        self.result.setWordWrap(True)
        self.test = QPushButton("&Connect", self)
        self.test.setDefault(True)
        self.forget = QPushButton("&Disconnect", self)
        self.forget.setVisible(settings.team_url() is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.test, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.forget, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        self._signals = _Signals(self)
        self._signals.checked.connect(self._checked)
        self.test.clicked.connect(self.try_connect)
        self.forget.clicked.connect(self._forget)

    def try_connect(self) -> None:
        """Test the address and password off the UI thread; keep them if they work."""
        url, password = self.url.text().strip(), self.password.text()
        if not url:
            self.result.setText("Enter the team library's address first.")
            return
        self.test.setEnabled(False)
        self.result.setText("Connecting…")

        def work() -> None:
            try:
                info = connection.check(url, password or None)
            except StorageError as exc:
                self._signals.checked.emit(None, str(exc))
                return
            self._signals.checked.emit(info, url)

        self._pool.start(Job(work))

    def _checked(self, info: object, text: str) -> None:
        self.test.setEnabled(True)
        if info is None:
            self.result.setText(text)
            return
        plain = connection.plain_url(text)
        try:
            settings.remember(plain, self.password.text() or None)
        except (OSError, StorageError) as exc:
            self.result.setText(f"Connected, but the settings could not be kept: {exc}")
            return
        role = "you may publish and edit" if info.may_publish else "you may read only"  # type: ignore[attr-defined]
        self.result.setText(f"Connected as {info.user}: {role}.")  # type: ignore[attr-defined]
        self.password.clear()
        self.forget.show()
        self.connected.emit(plain)

    def _forget(self) -> None:
        settings.forget()
        self.forget.hide()
        self.result.setText("Disconnected: this machine no longer syncs with a team library.")
        self.disconnected.emit()

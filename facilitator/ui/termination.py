"""Save and quit cleanly on SIGTERM (a logout, a service manager, ``kill``).

Python runs signal handlers only when the interpreter gets control, which a Qt
event loop may not give it for a long time. The C-level handler therefore
writes a byte to a socket (``signal.set_wakeup_fd``) that a QSocketNotifier
watches, so the event loop wakes up at once and the window closes, flushing
what was typed.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier


class TerminationWatcher(QObject):
    """Calls ``on_terminate`` on the event loop when SIGTERM (or SIGHUP) arrives."""

    def __init__(self, on_terminate: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_terminate = on_terminate
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._wake)
        self._signals = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s]
        self._previous = {s: signal.signal(s, self._note) for s in self._signals}
        self._pending = False

    def _note(self, _signum: int, _frame: object) -> None:
        # Runs in Python's handler; the real work waits for the event loop.
        self._pending = True

    def _wake(self) -> None:
        with contextlib.suppress(BlockingIOError):
            self._reader.recv(64)
        if self._pending:
            self._pending = False
            self._on_terminate()

    def uninstall(self) -> None:
        """Put the previous handlers back."""
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()

"""Work on a QThreadPool thread without letting Python's garbage collector run there.

The cyclic garbage collector runs in whichever thread happens to allocate when
its threshold is reached. Run on a worker, it may destroy Qt objects that belong
to the GUI thread (a chart canvas left over from a closed window), and Qt then
crashes. So while any job runs the collector is paused, and it is switched back
on from the GUI thread when the last job ends. Reference counting still frees
ordinary garbage at once; only cycles wait a few seconds.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

# The collector is global to the process, so the count of running jobs is too.
_lock = threading.Lock()
_running = 0


class _Resume(QObject):
    """Lives in the GUI thread; its signal is delivered there."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.finished.connect(_job_done)


def _job_done() -> None:
    global _running
    with _lock:
        _running -= 1
        if _running == 0:
            gc.enable()


class Job(QRunnable):
    """Runs ``work`` on a pool thread with the collector paused (see the module note)."""

    def __init__(self, work: Callable[[], None], owner: QObject) -> None:
        super().__init__()
        global _running
        self.work = work
        self._resume = _Resume(owner)
        with _lock:
            _running += 1
            gc.disable()

    def run(self) -> None:
        try:
            self.work()
        finally:
            self._resume.finished.emit()

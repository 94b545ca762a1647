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

from PySide6.QtCore import QCoreApplication, QRunnable, QTimer

# The collector is global to the process, so the count of running jobs is too.
_lock = threading.Lock()
_running = 0


def _job_done() -> None:
    global _running
    with _lock:
        _running -= 1
        if _running == 0:
            gc.enable()


class Job(QRunnable):
    """Runs ``work`` on a pool thread with the collector paused (see the module note)."""

    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        global _running
        self.work = work
        with _lock:
            _running += 1
            gc.disable()

    def run(self) -> None:
        try:
            self.work()
        finally:
            # Queued to the application object, which outlives every window that started
            # a job, so the collector comes back even if that window is gone by now.
            QTimer.singleShot(0, QCoreApplication.instance(), _job_done)

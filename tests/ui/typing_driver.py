"""Type into the app at a steady pace and report every key, until killed.

``python typing_driver.py DB_URL CONFIG_DIR INTERVAL_MS``: opens the app offscreen,
creates a debrief, goes to the Impact phase and types one character every
INTERVAL_MS into its field, printing ``key N T`` (T = time.monotonic()) after
each. Used by tests/ui/test_kill.py and benchmarks/bench_kill.py, which kill it
with SIGKILL and count what reached the database.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest

from facilitator.app import run_gui
from facilitator.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from support.typing_kill import ALPHABET


def drive(window: MainWindow, interval_ms: int) -> None:
    window.new_debrief()
    index = window.session.script.phase_for_part("impact")
    assert index is not None and window.editor is not None
    window.session.set_phase(index)
    edit = next(e for p in window.editor.pages[index].parts if (e := p.find_edit("impact")))
    edit.setFocus()
    print("id", window.session.debrief.id, flush=True)  # type: ignore[union-attr]
    count = 0

    def key() -> None:
        nonlocal count
        QTest.keyClicks(edit, ALPHABET[count % len(ALPHABET)])
        count += 1
        print("key", count, time.monotonic(), flush=True)

    timer = QTimer(window, interval=interval_ms)
    timer.timeout.connect(key)
    timer.start()


if __name__ == "__main__":
    settings = QSettings(sys.argv[2] + "/settings.ini", QSettings.Format.IniFormat)
    interval = int(sys.argv[3])
    sys.exit(
        run_gui(
            sys.argv[1], ["facilitator"], settings=settings, on_ready=lambda w: drive(w, interval)
        )
    )

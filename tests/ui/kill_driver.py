"""Run the app on a database, type into the impact field, report, then wait to be killed.

Used by test_kill.py: ``python kill_driver.py DB_URL CONFIG_DIR``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest

from facilitator.app import run_gui
from facilitator.ui.main_window import MainWindow

TYPED = "Typed before the crash"


def drive(window: MainWindow) -> None:
    window.new_debrief()
    index = window.session.script.phase_for_part("impact")
    assert index is not None and window.editor is not None
    window.session.set_phase(index)
    edit = next(e for p in window.editor.pages[index].parts if (e := p.find_edit("impact")))
    edit.setFocus()
    QTest.keyClicks(edit, TYPED)
    print("id", window.session.debrief.id, flush=True)  # type: ignore[union-attr]
    # Report after 1.5 s: by then autosave must have written the text.
    QTimer.singleShot(1500, lambda: print("typed", flush=True))


if __name__ == "__main__":
    settings = QSettings(sys.argv[2] + "/settings.ini", QSettings.Format.IniFormat)
    sys.exit(run_gui(sys.argv[1], ["facilitator"], settings=settings, on_ready=drive))

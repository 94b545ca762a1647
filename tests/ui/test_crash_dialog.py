"""An exception inside a slot: a calm non-modal dialog, a scrubbed report, and the app goes on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from facilitator.ui.crash_dialog import CrashHandler

SECRET_TITLE = "Ravi's notes on the payroll outage"


@pytest.fixture
def handler(qtbot: QtBot) -> Iterator[tuple[CrashHandler, QWidget]]:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(640, 400)
    window.show()
    crash = CrashHandler(
        lambda: window, context={"database": "postgresql+psycopg://ada:hunter2@db.example/x"}
    )
    crash.install()
    yield crash, window
    crash.uninstall()
    if crash.dialog is not None:
        crash.dialog.close()


# pytest-qt would turn the exception into a test failure; here it is what is tested.
@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_shows_the_dialog_writes_a_report_and_the_app_goes_on(
    qtbot: QtBot, handler: tuple[CrashHandler, QWidget], isolated_user_dirs: Path
) -> None:
    crash, window = handler
    button = QPushButton("Save", window)
    button.show()

    def save() -> None:
        raise ValueError(f"could not save {SECRET_TITLE}")

    button.clicked.connect(save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: crash.dialog is not None and crash.dialog.isVisible())
    dialog = crash.dialog
    assert dialog is not None

    # 1. A calm dialog that blocks nothing.
    assert not dialog.isModal() and QApplication.activeModalWidget() is None
    assert window.isEnabled()
    assert "nothing you wrote is lost" in dialog.message.text()
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "exception: ValueError" in copied
    assert SECRET_TITLE not in copied and "hunter2" not in copied

    # 2. A scrubbed report in the log folder: type and trace, no message, no password.
    reports = sorted((isolated_user_dirs / "logs").glob("crash-*.txt"))
    assert len(reports) == 1
    report = reports[0].read_text(encoding="utf-8")
    assert "exception: ValueError" in report
    assert f"{__name__} test_exception_in_a_slot" in report  # module and function of the frame
    assert "save line" in report
    assert SECRET_TITLE not in report and "could not save" not in report
    assert "hunter2" not in report and "ada:***@db.example" in report
    assert report == copied

    # 3. The app keeps running: events are still delivered, the same slot fails again
    # calmly, and the one dialog counts the repeat.
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: fired == [True])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "2 times" in dialog.message.text())
    assert crash.dialog is dialog
    assert len(list((isolated_user_dirs / "logs").glob("crash-*.txt"))) == 2
    assert window.isVisible()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_worker_thread_reaches_the_dialog_on_the_gui_thread(
    qtbot: QtBot, handler: tuple[CrashHandler, QWidget]
) -> None:
    import threading

    crash, _window = handler

    def work() -> None:
        raise RuntimeError("secret row contents")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: crash.dialog is not None and crash.dialog.isVisible())
    assert crash.dialog is not None
    assert "RuntimeError" in crash.dialog.report
    assert "secret row" not in crash.dialog.report


def test_details_toggle_and_the_dialog_closes(
    qtbot: QtBot, handler: tuple[CrashHandler, QWidget]
) -> None:
    crash, _window = handler
    try:
        raise KeyError("k")
    except KeyError as exc:
        crash.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: crash.dialog is not None and crash.dialog.isVisible())
    dialog = crash.dialog
    assert dialog is not None
    assert not dialog.details.isVisible()
    dialog.show_button.click()
    assert dialog.details.isVisible() and "KeyError" in dialog.details.toPlainText()
    dialog.close_button.click()
    assert not dialog.isVisible()


@pytest.mark.slow
def test_the_real_app_reports_an_exception_in_a_slot_and_keeps_running(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from facilitator.app import run_gui\n"
        "def ready(window):\n"
        "    QTimer.singleShot(10, lambda: 1 / 0)\n"
        # Still running after the exception: the window closes itself normally later.
        "    QTimer.singleShot(800, lambda: print('still running', flush=True) or window.close())\n"
        "sys.exit(run_gui(None, ['facilitator'], on_ready=ready))\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FACILITATOR_DATA_DIR": str(tmp_path / "data"),
        "FACILITATOR_CONFIG_DIR": str(tmp_path / "config"),
        "FACILITATOR_LOG_DIR": str(tmp_path / "logs"),
    }
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert "still running" in run.stdout
    assert "Traceback" not in run.stderr
    reports = list((tmp_path / "logs").glob("crash-*.txt"))
    assert len(reports) == 1
    assert "exception: ZeroDivisionError" in reports[0].read_text(encoding="utf-8")
    log = (tmp_path / "logs" / "facilitator.log").read_text(encoding="utf-8")
    assert "unexpected ZeroDivisionError" in log

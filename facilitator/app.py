"""Start the desktop application: settings, storage, meeting script and the main window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, qVersion
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication

from facilitator import __version__
from facilitator.domain.script import MeetingScript, ScriptError, default_script, load_script
from facilitator.logs import LOGGER_NAME, setup_logging
from facilitator.paths import config_dir
from facilitator.storage import DamagedError, DebriefService, StorageError
from facilitator.storage.service import restore_library
from facilitator.ui import dialogs
from facilitator.ui import single_instance as instance
from facilitator.ui.crash_dialog import CrashHandler
from facilitator.ui.language_hook import make_language_support
from facilitator.ui.main_window import APP_NAME, MainWindow
from facilitator.ui.termination import TerminationWatcher

_log = logging.getLogger(f"{LOGGER_NAME}.app")


def make_settings() -> QSettings:
    """Settings in an INI file in :func:`config_dir`, never the system registry."""
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def app_icon() -> QIcon:
    """The application icon, drawn in resources/icons/facilitator.svg."""
    from importlib.resources import files

    data = (files("facilitator.resources") / "icons" / "facilitator.svg").read_bytes()
    pixmap = QPixmap()
    pixmap.loadFromData(data, "SVG")
    return QIcon(pixmap)


def choose_script(settings: QSettings, window_parent: None = None) -> MeetingScript:
    """The team's script from the settings if it still loads, else the default one."""
    stored = settings.value("script/path")
    if stored:
        try:
            return load_script(Path(str(stored)))
        except ScriptError as exc:
            dialogs.show_error(
                window_parent, "Using the default meeting script", f"{exc}\n\nThe default is used."
            )
    return default_script()


def open_library(db_url: str | None) -> DebriefService | None:
    """Open the library; offer the latest backup when it is damaged. None if it can't be opened.

    The integrity check and the day's backup run later, off the UI thread (LibraryCare).
    """
    try:
        return DebriefService(db_url, maintenance=False)
    except DamagedError as exc:
        found = getattr(exc, "backups", [])
        if found and dialogs.ask_restore_damaged(None, str(exc), found[0].made):
            try:
                restore_library(db_url, found[0].path)
                return DebriefService(db_url, maintenance=False)
            except StorageError as again:
                dialogs.show_error(None, "The backup could not be restored", str(again))
                return None
        dialogs.show_error(None, "The debrief library cannot be opened", str(exc))
        return None
    except StorageError as exc:
        dialogs.show_error(None, "The debrief library cannot be opened", str(exc))
        return None


#: Test hook: with this set to a number of milliseconds, the window closes itself that
#: long after it is shown (the frozen-app and single-instance tests use it).
QUIT_AFTER_ENV = "FACILITATOR_QUIT_AFTER_START"


def run_gui(
    db_url: str | None = None,
    argv: list[str] | None = None,
    *,
    settings: QSettings | None = None,
    on_ready: Callable[[MainWindow], None] | None = None,
    open_target: str | None = None,
    phase: str | None = None,
    single_instance: bool = True,
) -> int:
    """Run the application until its window closes; return the process exit code.

    ``on_ready`` is called once the window is shown and the event loop runs (the
    startup benchmark and the kill test use it). ``open_target`` (a debrief id or its
    first characters, or a .json file, see ``facilitator open``) is opened at ``phase``;
    without it the debrief and phase open when the app last closed come back. With
    ``single_instance``, a launch on a database that another process has open hands
    its arguments over and returns 0.
    """
    arguments = list(sys.argv if argv is None else argv)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(arguments)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("facilitator")
    setup_logging()
    claim: instance.Claim | None = None
    if single_instance:
        claim = instance.claim(db_url, arguments[1:])
        if claim.handed_to is not None:
            print(
                "facilitator: handed over to the Facilitator already open on this database "
                f"(process {claim.handed_to})",
                flush=True,
            )
            return 0
        if not claim.primary:
            print(
                "facilitator: another Facilitator has this database open but does not answer; "
                "close it, or wait a moment and try again",
                file=sys.stderr,
            )
            return 2
    # The crash dialog belongs to the main window once there is one.
    windows: list[MainWindow] = []
    crashes = CrashHandler(lambda: windows[-1] if windows else None, context={"qt": qVersion()})
    crashes.install()
    try:
        opening = (open_target, phase)
        return _run(app, db_url, settings, on_ready, opening, claim, windows.append)
    finally:
        crashes.uninstall()
        if claim is not None:
            claim.release()


def _run(
    app: QApplication,
    db_url: str | None,
    settings: QSettings | None,
    on_ready: Callable[[MainWindow], None] | None,
    opening: tuple[str | None, str | None],
    claim: instance.Claim | None,
    remember: Callable[[MainWindow], None],
) -> int:
    app.setWindowIcon(app_icon())
    settings = settings if settings is not None else make_settings()
    service = open_library(db_url)
    if service is None:
        return 2
    try:
        open_target, phase = opening
        window = MainWindow(
            service,
            settings,
            choose_script(settings),
            language_factory=make_language_support,
        )
        remember(window)
        if claim is not None and claim.server is not None:
            claim.server.requested.connect(lambda argv, cwd: _handed_over(window, argv, cwd))
        window.show()
        window.care.start()
        _log.info("window ready")
        if open_target:
            if window.open_target(open_target, phase):
                _log.info("opened a debrief on request")
        else:
            window.restore_session()
        if on_ready is not None:
            QTimer.singleShot(0, lambda: on_ready(window))
        quit_after = os.environ.get(QUIT_AFTER_ENV, "")
        if quit_after.isdigit():
            QTimer.singleShot(int(quit_after), window.close)
        # SIGTERM closes the window like a click would: what was typed is saved first.
        watcher = TerminationWatcher(window.close)
        try:
            return app.exec()
        finally:
            watcher.uninstall()
    finally:
        service.close()


def _handed_over(window: MainWindow, argv: list[str], cwd: str = "") -> None:
    """Another launch on this database: come forward, and do what it asked."""
    _log.info("a second launch handed over %d argument(s)", len(argv))
    bring_forward(window)
    target, phase = open_request(argv)
    if target:
        # A file named by the other launch is relative to where that launch ran.
        if cwd and target.lower().endswith(".json") and not Path(target).is_absolute():
            target = str(Path(cwd) / target)
        if window.open_target(target, phase):
            _log.info("opened a debrief on request")
    else:
        window.show_message("Facilitator is already open on this database: this is its window.")


def open_request(argv: list[str]) -> tuple[str | None, str | None]:
    """What a handed-over command line asks to open: ``(target, phase)``.

    Reads ``--open ID``/``--open=ID`` and ``open ID|FILE [--phase NAME]``; argparse is
    not used because a bad hand-over must never end the running app.
    """
    target: str | None = None
    phase: str | None = None
    index = 0
    while index < len(argv):
        arg = argv[index]
        value = argv[index + 1] if index + 1 < len(argv) else None
        if arg in ("--open", "--phase", "--db") and value is not None:
            if arg == "--open":
                target = value
            elif arg == "--phase":
                phase = value
            index += 2
            continue
        if arg.startswith("--open="):
            target = arg.partition("=")[2]
        elif arg.startswith("--phase="):
            phase = arg.partition("=")[2]
        elif arg == "open" and value is not None and target is None:
            target = value
            index += 1
        index += 1
    return target, phase


def bring_forward(window: MainWindow) -> None:
    """Show ``window`` un-minimised, raised and active."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    # A window manager that refuses to hand over focus still flashes the task bar entry.
    QApplication.alert(window)

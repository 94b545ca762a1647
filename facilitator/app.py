"""Start the desktop application: settings, storage, meeting script and the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication

from facilitator import __version__
from facilitator.domain.script import MeetingScript, ScriptError, default_script, load_script
from facilitator.paths import config_dir
from facilitator.storage import DamagedError, DebriefService, StorageError
from facilitator.storage.service import restore_library
from facilitator.ui import dialogs
from facilitator.ui.language_hook import make_language_support
from facilitator.ui.main_window import APP_NAME, MainWindow
from facilitator.ui.termination import TerminationWatcher


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


def run_gui(
    db_url: str | None = None,
    argv: list[str] | None = None,
    *,
    settings: QSettings | None = None,
    on_ready: Callable[[MainWindow], None] | None = None,
) -> int:
    """Run the application until its window closes; return the process exit code.

    ``on_ready`` is called once the window is shown and the event loop runs (the
    startup benchmark and the kill test use it).
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("facilitator")
    app.setWindowIcon(app_icon())
    settings = settings if settings is not None else make_settings()
    service = open_library(db_url)
    if service is None:
        return 2
    try:
        window = MainWindow(
            service,
            settings,
            choose_script(settings),
            language_factory=make_language_support,
        )
        window.show()
        window.care.start()
        # SIGTERM closes the window like a click would: what was typed is saved first.
        watcher = TerminationWatcher(window.close)
        if on_ready is not None:
            QTimer.singleShot(0, lambda: on_ready(window))
        try:
            return app.exec()
        finally:
            watcher.uninstall()
    finally:
        service.close()

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
from facilitator.storage import DebriefService, StorageError
from facilitator.ui import dialogs
from facilitator.ui.language_hook import make_language_support
from facilitator.ui.main_window import APP_NAME, MainWindow


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


def run_gui(
    db_url: str | None = None,
    argv: list[str] | None = None,
    *,
    settings: QSettings | None = None,
    on_ready: Callable[[MainWindow], None] | None = None,
    open_target: str | None = None,
    phase: str | None = None,
) -> int:
    """Run the application until its window closes; return the process exit code.

    ``on_ready`` is called once the window is shown and the event loop runs (the
    startup benchmark and the kill test use it). ``open_target`` (a debrief id or a
    .json file, see ``facilitator open``) is opened at ``phase``; without it the
    debrief and phase open when the app last closed come back.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("facilitator")
    app.setWindowIcon(app_icon())
    settings = settings if settings is not None else make_settings()
    try:
        service = DebriefService(db_url)
    except StorageError as exc:
        dialogs.show_error(None, "The debrief library cannot be opened", str(exc))
        return 2
    try:
        window = MainWindow(
            service,
            settings,
            choose_script(settings),
            language_factory=make_language_support,
        )
        window.show()
        if open_target is not None:
            window.open_target(open_target, phase)
        else:
            window.restore_session()
        if on_ready is not None:
            QTimer.singleShot(0, lambda: on_ready(window))
        return app.exec()
    finally:
        service.close()

"""Fixtures for UI tests: a service on a temporary database, private settings, a window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.domain.script import MeetingScript, default_script
from facilitator.storage import DebriefService
from facilitator.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def restore_app_look(qapp: QApplication) -> Iterator[None]:
    """Undo the theme a MainWindow applies, so later tests start from Qt's defaults."""
    font, palette, sheet = QFont(qapp.font()), QPalette(qapp.palette()), qapp.styleSheet()
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return "sqlite:///" + str(tmp_path / "t.db")


@pytest.fixture
def service(db_url: str) -> Iterator[DebriefService]:
    svc = DebriefService(db_url)
    yield svc
    svc.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def script() -> MeetingScript:
    return default_script()


@pytest.fixture
def window(
    qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript
) -> MainWindow:
    win = MainWindow(service, settings, script)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    return win

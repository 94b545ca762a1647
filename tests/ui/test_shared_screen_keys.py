"""Shared screen controls: keys, break screen, help, zoom, themes, screens and menu actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui.test_shared_screen_support import all_text, open_session, visible_text

from facilitator.domain.model import Debrief, Participant
from facilitator.ui.shared_screen import (
    SharedScreenControls,
    SharedScreenOptions,
    SharedScreenWindow,
    load_options,
    open_shared_screen,
)
from facilitator.ui.shared_screen.help_overlay import REMOTE_KEYS, SCREEN_KEYS


def _fill(d: Debrief) -> None:
    d.participants = [Participant("Ada Okafor", "Responder")]
    d.purpose = "Learn how the outage unfolded."


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> SharedScreenWindow:
    session, _service = open_session(tmp_path, _fill)
    win = SharedScreenWindow(session)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def test_b_blanks_the_screen_and_b_again_returns(qtbot: QtBot, window: SharedScreenWindow) -> None:
    with qtbot.waitSignal(window.blankChanged) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_B)
    assert blocker.args == [True]
    text = visible_text(window)
    assert "Short break" in text
    assert "Opening" not in text and "Learn how" not in text
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert not window.blanked
    assert "Learn how the outage unfolded." in visible_text(window)


def test_f1_shows_every_key_and_esc_closes_it(qtbot: QtBot, window: SharedScreenWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.help.isVisible()
    assert window.help.geometry() == window.rect()
    text = visible_text(window.help)
    for key, description in (*SCREEN_KEYS, *REMOTE_KEYS):
        assert key in text and description in text
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.help.isVisible()


def test_zoom_keys_change_text_size(qtbot: QtBot, window: SharedScreenWindow) -> None:
    before = window.content.sizes().title
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.options.zoom > 1.0
    assert window.content.sizes().title > before
    qtbot.keyClick(window, Qt.Key.Key_Minus)
    qtbot.keyClick(window, Qt.Key.Key_Minus)
    assert window.options.zoom < 1.0
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.options.zoom == 1.0


def test_text_scales_with_the_window_height(qtbot: QtBot, window: SharedScreenWindow) -> None:
    qtbot.waitUntil(lambda: window.content.height() > 600)
    big = window.content.title.font().pixelSize()
    window.resize(640, 360)
    qtbot.waitUntil(lambda: window.content.height() < 400)
    window.content.title.ensurePolished()
    small = window.content.title.font().pixelSize()
    assert 0 < small < big
    assert big == pytest.approx(window.content.sizes().title * 2, rel=0.15)


def test_f11_toggles_full_screen(qtbot: QtBot, window: SharedScreenWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_theme_and_names_keys(qtbot: QtBot, window: SharedScreenWindow) -> None:
    assert window.options.theme == "light"
    qtbot.keyClick(window, Qt.Key.Key_T)
    assert window.options.theme == "dark"
    assert "#000000" in window.content.styleSheet()
    window.set_theme("light")
    assert "#ffffff" in window.content.styleSheet()
    window.session.set_phase(1)
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert window.options.names_as_roles
    assert "Ada" not in visible_text(window)


def test_q_cycles_the_phase_questions(qtbot: QtBot, window: SharedScreenWindow) -> None:
    questions = window.session.phase.questions
    qtbot.keyClick(window, Qt.Key.Key_Q)
    assert window.content.question.text() == questions[1]
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ShiftModifier)
    assert window.content.question.text() == questions[0]
    window.next_question()
    window.session.set_phase(2)
    assert window.content.question.text() == window.session.phase.questions[0]


def test_screens_can_be_picked_by_name(window: SharedScreenWindow) -> None:
    screen = QGuiApplication.screens()[0]
    assert window.move_to_screen(screen.name())
    assert window.screen() is screen
    assert window.options.screen == screen.name()
    assert not window.move_to_screen("no such screen")
    menu = window.screen_menu(window)
    names = [a.text() for a in menu.actions()]
    assert any(screen.name() in n for n in names)


def test_context_menu_lists_the_commands(window: SharedScreenWindow) -> None:
    texts = [a.text() for a in window.context_menu().actions()]
    assert "Full screen" in texts and "Short break (blank)" in texts


def test_open_shared_screen_helper(qtbot: QtBot, tmp_path: Path) -> None:
    session, _service = open_session(tmp_path)
    options = SharedScreenOptions(names_as_roles=True, theme="dark", zoom=1.3)
    win = open_shared_screen(session, options=options)
    qtbot.addWidget(win)
    assert win.isVisible()
    assert win.options.theme == "dark" and win.options.zoom == 1.3
    assert "Shared screen" in win.windowTitle()


def test_controls_open_the_window_and_remember_options(qtbot: QtBot, tmp_path: Path) -> None:
    session, _service = open_session(tmp_path, _fill)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    host = QWidget()
    qtbot.addWidget(host)
    controls = SharedScreenControls(session, host, settings)
    menu = controls.menu(host)
    assert "Show on screen" in [a.text() for a in menu.actions()]
    controls.actions["names"].setChecked(True)
    assert load_options(settings).names_as_roles
    controls.actions["open"].trigger()
    assert controls.window is not None
    qtbot.addWidget(controls.window)
    assert controls.window.isVisible() and controls.window.options.names_as_roles
    controls.actions["blank"].setChecked(True)
    assert controls.window.blanked
    controls.window.zoom_in()
    assert load_options(settings).zoom > 1.0
    controls.window.close()
    assert not controls.actions["open"].isChecked()
    controls.actions["open"].trigger()
    assert controls.window.isVisible()
    assert "Ada" not in all_text(controls.window)

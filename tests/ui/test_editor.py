"""The facilitator window around the phases: status bar, undo, view controls, phase marks."""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.domain.script import PARTS
from facilitator.ui.main_window import MainWindow
from facilitator.ui.navigator import DONE_MARK, EMPTY_MARK

from support.qt_driving import edit, shortcut, type_into


def _open_impact(qtbot: QtBot, window: MainWindow) -> None:
    window.new_debrief()
    window.session.set_phase(window.session.script.phase_for_part("impact") or 0)


def test_status_bar_reports_each_autosave(qtbot: QtBot, window: MainWindow) -> None:
    _open_impact(qtbot, window)
    with qtbot.waitSignal(window.session.saved, timeout=1000):
        type_into(qtbot, edit(window, "impact"), "Slow")
    assert re.fullmatch(r"Saved \d\d:\d\d:\d\d", window.save_label.text())


def test_undo_and_redo_inside_a_field_reach_the_debrief(qtbot: QtBot, window: MainWindow) -> None:
    _open_impact(qtbot, window)
    field = edit(window, "impact")
    type_into(qtbot, field, "Some customers")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.debrief is not None
    assert window.session.debrief.impact == field.text() != "Some customers"
    qtbot.keyClick(
        field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.session.debrief.impact == "Some customers"


def test_a_refused_paste_is_explained_in_the_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    _open_impact(qtbot, window)
    mime = QMimeData()
    mime.setText("bell\x07 rang")
    edit(window, "impact").insertFromMimeData(mime)
    assert "Control characters" in window.statusBar().currentMessage()


def test_phase_marks_follow_content(qtbot: QtBot, window: MainWindow) -> None:
    _open_impact(qtbot, window)
    assert window.editor is not None
    nav = window.editor.navigator
    index = window.session.phase_index
    assert nav.item(index).text().startswith(EMPTY_MARK)
    type_into(qtbot, edit(window, "impact"), "x")
    assert nav.item(index).text().startswith(DONE_MARK)
    nav.setCurrentRow(1)  # any phase is reachable from the sidebar
    assert window.session.phase_index == 1


def test_font_size_and_theme_controls(qtbot: QtBot, window: MainWindow) -> None:
    _open_impact(qtbot, window)
    before = window.font_pt
    shortcut(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.font_pt == before + 1
    window.actions["normal"].trigger()
    assert window.font_pt == before
    window.actions["theme_dark"].trigger()
    assert window.theme == "dark"
    assert "#121519" in QApplication.instance().styleSheet()  # type: ignore[union-attr]


def test_tips_and_private_panel_can_be_hidden(qtbot: QtBot, window: MainWindow) -> None:
    _open_impact(qtbot, window)
    assert window.editor is not None
    assert not window.editor.private.tips.isHidden()
    window.actions["tips"].trigger()
    assert window.editor.private.tips.isHidden()
    window.actions["private"].trigger()
    assert window.editor.private.isHidden()


def test_shortcuts_are_shown_in_tooltips(window: MainWindow) -> None:
    assert "Alt+Right" in window.actions["next"].toolTip()
    assert "Ctrl+T" in window.actions["event"].toolTip()


def test_every_part_has_an_editor(qtbot: QtBot, window: MainWindow) -> None:
    window.new_debrief()
    assert window.editor is not None
    shown = {part.part for page in window.editor.pages for part in page.parts}
    assert shown == set(PARTS)

"""Small helpers for driving the facilitator window in tests."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from facilitator.ui.main_window import MainWindow
from facilitator.ui.note_edit import NoteEdit
from facilitator.ui.parts.base import PartEditor
from facilitator.ui.phase_page import PhasePage

P = TypeVar("P", bound=PartEditor)


def page(window: MainWindow) -> PhasePage:
    assert window.editor is not None
    return window.editor.pages[window.session.phase_index]


def part(window: MainWindow, kind: type[P], name: str | None = None) -> P:
    for editor in page(window).parts:
        if isinstance(editor, kind) and (name is None or editor.part == name):
            return editor
    raise AssertionError(f"no {kind.__name__} on phase {window.session.phase.title}")


def edit(window: MainWindow, field_key: str) -> NoteEdit:
    for editor in page(window).parts:
        found = editor.find_edit(field_key)
        if found is not None:
            return found
    raise AssertionError(f"no field {field_key} on phase {window.session.phase.title}")


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def next_phase(qtbot: QtBot, window: MainWindow) -> None:
    """Move on with the keyboard shortcut the UI advertises (Alt+Right)."""
    before = window.session.phase_index
    shortcut(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.session.phase_index == before + 1, timeout=2000)


def shortcut(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """Press a key combination where the user would: in the focused widget of the window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)

"""Small helpers for driving the facilitator window in tests, through its widgets and keys."""

from __future__ import annotations

import warnings
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from facilitator.ui.main_window import MainWindow
from facilitator.ui.note_edit import NoteEdit
from facilitator.ui.parts.base import PartEditor
from facilitator.ui.parts.list_part import ListPart
from facilitator.ui.phase_page import PhasePage
from facilitator.ui.qtime import to_qdate, to_qdatetime

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
    type_text(qtbot, widget, text)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` as a person would: keys for plain ASCII, Ctrl+V for the rest.

    Qt's test keyboard only knows ASCII; accented letters, emoji and line breaks in a
    one-line answer arrive by paste, which is how they reach a field in practice.
    """
    for chunk in _chunks(text):
        if chunk.isascii() and "\n" not in chunk:
            qtbot.keyClicks(widget, chunk)
        else:
            QApplication.clipboard().setText(chunk)
            qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _chunks(text: str) -> list[str]:
    chunks: list[str] = []
    for char in text:
        plain = char.isascii() and char != "\n"
        if chunks and (chunks[-1][-1].isascii() and chunks[-1][-1] != "\n") == plain:
            chunks[-1] += char
        else:
            chunks.append(char)
    return chunks


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


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def leave_popups(qtbot: QtBot, window: QWidget) -> None:
    """Close what a field left dropped down (suggestions, a calendar), as a person would.

    Offscreen, a hidden pop-up can stay the active window, so keys meant for ``window``
    would go nowhere; on a desktop the window manager hands activation back.
    """
    for completer in window.findChildren(QCompleter):
        popup = completer.popup()
        if popup is not None and popup.isVisible():
            qtbot.keyClick(popup, Qt.Key.Key_Escape)
            popup.hide()
    active = QApplication.activeWindow()
    if active is not None and active is not window and active.windowType() == Qt.WindowType.Popup:
        active.hide()
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # the only call that does it
            QApplication.setActiveWindow(window)


def open_cell(qtbot: QtBot, editor: ListPart, row: int, key: str) -> QWidget:
    """Open the cell editor of column ``key`` in ``row`` with F2, as a user would; return it."""
    table = editor.table
    column = editor.model.column_of(key)
    leave_popups(qtbot, table.window())
    table.setFocus()
    table.setCurrentIndex(editor.model.index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)

    def opened() -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and focus is not table and table.isAncestorOf(focus)

    # On a busy machine the editor may take its focus a moment after the key.
    qtbot.waitUntil(opened, timeout=2000)
    widget = QApplication.focusWidget()
    assert widget is not None, f"no editor opened on {key}"
    return widget


def set_cell(qtbot: QtBot, editor: ListPart, row: int, key: str, value: Any) -> None:
    """Change one cell through its editor and end the edit with Enter."""
    widget = open_cell(qtbot, editor, row, key)
    if isinstance(widget, NoteEdit | QLineEdit):
        widget.selectAll()
        if value:
            type_text(qtbot, widget, str(value))
        else:
            qtbot.keyClick(widget, Qt.Key.Key_Delete)
    elif isinstance(widget, QComboBox):
        labels = [widget.itemText(i) for i in range(widget.count())]
        widget.setCurrentIndex(labels.index(value))
    elif isinstance(widget, QDateTimeEdit) and isinstance(value, datetime):
        widget.setDateTime(to_qdatetime(value, widget.timeZone()))
    elif isinstance(widget, QDateEdit):
        widget.setDate(to_qdate(value) if value else widget.minimumDate())
    else:
        owner = widget.window()
        raise AssertionError(
            f"no way to set {type(widget).__name__} {widget.objectName()!r}"
            f" {getattr(widget, 'text', lambda: '')()!r} in {type(owner).__name__}"
            f" {owner.windowTitle()!r}"
        )
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.state() != editor.table.State.EditingState, timeout=2000)


def cell_text(editor: ListPart, row: int, key: str) -> str:
    """What a cell shows."""
    index = editor.model.index(row, editor.model.column_of(key))
    return str(index.data(Qt.ItemDataRole.DisplayRole) or "")

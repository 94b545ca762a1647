"""Monkey test: seeded random edits through the widgets on every phase, then export and reload.

Whatever the edits, exporting as Word, Markdown and JSON succeeds, and what comes
back from the database (and from the JSON file) is what the widgets showed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QLineEdit,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from facilitator.domain.interchange import loads
from facilitator.storage import DebriefService
from facilitator.ui import dialogs, export_dialog
from facilitator.ui.main_window import MainWindow
from facilitator.ui.note_edit import NoteEdit
from facilitator.ui.parts.base import PartEditor
from facilitator.ui.parts.item_model import CHOICE, DATE, DATETIME, FLAG, LINE, STAR, TEXT
from facilitator.ui.parts.list_part import ListPart

from support.qt_driving import leave_popups, page, set_cell, type_text
from support.samples import at, sample_debrief

WORDS = (
    "pool", "alert", "rollback", "night", "deploy", "Ada", "forgot", "should have", "queue",
    "«quoted»", "ünïcode", "日本", "😀", "line\nbreak", "  spaces  ", "P1", "100%",
)  # fmt: skip


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6)))


def _every_column(qtbot: QtBot, rng: random.Random, editor: ListPart) -> None:
    """Edit each column of one random row once, so every kind of cell is tried every run."""
    for column in range(editor.model.columnCount()):
        _list_step(qtbot, rng, editor, action="edit", column=column)


def _list_step(
    qtbot: QtBot,
    rng: random.Random,
    editor: ListPart,
    *,
    action: str = "",
    column: int | None = None,
) -> None:
    _leave_popups(qtbot)
    model = editor.model
    action = action or rng.choice(["add", "edit", "edit", "edit", "remove", "move"])
    if action == "add" or model.rowCount() == 0:
        editor.table.setFocus()
        qtbot.keyClick(editor.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(editor.table, Qt.Key.Key_Escape)
        return
    row = rng.randrange(model.rowCount())
    editor.table.setFocus()
    editor.table.go_to(row)
    if action == "remove":
        qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
        return
    if action == "move":
        key = rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down])
        qtbot.keyClick(editor.table, key, Qt.KeyboardModifier.AltModifier)
        return
    column = rng.randrange(model.columnCount()) if column is None else column
    spec = model.columns[column]
    if spec.kind in (STAR, FLAG):
        editor.table.setCurrentIndex(model.index(row, column))
        qtbot.keyClick(editor.table, Qt.Key.Key_Space)
    elif spec.kind in (TEXT, LINE):
        set_cell(qtbot, editor, row, spec.key, _text(rng))
    elif spec.kind == CHOICE:
        set_cell(qtbot, editor, row, spec.key, rng.choice(spec.choices)[1])
    elif spec.kind == DATE:
        set_cell(qtbot, editor, row, spec.key, date(2026, 3, 1) + timedelta(days=rng.randrange(90)))
    elif spec.kind == DATETIME:
        set_cell(
            qtbot, editor, row, spec.key, at(23, 0, 13) + timedelta(minutes=rng.randrange(600))
        )


def _leave_popups(qtbot: QtBot) -> None:
    main = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    leave_popups(qtbot, main)


def _form_step(qtbot: QtBot, rng: random.Random, editor: PartEditor) -> None:
    _leave_popups(qtbot)
    widgets = [
        w
        for w in editor.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and isinstance(w, NoteEdit | QLineEdit | QComboBox | QAbstractSpinBox | QRadioButton)
        and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
        and not isinstance(editor, ListPart)
    ]
    if not widgets:
        return
    widget = rng.choice(widgets)
    widget.setFocus()
    if isinstance(widget, NoteEdit):
        widget.moveCursor(widget.textCursor().MoveOperation.End)
        type_text(qtbot, widget, " " + _text(rng))
    elif isinstance(widget, QLineEdit):
        widget.selectAll()
        type_text(qtbot, widget, _text(rng).replace("\n", " "))
    elif isinstance(widget, QComboBox):
        qtbot.keyClick(widget, rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down]))
    elif isinstance(widget, QRadioButton):
        qtbot.keyClick(widget, Qt.Key.Key_Space)
    elif isinstance(widget, QDateTimeEdit | QDateEdit | QAbstractSpinBox):
        for _ in range(rng.randint(1, 3)):
            qtbot.keyClick(widget, rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down]))
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def _rows(editor: ListPart) -> list[list[str]]:
    model = editor.model
    return [
        [
            str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole))
            for c in range(model.columnCount())
        ]
        for r in range(model.rowCount())
    ]


def _widget_value(w: QWidget) -> object:
    if isinstance(w, QRadioButton):
        return w.isChecked()
    if isinstance(w, QComboBox):
        return w.currentText()
    if isinstance(w, QAbstractSpinBox | NoteEdit):
        return w.text()
    if isinstance(w, QLineEdit) and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
        return w.text()
    if isinstance(w, ListPart):
        return _rows(w)
    return None


def shown(window: MainWindow) -> dict[str, object]:
    """Everything the widgets of every phase show, as text."""
    seen: dict[str, object] = {}
    for index, phase in enumerate(window.session.script.phases):
        window.go_to_phase(index)
        for editor in page(window).parts:
            key = f"{phase.id}/{editor.part}"
            if isinstance(editor, ListPart):
                seen[key] = _rows(editor)
                continue
            values = [_widget_value(w) for w in editor.findChildren(QWidget)]
            seen[key] = values
    assert window.editor is not None
    seen["private"] = [
        window.editor.private.notes.text(),
        [str(window.editor.private.parking.model.index(r, 0).data())
         for r in range(window.editor.private.parking.model.rowCount())],
    ]  # fmt: skip
    return seen


def _export(qtbot: QtBot, window: MainWindow, fmt: str, path: Path, errors: list[str]) -> None:
    controller = window.exports.controller
    window.actions[f"export_{fmt}"].trigger()
    qtbot.waitUntil(lambda: not controller.busy, timeout=20_000)
    assert errors == [], f"{fmt}: {errors}"
    assert path.exists() and path.stat().st_size > 0


@pytest.mark.parametrize("seed", [11, 23, 37])
def test_random_edits_through_the_widgets_always_export_and_reload(
    qtbot: QtBot,
    window: MainWindow,
    service: DebriefService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
) -> None:
    rng = random.Random(seed)
    debrief = sample_debrief()
    service.save(debrief)
    window.open_debrief(debrief.id)
    window.activateWindow()
    count = len(window.session.script.phases)
    for index in range(count):
        window.go_to_phase(index)
        for editor in page(window).parts:
            for inner in [editor, *editor.findChildren(ListPart)]:
                if isinstance(inner, ListPart):
                    _every_column(qtbot, rng, inner)
                else:
                    _form_step(qtbot, rng, inner)
    for _step in range(50):
        window.go_to_phase(rng.randrange(count))
        editor = rng.choice(page(window).parts)
        if isinstance(editor, ListPart):
            _list_step(qtbot, rng, editor)
        else:
            _form_step(qtbot, rng, editor)
            for inner in editor.findChildren(ListPart):
                _list_step(qtbot, rng, inner)
        qtbot.wait(1)
    targets = {fmt: tmp_path / f"monkey.{fmt}" for fmt in ("docx", "md", "pdf", "json")}
    current: list[str] = []
    monkeypatch.setattr(export_dialog, "choose_export_path", lambda *_a: str(targets[current[-1]]))
    monkeypatch.setattr(export_dialog, "ask_open_exported", lambda *_a: False)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text: errors.append(text))
    for fmt, path in targets.items():
        current.append(fmt)
        _export(qtbot, window, fmt, path, errors)
    before = shown(window)  # the status now says the debrief is published
    assert window.session.debrief is not None
    debrief_id = window.session.debrief.id
    in_memory = window.session.debrief
    from_json = loads(targets["json"].read_bytes())
    assert from_json == in_memory
    assert Document(str(targets["docx"])).paragraphs
    assert targets["pdf"].read_bytes().startswith(b"%PDF")
    assert in_memory.title.strip().split("\n")[0][:20] in targets["md"].read_text(encoding="utf-8")
    window.show_library()
    assert service.load(debrief_id) == from_json
    window.open_debrief(debrief_id)
    assert shown(window) == before

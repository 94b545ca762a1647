"""List editors: another window's saves row by row, read-only, enums stored as enums, undo."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.domain.changes import apply_in_place, snapshot
from facilitator.domain.model import ActionItem, Note, Priority, TimelineEvent
from facilitator.storage import DebriefService
from facilitator.ui.main_window import MainWindow
from facilitator.ui.parts.actions import ActionsEditor
from facilitator.ui.parts.lists import NoteListEditor
from facilitator.ui.parts.texts import TextPartEditor
from facilitator.ui.parts.timeline import TimelineEditor

from support.qt_driving import cell_text, focused, open_cell, part, set_cell, type_into
from support.samples import sample_debrief


class Signals:
    """Records a model's signals with their arguments."""

    def __init__(self, model: object) -> None:
        self.seen: list[tuple[str, tuple[int, ...]]] = []
        for name in ("rowsInserted", "rowsRemoved", "rowsMoved", "modelReset", "layoutChanged"):
            getattr(model, name).connect(lambda *a, n=name: self._add(n, a))
        model.dataChanged.connect(  # type: ignore[attr-defined]
            lambda top, bottom, *_: self.seen.append(("dataChanged", (top.row(), bottom.row())))
        )

    def _add(self, name: str, args: tuple[object, ...]) -> None:
        rows = tuple(a for a in args if isinstance(a, int))
        self.seen.append((name, rows))

    def names(self) -> list[str]:
        return [name for name, _rows in self.seen]


def _open(window: MainWindow, service: DebriefService, phase_part: str) -> None:
    debrief = sample_debrief()
    service.save(debrief)
    window.open_debrief(debrief.id)
    window.go_to_phase(window.session.script.phase_for_part(phase_part) or 0)


def _external(window: MainWindow, change) -> None:  # type: ignore[no-untyped-def]
    """Apply another window's version of the debrief the way the session will."""
    debrief = window.session.debrief
    assert debrief is not None
    theirs = snapshot(debrief)
    change(theirs)
    changes = apply_in_place(debrief, theirs)
    window.session.externalChange.emit(changes)


def test_another_windows_save_touches_only_its_rows(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, "learnings")
    editor = part(window, NoteListEditor, "learnings")
    first = window.session.debrief.learnings[0]  # type: ignore[union-attr]
    signals = Signals(editor.model)

    def theirs(d):  # type: ignore[no-untyped-def]
        d.learnings[1].text = "Alert on saturation and on errors."
        d.learnings.insert(0, Note("A learning from the other window"))
        del d.learnings[-1]

    _external(window, theirs)
    assert signals.names() == ["rowsRemoved", "rowsInserted", "dataChanged"]
    assert "modelReset" not in signals.names()
    assert [cell_text(editor, r, "text") for r in range(3)] == [
        "A learning from the other window",
        "Pool limits belong in config validation, not in reviewers' heads.",
        "Alert on saturation and on errors.",
    ]
    assert editor.model.item(1) is first  # the items kept their identity


def test_a_reorder_from_elsewhere_keeps_the_selection_on_its_item(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, "learnings")
    editor = part(window, NoteListEditor, "learnings")
    editor.table.go_to(0)
    selected = editor.model.item(0)
    signals = Signals(editor.model)
    _external(window, lambda d: d.learnings.reverse())
    assert signals.names() == ["layoutChanged"]
    assert editor.model.item(editor.current_row()) is selected
    assert editor.current_row() == 2


def test_a_field_changed_elsewhere_keeps_the_caret_of_the_typist(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, "impact")
    field = part(window, TextPartEditor).edit
    field.setFocus()
    cursor = field.textCursor()
    cursor.setPosition(10)
    field.setTextCursor(cursor)
    _external(window, lambda d: setattr(d, "impact", "Impact rewritten elsewhere, longer."))
    assert field.text() == "Impact rewritten elsewhere, longer."
    assert field.textCursor().position() == 10
    _external(window, lambda d: setattr(d, "impact", "Short"))
    assert field.textCursor().position() == 5  # clamped to the new text


def test_an_open_cell_editor_follows_a_change_to_its_item(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, "timeline")
    editor = part(window, TimelineEditor)
    cell = open_cell(qtbot, editor, 1, "text")
    _external(window, lambda d: setattr(d.timeline[1], "text", "Alert paged the on-call."))
    assert cell.toPlainText() == "Alert paged the on-call."  # type: ignore[attr-defined]
    assert focused() is cell
    # A new event from elsewhere lands in time order, one inserted row.
    signals = Signals(editor.model)

    def theirs(d):  # type: ignore[no-untyped-def]
        d.timeline.insert(2, TimelineEvent(d.timeline[1].at + timedelta(minutes=1), text="New"))

    _external(window, theirs)
    assert signals.names() == ["rowsInserted"]
    assert cell_text(editor, 2, "text") == "New"


def test_a_priority_chosen_in_the_window_is_stored_as_the_enum(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, "action_items")
    editor = part(window, ActionsEditor)
    set_cell(qtbot, editor, 1, "priority", "P4")
    set_cell(qtbot, editor, 1, "status", "Done")
    item = window.session.debrief.action_items[1]  # type: ignore[union-attr]
    assert item.priority is Priority.P4 and type(item.priority) is Priority
    assert item.status.value == "done"
    editor.kind.setCurrentIndex(2)
    editor.kind.activated.emit(2)
    assert item.kind is not None and item.kind.value == "mitigate"


def test_remove_and_bring_back_with_ctrl_z(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, "action_items")
    editor = part(window, ActionsEditor)
    d = window.session.debrief
    assert d is not None
    editor.table.setFocus()
    editor.table.go_to(0)
    removed = d.action_items[0]
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert removed not in d.action_items and len(d.action_items) == 1
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    qtbot.keyClick(editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert d.action_items[0] is removed


def test_rows_move_with_alt_and_the_arrows(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, "learnings")
    editor = part(window, NoteListEditor, "learnings")
    d = window.session.debrief
    assert d is not None
    last = d.learnings[2]
    editor.table.setFocus()
    editor.table.go_to(2)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert d.learnings[1] is last and editor.current_row() == 1
    assert not editor.move_buttons[0].isEnabled() or editor.current_row() > 0


def test_read_only_stops_every_edit_and_can_be_lifted(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, "action_items")
    window.set_read_only(True)
    editor = part(window, ActionsEditor)
    d = window.session.debrief
    assert d is not None
    before = snapshot(d)
    assert not editor.add_button.isEnabled() and not editor.remove_button.isEnabled()
    editor.table.setFocus()
    editor.table.go_to(0, editor.model.column_of("title"))
    qtbot.keyClick(editor.table, Qt.Key.Key_F2)
    qtbot.keyClicks(editor.table, "typed")
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert editor.table.state() != editor.table.State.EditingState
    assert not window.actions["event"].isEnabled()
    window.go_to_phase(window.session.script.phase_for_part("summary") or 0)
    summary = part(window, TextPartEditor, "summary")
    type_into(qtbot, summary.edit, "more")
    assert summary.edit.isReadOnly()
    assert d == before
    window.set_read_only(False)
    summary.edit.moveCursor(summary.edit.textCursor().MoveOperation.End)
    type_into(qtbot, summary.edit, " More.")
    assert d.summary.endswith(" More.")


def test_adding_an_action_for_a_no_fills_its_answer(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    debrief = sample_debrief()
    debrief.action_items = [ActionItem("Only one", answers="detection")]
    service.save(debrief)
    window.open_debrief(debrief.id)
    window.go_to_phase(window.session.script.phase_for_part("action_items") or 0)
    editor = part(window, ActionsEditor)
    assert set(editor.prompt_buttons) == {"fix"}
    qtbot.mouseClick(editor.prompt_buttons["fix"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(focused(), "One-click night rollback")
    d = window.session.debrief
    assert d is not None and d.action_items[1].answers == "fix"
    assert d.action_items[1].title == "One-click night rollback"
    assert not editor.prompt_buttons

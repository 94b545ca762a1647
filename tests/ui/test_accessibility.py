"""Every control has a name a screen reader can say, Tab follows the eye, and a whole meeting
can be run from the keyboard alone."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from facilitator.domain.interchange import loads
from facilitator.domain.model import Answer, EventKind, Priority, Status, texts
from facilitator.storage import DebriefService
from facilitator.ui import export_dialog
from facilitator.ui.main_window import MainWindow
from facilitator.ui.parts.list_part import ListPart

from support.qt_driving import page
from support.samples import sample_debrief


def _name(widget: QWidget) -> str:
    """What a screen reader calls ``widget``: its accessible name, its label, or its text."""
    if widget.accessibleName():
        return widget.accessibleName()
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and label.text():
            return label.text().replace("&", "")
    if isinstance(widget, QComboBox | QAbstractSpinBox):
        return ""  # Qt would read out the value, which is not a name
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def _control(widget: QWidget) -> QWidget:
    # The line edit inside a spin box or an editable combo box is part of that control.
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractSpinBox | QComboBox):
        return parent
    return widget


def unnamed(root: QWidget) -> list[str]:
    """Visible widgets that take focus and have no accessible name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        control = _control(widget)
        if not _name(control):
            missing.append(f"{type(control).__name__} {control.objectName()} {control.toolTip()}")
    return missing


def test_every_control_of_every_phase_has_an_accessible_name(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    assert unnamed(window) == []  # the library
    debrief = sample_debrief()
    service.save(debrief)
    window.open_debrief(debrief.id)
    window.shared.replay.start  # noqa: B018 - the replay panel shows on the timeline
    problems = {}
    for index, phase in enumerate(window.session.script.phases):
        window.go_to_phase(index)
        found = unnamed(window)
        # Each list's cell editors are named after their column.
        for editor in page(window).parts:
            if isinstance(editor, ListPart) and editor.model.rowCount():
                for column in range(editor.model.columnCount()):
                    index_ = editor.model.index(0, column)
                    if not editor.model.flags(index_) & Qt.ItemFlag.ItemIsEditable:
                        continue
                    editor.table.setFocus()
                    editor.table.setCurrentIndex(index_)
                    editor.table.edit(index_)
                    cell = QApplication.focusWidget()
                    assert cell is not None
                    if not _name(_control(cell)):
                        found.append(f"{editor.part} cell {editor.model.columns[column].key}")
                    editor.table.setFocus()
                    editor.table.closePersistentEditor(index_)
                    qtbot.keyClick(cell, Qt.Key.Key_Escape)
        if found:
            problems[phase.id] = found
    assert problems == {}


def _reading_order(widgets: list[QWidget], window: MainWindow) -> list[str]:
    """Pairs of consecutive widgets where the second comes before the first on screen."""
    backwards = []
    for a, b in pairwise(widgets):
        pa, pb = a.mapTo(window, QPoint(0, 0)), b.mapTo(window, QPoint(0, 0))
        same_row = abs(pa.y() - pb.y()) < 12 or (
            pb.y() < pa.y() + a.height() and pa.y() < pb.y() + b.height()
        )
        if (same_row and pb.x() < pa.x()) or (not same_row and pb.y() < pa.y()):
            backwards.append(f"{_name(_control(a))!r} -> {_name(_control(b))!r}")
    return backwards


@pytest.mark.parametrize("questions", [True, False])
def test_tab_follows_the_visual_order_on_every_phase(
    qtbot: QtBot, window: MainWindow, service: DebriefService, questions: bool
) -> None:
    debrief = sample_debrief()
    debrief.action_items[1].answers = ""  # the "no" on detection prompts for an action
    service.save(debrief)
    window.open_debrief(debrief.id)
    window.actions["questions"].setChecked(questions)
    window.activateWindow()
    problems = {}
    for index, phase in enumerate(window.session.script.phases):
        window.go_to_phase(index)
        first = page(window).first_field()
        assert first is not None, phase.id
        first.setFocus()
        seen: list[QWidget] = []
        widget = QApplication.focusWidget()
        while widget is not None and page(window).isAncestorOf(widget) and len(seen) < 60:
            control = _control(widget)
            if not seen or seen[-1] is not control:
                seen.append(control)
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
            widget = QApplication.focusWidget()
        assert len(seen) >= 2, phase.id
        backwards = _reading_order(seen, window)
        if backwards:
            problems[phase.id] = backwards
    assert problems == {}


def _key(qtbot: QtBot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)
    # A person types with the event loop running between keys: queued work (a cell editor
    # closing after Enter) happens before the next key.
    QApplication.processEvents()


def _type(qtbot: QtBot, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)


def _tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        _key(qtbot, Qt.Key.Key_Tab)


def _focused_name() -> str:
    widget = QApplication.focusWidget()
    return _name(_control(widget)) if widget is not None else ""


def _tab_to(qtbot: QtBot, name: str, limit: int = 40) -> None:
    """Press Tab until the control called ``name`` has the focus."""
    for _ in range(limit):
        if _focused_name() == name:
            return
        _tab(qtbot)
    raise AssertionError(f"Tab never reached {name!r}; stopped on {_focused_name()!r}")


def _next_phase(qtbot: QtBot, window: MainWindow) -> None:
    before = window.session.phase_index
    _key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.session.phase_index == before + 1


ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_whole_meeting_from_the_keyboard_alone(
    qtbot: QtBot, window: MainWindow, service: DebriefService, tmp_path: Path, monkeypatch
) -> None:
    """No mouse event at all: the library, every phase, the shared screen, the export."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.library.filter.setFocus()
    _key(qtbot, Qt.Key.Key_N, CTRL)
    # Opening: the title has the focus.
    assert window.session.phase.id == "opening" and _focused_name() == "Title"
    _type(qtbot, "Checkout errors")
    _tab(qtbot)
    _type(qtbot, "INC-9")
    _key(qtbot, Qt.Key.Key_Space, CTRL)  # start the meeting clock
    _next_phase(qtbot, window)

    # Participants: Space on "Add", type the name, Tab to the role, Enter; Ctrl+Enter adds.
    assert _focused_name() == "Add a participant"
    _key(qtbot, Qt.Key.Key_Space)
    _type(qtbot, "Maya")
    _tab(qtbot)
    _type(qtbot, "Facilitator")
    _key(qtbot, Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    _type(qtbot, "Ravi")
    _tab(qtbot)
    _type(qtbot, "On call")
    _key(qtbot, Qt.Key.Key_Return)
    _next_phase(qtbot, window)

    # Timeline: Ctrl+T, type, Enter; the first event becomes the start, the second detection.
    for text in ("Config pushed", "Alert fired"):
        _key(qtbot, Qt.Key.Key_T, CTRL)
        _type(qtbot, text)
        _key(qtbot, Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_Left)  # from the text cell to the kind cell
    _key(qtbot, Qt.Key.Key_F2)
    for _ in range(2):  # from "Note", the last kind, two down is "● Detected"
        _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_Up)
    _key(qtbot, Qt.Key.Key_F2)
    _key(qtbot, Qt.Key.Key_End)
    for _ in range(3):
        _key(qtbot, Qt.Key.Key_Up)  # "● Started"
    _key(qtbot, Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_Left)
    _key(qtbot, Qt.Key.Key_Left)  # the star
    _key(qtbot, Qt.Key.Key_Space)
    # The shared screen and a replay, from the keyboard too.
    _key(qtbot, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.shared.window is not None and window.shared.window.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    _key(qtbot, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    _key(qtbot, Qt.Key.Key_F8)
    assert window.shared.replay.state.index == 1
    _key(qtbot, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    _next_phase(qtbot, window)

    # What we did, Impact: the text field has the focus.
    _type(qtbot, "Rolled back.")
    _next_phase(qtbot, window)
    _type(qtbot, "Checkouts failed.")
    _next_phase(qtbot, window)

    # Detection: Alt+N picks "No" (a button's mnemonic clicks a moment later), then the notes.
    d = window.session.debrief
    assert d is not None
    _key(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: d.detection.answer == Answer.NO, timeout=2000)
    _tab_to(qtbot, "What would have told us sooner? What stopped us?")
    _type(qtbot, "The alert watched errors.")
    _next_phase(qtbot, window)
    _key(qtbot, Qt.Key.Key_Y, ALT)  # Fix: yes
    qtbot.waitUntil(lambda: d.fix.answer == Answer.YES, timeout=2000)
    _next_phase(qtbot, window)

    # What went wrong: a factor and an observation.
    assert _focused_name() == "Add a contributing factor"
    _key(qtbot, Qt.Key.Key_Space)
    _type(qtbot, "Night paging load")
    _key(qtbot, Qt.Key.Key_Return)
    _tab_to(qtbot, "Add an observation")
    _key(qtbot, Qt.Key.Key_Space)
    _type(qtbot, "The limit was not visible")
    _key(qtbot, Qt.Key.Key_Return)
    _next_phase(qtbot, window)
    _key(qtbot, Qt.Key.Key_Space)  # What went right
    _type(qtbot, "Rollback worked")
    _key(qtbot, Qt.Key.Key_Return)
    _next_phase(qtbot, window)
    for text in ("Pools need alerts", "Configs are code", "Night approvals slow us"):
        _key(qtbot, Qt.Key.Key_Return, CTRL)  # Learnings: Ctrl+Enter from anywhere in the list
        _type(qtbot, text)
        _key(qtbot, Qt.Key.Key_Return)
    _next_phase(qtbot, window)

    # Action items: the prompt for the "no" comes first.
    assert _focused_name() == "Add an action so we could detect it within the target"
    _key(qtbot, Qt.Key.Key_Space)
    _type(qtbot, "Alert on pool saturation")
    _tab(qtbot)
    _type(qtbot, "Ravi")
    _tab(qtbot)
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Down)  # P2
    _key(qtbot, Qt.Key.Key_Return)
    _next_phase(qtbot, window)

    # Classification: arrows choose the severity.
    assert _focused_name() == "Severity"
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Down)
    _tab(qtbot)
    _type(qtbot, "checkout")
    _next_phase(qtbot, window)
    _type(qtbot, "A config change starved the pool.")  # Close: the summary

    # The private notes (F9 shows them) and the export, by their keys.
    target = tmp_path / "meeting.json"
    monkeypatch.setattr(export_dialog, "choose_export_path", lambda *_a: str(target))
    monkeypatch.setattr(export_dialog, "ask_open_exported", lambda *_a: False)
    window.actions["export_json"].setShortcut("Ctrl+Shift+J")
    with qtbot.waitSignal(window.exports.controller.finished, timeout=10_000):
        _key(qtbot, Qt.Key.Key_J, CTRL | Qt.KeyboardModifier.ShiftModifier)
    _key(qtbot, Qt.Key.Key_L, CTRL)  # back to the library
    assert window.session.debrief is None

    d = loads(target.read_bytes())
    # The clock started the meeting; a JSON copy is a backup, it does not publish.
    assert (d.title, d.incident, d.status) == ("Checkout errors", "INC-9", Status.IN_MEETING)
    assert [(p.name, p.role) for p in d.participants] == [
        ("Maya", "Facilitator"),
        ("Ravi", "On call"),
    ]
    assert [e.text for e in d.timeline] == ["Config pushed", "Alert fired"]
    assert d.timeline[0].kind == EventKind.TRIGGER and d.started_at == d.timeline[0].at
    assert d.timeline[1].kind == EventKind.DETECTION and d.detected_at == d.timeline[1].at
    assert d.timeline[0].starred
    assert (d.response, d.impact) == ("Rolled back.", "Checkouts failed.")
    assert (d.detection.answer, d.fix.answer) == (Answer.NO, Answer.YES)
    assert d.detection.notes == "The alert watched errors."
    assert d.contributing_factors[0].text == "Night paging load"
    assert texts(d.went_wrong) == ["The limit was not visible"]
    assert texts(d.went_right) == ["Rollback worked"]
    assert len(d.learnings) == 3
    action = d.action_items[0]
    assert (action.title, action.owner, action.priority, action.answers) == (
        "Alert on pool saturation",
        "Ravi",
        Priority.P2,
        "detection",
    )
    assert d.severity == "SEV2" and d.services == ["checkout"]
    assert d.summary == "A config change starved the pool."
    assert service.load(d.id).summary == d.summary

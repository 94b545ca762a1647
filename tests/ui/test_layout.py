"""At projector sizes nothing sticks out sideways, and the work gets the height."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QWidget
from pytestqt.qtbot import QtBot

from facilitator.storage import DebriefService
from facilitator.ui.main_window import MainWindow
from facilitator.ui.parts.timeline import TimelineEditor

from support.qt_driving import part
from support.samples import big_debrief, sample_debrief

SIZES = [(1280, 720), (1024, 768)]


def _clip_of(widget: QWidget, window: MainWindow) -> QRect:
    """The window area ``widget`` may use: its nearest scroll area's viewport, else the window."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            viewport = parent.viewport()
            return QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())
        parent = parent.parentWidget()
    return window.rect()


def overflowing(window: MainWindow) -> list[str]:
    """Visible widgets whose right edge passes the area they are shown in."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0 or widget.window() is not window:
            continue
        if widget.objectName().startswith("qt_") or widget.parentWidget() is None:
            continue
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        clip = _clip_of(widget, window)
        if rect.right() > clip.right() + 1:
            name = widget.objectName() or type(widget).__name__
            text = getattr(widget, "text", lambda: "")()
            found.append(f"{name} {text!r:.40} ends at {rect.right()} > {clip.right()}")
    return found


@pytest.mark.parametrize("questions", [True, False])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_phase_extends_past_the_window_sideways(
    qtbot: QtBot,
    window: MainWindow,
    service: DebriefService,
    width: int,
    height: int,
    questions: bool,
) -> None:
    debrief = big_debrief()
    service.save(debrief)
    window.resize(width, height)
    window.open_debrief(debrief.id)
    window.actions["questions"].setChecked(questions)
    window.actions["preview"].setChecked(True)
    window.shared.open()
    assert window.editor is not None
    problems = {}
    for index, phase in enumerate(window.session.script.phases):
        window.go_to_phase(index)
        qtbot.wait(20)
        found = overflowing(window)
        if found:
            problems[phase.id] = found
    assert problems == {}


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_timeline_gets_most_of_the_height(
    qtbot: QtBot, window: MainWindow, service: DebriefService, width: int, height: int
) -> None:
    debrief = sample_debrief()
    service.save(debrief)
    window.resize(width, height)
    window.open_debrief(debrief.id)
    window.actions["questions"].setChecked(True)
    window.go_to_phase(window.session.script.phase_for_part("timeline") or 0)
    qtbot.wait(20)
    table = part(window, TimelineEditor).table
    top = table.mapTo(window, QPoint(0, 0)).y()
    # The header, the questions and the toolbar take well under 400 px...
    assert top < 400
    assert table.height() > 200
    # ...and folding the questions gives the events the room back.
    window.actions["questions"].setChecked(False)
    qtbot.wait(20)
    assert table.mapTo(window, QPoint(0, 0)).y() < top - 60


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_replay_notes_are_in_sight_while_a_replay_runs(
    qtbot: QtBot, window: MainWindow, service: DebriefService, width: int, height: int
) -> None:
    debrief = big_debrief()
    service.save(debrief)
    window.resize(width, height)
    window.open_debrief(debrief.id)
    window.go_to_phase(window.session.script.phase_for_part("timeline") or 0)
    window.shared.replay.start()
    window.shared.replay.next()
    qtbot.wait(20)
    assert window.editor is not None and window.editor.replay_panel is not None
    column = window.editor.private.viewport()
    area = QRect(column.mapTo(window, QPoint(0, 0)), column.size())
    for field in (window.editor.replay_panel.known, window.editor.replay_panel.signals):
        rect = QRect(field.mapTo(window, QPoint(0, 0)), field.size())
        assert area.contains(rect), (field.placeholderText(), rect, area)
        assert field.height() >= 2 * field.fontMetrics().lineSpacing()

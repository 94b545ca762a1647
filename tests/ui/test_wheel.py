"""The mouse wheel changes a value only in an editor that has focus; scrolling never edits."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from facilitator.domain.changes import snapshot
from facilitator.storage import DebriefService
from facilitator.ui.main_window import MainWindow
from facilitator.ui.parts.list_part import ListPart
from facilitator.ui.wheel import is_wheel_sensitive

from support.qt_driving import page
from support.samples import sample_debrief


def _wheel(widget: QWidget, steps: int = -3) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _value(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    assert isinstance(widget, QAbstractSpinBox)
    return widget.text()


def test_scrolling_over_any_value_widget_of_any_phase_changes_nothing(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    debrief = sample_debrief()
    service.save(debrief)
    window.open_debrief(debrief.id)
    assert window.session.debrief is not None
    before = snapshot(window.session.debrief)
    tried = 0
    for index in range(len(window.session.script.phases)):
        window.go_to_phase(index)
        qtbot.wait(5)
        window.editor.navigator.setFocus()  # type: ignore[union-attr]
        for widget in page(window).findChildren(QWidget):
            if not (is_wheel_sensitive(widget) and widget.isVisible()):
                continue
            value = _value(widget)
            _wheel(widget)
            _wheel(widget, 3)
            assert _value(widget) == value, widget.accessibleName() or widget.toolTip()
            tried += 1
        for editor in page(window).parts:
            if isinstance(editor, ListPart) and editor.model.rowCount():
                _wheel(editor.table.viewport())
    assert tried >= 8
    assert window.session.debrief == before


def test_a_focused_value_widget_still_takes_the_wheel(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    debrief = sample_debrief()
    service.save(debrief)
    window.open_debrief(debrief.id)
    window.go_to_phase(window.session.script.phase_for_part("classification") or 0)
    severity = next(w for w in page(window).findChildren(QComboBox) if w.isVisible())
    window.activateWindow()
    severity.setFocus()
    qtbot.waitUntil(severity.hasFocus, timeout=1000)
    before = severity.currentIndex()
    _wheel(severity, -1)
    assert severity.currentIndex() != before


def test_scrolling_the_page_past_a_combo_box_scrolls_the_page(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    debrief = sample_debrief()
    service.save(debrief)
    window.resize(1024, 600)
    window.open_debrief(debrief.id)
    window.go_to_phase(window.session.script.phase_for_part("summary") or 0)
    qtbot.wait(10)
    assert window.editor is not None
    scroll = window.editor._scrolls[window.session.phase_index]
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0
    combo = next(w for w in page(window).findChildren(QComboBox) if w.isVisible())
    bar.setValue(bar.maximum() // 2)
    start = bar.value()
    _wheel(combo, -2)
    assert bar.value() > start

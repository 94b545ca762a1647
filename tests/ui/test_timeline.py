"""The timeline editor: time order, zones, moments feeding the timing questions, bad orders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.domain.model import EventKind, TimelineEvent
from facilitator.storage import DebriefService
from facilitator.ui.main_window import MainWindow
from facilitator.ui.parts.timeline import TimelineEditor, sort_timeline
from facilitator.ui.parts.timing import TimingEditor

from support.qt_driving import part, shortcut

T0 = datetime(2026, 3, 13, 23, 50, tzinfo=UTC)


def _open(
    window: MainWindow, service: DebriefService, events: list[TimelineEvent]
) -> TimelineEditor:
    debrief = service.create("Timeline")
    debrief.timeline = events
    debrief.timezone = "UTC"
    service.save(debrief)
    window.open_debrief(debrief.id)
    window.session.set_phase(window.session.script.phase_for_part("timeline") or 0)
    return part(window, TimelineEditor)


def test_sort_keeps_undated_events_last() -> None:
    a, b, c = TimelineEvent(T0), TimelineEvent(None), TimelineEvent(T0 - timedelta(minutes=1))
    events = [a, b, c]
    assert sort_timeline(events)
    assert events == [c, a, b]
    assert not sort_timeline(events)


def test_dates_show_when_events_span_midnight(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    editor = _open(window, service, [TimelineEvent(T0), TimelineEvent(T0 + timedelta(minutes=5))])
    assert editor.rows[0][0].displayFormat() == "HH:mm:ss"
    editor.rows[1][0].setDateTime(editor.rows[1][0].dateTime().addSecs(3600))
    editor.rows[1][0].editingFinished.emit()
    assert editor.rows[0][0].displayFormat().startswith("ddd d MMM")
    assert editor.rows[1][0].text().startswith("Sat 14 Mar")


def test_zone_changes_the_shown_times_not_the_stored_ones(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    editor = _open(window, service, [TimelineEvent(T0)])
    assert editor.rows[0][0].text() == "23:50:00"
    editor.zone_box.setCurrentText("Asia/Tokyo")
    editor.zone_box.activated.emit(0)
    assert editor.rows[0][0].text().endswith("08:50:00")
    assert window.session.debrief is not None
    assert window.session.debrief.timezone == "Asia/Tokyo"
    assert window.session.debrief.timeline[0].at == T0


def test_moments_feed_detection_and_bad_orders_are_flagged(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    editor = _open(window, service, [TimelineEvent(T0), TimelineEvent(T0 + timedelta(minutes=4))])
    editor.rows[1][2].setCurrentIndex(editor.rows[1][2].findData("started_at"))
    editor.rows[0][2].setCurrentIndex(editor.rows[0][2].findData("detected_at"))
    d = window.session.debrief
    assert d is not None
    assert d.started_at == T0 + timedelta(minutes=4) and d.detected_at == T0
    assert d.timeline[0].kind == EventKind.DETECTION
    assert not editor.problems.isHidden()
    assert "earlier than" in editor.problems.text()
    window.session.set_phase(window.session.script.phase_for_part("detection") or 0)
    detection = part(window, TimingEditor)
    assert detection.measured.text() == "-4 min"
    assert "earlier than" in detection.problems.text()


def test_ctrl_t_adds_an_event_now_and_focuses_its_text(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, [TimelineEvent(T0, text="Old")])
    window.session.set_phase(0)
    before = datetime.now(UTC) - timedelta(seconds=2)
    shortcut(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    d = window.session.debrief
    assert d is not None and len(d.timeline) == 2
    assert window.session.phase.id == "timeline"
    assert d.timeline[1].at is not None and d.timeline[1].at >= before
    focused = window.focusWidget()
    assert getattr(focused, "field_key", "") == "timeline[1].text"


def test_focus_field_switches_phase_and_selects(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, [TimelineEvent(T0, text="Someone forgot the flag")])
    window.session.set_phase(0)
    assert window.focus_field("timeline[0].text", 8, 14)
    assert window.session.phase.id == "timeline"
    edit = window.focusWidget()
    assert edit.textCursor().selectedText() == "forgot"  # type: ignore[union-attr]
    assert not window.focus_field("no_such_field[0]")

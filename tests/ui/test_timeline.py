"""The timeline editor: time order, zones, moments, Ctrl+T, stars, sources, replay, cost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.domain.model import EventKind, TimelineEvent
from facilitator.storage import DebriefService
from facilitator.ui.main_window import MainWindow
from facilitator.ui.parts.item_model import MARK_ROLE
from facilitator.ui.parts.timeline import TimelineEditor, sort_timeline
from facilitator.ui.parts.timing import TimingEditor

from support.qt_driving import cell_text, focused, part, set_cell, shortcut

T0 = datetime(2026, 3, 13, 23, 50, tzinfo=UTC)


def _open(
    window: MainWindow, service: DebriefService, events: list[TimelineEvent], **fields: object
) -> TimelineEditor:
    debrief = service.create("Timeline")
    debrief.timeline = events
    debrief.timezone = "UTC"
    for name, value in fields.items():
        setattr(debrief, name, value)
    service.save(debrief)
    window.open_debrief(debrief.id)
    window.session.set_phase(window.session.script.phase_for_part("timeline") or 0)
    return part(window, TimelineEditor)


class Counter:
    """Counts a model's structural signals."""

    def __init__(self, model: object) -> None:
        self.counts: dict[str, int] = {}
        for name in ("rowsInserted", "rowsRemoved", "rowsMoved", "modelReset", "layoutChanged"):
            getattr(model, name).connect(lambda *_a, n=name: self._hit(n))

    def _hit(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1


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
    assert cell_text(editor, 0, "at") == "23:50"
    set_cell(qtbot, editor, 1, "at", T0 + timedelta(hours=1))
    assert cell_text(editor, 0, "at") == "13 Mar  23:50"
    assert cell_text(editor, 1, "at") == "14 Mar  00:50"
    assert window.session.debrief is not None
    assert window.session.debrief.timeline[1].at == T0 + timedelta(hours=1)


def test_a_new_time_moves_only_that_row(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    events = [TimelineEvent(T0 + timedelta(minutes=m), text=f"e{m}") for m in range(5)]
    editor = _open(window, service, events)
    counter = Counter(editor.model)
    set_cell(qtbot, editor, 0, "at", T0 + timedelta(minutes=10))
    assert counter.counts == {"rowsMoved": 1}
    d = window.session.debrief
    assert d is not None
    assert [e.text for e in d.timeline] == ["e1", "e2", "e3", "e4", "e0"]
    assert editor.current_row() == 4  # the selection followed the event


def test_zone_changes_the_shown_times_not_the_stored_ones(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    editor = _open(window, service, [TimelineEvent(T0)])
    assert cell_text(editor, 0, "at") == "23:50"
    editor.zone_box.setCurrentText("Asia/Tokyo")
    editor.zone_box.activated.emit(0)
    assert cell_text(editor, 0, "at") == "08:50"
    assert window.session.debrief is not None
    assert window.session.debrief.timezone == "Asia/Tokyo"
    assert window.session.debrief.timeline[0].at == T0


def test_moments_feed_detection_and_bad_orders_are_flagged(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    editor = _open(window, service, [TimelineEvent(T0), TimelineEvent(T0 + timedelta(minutes=4))])
    set_cell(qtbot, editor, 1, "kind", "● Started")
    set_cell(qtbot, editor, 0, "kind", "● Detected")
    d = window.session.debrief
    assert d is not None
    assert d.started_at == T0 + timedelta(minutes=4) and d.detected_at == T0
    assert d.timeline[0].kind == EventKind.DETECTION
    assert d.timeline[1].kind == EventKind.TRIGGER
    assert not editor.problems.isHidden()
    assert "earlier than" in editor.problems.text()
    # A plain kind takes the mark away again.
    set_cell(qtbot, editor, 0, "kind", "Note")
    assert d.detected_at is None and cell_text(editor, 0, "kind") == "Note"
    set_cell(qtbot, editor, 0, "kind", "● Detected")
    window.session.set_phase(window.session.script.phase_for_part("detection") or 0)
    detection = part(window, TimingEditor)
    assert detection.measured.text() == "-4 min"
    assert "earlier than" in detection.problems.text()


def test_ctrl_t_stamps_the_incident_day_after_the_selected_event(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    events = [TimelineEvent(T0 + timedelta(minutes=10 * m), text=f"e{m}") for m in range(40)]
    editor = _open(window, service, events)
    editor.table.go_to(5)
    shortcut(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    d = window.session.debrief
    assert d is not None and len(d.timeline) == 41
    new = d.timeline[6]
    assert new.text == "" and new.at == T0 + timedelta(minutes=51)  # not today: the incident's day
    field = focused()
    assert getattr(field, "field_key", "") == "timeline[6].text"
    qtbot.keyClicks(field, "Rolled back")
    assert new.text == "Rolled back"
    rect = editor.table.visualRect(editor.model.index(6, editor.model.column_of("text")))
    assert editor.table.viewport().rect().intersects(rect)  # scrolled into view
    # From another phase, Ctrl+T comes back to the timeline and adds after the selection.
    qtbot.keyClick(field, Qt.Key.Key_Return)
    window.session.set_phase(0)
    shortcut(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.session.phase.id == "timeline"
    assert d.timeline[7].at == T0 + timedelta(minutes=52)


def test_ctrl_t_on_an_empty_timeline_starts_at_the_incident_start(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, [], started_at=T0)
    shortcut(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    d = window.session.debrief
    assert d is not None and [e.at for e in d.timeline] == [T0]


def test_stars_toggle_with_space_and_sources_are_explained(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    editor = _open(
        window, service, [TimelineEvent(T0, text="Deploy", source="slack:export.zip#C1/1773.0002")]
    )
    assert window.session.debrief is not None
    imported = window.session.debrief.timeline[0]
    table = editor.table
    table.setFocus()
    table.setCurrentIndex(editor.model.index(0, editor.model.column_of("starred")))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert imported.starred and cell_text(editor, 0, "starred") == "★"
    rect = table.visualRect(editor.model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not imported.starred
    tip = editor.model.index(0, editor.model.column_of("text")).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Imported from slack: export.zip, message C1/1773.0002."
    assert editor.model.index(0, 0).data(MARK_ROLE) == "⇩"


def test_the_editor_follows_the_replay(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    events = [TimelineEvent(T0 + timedelta(minutes=m), text=f"e{m}") for m in range(30)]
    editor = _open(window, service, events)
    replay = window.shared.replay
    replay.start()
    for _ in range(20):
        replay.next()
    assert editor.current_row() == 20
    rect = editor.table.visualRect(editor.model.index(20, editor.model.column_of("text")))
    assert editor.table.viewport().rect().intersects(rect)


def test_focus_field_switches_phase_and_selects(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    _open(window, service, [TimelineEvent(T0, text="Someone forgot the flag")])
    window.session.set_phase(0)
    assert window.focus_field("timeline[0].text", 8, 14)
    assert window.session.phase.id == "timeline"
    field = window.focusWidget()
    assert field.textCursor().selectedText() == "forgot"  # type: ignore[union-attr]
    assert not window.focus_field("no_such_field[0]")


def test_a_long_timeline_measures_only_what_is_seen(
    qtbot: QtBot, window: MainWindow, service: DebriefService, monkeypatch
) -> None:
    events = [TimelineEvent(T0 + timedelta(seconds=30 * m), text=f"event {m}") for m in range(2000)]
    from facilitator.ui.parts.delegates import ItemDelegate

    calls: list[int] = []
    real = ItemDelegate.text_height

    def counting(self, index, width, font):  # type: ignore[no-untyped-def]
        calls.append(index.row())
        return real(self, index, width, font)

    monkeypatch.setattr(ItemDelegate, "text_height", counting)
    editor = _open(window, service, events)
    qtbot.wait(10)
    assert 0 < len(calls) < 80
    counter = Counter(editor.model)
    editor.table.go_to(1500)
    shortcut(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert counter.counts == {"rowsInserted": 1}
    assert len(window.session.debrief.timeline) == 2001  # type: ignore[union-attr]

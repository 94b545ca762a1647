"""Walk-forward replay: the room sees only revealed events; the facilitator's notes are saved."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui.test_shared_screen_support import all_text, open_session, phase_index, visible_text

from facilitator.domain.model import Debrief, TimelineEvent
from facilitator.ui.session import MeetingSession
from facilitator.ui.shared_screen import (
    ReplayController,
    ReplayPanel,
    SharedScreenOptions,
    SharedScreenWindow,
)

EVENTS = ("EVENT-ONE deploy", "EVENT-TWO alert", "EVENT-THREE rollback", "EVENT-FOUR recovered")


def _fill(d: Debrief) -> None:
    d.timezone = "UTC"

    def at(hour: int) -> datetime:
        return datetime(2026, 3, 14, hour, 0, tzinfo=UTC)

    # Stored out of order on purpose: the replay walks time order, not list order.
    d.timeline = [
        TimelineEvent(at(10), text=EVENTS[2]),
        TimelineEvent(at(7), text=EVENTS[0]),
        TimelineEvent(at(12), text=EVENTS[3]),
        TimelineEvent(at(9), text=EVENTS[1]),
    ]


def _setup(
    qtbot: QtBot, tmp_path: Path
) -> tuple[MeetingSession, ReplayController, SharedScreenWindow, ReplayPanel]:
    session, _service = open_session(tmp_path, _fill)
    session.set_phase(phase_index(session, "timeline"))
    replay = ReplayController(session)
    window = SharedScreenWindow(session, options=SharedScreenOptions(), replay=replay)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    panel = ReplayPanel(session, replay)
    qtbot.addWidget(panel)
    panel.show()
    return session, replay, window, panel


def _shown(window: SharedScreenWindow) -> list[str]:
    text = all_text(window)
    return [e for e in EVENTS if e in text]


def test_only_revealed_events_reach_the_room(qtbot: QtBot, tmp_path: Path) -> None:
    _session, replay, window, _panel = _setup(qtbot, tmp_path)
    assert _shown(window) == list(EVENTS)
    with qtbot.waitSignal(replay.changed):
        replay.start()
    assert _shown(window) == [EVENTS[0]]
    replay.next()
    assert _shown(window) == list(EVENTS[:2])
    assert "Replay: event 2 of 4" in visible_text(window)
    assert "2 later events not shown yet" in visible_text(window)
    replay.next()
    replay.next()
    replay.next()  # past the end stays on the last event
    assert _shown(window) == list(EVENTS)
    replay.previous()
    assert _shown(window) == list(EVENTS[:3])
    replay.reset()
    assert _shown(window) == [EVENTS[0]]
    replay.reveal_all()
    assert _shown(window) == list(EVENTS)
    replay.stop()
    assert "Replay:" not in visible_text(window)


def test_the_current_event_is_highlighted(qtbot: QtBot, tmp_path: Path) -> None:
    _session, replay, window, _panel = _setup(qtbot, tmp_path)
    replay.start()
    replay.next()
    current = [
        frame
        for frame in window.content.body.findChildren(type(window.content.body))
        if frame.property("current") == "true"
    ]
    assert len(current) == 1
    assert EVENTS[1] in all_text(current[0])


def test_notes_recorded_in_the_panel_land_in_the_debrief_and_on_screen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    session, replay, window, panel = _setup(qtbot, tmp_path)
    replay.start()
    replay.next()
    assert panel.event is not None and panel.event.text == EVENTS[1]
    assert panel.known.field_key == "timeline[3].known"
    assert panel.signals.field_key == "timeline[3].signals"
    with qtbot.waitSignal(session.partChanged) as blocker:
        panel.known.setPlainText("Only the paging alert")
    assert blocker.args == ["timeline"]
    panel.signals.setPlainText("Error graph on the wall screen")
    assert session.dirty
    assert session.debrief is not None
    event = session.debrief.timeline[3]
    assert (event.known, event.signals) == (
        "Only the paging alert",
        "Error graph on the wall screen",
    )
    qtbot.waitUntil(lambda: "Error graph on the wall screen" in visible_text(window), timeout=2000)
    assert "Only the paging alert" in visible_text(window)
    assert session.flush()
    saved = session.service.load(session.debrief.id)
    stored = next(e for e in saved.timeline if e.text == EVENTS[1])
    assert stored.known == "Only the paging alert"
    # The next event starts with empty notes; going back shows what was written.
    replay.next()
    assert panel.known.toPlainText() == ""
    replay.previous()
    assert panel.known.toPlainText() == "Only the paging alert"


def test_replay_only_starts_and_shows_in_the_timeline_phase(qtbot: QtBot, tmp_path: Path) -> None:
    session, replay, window, panel = _setup(qtbot, tmp_path)
    replay.start()
    with qtbot.waitSignal(session.phaseChanged):
        session.set_phase(phase_index(session, "impact"))
    assert panel.isHidden()
    assert "Replay:" not in visible_text(window)
    replay.stop()
    replay.start()
    assert not replay.state.active
    session.set_phase(phase_index(session, "timeline"))
    assert panel.isVisible()


def test_new_events_during_replay_stay_hidden_until_revealed(qtbot: QtBot, tmp_path: Path) -> None:
    session, replay, window, _panel = _setup(qtbot, tmp_path)
    replay.start()
    assert session.debrief is not None
    session.debrief.timeline.append(
        TimelineEvent(datetime(2026, 3, 14, 13, 0, tzinfo=UTC), text="EVENT-LATE")
    )
    session.touch("timeline")
    assert "EVENT-LATE" not in all_text(window)
    replay.reveal_all()
    assert "EVENT-LATE" in all_text(window)


def test_removing_events_pulls_the_replay_back(qtbot: QtBot, tmp_path: Path) -> None:
    session, replay, _window, _panel = _setup(qtbot, tmp_path)
    replay.start()
    replay.reveal_all()
    assert session.debrief is not None
    del session.debrief.timeline[2:]
    session.touch("timeline")
    assert replay.state.index == 1
    session.debrief.timeline.clear()
    session.touch("timeline")
    assert not replay.state.active


def test_panel_buttons_and_window_keys_drive_the_replay(qtbot: QtBot, tmp_path: Path) -> None:
    _session, replay, window, panel = _setup(qtbot, tmp_path)
    panel.toggle_button.click()
    assert replay.state.active and replay.state.index == 0
    panel.next_button.click()
    assert replay.state.index == 1
    panel.previous_button.click()
    assert replay.state.index == 0
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert replay.state.index == 1
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert replay.state.index == 3
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert replay.state.index == 0
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert not replay.state.active

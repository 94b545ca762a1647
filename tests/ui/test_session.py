"""MeetingSession: autosave within a second, failed saves kept and retried, phase timers."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from facilitator.domain.script import MeetingScript
from facilitator.storage import DebriefService, StorageError
from facilitator.ui.session import MeetingSession


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session(service: DebriefService, script: MeetingScript, clock: FakeClock) -> MeetingSession:
    s = MeetingSession(service, script, clock=clock)
    s.open(service.create("Session test"))
    return s


def test_a_change_reaches_the_database_within_a_second(
    qtbot: QtBot, session: MeetingSession, service: DebriefService
) -> None:
    assert session.debrief is not None
    session.debrief.impact = "Slow checkouts"
    with qtbot.waitSignal(session.saved, timeout=1000):
        session.touch("impact")
    assert service.load(session.debrief.id).impact == "Slow checkouts"
    assert not session.dirty


def test_a_failed_save_keeps_the_text_and_retries(
    qtbot: QtBot, session: MeetingSession, service: DebriefService, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = service.save

    def locked(_debrief: object, **_kwargs: object) -> None:
        raise StorageError("The database is locked by another program.")

    monkeypatch.setattr(service, "save", locked)
    assert session.debrief is not None
    session.debrief.summary = "Kept in memory"
    with qtbot.waitSignal(session.saveFailed, timeout=1000) as failed:
        session.touch("summary")
    assert failed.args == ["The database is locked by another program."]
    assert session.dirty and session.debrief.summary == "Kept in memory"
    monkeypatch.setattr(service, "save", real_save)
    with qtbot.waitSignal(session.saved, timeout=1000):
        session.touch("summary")
    assert service.load(session.debrief.id).summary == "Kept in memory"


def test_phase_timers_count_per_phase_and_the_meeting_clock_runs_on(
    qtbot: QtBot, session: MeetingSession, clock: FakeClock
) -> None:
    ticks: list[tuple[int, int]] = []
    session.timerTick.connect(lambda e, t: ticks.append((e, t)))
    session.start_timer()
    assert session.debrief is not None and session.debrief.meeting_at is not None
    clock.now += 90
    session.next_phase()  # the timer follows the facilitator to the next phase
    assert session.elapsed(0) == 90 and session.timer_running
    clock.now += 30
    session.pause_timer()
    clock.now += 100
    assert session.elapsed() == 30
    assert session.meeting_elapsed() == 220
    session.reset_timer()
    assert session.elapsed() == 0
    assert ticks[-1] == (0, session.phase.timebox_seconds)


def test_phase_index_stays_in_range(session: MeetingSession) -> None:
    session.previous_phase()
    assert session.phase_index == 0
    session.set_phase(99)
    assert session.phase_index == len(session.script.phases) - 1


def test_closing_saves_pending_changes(session: MeetingSession, service: DebriefService) -> None:
    assert session.debrief is not None
    debrief_id = session.debrief.id
    session.debrief.response = "Rolled back"
    session.touch("response")
    assert session.close()
    assert service.load(debrief_id).response == "Rolled back"

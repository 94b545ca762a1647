"""Two sessions on one library: saves are picked up, merged in place, and problems are banners."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from facilitator.domain.model import TimelineEvent
from facilitator.domain.script import MeetingScript
from facilitator.storage import DebriefService, DiskFullError
from facilitator.ui.session import SAVE_CEILING_MS, MeetingSession

from support.postgres import fresh_database
from support.samples import at, sample_debrief


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    with fresh_database() as url:
        yield url


def _pair(url: str, script: MeetingScript) -> tuple[MeetingSession, MeetingSession]:
    first, second = DebriefService(url), DebriefService(url)
    first.save(sample_debrief())
    a, b = MeetingSession(first, script), MeetingSession(second, script)
    a.open(first.load(sample_debrief().id))
    b.open(second.load(sample_debrief().id))
    return a, b


def _close(*sessions: MeetingSession) -> None:
    for s in sessions:
        s.close()
        s.service.close()


def test_another_windows_save_arrives_within_two_seconds(
    qtbot: QtBot, shared_url: str, script: MeetingScript
) -> None:
    a, b = _pair(shared_url, script)
    try:
        assert b.debrief is not None and a.debrief is not None
        kept_event = b.debrief.timeline[2]
        a.debrief.impact = "Written in window A."
        a.touch("impact")
        a.flush()
        started = time.monotonic()
        with qtbot.waitSignal(b.externalChange, timeout=2000) as arrived:
            pass
        assert time.monotonic() - started < 2.0
        assert arrived.args[0].fields == {"impact"}
        assert b.debrief.impact == "Written in window A."
        assert b.debrief.timeline[2] is kept_event  # items keep their identity
    finally:
        _close(a, b)


def test_unsaved_edits_merge_with_the_other_windows_save(
    qtbot: QtBot, shared_url: str, script: MeetingScript
) -> None:
    a, b = _pair(shared_url, script)
    try:
        assert a.debrief is not None and b.debrief is not None
        a.debrief.timeline.append(TimelineEvent(at(1, 0), text="Event from A."))
        a.touch("timeline")
        a.flush()
        b.debrief.summary = "Summary from B."
        b.touch("summary")
        with qtbot.waitSignal(b.externalChange, timeout=2000):
            b.flush()
        assert b.debrief.summary == "Summary from B."
        assert b.debrief.timeline[-1].text == "Event from A."
        stored = a.service.load(sample_debrief().id)
        assert stored.summary == "Summary from B." and stored.timeline[-1].text == "Event from A."
    finally:
        _close(a, b)


def test_the_same_field_from_both_windows_shows_a_conflict(
    qtbot: QtBot, shared_url: str, script: MeetingScript
) -> None:
    a, b = _pair(shared_url, script)
    try:
        assert a.debrief is not None and b.debrief is not None
        a.debrief.impact = "A's impact."
        a.touch("impact")
        a.flush()
        b.debrief.impact = "B's impact."
        b.touch("impact")
        with qtbot.waitSignal(b.conflictsChanged, timeout=2000):
            b.flush()
        assert b.debrief.impact == "A's impact."
        assert [c.text for c in b.debrief.conflicts] == ["B's impact."]
        with qtbot.waitSignal(a.conflictsChanged, timeout=3000):
            pass  # window A hears of the conflict too
        uid = b.debrief.conflicts[0].uid
        b.resolve_conflict(uid)
        b.flush()
        assert a.service.load(sample_debrief().id).conflicts == []
    finally:
        _close(a, b)


def test_typing_without_pauses_saves_within_the_ceiling(
    qtbot: QtBot, service: DebriefService, script: MeetingScript
) -> None:
    session = MeetingSession(service, script)
    session.open(service.create("Steady typing"))
    assert session.debrief is not None
    saves: list[float] = []
    session.saved.connect(lambda _when: saves.append(time.monotonic()))
    started = time.monotonic()
    while time.monotonic() - started < 2.5:
        session.debrief.impact += "x"
        session.touch("impact")
        qtbot.wait(100)  # shorter than the idle delay: only the ceiling can save
    assert saves, "no save while typing steadily"
    assert saves[0] - started < SAVE_CEILING_MS / 1000 + 0.3
    assert all(b - a < 1.0 for a, b in itertools.pairwise(saves))
    session.close()


def test_changing_phase_saves_at_once(service: DebriefService, script: MeetingScript) -> None:
    session = MeetingSession(service, script)
    session.open(service.create("Phase change"))
    assert session.debrief is not None
    session.debrief.impact = "Saved on the way out"
    session.touch("impact")
    session.next_phase()
    assert not session.dirty
    assert service.load(session.debrief.id).impact == "Saved on the way out"
    session.close()


def test_a_full_disk_is_a_banner_until_a_save_works(
    qtbot: QtBot, service: DebriefService, script: MeetingScript, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = MeetingSession(service, script)
    session.open(service.create("Full disk"))
    assert session.debrief is not None
    real_save = service.save

    def full(*_args: object, **_kwargs: object) -> None:
        raise DiskFullError("The disk holding the library is full.")

    monkeypatch.setattr(service, "save", full)
    session.debrief.summary = "Waits in memory"
    with qtbot.waitSignal(session.storageProblem, timeout=2000) as banner:
        session.touch("summary")
    assert "full" in banner.args[0]
    monkeypatch.setattr(service, "save", real_save)
    with qtbot.waitSignal(session.storageProblem, timeout=4000) as cleared:
        pass  # the retry timer saves it
    assert cleared.args == [""]
    assert service.load(session.debrief.id).summary == "Waits in memory"
    session.close()


def test_leaving_a_field_saves_what_was_typed_but_moving_in_a_list_waits(
    qtbot: QtBot, service: DebriefService, script: MeetingScript
) -> None:
    from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

    session = MeetingSession(service, script)
    session.open(service.create("Focus"))
    assert session.debrief is not None
    host = QWidget()
    qtbot.addWidget(host)
    field, button, other = QLineEdit(host), QPushButton("x", host), QPushButton("y", host)
    layout = QVBoxLayout(host)
    for widget in (field, button, other):
        layout.addWidget(widget)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    session.debrief.impact = "Typed, then the field was left"
    session.touch("impact")
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    assert not session.dirty  # saved as the field lost focus, not 0.3 s later
    assert service.load(session.debrief.id).impact == "Typed, then the field was left"
    session.debrief.impact = "A move between buttons"
    session.touch("impact")
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert session.dirty  # no typing field was left: the autosave comes shortly
    qtbot.waitUntil(lambda: not session.dirty, timeout=2000)
    session.close()

"""The shared screen mirrors the meeting, keeps private things private, and hides names."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot
from ui.test_shared_screen_support import (
    FakeClock,
    all_text,
    marked_script,
    open_session,
    phase_index,
    visible_text,
)

from facilitator.domain.model import (
    ActionItem,
    ContributingFactor,
    Debrief,
    FactorKind,
    IgnoredFinding,
    Participant,
    TimelineEvent,
    notes,
)
from facilitator.ui.session import MeetingSession
from facilitator.ui.shared_screen import SharedScreenOptions, SharedScreenWindow


def _window(qtbot: QtBot, session: MeetingSession, **options: object) -> SharedScreenWindow:
    window = SharedScreenWindow(session, options=SharedScreenOptions(**options))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def _at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 14, hour, minute, tzinfo=UTC)


# -- mirroring --------------------------------------------------------------------------------


def test_phase_changes_show_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    session, _service = open_session(tmp_path)
    window = _window(qtbot, session)
    assert window.content.title.text() == "Opening"
    timeline = phase_index(session, "timeline")
    with qtbot.waitSignal(session.phaseChanged):
        session.set_phase(timeline)
    phase = session.script.phases[timeline]
    assert window.content.title.text() == phase.title
    assert window.content.question.text() == phase.questions[0]
    assert window.content.counter.text() == f"Phase {timeline + 1} of {len(session.script.phases)}"


def test_a_new_timeline_event_appears(qtbot: QtBot, tmp_path: Path) -> None:
    session, _service = open_session(tmp_path)
    session.set_phase(phase_index(session, "timeline"))
    window = _window(qtbot, session)
    assert session.debrief is not None
    session.debrief.timeline.append(TimelineEvent(_at(9, 5), text="Pool exhausted on db-2"))
    with qtbot.waitSignal(session.debriefChanged):
        session.touch("timeline")
    # The room is redrawn once per burst of changes, a moment later.
    qtbot.waitUntil(lambda: "Pool exhausted on db-2" in visible_text(window), timeout=2000)
    text = visible_text(window)
    assert "09:05" in text or "10:05" in text or "Times in" in text


def test_timeline_is_in_time_order(qtbot: QtBot, tmp_path: Path) -> None:
    def fill(d: Debrief) -> None:
        d.timezone = "UTC"
        d.timeline = [
            TimelineEvent(None, text="Undated remark"),
            TimelineEvent(_at(10, 0), text="Second"),
            TimelineEvent(_at(9, 0), text="First"),
        ]

    session, _service = open_session(tmp_path, fill)
    session.set_phase(phase_index(session, "timeline"))
    window = _window(qtbot, session)
    text = visible_text(window)
    assert text.index("First") < text.index("Second") < text.index("Undated remark")
    assert "Times in UTC" in text


def test_timer_follows_the_session(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    session, _service = open_session(tmp_path, clock=clock)
    window = _window(qtbot, session)
    timebox = session.phase.timebox_seconds // 60
    assert window.content.timer.text() == f"0:00 / {timebox}:00"
    session.start_timer()
    clock.now += 65
    qtbot.waitUntil(lambda: window.content.timer.text().startswith("1:05 /"), timeout=2000)
    clock.now += timebox * 60
    qtbot.waitUntil(lambda: "over" in window.content.timer.text(), timeout=2000)
    assert window.content.timer.property("overrun") == "true"
    session.pause_timer()


def test_no_debrief_shows_a_neutral_screen(qtbot: QtBot, tmp_path: Path) -> None:
    session, _service = open_session(tmp_path)
    window = _window(qtbot, session)
    with qtbot.waitSignal(session.debriefOpened):
        session.close()
    assert window.content.title.text() == "Waiting for the debrief"


# -- privacy ----------------------------------------------------------------------------------


def _fill_private(d: Debrief) -> None:
    d.private_notes = "PRIVATE-NOTES-MARKER ask about the pager load"
    d.parking_lot = notes("PARKING-MARKER approval rule", "PARKING-MARKER-2")
    d.ignored_findings = [IgnoredFinding("FINDING-RULE-MARKER", "summary", "FINDING-TEXT-MARKER")]
    d.facilitator = "FACILITATOR-NAME-MARKER"
    d.participants = [Participant("Ada Okafor", "Responder")]
    d.timeline = [TimelineEvent(_at(9, 0), text="Deploy went out")]
    d.went_wrong = notes("Noisy alerts")
    d.contributing_factors = [ContributingFactor("No pool limit check", FactorKind.TECHNICAL)]
    d.action_items = [ActionItem("Add a pool check", owner="Ada")]
    d.summary = "A config change cut the pool."


def test_nothing_private_reaches_the_shared_window_in_any_phase(
    qtbot: QtBot, tmp_path: Path
) -> None:
    session, _service = open_session(tmp_path, _fill_private, script=marked_script())
    window = _window(qtbot, session)
    window.toggle_help()  # the help overlay's text counts too
    markers = ("MARKER",)
    for index, phase in enumerate(session.script.phases):
        session.set_phase(index)
        text = all_text(window)
        assert phase.title in text
        assert not [m for m in markers if m in text], phase.id
        for tip in phase.tips:
            assert tip not in text, phase.id
    assert "A config change cut the pool." in all_text(window)


def test_private_edits_in_the_facilitator_window_do_not_reach_the_room(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from facilitator.ui.private_panel import PrivatePanel

    session, _service = open_session(tmp_path)
    panel = PrivatePanel(session, lambda _edit: None)
    qtbot.addWidget(panel)
    window = _window(qtbot, session)
    with qtbot.waitSignal(session.debriefChanged):
        panel.notes.setPlainText("TYPED-PRIVATE-MARKER")
    assert session.debrief is not None
    assert session.debrief.private_notes == "TYPED-PRIVATE-MARKER"
    assert "TYPED-PRIVATE-MARKER" not in all_text(window)


def test_room_text_is_shown_as_typed_not_as_markup(qtbot: QtBot, tmp_path: Path) -> None:
    def fill(d: Debrief) -> None:
        d.summary = "<b>bold</b> & <i>more</i>"

    session, _service = open_session(tmp_path, fill)
    session.set_phase(phase_index(session, "close"))
    window = _window(qtbot, session)
    assert "<b>bold</b> & <i>more</i>" in visible_text(window)


# -- names as roles ---------------------------------------------------------------------------

NAMES = ("Ada", "Okafor", "Lin", "Wu", "Ravi", "Patel", "Sam", "Roe")


def _fill_people(d: Debrief) -> None:
    d.participants = [
        Participant("Ada Okafor", "Responder"),
        Participant("Lin Wu", "Responder"),
        Participant("Ravi Patel", "Incident commander"),
        Participant("Sam Roe", ""),
    ]
    d.timeline = [
        TimelineEvent(_at(9, 0), text="Ada restarted the pods"),
        TimelineEvent(_at(9, 4), text="Ravi Patel declared the incident; Sam joined"),
    ]
    d.contributing_factors = [ContributingFactor("Lin was on call alone", FactorKind.HUMAN)]
    d.action_items = [ActionItem("Add a second on-call", owner="Ravi")]
    d.went_right = notes("Lin Wu spotted the graph")
    d.summary = "Okafor and Wu fixed it"


def test_names_as_roles_replaces_names_everywhere(qtbot: QtBot, tmp_path: Path) -> None:
    session, _service = open_session(tmp_path, _fill_people)
    window = _window(qtbot, session, names_as_roles=True)
    seen = []
    for index, phase in enumerate(session.script.phases):
        session.set_phase(index)
        text = visible_text(window)
        seen.append(text)
        leaked = [n for n in NAMES if n in text.replace("Participant", "")]
        assert leaked == [], phase.id
    joined = "\n".join(seen)
    assert "Responder A restarted the pods" in joined
    assert "Incident commander declared the incident; Participant 1 joined" in joined
    assert "Responder B" in joined


def test_names_as_roles_toggle_switches_the_room_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    session, _service = open_session(tmp_path, _fill_people)
    session.set_phase(phase_index(session, "participants"))
    window = _window(qtbot, session)
    assert "Ada Okafor · Responder" in visible_text(window)
    with qtbot.waitSignal(window.optionsChanged):
        window.set_names_as_roles(True)
    text = visible_text(window)
    assert "Ada" not in text
    assert "Responder A" in text and "Participant 1" in text

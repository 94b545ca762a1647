"""Reframe before the room sees it: blame reaches the room only once reworded or kept."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui.test_shared_screen_support import all_text, open_session, phase_index, visible_text

from facilitator.domain.model import Debrief, TimelineEvent, notes
from facilitator.domain.room_view import HELD_TEXT
from facilitator.ui.language_support import LanguageSupport
from facilitator.ui.session import MeetingSession
from facilitator.ui.shared_screen import (
    SharedScreenControls,
    SharedScreenOptions,
    SharedScreenWindow,
    load_options,
)

BLAMING = "Thandi skipped the canary to save time."
LATER = "The queue drained by 03:10."


def _fill(d: Debrief) -> None:
    d.timeline = [
        TimelineEvent(datetime(2026, 3, 14, 2, 50, tzinfo=UTC), text=f"{BLAMING} {LATER}"),
        TimelineEvent(datetime(2026, 3, 14, 2, 40, tzinfo=UTC), text="Deploy went out."),
    ]
    d.went_wrong = notes("We should have paged the DBA sooner.", "The on-call ignored the pages.")
    d.summary = "Ngozi's sloppy migration locked the orders table. Checkout recovered at 03:20."


def _window(
    qtbot: QtBot, session: MeetingSession, language: LanguageSupport, reframe: bool = True
) -> SharedScreenWindow:
    window = SharedScreenWindow(
        session, options=SharedScreenOptions(reframe=reframe), held=language.held_sentences
    )
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_sentence_with_open_blame_reaches_the_room_as_being_reworded(
    qtbot: QtBot, tmp_path: Path
) -> None:
    session, _service = open_session(tmp_path, _fill)
    language = LanguageSupport()
    window = _window(qtbot, session, language)
    session.set_phase(phase_index(session, "timeline"))
    text = visible_text(window)
    assert f"{HELD_TEXT} {LATER}" in text
    assert "Deploy went out." in text
    assert window.held_count == 1


def test_the_original_sentence_is_nowhere_in_the_shared_window_in_any_phase(
    qtbot: QtBot, tmp_path: Path
) -> None:
    session, _service = open_session(tmp_path, _fill)
    language = LanguageSupport()
    window = _window(qtbot, session, language)
    window.toggle_help()
    secret = ("Thandi", "skipped the canary", "ignored the pages", "sloppy migration", "Ngozi")
    for index, phase in enumerate(session.script.phases):
        session.set_phase(index)
        window.next_question()  # every question, every list, the help overlay too
        text = all_text(window)
        assert [s for s in secret if s in text] == [], phase.id
    # Counterfactual wording with no blame is the facilitator's call, not held back.
    session.set_phase(phase_index(session, "went_wrong"))
    assert "We should have paged the DBA sooner." in all_text(window)


def test_rewording_or_keeping_releases_the_sentence(qtbot: QtBot, tmp_path: Path) -> None:
    session, _service = open_session(tmp_path, _fill)
    language = LanguageSupport()
    window = _window(qtbot, session, language)
    session.set_phase(phase_index(session, "timeline"))
    assert session.debrief is not None
    # Rewording: the room reads the new sentence as soon as it is typed.
    session.debrief.timeline[0].text = f"The canary was skipped under time pressure. {LATER}"
    session.touch("timeline")
    # The room's screen redraws once per burst of keys, a moment after the last one.
    qtbot.waitUntil(
        lambda: "The canary was skipped under time pressure." in visible_text(window), timeout=1000
    )
    assert window.held_count == 0
    # Keeping: ignoring the finding lets the original sentence through.
    session.debrief.timeline[0].text = f"{BLAMING} {LATER}"
    session.touch("timeline")
    qtbot.waitUntil(lambda: "canary" not in visible_text(window), timeout=1000)
    assert BLAMING not in visible_text(window)
    (finding,) = language.held_sentences("timeline[0].text", f"{BLAMING} {LATER}") and [
        f for f in language.checker.check(f"{BLAMING} {LATER}") if f.has("blame")
    ]
    language.ignore_here("timeline[0].text", finding)
    window.refresh()
    assert BLAMING in visible_text(window)


def test_the_option_off_shows_the_text_as_written(qtbot: QtBot, tmp_path: Path) -> None:
    session, _service = open_session(tmp_path, _fill)
    window = _window(qtbot, session, LanguageSupport(), reframe=False)
    session.set_phase(phase_index(session, "timeline"))
    assert BLAMING in visible_text(window)
    window.set_reframe(True)
    assert BLAMING not in visible_text(window)


def test_the_option_is_remembered_offered_in_the_menu_and_counts_what_is_held(
    qtbot: QtBot, tmp_path: Path
) -> None:
    session, _service = open_session(tmp_path, _fill)
    session.set_phase(phase_index(session, "timeline"))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    host = QWidget()
    qtbot.addWidget(host)
    controls = SharedScreenControls(session, host, settings, language=LanguageSupport())
    action = controls.actions["reframe"]
    assert action in controls.menu(host).actions() and action.isEnabled()
    action.setChecked(True)
    assert load_options(settings).reframe
    controls.actions["open"].trigger()
    assert controls.window is not None
    qtbot.addWidget(controls.window)
    assert controls.window.options.reframe
    assert "1 held back" in action.text()
    assert BLAMING not in all_text(controls.window)
    controls.window.close()


def test_without_the_checker_the_option_is_offered_disabled(qtbot: QtBot, tmp_path: Path) -> None:
    session, _service = open_session(tmp_path, _fill)
    host = QWidget()
    qtbot.addWidget(host)
    controls = SharedScreenControls(session, host, None)
    assert not controls.actions["reframe"].isEnabled()

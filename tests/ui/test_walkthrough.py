"""Walk a whole debrief through every phase by driving the widgets, then reopen it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from facilitator.domain.model import Answer, FactorKind, Priority, texts
from facilitator.domain.script import MeetingScript, default_script
from facilitator.storage import DebriefService
from facilitator.ui.language_hook import make_language_support
from facilitator.ui.main_window import MainWindow
from facilitator.ui.parts.actions import ActionsEditor
from facilitator.ui.parts.forms import CheckpointEditor, ClassificationEditor, DetailsEditor
from facilitator.ui.parts.lists import FactorsEditor, NoteListEditor, ParticipantsEditor
from facilitator.ui.parts.report import LinksEditor, ReviewEditor
from facilitator.ui.parts.timeline import TimelineEditor
from facilitator.ui.parts.timing import TimingEditor

from support.qt_driving import edit, focused, next_phase, page, part, set_cell, shortcut, type_into

T0 = datetime(2026, 3, 13, 23, 40, tzinfo=UTC)


def _walk(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.mouseClick(window.library.new_button, Qt.MouseButton.LeftButton)
    assert window.session.debrief is not None
    assert window.session.phase.id == "opening"

    # 1 Opening
    details = part(window, DetailsEditor)
    type_into(qtbot, details.title, "Checkout errors after deploy")
    type_into(qtbot, details.incident, "INC-77")
    purpose = edit(window, "purpose")
    assert purpose.text().startswith("We are here")  # pre-filled from the script template
    purpose.moveCursor(purpose.textCursor().MoveOperation.End)
    type_into(qtbot, purpose, " Extra words.")
    assert "Checkout errors" in window.windowTitle()
    window.session.start_timer()
    next_phase(qtbot, window)

    # 2 Participants: a click on Add opens the name; Tab moves on to the role
    people = part(window, ParticipantsEditor)
    for name, role in (("Maya", "Facilitator"), ("Ravi", "On call")):
        qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(focused(), name)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(), role)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    next_phase(qtbot, window)

    # 3 Timeline: three events by Ctrl+T, then times, moments and text
    timeline = part(window, TimelineEditor)
    combo = timeline.zone_box
    combo.setCurrentText("UTC")
    combo.activated.emit(0)
    for _ in range(3):
        shortcut(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert len(window.session.debrief.timeline) == 3
    for offset in (20, 7, 0):  # set the last row earliest: rows must re-sort each time
        set_cell(qtbot, timeline, 2, "at", T0 + timedelta(minutes=offset))
    times = [e.at for e in window.session.debrief.timeline]
    assert times == sorted(times)
    assert times[0] == T0
    for index, moment_label in enumerate(("Started", "Detected", "Mitigated")):
        set_cell(qtbot, timeline, index, "kind", f"● {moment_label}")
    for index, text in enumerate(("Config pushed", "Error alert fired", "Rolled back")):
        set_cell(qtbot, timeline, index, "text", text)
    assert "to detect 7 min" in timeline.figures.text()
    next_phase(qtbot, window)

    # 4 Response, 5 Impact
    type_into(qtbot, edit(window, "response"), "We rolled back the config.")
    next_phase(qtbot, window)
    type_into(qtbot, edit(window, "impact"), "18% of checkouts failed.")
    next_phase(qtbot, window)

    # 6 Detection, 7 Fix
    detection = part(window, TimingEditor)
    assert detection.measured.text() == "7 min"
    assert detection.verdict.text().startswith("Over")
    qtbot.mouseClick(detection.buttons[Answer.NO], Qt.MouseButton.LeftButton)
    type_into(qtbot, edit(window, "detection.notes"), "Alert watched errors, not the pool.")
    next_phase(qtbot, window)
    fix = part(window, TimingEditor)
    assert fix.measured.text() == "13 min"
    fix.target.setValue(15)
    assert fix.verdict.text().startswith("Within")
    qtbot.mouseClick(fix.buttons[Answer.YES], Qt.MouseButton.LeftButton)
    type_into(qtbot, edit(window, "fix.notes"), "Rollback was quick.")
    next_phase(qtbot, window)

    # 8 What went wrong
    factors = part(window, FactorsEditor)
    qtbot.mouseClick(factors.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(focused(), "Third page of the night")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    set_cell(qtbot, factors, 0, "kind", "Human conditions")
    wrong = part(window, NoteListEditor, "went_wrong")
    qtbot.mouseClick(wrong.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, edit(window, "went_wrong[0]"), "The pool limit was not visible")
    next_phase(qtbot, window)

    # 9 What went right, 10 Learnings
    right = part(window, NoteListEditor, "went_right")
    qtbot.mouseClick(right.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, edit(window, "went_right[0]"), "Rollback worked first time")
    next_phase(qtbot, window)
    learnings = part(window, NoteListEditor, "learnings")
    for text in ("Pools need alerts", "Night approvals slow us", "Configs are code"):
        qtbot.mouseClick(learnings.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(focused(), text)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert learnings.count.text().startswith("3 written")
    next_phase(qtbot, window)

    # 11 Action items: the "no" on detection prompts an item
    actions = part(window, ActionsEditor)
    assert set(actions.prompt_buttons) == {"detection"}  # fix was answered "yes"
    qtbot.mouseClick(actions.prompt_buttons["detection"], Qt.MouseButton.LeftButton)
    assert not actions.prompt_buttons
    qtbot.keyClicks(focused(), "Alert on pool saturation")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    set_cell(qtbot, actions, 0, "owner", "Ravi")
    set_cell(qtbot, actions, 0, "ticket", "OPS-1")
    set_cell(qtbot, actions, 0, "priority", "P2")
    next_phase(qtbot, window)

    # 12 Classification
    classification = part(window, ClassificationEditor)
    classification.severity.setCurrentIndex(classification.severity.findData("SEV2"))
    classification.severity.activated.emit(classification.severity.currentIndex())
    type_into(qtbot, classification.services, "checkout, payments")
    type_into(qtbot, edit(window, "primary_cause"), "Config change")
    type_into(qtbot, classification.tags, "config")
    next_phase(qtbot, window)

    # 13 Close
    type_into(qtbot, edit(window, "summary"), "A config change starved the pool.")
    assert part(window, CheckpointEditor)
    assert window.session.debrief.checkpoint_at is not None
    links = part(window, LinksEditor)
    qtbot.mouseClick(links.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(focused(), "Pool dashboard")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "https://grafana.example.com/d/pool")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    review = part(window, ReviewEditor)
    type_into(qtbot, review.owner, "Ravi")
    shortcut(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.session.phase.id == "close"  # the last phase stays put

    # The private panel
    assert window.editor is not None
    type_into(qtbot, window.editor.private.notes, "Ask Ravi about approvals")
    qtbot.mouseClick(window.editor.private.parking.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(focused(), "Pager rota")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    # Going back never loses anything.
    shortcut(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page(window).phase.id == "classification"
    assert classification.services.text() == "checkout, payments"
    assert all(mark.startswith("✓") for mark in _marks(window)[1:])


def _marks(window: MainWindow) -> list[str]:
    assert window.editor is not None
    nav = window.editor.navigator
    return [nav.item(i).text() for i in range(nav.count())]


def test_a_whole_debrief_survives_closing_and_reopening(
    qtbot: QtBot, db_url: str, tmp_path, script: MeetingScript
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    service = DebriefService(db_url)
    # With the language checker attached, as the app runs it.
    window = MainWindow(service, settings, script, language_factory=make_language_support)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    _walk(qtbot, window)
    debrief_id = window.session.debrief.id
    window.close()
    service.close()

    service2 = DebriefService(db_url)
    d = service2.load(debrief_id)
    assert d.title == "Checkout errors after deploy"
    assert d.incident == "INC-77"
    assert d.purpose.endswith(" Extra words.")
    assert [(p.name, p.role) for p in d.participants] == [
        ("Maya", "Facilitator"),
        ("Ravi", "On call"),
    ]
    assert [e.text for e in d.timeline] == ["Config pushed", "Error alert fired", "Rolled back"]
    assert d.started_at == T0
    assert d.detected_at == T0 + timedelta(minutes=7)
    assert d.mitigated_at == T0 + timedelta(minutes=20)
    assert d.timezone == "UTC"
    assert d.response == "We rolled back the config."
    assert d.impact == "18% of checkouts failed."
    assert (d.detection.answer, d.detection.notes) == (
        Answer.NO,
        "Alert watched errors, not the pool.",
    )
    assert (d.fix.answer, d.fix.target_minutes) == (Answer.YES, 15)
    assert d.contributing_factors[0].kind == FactorKind.HUMAN
    assert d.contributing_factors[0].text == "Third page of the night"
    assert texts(d.went_wrong) == ["The pool limit was not visible"]
    assert texts(d.went_right) == ["Rollback worked first time"]
    assert texts(d.learnings) == [
        "Pools need alerts",
        "Night approvals slow us",
        "Configs are code",
    ]
    item = d.action_items[0]
    assert (item.title, item.owner, item.ticket, item.priority, item.answers) == (
        "Alert on pool saturation",
        "Ravi",
        "OPS-1",
        Priority.P2,
        "detection",
    )
    assert d.severity == "SEV2"
    assert d.services == ["checkout", "payments"]
    assert d.tags == ["config"]
    assert d.primary_cause == "Config change"
    assert d.summary == "A config change starved the pool."
    assert d.checkpoint_at is not None and d.meeting_at is not None
    assert d.checkpoint_at == (d.meeting_at.date() + timedelta(days=14))
    assert d.private_notes == "Ask Ravi about approvals"
    assert texts(d.parking_lot) == ["Pager rota"]
    assert [(link.label, link.url) for link in d.links] == [
        ("Pool dashboard", "https://grafana.example.com/d/pool")
    ]
    assert d.owner == "Ravi"

    # A new window on the same database shows it all again.
    window2 = MainWindow(service2, settings, default_script())
    qtbot.addWidget(window2)
    window2.show()
    assert window2.library.model.rowCount() == 1
    window2.open_debrief(debrief_id)
    assert part(window2, DetailsEditor).title.text() == "Checkout errors after deploy"
    window2.session.set_phase(window2.session.script.phase_for_part("timeline") or 0)
    assert edit(window2, "timeline[1].text").text() == "Error alert fired"
    window2.close()
    service2.close()

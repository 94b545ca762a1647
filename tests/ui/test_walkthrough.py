"""Walk a whole debrief through every phase by driving the widgets, then reopen it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLineEdit
from pytestqt.qtbot import QtBot

from facilitator.domain.model import Answer, FactorKind, Priority, texts
from facilitator.domain.script import MeetingScript, default_script
from facilitator.storage import DebriefService
from facilitator.ui.language_hook import make_language_support
from facilitator.ui.main_window import MainWindow
from facilitator.ui.parts.actions import ActionsEditor
from facilitator.ui.parts.forms import CheckpointEditor, ClassificationEditor, DetailsEditor
from facilitator.ui.parts.lists import FactorsEditor, NoteListEditor, ParticipantsEditor
from facilitator.ui.parts.timeline import TimelineEditor
from facilitator.ui.parts.timing import TimingEditor
from facilitator.ui.qtime import to_qdatetime

from support.qt_driving import edit, next_phase, page, part, shortcut, type_into

T0 = datetime(2026, 3, 13, 23, 40, tzinfo=UTC)


def _set_time(qtbot: QtBot, widget: QDateTimeEdit, at: datetime) -> None:
    widget.setDateTime(to_qdatetime(at, widget.timeZone()))
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _rows_of(editor: TimelineEditor) -> list[tuple[QDateTimeEdit, QComboBox, QComboBox]]:
    return editor.rows


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

    # 2 Participants
    people = part(window, ParticipantsEditor)
    for name, role in (("Maya", "Facilitator"), ("Ravi", "On call")):
        qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
        name_edit, role_edit = people.findChildren(QLineEdit)[-2:]
        type_into(qtbot, name_edit, name)
        type_into(qtbot, role_edit, role)
    next_phase(qtbot, window)

    # 3 Timeline: three events by Ctrl+T, then times, moments and text
    timeline = part(window, TimelineEditor)
    for _ in range(3):
        shortcut(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert len(window.session.debrief.timeline) == 3
    combo = timeline.zone_box
    combo.setCurrentText("UTC")
    combo.activated.emit(0)
    for offset in (20, 7, 0):  # set the last row earliest: rows must re-sort each time
        when, _kind, _moment = _rows_of(timeline)[-1]
        _set_time(qtbot, when, T0 + timedelta(minutes=offset))
    times = [e.at for e in window.session.debrief.timeline]
    assert times == sorted(times)
    assert times[0] == T0
    for index, moment_label in enumerate(("Problem started", "Detected", "Mitigated")):
        _when, _kind, moment = _rows_of(timeline)[index]
        moment.setCurrentIndex(moment.findText(moment_label))
    for index, text in enumerate(("Config pushed", "Error alert fired", "Rolled back")):
        type_into(qtbot, edit(window, f"timeline[{index}].text"), text)
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
    kind = factors.findChildren(QComboBox)[0]
    kind.setCurrentIndex(kind.findData(FactorKind.HUMAN))
    type_into(qtbot, edit(window, "contributing_factors[0].text"), "Third page of the night")
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
    for index, text in enumerate(
        ("Pools need alerts", "Night approvals slow us", "Configs are code")
    ):
        qtbot.mouseClick(learnings.add_button, Qt.MouseButton.LeftButton)
        type_into(qtbot, edit(window, f"learnings[{index}]"), text)
    assert learnings.count.text().startswith("3 written")
    next_phase(qtbot, window)

    # 11 Action items: the "no" on detection prompts an item
    actions = part(window, ActionsEditor)
    assert set(actions.prompt_buttons) == {"detection"}  # fix was answered "yes"
    qtbot.mouseClick(actions.prompt_buttons["detection"], Qt.MouseButton.LeftButton)
    assert not actions.prompt_buttons
    type_into(qtbot, edit(window, "action_items[0].title"), "Alert on pool saturation")
    qtbot.wait(1)  # let the rebuilt row show and the old one go
    owner, ticket = [w for w in actions.findChildren(QLineEdit) if w.isVisible()][:2]
    type_into(qtbot, owner, "Ravi")
    type_into(qtbot, ticket, "OPS-1")
    priority = next(c for c in actions.findChildren(QComboBox) if c.toolTip() == "Priority")
    priority.setCurrentIndex(priority.findData(Priority.P2))
    next_phase(qtbot, window)

    # 12 Classification
    classification = part(window, ClassificationEditor)
    classification.severity.setCurrentIndex(classification.severity.findData("SEV2"))
    type_into(qtbot, classification.services, "checkout, payments")
    type_into(qtbot, edit(window, "primary_cause"), "Config change")
    type_into(qtbot, classification.tags, "config")
    next_phase(qtbot, window)

    # 13 Close
    type_into(qtbot, edit(window, "summary"), "A config change starved the pool.")
    assert part(window, CheckpointEditor)
    assert window.session.debrief.checkpoint_at is not None
    shortcut(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.session.phase.id == "close"  # the last phase stays put

    # The private panel
    assert window.editor is not None
    type_into(qtbot, window.editor.private.notes, "Ask Ravi about approvals")
    qtbot.mouseClick(window.editor.private.parking.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, window.editor.private.parking.find_edit("parking_lot[0]"), "Pager rota")
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

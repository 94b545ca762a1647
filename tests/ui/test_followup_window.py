"""Follow-up in the main window: badge and reminder, board, checkpoint on the shared screen,
monthly review, calendar file, the checkpoint page's state."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.domain.model import ActionItem, ActionStatus, Debrief, Priority
from facilitator.followup.review import Decision
from facilitator.storage import DebriefService
from facilitator.ui.followup import dialogs
from facilitator.ui.followup.review_page import ReviewPage
from facilitator.ui.main_window import MainWindow

from support.samples import sample_debrief

TODAY = date(2026, 4, 2)


@pytest.fixture
def filled(qtbot: QtBot, service: DebriefService, window: MainWindow) -> MainWindow:
    service.save(sample_debrief())
    service.save(
        Debrief(
            title="DNS resolver outage",
            checkpoint_at=date(2026, 5, 1),
            action_items=[ActionItem("Second resolver", "Lin", Priority.P3, date(2026, 6, 1))],
        )
    )
    window.follow_up._today = TODAY
    window.refresh_library()
    window.follow_up.remind()
    return window


def test_badge_and_status_bar_name_the_overdue_checkpoint(filled: MainWindow) -> None:
    assert filled.follow_up.badge.text() == "Action items · 1 checkpoint due · 2 past due"
    message = filled.statusBar().currentMessage()
    assert "“Checkout errors after payment g…” overdue by 3 days" in message
    assert "2 action items are past due" in message


def test_ctrl_b_shows_the_board_and_enter_opens_the_debrief(
    qtbot: QtBot, filled: MainWindow
) -> None:
    filled.follow_up.actions["board"].trigger()
    board = filled.follow_up.board
    assert filled.stack.currentWidget() is board
    assert board.model.rowCount() == 3
    board.table.selectRow(board.model.row_of(sample_debrief().id, board.model.record(0).uid))
    qtbot.keyClick(board.table, Qt.Key.Key_Return)
    assert filled.session.debrief is not None
    assert filled.stack.currentWidget() is filled.editor


def _page(window: MainWindow) -> ReviewPage:
    page = window.follow_up.page
    assert page is not None and window.stack.currentWidget() is page
    return page


def test_a_checkpoint_with_the_room(
    qtbot: QtBot,
    filled: MainWindow,
    service: DebriefService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    debrief_id = sample_debrief().id
    filled.follow_up.hold_checkpoint(debrief_id)
    page = _page(filled)
    room = filled.shared.open()
    assert room.content.view is not None
    assert room.content.view.title == "Validate pool limits in CI"
    assert room.content.view.counter == "Checkpoint  ·  item 1 of 2"
    qtbot.mouseClick(page.buttons[Decision.DONE], Qt.MouseButton.LeftButton)
    page.note.setFocus()
    qtbot.keyClicks(page.note, "Merged on Tuesday")
    qtbot.waitUntil(lambda: not page.controller._pending_notes, timeout=3000)
    qtbot.mouseClick(page.next, Qt.MouseButton.LeftButton)
    assert room.content.view.title == "Saturation alert on payment pool"
    # Dropping needs a reason; once typed, it is saved.
    qtbot.mouseClick(page.buttons[Decision.DROPPED], Qt.MouseButton.LeftButton)
    assert page.reason.isVisible()
    assert page.controller.choice_of(page.controller.current) is None
    page.reason.setFocus()
    qtbot.keyClicks(page.reason, "A better signal replaced it")
    qtbot.waitUntil(lambda: page.controller.decided() == 2, timeout=3000)
    sections = {s.heading: s for s in room.content.view.sections}
    assert sections["The room's decision"].items[0].meta == "A better signal replaced it"
    stored = service.load(debrief_id).action_items
    assert [a.status for a in stored] == [ActionStatus.DONE, ActionStatus.WONT_DO]
    page.show_finish()
    assert not page.closing.plan_next.isChecked()  # nothing stays open
    page.closing.finish()
    assert service.load(debrief_id).checkpoint_at == TODAY
    assert room.content.view.title == "Checkpoint: summary"
    out = tmp_path / "checkpoint.docx"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: str(out))
    page.closing.export("docx")
    assert out.stat().st_size > 5000
    md = tmp_path / "checkpoint.md"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: str(md))
    page.closing.export("md")
    text = md.read_text(encoding="utf-8")
    assert "Merged on Tuesday" in text and "A better signal replaced it" in text
    qtbot.mouseClick(page.closing.done_button, Qt.MouseButton.LeftButton)
    assert filled.stack.currentWidget() is filled.follow_up.board
    assert room.content.view.title == "Waiting for the debrief"  # back to the meeting's view


def test_still_relevant_proposes_the_next_checkpoint(
    qtbot: QtBot, filled: MainWindow, service: DebriefService
) -> None:
    debrief_id = sample_debrief().id
    filled.follow_up.hold_checkpoint(debrief_id)
    page = _page(filled)
    page.new_due.setDate(page.new_due.date().addDays(20))
    qtbot.mouseClick(page.buttons[Decision.STILL_RELEVANT], Qt.MouseButton.LeftButton)
    page.show_finish()
    assert page.closing.plan_next.isChecked()
    page.closing.finish()
    assert service.load(debrief_id).checkpoint_at == TODAY + timedelta(days=14)


def test_the_monthly_review_goes_oldest_first_over_every_debrief(
    qtbot: QtBot, filled: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled.follow_up.monthly_review()
    page = _page(filled)
    titles = [r.title for r in page.controller.items]
    assert titles[-1] == "Second resolver"  # the DNS debrief has no date: last
    assert page.controller.monthly and "\n" in page.items_model.index(0).data()
    for _ in titles:
        qtbot.mouseClick(page.buttons[Decision.DONE], Qt.MouseButton.LeftButton)
        page.controller.step(1)
    page.show_finish()
    page.closing.finish()
    md = tmp_path / "monthly.md"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: str(md))
    page.closing.export("md")
    assert "## What closed" in md.read_text(encoding="utf-8")


def test_add_checkpoint_to_calendar(
    filled: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "c.ics"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: str(out))
    filled.library.table.selectRow(
        next(r for r in range(filled.library.proxy.rowCount())
             if filled.library.proxy.index(r, 0).data().startswith("Checkout"))
    )  # fmt: skip
    filled.follow_up.actions["calendar"].trigger()
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert cal.walk("VEVENT")[0].decoded("DTSTART").date() == date(2026, 3, 30)


def test_the_checkpoint_page_shows_its_state(filled: MainWindow) -> None:
    filled.open_debrief(sample_debrief().id)
    index = filled.session.script.phase_for_part("checkpoint")
    assert index is not None
    filled.go_to_phase(index)
    editor = filled.editor
    assert editor is not None
    part = next(p for p in editor.pages[index].parts if p.part == "checkpoint")
    assert "2 action items open" in part.state.text()  # type: ignore[attr-defined]

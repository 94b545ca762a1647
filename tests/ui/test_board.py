"""The action-items board: filters, counts, inline changes saved with history, Enter, export."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from facilitator.domain.model import ActionItem, ActionStatus, Debrief, Priority
from facilitator.followup.filters import DueFilter, StatusFilter
from facilitator.storage import DebriefService
from facilitator.storage.followup import FollowUpService
from facilitator.ui.followup import dialogs
from facilitator.ui.followup.board import ActionBoard
from facilitator.ui.followup.board_model import DUE, OWNER, PRIORITY, STATUS

from support.samples import sample_debrief

TODAY = date(2026, 4, 1)


@pytest.fixture
def board(qtbot: QtBot, service: DebriefService, settings: QSettings) -> ActionBoard:
    service.save(sample_debrief())
    service.save(
        Debrief(
            title="DNS resolver outage",
            services=["dns"],
            action_items=[
                ActionItem("Second resolver", "Lin", Priority.P3),
                ActionItem("Docs page", status=ActionStatus.DONE),
            ],
        )
    )
    widget = ActionBoard(FollowUpService(service), settings, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1280, 600)
    widget.show()
    widget.refresh()
    return widget


def _titles(board: ActionBoard) -> list[str]:
    return [board.model.record(r).title for r in range(board.model.rowCount())]


def _pick(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_lists_open_items_with_counts(board: ActionBoard) -> None:
    assert sorted(_titles(board)) == [
        "Saturation alert on payment pool",
        "Second resolver",
        "Validate pool limits in CI",
    ]
    assert board.counts.text().startswith("3 open (1 in progress)  ·  2 overdue")
    assert board.counts.text().endswith("showing 3")


def test_filters(board: ActionBoard) -> None:
    _pick(board.status_filter, StatusFilter.ALL)
    assert len(_titles(board)) == 4
    _pick(board.service_filter, "dns")
    assert sorted(_titles(board)) == ["Docs page", "Second resolver"]
    _pick(board.service_filter, "")
    _pick(board.due_filter, DueFilter.OVERDUE)
    assert sorted(_titles(board)) == [
        "Saturation alert on payment pool",
        "Validate pool limits in CI",
    ]
    _pick(board.due_filter, DueFilter.ANY)
    _pick(board.owner_filter, "Lin")
    assert _titles(board) == ["Second resolver"]
    _pick(board.owner_filter, "")
    _pick(board.priority_filter, "P1")
    assert _titles(board) == ["Validate pool limits in CI"]
    _pick(board.priority_filter, "")
    _pick(board.tag_filter, "config")
    assert len(_titles(board)) == 2
    board.no_ticket.setChecked(True)
    assert _titles(board) == []


def test_inline_change_is_saved_with_history_and_shown(
    qtbot: QtBot, board: ActionBoard, service: DebriefService, settings: QSettings
) -> None:
    settings.setValue("follow_up/name", "Maya")
    model = board.model
    debrief_id = sample_debrief().id
    row = model.row_of(debrief_id, service.load(debrief_id).action_items[0].uid)
    assert model.setData(model.index(row, STATUS), "done")
    assert model.setData(model.index(row, PRIORITY), "P2")
    assert model.setData(model.index(row, DUE), date(2026, 4, 10))
    assert model.setData(model.index(row, OWNER), "  Ada   Okafor ") is False  # same, after tidying
    stored = service.load(sample_debrief().id).action_items[0]
    assert (stored.status, stored.priority, stored.due) == (
        ActionStatus.DONE, Priority.P2, date(2026, 4, 10),
    )  # fmt: skip
    # The row stays in view until the filter changes, so it does not jump away under the cursor.
    assert model.index(row, STATUS).data() == "Done"
    tip = model.index(row, STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Maya: status Open → Done" in tip and "Maya: priority P1 → P2" in tip
    assert board.counts.text().startswith("2 open")


def test_a_pasted_log_is_refused_as_an_owner(qtbot: QtBot, board: ActionBoard) -> None:
    model = board.model
    with qtbot.waitSignal(board.message) as said:
        assert not model.setData(model.index(0, OWNER), "x" * 10_000)
    assert "at most 500" in said.args[0]
    assert model.index(0, OWNER).data() != "x" * 10_000


def test_a_failed_save_is_told_and_not_shown(
    qtbot: QtBot, board: ActionBoard, service: DebriefService
) -> None:
    debrief_id = sample_debrief().id
    uid = service.load(debrief_id).action_items[0].uid
    service.delete(debrief_id)
    model = board.model
    row = model.row_of(debrief_id, uid)
    with qtbot.waitSignal(board.message) as said:
        assert not model.setData(model.index(row, STATUS), "done")
    assert "no longer stored" in said.args[0]
    assert model.index(row, STATUS).data() == "Open"


def test_enter_opens_the_debrief_and_esc_goes_back(qtbot: QtBot, board: ActionBoard) -> None:
    board.table.setFocus()
    board.table.selectRow(0)
    with qtbot.waitSignal(board.openDebrief) as opened:
        qtbot.keyClick(board.table, Qt.Key.Key_Return)
    assert opened.args[0] == board.model.record(0).debrief_id
    with qtbot.waitSignal(board.backRequested):
        qtbot.keyClick(board, Qt.Key.Key_Escape)


def test_a_wheel_over_an_unfocused_filter_changes_nothing(qtbot: QtBot, board: ActionBoard) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    board.table.setFocus()
    before = board.status_filter.currentIndex()
    centre = QPointF(board.status_filter.rect().center())
    event = QWheelEvent(
        centre, board.status_filter.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(board.status_filter, event)
    assert board.status_filter.currentIndex() == before


def test_export_for_jira_writes_the_shown_items(
    board: ActionBoard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: QSettings
) -> None:
    out = tmp_path / "jira.csv"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: str(out))
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "postmortem")
    board.exports.change_label()
    board.exports.bom_action.setChecked(True)
    _pick(board.owner_filter, "Lin")
    board.exports.export("jira")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == ["Second resolver"]
    assert rows[1][6] == "postmortem" and settings.value("follow_up/bom", type=bool)


def test_the_name_changes_are_recorded_as(
    board: ActionBoard, monkeypatch: pytest.MonkeyPatch, settings: QSettings
) -> None:
    assert "your computer's user name" in board.who_label.text()
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Maya Chen")
    board.change_name()
    assert board.who_label.text() == "Changes are recorded as “Maya Chen” (set in Facilitator)."


def test_the_board_fits_a_small_projector(board: ActionBoard) -> None:
    # Its minimum width sets the window's: past the screen, columns would be cut off.
    assert board.minimumSizeHint().width() <= 1024

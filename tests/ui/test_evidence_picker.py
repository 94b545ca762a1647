"""The import dialog on its own: loading, filtering, choosing, moments, zones, people, errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog
from pytestqt.qtbot import QtBot

from facilitator.domain.model import Debrief, EventKind
from facilitator.language import default_checker
from facilitator.ui.evidence.candidate_model import CHOSEN, FINDINGS, KIND, MOMENT, TEXT, TIME
from facilitator.ui.evidence.people_model import NOBODY, TARGET
from facilitator.ui.evidence.picker import ImportDialog, ImportRequest

from support.samples import sample_debrief
from support.slack_export import busy_incident_export, incident_export

TRANSCRIPT = (
    "[23:58] ada: the checkout error ratio alert is firing\n"
    "[23:59] ravi: paging payments, Ada forgot the pool limit\n"
    "[00:04] ada: rolled back to v41\n"
)


@pytest.fixture
def debrief() -> Debrief:
    return sample_debrief()


@pytest.fixture
def dialog(qtbot: QtBot, debrief: Debrief) -> ImportDialog:
    widget = ImportDialog(debrief, default_checker())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown_texts(dialog: ImportDialog) -> list[str]:
    proxy = dialog.proxy
    return [proxy.index(r, TEXT).data() for r in range(proxy.rowCount())]


def select(dialog: ImportDialog, *view_rows: int) -> None:
    selection = dialog.table.selectionModel()
    selection.clearSelection()
    selection.setCurrentIndex(
        dialog.proxy.index(view_rows[-1], TEXT), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    for row in view_rows:
        selection.select(
            dialog.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_a_slack_export_opens_on_the_incident_channel_with_everything_chosen(
    dialog: ImportDialog, tmp_path: Path
) -> None:
    assert dialog.stack.currentIndex() == 0 and not dialog.add_button.isVisible()
    assert dialog.load_path(incident_export().write_zip(tmp_path / "acme.zip"))
    assert dialog.stack.currentIndex() == 1 and dialog.add_button.isVisible()
    assert dialog.source_label.text().startswith("Slack export acme.zip #inc-checkout: 6")
    assert dialog.options.channels.text() == "#inc-checkout"
    assert dialog.proxy.rowCount() == 6
    assert dialog.add_button.text() == "Add 6 events"
    assert "new participant: Lin Wu" in dialog.counts.text()
    reply = dialog.proxy.index(1, TIME).data()
    assert reply.startswith("↳ ")  # the reply sits under its parent
    assert not dialog.options.zone.isEnabled()  # Slack times carry their own offset


def test_search_person_and_flagged_filters(dialog: ImportDialog) -> None:
    dialog.load_text(TRANSCRIPT)
    dialog.search.setText("ROLLED back")
    assert shown_texts(dialog) == ["rolled back to v41"]
    assert "1 shown" in dialog.counts.text()
    dialog.search.clear()
    dialog.person.setCurrentIndex(dialog.person.findData("ravi"))
    dialog.person.activated.emit(dialog.person.currentIndex())
    assert shown_texts(dialog) == ["paging payments, Ada forgot the pool limit"]
    dialog.person.setCurrentIndex(0)
    dialog.person.activated.emit(0)
    dialog.flagged.setChecked(True)
    assert dialog.proxy.rowCount() == 1
    assert dialog.proxy.index(0, FINDINGS).data() == "⚑ “Ada forgot”"
    assert "Blame" in dialog.proxy.index(0, FINDINGS).data(Qt.ItemDataRole.ToolTipRole)


def test_duplicates_are_marked_left_out_and_can_be_hidden(qtbot: QtBot, debrief: Debrief) -> None:
    # The sample timeline holds "Error-ratio alert paged on-call." at 00:02 Berlin time.
    dialog = ImportDialog(debrief, default_checker())
    qtbot.addWidget(dialog)
    dialog.load_text(TRANSCRIPT + "[00:02] ada: error ratio alert paged the on-call\n")
    model = dialog.model
    assert model.index(3, CHOSEN).data() == "≈"
    assert model.index(3, CHOSEN).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert "already on the timeline" in model.index(3, CHOSEN).data(Qt.ItemDataRole.ToolTipRole)
    assert dialog.add_button.text() == "Add 3 events"
    dialog.hide_duplicates.setChecked(True)
    assert dialog.proxy.rowCount() == 3


def test_space_toggles_the_selection_and_buttons_choose_what_is_shown(
    qtbot: QtBot, dialog: ImportDialog
) -> None:
    dialog.load_text(TRANSCRIPT)
    select(dialog, 0, 2)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.model.choice.chosen == [False, True, False]
    assert dialog.add_button.text() == "Add 1 event"
    dialog.search.setText("a")
    buttons = {b.text(): b for b in dialog.findChildren(type(dialog.add_button))}
    buttons["Leave out all shown"].click()
    assert dialog.model.choice.count == 0 and not dialog.add_button.isEnabled()
    buttons["Choose all shown"].click()
    assert dialog.model.choice.count == 3


def test_a_time_range_by_first_and_last_and_everything_from_one_person(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path
) -> None:
    dialog.load_path(busy_incident_export(60).write_zip(tmp_path / "busy.zip"))
    model = dialog.model
    select(dialog, 10, 20)
    assert dialog.range_button.isEnabled()
    dialog.range_button.click()
    first, last = model.candidate(10).at, model.candidate(20).at
    for row in range(len(model.choice)):
        candidate = model.candidate(row)
        parent_inside = candidate.reply and any(
            model.candidate(r).source == candidate.thread and model.choice.chosen[r]
            for r in range(len(model.choice))
        )
        assert model.choice.chosen[row] == (first <= candidate.at <= last or parent_inside)
    author = model.candidate(3).author
    select(dialog, 3)
    assert dialog.author_button.text() == f"Everything from {author}"
    dialog.author_button.click()
    assert all(
        model.choice.chosen[r]
        for r in range(len(model.choice))
        if model.candidate(r).author == author
    )


def open_editor(dialog: ImportDialog, row: int, column: int) -> QComboBox:
    index = dialog.proxy.index(row, column)
    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    editors = [c for c in dialog.table.viewport().findChildren(QComboBox) if c.isVisible()]
    assert len(editors) == 1
    return editors[0]


def test_kinds_and_moments_are_changed_with_drop_downs(qtbot: QtBot, dialog: ImportDialog) -> None:
    dialog.load_text(TRANSCRIPT)
    editor = open_editor(dialog, 0, MOMENT)
    assert editor.focusPolicy() == Qt.FocusPolicy.StrongFocus
    editor.setCurrentIndex(editor.findText("Detected"))
    editor.activated.emit(editor.currentIndex())
    assert dialog.model.choice.moments == {"detection": 0}
    assert dialog.proxy.index(0, MOMENT).data() == "Detected"
    editor = open_editor(dialog, 2, KIND)
    assert editor.currentText() == "Mitigation"  # the guessed kind is where the editor starts
    editor.setCurrentIndex(editor.findText("Action"))
    editor.activated.emit(editor.currentIndex())
    assert dialog.model.choice.kinds[2] is EventKind.ACTION
    assert dialog.proxy.index(2, KIND).data() == "Action"


def test_the_zone_moves_times_without_an_offset_and_the_preview_says_how(
    dialog: ImportDialog, debrief: Debrief
) -> None:
    dialog.load_text(TRANSCRIPT)
    assert dialog.options.zone.isEnabled()
    assert dialog.options.day.date().toPython() == date(2026, 3, 13)  # the incident's day
    assert dialog.proxy.index(0, TIME).data() == "Fri 23:58:00"
    assert (
        "“23:58” in the source is 23:58 Europe/Berlin = 22:58 UTC" in dialog.options.preview.text()
    )
    dialog.options.zone.setEditText("America/New_York")
    dialog.options.zone.lineEdit().editingFinished.emit()
    # 23:58 in New York (EDT) is 03:58 UTC, 04:58 in Berlin where the timeline is shown;
    # every time now falls on Saturday, so the weekday is no longer needed.
    assert dialog.proxy.index(0, TIME).data() == "04:58:00"
    assert "= 03:58 UTC, shown as 04:58" in dialog.options.preview.text()
    dialog.options.zone.setEditText("Nowhere/Special")
    dialog.options.zone.lineEdit().editingFinished.emit()
    assert "not a time zone name" in dialog.options.preview.text()
    assert dialog.proxy.index(0, TIME).data() == "04:58:00"


def test_people_can_be_mapped_elsewhere(dialog: ImportDialog, tmp_path: Path) -> None:
    dialog.load_path(incident_export().write_zip(tmp_path / "acme.zip"))
    authors = dialog.authors
    row = next(r for r in range(authors.rowCount()) if authors.index(r, 0).data() == "Lin Wu")
    assert authors.index(row, TARGET).data() == "Lin Wu (new: role to fill in)"
    options = [label for label, _value in authors.choices(authors.index(row, TARGET))]
    assert options[-2:] == ["New participant: Lin Wu", "Not a person (a tool or bot)"]
    authors.setData(authors.index(row, TARGET), NOBODY)
    assert "new participant" not in dialog.counts.text()
    authors.setData(authors.index(row, TARGET), "Ravi Patel")
    assert dialog.authors.matches()["Lin Wu"].name == "Ravi Patel"


def test_pressing_add_hands_over_the_choice(qtbot: QtBot, dialog: ImportDialog) -> None:
    dialog.load_text(TRANSCRIPT)
    dialog.model.set_chosen([1], False)
    dialog.model.setData(dialog.model.index(2, MOMENT), "mitigation")
    with qtbot.waitSignal(dialog.imported) as signal:
        dialog.add_button.click()
    request = signal.args[0]
    assert isinstance(request, ImportRequest)
    assert [c.text for c in request.chosen.candidates] == [
        "the checkout error ratio alert is firing", "rolled back to v41",
    ]  # fmt: skip
    assert request.chosen.moments == {"mitigation": 1} and request.source == "pasted"
    assert dialog.result() == ImportDialog.DialogCode.Accepted


def test_a_bad_source_shows_one_line_and_keeps_what_was_there(
    dialog: ImportDialog, tmp_path: Path
) -> None:
    dialog.load_text(TRANSCRIPT)
    cut = tmp_path / "export.zip"
    cut.write_bytes(incident_export().write_zip(tmp_path / "whole.zip").read_bytes()[:300])
    assert not dialog.load_path(cut)
    assert dialog.error.isVisible() and "not a complete ZIP file" in dialog.error.text()
    assert dialog.proxy.rowCount() == 3  # the transcript is still there
    assert not dialog.load_text("Dear team,\nhere is what happened")
    assert "line 1" in dialog.error.text()
    assert dialog.load_text(TRANSCRIPT) and not dialog.error.isVisible()


def test_csv_columns_are_picked_in_the_dialog(dialog: ImportDialog, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("When,Note,Summary\n2026-03-13 23:58,ignore me,alert firing\n")
    dialog.load_path(path)
    assert shown_texts(dialog) == ["alert firing"]  # "Summary" is the likelier text column
    box = dialog.options.column_boxes["text"]
    box.setCurrentIndex(box.findData("Note"))
    box.activated.emit(box.currentIndex())
    assert shown_texts(dialog) == ["ignore me"]


def test_slack_switches_read_again(dialog: ImportDialog, tmp_path: Path) -> None:
    dialog.load_path(incident_export().write_zip(tmp_path / "acme.zip"))
    dialog.options.bots.setChecked(True)
    assert any("FIRING" in t for t in shown_texts(dialog))
    action = next(a for a in dialog.options.channel_menu.actions() if a.data() == "general")
    action.setChecked(True)
    assert {dialog.model.candidate(r).channel for r in range(dialog.model.rowCount())} == {
        "#inc-checkout", "#general",
    }  # fmt: skip
    assert dialog.options.channels.text() == "All channels"  # both of the export's two


def test_the_file_buttons_open_without_blocking(qtbot: QtBot, dialog: ImportDialog) -> None:
    dialog.start.file_button.click()
    picker = dialog.start.findChild(QFileDialog)
    assert picker is not None and picker.isVisible()
    picker.reject()
    dialog.start.folder_button.click()
    picker = next(d for d in dialog.start.findChildren(QFileDialog) if d.isVisible())
    assert picker.fileMode() == QFileDialog.FileMode.Directory
    picker.reject()


def test_pasted_text_is_read_from_the_start_page(qtbot: QtBot, dialog: ImportDialog) -> None:
    assert not dialog.start.read_button.isEnabled()
    dialog.start.paste.setPlainText(TRANSCRIPT)
    dialog.start.read_button.click()
    assert dialog.stack.currentIndex() == 1 and dialog.proxy.rowCount() == 3


def test_the_wheel_changes_a_drop_down_only_once_it_has_focus(
    qtbot: QtBot, dialog: ImportDialog
) -> None:
    dialog.load_text(TRANSCRIPT)
    zone = dialog.options.zone
    before = zone.currentIndex()
    dialog.table.setFocus()
    wheel = QWheelEvent(
        QPointF(5, 5), QPointF(zone.mapToGlobal(QPoint(5, 5))), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(zone, wheel)
    assert zone.currentIndex() == before
    zone.setFocus()
    qtbot.waitUntil(zone.hasFocus)
    QApplication.sendEvent(zone, QWheelEvent(wheel))
    assert zone.currentIndex() != before

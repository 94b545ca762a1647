"""The window between runs and around the meeting: restore, status, help, menus, open, import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from facilitator import cli
from facilitator.domain.interchange import dumps
from facilitator.domain.model import Status
from facilitator.domain.script import MeetingScript
from facilitator.storage import DebriefService
from facilitator.ui import dialogs
from facilitator.ui.help import AboutDialog, ShortcutsDialog
from facilitator.ui.main_window import MainWindow

from support.samples import sample_debrief


def _new_window(qtbot: QtBot, service: DebriefService, settings: QSettings, script) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(service, settings, script)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_reopening_returns_to_the_last_debrief_and_phase(
    qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript
) -> None:
    debrief = sample_debrief()
    service.save(debrief)
    first = _new_window(qtbot, service, settings, script)
    first.open_debrief(debrief.id)
    first.go_to_phase(6)
    first.close()
    second = _new_window(qtbot, service, settings, script)
    assert second.restore_session()
    assert second.session.debrief is not None and second.session.debrief.id == debrief.id
    assert second.session.phase_index == 6
    # Back in the library when it closed: the library comes back.
    second.show_library()
    second.close()
    third = _new_window(qtbot, service, settings, script)
    assert not third.restore_session()
    assert third.session.debrief is None


def test_status_moves_from_draft_to_meeting_to_published(
    qtbot: QtBot, window: MainWindow, service: DebriefService, tmp_path: Path, monkeypatch
) -> None:
    from facilitator.ui import export_dialog

    debrief = sample_debrief()
    debrief.status = Status.DRAFT
    service.save(debrief)
    window.open_debrief(debrief.id)
    d = window.session.debrief
    assert d is not None
    window.session.start_timer()
    assert d.status == Status.IN_MEETING
    target = tmp_path / "out.md"
    monkeypatch.setattr(export_dialog, "choose_export_path", lambda *_a: str(target))
    monkeypatch.setattr(export_dialog, "ask_open_exported", lambda *_a: False)
    with qtbot.waitSignal(window.exports.controller.finished, timeout=10_000):
        window.actions["export_md"].trigger()
    assert d.status == Status.PUBLISHED
    assert window.session.flush() and service.load(d.id).status == Status.PUBLISHED
    assert not window.actions["published"].isEnabled()


def test_help_lists_the_keys_and_says_where_debriefs_are(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    window.actions["shortcuts"].trigger()
    shortcuts = window.findChild(ShortcutsDialog)
    assert shortcuts is not None and shortcuts.isVisible() and not shortcuts.isModal()
    rows = dict(shortcuts.rows())
    assert rows["Ctrl+T"].startswith("Add a timeline event")
    assert "Alt+Right" in rows and "F3" in rows
    shortcuts.close()
    window.actions["about"].trigger()
    about = window.findChild(AboutDialog)
    assert about is not None
    text = about.text.text()
    assert "t.db" in text and "MIT" in text
    assert "Facilitator 0." in about.findChild(type(about.text), "PhaseTitle").text()  # type: ignore[union-attr]


def test_menu_items_that_would_do_nothing_are_disabled(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    actions = window.actions
    for name in ("export_docx", "export_md", "export_json", "event", "next", "library"):
        assert not actions[name].isEnabled(), name
    assert actions["new"].isEnabled() and actions["import"].isEnabled()
    assert not actions["shared_blank"].isEnabled() and not actions["shared_replay_next"].isEnabled()
    debrief = sample_debrief()
    service.save(debrief)
    window.open_debrief(debrief.id)
    assert actions["next"].isEnabled() and not actions["previous"].isEnabled()
    assert not actions["reset"].isEnabled()  # the timer is at zero
    window.go_to_phase(len(window.session.script.phases) - 1)
    assert not actions["next"].isEnabled() and actions["previous"].isEnabled()
    assert not actions["shared_replay"].isEnabled()  # replays run on the timeline phase
    window.go_to_phase(window.session.script.phase_for_part("timeline") or 0)
    assert actions["shared_replay"].isEnabled()
    window.shared.replay.start()
    assert actions["shared_replay_next"].isEnabled()
    assert not actions["shared_replay_previous"].isEnabled()
    window.shared.open()
    assert actions["shared_blank"].isEnabled()
    window.shared.window.close()  # type: ignore[union-attr]
    assert not actions["shared_blank"].isEnabled()


def test_open_command_opens_a_debrief_at_a_phase(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    debrief = sample_debrief()
    service.save(debrief)
    assert window.open_target(debrief.id[:8], "timeline")
    assert window.session.phase.id == "timeline"
    assert window.open_target(debrief.id, "6")
    assert window.session.phase_index == 5
    assert window.phase_index("Key learnings") == window.session.script.phase_for_part("learnings")
    assert not window.open_target("ffffffff")
    assert "No debrief" in window.statusBar().currentMessage()


def test_open_command_line_reaches_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def fake_run_gui(db, **kwargs):  # type: ignore[no-untyped-def]
        seen.update(kwargs, db=db)
        return 0

    monkeypatch.setattr("facilitator.app.run_gui", fake_run_gui)
    assert cli.main(["open", "5f0c2b8e", "--phase", "timeline"]) == 0
    assert seen == {"db": None, "open_target": "5f0c2b8e", "phase": "timeline"}


def test_a_json_file_is_previewed_before_it_is_imported_and_opened(
    qtbot: QtBot, window: MainWindow, service: DebriefService, tmp_path: Path
) -> None:
    debrief = sample_debrief()
    path = tmp_path / "checkout.json"
    path.write_text(dumps(debrief), encoding="utf-8")
    assert window.open_target(str(path), "actions")
    preview = window.imports.preview
    assert preview is not None and preview.isVisible()
    assert "Checkout errors after payment gateway deploy" in preview.list.item(0).text()
    assert "5 events" in preview.list.item(0).text()
    assert not service.exists(debrief.id)  # nothing stored before Import
    preview.import_button.click()
    assert service.exists(debrief.id)
    assert window.session.debrief is not None and window.session.debrief.id == debrief.id
    assert window.session.phase.id == "actions"


def test_import_gives_the_command_lines_messages_and_stores_nothing_bad(
    qtbot: QtBot, window: MainWindow, service: DebriefService, tmp_path: Path, monkeypatch
) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(dumps(sample_debrief()), encoding="utf-8")
    data = json.loads(dumps(sample_debrief()))
    data["timeline"][0]["at"] = "yesterday"
    data["id"] = "another-id"
    bad.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_files", lambda _p: [good, bad])
    window.actions["import"].trigger()
    preview = window.imports.preview
    assert preview is not None
    lines = [preview.list.item(i).text() for i in range(preview.list.count())]
    with pytest.raises(cli.CommandError) as cli_error:
        cli._read_document(bad)
    assert lines[1] == f"✗  {cli_error.value}"
    assert lines[0].startswith("✓  good.json")
    preview.import_button.click()
    assert [s.title for s in service.list()] == ["Checkout errors after payment gateway deploy"]
    assert window.library.proxy.rowCount() == 1


def test_dropping_json_on_the_library_offers_the_import(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    path = tmp_path / "drop.json"
    path.write_text(dumps(sample_debrief()), encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(tmp_path / "x.txt"))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.library.dropEvent(event)
    preview = window.imports.preview
    assert preview is not None and preview.list.count() == 1
    preview.reject()


def test_an_already_stored_debrief_is_replaced_only_when_asked(
    qtbot: QtBot, window: MainWindow, service: DebriefService, tmp_path: Path
) -> None:
    stored = sample_debrief()
    service.save(stored)
    changed = sample_debrief()
    changed.title = "Renamed elsewhere"
    path = tmp_path / "again.json"
    path.write_text(dumps(changed), encoding="utf-8")
    window.import_files([path])
    preview = window.imports.preview
    assert preview is not None and "already in your library" in preview.list.item(0).text()
    assert preview.chosen() == []
    preview.replace.setChecked(True)
    preview.import_button.click()
    assert service.load(stored.id).title == "Renamed elsewhere"

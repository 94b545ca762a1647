"""The facilitator window with everything wired: findings, export, shared screen, team files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from facilitator.domain.script import MeetingScript
from facilitator.storage import DebriefService
from facilitator.ui import dialogs, export_dialog, preferences
from facilitator.ui.language_hook import make_language_support
from facilitator.ui.main_window import MainWindow

from support.qt_driving import edit, type_into


@pytest.fixture
def full_window(
    qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript
) -> Iterator[MainWindow]:
    win = MainWindow(service, settings, script, language_factory=make_language_support)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.shared.window is not None:
        win.shared.window.close()


def _open_summary(window: MainWindow) -> None:
    window.new_debrief()
    assert window.editor is not None
    index = window.session.script.phase_for_part("summary")
    assert index is not None
    window.go_to_phase(index)


def test_findings_count_follows_typing_and_jumps_to_the_phrase(
    qtbot: QtBot, full_window: MainWindow
) -> None:
    window = full_window
    _open_summary(window)
    assert window.findings.button.text() == "No language findings"
    summary = edit(window, "summary")
    assert window.language is not None
    with qtbot.waitSignal(window.language.findingsChanged, timeout=3000):
        type_into(qtbot, summary, "Bob forgot the flag. We should have caught it.")
    assert window.findings.button.text() == "2 language findings"
    assert window.findings.panel.count() == 2
    window.go_to_phase(0)
    first = window.findings.current()[0]
    window.findings.panel.activated.emit(first.field, first.finding.start, first.finding.end)
    assert window.session.phase_index == window.session.script.phase_for_part("summary")
    focused = edit(window, first.field)
    assert focused.textCursor().selectedText() == first.finding.text


def test_export_to_word_runs_off_the_ui_thread_and_remembers_the_folder(
    qtbot: QtBot, full_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = full_window
    _open_summary(window)
    type_into(qtbot, edit(window, "summary"), "Ada forgot the flag.")
    asked: list[int] = []
    target = tmp_path / "out" / "debrief.docx"
    target.parent.mkdir()
    monkeypatch.setattr(
        export_dialog, "ask_export_with_findings", lambda _p, n: asked.append(n) or True
    )
    monkeypatch.setattr(export_dialog, "choose_export_path", lambda *_a: str(target))
    opened: list[str] = []
    monkeypatch.setattr(
        export_dialog, "ask_open_exported", lambda _p, path: not opened.append(path)
    )
    monkeypatch.setattr(export_dialog, "open_exported", lambda _path: True)
    window.findings.refresh()
    with qtbot.waitSignal(window.exports.controller.finished, timeout=10_000):
        window.actions["export_docx"].trigger()
    assert asked == [1]
    assert opened == [str(target)]
    assert "Ada forgot the flag." in "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert window.settings.value("export/last_folder") == str(target.parent)


def test_export_failure_is_reported_not_raised(
    qtbot: QtBot, full_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = full_window
    _open_summary(window)
    monkeypatch.setattr(
        export_dialog, "choose_export_path", lambda *_a: str(tmp_path / "missing" / "x.docx")
    )
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text: errors.append(text))
    with qtbot.waitSignal(window.exports.controller.failed, timeout=10_000):
        window.actions["export_docx"].trigger()
    assert errors and "does not exist" in errors[0]


def test_shared_screen_opens_from_the_menu_and_follows_the_phase(
    qtbot: QtBot, full_window: MainWindow
) -> None:
    window = full_window
    _open_summary(window)
    window.actions["shared"].trigger()
    shared = window.shared.window
    assert shared is not None and shared.isVisible()
    window.go_to_phase(2)
    title = window.session.script.phases[2].title
    qtbot.waitUntil(lambda: title in shared.findChild(object, "RoomTitle").text(), timeout=2000)


def test_replay_panel_and_findings_live_in_the_private_column(full_window: MainWindow) -> None:
    window = full_window
    _open_summary(window)
    assert window.editor is not None
    assert window.editor.replay_panel is not None
    assert window.findings.panel.parent() is not None
    assert window.editor.private.isAncestorOf(window.findings.panel)


def test_team_rules_file_is_used_and_a_bad_one_is_explained(
    full_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = full_window
    rules = tmp_path / "team.toml"
    rules.write_text("this is [not toml")
    errors: list[str] = []
    monkeypatch.setattr(preferences, "ask_rules_file", lambda _p: rules)
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text: errors.append(text))
    window.actions["rules"].trigger()
    assert errors and "team.toml" in errors[0]
    assert window.settings.value("language/rules") is None


def test_file_menu_exports_a_pdf_in_the_language_and_paper_set(
    qtbot: QtBot, full_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    window = full_window
    _open_summary(window)
    window.settings.setValue("export/language", "en-US")
    target = tmp_path / "debrief.pdf"
    monkeypatch.setattr(export_dialog, "ask_export_with_findings", lambda _p, _n: True)
    monkeypatch.setattr(export_dialog, "choose_export_path", lambda *_a: str(target))
    monkeypatch.setattr(export_dialog, "ask_open_exported", lambda _p, _path: False)
    action = window.actions["export_pdf"]
    assert action.text() == "Export as &PDF…" and action.isEnabled()
    with qtbot.waitSignal(window.exports.controller.finished, timeout=20_000):
        action.trigger()
    reader = PdfReader(target)
    assert round(float(reader.pages[0].mediabox.width)) == 612  # Letter, for en-US
    assert window.exports.language == "en-US" and window.exports.paper == "letter"
    window.settings.setValue("export/paper", "a4")
    assert window.exports.paper == "a4"

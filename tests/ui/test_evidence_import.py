"""The import command in the main window: the menu entry, adding in one save, views reloading."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from facilitator.domain.model import Debrief, EventKind
from facilitator.storage import DebriefService
from facilitator.ui.evidence import EvidenceImport
from facilitator.ui.evidence.candidate_model import MOMENT
from facilitator.ui.evidence.picker import ImportDialog
from facilitator.ui.main_window import MainWindow
from facilitator.ui.parts.timeline import TimelineEditor

from support.qt_driving import part
from support.samples import sample_debrief
from support.slack_export import incident_export


@pytest.fixture
def opened(window: MainWindow, service: DebriefService) -> Debrief:
    debrief = sample_debrief()
    service.save(debrief)
    window.open_debrief(debrief.id)
    return debrief


def controller(window: MainWindow) -> EvidenceImport:
    found = window.findChild(EvidenceImport)
    assert found is not None
    return found


def test_the_menu_entry_sits_with_the_timeline_commands_and_needs_an_open_debrief(
    window: MainWindow, service: DebriefService
) -> None:
    action = window.actions["import_evidence"]
    meeting = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Meeting")
    assert action in meeting.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+I"
    assert not action.isEnabled()
    assert controller(window).open() is None
    debrief = service.create("x")
    window.open_debrief(debrief.id)
    assert action.isEnabled()
    window.show_library()
    assert not action.isEnabled()


def test_choosing_and_adding_changes_the_debrief_in_one_save(
    qtbot: QtBot,
    window: MainWindow,
    service: DebriefService,
    opened: Debrief,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.actions["import_evidence"].trigger()
    dialog = controller(window).dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()  # open() returned at once
    assert dialog.load_path(incident_export().write_zip(tmp_path / "acme.zip"))
    dialog.model.setData(dialog.model.index(4, MOMENT), "mitigation")
    saves: list[int] = []
    real_save = service.save

    def counting_save(debrief: Debrief, **kwargs: object) -> object:
        saves.append(len(debrief.timeline))
        return real_save(debrief, **kwargs)

    monkeypatch.setattr(service, "save", counting_save)
    before = len(opened.timeline)
    dialog.add_button.click()
    qtbot.waitUntil(lambda: controller(window).dialog is None)
    debrief = window.session.debrief
    assert debrief is not None and len(debrief.timeline) == before + 6
    imported = [e for e in debrief.timeline if e.source.startswith("slack:acme.zip#C024BE91L/")]
    assert len(imported) == 6
    assert imported[0].text.startswith("Ada Okafor: Seeing errors on checkout")
    rolled = next(e for e in imported if "Rolled back" in e.text)
    assert rolled.kind is EventKind.MITIGATION and debrief.mitigated_at == rolled.at
    assert [(p.name, p.role) for p in debrief.participants][-1] == ("Lin Wu", "")
    assert "Added 6 events from acme.zip #inc-checkout" in window.statusBar().currentMessage()
    assert "Lin Wu" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.session.dirty, timeout=3000)
    assert saves == [before + 6]  # one save, with everything in it
    stored = service.load(debrief.id)
    assert sum(1 for e in stored.timeline if e.source.startswith("slack:")) == 7  # 1 in the sample
    assert stored.mitigated_at == rolled.at


def test_the_timeline_on_screen_shows_the_new_events(
    qtbot: QtBot, window: MainWindow, opened: Debrief
) -> None:
    window.session.set_phase(window.session.script.phase_for_part("timeline") or 0)
    editor = part(window, TimelineEditor)
    rows_before = editor.model.rowCount()
    dialog = controller(window).open()
    assert dialog is not None
    dialog.load_text("[23:41] ada: deploy of gateway config v42 finished\n")
    dialog.add_button.click()
    assert part(window, TimelineEditor).model.rowCount() == rows_before + 1


def test_cancel_changes_nothing(qtbot: QtBot, window: MainWindow, opened: Debrief) -> None:
    dialog = controller(window).open()
    assert dialog is not None
    dialog.load_text("[23:41] ada: deploy finished\n")
    dialog.reject()
    qtbot.waitUntil(lambda: controller(window).dialog is None)
    assert window.session.debrief is not None
    assert len(window.session.debrief.timeline) == len(opened.timeline)
    assert not window.session.dirty


def test_a_second_request_raises_the_open_dialog(window: MainWindow, opened: Debrief) -> None:
    first = controller(window).open()
    assert controller(window).open() is first
    assert first is not None
    first.reject()

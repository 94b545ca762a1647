"""The library's care in the window: banners, edits to resolve, restore, background check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from facilitator.domain.changes import snapshot
from facilitator.domain.model import EditConflict
from facilitator.domain.script import MeetingScript
from facilitator.storage import DebriefService
from facilitator.storage import database as db
from facilitator.storage.backups import make_backup
from facilitator.ui.main_window import MainWindow

from support.samples import sample_debrief


def _window(qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript):  # type: ignore[no-untyped-def]
    window = MainWindow(service, settings, script)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_read_only_library_says_so_and_still_browses(
    qtbot: QtBot,
    tmp_path: Path,
    settings: QSettings,
    script: MeetingScript,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = f"sqlite:///{tmp_path / 'ro.db'}"
    with DebriefService(url) as service:
        service.save(sample_debrief())
    real = os.access
    monkeypatch.setattr(
        db.os, "access", lambda p, m: False if m == os.W_OK and "ro.db" in str(p) else real(p, m)
    )
    service = DebriefService(url, maintenance=False)
    window = _window(qtbot, service, settings, script)
    assert window.care.banner.isVisible()
    assert "Read-only" in window.care.banner.text.text()
    assert window.library.model.rowCount() == 1
    window.open_debrief(sample_debrief().id)
    assert window.session.debrief is not None
    window.session.debrief.impact = "not saved"
    window.session.touch("impact")
    assert not window.session.dirty
    window.close()
    service.close()


def test_edits_to_resolve_can_be_used_or_dismissed(
    qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript
) -> None:
    debrief = sample_debrief()
    debrief.conflicts = [
        EditConflict(path="impact", label="Impact", text="The other window's impact."),
        EditConflict(path="severity", label="Severity", text="SEV1"),
    ]
    service.save(debrief)
    window = _window(qtbot, service, settings, script)
    window.open_debrief(debrief.id)
    assert window.editor is not None
    panel = window.editor.conflicts
    assert panel.isVisibleTo(window.editor) and panel.model.rowCount() == 2
    panel.view.setCurrentIndex(panel.model.index(1))
    assert not panel.use.isEnabled()  # a severity is re-entered by hand, not pasted back
    panel.dismiss.click()
    panel.view.setCurrentIndex(panel.model.index(0))
    old_impact = sample_debrief().impact
    panel.use.click()
    window.session.flush()
    stored = service.load(debrief.id)
    assert stored.impact == "The other window's impact."
    assert [c.text for c in stored.conflicts] == [old_impact]
    window.close()


def test_restore_from_backup_replaces_the_library_and_keeps_the_old(
    qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript
) -> None:
    service.save(sample_debrief())
    assert service.path is not None
    backup = make_backup(service.path, "manual", output=service.path.with_name("copy.sqlite3"))
    service.delete(sample_debrief().id)
    window = _window(qtbot, service, settings, script)
    assert window.library.model.rowCount() == 0
    window.care.ask_restore()
    assert window.care.dialog is not None and window.care.dialog.isVisible()  # non-modal
    window.care.dialog.reject()
    window.care.restore(backup)
    assert window.library.model.rowCount() == 1
    assert [b.kind for b in service.backups()] == ["before-restore"]
    window.close()


def test_the_background_check_offers_a_restore_for_a_damaged_file(
    qtbot: QtBot, tmp_path: Path, settings: QSettings, script: MeetingScript
) -> None:
    url = f"sqlite:///{tmp_path / 'lib.db'}"
    service = DebriefService(url, maintenance=False)
    service.save(sample_debrief())
    window = _window(qtbot, service, settings, script)
    original = db.quick_check
    try:
        db.quick_check = lambda _engine: "row 3 missing from index"  # type: ignore[assignment]
        with qtbot.waitSignal(window.care.maintenance.finished, timeout=5000) as done:
            window.care.start()
    finally:
        db.quick_check = original  # type: ignore[assignment]
    assert done.args[1] is True
    assert window.care.banner.button.text() == "Restore from backup…"
    assert window.care.banner.isVisible()
    window.close()
    service.close()


def test_a_merge_from_another_window_reaches_the_open_editor(
    qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript
) -> None:
    service.save(sample_debrief())
    window = _window(qtbot, service, settings, script)
    window.open_debrief(sample_debrief().id)
    other = service.load(sample_debrief().id)
    base = snapshot(other)
    other.impact = "Changed in another window."
    service.save(other, base=base)
    with qtbot.waitSignal(window.session.externalChange, timeout=2500):
        pass
    assert window.session.debrief is not None
    assert window.session.debrief.impact == "Changed in another window."
    window.close()

"""The team library in the window: connect from the dialog, sync in the background, publish."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from facilitator.domain.changes import snapshot
from facilitator.domain.model import TimelineEvent
from facilitator.domain.script import MeetingScript
from facilitator.storage import DebriefService
from facilitator.team import settings as team_settings
from facilitator.team.sync import TeamStatus, TeamSync
from facilitator.ui.main_window import MainWindow
from facilitator.ui.team.status import status_text

from support.postgres import fresh_database, grant_team_roles, login_role, server_url
from support.samples import at, sample_debrief


@pytest.fixture
def editor() -> Iterator[str]:
    with fresh_database() as owner_url:
        DebriefService(owner_url, maintenance=False).close()
        grant_team_roles(owner_url)
        admin = server_url()
        assert admin is not None
        with login_role(admin, owner_url.rsplit("/", 1)[1], "facilitator_editor") as url:
            yield url


def _window(qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript):  # type: ignore[no-untyped-def]
    window = MainWindow(service, settings, script)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_status_lines_say_online_offline_waiting_and_role() -> None:
    assert status_text(TeamStatus(True, 0, "editor")) == "Team library: online · 0 changes waiting"
    assert status_text(TeamStatus(False, 2, "", "x")) == "Team library: offline · 2 changes waiting"
    assert status_text(TeamStatus(True, 1, "reader")).endswith("1 change waiting · read only")


def test_connect_publish_and_see_another_clients_edit(
    qtbot: QtBot,
    editor: str,
    service: DebriefService,
    settings: QSettings,
    script: MeetingScript,
    tmp_path: Path,
) -> None:
    service.save(sample_debrief())
    window = _window(qtbot, service, settings, script)
    window.team.open_dialog()
    dialog = window.team.dialog
    assert dialog is not None and dialog.isVisible()  # non-modal
    parsed = make_url(editor)
    dialog.url.setText(parsed._replace(password=None).render_as_string(hide_password=False))
    dialog.password.setText(parsed.password or "")
    with qtbot.waitSignal(dialog.connected, timeout=15_000):
        dialog.test.click()
    assert "Connected as" in dialog.result.text()
    assert team_settings.team_url() is not None
    dialog.close()
    assert window.team.syncer is not None
    with qtbot.waitSignal(window.team.syncer.statusChanged, timeout=15_000) as first:
        pass
    assert first.args[0].online and first.args[0].role == "editor"
    window.open_debrief(sample_debrief().id)
    assert window.team.publish_action.isEnabled()
    with qtbot.waitSignal(window.team.syncer.synced, timeout=15_000) as published:
        window.team.publish_action.trigger()
    assert published.args[0].pushed == [sample_debrief().id]
    # Another machine edits the published debrief; the open window shows it by itself.
    with DebriefService(f"sqlite:///{tmp_path / 'other.db'}", maintenance=False) as other:
        other_sync = TeamSync(other, editor)
        other_sync.sync()
        copy = other.load(sample_debrief().id)
        base = snapshot(copy)
        copy.timeline.append(TimelineEvent(at(1, 30), text="Added on the other machine."))
        other.save(copy, base=base)
        other_sync.sync()
        other_sync.close()
    assert window.session.debrief is not None

    def arrived() -> None:
        assert window.session.debrief is not None
        assert window.session.debrief.timeline[-1].text == "Added on the other machine."

    qtbot.waitUntil(arrived, timeout=10_000)
    window.close()


def test_an_unreachable_library_reads_offline_and_nothing_blocks(
    qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript
) -> None:
    team_settings.remember("postgresql+psycopg://nobody@127.0.0.1:9/none", None)
    window = _window(qtbot, service, settings, script)
    assert window.team.syncer is not None
    with qtbot.waitSignal(window.team.syncer.statusChanged, timeout=15_000) as status:
        pass
    assert not status.args[0].online
    assert window.team.status.text().startswith("Team library: offline")
    assert "Nothing answers" in window.team.status.toolTip()
    window.close()

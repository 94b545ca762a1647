"""The library window: list, new, open, delete with confirmation, and the app entry point."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from facilitator import app
from facilitator.storage import DebriefService, StorageError
from facilitator.ui import dialogs
from facilitator.ui.main_window import MainWindow


def _fill(service: DebriefService) -> list[str]:
    ids = []
    for title, sev in (("Queue backlog", "SEV3"), ("DNS outage", "SEV1")):
        d = service.create(title)
        d.severity = sev
        service.save(d)
        ids.append(d.id)
    return ids


def test_library_lists_title_severity_and_date(
    qtbot: QtBot, service: DebriefService, window: MainWindow
) -> None:
    _fill(service)
    window.refresh_library()
    model = window.library.proxy
    rows = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert rows == {"Queue backlog": "SEV3", "DNS outage": "SEV1"}
    assert model.index(0, 3).data()[:2] == "20"
    window.library.filter.setText("dns")
    assert model.rowCount() == 1


def test_new_then_back_to_library_keeps_only_what_was_written_in(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.mouseClick(window.library.new_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.editor
    assert window.windowTitle().startswith("Untitled debrief")
    window.session.start_timer()  # starting the clock is not writing anything
    window.show_library()
    assert window.stack.currentWidget() is window.library
    assert window.library.model.rowCount() == 0  # an untouched "Untitled debrief" is not kept
    qtbot.mouseClick(window.library.new_button, Qt.MouseButton.LeftButton)
    assert window.session.debrief is not None
    window.session.debrief.title = "Queue backlog"
    window.session.touch("details")
    window.show_library()
    assert window.library.model.rowCount() == 1


def test_open_by_activating_a_row(
    qtbot: QtBot, service: DebriefService, window: MainWindow
) -> None:
    _fill(service)
    window.refresh_library()
    window.library.table.selectRow(1)
    qtbot.mouseClick(window.library.open_button, Qt.MouseButton.LeftButton)
    assert window.session.debrief is not None
    assert window.session.debrief.title in {"Queue backlog", "DNS outage"}


@pytest.mark.parametrize("confirm", [True, False])
def test_delete_asks_first(
    qtbot: QtBot,
    service: DebriefService,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    confirm: bool,
) -> None:
    _fill(service)
    window.refresh_library()
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_delete", lambda _p, title: asked.append(title) or confirm)
    window.library.table.selectRow(0)
    qtbot.mouseClick(window.library.delete_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert len(service.list()) == (1 if confirm else 2)
    assert window.library.model.rowCount() == len(service.list())


def test_run_gui_explains_an_unusable_database(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def broken(_url: str | None, **_kwargs: object) -> DebriefService:
        raise StorageError("The debrief database is damaged.")

    monkeypatch.setattr(app, "DebriefService", broken)
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text: shown.append(text))
    assert app.run_gui("sqlite:///x.db", []) == 2
    assert shown == ["The debrief database is damaged."]


def test_settings_live_in_the_configured_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACILITATOR_CONFIG_DIR", str(tmp_path / "cfg"))
    settings = app.make_settings()
    assert Path(settings.fileName()) == tmp_path / "cfg" / "settings.ini"


def test_window_geometry_and_view_are_remembered(
    qtbot: QtBot, service: DebriefService, settings: QSettings, window: MainWindow
) -> None:
    window.set_theme("dark")
    window.change_font(2)
    window.close()
    assert settings.value("view/theme") == "dark"
    assert int(settings.value("view/font_pt")) == 14
    assert settings.value("window/geometry") is not None


def test_a_damaged_library_is_offered_its_backup_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.storage.backups import make_backup

    url = f"sqlite:///{tmp_path / 'lib.db'}"
    with DebriefService(url) as service:
        kept = service.create("Worth keeping")
    make_backup(tmp_path / "lib.db", "daily")
    (tmp_path / "lib.db").write_bytes(b"garbage" * 500)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"lib.db{suffix}").unlink(missing_ok=True)
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "ask_restore_damaged", lambda _p, problem, _made: asked.append(problem) or True
    )
    service = app.open_library(url)
    assert service is not None and asked and "damaged" in asked[0]
    assert service.load(kept.id).title == "Worth keeping"
    service.close()


def _many(count: int) -> list:  # type: ignore[type-arg]
    from datetime import UTC, datetime, timedelta

    from facilitator.domain.model import DebriefSummary, Status

    start = datetime(2025, 1, 1, tzinfo=UTC)
    severities = [None, "SEV1", "SEV2", "SEV3", "SEV4"]
    return [
        DebriefSummary(
            id=f"id-{i:05d}",
            title=f"Incident {i:05d}: {'queue backlog' if i % 3 else 'DNS outage'}",
            severity=severities[i % 5],
            status=Status.DRAFT,
            incident=f"INC-{i}",
            started_at=start + timedelta(hours=i),
            meeting_at=None,
            updated_at=None,
        )
        for i in range(count)
    ]


def test_the_filter_is_a_proxy_over_strings_formatted_once(qtbot: QtBot, monkeypatch) -> None:
    from facilitator.ui import library_model
    from facilitator.ui.library import LibraryView

    view = LibraryView()
    qtbot.addWidget(view)
    view.set_summaries(_many(3000))
    calls: list[object] = []
    real = library_model.format_day
    monkeypatch.setattr(library_model, "format_day", lambda v: calls.append(v) or real(v))
    view.filter.setText("dns")
    assert view.proxy.rowCount() == 1000
    formatted = len(calls)
    assert formatted == 3000  # every row once, for the filter
    view.filter.setText("dns outage")
    view.filter.setText("inc-2")
    assert len(calls) == formatted  # never again
    assert all(
        "INC-2" in view.proxy.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
        for r in range(view.proxy.rowCount())
    )
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    titles = [view.proxy.index(r, 0).data() for r in range(3)]
    assert titles == sorted(titles, reverse=True)


def test_a_search_plugs_into_the_filter(qtbot: QtBot) -> None:
    from facilitator.ui.library import LibraryView

    view = LibraryView()
    qtbot.addWidget(view)
    view.set_summaries(_many(50))
    view.proxy.set_search(lambda text: {"id-00007", "id-00011"} if text == "pool" else None)
    view.filter.setText("pool")
    assert {view.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(2)} == {
        "id-00007",
        "id-00011",
    }
    view.filter.setText("dns")  # the search has no opinion: plain matching
    assert view.proxy.rowCount() == 17


def test_down_and_enter_go_from_the_filter_to_the_list_and_open(
    qtbot: QtBot, service: DebriefService, window: MainWindow
) -> None:
    _fill(service)
    window.refresh_library()
    window.activateWindow()
    window.library.filter.setFocus()
    qtbot.keyClicks(window.library.filter, "queue")
    qtbot.keyClick(window.library.filter, Qt.Key.Key_Down)
    assert window.library.table.hasFocus()
    qtbot.keyClick(window.library.table, Qt.Key.Key_Return)
    assert window.session.debrief is not None
    assert window.session.debrief.title == "Queue backlog"
    window.show_library()
    window.library.filter.setFocus()
    window.library.filter.selectAll()
    qtbot.keyClicks(window.library.filter, "dns")
    qtbot.keyClick(window.library.filter, Qt.Key.Key_Return)  # Enter opens the first match
    assert window.session.debrief is not None
    assert window.session.debrief.title == "DNS outage"

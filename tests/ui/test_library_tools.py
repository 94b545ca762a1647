"""The library's tools on screen: search box, matrix, trends, review dialog, classification."""

from __future__ import annotations

import gc
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from facilitator.domain.model import ActionItem, ContributingFactor, Debrief, FactorKind
from facilitator.domain.taxonomy import default_taxonomy, merge_taxonomy
from facilitator.storage import DebriefService
from facilitator.ui import file_prompts, matrix_window
from facilitator.ui.library_models import ID_ROLE
from facilitator.ui.main_window import MainWindow
from facilitator.ui.parts.forms import ClassificationEditor

TZ = timezone(timedelta(hours=2))


def _fill(service: DebriefService) -> list[Debrief]:
    made = []
    for n, (svc, sev, cause) in enumerate(
        [
            ("payments-api", "SEV2", "Deployment regression"),
            ("Payments API", "SEV1", "Scaling limit"),
            ("search", "SEV3", "config change"),
        ]
    ):
        start = datetime(2026, 11, 2 + n, 12 + n, 0, tzinfo=TZ)
        d = Debrief(
            title=f"Incident {n}",
            severity=sev,
            services=[svc],
            tags=["deploy"],
            primary_cause=cause,
            started_at=start,
            detected_at=start + timedelta(minutes=2 + 10 * n),
            mitigated_at=start + timedelta(minutes=30),
            summary="The connection pool ran dry." if n == 1 else "A quiet release.",
            learnings=["Alert on saturation."],
            contributing_factors=[ContributingFactor("No load test", FactorKind.PROCESS)],
            action_items=[ActionItem("Add a load test", "Ada", due=date(2026, 11, 30))],
        )
        service.save(d)
        made.append(d)
    return made


@pytest.fixture
def saves(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """Answer every save dialog at once with a path in the test folder."""
    chosen: list[Path] = []

    def answer(_parent, _title, _filter, suggested, done):  # type: ignore[no-untyped-def]
        path = tmp_path / suggested
        chosen.append(path)
        done(path)

    monkeypatch.setattr(file_prompts, "ask_save_path", answer)
    return chosen


def test_search_box_shows_ranked_hits_and_hints(
    qtbot: QtBot, service: DebriefService, window: MainWindow
) -> None:
    made = _fill(service)
    window.refresh_library()
    search = window.library_tools.search
    window.library.filter.setText('"connection pool"')
    qtbot.waitUntil(lambda: search.model.rowCount() == 1)
    assert search.view.isVisible() and not window.library.table.isVisible()
    hit = search.model.index(0).data(ID_ROLE)
    assert hit == made[1].id
    with qtbot.waitSignal(window.library.openRequested) as opened:
        search.view.activated.emit(search.model.index(0))
    assert opened.args == [made[1].id]
    window.show_library()
    window.library.filter.setText("colour:red")
    qtbot.waitUntil(lambda: "is not a filter" in search.status.text())
    assert search.view.isHidden()
    window.library.filter.clear()
    qtbot.waitUntil(lambda: not window.library.table.isHidden())
    assert search.view.isHidden() and search.status.isHidden()


def test_matrix_sorts_filters_and_exports(
    qtbot: QtBot,
    service: DebriefService,
    window: MainWindow,
    saves: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _fill(service)
    monkeypatch.setattr(matrix_window, "FIRST_PAGE", 2)
    window.library_tools.open_matrix()
    matrix = window.library_tools.matrix
    assert matrix is not None
    qtbot.waitUntil(lambda: matrix.complete)  # 2 at once, then all 3 from the worker
    qtbot.waitUntil(gc.isenabled)  # paused while the worker ran, back on afterwards
    model = matrix.model
    assert model.rowCount() == 3
    assert [model.index(r, 0).data() for r in range(3)] == [
        "Incident 2",
        "Incident 1",
        "Incident 0",
    ]
    matrix.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 1).data() for r in range(3)] == ["SEV1", "SEV2", "SEV3"]
    matrix.table.horizontalHeader().setSortIndicator(6, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 6).data() for r in range(3)] == ["22 min", "12 min", "2 min"]
    matrix.filter.setText("severity:SEV2 OR")
    qtbot.waitUntil(lambda: "“OR” goes between two words" in matrix.status.text())
    matrix.filter.setText("service:payments")
    qtbot.waitUntil(lambda: model.rowCount() == 2 and matrix.complete)
    matrix.csv_button.click()
    text = saves[-1].read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Date,Incident,Severity") and text.count("\n") == 3
    matrix.docx_button.click()
    with zipfile.ZipFile(saves[-1]) as docx:
        assert "Add a load test" in docx.read("word/document.xml").decode("utf-8")
    with qtbot.waitSignal(matrix.openRequested):
        matrix.table.activated.emit(model.index(0, 0))


def test_trends_window_draws_every_chart_and_saves_one(
    qtbot: QtBot, service: DebriefService, window: MainWindow, saves: list[Path]
) -> None:
    _fill(service)
    window.library_tools.open_trends()
    trends = window.library_tools.trends
    assert trends is not None
    for index, key in enumerate(trends.keys):
        trends.tabs.setCurrentIndex(index)
        assert key in trends.canvases
    trends.period.setCurrentIndex(1)
    assert trends.status.text() == "3 debriefs."
    trends.save_button.click()
    assert saves[-1].read_bytes()[:4] == b"\x89PNG"
    trends.filter.setText("after:")
    qtbot.waitUntil(lambda: "needs a value" in trends.status.text())


@pytest.mark.parametrize("kind", ["docx", "md", "pdf"])
def test_review_dialog_writes_the_month(
    qtbot: QtBot, service: DebriefService, window: MainWindow, tmp_path: Path, kind: str
) -> None:
    _fill(service)
    window.library_tools.open_review()
    dialog = window.library_tools.review
    assert dialog is not None and dialog.chosen_month.day == 1
    dialog.month.setDate(dialog.month.date().fromString("2026-11-01", "yyyy-MM-dd"))
    out = tmp_path / f"review.{kind}"
    dialog.save(kind, out)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=30_000)
    assert "Saved" in dialog.status.text(), dialog.status.text()
    data = out.read_bytes()
    assert data[:4] == {"docx": b"PK\x03\x04", "md": b"# Le", "pdf": b"%PDF"}[kind]


def test_classification_offers_the_team_scale_and_suggestions(
    qtbot: QtBot, service: DebriefService, window: MainWindow
) -> None:
    _fill(service)
    team = merge_taxonomy(
        default_taxonomy(),
        "[[severity]]\nname='P1'\nmeaning='All'\n[[severity]]\nname='P2'\nmeaning='Some'\n",
        "team.toml",
    )
    window.library_tools._use(team)
    debrief = service.create("Classified")
    debrief.severity = "SEV2"  # written before the team changed its scale
    service.save(debrief)
    window.open_debrief(debrief.id)
    assert window.editor is not None
    classification = window.editor.findChild(ClassificationEditor)
    assert classification is not None
    classification.load()
    combo = classification.severity
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Not set",
        "P1",
        "P2",
        "SEV2 (not on the scale)",
    ]
    assert combo.currentData() == "SEV2"
    lists, text = classification.completers[:2], classification.completers[2]
    services, tags = (c.model().stringList() for c in lists)  # type: ignore[attr-defined]
    causes = text.completer.model().stringList()  # type: ignore[attr-defined]
    assert services == ["Payments API", "search"]
    assert tags == ["deploy"]
    assert causes[:2] == ["Configuration change", "Deployment regression"]


def test_taxonomy_file_is_remembered_and_bad_files_explained(
    qtbot: QtBot,
    service: DebriefService,
    settings: QSettings,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from facilitator.ui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text: shown.append(text))
    good = tmp_path / "team.toml"
    good.write_text("[[severity]]\nname='P1'\nmeaning='All'\n", encoding="utf-8")
    window.library_tools.use_file(good)
    assert window.session.taxonomy.severity_names == ("P1",)
    assert settings.value("library/taxonomy") == str(good)
    bad = tmp_path / "bad.toml"
    bad.write_text("[[severity]]\nname='P1'\n", encoding="utf-8")
    window.library_tools.use_file(bad)
    assert shown and "'meaning' is missing" in shown[0]
    assert window.session.taxonomy.severity_names == ("P1",)
    window.library_tools.clear_taxonomy()
    assert window.session.taxonomy.severity_names[0] == "SEV1"
    assert window.actions["matrix"].shortcut().toString() == "Ctrl+Shift+M"
    assert window.actions["review"].isEnabled()

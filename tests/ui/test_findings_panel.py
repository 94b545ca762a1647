"""The findings panel lists open findings with their field and reports clicks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.language import check
from facilitator.language.debrief_findings import FieldFinding
from facilitator.ui.findings_panel import FindingsPanel, count_text


def _findings() -> list[FieldFinding]:
    return [
        FieldFinding("timeline[3].text", check("Bob forgot the flag.")[0]),
        FieldFinding("summary", check("We should have caught it.")[0]),
    ]


def test_count_is_visible_and_pluralised(qtbot: QtBot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    assert panel.count() == 0 and panel.header_text() == "No language findings"
    panel.set_findings(_findings())
    assert panel.count() == 2
    assert panel.header_text() == "2 language findings"
    assert count_text(1) == "1 language finding"


def test_rows_name_the_field_and_phrase(qtbot: QtBot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_findings(_findings())
    first = panel.list_view().model().index(0, 0).data()
    assert first.startswith("Timeline, event 4: “Bob forgot”")
    assert "Try:" in first


def test_click_and_enter_emit_activated_with_field_and_span(qtbot: QtBot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_findings(_findings())
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.list_view()
    index = view.model().index(1, 0)
    rect = view.visualRect(index)
    with qtbot.waitSignal(panel.activated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["summary", 3, 21]
    view.setCurrentIndex(view.model().index(0, 0))
    with qtbot.waitSignal(panel.activated) as blocker:
        view.activated.emit(view.currentIndex())
    assert blocker.args == ["timeline[3].text", 0, 10]

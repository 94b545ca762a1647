"""ExportController runs exports off the UI thread and reports with signals; no dialog blocks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from facilitator.domain.model import Debrief
from facilitator.export import ExportError
from facilitator.ui import export_dialog
from facilitator.ui.export_dialog import ExportController, make_export


def test_export_runs_off_the_ui_thread_and_reports_the_path(qtbot: QtBot, tmp_path: Path) -> None:
    controller = ExportController()
    threads: list[threading.Thread] = []
    work = make_export(Debrief(title="T", summary="S"), tmp_path / "out.docx", "docx")

    def tracked() -> Path:
        threads.append(threading.current_thread())
        return work()

    with qtbot.waitSignal(controller.finished, timeout=10_000) as blocker:
        assert controller.start(tracked)
        assert controller.busy
    assert blocker.args == [str(tmp_path / "out.docx")]
    assert threads and threads[0] is not threading.main_thread()
    assert not controller.busy
    assert (tmp_path / "out.docx").stat().st_size > 0


def test_markdown_export(qtbot: QtBot, tmp_path: Path) -> None:
    controller = ExportController()
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        controller.start(make_export(Debrief(title="T"), tmp_path / "o.md", "md"))
    assert (tmp_path / "o.md").read_text(encoding="utf-8").startswith("# T")


def test_a_failed_export_reports_a_sentence(qtbot: QtBot, tmp_path: Path) -> None:
    controller = ExportController()
    work = make_export(Debrief(), tmp_path / "missing" / "o.docx", "docx")
    with qtbot.waitSignal(controller.failed, timeout=10_000) as blocker:
        controller.start(work)
    assert "does not exist" in blocker.args[0]
    assert not controller.busy


def test_an_unexpected_error_is_reported_not_raised(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    controller = ExportController()

    def broken() -> Path:
        raise RuntimeError("boom")

    with qtbot.waitSignal(controller.failed, timeout=10_000) as blocker:
        controller.start(broken)
    assert blocker.args == ["The export stopped unexpectedly (RuntimeError: boom)."]
    assert "Export failed unexpectedly" in caplog.text


def test_one_export_at_a_time(qtbot: QtBot) -> None:
    controller = ExportController()
    gate = threading.Event()

    def slow() -> Path:
        gate.wait(5)
        raise ExportError("stopped")

    with qtbot.waitSignal(controller.failed, timeout=10_000):
        assert controller.start(slow)
        assert not controller.start(slow)
        gate.set()


def test_the_debrief_is_copied_before_the_worker_starts(tmp_path: Path) -> None:
    debrief = Debrief(title="Before")
    work = make_export(debrief, tmp_path / "o.md", "md")
    debrief.title = "After"
    work()
    assert (tmp_path / "o.md").read_text(encoding="utf-8").startswith("# Before")


def test_unknown_format_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="odt"):
        make_export(Debrief(), tmp_path / "o.odt", "odt")


def test_choose_export_path_proposes_a_safe_name_and_adds_the_suffix(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def fake_dialog(parent: object, caption: str, proposed: str, filters: str) -> tuple[str, str]:
        seen.append(proposed)
        return str(tmp_path / "chosen"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    path = export_dialog.choose_export_path(None, str(tmp_path), 'INC-1: a/b "c"?', "docx")
    assert path == str(tmp_path / "chosen.docx")
    assert seen == [str(tmp_path / "INC-1 a b c.docx")]


def test_choose_export_path_cancelled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: ("", "")))
    assert export_dialog.choose_export_path(None, "/no/such/folder", "T", "md") is None


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("", "debrief.md"),
        ("  ...  ", "debrief.md"),
        ("A\x00B", "A B.md"),
        ("x" * 200, "x" * 80 + ".md"),
    ],
)
def test_suggested_filename(title: str, name: str) -> None:
    assert export_dialog.suggested_filename(title, "md") == name


def test_pdf_export_runs_off_the_ui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    from pypdf import PdfReader

    controller = ExportController()
    work = make_export(Debrief(title="PDF", summary="S"), tmp_path / "o.pdf", "pdf", paper="a4")
    with qtbot.waitSignal(controller.finished, timeout=20_000) as blocker:
        assert controller.start(work)
    assert blocker.args == [str(tmp_path / "o.pdf")]
    assert "PDF" in PdfReader(tmp_path / "o.pdf").pages[0].extract_text()

"""Helpers for the shared-screen tests (no tests here): a filled session and text harvesting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from facilitator.domain.model import Debrief
from facilitator.domain.script import MeetingScript, default_script
from facilitator.storage import DebriefService
from facilitator.ui.session import MeetingSession


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def marked_script() -> MeetingScript:
    """The default script with a unique marker in every goal and tip, to prove they stay private."""
    base = default_script()
    phases = tuple(
        replace(p, goal=f"GOAL-MARKER-{p.id}", tips=(*p.tips, f"TIP-MARKER-{p.id}"))
        for p in base.phases
    )
    return replace(base, phases=phases)


def open_session(
    tmp_path: Path,
    fill: Callable[[Debrief], None] | None = None,
    *,
    script: MeetingScript | None = None,
    clock: FakeClock | None = None,
) -> tuple[MeetingSession, DebriefService]:
    """A MeetingSession with one debrief open, filled by ``fill`` and saved."""
    service = DebriefService("sqlite:///" + str(tmp_path / "t.db"))
    session = MeetingSession(service, script or default_script(), clock=clock or FakeClock())
    debrief = service.create("Checkout outage")
    if fill is not None:
        fill(debrief)
    service.save(debrief)
    session.open(service.load(debrief.id))
    return session, service


def phase_index(session: MeetingSession, phase_id: str) -> int:
    return next(i for i, p in enumerate(session.script.phases) if p.id == phase_id)


def all_text(window: QWidget) -> str:
    """Every text a window holds: labels, documents, items, buttons, titles, tooltips, actions."""
    texts = [window.windowTitle(), window.toolTip(), window.accessibleName()]
    for widget in [window, *window.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.statusTip(), widget.whatsThis(), widget.accessibleName()]
        texts.append(widget.accessibleDescription())
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QLineEdit | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    item = widget.item(row, column)
                    if item is not None:
                        texts += [item.text(), item.toolTip()]
    texts += [doc.toPlainText() for doc in window.findChildren(QTextDocument)]
    for action in window.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip()]
    return "\n".join(t for t in texts if t)


def visible_text(window: QWidget) -> str:
    """The labels a person can see now (hidden pages and widgets left out)."""
    return "\n".join(
        label.text()
        for label in window.findChildren(QLabel)
        if label.isVisibleTo(window) and label.text()
    )

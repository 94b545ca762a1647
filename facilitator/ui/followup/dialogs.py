"""The questions the follow-up features ask, as small functions tests replace.

Like :mod:`facilitator.ui.dialogs`: tests monkeypatch these, so no modal dialog
ever blocks a test run.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

FILTERS = {
    "csv": "CSV files (*.csv)",
    "jira": "CSV files for Jira (*.csv)",
    "linear": "CSV files for Linear (*.csv)",
    "github": "CSV files (*.csv)",
    "json": "JSON files (*.json)",
    "text": "Text files (*.txt)",
    "docx": "Word documents (*.docx)",
    "md": "Markdown files (*.md)",
    "ics": "Calendar files (*.ics)",
}


def ask_save_path(parent: QWidget | None, title: str, suggested: str, fmt: str) -> str | None:
    """Ask where to save; None when cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, FILTERS.get(fmt, "All (*)"))
    return name or None


def ask_text(parent: QWidget | None, title: str, label: str, current: str) -> str | None:
    """Ask for one line of text; None when cancelled."""
    text, ok = QInputDialog.getText(parent, title, label, text=current)
    return text if ok else None

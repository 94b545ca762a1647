"""Every question the app asks with a dialog, as small functions tests replace.

Tests monkeypatch these (``monkeypatch.setattr(dialogs, "ask_delete", ...)``) so no
modal dialog ever blocks a test run.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def ask_delete(parent: QWidget | None, title: str) -> bool:
    """Ask before deleting a debrief; True to delete."""
    name = title.strip() or "this untitled debrief"
    answer = QMessageBox.question(
        parent,
        "Delete debrief",
        f"Delete “{name}”?\n\nEverything written in it will be gone. This cannot be undone.",
        QMessageBox.StandardButton.Delete | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Delete


def ask_quit_unsaved(parent: QWidget | None, reason: str) -> bool:
    """The last changes could not be saved; True to quit anyway."""
    answer = QMessageBox.warning(
        parent,
        "Changes not saved",
        f"The latest changes could not be saved.\n\n{reason}\n\nQuit anyway and lose them?",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


def ask_restore_damaged(parent: QWidget | None, problem: str, made: datetime) -> bool:
    """The library is damaged and a backup exists; True to restore it (the damaged file is kept)."""
    answer = QMessageBox.warning(
        parent,
        "The library is damaged",
        f"{problem}\n\nRestore the backup from {made:%A %d %B %Y, %H:%M}? The damaged file is "
        "kept in the backups folder.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something went wrong, in a sentence they can act on."""
    QMessageBox.critical(parent, title, text)


def ask_script_file(parent: QWidget | None) -> Path | None:
    """Pick a team's meeting script (a TOML file); None when cancelled."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, "Use a meeting script", "", "Meeting scripts (*.toml);;All files (*)"
    )
    return Path(name) if name else None


def ask_import_files(parent: QWidget | None) -> list[Path]:
    """Pick debrief JSON files to import; empty when cancelled."""
    names, _filter = QFileDialog.getOpenFileNames(
        parent, "Import debriefs", "", "Debrief JSON (*.json);;All files (*)"
    )
    return [Path(name) for name in names]

"""Non-blocking file choosers: the dialog opens and a callback receives the path.

Tests replace :func:`ask_save_path` to answer at once; nothing here blocks on exec().
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_path(
    parent: QWidget, title: str, name_filter: str, suggested: str, done: Callable[[Path], None]
) -> QFileDialog:
    """Open a save dialog; call ``done`` with the chosen path (nothing when cancelled)."""
    dialog = QFileDialog(parent, title, suggested, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    suffix = (
        name_filter.partition("*.")[2].partition(")")[0].split()[0] if "*." in name_filter else ""
    )
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.fileSelected.connect(lambda name: done(Path(name)) if name else None)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def ask_open_path(
    parent: QWidget, title: str, name_filter: str, done: Callable[[Path], None]
) -> QFileDialog:
    """Open a file chooser; call ``done`` with the chosen file (nothing when cancelled)."""
    dialog = QFileDialog(parent, title, "", name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.fileSelected.connect(lambda name: done(Path(name)) if name else None)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog

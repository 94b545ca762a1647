"""Help > Keyboard shortcuts and Help > About: non-modal windows, built from the live actions.

The shortcut list is read from the window's actions, so it can never drift from
the keys that actually work.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from facilitator import __version__

#: Keys that belong to widgets rather than menu actions.
LIST_KEYS: tuple[tuple[str, str], ...] = (
    ("Enter, F2 or typing", "Edit the selected cell of a list"),
    ("Enter / Shift+Enter", "In a list cell: finish / start a new line"),
    ("Tab", "In a list cell: finish and go to the next cell"),
    ("Ctrl+Enter", "Add a row to the list"),
    ("Delete", "Remove the selected row (Ctrl+Z in the list brings it back)"),
    ("Alt+Up / Alt+Down", "Move the selected row"),
    ("Space", "Star an event, or sign off a reviewer"),
    ("Down, then Enter", "In the library: from the filter to the list, then open"),
)
LICENCE = "MIT licence"
D = TypeVar("D", bound=QDialog)


def _clean(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip()


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what) for every action with a shortcut, in menu order, without repeats."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for action in actions:
        keys = ", ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
        )
        if not keys or keys in seen:
            continue
        seen.add(keys)
        rows.append((keys, _clean(action.text()) or action.toolTip()))
    return rows


class ShortcutsDialog(QDialog):
    """Every key of the facilitator's window, in one table."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts — Facilitator")
        self.setObjectName("ShortcutsDialog")
        rows = [*shortcut_rows(actions), *LIST_KEYS]
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "What they do"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (keys, text) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def rows(self) -> list[tuple[str, str]]:
        return [
            (self.table.item(r, 0).text(), self.table.item(r, 1).text())
            for r in range(self.table.rowCount())
        ]


def database_location(url: str) -> str:
    """Where the library lives, for people: a file path, or the server without its password."""
    try:
        parsed = make_url(url)
    except Exception:
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or "memory"
    return parsed.render_as_string(hide_password=True)


class AboutDialog(QDialog):
    """The version, where the debriefs are stored, and the licence."""

    def __init__(self, database_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Facilitator")
        self.setObjectName("AboutDialog")
        layout = QVBoxLayout(self)
        title = QLabel(f"Facilitator {__version__}", self)
        title.setObjectName("PhaseTitle")
        layout.addWidget(title)
        self.text = QLabel(
            "Runs blameless incident debriefs: a guided meeting script, live checks for "
            "blame and counterfactual wording, offline storage and Word export.\n\n"
            f"Debriefs are stored in:\n{database_location(database_url)}\n\n"
            f"{LICENCE}. Works fully offline; nothing leaves this computer unless you export it.",
            self,
        )
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(520, 300)


class HelpWindows(QObject):
    """The Help menu's windows for one main window; non-modal, so the meeting goes on."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self._open: list[QDialog] = []

    def show_shortcuts(self, actions: Iterable[QAction]) -> ShortcutsDialog:
        return self._keep(ShortcutsDialog(actions, self._host))

    def show_about(self, database_url: str) -> AboutDialog:
        return self._keep(AboutDialog(database_url, self._host))

    def _keep(self, dialog: D) -> D:
        self._open.append(dialog)
        dialog.finished.connect(lambda _r: self._open.remove(dialog))
        dialog.show()
        return dialog

    def close_all(self) -> None:
        for dialog in list(self._open):
            dialog.close()

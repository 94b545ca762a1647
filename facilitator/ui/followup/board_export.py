"""The board's Export menu: the shown items for Jira, Linear, GitHub, a spreadsheet, JSON or text.

It also holds the two export settings: the label every ticket carries and the
byte-order mark Excel wants at the start of a CSV file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from facilitator.export.atomic import ExportError, write_atomically
from facilitator.followup.trackers import ExportOptions, encode, render, suffix
from facilitator.ui.followup import dialogs
from facilitator.ui.followup.widgets import BOM_KEY, LABEL_KEY, tracker_label

if TYPE_CHECKING:
    from facilitator.ui.followup.board import ActionBoard

EXPORT_FORMATS = (
    ("jira", "For &Jira (CSV)…"),
    ("linear", "For &Linear (CSV)…"),
    ("github", "For &GitHub issues (CSV)…"),
    ("csv", "As a &spreadsheet (CSV)…"),
    ("json", "As JSO&N…"),
    ("text", "As plain &text…"),
)


class ExportMenu(QMenu):
    """Exports what the board shows, in the order shown."""

    def __init__(self, board: ActionBoard) -> None:
        super().__init__(board)
        self.board = board
        self.settings = board.settings
        self.export_actions: dict[str, QAction] = {}
        for fmt, text in EXPORT_FORMATS:
            action = self.addAction(text)
            action.triggered.connect(lambda _=False, f=fmt: self.export(f))
            self.export_actions[fmt] = action
        self.addSeparator()
        self.bom_action = self.addAction("Start CSV files with a BOM (for Excel)")
        self.bom_action.setCheckable(True)
        stored = self.settings.value(BOM_KEY, False, type=bool) if self.settings else False
        self.bom_action.setChecked(bool(stored))
        self.bom_action.toggled.connect(self._set_bom)
        self.label_action = self.addAction("")
        self.label_action.triggered.connect(self.change_label)
        self._update_label_action()

    def options(self) -> ExportOptions:
        return ExportOptions(label=tracker_label(self.settings), bom=self.bom_action.isChecked())

    def _update_label_action(self) -> None:
        self.label_action.setText(f"Tracker label: “{tracker_label(self.settings)}”…")

    def change_label(self) -> None:
        current = tracker_label(self.settings)
        label = dialogs.ask_text(
            self.board, "Tracker label", "Every exported ticket carries the label:", current
        )
        if label is None or self.settings is None:
            return
        if label.strip():
            self.settings.setValue(LABEL_KEY, label.strip())
        else:
            self.settings.remove(LABEL_KEY)
        self._update_label_action()

    def _set_bom(self, on: bool) -> None:
        if self.settings is not None:
            self.settings.setValue(BOM_KEY, on)

    def export(self, fmt: str) -> None:
        """Ask where, then write the items shown in ``fmt``."""
        records = self.board.model.shown()
        if not records:
            self.board.message.emit("No action items are shown; change the filters first.")
            return
        name = "action-items" if fmt in ("text", "json") else f"action-items-{fmt}"
        path = dialogs.ask_save_path(self.board, "Export action items", name + suffix(fmt), fmt)
        if path is None:
            return
        options = self.options()
        data = encode(render(records, fmt, options), fmt, options)
        try:
            write_atomically(Path(path), lambda handle: handle.write(data))
        except ExportError as exc:
            self.board.message.emit(str(exc))
            return
        note = " Dates are yyyy-MM-dd: give Jira's importer that pattern." if fmt == "jira" else ""
        self.board.message.emit(
            f"Exported {len(records):,} action items to {Path(path).name}.{note}"
        )

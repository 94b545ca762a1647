"""ListPart: a part made of one debrief list, shown by an ItemTable with add, remove and move.

Subclasses name the list, its columns and how to make a new item
(:meth:`ListPart.make_model`); everything else, keys, buttons, navigation to a
field, another window's saves, read-only, is here once.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from facilitator.domain.changes import DebriefChanges
from facilitator.ui.note_edit import NoteEdit
from facilitator.ui.parts.base import (
    EditHook,
    PartEditor,
    hint_label,
    language_of,
    section_label,
    select,
    vbox,
)
from facilitator.ui.parts.delegates import ItemDelegate
from facilitator.ui.parts.findings_cache import FindingsCache
from facilitator.ui.parts.item_model import ItemListModel
from facilitator.ui.parts.item_table import ItemTable
from facilitator.ui.session import MeetingSession

_KEY = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+))?$")


class ListPart(PartEditor):
    """A heading, a toolbar (add, remove, move) and the table of one list."""

    heading = ""
    hint = ""
    add_text = "Add"
    noun = "item"
    empty_text = ""
    movable = True
    #: Take the page's remaining height (the phase's main list) instead of fitting the rows.
    fill = False
    #: A narrow column: the remove button is a mark, not a word.
    compact = False
    max_rows = 8

    def __init__(
        self,
        session: MeetingSession,
        on_new_edit: EditHook,
        parent: QWidget | None = None,
        *,
        part: str | None = None,
    ) -> None:
        super().__init__(session, on_new_edit, parent, part=part)
        self.model = self.make_model()
        self.findings = FindingsCache(language_of(on_new_edit))
        self.delegate = ItemDelegate(
            self.model, self.findings, on_new_edit, session.message.emit, self
        )
        self._removed: tuple[int, Any] | None = None
        layout = vbox(self, spacing=8)
        self.box = layout
        # Widgets are made in the order they appear, so Tab follows the eye.
        if self.heading:
            layout.addWidget(section_label(self.heading, self))
        if self.hint:
            layout.addWidget(hint_label(self.hint, self))
        self.build_top(layout)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.build_toolbar(top)
        self.add_button = QPushButton(f"+  {self.add_text}", self)
        self.add_button.setObjectName("AddButton")
        self.add_button.setToolTip(f"{self.add_text} after the selected row (Ctrl+Enter)")
        self.add_button.setAccessibleName(self.add_text)
        top.addWidget(self.add_button)
        top.addStretch(1)
        self.remove_button = QToolButton(self, text="✕" if self.compact else "Remove")
        self.remove_button.setObjectName("RowButton")
        self.remove_button.setToolTip(f"Remove the selected {self.noun} (Delete)")
        self.remove_button.setAccessibleName(f"Remove the selected {self.noun}")
        top.addWidget(self.remove_button)
        self.move_buttons: list[QToolButton] = []
        if self.movable:
            for arrow, delta, words in (("▲", -1, "up"), ("▼", 1, "down")):
                button = QToolButton(self, text=arrow)
                button.setObjectName("RowButton")
                button.setToolTip(f"Move the selected {self.noun} {words} (Alt+{words.title()})")
                button.setAccessibleName(f"Move the selected {self.noun} {words}")
                button.clicked.connect(lambda _=False, d=delta: self.move(d))
                top.addWidget(button)
                self.move_buttons.append(button)
        layout.addLayout(top)
        self.table = ItemTable(
            self.model, self.delegate, self, fill=self.fill, max_rows=self.max_rows
        )
        self.table.setAccessibleName(self.heading or self.add_text)
        self.table.setAccessibleDescription(
            "Enter or typing edits the cell; Ctrl+Enter adds; Delete removes; "
            "Alt+Up and Alt+Down move; Ctrl+Z brings back the last removed row."
        )
        layout.addWidget(self.table, 1 if self.fill else 0)
        self.empty = hint_label(self.empty_text, self)
        layout.addWidget(self.empty)
        self.build_bottom(layout)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.table.addRequested.connect(self.add)
        self.table.removeRequested.connect(self.remove)
        self.table.undoRequested.connect(self.undo_remove)
        self.table.moveRequested.connect(self.move)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(lambda *_: self._update_buttons())
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.add)
        self._update_buttons()

    # -- for subclasses ------------------------------------------------------------------

    def make_model(self) -> ItemListModel:
        raise NotImplementedError

    def build_top(self, layout: QVBoxLayout) -> None:
        """Add widgets above the toolbar and table."""

    def build_toolbar(self, row: QHBoxLayout) -> None:
        """Add widgets at the start of the toolbar row, before the add button."""

    def build_bottom(self, layout: QVBoxLayout) -> None:
        """Add widgets below the table."""

    def new_row(self) -> int:
        """Where a new item goes: after the selected row, else at the end."""
        current = self.current_row()
        return current + 1 if current >= 0 else self.model.rowCount()

    # -- state ---------------------------------------------------------------------------

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _update_buttons(self) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        editable = not self.read_only
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and row >= 0)
        if self.move_buttons:
            self.move_buttons[0].setEnabled(editable and row > 0)
            self.move_buttons[1].setEnabled(editable and 0 <= row < count - 1)
        self.empty.setVisible(count == 0 and bool(self.empty_text))

    def load(self) -> None:
        self.findings.clear()
        self._removed = None
        self.model.reload()
        self._update_buttons()

    def on_external(self, changes: DebriefChanges) -> None:
        change = changes.lists.get(self.model.attr)
        if change:
            self.model.reconcile(change)
            self._update_buttons()
        if any(changes.touches(name) for name in self.fields if name != self.model.attr):
            self.refresh_extras()

    def refresh_extras(self) -> None:
        """Refresh what the part shows besides the rows (figures, prompts)."""

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.model.read_only = read_only
        if read_only and self.table.state() == self.table.State.EditingState:
            self.table.setCurrentIndex(self.table.currentIndex())
            self.table.clearFocus()
        self.table.viewport().update()
        self._update_buttons()

    # -- commands ------------------------------------------------------------------------

    def add(self) -> None:
        """Add an empty item after the selected one and start typing in it."""
        if self.read_only or self.session.debrief is None:
            return
        row = self.model.insert_item(self.new_row())
        self.table.go_to(row, edit=True)

    def remove(self) -> None:
        """Remove the selected item (Ctrl+Z in the list brings it back)."""
        row = self.current_row()
        if self.read_only or row < 0:
            return
        item = self.model.remove_row(row)
        self.findings.forget(item.uid)
        self._removed = (row, item)
        self.session.message.emit(f"Removed the {self.noun}. Ctrl+Z in the list brings it back.")
        if self.model.rowCount():
            self.table.go_to(min(row, self.model.rowCount() - 1))
        else:
            self.add_button.setFocus()

    def undo_remove(self) -> None:
        if self._removed is None or self.read_only:
            return
        row, item = self._removed
        self._removed = None
        self.table.go_to(self.model.insert_item(row, item))

    def move(self, delta: int) -> None:
        row = self.current_row()
        if not self.movable or self.read_only or row < 0:
            return
        if self.model.move_row(row, row + delta):
            self.table.go_to(row + delta, self.table.currentIndex().column())

    # -- navigation ----------------------------------------------------------------------

    def find_edit(self, field_key: str) -> NoteEdit | None:
        """Open the cell editor of ``field_key`` ("learnings[2]", "timeline[3].text")."""
        match = _KEY.match(field_key)
        if match is None or match.group(1) != self.model.attr:
            return super().find_edit(field_key)
        row = int(match.group(2))
        field = match.group(3) or ""
        column = next((n for n, c in enumerate(self.model.columns) if c.field == field), -1)
        if column < 0 or row >= self.model.rowCount():
            return None
        self.table.go_to(row, column, edit=True)
        edit = self.delegate.open_edit
        return edit if edit is not None and edit.field_key == field_key else None

    def focus_field(self, field_key: str, start: int = 0, end: int = 0) -> NoteEdit | None:
        edit = self.find_edit(field_key)
        if edit is not None:
            select(edit, start, end)
        return edit

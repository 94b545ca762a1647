"""RowsEditor: a part made of a list of similar rows with add, remove and reorder."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from facilitator.ui.parts.base import EditHook, PartEditor, hint_label, section_label, vbox
from facilitator.ui.session import MeetingSession


class RowsEditor(PartEditor):
    """A heading, one framed row per list item, and an add button.

    Subclasses say which list they edit (:meth:`items`), how to make a new item
    and how to build a row. Rows are rebuilt after adding, removing or moving so
    field keys ("learnings[2]") always match list positions.
    """

    heading = ""
    add_text = "Add"
    empty_text = ""
    hint = ""
    movable = True

    def __init__(
        self,
        session: MeetingSession,
        on_new_edit: EditHook,
        parent: QWidget | None = None,
        *,
        part: str | None = None,
    ) -> None:
        super().__init__(session, on_new_edit, parent, part=part)
        layout = vbox(self)
        if self.heading:
            layout.addWidget(section_label(self.heading, self))
        if self.hint:
            layout.addWidget(hint_label(self.hint, self))
        self._rows_host = QWidget(self)
        self._rows = QVBoxLayout(self._rows_host)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(8)
        layout.addWidget(self._rows_host)
        self.empty = hint_label(self.empty_text, self)
        layout.addWidget(self.empty)
        self.add_button = QPushButton(f"+  {self.add_text}", self)
        self.add_button.setObjectName("AddButton")
        self.add_button.setToolTip(f"{self.add_text} (Ctrl+Enter inside a row)")
        self.add_button.clicked.connect(self.add)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.add)
        self._focus: list[QWidget] = []

    # -- for subclasses ------------------------------------------------------------------

    def items(self) -> list[Any]:
        """The debrief list this editor shows."""
        raise NotImplementedError

    def new_item(self) -> Any:
        raise NotImplementedError

    def build_row(self, index: int, item: Any, row: QWidget) -> QWidget:
        """Fill ``row`` for ``item``; return the widget that takes focus first."""
        raise NotImplementedError

    # -- behaviour -----------------------------------------------------------------------

    def load(self) -> None:
        self.rebuild()

    def rebuild(self, focus: int | None = None) -> None:
        """Recreate every row from the list; optionally focus row ``focus``."""
        while self._rows.count():
            widget = self._rows.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self._focus = []
        items = self.items()
        for index, item in enumerate(items):
            self._rows.addWidget(self._frame(index, item, len(items)))
        self.empty.setVisible(not items and bool(self.empty_text))
        if focus is not None and 0 <= focus < len(self._focus):
            self._focus[focus].setFocus(Qt.FocusReason.OtherFocusReason)

    def add(self) -> None:
        self.items().append(self.new_item())
        self.changed()
        self.rebuild(focus=len(self.items()) - 1)

    def remove(self, index: int) -> None:
        del self.items()[index]
        self.changed()
        self.rebuild(focus=min(index, len(self.items()) - 1) if self.items() else None)

    def move(self, index: int, delta: int) -> None:
        items = self.items()
        target = index + delta
        if not 0 <= target < len(items):
            return
        items[index], items[target] = items[target], items[index]
        self.changed()
        self.rebuild(focus=target)

    def _frame(self, index: int, item: Any, count: int) -> QFrame:
        frame = QFrame(self._rows_host)
        frame.setObjectName("RowFrame")
        outer = QHBoxLayout(frame)
        outer.setContentsMargins(10, 6, 4, 6)
        outer.setSpacing(8)
        body = QWidget(frame)
        self._focus.append(self.build_row(index, item, body))
        outer.addWidget(body, 1)
        # One row of small buttons keeps each item as short as its text.
        buttons = QHBoxLayout()
        buttons.setSpacing(0)
        if self.movable:
            for arrow, delta, tip, enabled in (
                ("▲", -1, "Move up", index > 0),
                ("▼", 1, "Move down", index < count - 1),
            ):
                button = QToolButton(frame, text=arrow, toolTip=tip, enabled=enabled)
                button.setAutoRaise(True)
                button.clicked.connect(lambda _=False, i=index, d=delta: self.move(i, d))
                buttons.addWidget(button)
        remove = QToolButton(frame, text="✕", toolTip="Remove")
        remove.setObjectName("RemoveButton")
        remove.setAutoRaise(True)
        remove.clicked.connect(lambda _=False, i=index: self.remove(i))
        buttons.addWidget(remove)
        outer.addLayout(buttons)
        outer.setAlignment(buttons, Qt.AlignmentFlag.AlignTop)
        return frame

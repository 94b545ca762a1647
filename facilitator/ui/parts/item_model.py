"""ItemListModel: one Qt table model over one list of the open debrief.

The model never copies the items: it reads and writes the dataclasses in
``session.debrief.<attr>`` and keeps only a mirror of their order, so that when
another window's save updates the list in place (see
:func:`facilitator.domain.changes.apply_in_place`) it can tell the views exactly
which rows came, went, changed or moved. Every edit emits the narrowest Qt
signal there is (one ``dataChanged`` per row, ``beginInsertRows`` for one row,
``beginMoveRows`` for a re-sort), so the cost of a change follows the rows it
touches, never the length of the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from facilitator.domain.changes import ListChange
from facilitator.domain.text import clean_text
from facilitator.ui.session import MeetingSession

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: Kinds of column: how a cell is shown and which editor the delegate opens.
TEXT, LINE, CHOICE, DATE, DATETIME, STAR, FLAG, LABEL = (
    "text",  # wrapped free text, edited in a NoteEdit (language-checked when ``checked``)
    "line",  # a short single line (a name, a ticket)
    "choice",  # one of ``choices``
    "date",
    "datetime",
    "star",  # a star toggled by click or Space
    "flag",  # a yes/no toggled by click or Space
    "label",  # shown, never edited here
)

#: Item data role holding the raw value of a cell (EditRole holds it too).
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
#: Item data role holding the item's uid.
UID_ROLE = Qt.ItemDataRole.UserRole + 2
#: Item data role holding the field key of a text cell ("timeline[3].text").
FIELD_ROLE = Qt.ItemDataRole.UserRole + 3
#: Item data role holding a small mark a star cell shows beside the star ("" for none).
MARK_ROLE = Qt.ItemDataRole.UserRole + 4


@dataclass(frozen=True)
class Column:
    """One column of a list editor.

    ``key`` is the item attribute it shows. ``field`` names text cells for the
    language findings and navigation: "" gives "learnings[2]", "text" gives
    "timeline[2].text", None means the cell is not a checked text field.
    ``chars`` is the column's width in average characters; 0 stretches it.
    """

    key: str
    header: str
    kind: str = TEXT
    choices: tuple[tuple[object, str], ...] = ()
    chars: int = 0
    placeholder: str = ""
    tip: str = ""
    field: str | None = None
    checked: bool = False

    def label_of(self, value: object) -> str:
        """The label a choice column shows for ``value``."""
        for choice, label in self.choices:
            if choice == value:
                return label
        return "" if value is None else str(value)

    def coerce(self, value: object) -> object:
        """Turn what an editor hands back into the domain value.

        Qt hands enum members back as plain strings (they are ``StrEnum``), so a
        choice is matched by value and the real member is stored: the exporters
        rely on ``.value``.
        """
        if self.kind == CHOICE:
            for choice, _label in self.choices:
                if choice == value or (choice is not None and str(choice) == str(value)):
                    return choice
            return None if value in (None, "") else self.choices[0][0]
        if self.kind in (TEXT, LINE):
            text = clean_text(str(value or ""))
            return text if self.kind == TEXT else " ".join(text.split("\n"))
        if self.kind in (STAR, FLAG):
            return bool(value)
        return value


class ItemListModel(QAbstractTableModel):
    """Rows are the items of ``debrief.<attr>``; columns are :class:`Column` specs.

    ``factory`` makes a new, empty item. Subclasses adjust :meth:`display`,
    :meth:`assign` and :meth:`tooltip` for derived cells.

    Signals:
        itemEdited(int): the user changed the item in this row (after the change).
    """

    itemEdited = Signal(int)

    def __init__(
        self,
        session: MeetingSession,
        attr: str,
        columns: Sequence[Column],
        factory: Callable[[], Any],
        parent: Any = None,
        *,
        part: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.attr = attr
        self.part = part or attr
        self.columns = tuple(columns)
        self.factory = factory
        self.read_only = False
        self._items: list[Any] = []

    # -- the list ------------------------------------------------------------------------

    def domain(self) -> list[Any]:
        """The debrief's list this model shows (empty while no debrief is open)."""
        debrief = self.session.debrief
        return [] if debrief is None else getattr(debrief, self.attr)

    def reload(self) -> None:
        """Show the open debrief's list afresh (a debrief was opened)."""
        self.beginResetModel()
        self._items = list(self.domain())
        self.endResetModel()

    def items(self) -> list[Any]:
        """The items in row order (a copy)."""
        return list(self._items)

    def item(self, row: int) -> Any:
        return self._items[row]

    def row_of(self, item: Any) -> int:
        """The row of ``item`` by identity (items with equal content are different rows)."""
        for row, candidate in enumerate(self._items):
            if candidate is item:
                return row
        return -1

    def row_of_uid(self, uid: str) -> int:
        for row, candidate in enumerate(self._items):
            if candidate.uid == uid:
                return row
        return -1

    def column_of(self, key: str) -> int:
        for number, column in enumerate(self.columns):
            if column.key == key:
                return number
        raise KeyError(key)

    def field_key(self, row: int, column: int) -> str:
        """The field key of a text cell, as the language findings and the export name it."""
        field = self.columns[column].field
        if field is None:
            return ""
        return f"{self.attr}[{row}]" + (f".{field}" if field else "")

    # -- Qt's model interface ------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip or None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        kind = self.columns[index.column()].kind
        if not self.read_only and kind not in (LABEL, STAR, FLAG):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, column, index.row())
        if role in (Qt.ItemDataRole.EditRole, VALUE_ROLE):
            return self.value(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column, index.row())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            shown = self.display(item, column, index.row())
            return f"{column.header}: {shown or 'empty'}"
        if role == UID_ROLE:
            return item.uid
        if role == FIELD_ROLE:
            return self.field_key(index.row(), index.column())
        if role == MARK_ROLE:
            return self.mark(item, column)
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.read_only or role not in (Qt.ItemDataRole.EditRole,):
            return False
        row = index.row()
        item = self._items[row]
        column = self.columns[index.column()]
        new = column.coerce(value)
        if self.value(item, column) == new and type(self.value(item, column)) is type(new):
            return True
        self.assign(item, column, new)
        self.row_changed(row)
        self.touch()
        self.itemEdited.emit(self.row_of(item))
        return True

    # -- for subclasses ------------------------------------------------------------------

    def value(self, item: Any, column: Column) -> object:
        """The raw value a cell edits."""
        return getattr(item, column.key)

    def display(self, item: Any, column: Column, row: int) -> str:
        """The text a cell shows."""
        value = self.value(item, column)
        if column.kind == CHOICE:
            return column.label_of(value)
        if column.kind == STAR:
            return "★" if value else "☆"
        if column.kind == FLAG:
            return "Yes" if value else "No"
        if column.kind == DATE:
            return f"{value:%d %b %Y}" if value else ""
        return "" if value is None else str(value)

    def tooltip(self, item: Any, column: Column, row: int) -> str | None:
        return column.tip or None

    def mark(self, item: Any, column: Column) -> str:
        """A small mark shown beside a star ("" for none)."""
        return ""

    def assign(self, item: Any, column: Column, value: object) -> None:
        """Store an edited value on ``item``."""
        setattr(item, column.key, value)

    def qt_zone(self) -> Any:
        """The QTimeZone date-and-time cells are shown in (None: this computer's)."""
        return None

    def datetime_format(self) -> str:
        """How date-and-time editors show their value."""
        return "d MMM yyyy HH:mm"

    # -- edits ---------------------------------------------------------------------------

    def toggle(self, row: int, column: int) -> None:
        """Flip a star or yes/no cell."""
        item = self._items[row]
        self.setData(self.index(row, column), not self.value(item, self.columns[column]))

    def touch(self) -> None:
        """Tell the session this part changed: it saves soon and tells the other views."""
        self.session.touch(self.part)

    def row_changed(self, row: int) -> None:
        """Repaint one row."""
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def insert_item(self, row: int, item: Any | None = None) -> int:
        """Insert ``item`` (a new one by default) at ``row``; return its row."""
        item = self.factory() if item is None else item
        row = max(0, min(row, len(self._items)))
        self.beginInsertRows(_ROOT, row, row)
        self._domain_insert(row, item)
        self._items.insert(row, item)
        self.endInsertRows()
        self.touch()
        return row

    def _domain_insert(self, row: int, item: Any) -> None:
        domain = self.domain()
        if row >= len(self._items):
            domain.append(item)
        else:
            domain.insert(self._domain_row(self._items[row]), item)

    def _domain_row(self, item: Any) -> int:
        for position, candidate in enumerate(self.domain()):
            if candidate is item:
                return position
        return len(self.domain())

    def remove_row(self, row: int) -> Any:
        """Remove the item at ``row`` and return it."""
        item = self._items[row]
        self.beginRemoveRows(_ROOT, row, row)
        domain = self.domain()
        del domain[self._domain_row(item)]
        del self._items[row]
        self.endRemoveRows()
        self.touch()
        return item

    def move_row(self, row: int, to: int, *, touch: bool = True) -> bool:
        """Move the item at ``row`` so it ends up at row ``to``; False if nothing moved."""
        to = max(0, min(to, len(self._items) - 1))
        if to == row:
            return False
        # Qt counts the destination before the move: moving down names the row after it.
        destination = to + 1 if to > row else to
        self.beginMoveRows(_ROOT, row, row, _ROOT, destination)
        item = self._items.pop(row)
        self._items.insert(to, item)
        domain = self.domain()
        domain.pop(self._domain_row(item))
        domain.insert(to, item)
        self.endMoveRows()
        if touch:
            self.touch()
        return True

    # -- another window's save -----------------------------------------------------------

    def reconcile(self, change: ListChange | None = None) -> None:
        """Bring the rows in line with the (already updated) debrief list, by uid.

        Removed rows go with ``beginRemoveRows``, new ones come with
        ``beginInsertRows``, edited ones repaint with ``dataChanged`` and a new
        order is announced with ``layoutChanged``, so selections and open
        editors stay on their items.
        """
        target = list(self.domain())
        wanted = {id(item) for item in target}
        for row in range(len(self._items) - 1, -1, -1):
            if id(self._items[row]) not in wanted:
                self.beginRemoveRows(_ROOT, row, row)
                del self._items[row]
                self.endRemoveRows()
        present = {id(item) for item in self._items}
        kept_order = [item for item in target if id(item) in present]
        if [id(i) for i in kept_order] != [id(i) for i in self._items]:
            self._relayout(kept_order)
        for row, item in enumerate(target):
            if id(item) not in present:
                self.beginInsertRows(_ROOT, row, row)
                self._items.insert(row, item)
                self.endInsertRows()
        changed = set(change.changed) if change is not None else {i.uid for i in target}
        for row, item in enumerate(self._items):
            if item.uid in changed:
                self.row_changed(row)

    def _relayout(self, order: list[Any]) -> None:
        self.layoutAboutToBeChanged.emit()
        new_rows = {id(item): row for row, item in enumerate(order)}
        moved_from, moved_to = [], []
        for index in self.persistentIndexList():
            item = self._items[index.row()]
            moved_from.append(index)
            moved_to.append(self.index(new_rows[id(item)], index.column()))
        self._items = list(order)
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

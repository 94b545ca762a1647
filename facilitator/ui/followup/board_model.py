"""ActionBoardModel: every action item across debriefs as one Qt table.

One QAbstractTableModel over immutable records, in the style of Calibre's
library view. Filtering and sorting run in Python over the records in memory
and reset the model (the view then asks only for visible rows); display
strings are computed once per record, never in ``data()``. An inline change
is saved through the ``save`` callback first and only then shown, with a
``dataChanged`` for that one row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from facilitator.domain.model import ActionStatus, Priority
from facilitator.export.timefmt import short_date
from facilitator.followup.filters import ActionFilter, BoardCounts, count
from facilitator.followup.records import STATUS_LABELS, ActionRecord, HistoryEntry

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Action", "Owner", "Priority", "Due", "Status", "Ticket", "Debrief", "Services")
ACTION, OWNER, PRIORITY, DUE, STATUS, TICKET, DEBRIEF, SERVICES = range(len(COLUMNS))
#: Column -> the record field an inline edit changes.
EDITABLE = {OWNER: "owner", PRIORITY: "priority", DUE: "due", STATUS: "status", TICKET: "ticket"}
RECORD_ROLE = Qt.ItemDataRole.UserRole
#: An owner is a name and a ticket a key or a link; a pasted log is refused, not stored.
MAX_CELL_CHARS = 500
_HISTORY_FIELDS = {
    "status": "status",
    "owner": "owner",
    "priority": "priority",
    "due": "due date",
    "ticket": "ticket",
}
_PRIORITY_ORDER = {p: i for i, p in enumerate(Priority)}
_STATUS_ORDER = {s: i for i, s in enumerate(ActionStatus)}

Saver = Callable[[ActionRecord, str, Any], None]
HistoryReader = Callable[[ActionRecord], list[HistoryEntry]]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def display_of(record: ActionRecord) -> tuple[str, ...]:
    """The texts of one row, computed once."""
    return (
        _one_line(record.title),
        _one_line(record.owner) or "—",
        record.priority.value if record.priority else "—",
        short_date(record.due) if record.due else "—",
        STATUS_LABELS[record.status],
        record.ticket.strip() or "—",
        _one_line(record.debrief_title) or "Untitled debrief",
        ", ".join(record.services) or "—",
    )


def history_text(entries: Sequence[HistoryEntry]) -> str:
    """A status history for a tooltip, newest last ("" when nothing was recorded)."""
    lines = []
    for e in entries[-12:]:
        when = e.at.astimezone().strftime("%d %b %Y %H:%M")
        what = _HISTORY_FIELDS.get(e.field, e.field)
        old = (
            STATUS_LABELS.get(ActionStatus(e.old), e.old)
            if e.field == "status" and e.old
            else e.old
        )
        new = (
            STATUS_LABELS.get(ActionStatus(e.new), e.new)
            if e.field == "status" and e.new
            else e.new
        )
        line = f"{when}  {e.who or 'someone'}: {what} {old or '—'} → {new or '—'}"
        if e.note:
            line += f" ({e.note})"
        lines.append(line)
    if len(entries) > 12:
        lines.insert(0, f"… {len(entries) - 12} earlier changes")
    return "\n".join(lines)


class ActionBoardModel(QAbstractTableModel):
    """Action item records, filtered and sorted; edits go through ``save``.

    Signals:
        countsChanged(): the header counts or the number shown changed.
        saveFailed(str): an inline change was refused; the text says why.
    """

    countsChanged = Signal()
    saveFailed = Signal(str)

    def __init__(
        self,
        save: Saver | None = None,
        history: HistoryReader | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._history = history
        self._today = today
        self._all: list[ActionRecord] = []
        self._display: list[tuple[str, ...] | None] = []
        self._rows: list[int] = []
        self._filter = ActionFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._tips: dict[int, str] = {}
        self._counts = BoardCounts()
        self._muted = QColor("#6b7280")
        self._late = QColor("#b42318")
        self._bold = QFont()
        self._bold.setBold(True)

    # -- contents --------------------------------------------------------------------------

    def set_records(self, records: Sequence[ActionRecord]) -> None:
        """Show these records (a fresh read from the store)."""
        self._all = list(records)
        # Display strings are made when a row is first shown, then kept: opening costs
        # what the visible rows cost, not what 10,000 rows would.
        self._display = [None] * len(self._all)
        self._tips.clear()
        self._counts = count(self._all, self._today())
        self._refilter()

    def set_filter(self, criteria: ActionFilter) -> None:
        if criteria != self._filter:
            self._filter = criteria
            self._refilter()

    @property
    def filter(self) -> ActionFilter:
        return self._filter

    @property
    def counts(self) -> BoardCounts:
        """Counts over every item, whatever the filter."""
        return self._counts

    def records(self) -> list[ActionRecord]:
        """Every record held (all debriefs), for the filter pickers."""
        return list(self._all)

    def shown(self) -> list[ActionRecord]:
        """The records shown, in the order shown (what Export writes)."""
        return [self._all[i] for i in self._rows]

    def record(self, row: int) -> ActionRecord:
        return self._all[self._rows[row]]

    def row_of(self, debrief_id: str, uid: str) -> int:
        """The shown row of an item, or -1."""
        for row, i in enumerate(self._rows):
            r = self._all[i]
            if r.uid == uid and r.debrief_id == debrief_id:
                return row
        return -1

    def _refilter(self) -> None:
        self.beginResetModel()
        test = self._filter.predicate(self._today())
        self._rows = [i for i, r in enumerate(self._all) if test(r)]
        if self._sort is not None:
            self._rows.sort(key=self._key(self._sort[0]))
            if self._sort[1] == Qt.SortOrder.DescendingOrder:
                self._rows.reverse()
        self.endResetModel()
        self.countsChanged.emit()

    def _shown(self, i: int) -> tuple[str, ...]:
        texts = self._display[i]
        if texts is None:
            texts = self._display[i] = display_of(self._all[i])
        return texts

    def _key(self, column: int) -> Callable[[int], Any]:
        records, shown = self._all, self._shown
        far = date.max
        if column == PRIORITY:
            return lambda i: _PRIORITY_ORDER.get(records[i].priority, 9)  # type: ignore[arg-type]
        if column == DUE:
            return lambda i: records[i].due or far
        if column == STATUS:
            return lambda i: _STATUS_ORDER[records[i].status]
        return lambda i: shown(i)[column].casefold()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:
            self._sort = None
        else:
            self._sort = (column, order)
        self._refilter()

    # -- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        i = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(i)[column]
        record = self._all[i]
        if role == Qt.ItemDataRole.EditRole:
            field = EDITABLE.get(column)
            return getattr(record, field) if field else self._shown(i)[column]
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(i, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not record.is_open:
                return self._muted
            if column == DUE and record.overdue(self._today()):
                return self._late
        if role == Qt.ItemDataRole.FontRole and column == DUE and record.overdue(self._today()):
            return self._bold
        return None

    def _tooltip(self, i: int, column: int) -> str | None:
        record = self._all[i]
        if column == ACTION:
            parts = [record.title.strip()]
            if record.answers_text:
                parts.append(record.answers_text)
            return "\n".join(parts)
        if column == DEBRIEF:
            facts = ", ".join(v for v in (record.incident.strip(), record.severity or "") if v)
            return f"{self._shown(i)[DEBRIEF]}{f' ({facts})' if facts else ''}\nEnter opens it."
        if column == DUE and record.overdue(self._today()):
            return f"{(self._today() - record.due).days} days past due"  # type: ignore[operator]
        if column == STATUS and self._history is not None:
            if i not in self._tips:
                # Read from the store on the first hover only; an edit forgets it.
                text = history_text(self._history(record))
                self._tips[i] = text or "No change recorded since the debrief."
            return self._tips[i]
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = EDITABLE.get(index.column())
        if field is None:
            return False
        value = _normalise(field, value)
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            self.saveFailed.emit(
                f"That {field} is {len(value):,} characters; a cell holds at most "
                f"{MAX_CELL_CHARS}. Nothing was changed."
            )
            return False
        i = self._rows[index.row()]
        record = self._all[i]
        if getattr(record, field) == value:
            return False
        if self._save is not None:
            try:
                self._save(record, field, value)
            except Exception as exc:  # StorageError, NotFoundError: told, never raised to Qt
                self.saveFailed.emit(str(exc))
                return False
        self._all[i] = replace(record, **{field: value})
        self._display[i] = None
        self._tips.pop(i, None)
        self._counts = count(self._all, self._today())
        left, right = self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1)
        self.dataChanged.emit(left, right)
        self.countsChanged.emit()
        return True


def _normalise(field: str, value: object) -> object:
    from facilitator.domain.text import clean_text

    if field in ("owner", "ticket"):
        return " ".join(clean_text(str(value or "")).split())
    if field == "priority":
        return Priority(value) if value else None
    if field == "status":
        return ActionStatus(value)
    return value

"""Item models of the incident library: the classification matrix and search results.

Both hold plain rows computed once when set (display strings, sort keys), so
painting and sorting never format anything; a new query replaces the rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from facilitator.library.matrix import COLUMNS, MatrixRow
from facilitator.storage.search import SearchHit

_Index = QModelIndex | QPersistentModelIndex
#: The row's debrief id.
ID_ROLE = Qt.ItemDataRole.UserRole
#: A value that sorts the column the way people expect (severity by the scale, times as numbers).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Search results: the whole hit.
HIT_ROLE = Qt.ItemDataRole.UserRole + 2

_RIGHT = (6, 7, 8)  # TTD, TTR, open actions


class MatrixModel(QAbstractTableModel):
    """One row per debrief with the matrix columns."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[MatrixRow] = []

    def set_rows(self, rows: Sequence[MatrixRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[MatrixRow]:
        """The rows in model order."""
        return list(self._rows)

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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column]
        if role == SORT_ROLE:
            return row.sort_keys[column]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 4):
            return row.cells[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SearchResultsModel(QAbstractListModel):
    """Search hits, best first; the hit itself is under :data:`HIT_ROLE`."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._hits: list[SearchHit] = []
        self.total = 0

    def set_hits(self, hits: Sequence[SearchHit], total: int) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.total = total
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == HIT_ROLE:
            return hit
        if role == ID_ROLE:
            return hit.id
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title or "Untitled debrief"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit.title} — {hit.field}: {hit.snippet}" if hit.snippet else hit.title
        return None

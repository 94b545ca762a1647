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

from facilitator.domain.taxonomy import Taxonomy, default_taxonomy
from facilitator.library.facts import DebriefFacts
from facilitator.library.matrix import COLUMNS, cells, sort_key
from facilitator.storage.search import SearchHit

_Index = QModelIndex | QPersistentModelIndex
#: The row's debrief id.
ID_ROLE = Qt.ItemDataRole.UserRole
#: Search results: the whole hit.
HIT_ROLE = Qt.ItemDataRole.UserRole + 2

_RIGHT = (6, 7, 8)  # TTD, TTR, open actions


class MatrixModel(QAbstractTableModel):
    """One row per debrief with the matrix columns.

    Cells are formatted when a row is first painted and kept; sorting computes one
    key per row for the clicked column and reorders in Python, so opening 10,000
    rows costs only the rows on screen.
    """

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._facts: list[DebriefFacts] = []
        self._cells: dict[str, tuple[str, ...]] = {}
        self._taxonomy: Taxonomy = default_taxonomy()

    def set_facts(self, facts: Sequence[DebriefFacts], taxonomy: Taxonomy) -> None:
        self.beginResetModel()
        self._facts = list(facts)
        self._cells = {}
        self._taxonomy = taxonomy
        self.endResetModel()

    def facts(self) -> list[DebriefFacts]:
        """The debriefs in the order shown."""
        return list(self._facts)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._facts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def _row_cells(self, facts: DebriefFacts) -> tuple[str, ...]:
        found = self._cells.get(facts.id)
        if found is None:
            found = self._cells[facts.id] = cells(facts)
        return found

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        facts = self._facts[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_cells(facts)[column]
        if role == ID_ROLE:
            return facts.id
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 4):
            return self._row_cells(facts)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old = {f.id: i for i, f in enumerate(self._facts)}
        taxonomy = self._taxonomy
        self._facts.sort(
            key=lambda f: sort_key(column, f, taxonomy),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        for persistent in self.persistentIndexList():
            row = next((i for i, f in enumerate(self._facts) if old[f.id] == persistent.row()), -1)
            self.changePersistentIndex(persistent, self.index(row, persistent.column()))
        self.layoutChanged.emit()


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

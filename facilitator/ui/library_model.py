"""The library's models: every debrief's summary, and the filtered, sorted rows a view shows.

:class:`LibraryModel` formats each row's strings once, the first time they are
needed, never on every ``data()`` call. :class:`LibraryFilter` is the proxy in
front of it: it filters and sorts in one pass of plain Python over those
strings, instead of Qt asking Python row by row, so a keystroke in the filter
costs a few milliseconds at 10,000 debriefs. A search engine plugs in with
:meth:`LibraryFilter.set_search`: give it a function from the typed text to the
ids that match.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime

from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from facilitator.domain.model import DebriefSummary, Status
from facilitator.domain.taxonomy import Taxonomy, default_taxonomy

STATUS_LABELS = {
    Status.DRAFT: "Draft",
    Status.IN_MEETING: "In meeting",
    Status.PUBLISHED: "Published",
}
HEADERS = ("Title", "Severity", "Status", "Date", "Team")
#: The column that says how a debrief stands with the team library (hidden when not connected).
TEAM_COLUMN = 4
#: What the Team column says for each mark (see ``facilitator.team.sync.TeamSync.marks``).
TEAM_LABELS = {"published": "Published", "waiting": "Changes waiting", "": "Local only"}
TEAM_TIPS = {
    "published": "In the team library, and in step with it",
    "waiting": "In the team library; edits made here are still to be sent",
    "": "Only on this computer: File > Publish to the team library shares it",
}
_TEAM_RANK = {"waiting": 0, "published": 1, "": 2}
_STATUS_RANK = {status: rank for rank, status in enumerate(Status)}
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_NEVER = datetime.min

#: Searches plugged into the filter: typed text -> ids of matching debriefs (None: no opinion).
Search = Callable[[str], Collection[str] | None]


def format_day(value: datetime | None) -> str:
    """A date for the list, in this computer's zone: "2025-03-14"."""
    if value is None:
        return "—"
    return value.astimezone().strftime("%Y-%m-%d") if value.tzinfo else value.strftime("%Y-%m-%d")


class LibraryModel(QAbstractTableModel):
    """Debrief summaries as table rows; the id is under ``Qt.UserRole``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DebriefSummary] = []
        self._shown: list[tuple[str, str, str, str] | None] = []
        self._haystacks: list[str] | None = None
        #: Orders the Severity column; the library tools set the team's own scale.
        self.taxonomy: Taxonomy = default_taxonomy()
        self._marks: dict[str, str] = {}

    def set_marks(self, marks: dict[str, str]) -> None:
        """How each debrief stands with the team library (id -> mark; absent: local only)."""
        self._marks = dict(marks)
        if self._rows:
            column = TEAM_COLUMN
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def mark(self, row: int) -> str:
        return self._marks.get(self._rows[row].id, "")

    def set_summaries(self, summaries: list[DebriefSummary]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        self._shown = [None] * len(self._rows)
        self._haystacks = None
        self.endResetModel()

    def summary(self, row: int) -> DebriefSummary:
        return self._rows[row]

    def title_of(self, debrief_id: str) -> str:
        """The listed title of ``debrief_id`` ("" when unknown)."""
        return next((row.title for row in self._rows if row.id == debrief_id), "")

    def row_of(self, debrief_id: str) -> int:
        return next((n for n, row in enumerate(self._rows) if row.id == debrief_id), -1)

    def shown(self, row: int) -> tuple[str, str, str, str]:
        """The four strings row ``row`` shows, formatted on first use."""
        cached = self._shown[row]
        if cached is None:
            s = self._rows[row]
            cached = (
                s.title or "Untitled debrief",
                s.severity or "—",
                STATUS_LABELS.get(s.status, str(s.status)),
                format_day(s.date),
            )
            self._shown[row] = cached
        return cached

    def haystacks(self) -> list[str]:
        """Per row, the lower-cased text the filter searches (title, severity, status, date)."""
        if self._haystacks is None:
            self._haystacks = [
                " ".join((*self.shown(r), self._rows[r].incident)).casefold()
                for r in range(len(self._rows))
            ]
        return self._haystacks

    def sort_keys(self, column: int) -> list[object]:
        rows = self._rows
        if column == 0:
            return [self.shown(r)[0].casefold() for r in range(len(rows))]
        if column == 1:
            # Most severe first on the team's scale, not in alphabetical order.
            rank = self.taxonomy.severity_rank
            return [rank(s.severity) for s in rows]
        if column == 2:
            return [_STATUS_RANK.get(s.status, 99) for s in rows]
        if column == TEAM_COLUMN:
            return [_TEAM_RANK[self.mark(r)] for r in range(len(rows))]
        return [(s.date.replace(tzinfo=None) if s.date else _NEVER) for s in rows]

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = index.row()
        if index.column() == TEAM_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return TEAM_LABELS[self.mark(row)]
            if role == Qt.ItemDataRole.ToolTipRole:
                return TEAM_TIPS[self.mark(row)]
            if role == Qt.ItemDataRole.UserRole:
                return self._rows[row].id
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown(row)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[row].id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return self._rows[row].incident or None
        return None


class LibraryFilter(QAbstractProxyModel):
    """The rows of a :class:`LibraryModel` that match the filter, in the chosen order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._search: Search | None = None
        self._rows: list[int] = []
        self._position: dict[int, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def setSourceModel(self, model: LibraryModel) -> None:  # type: ignore[override]
        self.beginResetModel()
        old = self.sourceModel()
        if old is not None:
            old.modelReset.disconnect(self._refilter)
            old.dataChanged.disconnect(self._source_changed)
        super().setSourceModel(model)
        model.modelReset.connect(self._refilter)
        model.dataChanged.connect(self._source_changed)
        self._compute()
        self.endResetModel()

    def library(self) -> LibraryModel:
        model = self.sourceModel()
        assert isinstance(model, LibraryModel)
        return model

    # -- what is shown -------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        """Show the debriefs whose title, severity, status, date or incident contain ``text``."""
        if text == self._text:
            return
        self._text = text
        self._refilter()

    def set_search(self, search: Search | None) -> None:
        """Let ``search`` decide which debriefs match the typed text (full-text search)."""
        self._search = search
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._compute()
        self.endResetModel()

    def _compute(self) -> None:
        model = self.sourceModel()
        if not isinstance(model, LibraryModel):
            self._rows, self._position = [], {}
            return
        needle = self._text.strip().casefold()
        ids = self._search(self._text) if self._search is not None and needle else None
        if ids is not None:
            wanted = set(ids)
            rows = [r for r in range(model.rowCount()) if model.summary(r).id in wanted]
        elif needle:
            rows = [r for r, hay in enumerate(model.haystacks()) if needle in hay]
        else:
            rows = list(range(model.rowCount()))
        if self._sort is not None:
            column, order = self._sort
            keys = model.sort_keys(column)
            rows.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = rows
        self._position = {source: proxy for proxy, source in enumerate(rows)}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = None if column < 0 else (column, order)
        self._refilter()

    def _source_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_: object) -> None:
        if bottom_right.row() - top_left.row() + 1 >= self.library().rowCount() and self._rows:
            # A whole column (the team marks): one signal; the view repaints what it shows.
            last = len(self._rows) - 1
            first_col, last_col = top_left.column(), bottom_right.column()
            self.dataChanged.emit(self.index(0, first_col), self.index(last, last_col))
            return
        for row in range(top_left.row(), bottom_right.row() + 1):
            proxy = self._position.get(row)
            if proxy is not None:
                self.dataChanged.emit(self.index(proxy, 0), self.index(proxy, len(HEADERS) - 1))

    # -- QAbstractProxyModel -------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < len(HEADERS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: _Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def mapToSource(self, proxy: _Index) -> QModelIndex:
        if not proxy.isValid() or proxy.row() >= len(self._rows):
            return QModelIndex()
        return self.library().index(self._rows[proxy.row()], proxy.column())

    def mapFromSource(self, source: _Index) -> QModelIndex:
        if not source.isValid():
            return QModelIndex()
        row = self._position.get(source.row())
        return QModelIndex() if row is None else self.createIndex(row, source.column())

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        source = self.library()
        return source.data(source.index(self._rows[index.row()], index.column()), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return self.library().headerData(section, orientation, role)

    def row_of(self, debrief_id: str) -> int:
        """The shown row of ``debrief_id`` (-1 when filtered out or unknown)."""
        source = self.library().row_of(debrief_id)
        return self._position.get(source, -1)

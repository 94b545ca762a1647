"""Who wrote the candidates, and whom each author becomes on the timeline.

One row per author: how many of the chosen candidates they wrote, and the
participant they map to: an existing one, a new participant (whose role the
facilitator fills in later), or nobody, for a tool or bot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from facilitator.domain.model import Participant
from facilitator.evidence.candidates import Candidate
from facilitator.evidence.people import AuthorMatch, display_name

AUTHOR, COUNT, TARGET = range(3)
HEADERS = ("Author in the source", "Messages", "On the timeline as")
_Index = QModelIndex | QPersistentModelIndex
#: EditRole values for the "On the timeline as" column that are not a participant's name.
NEW, NOBODY = "\x00new", "\x00nobody"


class AuthorsModel(QAbstractTableModel):
    """Authors and where their messages go.

    Signals:
        mappingChanged(): an author now maps to someone else.
    """

    mappingChanged = Signal()

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._authors: list[str] = []
        self._counts: Counter[str] = Counter()
        self._matches: dict[str, AuthorMatch] = {}
        self._participants: list[str] = []

    def set_authors(
        self,
        candidates: Sequence[Candidate],
        matches: dict[str, AuthorMatch],
        participants: Sequence[Participant],
    ) -> None:
        self.beginResetModel()
        self._counts = Counter(c.author for c in candidates if c.author)
        self._authors = sorted(self._counts, key=lambda a: (-self._counts[a], a.casefold()))
        self._matches = dict(matches)
        self._participants = [p.name for p in participants if p.name.strip()]
        self.endResetModel()

    def matches(self) -> dict[str, AuthorMatch]:
        """Every author's mapping, as :func:`~facilitator.evidence.add_candidates` takes it."""
        return dict(self._matches)

    def new_people(self, writing: Collection[str] | None = None) -> list[str]:
        """Names of the participants the import would add (for authors in ``writing``)."""
        return sorted(
            {
                m.name
                for a, m in self._matches.items()
                if m.new and m.name and (writing is None or a in writing)
            }
        )

    def choices(self, index: _Index) -> list[tuple[str, object]]:
        """What an author can map to, for the drop-down."""
        author = self._authors[index.row()]
        options: list[tuple[str, object]] = [(name, name) for name in self._participants]
        options.append((f"New participant: {display_name(author)}", NEW))
        options.append(("Not a person (a tool or bot)", NOBODY))
        return options

    # -- Qt ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._authors)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == TARGET else base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        author = self._authors[index.row()]
        match = self._matches.get(author, AuthorMatch(author, "", False))
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == AUTHOR:
                return author
            if column == COUNT:
                return str(self._counts[author])
            if not match.name:
                return "Not a person (name kept in the text)"
            return f"{match.name} (new: role to fill in)" if match.new else match.name
        if role == Qt.ItemDataRole.EditRole and column == TARGET:
            return NOBODY if not match.name else NEW if match.new else match.name
        if role == Qt.ItemDataRole.ToolTipRole and column == TARGET:
            return "Double-click to choose whom these messages are from"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != TARGET or role != Qt.ItemDataRole.EditRole:
            return False
        author = self._authors[index.row()]
        if value == NOBODY:
            match = AuthorMatch(author, "", False)
        elif value == NEW:
            match = AuthorMatch(author, display_name(author), True)
        elif isinstance(value, str) and value in self._participants:
            match = AuthorMatch(author, value, False)
        else:
            return False
        self._matches[author] = match
        self.dataChanged.emit(index, index)
        self.mappingChanged.emit()
        return True

"""The candidates as a table model: chosen, time, author, kind, moment, text, language findings.

A thin Qt view of :class:`~facilitator.evidence.choice.Choice`. Display strings
are made once per row and language findings are checked the first time a row is
shown, so the cost of a change follows the rows on screen. Changes emit
``dataChanged`` for the rows they touch only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import tzinfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette

from facilitator.domain.model import EventKind, TimelineEvent
from facilitator.evidence.candidates import Candidate
from facilitator.evidence.choice import MOMENT_LABELS, Choice
from facilitator.evidence.people import AuthorMatch, name_key
from facilitator.language import BLAME, Checker, Finding
from facilitator.ui.highlighter import CATEGORY_COLOURS
from facilitator.ui.parts.timeline import KIND_LABELS

CHOSEN, TIME, AUTHOR, KIND, MOMENT, TEXT, FINDINGS = range(7)
HEADERS = ("Add", "Time", "Author", "Kind", "Moment", "Text", "Language")
#: Sort keys: the conversation order for time, words for the rest.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_KIND_ORDER = {kind: n for n, kind in enumerate(EventKind)}


class CandidateModel(QAbstractTableModel):
    """Rows of candidates over a :class:`Choice`.

    Signals:
        choiceChanged(): which candidates are chosen, their kinds or moments changed.
    """

    choiceChanged = Signal()

    def __init__(self, checker: Checker, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.checker = checker
        self.choice = Choice([])
        self.people: list[str] = []
        self.authors: dict[str, AuthorMatch] = {}
        self._zone: tzinfo | None = None
        self.time_pattern = "%H:%M:%S"
        self._times: list[str] = []
        self._texts: list[str] = []
        #: Lower-cased author, text and channel of every row, for the filter.
        self.haystacks: list[str] = []
        self.author_keys: list[str] = []
        self._findings: dict[int, list[Finding]] = {}
        #: Counts refills, so the filter knows when its answers are stale.
        self.generation = 0
        self._dim = QBrush(QColor("#8a94a3"))  # replaced by the palette's muted text on filling
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- filling -------------------------------------------------------------------------

    def set_candidates(
        self,
        candidates: Sequence[Candidate],
        duplicates: dict[int, TimelineEvent],
        zone: tzinfo,
        people: Sequence[str],
        authors: dict[str, AuthorMatch],
    ) -> None:
        """Show a new list of candidates (everything is reset)."""
        self.beginResetModel()
        self._dim = QBrush(QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        self.choice = Choice(candidates, duplicates)
        self.people = list(people)
        self.authors = dict(authors)
        self._findings.clear()
        self._texts = [_one_line(c) for c in candidates]
        self.haystacks = [f"{c.author}\n{c.text}\n{c.channel}".casefold() for c in candidates]
        self.author_keys = [name_key(c.author) for c in candidates]
        self._set_zone(zone)
        self.generation += 1
        self.endResetModel()
        self.choiceChanged.emit()

    def set_times(self, zone: tzinfo, duplicates: dict[int, TimelineEvent]) -> None:
        """Times moved (naive ones read in another zone): refresh them and the duplicates."""
        self._set_zone(zone)
        choice = self.choice
        for row in range(len(choice)):
            was, now = row in choice.duplicates, row in duplicates
            if was != now:
                choice.chosen[row] = not now
        choice.duplicates = dict(duplicates)
        if len(choice):
            self.dataChanged.emit(self.index(0, 0), self.index(len(choice) - 1, TIME))
        self.choiceChanged.emit()

    def set_authors(self, authors: dict[str, AuthorMatch], people: Sequence[str]) -> None:
        """Authors now map elsewhere: names known to the checker may differ."""
        self.authors = dict(authors)
        if list(people) != self.people:
            self.people = list(people)
            self._findings.clear()
            if len(self.choice):
                last = len(self.choice) - 1
                self.dataChanged.emit(self.index(0, AUTHOR), self.index(last, FINDINGS))

    def _set_zone(self, zone: tzinfo) -> None:
        self._zone = zone
        moments = [c.at.astimezone(zone) for c in self.choice.candidates]
        days = {m.date() for m in moments}
        # A night's incident needs only the weekday; a longer span the date as well.
        if len(days) <= 1:
            pattern = "%H:%M:%S"
        elif (max(days) - min(days)).days < 7:
            pattern = "%a %H:%M:%S"
        else:
            pattern = "%d %b %H:%M"
        self.time_pattern = pattern
        self._times = [m.strftime(pattern) for m in moments]

    # -- reading -------------------------------------------------------------------------

    def candidate(self, row: int) -> Candidate:
        return self.choice.candidates[row]

    def findings(self, row: int) -> list[Finding]:
        """The language findings of a row's text (checked once, on first use)."""
        found = self._findings.get(row)
        if found is None:
            found = self.checker.check(self.choice.candidates[row].text, self.people)
            self._findings[row] = found
        return found

    def check_all(self) -> None:
        """Check every row now (before filtering on findings)."""
        for row in range(len(self.choice)):
            self.findings(row)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.choice)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == _DISPLAY:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if column == CHOSEN:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if column in (KIND, MOMENT):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = _DISPLAY) -> object:
        return self._value(index.row(), index.column(), role)

    def multiData(self, index: _Index, roleDataSpan: QModelRoleDataSpan) -> None:
        # The delegate asks for seven roles per painted cell in one call: answer them in one
        # call too, instead of seven trips from C++ to Python.
        row, column = index.row(), index.column()
        try:
            items = list(roleDataSpan)
        except TypeError:  # a binding that cannot walk the span: the one-role-at-a-time way
            super().multiData(index, roleDataSpan)
            return
        for item in items:
            value = self._value(row, column, item.role())
            if value is not None:
                item.setData(value)

    def _value(self, row: int, column: int, role: int) -> object:
        if role == _DISPLAY:
            return self._display(row, column)
        if role == Qt.ItemDataRole.CheckStateRole:
            if column != CHOSEN:
                return None
            checked = self.choice.chosen[row]
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == FINDINGS:
                found = self.findings(row)
                return QBrush(CATEGORY_COLOURS[found[0].category]) if found else None
            return self._dim if row in self.choice.duplicates else None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if row in self.choice.duplicates else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == KIND:
                return self.choice.kinds[row]
            if column == MOMENT:
                return self.choice.moment_of(row)
            return None
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column) or HEADERS[column]
        return None

    def _display(self, row: int, column: int) -> str | None:
        if column == TIME:
            return ("↳ " if self.choice.candidates[row].reply else "") + self._times[row]
        if column == TEXT:
            return self._texts[row]
        if column == AUTHOR:
            return self.choice.candidates[row].author
        if column == KIND:
            return KIND_LABELS[self.choice.kinds[row]]
        if column == MOMENT:
            moment = self.choice.moment_of(row)
            return MOMENT_LABELS[moment] if moment else ""
        if column == FINDINGS:
            found = self.findings(row)
            if not found:
                return ""
            more = f" +{len(found) - 1}" if len(found) > 1 else ""
            return f"⚑ “{found[0].text}”{more}"
        if column == CHOSEN:
            return "≈" if row in self.choice.duplicates else ""
        return None

    def _tooltip(self, row: int, column: int) -> str | None:
        candidate = self.choice.candidates[row]
        if column == CHOSEN:
            event = self.choice.duplicates.get(row)
            if event is None:
                return "Add this to the timeline (Space)"
            when = event.at.astimezone(self._zone).strftime("%H:%M") if event.at else "—"
            return (
                f"Looks like an event already on the timeline: {when} “{event.text}”.\n"
                "Left out unless you choose it."
            )
        if column == TIME:
            when = candidate.at.astimezone(self._zone).strftime("%a %d %b %Y %H:%M:%S %Z")
            if candidate.wall is not None:
                return f"{when}\nThe source gave no offset: read in the zone chosen above."
            return when
        if column == AUTHOR:
            match = self.authors.get(candidate.author)
            if match is None or not match.name:
                return "A tool or bot: not added as a participant"
            if match.new:
                return f"Added as a new participant, {match.name} (role to fill in)"
            return f"Participant {match.name}"
        if column == FINDINGS:
            found = self.findings(row)
            return "\n\n".join(_finding_tip(f) for f in found) or None
        if column == TEXT:
            where = f"{candidate.channel} · " if candidate.channel else ""
            links = "\n".join(candidate.links)
            return f"{candidate.text}\n\n{where}{candidate.source}" + (
                f"\n{links}" if links else ""
            )
        return None

    def _sort_key(self, row: int, column: int) -> object:
        if column == TIME:
            return row  # rows are in conversation order: replies after their parent
        if column == CHOSEN:
            return int(self.choice.chosen[row])
        if column == AUTHOR:
            return self.author_keys[row]
        if column == KIND:
            return _KIND_ORDER[self.choice.kinds[row]]
        if column == MOMENT:
            return self.choice.moment_of(row) or ""
        if column == FINDINGS:
            return len(self.findings(row))
        return self._texts[row].casefold()

    # -- changing ------------------------------------------------------------------------

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row, column = index.row(), index.column()
        if column == CHOSEN and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            self.set_chosen([row], checked)
            return True
        if column == KIND and role == Qt.ItemDataRole.EditRole:
            # Through Qt an EventKind arrives as its string value.
            try:
                kind = EventKind(value)
            except ValueError:
                return False
            self._changed(self.choice.set_kind(row, kind), KIND, MOMENT)
            return True
        if column == MOMENT and role == Qt.ItemDataRole.EditRole:
            name = value if isinstance(value, str) and value in MOMENT_LABELS else None
            self._changed(self.choice.set_moment(row, name), CHOSEN, MOMENT)
            return True
        return False

    def set_chosen(self, rows: Iterable[int], value: bool) -> None:
        """Choose or leave out ``rows``."""
        self._changed(self.choice.choose(rows, value), CHOSEN, CHOSEN)

    def choose_only(self, rows: Iterable[int], among: Iterable[int]) -> None:
        """Choose exactly ``rows`` among the rows ``among`` (those on show)."""
        self._changed(self.choice.only(rows, among), CHOSEN, CHOSEN)

    def toggle(self, rows: Sequence[int]) -> None:
        """Flip rows to the opposite of the first one's state (as Space does in lists)."""
        if rows:
            self.set_chosen(rows, not self.choice.chosen[rows[0]])

    def _changed(self, rows: Sequence[int], first: int, last: int) -> None:
        if not rows:
            return
        # One signal per run of neighbouring rows keeps a large "choose all" to a few signals.
        ordered = sorted(rows)
        start = prev = ordered[0]
        for row in [*ordered[1:], None]:
            if row is not None and row == prev + 1:
                prev = row
                continue
            self.dataChanged.emit(self.index(start, first), self.index(prev, last))
            if row is not None:
                start = prev = row
        self.choiceChanged.emit()


_HEADER_TIPS = (
    "Tick what goes on the timeline; ≈ marks what looks already there",
    "When it happened, in the debrief's time zone",
    "Who wrote it, as the source names them",
    "What kind of event it is (a guess: double-click to change it)",
    "Mark the moment the problem started, was detected, mitigated or resolved",
    "The message; ↳ marks a reply in a thread, kept under its first message",
    "Blame or counterfactual wording the language check found",
)


def _one_line(candidate: Candidate) -> str:
    return " ⏎ ".join(line.strip() for line in candidate.text.splitlines() if line.strip())


def _finding_tip(finding: Finding) -> str:
    kind = "Blame" if finding.category == BLAME else "Counterfactual"
    return f"{kind}: “{finding.text}”. {finding.message}\nTry: {finding.suggestion}"

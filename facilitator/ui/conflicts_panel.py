"""ConflictsPanel: "Edits to resolve", the texts that lost when two windows changed one field.

The stored text stays in its field; the other one waits here until the
facilitator uses it (swapping it with the field's, so either choice keeps both)
or dismisses it. The panel is hidden while there is nothing to resolve.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.changes import DebriefChanges, ListChange
from facilitator.domain.conflicts import can_use, use_conflict_text
from facilitator.domain.model import EditConflict
from facilitator.domain.script import parts_changed
from facilitator.ui.session import MeetingSession

Index = QModelIndex | QPersistentModelIndex


class ConflictsModel(QAbstractListModel):
    """The open debrief's edit conflicts, newest last."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def conflicts(self) -> list[EditConflict]:
        debrief = self.session.debrief
        return [] if debrief is None else debrief.conflicts

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.conflicts())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.conflicts()):
            return None
        conflict = self.conflicts()[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = f" · {conflict.at.astimezone():%H:%M}" if conflict.at else ""
            return f"{conflict.label or conflict.path}{when}\n{conflict.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "The other window's text is in the field; this one was typed at the same time."
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Edit to resolve in {conflict.label or conflict.path}: {conflict.text}"
        return None

    def reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()


class ConflictsPanel(QWidget):
    """The list of edits to resolve, with Use this text, Copy and Dismiss."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("ConflictsPanel")
        self.model = ConflictsModel(session, self)
        heading = QLabel("Edits to resolve", self)
        heading.setObjectName("SectionLabel")
        hint = QLabel(
            "Two windows changed the same text at once. The field keeps the text saved first; "
            "the other is here.",
            self,
        )
        hint.setObjectName("HintLabel")
        hint.setWordWrap(True)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAccessibleName("Edits to resolve")
        self.use = QPushButton("Use this text", self)
        self.use.setToolTip("Put this text in the field; the field's text moves to this list")
        self.copy = QPushButton("Copy", self)
        self.dismiss = QPushButton("Dismiss", self)
        self.dismiss.setToolTip("Keep the field as it is and forget this text")
        buttons = QHBoxLayout()
        for button in (self.use, self.copy, self.dismiss):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.use.clicked.connect(self._use)
        self.copy.clicked.connect(self._copy)
        self.dismiss.clicked.connect(self._dismiss)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        session.conflictsChanged.connect(self.refresh)
        session.debriefOpened.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the open debrief's conflicts; hide the panel when there are none."""
        self.model.reset()
        count = self.model.rowCount()
        self.setVisible(count > 0)
        if count:
            self.view.setCurrentIndex(self.model.index(count - 1))
        self._update_buttons()

    def _current(self) -> EditConflict | None:
        index = self.view.currentIndex()
        conflicts = self.model.conflicts()
        return conflicts[index.row()] if index.isValid() and index.row() < len(conflicts) else None

    def _update_buttons(self) -> None:
        conflict = self._current()
        debrief = self.session.debrief
        self.copy.setEnabled(conflict is not None)
        self.dismiss.setEnabled(conflict is not None and not self.session.read_only)
        self.use.setEnabled(
            conflict is not None
            and debrief is not None
            and not self.session.read_only
            and can_use(debrief, conflict)
        )

    def _use(self) -> None:
        conflict, debrief = self._current(), self.session.debrief
        if conflict is None or debrief is None:
            return
        head = use_conflict_text(debrief, conflict)
        if head is None:
            return
        # Views of the field update as they would for another window's save.
        if "/" in conflict.path:
            name, uid, _attribute = conflict.path.split("/")
            changes = DebriefChanges(lists={name: ListChange(changed=(uid,))})
        else:
            changes = DebriefChanges(fields=frozenset({head}))
        self.session.externalChange.emit(changes)
        for part in parts_changed(changes):
            self.session.partChanged.emit(part)
        self.session.conflictsChanged.emit()
        self.session.touch(head)

    def _copy(self) -> None:
        conflict = self._current()
        if conflict is not None:
            QGuiApplication.clipboard().setText(conflict.text)
            self.session.message.emit("Copied the text to resolve.")

    def _dismiss(self) -> None:
        conflict = self._current()
        if conflict is not None:
            self.session.resolve_conflict(conflict.uid)

"""Editors for the board's inline changes: status and priority pickers, a due-date editor.

Editors exist only while a cell is being edited, so a mouse wheel passing over
the table never changes a value; inside an open editor the wheel works as usual
because that editor has the focus.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from facilitator.domain.model import ActionStatus, Priority
from facilitator.followup.records import STATUS_LABELS
from facilitator.ui.qtime import from_qdate, to_qdate

_Index = QModelIndex | QPersistentModelIndex
#: The date editor's floor, shown as "No due date".
NO_DATE = QDate(2000, 1, 1)
STATUS_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (s.value, STATUS_LABELS[s]) for s in ActionStatus
)
PRIORITY_CHOICES: tuple[tuple[str, str], ...] = (
    ("", "No priority"),
    *((p.value, p.value) for p in Priority),
)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (value, label) pairs; the model receives the value string."""

    def __init__(self, choices: tuple[tuple[str, str], ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self.choices:
            combo.addItem(label, value)
        # Picking a value commits it at once: one click, saved.
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        text = "" if value is None else str(getattr(value, "value", value))
        editor.setCurrentIndex(max(0, editor.findData(text)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """A date editor with a calendar; its lowest value means "no due date"."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QDateEdit(parent, calendarPopup=True, displayFormat="d MMM yyyy")
        editor.setMinimumDate(NO_DATE)
        editor.setSpecialValueText("No due date")
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QDateEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(to_qdate(value) if isinstance(value, date) else NO_DATE)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QDateEdit)
        day = editor.date()
        model.setData(index, None if day == NO_DATE else from_qdate(day), Qt.ItemDataRole.EditRole)


class NameDelegate(QStyledItemDelegate):
    """A line editor that completes from names already used on the board."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names: list[str] = []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QLineEdit(parent)
        completer = QCompleter(self.names, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        editor.setCompleter(completer)
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

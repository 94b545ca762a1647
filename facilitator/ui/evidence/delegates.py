"""Editors inside the candidate and people tables: a drop-down of fixed choices.

The combo box exists only while a cell is edited, so it always has focus when
the wheel reaches it; it takes focus by click or Tab only, never by the wheel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

_Index = QModelIndex | QPersistentModelIndex
#: (label, value) pairs, fixed or computed for the cell being edited.
Choices = Sequence[tuple[str, object]] | Callable[[_Index], Sequence[tuple[str, object]]]


class _ChoiceBox(QComboBox):
    """A combo box that keeps its values as Python objects (through Qt an enum becomes a str)."""

    def __init__(self, options: Sequence[tuple[str, object]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.values = [value for _label, value in options]
        for label, _value in options:
            self.addItem(label)


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell's ``EditRole`` value by picking one of ``choices``; commits on pick."""

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        options = self._choices(index) if callable(self._choices) else self._choices
        combo = _ChoiceBox(options, parent)
        # Picking a value is the whole edit: store it and close, as a spreadsheet does.
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, _ChoiceBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(editor.values.index(value) if value in editor.values else 0)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, _ChoiceBox)
        if 0 <= editor.currentIndex() < len(editor.values):
            model.setData(index, editor.values[editor.currentIndex()], Qt.ItemDataRole.EditRole)

"""ItemDelegate: paints list cells and opens the right editor for each kind of column.

Text cells are painted with their language underlines, read from the
:class:`~facilitator.ui.parts.findings_cache.FindingsCache`, and edited in a
:class:`~facilitator.ui.note_edit.NoteEdit` that gets the live highlighter, so
the underlines are there both at rest and while typing. Text is committed on
every keystroke, like every other field of the app: nothing typed waits for the
editor to close before it is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from facilitator.ui.highlighter import CATEGORY_COLOURS
from facilitator.ui.note_edit import NoteEdit
from facilitator.ui.parts.cell_paint import PAD_Y, CellPainting, underline
from facilitator.ui.parts.findings_cache import FindingsCache
from facilitator.ui.parts.item_model import (
    CHOICE,
    DATE,
    DATETIME,
    FLAG,
    LINE,
    STAR,
    TEXT,
    VALUE_ROLE,
    ItemListModel,
)
from facilitator.ui.qtime import from_qdate, from_qdatetime, to_qdate, to_qdatetime

_Index = QModelIndex | QPersistentModelIndex
#: The date shown as "no date" in date editors.
NO_DATE = QDate(2000, 1, 1)


class ItemDelegate(CellPainting, QStyledItemDelegate):
    """Cells of an :class:`ItemListModel`.

    ``on_new_edit`` receives every NoteEdit opened on a checked text cell (the
    language hook); ``on_paste`` gets refused-paste messages of the others.
    """

    def __init__(
        self,
        model: ItemListModel,
        findings: FindingsCache,
        on_new_edit: Callable[[NoteEdit], None] | None,
        on_paste: Callable[[str], None] | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.findings = findings
        self._on_new_edit = on_new_edit
        self._on_paste = on_paste
        self._formats = {category: underline(c) for category, c in CATEGORY_COLOURS.items()}
        #: The NoteEdit open on a text cell, if any (navigation selects text in it).
        self.open_edit: NoteEdit | None = None
        self._mouse = False
        self.editorGrew: Callable[[QModelIndex, int], None] | None = None

    # -- toggles -------------------------------------------------------------------------

    def editorEvent(
        self,
        event: QEvent,
        model: Any,
        option: QStyleOptionViewItem,
        index: _Index,
    ) -> bool:
        kind = self.model.columns[index.column()].kind
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._mouse = True
        elif event.type() == QEvent.Type.KeyPress:
            self._mouse = False
        if kind not in (STAR, FLAG) or self.model.read_only:
            return super().editorEvent(event, model, option, index)
        toggle = (
            event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton  # type: ignore[attr-defined]
            and option.rect.contains(event.position().toPoint())  # type: ignore[attr-defined]
        )
        if toggle:
            self.model.toggle(index.row(), index.column())
            return True
        return event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)

    # -- editors -------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        column = self.model.columns[index.column()]
        editor: QWidget
        if column.kind == TEXT:
            editor = self._note_editor(parent, index)
        elif column.kind == LINE:
            line = QLineEdit(parent)
            line.setPlaceholderText(column.placeholder)
            line.textEdited.connect(lambda _t, e=line: self.commitData.emit(e))
            editor = line
        elif column.kind == CHOICE:
            combo = CellCombo(parent)
            for number, (_value, label) in enumerate(column.choices):
                combo.addItem(label, number)
            combo.activated.connect(lambda _i, e=combo: self._chosen(e))
            if self._mouse:
                # Opened by a click: show the choices at once instead of a second click.
                QTimer.singleShot(0, combo, combo.showPopup)
            editor = combo
        elif column.kind == DATE:
            day = QDateEdit(parent, calendarPopup=True, displayFormat="d MMM yyyy")
            day.setMinimumDate(NO_DATE)
            day.setSpecialValueText("No date")
            editor = day
        elif column.kind == DATETIME:
            when = QDateTimeEdit(parent, calendarPopup=True)
            zone = self.model.qt_zone()
            if zone is not None:
                when.setTimeZone(zone)
            when.setDisplayFormat(self.model.datetime_format())
            editor = when
        else:
            return super().createEditor(parent, option, index)
        editor.setAccessibleName(column.header)
        editor.setToolTip(column.tip)
        return editor

    def _note_editor(self, parent: QWidget, index: _Index) -> NoteEdit:
        column = self.model.columns[index.column()]
        key = self.model.field_key(index.row(), index.column())
        edit = NoteEdit(key, parent, placeholder=column.placeholder)
        edit.setObjectName("CellEdit")
        edit.setAccessibleName(column.header)
        edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        edit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        edit.setFrameShape(edit.Shape.NoFrame)
        edit.document().setDocumentMargin(PAD_Y - 2)
        if column.checked and self._on_new_edit is not None:
            self._on_new_edit(edit)
        elif self._on_paste is not None:
            edit.pasteRejected.connect(self._on_paste)
        edit.edited.connect(lambda _t, e=edit: self.commitData.emit(e))
        persistent = QPersistentModelIndex(index)
        edit.document().documentLayout().documentSizeChanged.connect(
            lambda size, e=edit, p=persistent: self._grew(e, p)
        )
        edit.destroyed.connect(lambda *_: self._closed(edit))
        self.open_edit = edit
        return edit

    def _closed(self, edit: NoteEdit) -> None:
        if self.open_edit is edit:
            self.open_edit = None

    def _grew(self, edit: NoteEdit, index: QPersistentModelIndex) -> None:
        if self.editorGrew is None or not index.isValid():
            return
        lines = edit.document().size().height()
        height = int(lines * edit.fontMetrics().lineSpacing()) + 2 * PAD_Y + 4
        self.editorGrew(QModelIndex(index), height)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        column = self.model.columns[index.column()]
        value = index.data(VALUE_ROLE)
        if isinstance(editor, NoteEdit):
            first = not editor.property("filled")
            editor.set_text(str(value or ""))
            if first:
                editor.setProperty("filled", True)
                editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif isinstance(editor, QLineEdit):
            if editor.text() != (value or ""):
                editor.setText(str(value or ""))
        elif isinstance(editor, QComboBox):
            for number, (choice, _label) in enumerate(column.choices):
                if choice == value:
                    editor.setCurrentIndex(number)
                    break
        elif isinstance(editor, QDateTimeEdit) and column.kind == DATETIME:
            if value is not None:
                editor.setDateTime(to_qdatetime(value, editor.timeZone()))
        elif isinstance(editor, QDateEdit):
            editor.setDate(to_qdate(value) if value else NO_DATE)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        column = self.model.columns[index.column()]
        if isinstance(editor, NoteEdit | QLineEdit):
            model.setData(index, editor.text())
        elif isinstance(editor, QComboBox):
            number = editor.currentData()
            if isinstance(number, int) and 0 <= number < len(column.choices):
                model.setData(index, column.choices[number][0])
        elif isinstance(editor, QDateTimeEdit) and column.kind == DATETIME:
            model.setData(index, from_qdatetime(editor.dateTime()))
        elif isinstance(editor, QDateEdit):
            day = editor.date()
            model.setData(index, None if day == NO_DATE else from_qdate(day))
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        editor.setGeometry(option.rect)

    def _chosen(self, combo: CellCombo) -> None:
        # A pick in the open list ends the edit. Arrow keys only step through the choices,
        # and Enter, Tab or leaving the cell stores the one arrived at: stepping past a
        # moment must not take that moment from another event on the way.
        if combo.picked_from_list:
            combo.picked_from_list = False
            self._commit_and_close(combo)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # Enter ends editing a text cell (Shift+Enter starts a new line): a timeline entry
        # is usually one line, and the facilitator's next key is the next row.
        if (
            isinstance(editor, NoteEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
            & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        ):
            self._commit_and_close(editor)
            return True
        if (
            isinstance(editor, NoteEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            # Qt leaves Tab to text editors; in a list it goes to the next cell, like a form.
            backwards = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            hint = QAbstractItemDelegate.EndEditHint
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, hint.EditPreviousItem if backwards else hint.EditNextItem)
            return True
        if (
            isinstance(editor, NoteEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            # Text is saved as it is typed: Escape leaves the cell and keeps it.
            self._commit_and_close(editor)
            return True
        return super().eventFilter(editor, event)


class CellCombo(QComboBox):
    """The combo box of a choice cell; knows whether a choice came from its open list."""

    picked_from_list = False

    def hidePopup(self) -> None:
        self.picked_from_list = True
        super().hidePopup()
        # Closing the list without a pick (Escape) leaves the flag to the next key.
        QTimer.singleShot(0, self, self._reset)

    def _reset(self) -> None:
        self.picked_from_list = False


def edit_triggers() -> QAbstractItemView.EditTrigger:
    """How editing starts: typing, F2, a double click, or a click on the current cell."""
    trigger = QAbstractItemView.EditTrigger
    return (
        trigger.DoubleClicked
        | trigger.SelectedClicked
        | trigger.EditKeyPressed
        | trigger.AnyKeyPressed
    )

"""ItemTable: the view every list editor uses, with row heights measured only where seen.

A QTableView asks nothing of rows it does not paint, as long as row heights
are not "resize to contents" (that measures every row). Rows here start one
line tall and the rows in and near the viewport are measured to fit their
wrapped text when they come into view or their text changes, so opening or
scrolling a 2,000-event timeline measures a screenful, not 2,000 rows.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QEvent, QModelIndex, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView, QWidget

from facilitator.ui.parts.cell_paint import PAD_X, PAD_Y
from facilitator.ui.parts.delegates import ItemDelegate, edit_triggers
from facilitator.ui.parts.item_model import DATE, DATETIME, FLAG, STAR, TEXT, ItemListModel

#: Rows measured beyond the visible ones, so a short scroll lands on measured rows.
MARGIN_ROWS = 8


class ItemTable(QTableView):
    """A table of one debrief list, driven by keys as well as the mouse.

    Keys (outside an open editor): Enter or F2 edits the current cell, typing
    starts editing it, Space toggles a star, Ctrl+Enter adds a row, Delete
    removes the current row, Alt+Up/Alt+Down move it, Ctrl+Z brings back the
    last removed row.

    ``fill`` tables take the height the page gives them; the others are as tall
    as their rows, up to ``max_rows`` rows, and scroll beyond that.

    Signals:
        addRequested(), removeRequested(), undoRequested(), moveRequested(int).
    """

    addRequested = Signal()
    removeRequested = Signal()
    undoRequested = Signal()
    moveRequested = Signal(int)

    def __init__(
        self,
        model: ItemListModel,
        delegate: ItemDelegate,
        parent: QWidget | None = None,
        *,
        fill: bool = False,
        max_rows: int = 8,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._fill = fill
        self._max_rows = max_rows
        self._heights: dict[str, tuple[int, int]] = {}
        self.setObjectName("ItemTable")
        self.setModel(model)
        self.setItemDelegate(delegate)
        delegate.editorGrew = self._editor_grew
        self._delegate = delegate
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(edit_triggers())
        self.setTabKeyNavigation(False)
        # Short cells elide on one line; text cells wrap themselves (see ItemDelegate).
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        header.setMinimumSectionSize(24)
        self.text_column = next(
            (n for n, c in enumerate(model.columns) if c.kind == TEXT and c.chars == 0), -1
        )
        policy = QSizePolicy.Policy.Expanding if fill else QSizePolicy.Policy.Preferred
        self.setSizePolicy(QSizePolicy.Policy.Expanding, policy)
        self._measure = QTimer(self, singleShot=True, interval=0)
        self._measure.timeout.connect(self.measure_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._measure.start())
        model.modelReset.connect(self._reset)
        model.rowsInserted.connect(lambda *_: self._changed_layout())
        model.rowsRemoved.connect(lambda *_: self._changed_layout())
        model.rowsMoved.connect(lambda *_: self._changed_layout())
        model.layoutChanged.connect(lambda *_: self._changed_layout())
        model.dataChanged.connect(self._data_changed)
        self._apply_columns()

    # -- columns and rows ----------------------------------------------------------------

    def apply_columns(self) -> None:
        """Size the columns for the current font and formats."""
        self._apply_columns()
        self._changed_layout()

    def _apply_columns(self) -> None:
        metrics = QFontMetrics(self.font())
        header = self.horizontalHeader()
        line = metrics.height() + 2 * PAD_Y
        self.verticalHeader().setDefaultSectionSize(line)
        self.verticalHeader().setMinimumSectionSize(line)
        for number, column in enumerate(self._model.columns):
            if column.chars == 0:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
            if column.kind == STAR:
                width = metrics.horizontalAdvance("★") * 2 + 2 * PAD_X
            elif column.kind == DATETIME:
                sample = getattr(self._model, "display_sample", None)
                if sample is not None:
                    text = sample()
                else:
                    moment = QDateTime(QDate(2026, 9, 30), QTime(23, 59, 59))
                    text = moment.toString(self._model.datetime_format())
                width = metrics.horizontalAdvance(text) + 2 * PAD_X + 12
            elif column.kind == DATE:
                width = metrics.horizontalAdvance("30 Sep 2026") + 2 * PAD_X + 12
            else:
                width = metrics.averageCharWidth() * column.chars + 2 * PAD_X + 8
            width = max(width, metrics.horizontalAdvance(column.header) + 2 * PAD_X + 8)
            header.resizeSection(number, width)
        self._heights.clear()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._apply_columns()
            self._changed_layout()

    def _reset(self) -> None:
        self._heights.clear()
        self._changed_layout()

    def _changed_layout(self) -> None:
        self._measure.start()
        if not self._fill:
            self.updateGeometry()

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_: object) -> None:
        for row in range(top_left.row(), bottom_right.row() + 1):
            if 0 <= row < self._model.rowCount():
                self._heights.pop(self._model.item(row).uid, None)
        self._changed_layout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._measure.start()

    def showEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        self._measure.start()

    def measure_visible(self) -> None:
        """Fit the rows in (and near) the viewport to their text; leave the others alone."""
        count = self._model.rowCount()
        if count == 0 or self.text_column < 0:
            return
        for _attempt in range(3):
            first = self.rowAt(0)
            last = self.rowAt(self.viewport().height() - 1)
            first = 0 if first < 0 else first
            last = count - 1 if last < 0 else last
            changed = False
            for row in range(max(0, first - MARGIN_ROWS), min(count, last + MARGIN_ROWS + 1)):
                changed |= self.measure_row(row)
            if not changed:
                break
        if not self._fill:
            self.updateGeometry()

    def measure_row(self, row: int) -> bool:
        """Fit one row to its text; True if its height changed."""
        width = self.columnWidth(self.text_column)
        uid = self._model.item(row).uid
        cached = self._heights.get(uid)
        if cached is not None and cached[0] == width:
            height = cached[1]
        else:
            index = self._model.index(row, self.text_column)
            height = max(
                self.verticalHeader().defaultSectionSize(),
                self._delegate.text_height(index, width, self.font()),
            )
            self._heights[uid] = (width, height)
        if self.rowHeight(row) != height:
            self.setRowHeight(row, height)
            return True
        return False

    def _editor_grew(self, index: QModelIndex, height: int) -> None:
        row = index.row()
        if 0 <= row < self._model.rowCount() and self.rowHeight(row) < height:
            self.setRowHeight(row, height)
            self._heights.pop(self._model.item(row).uid, None)
            if not self._fill:
                self.updateGeometry()

    # -- size ----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._fill:
            # Small on purpose: a page of wrapped labels lays out by preferred heights, and the
            # Expanding policy hands this table all the height that is left anyway.
            header = self.horizontalHeader().sizeHint().height()
            return QSize(hint.width(), 4 * self._line() + header + 2 * self.frameWidth())
        return QSize(hint.width(), self._rows_height(self._max_rows))

    def minimumSizeHint(self) -> QSize:
        # In lines, not measured rows: a long first event must not make the page scroll.
        hint = super().minimumSizeHint()
        lines = 3 if self._fill else min(2, max(1, self._model.rowCount()))
        header = self.horizontalHeader().sizeHint().height()
        return QSize(min(hint.width(), 200), lines * self._line() + header + 2 * self.frameWidth())

    def _line(self) -> int:
        return self.verticalHeader().defaultSectionSize()

    def _rows_height(self, rows: int) -> int:
        count = self._model.rowCount()
        shown = min(count, rows)
        body = sum(self.rowHeight(r) for r in range(shown)) if shown else self._line()
        header = self.horizontalHeader().sizeHint().height()
        return body + header + 2 * self.frameWidth() + 2

    # -- keys ----------------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self._model.rowCount():
            self.setCurrentIndex(self._model.index(0, max(0, self.text_column)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        if self.state() != QAbstractItemView.State.EditingState:
            current = self.currentIndex()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
                self.addRequested.emit()
                return
            toggles = current.isValid() and self._model.columns[current.column()].kind in (
                STAR,
                FLAG,
            )
            if key in (Qt.Key.Key_Space, Qt.Key.Key_Select) and toggles and not mods:
                if not self._model.read_only:
                    self._model.toggle(current.row(), current.column())
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
                if toggles and not self._model.read_only:
                    self._model.toggle(current.row(), current.column())
                elif self._model.flags(current) & Qt.ItemFlag.ItemIsEditable:
                    self.edit(current)
                return
            if key == Qt.Key.Key_Delete and not mods:
                self.removeRequested.emit()
                return
            if alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.moveRequested.emit(-1 if key == Qt.Key.Key_Up else 1)
                return
            if ctrl and key == Qt.Key.Key_Z:
                self.undoRequested.emit()
                return
        super().keyPressEvent(event)

    def go_to(
        self, row: int, column: int | None = None, *, edit: bool = False, centre: bool = False
    ) -> None:
        """Make ``row`` current, scroll to it (``centre``: to the middle) and maybe edit it."""
        if not 0 <= row < self._model.rowCount():
            return
        column = self.text_column if column is None else column
        index = self._model.index(row, max(0, column))
        self.setCurrentIndex(index)
        self.measure_row(row)
        hint = QAbstractItemView.ScrollHint
        self.scrollTo(index, hint.PositionAtCenter if centre else hint.EnsureVisible)
        self._measure.start()
        if edit and self._model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            self.edit(index)

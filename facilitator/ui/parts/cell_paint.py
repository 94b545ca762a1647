"""How list cells are painted: wrapped text with its language underlines, and stars.

Painting uses the findings cached per item (never a check per paint) and a
QTextLayout, so a wrapped cell shows the same wavy underlines as the editor
that opens on it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from facilitator.ui.parts.item_model import MARK_ROLE, STAR, TEXT, VALUE_ROLE

_Index = QModelIndex | QPersistentModelIndex
#: Inner padding of a cell, in pixels: text never touches the grid.
PAD_X, PAD_Y = 8, 6
STAR_COLOUR = QColor("#e0a100")


def underline(colour: QColor) -> QTextCharFormat:
    """The wavy underline of one category of finding."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(colour)
    return fmt


class CellPainting:
    """Painting for :class:`~facilitator.ui.parts.delegates.ItemDelegate` (a mixin).

    Uses the delegate's ``model``, ``findings`` and ``_formats``.
    """

    model: Any
    findings: Any
    _formats: dict[str, QTextCharFormat]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        kind = self.model.columns[index.column()].kind
        if kind == TEXT:
            self._paint_text(painter, option, index)
        elif kind == STAR:
            self._paint_star(painter, option, index)
        else:
            super().paint(painter, option, index)  # type: ignore[misc]

    def _background(
        self, painter: QPainter, option: QStyleOptionViewItem, index: _Index
    ) -> QStyleOptionViewItem:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)  # type: ignore[attr-defined]
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        return opt

    def _paint_text(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = self._background(painter, option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        painter.save()
        painter.setClipRect(opt.rect)
        if not text:
            column = self.model.columns[index.column()]
            if column.placeholder and not self.model.read_only:
                painter.setPen(opt.palette.color(group, QPalette.ColorRole.PlaceholderText))
                painter.setFont(opt.font)
                flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                painter.drawText(rect, int(flags), column.placeholder)
            painter.restore()
            return
        painter.setPen(opt.palette.color(group, role))
        layout = self._layout(text, opt, rect.width(), index)
        layout.draw(painter, rect.topLeft())
        painter.restore()

    def _layout(
        self, text: str, opt: QStyleOptionViewItem, width: int, index: _Index
    ) -> QTextLayout:
        layout = QTextLayout(text, opt.font)
        wrap = QTextOption()
        wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(wrap)
        formats = []
        model = self.model
        column = model.columns[index.column()]
        if column.checked and self.findings.enabled:
            row = index.row()
            item = model.item(row)
            found = self.findings.findings(
                item.uid, column.key, text, model.field_key(row, index.column())
            )
            for finding in found:
                fr = QTextLayout.FormatRange()
                fr.start, fr.length = finding.start, finding.end - finding.start
                fr.format = self._formats[finding.category]
                formats.append(fr)
        layout.setFormats(formats)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(10, width))
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout

    def _paint_star(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = self._background(painter, option, index)
        on = bool(index.data(VALUE_ROLE))
        painter.save()
        font = opt.font
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        colour = STAR_COLOUR if on else opt.palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(colour)
        star = "★" if on else "☆"
        mark = index.data(MARK_ROLE)
        if mark:
            # An imported event: a small mark beside the star, explained by the tooltip.
            star_rect = opt.rect.adjusted(0, 0, -opt.rect.width() // 3, 0)
            painter.drawText(star_rect, int(Qt.AlignmentFlag.AlignCenter), star)
            painter.setPen(opt.palette.color(QPalette.ColorRole.PlaceholderText))
            mark_rect = opt.rect.adjusted(opt.rect.width() * 2 // 3 - 6, 0, 0, 0)
            painter.drawText(mark_rect, int(Qt.AlignmentFlag.AlignCenter), str(mark))
        else:
            painter.drawText(opt.rect, int(Qt.AlignmentFlag.AlignCenter), star)
        painter.restore()

    def text_height(self, index: _Index, width: int, font: QFont) -> int:
        """The height a text cell needs at ``width`` pixels to show all its lines."""
        metrics = QFontMetrics(font)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            return metrics.height() + 2 * PAD_Y
        bound = metrics.boundingRect(
            QRect(0, 0, max(10, width - 2 * PAD_X), 1_000_000),
            int(Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere),
            text,
        )
        return bound.height() + 2 * PAD_Y

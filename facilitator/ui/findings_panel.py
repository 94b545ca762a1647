"""The findings panel: every open language finding of the debrief, and a count always in view."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from facilitator.language.debrief_findings import FieldFinding, field_label
from facilitator.language.findings import category_label
from facilitator.ui.highlighter import CATEGORY_COLOURS

_FIELD = Qt.ItemDataRole.UserRole + 1
_START = Qt.ItemDataRole.UserRole + 2
_END = Qt.ItemDataRole.UserRole + 3


def count_text(count: int) -> str:
    """Return the header line for ``count`` open findings."""
    if count == 0:
        return "No language findings"
    return f"{count} language finding{'' if count == 1 else 's'}"


class FindingsPanel(QWidget):
    """Lists open findings (field, flagged phrase, why, what to say instead).

    Signals:
        activated(str, int, int): the user clicked or pressed Enter on a finding;
            carries the field key and the phrase's start and end offsets in that field.
    """

    activated = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._header = QLabel(count_text(0), self)
        self._header.setObjectName("findingsCount")
        font = self._header.font()
        font.setBold(True)
        self._header.setFont(font)
        self._model = QStandardItemModel(self)
        self._list = QListView(self)
        self._list.setModel(self._model)
        self._list.setWordWrap(True)
        self._list.setUniformItemSizes(False)
        self._list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self._list.setAccessibleName("Language findings")
        self._list.clicked.connect(self._emit)
        self._list.activated.connect(self._emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._header)
        layout.addWidget(self._list, 1)

    def set_findings(self, findings: Sequence[FieldFinding]) -> None:
        """Show ``findings`` in the given order and update the count."""
        self._model.clear()
        for item in findings:
            finding = item.finding
            kind = category_label(finding)
            row = QStandardItem(
                f"{field_label(item.field)}: “{finding.text}”\n"
                f"{kind}: {finding.message}\nTry: {finding.suggestion}"
            )
            row.setToolTip(f"{finding.message}\n\nTry: {finding.suggestion}")
            row.setForeground(QBrush(CATEGORY_COLOURS[finding.category]))
            row.setData(item.field, _FIELD)
            row.setData(finding.start, _START)
            row.setData(finding.end, _END)
            self._model.appendRow(row)
        self._header.setText(count_text(len(findings)))

    def count(self) -> int:
        """Return how many findings are listed."""
        return self._model.rowCount()

    def header_text(self) -> str:
        """Return the count line as shown."""
        return self._header.text()

    def list_view(self) -> QListView:
        """The list widget (for keyboard focus and tests)."""
        return self._list

    def _emit(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(index.data(_FIELD), index.data(_START), index.data(_END))

"""The classification matrix window: every debrief as a row, sortable and filterable.

The filter box takes the library's query language and asks the service (the
database does the filtering); sorting uses keys computed once per row, so a
click on a header of 10,000 rows sorts without formatting anything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.taxonomy import Taxonomy
from facilitator.export.atomic import ExportError
from facilitator.library.facts import DebriefFacts
from facilitator.library.matrix import matrix_rows, to_csv
from facilitator.library.query import QueryError
from facilitator.storage import DebriefService, StorageError
from facilitator.ui import file_prompts
from facilitator.ui.library_models import ID_ROLE, SORT_ROLE, MatrixModel

FILTER_DELAY_MS = 250
#: Initial column widths in pixels at the default font (Incident and factors stretch).
_WIDTHS = (None, 60, 150, 170, None, 140, 70, 70, 60)


class _SortProxy(QSortFilterProxyModel):
    """Sorts by the model's sort keys, never by display text."""

    def lessThan(self, left, right) -> bool:  # type: ignore[no-untyped-def]
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)


class MatrixWindow(QMainWindow):
    """The matrix with a query filter and CSV / Word export.

    Signals:
        openRequested(str): open this debrief in the main window.
    """

    openRequested = Signal(str)

    def __init__(
        self,
        service: DebriefService,
        taxonomy: Callable[[], Taxonomy],
        parent: QWidget | None = None,
        *,
        query: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MatrixWindow")
        self.setWindowTitle("Classification matrix — Facilitator")
        self.service = service
        self._taxonomy = taxonomy
        self.facts: list[DebriefFacts] = []
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(16, 12, 16, 12)
        bar = QHBoxLayout()
        self.filter = QLineEdit(
            self,
            placeholderText='Filter: severity:SEV2 cause:"deployment regression" after:2026-10 …',
        )
        self.filter.setClearButtonEnabled(True)
        self.filter.setText(query)
        self.csv_button = QPushButton("Export CSV…", self)
        self.docx_button = QPushButton("Export Word…", self)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.csv_button)
        bar.addWidget(self.docx_button)
        layout.addLayout(bar)
        self.status = QLabel("", self)
        self.status.setObjectName("HintLabel")
        layout.addWidget(self.status)
        self.model = MatrixModel(self)
        self.proxy = _SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("MatrixTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row height: the view never measures 10,000 rows to lay them out.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        header = self.table.horizontalHeader()
        for column, width in enumerate(_WIDTHS):
            if width is None:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.filter.textChanged.connect(lambda _t: self._timer.start())
        self.table.activated.connect(lambda i: self.openRequested.emit(i.data(ID_ROLE)))
        self.csv_button.clicked.connect(lambda: self._ask("csv"))
        self.docx_button.clicked.connect(lambda: self._ask("docx"))
        self.resize(1240, 680)
        self.refresh()

    def refresh(self) -> None:
        """Ask the service for the debriefs the filter selects."""
        query = self.filter.text()
        try:
            self.facts = self.service.facts(query, taxonomy=self._taxonomy())
        except (QueryError, StorageError) as exc:
            self.status.setObjectName("WarningLabel")
            self._restyle()
            self.status.setText(str(exc))
            return
        self.model.set_rows(matrix_rows(self.facts, self._taxonomy()))
        self.status.setObjectName("HintLabel")
        self._restyle()
        where = f" matching {query.strip()}" if query.strip() else ""
        self.status.setText(
            f"{len(self.facts):,} debriefs{where}. Click a heading to sort; Enter opens a debrief."
        )
        self.docx_button.setEnabled(bool(self.facts))
        self.csv_button.setEnabled(bool(self.facts))

    def _restyle(self) -> None:
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def sorted_rows(self):  # type: ignore[no-untyped-def]
        """Rows in the order on screen."""
        rows = self.model.rows()
        return [
            rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]
            for r in range(self.proxy.rowCount())
        ]

    def _ask(self, kind: str) -> None:
        name = f"classification-matrix-{date.today():%Y-%m-%d}.{kind}"
        title = "Export the matrix as CSV" if kind == "csv" else "Export the matrix as Word"
        name_filter = "CSV files (*.csv)" if kind == "csv" else "Word documents (*.docx)"
        file_prompts.ask_save_path(self, title, name_filter, name, lambda p: self.export(kind, p))

    def export(self, kind: str, path: Path) -> None:
        """Write the matrix as shown (filter and order) to ``path``."""
        rows = self.sorted_rows()
        try:
            if kind == "csv":
                from facilitator.export.atomic import write_atomically

                data = to_csv(rows, self.facts).encode("utf-8-sig")
                write_atomically(path, lambda handle: handle.write(data))
            else:
                self._export_docx(rows, path)
        except (ExportError, StorageError, QueryError) as exc:
            self.status.setObjectName("WarningLabel")
            self._restyle()
            self.status.setText(str(exc))
            return
        self.status.setText(f"Saved {len(rows):,} debriefs to {path.name}.")

    def _export_docx(self, rows, path: Path) -> None:  # type: ignore[no-untyped-def]
        from facilitator.export.blocks import Paragraph, Text
        from facilitator.export.library_docx import export_blocks_docx
        from facilitator.library.review import actions_table, matrix_table

        query = self.filter.text().strip()
        items = self.service.action_items(query, taxonomy=self._taxonomy(), open_only=False)
        open_count = sum(1 for _s, item in items if item.is_open)
        note = Paragraph(Text(f"{open_count} of {len(items)} action items are still open."))
        sections = [
            ("Classification matrix", [matrix_table(rows)]),
            ("What we are doing about it", [note, actions_table(items, date.today())]),
        ]
        subtitle = f"{len(rows):,} debriefs" + (f" matching {query}" if query else "")
        export_blocks_docx("Incident classification", subtitle, sections, path)

"""The classification matrix window: every debrief as a row, sortable and filterable.

The filter box takes the library's query language and asks the service (the
database does the filtering); sorting uses keys computed once per row, so a
click on a header of 10,000 rows sorts without formatting anything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
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
from facilitator.library.facts import DebriefFacts
from facilitator.library.matrix import COLUMNS, MatrixRow, matrix_rows, to_csv
from facilitator.library.query import QueryError
from facilitator.storage import DebriefService, StorageError
from facilitator.ui import file_prompts
from facilitator.ui.library_models import ID_ROLE, MatrixModel
from facilitator.ui.workers import Job

FILTER_DELAY_MS = 250
#: Rows shown at once; the rest load on a worker thread (10,000 take about a second).
FIRST_PAGE = 200
PARTS = ("labels", "factors")


class _Signals(QObject):
    loaded = Signal(int, object)
    failed = Signal(int, str)


#: Initial column widths in pixels at the default font; Incident takes what is left. The
#: factors column has a width of its own: two stretching columns shared the space at
#: 1280x720 and cut its heading to "ontributing factor".
_WIDTHS = (None, 70, 130, 140, 205, 110, 74, 74, 60)


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
        self.complete = False
        self._generation = 0
        self.signals = _Signals(self)
        self.signals.loaded.connect(self._loaded)
        self.signals.failed.connect(self._failed)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
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
        self.table = QTableView(self)
        self.table.setObjectName("MatrixTable")
        self.table.setModel(self.model)
        # The store lists the newest incident first; show that order until a heading is clicked.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self.model.sort)
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
                # Never narrower than the heading itself, whatever the theme's header font.
                text = header.fontMetrics().horizontalAdvance(str(COLUMNS[column])) + 30
                header.resizeSection(column, max(width, text))
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
        """Show the newest debriefs the filter selects at once, then load the rest off-thread."""
        self._generation += 1
        query = self.filter.text()
        try:
            first = self.service.facts(
                query, taxonomy=self._taxonomy(), parts=PARTS, limit=FIRST_PAGE
            )
        except (QueryError, StorageError) as exc:
            self._warn(str(exc))
            return
        self._show(first, complete=len(first) < FIRST_PAGE)
        if len(first) == FIRST_PAGE:
            generation = self._generation
            self.pool.start(Job(lambda: self._load_all(query, generation)))

    def _load_all(self, query: str, generation: int) -> None:
        try:
            facts = self.service.facts(query, taxonomy=self._taxonomy(), parts=PARTS)
        except (QueryError, StorageError) as exc:
            self.signals.failed.emit(generation, str(exc))
            return
        self.signals.loaded.emit(generation, facts)

    def _loaded(self, generation: int, facts: list[DebriefFacts]) -> None:
        if generation == self._generation:  # a newer filter has replaced this one
            self._show(facts, complete=True)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._warn(message)

    def _warn(self, message: str) -> None:
        self.status.setObjectName("WarningLabel")
        self._restyle()
        self.status.setText(message)

    def _show(self, facts: list[DebriefFacts], *, complete: bool) -> None:
        self.facts = facts
        self.complete = complete
        selected = self.table.currentIndex().row()
        self.model.set_facts(facts, self._taxonomy())
        header = self.table.horizontalHeader()
        section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if (section, order) != (0, Qt.SortOrder.DescendingOrder):
            self.model.sort(section, order)
        if selected >= 0 and selected < len(facts):
            self.table.selectRow(selected)
        self.status.setObjectName("HintLabel")
        self._restyle()
        query = self.filter.text().strip()
        where = f" matching {query}" if query else ""
        if complete:
            text = (
                f"{len(facts):,} debriefs{where}. Click a heading to sort; Enter opens a debrief."
            )
        else:
            text = f"The newest {len(facts):,} debriefs{where}; loading the rest…"
        self.status.setText(text)
        # Sorting and exporting need every row.
        header.setSectionsClickable(complete)
        self.docx_button.setEnabled(complete and bool(facts))
        self.csv_button.setEnabled(complete and bool(facts))

    def wait(self) -> None:
        """Let a load in progress finish (tests, closing)."""
        self.pool.waitForDone()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._generation += 1  # a load still running is no longer wanted
        super().closeEvent(event)

    def _restyle(self) -> None:
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def sorted_rows(self) -> list[MatrixRow]:
        """Rows in the order on screen, for the exports."""
        return matrix_rows(self.model.facts(), self._taxonomy())

    def _ask(self, kind: str) -> None:
        name = f"classification-matrix-{date.today():%Y-%m-%d}.{kind}"
        title = "Export the matrix as CSV" if kind == "csv" else "Export the matrix as Word"
        name_filter = "CSV files (*.csv)" if kind == "csv" else "Word documents (*.docx)"
        file_prompts.ask_save_path(self, title, name_filter, name, lambda p: self.export(kind, p))

    def export(self, kind: str, path: Path) -> None:
        """Write the matrix as shown (filter and order) to ``path``."""
        from facilitator.export.atomic import ExportError  # python-docx loads with export

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

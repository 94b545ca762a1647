"""The trends window: the six library charts in tabs, for any slice of the library.

matplotlib (with its QtAgg canvas) is imported when this window opens, never at
start-up. A chart is drawn when its tab is first shown, and again when the
filter or the period changes; "Save as picture…" writes the chart on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.taxonomy import Taxonomy
from facilitator.library.facts import DebriefFacts
from facilitator.library.query import QueryError
from facilitator.storage import DebriefService, StorageError
from facilitator.ui import file_prompts

FILTER_DELAY_MS = 300


class TrendsWindow(QMainWindow):
    """Charts over the debriefs a query selects."""

    def __init__(
        self,
        service: DebriefService,
        taxonomy: Callable[[], Taxonomy],
        parent: QWidget | None = None,
        *,
        query: str = "",
    ) -> None:
        super().__init__(parent)
        # Imported here: matplotlib and numpy cost a third of a second.
        from facilitator.charts.render import CHARTS, TITLES

        self.setObjectName("TrendsWindow")
        self.setWindowTitle("Trends — Facilitator")
        self.service = service
        self._taxonomy = taxonomy
        self.facts: list[DebriefFacts] = []
        self._drawn: set[str] = set()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(16, 12, 16, 12)
        bar = QHBoxLayout()
        self.filter = QLineEdit(self, placeholderText="Filter: service:payments after:2026-01 …")
        self.filter.setClearButtonEnabled(True)
        self.filter.setText(query)
        self.period = QComboBox(self)
        self.period.addItem("By month", "month")
        self.period.addItem("By quarter", "quarter")
        self.save_button = QPushButton("Save as picture…", self)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.period)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        self.status = QLabel("", self)
        self.status.setObjectName("HintLabel")
        layout.addWidget(self.status)
        self.tabs = QTabWidget(self)
        self.keys = list(CHARTS)
        self.canvases: dict[str, object] = {}
        for key in self.keys:
            holder = QWidget(self.tabs)
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, TITLES[key])
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.filter.textChanged.connect(lambda _t: self._timer.start())
        self.period.currentIndexChanged.connect(lambda _i: self._redraw())
        self.tabs.currentChanged.connect(lambda _i: self._draw_current())
        self.save_button.clicked.connect(self._ask_save)
        self.resize(1240, 680)
        self.refresh()

    @property
    def current_key(self) -> str:
        return self.keys[self.tabs.currentIndex()]

    def refresh(self) -> None:
        """Load the facts the filter selects and redraw."""
        try:
            self.facts = self.service.facts(self.filter.text(), taxonomy=self._taxonomy())
        except (QueryError, StorageError) as exc:
            self.status.setObjectName("WarningLabel")
            self.status.style().polish(self.status)
            self.status.setText(str(exc))
            return
        self.status.setObjectName("HintLabel")
        self.status.style().polish(self.status)
        query = self.filter.text().strip()
        self.status.setText(
            f"{len(self.facts):,} debriefs" + (f" matching {query}" if query else "") + "."
        )
        self._redraw()

    def _redraw(self) -> None:
        self._drawn.clear()
        self._draw_current()

    def figure(self, key: str):  # type: ignore[no-untyped-def]
        """A fresh matplotlib Figure of chart ``key`` for the current facts."""
        from facilitator.charts.render import ChartSpec, build_chart

        return build_chart(key, self.facts, self._taxonomy(), ChartSpec(self.period.currentData()))

    def _draw_current(self) -> None:
        key = self.current_key
        if key in self._drawn:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        holder = self.tabs.widget(self.tabs.currentIndex())
        old = self.canvases.pop(key, None)
        if old is not None:
            old.setParent(None)  # type: ignore[attr-defined]
            old.deleteLater()  # type: ignore[attr-defined]
        canvas = FigureCanvasQTAgg(self.figure(key))
        canvas.setObjectName(f"Chart-{key}")
        holder.layout().addWidget(canvas)
        self.canvases[key] = canvas
        self._drawn.add(key)

    def _ask_save(self) -> None:
        key = self.current_key
        file_prompts.ask_save_path(
            self, "Save the chart as a picture", "PNG images (*.png)", f"{key}.png",
            lambda path: self.save_chart(key, path),
        )  # fmt: skip

    def save_chart(self, key: str, path: Path) -> None:
        """Write chart ``key`` as PNG to ``path``."""
        from facilitator.charts.render import to_png
        from facilitator.export.atomic import ExportError, write_atomically

        data = to_png(self.figure(key))
        try:
            write_atomically(path, lambda handle: handle.write(data))
        except ExportError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(f"Saved the chart to {path.name}.")

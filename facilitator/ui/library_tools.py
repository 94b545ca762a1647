"""The incident library's tools in the main window: search, matrix, trends, review, taxonomy.

One controller owns the windows (opened once, raised again), the team's
taxonomy file (remembered in the settings, also read from
``$FACILITATOR_TAXONOMY``) and the library's full-text search box. The menus
only call its methods.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings

from facilitator.domain.taxonomy import Taxonomy, TaxonomyError, default_taxonomy, load_taxonomy
from facilitator.storage import DebriefService
from facilitator.ui import dialogs, file_prompts
from facilitator.ui.library_search import install_search

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.matrix_window import MatrixWindow
    from facilitator.ui.review_dialog import ReviewDialog
    from facilitator.ui.trends_window import TrendsWindow

TAXONOMY_KEY = "library/taxonomy"
TAXONOMY_ENV = "FACILITATOR_TAXONOMY"


class LibraryTools(QObject):
    """Opens the matrix, the trends and the review; keeps the taxonomy everyone uses."""

    def __init__(self, window: MainWindow, service: DebriefService, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.settings = settings
        self.taxonomy: Taxonomy = default_taxonomy()
        self.matrix: MatrixWindow | None = None
        self.trends: TrendsWindow | None = None
        self.review: ReviewDialog | None = None
        self.search = install_search(window.library, service)
        message = self._load_stored_taxonomy()
        if message:
            window.show_message(message, error=True)

    def current_taxonomy(self) -> Taxonomy:
        return self.taxonomy

    def _load_stored_taxonomy(self) -> str | None:
        path = str(self.settings.value(TAXONOMY_KEY, "") or "") or os.environ.get(TAXONOMY_ENV, "")
        if not path:
            return None
        try:
            self._use(load_taxonomy(path))
        except TaxonomyError as exc:
            return f"Your team's taxonomy was not loaded, the built-in one is used: {exc}"
        return None

    def _use(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.window.session.taxonomy = taxonomy
        self.search.set_taxonomy(taxonomy)
        self.window.library.model.taxonomy = taxonomy
        for view in (self.matrix, self.trends):
            if view is not None:
                view.refresh()

    def choose_taxonomy(self) -> None:
        """File > Team files > Use a taxonomy file…"""
        file_prompts.ask_open_path(
            self.window, "Use a taxonomy file", "Taxonomy (*.toml);;All files (*)", self.use_file
        )

    def use_file(self, path: Path) -> None:
        try:
            taxonomy = load_taxonomy(path)
        except TaxonomyError as exc:
            dialogs.show_error(self.window, "This taxonomy cannot be used", str(exc))
            return
        self.settings.setValue(TAXONOMY_KEY, str(path))
        self._use(taxonomy)
        scale = ", ".join(taxonomy.severity_names)
        self.window.show_message(f"Using the taxonomy in {path.name} (severity {scale}).")

    def clear_taxonomy(self) -> None:
        self.settings.remove(TAXONOMY_KEY)
        self._use(default_taxonomy())
        self.window.show_message("Using the built-in taxonomy (SEV1–SEV4).")

    def open_matrix(self) -> None:
        """View > Classification matrix."""
        if self.matrix is None:
            from facilitator.ui.matrix_window import MatrixWindow

            self.matrix = MatrixWindow(self.service, self.current_taxonomy, self.window)
            self.matrix.openRequested.connect(self._open_debrief)
        self.matrix.show()
        self.matrix.raise_()
        self.matrix.activateWindow()

    def open_trends(self) -> None:
        """View > Trends."""
        if self.trends is None:
            from facilitator.ui.trends_window import TrendsWindow

            self.trends = TrendsWindow(self.service, self.current_taxonomy, self.window)
        self.trends.show()
        self.trends.raise_()
        self.trends.activateWindow()

    def open_review(self) -> None:
        """File > Monthly learning review…"""
        if self.review is None:
            from facilitator.ui.review_dialog import ReviewDialog

            self.review = ReviewDialog(self.service, self.current_taxonomy, self.window)
        self.review.show()
        self.review.raise_()

    def _open_debrief(self, debrief_id: str) -> None:
        if self.window.session.debrief is not None:
            self.window.show_library()
        self.window.open_debrief(debrief_id)
        self.window.raise_()
        self.window.activateWindow()

    def close(self) -> None:
        """Close the tool windows and let a review being written finish."""
        if self.review is not None:
            self.review.wait()
        for view in (self.matrix, self.trends, self.review):
            if view is not None:
                view.close()

"""File > Export: asks where, warns about open findings, exports off the UI thread.

The main window owns one :class:`ExportCommands`; it remembers the last folder and
the team's Word template in the settings and reports the outcome without blocking.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QSettings

from facilitator.export.locale_defaults import (
    FALLBACK_LANGUAGE,
    PAPERS,
    normalise_language,
    paper_for,
)
from facilitator.ui import dialogs, export_dialog
from facilitator.ui.export_dialog import ExportController, make_export

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow

LAST_FOLDER_KEY = "export/last_folder"
TEMPLATE_KEY = "export/template"
REVIEW_COMMENTS_KEY = "export/review_comments"
#: The document language of Word and PDF exports, a BCP 47 tag; unset: the system locale.
LANGUAGE_KEY = "export/language"
#: "a4" or "letter"; unset: the paper the language's region uses.
PAPER_KEY = "export/paper"


class ExportCommands(QObject):
    """Runs exports for ``window``'s open debrief; one at a time."""

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.controller = ExportController(self)
        self.controller.started.connect(lambda: self._set_busy(True))
        self.controller.finished.connect(self._finished)
        self.controller.failed.connect(self._failed)

    @property
    def review_comments(self) -> bool:
        """Whether Word exports carry a comment on every phrase still flagged."""
        return bool(self.settings.value(REVIEW_COMMENTS_KEY, False, type=bool))

    def set_review_comments(self, on: bool) -> None:
        self.settings.setValue(REVIEW_COMMENTS_KEY, on)

    @property
    def template(self) -> str | None:
        """The team's reference .docx, or None for the built-in one."""
        value = self.settings.value(TEMPLATE_KEY, "")
        return str(value) if value else None

    @property
    def language(self) -> str:
        """The document language: the setting if it is a valid tag, else the system locale's."""
        tag = normalise_language(str(self.settings.value(LANGUAGE_KEY, "") or ""))
        return tag or normalise_language(QLocale.system().bcp47Name()) or FALLBACK_LANGUAGE

    @property
    def paper(self) -> str:
        """The page size for Word and PDF exports."""
        value = str(self.settings.value(PAPER_KEY, "") or "").lower()
        return value if value in PAPERS else paper_for(self.language)

    def export(self, fmt: str) -> None:
        """Ask for a file and export the open debrief as ``fmt`` ("docx", "pdf" or "md")."""
        window = self.window
        debrief = window.session.debrief
        if debrief is None:
            window.show_message("Open a debrief to export it.")
            return
        if self.controller.busy:
            window.show_message("An export is already running.")
            return
        findings = window.open_findings()
        if findings and not export_dialog.ask_export_with_findings(window, len(findings)):
            return
        last = str(self.settings.value(LAST_FOLDER_KEY, ""))
        path = export_dialog.choose_export_path(window, last, debrief.title, fmt)
        if path is None:
            return
        self.settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
        window.session.flush()
        work = make_export(
            debrief,
            path,
            fmt,
            template=self.template,
            review_comments=self.review_comments and fmt == "docx",
            findings=findings,
            language=self.language,
            paper=self.paper if self.template is None or fmt == "pdf" else None,
        )
        if self.controller.start(work):
            window.show_message(f"Exporting to {Path(path).name}…")

    def _set_busy(self, busy: bool) -> None:
        for name in ("export_docx", "export_md", "export_pdf"):
            action = self.window.actions.get(name)
            if action is not None:
                action.setEnabled(not busy and self.window.session.debrief is not None)

    def _finished(self, path: str) -> None:
        self._set_busy(False)
        self.window.show_message(f"Exported {path}")
        if export_dialog.ask_open_exported(self.window, path) and not export_dialog.open_exported(
            path
        ):
            self.window.show_message(f"No program could open {path}.", error=True)

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        dialogs.show_error(self.window, "The debrief was not exported", message)

    def wait(self) -> None:
        """Let a running export finish (used when the app quits)."""
        self.controller.wait()

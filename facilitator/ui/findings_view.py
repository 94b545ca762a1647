"""The facilitator's view of open language findings: the panel and a count always in sight.

The panel sits in the private column of the debrief editor; the count is a button
in the status bar that stays visible on every phase and jumps to the panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QPushButton

from facilitator.language.debrief_findings import FieldFinding
from facilitator.ui import preferences
from facilitator.ui.findings_panel import FindingsPanel, count_text
from facilitator.ui.findings_scan import FindingsScan

if TYPE_CHECKING:
    from facilitator.ui.language_support import LanguageSupport
    from facilitator.ui.main_window import MainWindow


class FindingsView(QObject):
    """Keeps the findings panel and the status-bar count in step with the checker."""

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.language: LanguageSupport | None = window.language  # type: ignore[assignment]
        self.panel = FindingsPanel()
        self.panel.setObjectName("FindingsPanel")
        self.panel.setMinimumHeight(150)
        self.panel.setMaximumHeight(320)
        self.panel.activated.connect(self._activated)
        self.button = QPushButton(count_text(0))
        self.button.setObjectName("FindingsCount")
        self.button.setFlat(True)
        self.button.setToolTip("Flagged blame and counterfactual phrases in this debrief (F4)")
        self.button.clicked.connect(self.show_panel)
        self.button.setVisible(False)
        self._findings: list[FieldFinding] = []
        self.scan = FindingsScan(self.language, self) if self.language is not None else None
        if self.scan is not None:
            self.scan.finished.connect(self._show)
        if self.language is not None:
            self.language.findingsChanged.connect(self.refresh)
            problem = preferences.apply_stored_rules(settings, self.language)
            if problem:
                window.show_message(problem, error=True)
        window.session.debriefOpened.connect(self.refresh)

    def current(self) -> list[FieldFinding]:
        """The open findings of the debrief now (checked afresh: an export relies on them)."""
        debrief = self.window.session.debrief
        if self.scan is not None and debrief is not None:
            self._show(self.scan.scan_now(debrief))
        return list(self._findings)

    def refresh(self) -> None:
        """Re-read the open findings of the whole debrief, a slice at a time."""
        debrief = self.window.session.debrief
        if self.scan is None or debrief is None:
            self._show([])
        else:
            self.scan.start(debrief)

    def _show(self, findings: list[FieldFinding]) -> None:
        debrief = self.window.session.debrief
        findings = list(findings) if debrief is not None else []
        if findings != self._findings or self.panel.count() != len(findings):
            self._findings = findings
            self.panel.set_findings(findings)
        self.button.setText(count_text(len(self._findings)))
        self.button.setVisible(debrief is not None)
        self.button.setProperty("hasFindings", bool(self._findings))
        self.button.style().unpolish(self.button)
        self.button.style().polish(self.button)

    def show_panel(self) -> None:
        """Make the panel visible and put the keyboard in its list."""
        if self.window.editor is None:
            return
        self.window.actions["private"].setChecked(True)
        self.window.editor.private.ensureWidgetVisible(self.panel)
        self.panel.list_view().setFocus()

    def _activated(self, field: str, start: int, end: int) -> None:
        if not self.window.focus_field(field, start, end):
            self.window.show_message("That text is no longer where it was; the list is updated.")
            self.refresh()

    def choose_rules(self) -> None:
        if self.language is not None:
            self.window.show_message(
                preferences.choose_rules(self.window, self.settings, self.language)
            )

    def clear_rules(self) -> None:
        if self.language is not None:
            self.window.show_message(preferences.clear_rules(self.settings, self.language))

"""MainWindow: the library of debriefs and the guided editor, with menus and status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.script import MeetingScript, ScriptError, load_script
from facilitator.storage import DebriefService, StorageError
from facilitator.ui import dialogs
from facilitator.ui.editor import DebriefEditor
from facilitator.ui.export_actions import ExportCommands
from facilitator.ui.findings_view import FindingsView
from facilitator.ui.followup.hooks import FollowUp
from facilitator.ui.library import LibraryView
from facilitator.ui.library_care import LibraryCare
from facilitator.ui.library_tools import LibraryTools
from facilitator.ui.menus import build_menus
from facilitator.ui.onboarding import Onboarding
from facilitator.ui.session import MeetingSession
from facilitator.ui.shared_screen import SharedScreenControls
from facilitator.ui.team.controls import TeamControls
from facilitator.ui.theme import (
    DEFAULT_FONT_PT,
    DEFAULT_THEME,
    MAX_FONT_PT,
    MIN_FONT_PT,
    apply_theme,
)

APP_NAME = "Facilitator"
#: How long a calm status message stays before fading away.
MESSAGE_MS = 8_000

LanguageFactory = Callable[[QObject | None], QObject | None]


class MainWindow(QMainWindow):
    """The facilitator's window: library first, the guided debrief once one is open."""

    def __init__(
        self,
        service: DebriefService,
        settings: QSettings,
        script: MeetingScript,
        *,
        language_factory: LanguageFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.session = MeetingSession(service, script, self)
        # No Qt parent: the checker must outlive the editors, whose destruction it observes.
        self.language = language_factory(None) if language_factory else None
        if self.language is not None and hasattr(self.language, "ignoresChanged"):
            self.language.ignoresChanged.connect(self._ignores_changed)
        self.editor: DebriefEditor | None = None
        self.shared = SharedScreenControls(self.session, self, settings, language=self.language)
        self.exports = ExportCommands(self, settings)
        self.setObjectName("MainWindow")
        # Before any widget exists, so every widget starts with the right font size.
        self.apply_view()
        self.care = LibraryCare(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.care.banner)
        self.stack = QStackedWidget(central)
        column.addWidget(self.stack, 1)
        self.library = LibraryView(self.stack)
        self.stack.addWidget(self.library)
        self.setCentralWidget(central)
        self.save_label = QLabel("", self)
        self.save_label.setObjectName("SaveLabel")
        self.statusBar().addPermanentWidget(self.save_label)
        self.findings = FindingsView(self, settings)
        self.statusBar().addPermanentWidget(self.findings.button)
        # Issue 14: the action-items board, reviews, reminders and calendar (menus add theirs).
        self.follow_up = FollowUp(self)
        # Search box, matrix, trends, monthly review and the team's taxonomy.
        self.library_tools = LibraryTools(self, service, settings)
        self.actions = build_menus(self)
        # The team library: its menu entries, status indicator and background sync.
        self.team = TeamControls(self)
        self.library.newRequested.connect(self.new_debrief)
        self.library.openRequested.connect(self.open_debrief)
        self.library.deleteRequested.connect(self.delete_debrief)
        self.session.saved.connect(self._saved)
        self.session.saveFailed.connect(self._save_failed)
        self.session.message.connect(self.show_message)
        self.session.partChanged.connect(self._part_changed)
        self.resize(1280, 720)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._update_title()
        self._update_mode()
        self.refresh_library()
        # The sample debrief, the tour and the Help menu (after build_menus: Help comes last).
        self.onboarding = Onboarding(self)

    # -- library -------------------------------------------------------------------------

    def refresh_library(self) -> None:
        """Reload the list of debriefs from the service."""
        try:
            self.library.set_summaries(self.service.list())
        except StorageError as exc:
            self.show_message(str(exc), error=True)

    def new_debrief(self) -> None:
        """Create a debrief with the script's purpose template and open it."""
        try:
            debrief = self.service.create()
            debrief.purpose = self.session.script.purpose_template
            self.service.save(debrief)
        except StorageError as exc:
            self.show_message(str(exc), error=True)
            return
        self._show(debrief)
        self.show_message("New debrief. It saves itself as you type.")

    def open_debrief(self, debrief_id: str) -> None:
        try:
            debrief = self.service.load(debrief_id)
        except StorageError as exc:
            self.show_message(str(exc), error=True)
            self.refresh_library()
            return
        self._show(debrief)

    def delete_debrief(self, debrief_id: str) -> None:
        title = self.library.model.title_of(debrief_id)
        if not dialogs.ask_delete(self, title):
            return
        try:
            self.service.delete(debrief_id)
        except StorageError as exc:
            self.show_message(str(exc), error=True)
        self.refresh_library()
        self.show_message(f"Deleted “{title or 'Untitled debrief'}”.")

    def show_library(self) -> None:
        """Save the open debrief, close it and go back to the list."""
        if self.session.debrief is None:
            return
        self.session.close()
        self.stack.setCurrentWidget(self.library)
        self.refresh_library()
        self._update_title()
        self._update_mode()
        self.library.table.setFocus()

    def _show(self, debrief: object) -> None:
        if self.editor is None:
            self.editor = DebriefEditor(
                self.session,
                self.language,
                self.stack,
                replay=self.shared.replay,
                findings=self.findings.panel,
            )
            self.editor.toggle_private_panel(self.actions["private"].isChecked())
            self.editor.show_tips(self.actions["tips"].isChecked())
            self.stack.addWidget(self.editor)
        if self.language is not None and hasattr(self.language, "set_ignored"):
            self.language.set_ignored(debrief.ignored_findings)  # type: ignore[attr-defined]
        self.session.open(debrief)  # type: ignore[arg-type]
        self._sync_people()
        self.findings.refresh()
        self.stack.setCurrentWidget(self.editor)
        self.editor.set_panel_widths(self.width())
        self._update_title()
        self._update_mode()
        self.save_label.setText("Changes save as you type")

    # -- the editor's commands, for menus and the lead's wiring --------------------------

    def focus_field(self, field_key: str, start: int = 0, end: int = 0) -> bool:
        """Show ``field_key`` of the open debrief with ``start:end`` selected."""
        return self.editor is not None and self.editor.focus_field(field_key, start, end)

    def open_findings(self) -> list:  # type: ignore[type-arg]
        """The language findings still open in the debrief (empty without a checker)."""
        return self.findings.current()

    def add_timeline_event(self) -> None:
        if self.editor is not None and self.session.debrief is not None:
            self.editor.add_timeline_event()

    def go_to_phase(self, index: int) -> None:
        if self.session.debrief is not None:
            self.session.set_phase(index)

    def toggle_tips(self, visible: bool) -> None:
        self.settings.setValue("view/tips", visible)
        if self.editor is not None:
            self.editor.show_tips(visible)

    def toggle_private(self, visible: bool) -> None:
        self.settings.setValue("view/private_panel", visible)
        if self.editor is not None:
            self.editor.toggle_private_panel(visible)

    def use_script(self) -> None:
        """Load a team's own meeting script; it applies from the next debrief opened."""
        path = dialogs.ask_script_file(self)
        if path is None:
            return
        try:
            script = load_script(path)
        except ScriptError as exc:
            dialogs.show_error(self, "This meeting script cannot be used", str(exc))
            return
        self.settings.setValue("script/path", str(path))
        self.set_script(script)
        self.show_message(f"Using the meeting script “{script.name}” ({Path(path).name}).")

    def set_script(self, script: MeetingScript) -> None:
        self.show_library()
        self.session.script = script
        if self.editor is not None:
            # The findings panel outlives editors: take it out before this one goes.
            self.findings.panel.setParent(None)
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None

    # -- view ----------------------------------------------------------------------------

    def apply_view(self) -> None:
        """Apply the theme and font size stored in the settings."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.theme, self.font_pt)

    @property
    def theme(self) -> str:
        return str(self.settings.value("view/theme", DEFAULT_THEME))

    @property
    def font_pt(self) -> int:
        return int(self.settings.value("view/font_pt", DEFAULT_FONT_PT))

    def set_theme(self, theme: str) -> None:
        self.settings.setValue("view/theme", theme)
        self.apply_view()

    def change_font(self, step: int) -> None:
        """Grow or shrink every text by ``step`` points; 0 goes back to the default."""
        size = DEFAULT_FONT_PT if step == 0 else self.font_pt + step
        self.settings.setValue("view/font_pt", max(MIN_FONT_PT, min(MAX_FONT_PT, size)))
        self.apply_view()
        # Rows size themselves to their text when built, so rebuild them at the new size.
        self.session.reload_views()
        if self.editor is not None:
            self.editor.set_panel_widths(self.width())
        self.show_message(f"Text size {self.font_pt} pt.")

    # -- status --------------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = False) -> None:
        """A calm, non-modal note in the status bar."""
        self.statusBar().showMessage(text, 0 if error else MESSAGE_MS)

    def _saved(self, when: datetime) -> None:
        self.save_label.setObjectName("SaveLabel")
        self.save_label.setStyleSheet("")
        self.save_label.setText(f"Saved {when:%H:%M:%S}")

    def _save_failed(self, reason: str) -> None:
        self.save_label.setText("Not saved: your text is kept, retrying")
        self.save_label.setToolTip(reason)
        self.show_message(reason, error=True)

    def _part_changed(self, part: str) -> None:
        if part == "details":
            self._update_title()
        elif part == "participants":
            self._sync_people()

    def _ignores_changed(self) -> None:
        # Findings the facilitator chose to keep are part of the debrief, saved like any edit.
        debrief = self.session.debrief
        if debrief is not None and self.language is not None:
            debrief.ignored_findings = self.language.ignored()  # type: ignore[attr-defined]
            self.session.touch("ignored_findings")

    def _sync_people(self) -> None:
        # Names of participants are people to the language checker, never blame targets.
        debrief = self.session.debrief
        if (
            debrief is not None
            and self.language is not None
            and hasattr(self.language, "set_people")
        ):
            self.language.set_people(debrief.people)

    def _update_title(self) -> None:
        debrief = self.session.debrief
        if debrief is None:
            self.setWindowTitle(f"Library — {APP_NAME}")
        else:
            self.setWindowTitle(f"{debrief.title.strip() or 'Untitled debrief'} — {APP_NAME}")

    def _update_mode(self) -> None:
        editing = self.session.debrief is not None
        for name in (
            "library", "next", "previous", "timer", "reset", "event", "phases",
            "export_docx", "export_md", "export_pdf",
        ):  # fmt: skip
            self.actions[name].setEnabled(editing)
        self.actions["script"].setEnabled(not editing)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.session.flush() and not dialogs.ask_quit_unsaved(self, "Check the status bar."):
            event.ignore()
            return
        self.session.close()
        self.follow_up.close()
        self.exports.wait()
        self.care.maintenance.wait()
        self.library_tools.close()
        self.team.stop()
        if self.shared.window is not None:
            self.shared.window.close()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        event.accept()

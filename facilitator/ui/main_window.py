"""MainWindow: the library of debriefs and the guided editor, with menus and status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import Debrief
from facilitator.domain.script import MeetingScript, ScriptError, load_script
from facilitator.storage import DebriefService, StorageError
from facilitator.ui import dialogs, opening
from facilitator.ui.editor import DebriefEditor
from facilitator.ui.export_actions import ExportCommands
from facilitator.ui.findings_view import FindingsView
from facilitator.ui.followup.hooks import FollowUp
from facilitator.ui.importing import ImportCommands
from facilitator.ui.library import LibraryView
from facilitator.ui.library_care import LibraryCare
from facilitator.ui.library_tools import LibraryTools
from facilitator.ui.meeting_memory import MeetingMemory
from facilitator.ui.menus import build_menus, update_menus
from facilitator.ui.onboarding import Onboarding
from facilitator.ui.session import MeetingSession
from facilitator.ui.shared_screen import SharedScreenControls
from facilitator.ui.shared_screen.room_status import RoomBanner, RoomPreview
from facilitator.ui.team.controls import TeamControls
from facilitator.ui.view_commands import ViewCommands
from facilitator.ui.wheel import guard_wheel, is_wheel_sensitive

if TYPE_CHECKING:
    from facilitator.ui.help import HelpWindows

APP_NAME = "Facilitator"
#: How long a calm status message stays before fading away.
MESSAGE_MS = 8_000

#: After this pause in typing a name, the language checker learns the new participant names.
PEOPLE_DELAY_MS = 400
#: The editor is built this long after the window first shows, while the library is read.
PREPARE_EDITOR_MS = 250

LanguageFactory = Callable[[QObject | None], QObject | None]


class MainWindow(ViewCommands, QMainWindow):
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
        self._read_only = False
        self._help_windows: HelpWindows | None = None
        self.shared = SharedScreenControls(self.session, self, settings, language=self.language)
        self.exports = ExportCommands(self, settings)
        self.imports = ImportCommands(self)
        self.memory = MeetingMemory(self.session, service, settings, self)
        self.setObjectName("MainWindow")
        # Before any widget exists, so every widget starts with the right font size.
        self.apply_view()
        self.care = LibraryCare(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.care.banner)
        self.room_banner = RoomBanner(self.shared, central)
        column.addWidget(self.room_banner)
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
        self.room_preview = RoomPreview(self.shared)
        self.actions = build_menus(self)
        # The team library: its menu entries, status indicator and background sync.
        self.team = TeamControls(self)
        self.library.newRequested.connect(self.new_debrief)
        self.library.openRequested.connect(self.open_debrief)
        self.library.deleteRequested.connect(self.delete_debrief)
        self.library.importRequested.connect(self.import_files)
        self.session.saved.connect(self._saved)
        self.session.saveFailed.connect(self._save_failed)
        self.session.message.connect(self.show_message)
        self.session.partChanged.connect(self._part_changed)
        for signal in (
            self.session.phaseChanged,
            self.session.timerStateChanged,
            self.session.debriefOpened,
            self.shared.replay.changed,
            self.shared.actions["open"].toggled,
            self.exports.controller.started,
            self.exports.controller.finished,
            self.exports.controller.failed,
        ):
            signal.connect(lambda *_: self._update_mode())
        self.session.timerTick.connect(
            lambda *_: self.actions["reset"].setEnabled(self.session.elapsed() > 0)
        )
        self.exports.controller.finished.connect(self._exported)
        # Names are handed to the checker once typing pauses, not on every key of a name.
        self._people_timer = QTimer(self, singleShot=True, interval=PEOPLE_DELAY_MS)
        self._people_timer.timeout.connect(self._sync_people)
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
        self._leave()
        try:
            debrief = self.service.create()
            debrief.purpose = self.session.script.purpose_template
            self.service.save(debrief)
        except StorageError as exc:
            self.show_message(str(exc), error=True)
            return
        self._show(debrief)
        self.memory.created(debrief.id)
        self.show_message("New debrief. It saves itself as you type.")

    def open_debrief(self, debrief_id: str, phase: int | None = None) -> bool:
        """Open the stored debrief ``debrief_id`` (at phase index ``phase``); False if it failed."""
        if self.session.debrief is not None and self.session.debrief.id == debrief_id:
            if phase is not None:
                self.session.set_phase(phase)
            return True
        self._leave()
        try:
            debrief = self.service.load(debrief_id)
        except StorageError as exc:
            self.show_message(str(exc), error=True)
            self.refresh_library()
            return False
        self._show(debrief)
        if phase is not None:
            self.session.set_phase(phase)
        return True

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

    def import_files(self, paths: list[Path]) -> None:
        """Preview and import debrief files (asks for them when ``paths`` is empty)."""
        self.imports.start(list(paths))

    def show_library(self) -> None:
        """Save the open debrief, close it and go back to the list."""
        if self.session.debrief is None:
            return
        opened = self.session.debrief.id
        self._leave()
        self.session.close()
        self.memory.forget()
        self.stack.setCurrentWidget(self.library)
        self.refresh_library()
        self.library.select(opened)
        self._update_title()
        self._update_mode()
        self.library.table.setFocus()

    def _leave(self) -> None:
        # A new debrief nobody wrote in is not kept.
        if self.memory.leaving() is not None:
            self.refresh_library()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.editor is None:
            QTimer.singleShot(PREPARE_EDITOR_MS, self, self._prepare_editor)

    def _prepare_editor(self) -> None:
        # Thirteen pages of widgets take a moment to build: do it while the library is read,
        # so opening a debrief only fills them.
        if self.editor is None and self.isVisible():
            self._make_editor()

    def _make_editor(self) -> DebriefEditor:
        if self.editor is None:
            self.editor = DebriefEditor(
                self.session,
                self.language,
                self.stack,
                replay=self.shared.replay,
                findings=self.findings.panel,
            )
            self.editor.private.insert_section(1, self.room_preview)
            self.room_preview.setVisible(self.actions["preview"].isChecked())
            self.editor.toggle_private_panel(self.actions["private"].isChecked())
            self.editor.show_tips(self.actions["tips"].isChecked())
            self.editor.set_questions_open(self.actions["questions"].isChecked())
            self.editor.questionsOpenChanged.connect(self.actions["questions"].setChecked)
            self.editor.timelineFocus.connect(self.shared.set_focus_event)
            self.editor.set_read_only(self._read_only)
            # Every value widget of every phase, whoever made it, follows the wheel rule.
            guard_wheel(*(w for w in self.editor.findChildren(QWidget) if is_wheel_sensitive(w)))
            self.stack.addWidget(self.editor)
        return self.editor

    def _show(self, debrief: Debrief) -> None:
        self._make_editor()
        assert self.editor is not None
        self._people_timer.stop()
        if self.language is not None and hasattr(self.language, "set_ignored"):
            self.language.set_ignored(debrief.ignored_findings)  # type: ignore[attr-defined]
        self.session.open(debrief)
        self.memory.remember()
        self._sync_people()
        self.findings.refresh()
        self.stack.setCurrentWidget(self.editor)
        self.editor.set_panel_widths(self.width())
        self.editor.focus_first()
        self._update_title()
        self._update_mode()
        self.save_label.setText("Changes save as you type")

    # -- opening from outside ------------------------------------------------------------

    def restore_session(self) -> bool:
        """Reopen the debrief and phase that were open when the app last closed."""
        return opening.restore_session(self)

    def open_target(self, target: str, phase: str | None = None) -> bool:
        """Open a stored debrief by (the start of) its id, or preview a .json file."""
        return opening.open_target(self, target, phase)

    def phase_index(self, name: str) -> int | None:
        """The index of a phase named by its id, its title or its number (1-based)."""
        return opening.phase_index(self.session.script, name)

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

    def set_read_only(self, read_only: bool) -> None:
        """Show debriefs without letting anyone change them (a read-only library), or edit."""
        self._read_only = read_only
        if self.editor is not None:
            self.editor.set_read_only(read_only)
        self._update_mode()

    def show_shortcuts(self) -> None:
        self._help().show_shortcuts(self.actions.values())

    def show_about(self) -> None:
        self._help().show_about(self.service.url)

    def _help(self) -> HelpWindows:
        # Loaded on first use: nothing of it is needed to start.
        from facilitator.ui.help import HelpWindows

        if self._help_windows is None:
            self._help_windows = HelpWindows(self)
        return self._help_windows

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
            # The findings panel and the preview outlive editors: take them out first.
            self.findings.panel.setParent(None)
            self.room_preview.setParent(None)
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None

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

    def _exported(self, path: str) -> None:
        # A document left the room: the debrief is published. A JSON copy is only a backup.
        if not path.lower().endswith(".json"):
            self.memory.published()

    def _part_changed(self, part: str) -> None:
        if part == "details":
            self._update_title()
            self._update_mode()
        elif part == "participants":
            self._people_timer.start()

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
        update_menus(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.session.flush() and not dialogs.ask_quit_unsaved(self, "Check the status bar."):
            event.ignore()
            return
        if self.memory.leaving() is None and self.session.debrief is not None:
            self.memory.remember()
        self.session.close()
        self.follow_up.close()
        self.exports.wait()
        self.care.maintenance.wait()
        self.library_tools.close()
        self.team.stop()
        if self.shared.window is not None:
            self.shared.window.close()
        if self._help_windows is not None:
            self._help_windows.close_all()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        event.accept()

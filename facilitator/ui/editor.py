"""DebriefEditor: the guided meeting: phase navigator, phase pages, timers, private panel."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.script import part_of_field
from facilitator.ui.conflicts_panel import ConflictsPanel
from facilitator.ui.navigator import PhaseNavigator
from facilitator.ui.note_edit import NoteEdit
from facilitator.ui.parts.base import Hooks
from facilitator.ui.parts.timeline import TimelineEditor
from facilitator.ui.phase_page import PhasePage
from facilitator.ui.private_panel import PrivatePanel
from facilitator.ui.session import MeetingSession
from facilitator.ui.shared_screen import ReplayController, ReplayPanel
from facilitator.ui.timer_bar import TimerBar


class DebriefEditor(QWidget):
    """The facilitator's view of the open debrief.

    ``language`` is the language checker's ``LanguageSupport`` when it is
    available; every checked NoteEdit goes through :meth:`_attach_language`.

    Signals:
        timelineFocus(str): the uid of the timeline event now selected ("" for none);
            the shared screen shows the events around it.
        questionsOpenChanged(bool): the questions panel was opened or folded.
    """

    timelineFocus = Signal(str)
    questionsOpenChanged = Signal(bool)

    def __init__(
        self,
        session: MeetingSession,
        language: QObject | None = None,
        parent: QWidget | None = None,
        *,
        replay: ReplayController | None = None,
        findings: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._language = language
        self.read_only = False
        self.hooks = Hooks(self._attach_language, language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.timer_bar = TimerBar(session, self)
        layout.addWidget(self.timer_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.navigator = PhaseNavigator(session, self.splitter)
        self.stack = QStackedWidget(self.splitter)
        self.pages: list[PhasePage] = []
        self._scrolls: list[QScrollArea] = []
        for index in range(len(session.script.phases)):
            page = PhasePage(session, index, self.hooks)
            scroll = QScrollArea(self.stack)
            scroll.setObjectName("PageScroll")
            scroll.setAccessibleName(session.script.phases[index].title)
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            self.pages.append(page)
            self._scrolls.append(scroll)
            if page.questions is not None:
                page.questions.openChanged.connect(self.set_questions_open)
        self.private = PrivatePanel(session, self.hooks, self.splitter)
        # Both are the facilitator's alone: they sit in the private column, under its banner.
        self.replay_panel: ReplayPanel | None = None
        if replay is not None:
            # The main window's shared-screen actions own the replay keys.
            self.replay_panel = ReplayPanel(
                session, replay, on_new_edit=self._attach_language, keys=False
            )
            self.private.insert_section(1, self.replay_panel)
            replay.changed.connect(lambda _state: self._follow_replay(replay))
        self._findings = findings
        if findings is not None:
            self.private.insert_section(1, findings)
        # Texts that lost a simultaneous edit wait at the top of the private column.
        self.conflicts = ConflictsPanel(session, self.private)
        self.private.insert_section(1, self.conflicts)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        layout.addWidget(self.splitter, 1)
        self.timeline = next(
            (p for page in self.pages for p in page.parts if isinstance(p, TimelineEditor)), None
        )
        if self.timeline is not None:
            self.timeline.table.selectionModel().currentRowChanged.connect(
                lambda *_: self.timelineFocus.emit(self.selected_event_uid())
            )
        session.phaseChanged.connect(self._show_phase)
        self.navigator.setCurrentRow(session.phase_index)
        self._show_phase(session.phase_index)

    def set_panel_widths(self, total: int) -> None:
        """Split ``total`` pixels between sidebar, page and private panel."""
        # The sidebar fits the longest phase title so none is cut off.
        fit = self.navigator.sizeHintForColumn(0) + 2 * self.navigator.frameWidth() + 12
        # Room for the time spent, which the items gain once a phase has been timed.
        fit += self.navigator.fontMetrics().horizontalAdvance("   0:00")
        side = max(180, min(fit, total * 2 // 9))
        # The page is what the room works on: it gets the width, the columns what they need.
        private = max(280, min(360, total * 23 // 100))
        self.splitter.setSizes([side, total - side - private, private])

    # -- the language checker's hooks ---------------------------------------------------

    def _attach_language(self, edit: NoteEdit) -> None:
        """Give ``edit`` the language checker, if installed, and route paste messages."""
        edit.pasteRejected.connect(self.session.message)
        if self.read_only:
            edit.setReadOnly(True)
        if self._language is not None:
            self._language.attach(edit)  # type: ignore[attr-defined]

    def focus_field(self, field_key: str, start: int = 0, end: int = 0) -> bool:
        """Switch to the phase showing ``field_key`` and select ``start:end`` in it."""
        part = part_of_field(field_key)
        index = self.session.script.phase_for_part(part)
        if index is None:
            return False
        self.session.set_phase(index)
        for editor in self.pages[index].parts:
            edit = editor.focus_field(field_key, start, end)
            if edit is not None:
                self._scrolls[index].ensureWidgetVisible(edit)
                return True
        if field_key.startswith("timeline[") and self.replay_panel is not None:
            for edit in (self.replay_panel.known, self.replay_panel.signals):
                if edit.field_key == field_key and edit.isVisible():
                    edit.setFocus()
                    return True
        return False

    # -- commands ------------------------------------------------------------------------

    def add_timeline_event(self) -> None:
        """Go to the timeline and add an event after the selected one (Ctrl+T)."""
        index = self.session.script.phase_for_part("timeline")
        if index is None or self.timeline is None:
            self.session.message.emit("This meeting script has no timeline phase.")
            return
        if self.read_only:
            self.session.message.emit("This debrief is open read-only.")
            return
        self.session.set_phase(index)
        self.timeline.add()

    def selected_event_uid(self) -> str:
        """The uid of the timeline event selected in the editor ("" when none)."""
        if self.timeline is None:
            return ""
        row = self.timeline.current_row()
        return self.timeline.model.item(row).uid if row >= 0 else ""

    def _follow_replay(self, replay: ReplayController) -> None:
        current = replay.current()
        if current is not None and self.timeline is not None:
            self.timeline.follow(current[1])
        # While the room replays, the notes of the current event come first in the column;
        # the findings count stays in the status bar.
        if self._findings is not None:
            self._findings.setVisible(not replay.state.active)

    def focus_first(self) -> None:
        """Put the keyboard in the current phase's first field."""
        first = self.pages[self.session.phase_index].first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_tips(self, visible: bool) -> None:
        """Show or hide the facilitator tips on every phase page."""
        self.private.set_tips_wanted(visible)

    def toggle_private_panel(self, visible: bool) -> None:
        self.private.setVisible(visible)

    @property
    def questions_open(self) -> bool:
        page = next((p for p in self.pages if p.questions is not None), None)
        return page is None or page.questions is None or page.questions.is_open

    def set_questions_open(self, on: bool) -> None:
        """Open or fold the questions panel on every page at once."""
        for page in self.pages:
            if page.questions is not None:
                page.questions.set_open(on)
        self.questionsOpenChanged.emit(on)

    def set_read_only(self, read_only: bool) -> None:
        """Let the facilitator look but not change anything (a read-only library), or edit again.

        Every view stops editing, add and remove buttons are disabled, and the
        private notes are read-only too.
        """
        self.read_only = read_only
        for page in self.pages:
            page.set_read_only(read_only)
        self.private.set_read_only(read_only)
        if self.replay_panel is not None:
            for edit in (self.replay_panel.known, self.replay_panel.signals):
                edit.setReadOnly(read_only)

    def _show_phase(self, index: int) -> None:
        focus = QApplication.focusWidget()
        moving = focus is None or self.stack.isAncestorOf(focus) or focus is self.navigator
        self.stack.setCurrentIndex(index)
        self.pages[index].shown()
        # From the keyboard, the next phase starts in its first field. A click in the
        # sidebar keeps the focus there, so arrow keys go on moving through the phases.
        if moving and focus is not self.navigator and self.isVisible():
            first = self.pages[index].first_field()
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)

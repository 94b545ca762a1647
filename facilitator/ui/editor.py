"""DebriefEditor: the guided meeting: phase navigator, phase pages, timers, private panel."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QScrollArea, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from facilitator.domain.script import part_of_field
from facilitator.ui.conflicts_panel import ConflictsPanel
from facilitator.ui.navigator import PhaseNavigator
from facilitator.ui.note_edit import NoteEdit
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
    """

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
            page = PhasePage(session, index, self._attach_language)
            scroll = QScrollArea(self.stack)
            scroll.setObjectName("PageScroll")
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            self.pages.append(page)
            self._scrolls.append(scroll)
        self.private = PrivatePanel(session, self._attach_language, self.splitter)
        # Both are the facilitator's alone: they sit in the private column, under its banner.
        self.replay_panel: ReplayPanel | None = None
        if replay is not None:
            # The main window's shared-screen actions own the replay keys.
            self.replay_panel = ReplayPanel(
                session, replay, on_new_edit=self._attach_language, keys=False
            )
            self.private.insert_section(1, self.replay_panel)
        if findings is not None:
            self.private.insert_section(1, findings)
        # Texts that lost a simultaneous edit wait at the top of the private column.
        self.conflicts = ConflictsPanel(session, self.private)
        self.private.insert_section(1, self.conflicts)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        layout.addWidget(self.splitter, 1)
        session.phaseChanged.connect(self._show_phase)
        self.navigator.setCurrentRow(session.phase_index)
        self._show_phase(session.phase_index)

    def set_panel_widths(self, total: int) -> None:
        """Split ``total`` pixels between sidebar, page and private panel."""
        # The sidebar fits the longest phase title so none is cut off.
        fit = self.navigator.sizeHintForColumn(0) + 2 * self.navigator.frameWidth() + 12
        side = max(200, min(fit, total // 4))
        private = max(280, min(380, total // 4))
        self.splitter.setSizes([side, total - side - private, private])

    # -- the language checker's hooks ---------------------------------------------------

    def _attach_language(self, edit: NoteEdit) -> None:
        """Give ``edit`` the language checker, if installed, and route paste messages."""
        edit.pasteRejected.connect(self.session.message)
        if self._language is not None:
            self._language.attach(edit)  # type: ignore[attr-defined]

    def focus_field(self, field_key: str, start: int = 0, end: int = 0) -> bool:
        """Switch to the phase showing ``field_key`` and select ``start:end`` in it."""
        part = part_of_field(field_key)
        index = self.session.script.phase_for_part(part)
        if index is None:
            return False
        self.session.set_phase(index)
        page = self.pages[index]
        for editor in page.parts:
            edit = editor.find_edit(field_key)
            if edit is None:
                continue
            cursor = edit.textCursor()
            length = len(edit.toPlainText())
            cursor.setPosition(min(start, length))
            cursor.setPosition(min(max(start, end), length), QTextCursor.MoveMode.KeepAnchor)
            edit.setTextCursor(cursor)
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self._scrolls[index].ensureWidgetVisible(edit)
            return True
        return False

    # -- commands ------------------------------------------------------------------------

    def add_timeline_event(self) -> None:
        """Go to the timeline and add an event stamped now (Ctrl+T)."""
        index = self.session.script.phase_for_part("timeline")
        if index is None:
            self.session.message.emit("This meeting script has no timeline phase.")
            return
        self.session.set_phase(index)
        for editor in self.pages[index].parts:
            if isinstance(editor, TimelineEditor):
                editor.add()
                return

    def show_tips(self, visible: bool) -> None:
        """Show or hide the facilitator tips on every phase page."""
        self.private.set_tips_wanted(visible)

    def toggle_private_panel(self, visible: bool) -> None:
        self.private.setVisible(visible)

    def _show_phase(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.pages[index].shown()

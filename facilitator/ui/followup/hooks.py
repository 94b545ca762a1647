"""FollowUp: puts the board, the reviews, the reminders and the calendar into a main window.

The main window creates one and the menus call :meth:`FollowUp.add_menus`; that
is all either knows of follow-up, so the hooks stay small and apart.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton

from facilitator.domain.model import Debrief
from facilitator.export.atomic import ExportError, write_atomically
from facilitator.followup.calendar import CalendarError, checkpoint_calendar
from facilitator.followup.review import ReviewKind, checkpoint_items, monthly_items
from facilitator.storage import StorageError
from facilitator.storage.followup import FollowUpService
from facilitator.ui.followup import dialogs
from facilitator.ui.followup.board import ActionBoard
from facilitator.ui.followup.review_controller import ReviewController
from facilitator.ui.followup.review_page import ReviewPage
from facilitator.ui.followup.widgets import who

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow

#: Reminders stay in the status bar this long at start.
REMINDER_MS = 20_000
#: The start-up reminder waits this long after the window is built, so it follows the first paint.
REMIND_AFTER_MS = 400
_ALERT = "QPushButton#FollowUpBadge { color: #b42318; font-weight: 600; }"


class FollowUp(QObject):
    """The follow-up features of one main window."""

    def __init__(self, window: MainWindow, *, today: date | None = None) -> None:
        super().__init__(window)
        self.window = window
        self._today = today
        self.follow = FollowUpService(window.service)
        self.board = ActionBoard(self.follow, window.settings, window.stack, today=self.today)
        window.stack.addWidget(self.board)
        self.page: ReviewPage | None = None
        self.controller: ReviewController | None = None
        self.actions: dict[str, QAction] = {}
        self.badge = QPushButton("Action items", window.library)
        self.badge.setObjectName("FollowUpBadge")
        self.badge.setToolTip("Every action item of every debrief (Ctrl+B)")
        self.badge.clicked.connect(self.show_board)
        window.library.add_to_bar(self.badge)
        self.board.openDebrief.connect(window.open_debrief)
        self.board.backRequested.connect(self.show_library)
        self.board.checkpointRequested.connect(self.hold_checkpoint)
        self.board.monthlyRequested.connect(self.monthly_review)
        self.board.message.connect(window.show_message)
        window.session.debriefOpened.connect(self._debrief_opened)
        # After the first paint: counting checkpoints over 10,000 debriefs takes a moment.
        QTimer.singleShot(REMIND_AFTER_MS, self.remind)

    def today(self) -> date:
        return self._today or date.today()

    # -- menus -----------------------------------------------------------------------------

    def _add(self, menu: QMenu, name: str, text: str, key: str, tip: str) -> QAction:
        action = QAction(text, self.window)
        if key:
            action.setShortcut(QKeySequence(key))
        action.setToolTip(f"{tip} ({key})" if key else tip)
        action.setStatusTip(tip)
        menu.addAction(action)
        self.window.addAction(action)
        self.actions[name] = action
        return action

    def add_menus(self, file_menu: QMenu, meeting: QMenu, view: QMenu) -> dict[str, QAction]:
        """Add File > Add checkpoint to calendar, the review commands and View > Action items."""
        self._add(
            file_menu, "calendar", "Add checkpoint to &calendar…", "",
            "Save the checkpoint and the dated open items as a calendar file",
        ).triggered.connect(self.add_to_calendar)  # fmt: skip
        meeting.addSeparator()
        self._add(
            meeting, "checkpoint", "Hold the &checkpoint", "Ctrl+Shift+K",
            "Review this debrief's open action items one by one with the room",
        ).triggered.connect(lambda: self.hold_checkpoint(None))  # fmt: skip
        self._add(
            meeting, "monthly", "&Monthly review of open items", "",
            "Go over every open action item of every debrief, oldest first",
        ).triggered.connect(self.monthly_review)  # fmt: skip
        view.addSeparator()
        self._add(
            view, "board", "&Action items board", "Ctrl+B", "Every action item of every debrief"
        ).triggered.connect(self.show_board)
        return self.actions

    # -- switching -------------------------------------------------------------------------

    def show_board(self) -> None:
        """Leave the open debrief (saving it) and show every action item."""
        self._leave_debrief()
        self.board.refresh()
        self.window.stack.setCurrentWidget(self.board)
        self.window.setWindowTitle("Action items — Facilitator")
        self.board.table.setFocus()
        self.remind(quiet=True)

    def show_library(self) -> None:
        self.window.stack.setCurrentWidget(self.window.library)
        self.window.refresh_library()
        self.window.setWindowTitle("Library — Facilitator")
        self.window.library.table.setFocus()
        self.remind(quiet=True)

    def _leave_debrief(self) -> None:
        if self.window.session.debrief is not None:
            self.window.show_library()
        self._close_review()

    def _selected_debrief(self) -> str | None:
        window = self.window
        if window.session.debrief is not None:
            return window.session.debrief.id
        current = window.stack.currentWidget()
        if current is self.board:
            record = self.board.selected()
            return record.debrief_id if record else None
        return window.library.selected_id()

    # -- reviews ---------------------------------------------------------------------------

    def hold_checkpoint(self, debrief_id: str | None = None) -> None:
        """Start the checkpoint of ``debrief_id`` (the open or selected debrief when None)."""
        debrief_id = debrief_id or self._selected_debrief()
        if not debrief_id:
            self.window.show_message("Select a debrief (or one of its action items) first.")
            return
        self._leave_debrief()
        try:
            records = self.follow.actions(debrief_id)
            title = self.window.service.load(debrief_id).title
        except StorageError as exc:
            self.window.show_message(str(exc), error=True)
            return
        items = checkpoint_items(records)
        if not items:
            self.window.show_message("Every action item of this debrief is closed already.")
            return
        heading = " ".join(title.split()) or "Untitled debrief"
        self._start(ReviewKind.CHECKPOINT, items, heading, debrief_id)

    def monthly_review(self) -> None:
        """Start the monthly review of every open item, oldest debrief first."""
        self._leave_debrief()
        try:
            items = monthly_items(self.follow.actions())
        except StorageError as exc:
            self.window.show_message(str(exc), error=True)
            return
        if not items:
            self.window.show_message("No action item is open. Nothing to review this month.")
            return
        heading = f"Open action items, {self.today():%B %Y}"
        self._start(ReviewKind.MONTHLY, items, heading, None)

    def _start(self, kind: ReviewKind, items: list, heading: str, debrief_id: str | None) -> None:  # type: ignore[type-arg]
        window = self.window
        try:
            controller = ReviewController(
                self.follow, kind, items, who(window.settings), heading=heading,
                debrief_id=debrief_id, today=self.today(), parent=self,
            )  # fmt: skip
        except StorageError as exc:
            window.show_message(str(exc), error=True)
            return
        language = window.language
        attach = getattr(language, "attach", None) if language is not None else None
        page = ReviewPage(controller, attach, window.stack)
        page.closeRequested.connect(self._review_closed)
        page.message.connect(window.show_message)
        window.stack.addWidget(page)
        window.stack.setCurrentWidget(page)
        self.page, self.controller = page, controller
        window.shared.set_source(controller)
        window.setWindowTitle(f"{heading} — Facilitator")
        where = "on the shared screen too (Ctrl+Shift+S)" if window.shared.window is None else ""
        window.show_message(f"{len(items)} open items to review{', ' + where if where else ''}.")

    def _review_closed(self) -> None:
        self._close_review()
        self.show_board()

    def _close_review(self) -> None:
        if self.page is None:
            return
        if self.controller is not None:
            self.controller.flush_notes()
        self.window.shared.set_source(None)
        self.window.stack.removeWidget(self.page)
        self.page.deleteLater()
        self.page = self.controller = None

    def close(self) -> None:
        """Save what a review in progress still holds (the window is closing)."""
        if self.controller is not None:
            self.controller.flush_notes()

    # -- reminders and the calendar --------------------------------------------------------

    def remind(self, *, quiet: bool = False) -> None:
        """Update the library's badge; at start also say it in the status bar."""
        try:
            note = self.follow.reminder(self.today())
        except StorageError:
            return
        badge = note.badge()
        self.badge.setText(f"Action items · {badge}" if badge else "Action items")
        self.badge.setStyleSheet(_ALERT if badge else "")
        self.badge.setToolTip(note.sentence() or "Every action item of every debrief (Ctrl+B)")
        if not quiet and not note.empty:
            self.window.statusBar().showMessage(note.sentence(), REMINDER_MS)

    def _debrief_opened(self) -> None:
        debrief = self.window.session.debrief
        if debrief is None:
            return
        try:
            state = self.follow.checkpoint_of(debrief.id, self.today())
        except StorageError:
            return
        if state.needs_attention:
            self.window.show_message(state.sentence())

    def add_to_calendar(self) -> None:
        """Save the open or selected debrief's checkpoint as an .ics file."""
        debrief_id = self._selected_debrief()
        if not debrief_id:
            self.window.show_message("Select a debrief first.")
            return
        try:
            self.window.session.flush()
            debrief: Debrief = self.window.session.debrief or self.window.service.load(debrief_id)
            text = checkpoint_calendar(debrief, local_zone=datetime.now().astimezone().tzinfo)
        except (StorageError, CalendarError) as exc:
            self.window.show_message(str(exc), error=True)
            return
        name = "-".join(debrief.title.lower().split())[:40] or "debrief"
        path = dialogs.ask_save_path(
            self.window, "Add checkpoint to calendar", f"checkpoint-{name}.ics", "ics"
        )
        if path is None:
            return
        data = text.encode("utf-8")
        try:
            write_atomically(Path(path), lambda handle: handle.write(data))
        except ExportError as exc:
            self.window.show_message(str(exc), error=True)
            return
        self.window.show_message(
            f"Saved {Path(path).name}. Open it with your calendar; "
            "saving it again later updates the same entry."
        )

"""SharedScreenWindow: what the room sees on the projector or in a screen share.

It subscribes to the same MeetingSession as the facilitator's window and shows
only what :func:`facilitator.domain.room_view.visible_content` lets through:
the phase, one question, what the team has built, and the phase timer. Every
command has a key (see ``help_overlay.SCREEN_KEYS``); nothing opens a dialog.

With "reframe before the room sees it" on, ``held`` (the language checker's
``held_sentences``) names the sentences with an open blame finding, and the room
reads "(being reworded)" in their place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import (
    QCloseEvent,
    QContextMenuEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QScreen,
    QShortcut,
)
from PySide6.QtWidgets import QMenu, QStackedWidget, QVBoxLayout, QWidget

from facilitator.domain.room_view import RoomOptions, RoomView, visible_content
from facilitator.ui.qtime import local_zone_id
from facilitator.ui.session import MeetingSession
from facilitator.ui.shared_screen.content import RoomContent
from facilitator.ui.shared_screen.help_overlay import BlankScreen, HelpOverlay
from facilitator.ui.shared_screen.options import SharedScreenOptions
from facilitator.ui.shared_screen.replay_control import ReplayController
from facilitator.ui.shared_screen.style import ZOOM_STEP, Sizes, clamp_zoom, stylesheet

WINDOW_TITLE = "Shared screen — Facilitator"
#: ``held(field key, text)`` -> spans of the text the room must not see yet.
HeldSentences = Callable[[str, str], Sequence[tuple[int, int]]]


class ViewSource(Protocol):
    """What the shared screen can show besides the meeting (see ``set_source``)."""

    changed: SignalInstance

    def room_view(self, options: RoomOptions) -> RoomView: ...


#: The room sees a change within this long; a burst of keystrokes is drawn once.
REFRESH_MS = 120


def clock(seconds: int) -> str:
    """ "4:05" or "1:02:03"."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def timer_text(elapsed: int, timebox: int) -> str:
    """The phase timer as the room sees it: "4:05 / 15:00", plus how much over."""
    text = f"{clock(elapsed)} / {clock(timebox)}"
    return f"{text}  ·  {clock(elapsed - timebox)} over" if elapsed > timebox else text


def screen_named(name: str) -> QScreen | None:
    """The screen Qt reports under ``name``, or None."""
    return next((s for s in QGuiApplication.screens() if s.name() == name), None)


class SharedScreenWindow(QWidget):
    """A second top-level window mirroring the meeting for the room.

    Signals:
        optionsChanged(object): the user changed the :class:`SharedScreenOptions`.
        blankChanged(bool): the break screen was shown (True) or hidden.
        heldChanged(int): how many sentences are held back from the room changed.
        closed(): the window was closed.
    """

    optionsChanged = Signal(object)
    blankChanged = Signal(bool)
    heldChanged = Signal(int)
    closed = Signal()

    def __init__(
        self,
        session: MeetingSession,
        parent: QWidget | None = None,
        *,
        options: SharedScreenOptions | None = None,
        replay: ReplayController | None = None,
        held: HeldSentences | None = None,
    ) -> None:
        # A separate top-level window even with a parent, so it can live on another screen.
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self._held_source = held
        self._held_count = 0
        self.replay = replay or ReplayController(session, self)
        self._options = (options or SharedScreenOptions()).normalised()
        self._question = 0
        self._focus = ""
        self._local_zone = local_zone_id()
        #: Something else the room looks at for now (a checkpoint review), else None.
        self._source: ViewSource | None = None
        self.setObjectName("SharedScreenWindow")
        self.setWindowTitle(WINDOW_TITLE)
        self.stack = QStackedWidget(self)
        self.content = RoomContent(self.stack, theme=self._options.theme)
        self.blank = BlankScreen(self.stack)
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.blank)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.help = HelpOverlay(self, theme=self._options.theme)
        self._shortcuts()
        # Typing changes the debrief on every key: the room is redrawn once per burst.
        self._pending = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._pending.timeout.connect(self.refresh)
        session.debriefOpened.connect(self.refresh)
        session.debriefChanged.connect(self.schedule_refresh)
        session.phaseChanged.connect(self._phase_changed)
        session.timerTick.connect(self._tick)
        session.timerStateChanged.connect(lambda _running: self._tick(*self._times()))
        self.replay.changed.connect(self.refresh)
        self.resize(1280, 720)
        self.content.set_zoom(self._options.zoom)
        self._apply_look()
        self.refresh()
        self._tick(*self._times())

    # -- options -------------------------------------------------------------------------

    @property
    def options(self) -> SharedScreenOptions:
        return self._options

    def set_options(self, options: SharedScreenOptions) -> None:
        """Apply ``options`` (theme, zoom, names as roles; the screen only via move)."""
        options = options.normalised()
        if options == self._options:
            return
        old, self._options = self._options, options
        if options.zoom != old.zoom:
            self.content.set_zoom(options.zoom)
        if options.theme != old.theme or options.zoom != old.zoom:
            self._apply_look()
        self.refresh()
        self.optionsChanged.emit(options)

    def set_names_as_roles(self, on: bool) -> None:
        self.set_options(replace(self._options, names_as_roles=on))

    def set_reframe(self, on: bool) -> None:
        """Hold back sentences with an open blame finding until they are reworded or kept."""
        self.set_options(replace(self._options, reframe=on))

    @property
    def can_reframe(self) -> bool:
        """Whether a language checker is there to say which sentences to hold back."""
        return self._held_source is not None

    @property
    def held_count(self) -> int:
        """How many sentences the room is not shown right now."""
        return self._held_count

    def set_theme(self, theme: str) -> None:
        """Use the "light" or "dark" high-contrast look."""
        self.set_options(replace(self._options, theme=theme))

    def toggle_theme(self) -> None:
        self.set_theme("light" if self._options.theme == "dark" else "dark")

    def zoom_in(self) -> None:
        self.set_options(replace(self._options, zoom=clamp_zoom(self._options.zoom * ZOOM_STEP)))

    def zoom_out(self) -> None:
        self.set_options(replace(self._options, zoom=clamp_zoom(self._options.zoom / ZOOM_STEP)))

    def zoom_reset(self) -> None:
        self.set_options(replace(self._options, zoom=1.0))

    def _apply_look(self) -> None:
        sizes = self.content.sizes()
        self.content.set_theme(self._options.theme)
        self._size_blank()
        self.help.set_look(self._options.theme, sizes)

    def _size_blank(self) -> None:
        # The break screen is sized for the window it fills, read from the back of the room.
        sizes = Sizes.for_height(max(self.height(), 240), self._options.zoom)
        self.blank.setStyleSheet(stylesheet(self._options.theme, sizes))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().height() != event.oldSize().height():
            self._size_blank()

    # -- what the room sees --------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the room's view from the session (cheap when nothing visible changed)."""
        self.content.show_view(self.room_view())

    def set_source(self, source: ViewSource | None) -> None:
        """Show ``source``'s view (a checkpoint or monthly review) instead of the meeting's.

        ``source`` has a ``changed`` signal and ``room_view(RoomOptions) -> RoomView``
        built in the pure domain; None goes back to the meeting.
        """
        if self._source is not None:
            self._source.changed.disconnect(self.refresh)
        self._source = source
        if source is not None:
            source.changed.connect(self.refresh)
        # The phase timer belongs to the meeting; a review has no timebox.
        self.content.timer.setVisible(source is None)
        self.refresh()

    def schedule_refresh(self) -> None:
        """Refresh soon, once, however many changes arrive meanwhile."""
        if not self._pending.isActive():
            self._pending.start()

    def room_view(self) -> RoomView:
        """The RoomView for the session's current phase and these options."""
        if self._source is not None:
            return self._source.room_view(
                RoomOptions(self._options.names_as_roles, self._local_zone)
            )
        session = self.session
        if session.debrief is None:
            self._count_held(0)
            return RoomView("", "Waiting for the debrief", "The meeting will appear here.")
        held = None
        counted = [0]
        source = self._held_source
        if self._options.reframe and source is not None:

            def held(field: str, text: str) -> Sequence[tuple[int, int]]:
                spans = source(field, text)
                counted[0] += len(spans)
                return spans

        view = visible_content(
            session.debrief,
            session.phase,
            RoomOptions(self._options.names_as_roles, self._local_zone),
            position=(session.phase_index, len(session.script.phases)),
            ground_rules=session.script.ground_rules,
            replay=self.replay.state,
            question_index=self._question,
            held=held,
            focus=self._focus,
        )
        self._count_held(counted[0])
        return view

    def _count_held(self, count: int) -> None:
        if count != self._held_count:
            self._held_count = count
            self.heldChanged.emit(count)

    def set_focus(self, event_uid: str) -> None:
        """Show the room the events around the one the facilitator selected."""
        if event_uid != self._focus:
            self._focus = event_uid
            self.schedule_refresh()

    def next_question(self, step: int = 1) -> None:
        """Show the phase's next question (``step`` -1 for the previous one)."""
        self._question += step
        self.refresh()

    def _phase_changed(self, _index: int) -> None:
        self._question = 0
        self.refresh()

    def _times(self) -> tuple[int, int]:
        return self.session.elapsed(), self.session.phase.timebox_seconds

    def _tick(self, elapsed: int, timebox: int) -> None:
        self.content.show_timer(
            timer_text(elapsed, timebox),
            running=self.session.timer_running,
            overrun=elapsed > timebox,
        )

    # -- break, help, full screen, screens -----------------------------------------------

    @property
    def blanked(self) -> bool:
        return self.stack.currentWidget() is self.blank

    def set_blank(self, on: bool, seconds: int | None = None) -> None:
        """Show the calm break screen instead of the meeting (counting down ``seconds``)."""
        if on and self.blanked and seconds is None:
            return  # already on a break: keep its countdown
        self.blank.set_break(seconds if on else None)
        if on == self.blanked:
            return
        self.stack.setCurrentWidget(self.blank if on else self.content)
        self.blankChanged.emit(on)

    def toggle_blank(self) -> None:
        self.set_blank(not self.blanked)

    def toggle_help(self) -> None:
        self.help.toggle()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def escape(self) -> None:
        """Esc closes the help first, then leaves full screen."""
        if self.help.isVisible():
            self.help.hide()
        elif self.isFullScreen():
            self.showNormal()

    def move_to_screen(self, name: str) -> bool:
        """Move to the screen Qt calls ``name``, keeping full screen; False if it is gone."""
        screen = screen_named(name)
        if screen is None:
            return False
        full = self.isFullScreen()
        if full:
            self.showNormal()
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        area = screen.availableGeometry()
        width, height = min(self.width(), area.width()), min(self.height(), area.height())
        self.setGeometry(
            area.x() + (area.width() - width) // 2,
            area.y() + (area.height() - height) // 2,
            width,
            height,
        )
        if full:
            self.showFullScreen()
        if self._options.screen != name:
            self._options = replace(self._options, screen=name)
            self.optionsChanged.emit(self._options)
        return True

    def next_screen(self) -> None:
        """Move to the next screen Qt reports, wrapping around."""
        screens = QGuiApplication.screens()
        if len(screens) < 2:
            return
        current = self.screen()
        index = screens.index(current) if current in screens else -1
        self.move_to_screen(screens[(index + 1) % len(screens)].name())

    def screen_menu(self, parent: QWidget | None = None) -> QMenu:
        """A menu of the screens Qt reports; the one showing this window is checked."""
        menu = QMenu("Show on screen", parent)
        for screen in QGuiApplication.screens():
            size = screen.geometry()
            action = menu.addAction(f"{screen.name()}  ({size.width()}×{size.height()})")
            action.setCheckable(True)
            action.setChecked(screen is self.screen())
            name = screen.name()
            action.triggered.connect(lambda _=False, n=name: self.move_to_screen(n))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def context_menu(self) -> QMenu:
        """Every command of the window, for people who prefer the mouse."""
        menu = QMenu(self)
        menu.addMenu(self.screen_menu(menu))
        for text, key, slot, checked in (
            ("Full screen", "F11", self.toggle_full_screen, self.isFullScreen()),
            ("Short break (blank)", "B", self.toggle_blank, self.blanked),
            ("Names as roles", "N", self._toggle_names, self._options.names_as_roles),
            ("Reframe before the room sees it", "H", self._toggle_reframe, self._options.reframe),
            ("Dark", "T", self.toggle_theme, self._options.theme == "dark"),
            ("Larger text", "Ctrl+=", self.zoom_in, None),
            ("Smaller text", "Ctrl+-", self.zoom_out, None),
            ("Keys", "F1", self.toggle_help, None),
        ):
            action = menu.addAction(text)
            action.setShortcut(QKeySequence(key))
            if checked is not None:
                action.setCheckable(True)
                action.setChecked(checked)
            action.triggered.connect(slot)
        return menu

    def show_on_preferred_screen(self, avoid: QScreen | None = None) -> None:
        """Show on the remembered screen, else on one other than ``avoid``, else anywhere."""
        self.show()
        screens = QGuiApplication.screens()
        wanted = screen_named(self._options.screen)
        if wanted is None:
            wanted = next((s for s in screens if s is not avoid), None)
        if wanted is not None and wanted is not self.screen():
            self.move_to_screen(wanted.name())

    # -- keys ----------------------------------------------------------------------------

    def _toggle_names(self) -> None:
        self.set_names_as_roles(not self._options.names_as_roles)

    def _toggle_reframe(self) -> None:
        if self.can_reframe:
            self.set_reframe(not self._options.reframe)

    def _shortcuts(self) -> None:
        table = (
            (("F11",), self.toggle_full_screen),
            (("Esc",), self.escape),
            (("B",), self.toggle_blank),
            (("Ctrl+=", "Ctrl++", "+", "="), self.zoom_in),
            (("Ctrl+-", "-"), self.zoom_out),
            (("Ctrl+0", "0"), self.zoom_reset),
            (("Q",), self.next_question),
            (("Shift+Q",), lambda: self.next_question(-1)),
            (("N",), self._toggle_names),
            (("H",), self._toggle_reframe),
            (("T",), self.toggle_theme),
            (("S",), self.next_screen),
            (("R",), self.replay.toggle),
            (("Right", "Space"), self.replay.next),
            (("Left",), self.replay.previous),
            (("Home",), self.replay.reset),
            (("End",), self.replay.reveal_all),
            (("F1",), self.toggle_help),
        )
        self._keys: list[QShortcut] = []
        for keys, slot in table:
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.activated.connect(slot)
                self._keys.append(shortcut)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.help.hide()
        self.closed.emit()
        super().closeEvent(event)


def open_shared_screen(
    session: MeetingSession,
    parent: QWidget | None = None,
    *,
    options: SharedScreenOptions | None = None,
    replay: ReplayController | None = None,
    held: HeldSentences | None = None,
) -> SharedScreenWindow:
    """Create and show the shared screen, on a screen other than ``parent``'s if possible."""
    window = SharedScreenWindow(session, parent, options=options, replay=replay, held=held)
    window.show_on_preferred_screen(avoid=parent.screen() if parent is not None else None)
    return window

"""SharedScreenControls: the facilitator window's handle on the shared screen.

One object per facilitator window: it owns the meeting's ReplayController,
opens the shared window on demand, remembers its options in QSettings, and
offers QActions (with keys that do not collide with typing) for the menu bar.

``language`` (the debrief's LanguageSupport, when the checker is installed) lets
"Reframe before the room sees it" hold back sentences with an open blame finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from facilitator.ui.session import MeetingSession
from facilitator.ui.shared_screen.options import (
    SharedScreenOptions,
    load_options,
    save_options,
)
from facilitator.ui.shared_screen.replay_control import ReplayController
from facilitator.ui.shared_screen.window import (
    SharedScreenWindow,
    ViewSource,
    open_shared_screen,
)

#: Break lengths offered with a countdown, in minutes.
BREAK_MINUTES = (5, 10, 15)


class SharedScreenControls(QObject):
    """Opens, closes and steers the shared screen from the facilitator's window.

    ``actions`` holds the QActions by name ("open", "names", "reframe", "blank",
    "full", "next_question", "previous_question", "replay", "replay_next",
    "replay_previous", "zoom_in", "zoom_out"); they are added to ``host`` so
    their keys work anywhere in it.
    """

    def __init__(
        self,
        session: MeetingSession,
        host: QWidget,
        settings: QSettings | None = None,
        *,
        language: QObject | None = None,
    ) -> None:
        super().__init__(host)
        self.session = session
        self.host = host
        self.settings = settings
        self.language = language if hasattr(language, "held_sentences") else None
        self.replay = ReplayController(session, self)
        self.window: SharedScreenWindow | None = None
        self._source: ViewSource | None = None
        self._focus = ""
        self._options = load_options(settings) if settings is not None else SharedScreenOptions()
        self.actions: dict[str, QAction] = {}
        self._build_actions()

    @property
    def options(self) -> SharedScreenOptions:
        return self.window.options if self.window is not None else self._options

    # -- opening -------------------------------------------------------------------------

    def open(self) -> SharedScreenWindow:
        """Show the shared screen (creating it the first time) and return it."""
        if self.window is None:
            held = self.language.held_sentences if self.language is not None else None  # type: ignore[attr-defined]
            window = open_shared_screen(
                self.session, self.host, options=self._options, replay=self.replay, held=held
            )
            window.optionsChanged.connect(self._options_changed)
            window.blankChanged.connect(self.actions["blank"].setChecked)
            window.heldChanged.connect(self._held_changed)
            self._held_changed(window.held_count)
            if self.language is not None:
                # Keeping (ignoring) a finding or new participants change what is held back.
                self.language.ignoresChanged.connect(window.refresh)  # type: ignore[attr-defined]
                self.language.findingsChanged.connect(window.refresh)  # type: ignore[attr-defined]
            window.closed.connect(lambda: self.actions["open"].setChecked(False))
            window.set_source(self._source)
            window.set_focus(self._focus)
            self.window = window
        else:
            self.window.show_on_preferred_screen(avoid=self.host.screen())
            self.window.raise_()
        self.actions["open"].setChecked(True)
        return self.window

    def set_source(self, source: ViewSource | None) -> None:
        """Show ``source`` (a review) on the shared screen, now and once open; None: the meeting."""
        self._source = source
        if self.window is not None:
            self.window.set_source(source)

    def set_focus_event(self, event_uid: str) -> None:
        """The facilitator selected this timeline event: the room's timeline centres on it."""
        self._focus = event_uid
        if self.window is not None:
            self.window.set_focus(event_uid)

    def start_break(self, minutes: int) -> None:
        """Blank the room for a break of ``minutes`` with a countdown (opens the screen)."""
        window = self.open() if self.window is None or not self.window.isVisible() else self.window
        window.set_blank(True, minutes * 60)

    @property
    def blanked(self) -> bool:
        return self.window is not None and self.window.isVisible() and self.window.blanked

    def break_remaining(self) -> int | None:
        """Seconds left in the room's break countdown (None: no countdown or no break)."""
        return self.window.blank.remaining() if self.blanked and self.window else None

    def set_open(self, on: bool) -> None:
        if on:
            self.open()
        elif self.window is not None:
            self.window.close()

    def _options_changed(self, options: SharedScreenOptions) -> None:
        self._options = options
        self.actions["names"].setChecked(options.names_as_roles)
        self.actions["reframe"].setChecked(options.reframe)
        if self.settings is not None:
            save_options(self.settings, options)

    # -- actions -------------------------------------------------------------------------

    def _with_window(self, command: Callable[[SharedScreenWindow], None]) -> Callable[[], None]:
        def run() -> None:
            if self.window is not None and self.window.isVisible():
                command(self.window)

        return run

    def _action(self, name: str, text: str, keys: tuple[str, ...], tip: str) -> QAction:
        action = QAction(text, self.host)
        action.setShortcuts([QKeySequence(k) for k in keys])
        shown = f" ({QKeySequence(keys[0]).toString()})" if keys else ""
        action.setToolTip(tip + shown)
        action.setStatusTip(tip)
        self.host.addAction(action)
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        opener = self._action(
            "open", "&Shared screen", ("Ctrl+Shift+S",), "Open the room's view on another screen"
        )
        opener.setCheckable(True)
        opener.toggled.connect(self.set_open)
        names = self._action(
            "names", "&Names as roles", ("Ctrl+Shift+N",), "Show roles instead of names to the room"
        )
        names.setCheckable(True)
        names.setChecked(self._options.names_as_roles)
        names.toggled.connect(self._set_names)
        reframe = self._action(
            "reframe",
            "&Reframe before the room sees it",
            ("Ctrl+Shift+H",),
            "Show the room “(being reworded)” for a sentence with open blame wording, "
            "until you reword it or keep it",
        )
        reframe.setCheckable(True)
        reframe.setChecked(self._options.reframe and self.language is not None)
        reframe.setEnabled(self.language is not None)
        reframe.toggled.connect(self._set_reframe)
        blank = self._action("blank", "&Blank for a break", ("Ctrl+Shift+B",), "Blank the room")
        blank.setCheckable(True)
        blank.toggled.connect(lambda on: self._with_window(lambda w: w.set_blank(on))())
        for minutes in BREAK_MINUTES:
            self._action(
                f"break_{minutes}",
                f"Break of {minutes} minutes",
                (),
                f"Blank the room with a {minutes}-minute countdown",
            ).triggered.connect(lambda _=False, m=minutes: self.start_break(m))
        w = self._with_window
        for name, text, keys, tip, command in (
            ("full", "&Full screen", ("Ctrl+Shift+F",), "Shared screen full screen",
             w(SharedScreenWindow.toggle_full_screen)),
            ("next_question", "Ne&xt question", ("F7",), "Show the room the next question",
             w(SharedScreenWindow.next_question)),
            ("previous_question", "Previous &question", ("Shift+F7",),
             "Show the room the previous question", w(lambda win: win.next_question(-1))),
            ("zoom_in", "&Larger text", ("Ctrl+Alt+=", "Ctrl+Alt++"), "Larger text for the room",
             w(SharedScreenWindow.zoom_in)),
            ("zoom_out", "S&maller text", ("Ctrl+Alt+-",), "Smaller text for the room",
             w(SharedScreenWindow.zoom_out)),
            ("replay", "Walk-forward &replay", ("Ctrl+Shift+P",),
             "Reveal the timeline one event at a time", self.replay.toggle),
            ("replay_next", "Replay: next event", ("F8",), "Reveal the next event",
             self.replay.next),
            ("replay_previous", "Replay: previous event", ("Shift+F8",), "Step back one event",
             self.replay.previous),
        ):  # fmt: skip
            self._action(name, text, keys, tip).triggered.connect(command)

    def _set_names(self, on: bool) -> None:
        if self.window is not None:
            self.window.set_names_as_roles(on)
        else:
            self._options_changed(replace(self._options, names_as_roles=on))

    def _set_reframe(self, on: bool) -> None:
        if self.window is not None:
            self.window.set_reframe(on)
        else:
            self._options_changed(replace(self._options, reframe=on))

    def _held_changed(self, count: int) -> None:
        # The facilitator sees at a glance what the room is not reading yet.
        action = self.actions["reframe"]
        base = "&Reframe before the room sees it"
        action.setText(f"{base} ({count} held back)" if count else base)

    def show_on(self, screen_name: str) -> None:
        """Open the shared screen if needed and move it to the screen Qt calls ``screen_name``."""
        self._options_changed(replace(self.options, screen=screen_name))
        self.open().move_to_screen(screen_name)

    def menu(self, parent: QWidget | None = None) -> QMenu:
        """A "Shared screen" menu with every action and a screen picker."""
        menu = QMenu("S&hared screen", parent)
        menu.addAction(self.actions["open"])
        screens = menu.addMenu("Show on screen")
        screens.aboutToShow.connect(lambda: self._fill_screens(screens))
        menu.addAction(self.actions["full"])
        menu.addAction(self.actions["blank"])
        breaks = menu.addMenu("Break with a &countdown")
        for minutes in BREAK_MINUTES:
            breaks.addAction(self.actions[f"break_{minutes}"])
        menu.addAction(self.actions["names"])
        menu.addAction(self.actions["reframe"])
        menu.addSeparator()
        for name in ("next_question", "previous_question", "zoom_in", "zoom_out"):
            menu.addAction(self.actions[name])
        menu.addSeparator()
        for name in ("replay", "replay_next", "replay_previous"):
            menu.addAction(self.actions[name])
        return menu

    def _fill_screens(self, menu: QMenu) -> None:
        # Screens come and go (a projector plugged in mid-meeting), so list them on each opening.
        menu.clear()
        showing = self.window.screen() if self.window is not None else None
        for screen in QGuiApplication.screens():
            size = screen.geometry()
            action = menu.addAction(f"{screen.name()}  ({size.width()}×{size.height()})")
            action.setCheckable(True)
            action.setChecked(screen is showing)
            name = screen.name()
            action.triggered.connect(lambda _=False, n=name: self.show_on(n))

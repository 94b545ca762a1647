"""The key help overlay (F1) and the calm blank screen (B) of the shared screen.

Both are plain child widgets, not dialogs: the meeting never waits on a modal
window, and tests never hang on one.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from time import monotonic

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator.ui.shared_screen.style import Sizes, overlay_stylesheet, palette

#: Keys of the shared window itself (it has no text fields, so single letters are safe).
SCREEN_KEYS: tuple[tuple[str, str], ...] = (
    ("F11", "Full screen on or off"),
    ("Esc", "Leave full screen, or close this help"),
    ("B", "Blank the screen for a break; B again to come back"),
    ("Ctrl+=  or  +", "Larger text"),
    ("Ctrl+-  or  -", "Smaller text"),
    ("Ctrl+0  or  0", "Text size that fits the window"),
    ("Q  /  Shift+Q", "Show the phase's next / previous question"),
    ("N", "Names as roles on or off"),
    ("H", "Reframe before the room sees it: hold back blaming sentences"),
    ("T", "Light or dark"),
    ("S", "Move to the next screen"),
    ("R", "Start or stop the walk-forward replay (timeline phase)"),
    ("→  or  Space", "Replay: reveal the next event"),
    ("←", "Replay: step back one event"),
    ("Home  /  End", "Replay: back to the first event / reveal all"),
    ("F1", "Show or hide these keys"),
)

#: Keys that reach the shared screen from the facilitator's window (with modifiers, so
#: they do not collide with typing in the debrief's fields).
REMOTE_KEYS: tuple[tuple[str, str], ...] = (
    ("Ctrl+Shift+S", "Open or close the shared screen"),
    ("Ctrl+Shift+B", "Blank the shared screen"),
    ("Ctrl+Shift+F", "Shared screen full screen"),
    ("Ctrl+Shift+N", "Names as roles"),
    ("Ctrl+Shift+H", "Reframe before the room sees it"),
    ("F7  /  Shift+F7", "Next / previous question"),
    ("Ctrl+Shift+P", "Start or stop the replay"),
    ("F8  /  Shift+F8", "Replay: next / previous event"),
    ("Ctrl+Alt+=  /  Ctrl+Alt+-", "Shared screen text larger / smaller"),
)


def _label(text: str, name: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class HelpOverlay(QWidget):
    """Lists every key over the shared screen; it follows its parent's size."""

    def __init__(self, parent: QWidget, *, theme: str = "light") -> None:
        super().__init__(parent)
        self.setObjectName("RoomHelp")
        self._theme = theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(_label("Keys", "RoomHelpTitle", self))
        columns = QHBoxLayout()
        columns.setSpacing(48)
        for heading, keys in (
            ("On the shared screen", SCREEN_KEYS),
            ("From the facilitator's window", REMOTE_KEYS),
        ):
            grid = QGridLayout()
            grid.setHorizontalSpacing(20)
            grid.setVerticalSpacing(2)
            grid.addWidget(_label(heading, "RoomHelpHeading", self), 0, 0, 1, 2)
            for row, (key, text) in enumerate(keys, start=1):
                grid.addWidget(_label(key, "RoomHelpKey", self), row, 0, Qt.AlignmentFlag.AlignTop)
                description = _label(text, "RoomHelpText", self)
                description.setWordWrap(True)
                grid.addWidget(description, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(1, 1)
            grid.setRowStretch(len(keys) + 1, 1)
            columns.addLayout(grid, 1)
        layout.addLayout(columns, 1)
        layout.addStretch(1)
        layout.addWidget(_label("F1 or Esc closes this list.", "RoomHelpText", self))
        parent.installEventFilter(self)
        self.hide()

    def set_look(self, theme: str, sizes: Sizes) -> None:
        """Follow the shared screen's theme and text size (help stays smaller than content)."""
        self._theme = theme
        self.setStyleSheet(overlay_stylesheet(theme, sizes))
        self.update()

    def toggle(self) -> None:
        self.setVisible(not self.isVisible())
        if self.isVisible():
            self._cover()
            self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self._cover()
        return False

    def _cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def paintEvent(self, event: QPaintEvent) -> None:
        # An opaque veil: large content showing through would make the key list hard to read.
        painter = QPainter(self)
        colour = QColor(palette(self._theme)["bg"])
        painter.fillRect(self.rect(), colour)
        painter.end()


class BlankScreen(QWidget):
    """What the room sees during a break: large type, an optional countdown, nothing else."""

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], float] = monotonic):
        super().__init__(parent)
        self.setObjectName("RoomBlank")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._clock = clock
        self._ends: float | None = None
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = _label("Short break", "RoomBlankTitle", self)
        self.countdown = _label("", "RoomBlankCountdown", self)
        self.text = _label("We will be back soon.", "RoomBlankText", self)
        for label in (self.title, self.countdown, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        self.countdown.hide()
        self._tick = QTimer(self, interval=500)
        self._tick.timeout.connect(self._update)

    def set_break(self, seconds: int | None) -> None:
        """Count down ``seconds`` (None or 0: no countdown, just the calm message)."""
        self._ends = self._clock() + seconds if seconds else None
        self._update()
        if self._ends is None:
            self._tick.stop()
        else:
            self._tick.start()

    def remaining(self) -> int | None:
        """Whole seconds left in the break, or None without a countdown."""
        if self._ends is None:
            return None
        return max(0, math.ceil(self._ends - self._clock()))

    def _update(self) -> None:
        left = self.remaining()
        self.countdown.setVisible(left is not None)
        if left is None:
            self.text.setText("We will be back soon.")
            return
        minutes, seconds = divmod(left, 60)
        self.countdown.setText(f"{minutes}:{seconds:02d}")
        self.text.setText("We start again now." if left == 0 else "until we start again")

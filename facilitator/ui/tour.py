"""A short guided tour of the debrief editor, drawn over the window without blocking it.

Each step rings one part of the window (found by object name, so the tour follows
the widgets wherever a layout puts them) and shows a callout beside it with Back,
Next and "Skip tour". Nothing is modal: the user can click, type and change
phases while a step is shown, and the ring follows its target. Esc skips.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPaintEvent, QPen, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

#: Pixels between the ring and its target, and between the ring and the callout.
RING_MARGIN = 4
GAP = 14
BUBBLE_WIDTH = 360


#: Finds a step's target in the window: its rectangle in window coordinates, or None.
Finder = Callable[[QMainWindow], QRect | None]


@dataclass(frozen=True)
class TourStep:
    """One stop: what to ring (a function returning window coordinates) and what to say."""

    key: str
    title: str
    text: str
    target: Finder


def _widget_rect(name: str) -> Finder:
    def find(window: QMainWindow) -> QRect | None:
        widget = window.findChild(QWidget, name)
        if widget is None or not widget.isVisible():
            return None
        return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())

    return find


def _first_visible(*finders: Finder) -> Finder:
    def find(window: QMainWindow) -> QRect | None:
        for finder in finders:
            rect = finder(window)
            if rect is not None:
                return rect
        return None

    return find


def _menu_rect(title: str) -> Finder:
    def find(window: QMainWindow) -> QRect | None:
        bar = window.menuBar()
        for action in bar.actions():
            if action.text().replace("&", "") == title:
                rect = bar.actionGeometry(action)
                return QRect(bar.mapTo(window, rect.topLeft()), rect.size())
        return None

    return find


STEPS: tuple[TourStep, ...] = (
    TourStep(
        "phases",
        "The meeting, phase by phase",
        "Each phase of the debrief is listed here, in meeting order, with a check mark once "
        "it holds something. Click one to go there, or use Alt+Right and Alt+Left; Ctrl+1…9 "
        "jumps. The bar above times the phase you are in.",
        _widget_rect("PhaseNavigator"),
    ),
    TourStep(
        "findings",
        "Language findings",
        "As notes are typed, blame and counterfactual wording (“should have”, “human "
        "error”) is underlined and listed here with a reframe you can say aloud. Only you "
        "see this column; F4 jumps here from anywhere.",
        _first_visible(_widget_rect("FindingsPanel"), _widget_rect("FindingsCount")),
    ),
    TourStep(
        "shared",
        "The shared screen",
        "View › Shared screen (Ctrl+Shift+S) opens a second window for the room: the phase, "
        "its question and what the team is building, without your tips, notes or findings. "
        "Put it on the projector, or share only that window in a call.",
        _menu_rect("View"),
    ),
)


class _Ring(QWidget):
    """A transparent layer over the window that draws a ring round the current target."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("TourRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.target = QRect()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.target.isNull():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().color(self.palette().ColorRole.Highlight)
        halo = QColor(colour)
        halo.setAlpha(70)
        ring = self.target.adjusted(-RING_MARGIN, -RING_MARGIN, RING_MARGIN, RING_MARGIN)
        painter.setPen(QPen(halo, 9))
        painter.drawRoundedRect(ring, 8, 8)
        painter.setPen(QPen(colour, 3))
        painter.drawRoundedRect(ring, 8, 8)


def add_shadow(widget: QWidget) -> None:
    """A soft shadow that lifts a floating card off the page beneath it."""
    shadow = QGraphicsDropShadowEffect(widget)
    shadow.setBlurRadius(24)
    shadow.setOffset(0, 4)
    shadow.setColor(QColor(0, 0, 0, 90))
    widget.setGraphicsEffect(shadow)


class _Bubble(QFrame):
    """The callout: step counter, title, text and the three buttons."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("TourBubble")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setFixedWidth(BUBBLE_WIDTH)
        add_shadow(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        self.counter = QLabel(self)
        self.counter.setObjectName("HintLabel")
        self.title = QLabel(self)
        self.title.setObjectName("TourTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        self.skip = QPushButton("Skip tour", self)
        self.skip.setToolTip("End the tour (Esc); Help › Take the tour starts it again")
        self.back = QPushButton("Back", self)
        self.next = QPushButton("Next", self)
        self.next.setObjectName("NextButton")
        self.next.setDefault(True)
        buttons.addWidget(self.skip)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        for widget in (self.counter, self.title, self.text):
            layout.addWidget(widget)
        layout.addLayout(buttons)


class Tour(QObject):
    """Walks the user through :data:`STEPS` over ``window``.

    Signals:
        finished(bool): the tour ended; True when every step was seen, False if skipped.
    """

    finished = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        steps: tuple[TourStep, ...] = STEPS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or window)
        self.window = window
        self.steps = steps
        self.index = -1
        self.ring = _Ring(window)
        self.bubble = _Bubble(window)
        self.ring.hide()
        self.bubble.hide()
        self.bubble.next.clicked.connect(self.next)
        self.bubble.back.clicked.connect(self.back)
        self.bubble.skip.clicked.connect(self.skip)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self._escape.setEnabled(False)
        self._escape.activated.connect(self.skip)
        window.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.index >= 0

    @property
    def step(self) -> TourStep | None:
        return self.steps[self.index] if self.active else None

    def start(self) -> None:
        self._escape.setEnabled(True)
        self._go(0)

    def next(self) -> None:
        if self.index + 1 >= len(self.steps):
            self._end(True)
        else:
            self._go(self.index + 1)

    def back(self) -> None:
        if self.index > 0:
            self._go(self.index - 1)

    def skip(self) -> None:
        if self.active:
            self._end(False)

    def place(self) -> None:
        """Put the ring on the step's target and the callout beside it."""
        step = self.step
        if step is None:
            return
        self.ring.setGeometry(self.window.rect())
        target = step.target(self.window)
        self.ring.target = target if target is not None else QRect()
        self.ring.raise_()
        self.ring.update()
        self.bubble.adjustSize()
        self.bubble.move(self._bubble_position(target))
        self.bubble.raise_()

    def target_rect(self) -> QRect | None:
        step = self.step
        return step.target(self.window) if step is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.place()
        return False

    def _go(self, index: int) -> None:
        self.index = index
        step = self.steps[index]
        last = index == len(self.steps) - 1
        self.bubble.counter.setText(f"Tour, step {index + 1} of {len(self.steps)}")
        self.bubble.title.setText(step.title)
        self.bubble.text.setText(step.text)
        self.bubble.back.setEnabled(index > 0)
        self.bubble.next.setText("Done" if last else "Next")
        self.bubble.setAccessibleName(f"Tour: {step.title}")
        self.ring.show()
        self.bubble.show()
        self.place()
        self.bubble.next.setFocus(Qt.FocusReason.OtherFocusReason)

    def _end(self, completed: bool) -> None:
        self.index = -1
        self._escape.setEnabled(False)
        self.ring.hide()
        self.bubble.hide()
        self.finished.emit(completed)

    def _bubble_position(self, target: QRect | None) -> QPoint:
        area = self.window.rect().adjusted(GAP, GAP, -GAP, -GAP)
        size = self.bubble.size()
        if target is None:
            return area.center() - QPoint(size.width() // 2, size.height() // 2)
        ring = target.adjusted(-RING_MARGIN, -RING_MARGIN, RING_MARGIN, RING_MARGIN)
        beside = (
            QPoint(ring.right() + GAP, ring.top()),  # right of the target
            QPoint(ring.left() - GAP - size.width(), ring.top()),  # left of it
        )
        around = (
            QPoint(ring.left(), ring.bottom() + GAP),  # below
            QPoint(ring.left(), ring.top() - GAP - size.height()),  # above
        )
        # A short target (a menu title, a button) reads best with the callout under it.
        candidates = around + beside if ring.height() < 80 else beside + around
        for point in candidates:
            if area.contains(QRect(point, size)):
                return point
        # Nothing fits beside it (a full-height target): overlap its lower part, inside.
        x = min(max(area.left(), ring.right() + GAP), area.right() - size.width())
        y = min(max(area.top(), ring.top()), area.bottom() - size.height())
        return QPoint(x, y)

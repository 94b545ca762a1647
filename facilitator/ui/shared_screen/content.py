"""RoomContent: draws a :class:`~facilitator.domain.room_view.RoomView` in large type.

It knows nothing about the session or the debrief: it is handed a finished
RoomView (which holds only what the room may see) and the current timer text.
Text sizes follow the widget's height; when the content outgrows the screen the
body text shrinks down to a floor, then the view scrolls to the newest or
current item.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.room_view import RoomItem, RoomSection, RoomView
from facilitator.ui.shared_screen.style import MIN_FIT, Sizes, stylesheet


def _label(text: str, name: str, parent: QWidget, *, wrap: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    # Room text is shown, never interpreted: a "<b>" typed in a note stays visible as typed.
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class RoomContent(QWidget):
    """The phase heading, question, timer and the sections of what the team built."""

    def __init__(self, parent: QWidget | None = None, *, theme: str = "light") -> None:
        super().__init__(parent)
        self.setObjectName("RoomScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._theme = theme
        self._zoom = 1.0
        self._fit = 1.0
        self._sheet = ""
        self._view: RoomView | None = None
        self._leads: list[list[QLabel]] = []
        self._current: QWidget | None = None
        outer = QVBoxLayout(self)
        self._outer = outer
        top = QHBoxLayout()
        self.counter = _label("", "RoomCounter", self, wrap=False)
        self.replay = _label("", "RoomReplay", self, wrap=False)
        self.timer = _label("", "RoomTimer", self, wrap=False)
        self.timer.setProperty("running", "false")
        self.timer.setProperty("overrun", "false")
        top.addWidget(self.counter)
        top.addSpacing(24)
        top.addWidget(self.replay)
        top.addStretch(1)
        top.addWidget(self.timer)
        outer.addLayout(top)
        self.title = _label("", "RoomTitle", self)
        self.question = _label("", "RoomQuestion", self)
        outer.addWidget(self.title)
        outer.addWidget(self.question)
        rule = QFrame(self)
        rule.setObjectName("RoomRule")
        outer.addWidget(rule)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.scroll, 1)
        self.body = QWidget()
        self.scroll.setWidget(self.body)
        # Layout settles only after the event loop runs; fitting before that measures nothing.
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit_to_screen)
        self._apply_sizes()

    # -- what to show --------------------------------------------------------------------

    @property
    def view(self) -> RoomView | None:
        """The RoomView on screen."""
        return self._view

    def show_view(self, view: RoomView) -> None:
        """Show ``view``; does nothing if it is what is already shown."""
        if view == self._view:
            return
        self._view = view
        self.counter.setText(view.counter)
        self.replay.setText(view.replay)
        self.replay.setVisible(bool(view.replay))
        self.title.setText(view.title)
        self.question.setText(view.question)
        self.question.setVisible(bool(view.question))
        self._rebuild(view.sections)
        self._fit = 1.0
        self._apply_sizes()
        self._refit.start()

    def show_timer(self, text: str, *, running: bool, overrun: bool) -> None:
        """Show the phase timer; it turns a calm amber when over its timebox."""
        self.timer.setText(text)
        state = ("true" if running else "false", "true" if overrun else "false")
        if (self.timer.property("running"), self.timer.property("overrun")) != state:
            self.timer.setProperty("running", state[0])
            self.timer.setProperty("overrun", state[1])
            _repolish(self.timer)

    # -- look ----------------------------------------------------------------------------

    def set_theme(self, theme: str) -> None:
        self._theme = theme
        self._apply_sizes(force=True)

    def set_zoom(self, zoom: float) -> None:
        self._zoom = zoom
        self._fit = 1.0
        self._apply_sizes()
        self._refit.start()

    def sizes(self) -> Sizes:
        """The text sizes in use now."""
        return Sizes.for_height(self.height(), self._zoom, self._fit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().height() != event.oldSize().height():
            self._fit = 1.0
            self._apply_sizes()
        self._refit.start()

    def _apply_sizes(self, *, force: bool = False) -> None:
        sizes = self.sizes()
        margin = max(12, sizes.body)
        self._outer.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self._outer.setSpacing(max(4, sizes.body // 3))
        sheet = stylesheet(self._theme, sizes)
        if force or sheet != self._sheet:
            self._sheet = sheet
            self.setStyleSheet(sheet)
        self._align_leads()

    def _align_leads(self) -> None:
        # Times and figures line up in a column per section, sized to the widest one.
        for labels in self._leads:
            for label in labels:
                label.setMinimumWidth(0)
                label.ensurePolished()
            width = max((label.sizeHint().width() for label in labels), default=0)
            for label in labels:
                label.setMinimumWidth(width)

    def _fit_to_screen(self) -> None:
        viewport = self.scroll.viewport()
        width, height = viewport.width(), viewport.height()
        if width <= 0 or height <= 0:
            return
        while self._needed_height(width) > height and self._fit > MIN_FIT:
            self._fit = max(MIN_FIT, self._fit - 0.1)
            self._apply_sizes()
        self._scroll_to_focus()

    def _needed_height(self, width: int) -> int:
        layout = self.body.layout()
        if layout is None:
            return 0
        layout.activate()
        if layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return layout.totalSizeHint().height()

    def _scroll_to_focus(self) -> None:
        bar = self.scroll.verticalScrollBar()
        if self._current is not None:
            self.scroll.ensureWidgetVisible(self._current, 0, self.height() // 8)
        else:
            # The newest item is at the bottom, and it is the one being discussed.
            bar.setValue(bar.maximum())

    # -- building ------------------------------------------------------------------------

    def _rebuild(self, sections: tuple[RoomSection, ...]) -> None:
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._leads = []
        self._current = None
        body = QWidget()
        body.setObjectName("RoomBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for section in sections:
            self._add_section(section, body, layout)
        layout.addStretch(1)
        self.body = body
        self.scroll.setWidget(body)

    def _add_section(self, section: RoomSection, body: QWidget, layout: QVBoxLayout) -> None:
        layout.addWidget(_label(section.heading, "RoomHeading", body))
        if not section.items and section.empty:
            layout.addWidget(_label(section.empty, "RoomEmpty", body))
        leads: list[QLabel] = []
        for item in section.items:
            layout.addWidget(self._item(item, body, leads))
        if leads:
            self._leads.append(leads)
        if section.note:
            layout.addWidget(_label(section.note, "RoomNote", body))

    def _item(self, item: RoomItem, body: QWidget, leads: list[QLabel]) -> QFrame:
        frame = QFrame(body)
        frame.setObjectName("RoomItem")
        frame.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        frame.setProperty("current", "true" if item.state == "current" else "false")
        grid = QGridLayout(frame)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(2)
        column = 0
        if item.lead:
            lead = _label(item.lead, "RoomLead", frame, wrap=False)
            # Right-aligned, so times line up when only some rows name their day.
            lead.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(lead, 0, 0, Qt.AlignmentFlag.AlignTop)
            leads.append(lead)
            column = 1
        row = 0
        grid.addWidget(_label(item.text, "RoomText", frame), row, column, Qt.AlignmentFlag.AlignTop)
        if item.meta:
            row += 1
            grid.addWidget(_label(item.meta, "RoomMeta", frame), row, column)
        for heading, text in item.details:
            row += 1
            grid.addWidget(_label(heading, "RoomDetailLabel", frame), row, column)
            row += 1
            grid.addWidget(_label(text, "RoomDetail", frame), row, column)
        grid.setColumnStretch(column, 1)
        if item.state == "current":
            self._current = frame
        return frame

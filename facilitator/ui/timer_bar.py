"""TimerBar: the phase timebox timer and the meeting clock, with a calm overrun signal."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from facilitator.ui.session import MeetingSession


def clock_text(seconds: int) -> str:
    """ "4:05" or "1:02:03"."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class TimerBar(QWidget):
    """Shows time spent against the phase's timebox; turns amber, never pops up, when over."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("TimerBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.setSpacing(10)
        self.phase_label = QLabel(self)
        self.phase_label.setObjectName("TimerPhase")
        self.time = QLabel("0:00", self)
        self.time.setObjectName("TimerLabel")
        self.bar = QProgressBar(self, textVisible=False)
        self.bar.setObjectName("TimerProgress")
        self.bar.setMaximumWidth(220)
        self.bar.setFixedHeight(10)
        self.start = QToolButton(self)
        self.start.setObjectName("TimerStart")
        self.start.clicked.connect(session.toggle_timer)
        self.reset = QToolButton(self, text="Reset")
        self.reset.setToolTip("Set this phase's timer back to zero (Ctrl+Shift+R)")
        self.reset.clicked.connect(session.reset_timer)
        self.meeting = QLabel(self)
        self.meeting.setObjectName("MeetingClock")
        self.meeting.setToolTip("Time since the first timer of this meeting started")
        for widget in (self.phase_label, self.time, self.bar, self.start, self.reset):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.meeting)
        session.timerTick.connect(self.show_tick)
        session.meetingTick.connect(self.show_meeting)
        session.timerStateChanged.connect(self.show_state)
        session.phaseChanged.connect(lambda _i: self._phase())
        self.show_state(False)
        self.show_meeting(0)

    def _phase(self) -> None:
        self.phase_label.setText(self.session.phase.title)

    def show_tick(self, elapsed: int, timebox: int) -> None:
        over = elapsed - timebox
        self._phase()
        if over > 0:
            self.time.setText(
                f"{clock_text(elapsed)} / {clock_text(timebox)}  ·  {clock_text(over)} over"
            )
        else:
            self.time.setText(f"{clock_text(elapsed)} / {clock_text(timebox)}")
        self.bar.setMaximum(max(1, timebox))
        self.bar.setValue(min(elapsed, timebox))
        overrun = "true" if over > 0 else "false"
        for widget in (self.time, self.bar):
            if widget.property("overrun") != overrun:
                widget.setProperty("overrun", overrun)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def show_meeting(self, seconds: int) -> None:
        self.meeting.setText(f"Meeting  {clock_text(seconds)}")

    def show_state(self, running: bool) -> None:
        self.start.setText("Pause" if running else "Start")
        self.start.setToolTip(
            ("Pause" if running else "Start") + " this phase's timer (Ctrl+Space)"
        )

"""What the facilitator sees of the room: a plain banner while it is blanked, and a preview.

The banner sits across the facilitator's window whenever the shared screen shows
the break screen, with the countdown and one button to bring the meeting back:
nobody should talk to a blank wall without knowing it. The preview is a small
picture of the shared screen, redrawn every couple of seconds while it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.ui.shared_screen.controls import SharedScreenControls

#: How often the preview is redrawn while visible.
PREVIEW_MS = 2_000


def _clock(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes}:{secs:02d}"


class RoomBanner(QFrame):
    """ "The room sees the break screen", with the time left and a way back."""

    def __init__(self, shared: SharedScreenControls, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shared = shared
        self.setObjectName("RoomBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        self.text = QLabel(self)
        self.text.setObjectName("RoomBannerText")
        self.back = QPushButton("Show the meeting again", self)
        self.back.setToolTip("End the break on the shared screen (Ctrl+Shift+B)")
        self.back.clicked.connect(lambda: shared.actions["blank"].setChecked(False))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.back)
        self._tick = QTimer(self, interval=500)
        self._tick.timeout.connect(self.refresh)
        shared.actions["blank"].toggled.connect(lambda _on: self.refresh())
        shared.actions["open"].toggled.connect(lambda _on: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        blanked = self.shared.blanked
        self.setVisible(blanked)
        if not blanked:
            self._tick.stop()
            return
        left = self.shared.break_remaining()
        if left is None:
            self.text.setText("The room sees the break screen, not the meeting.")
        elif left:
            self.text.setText(f"The room sees the break screen  ·  {_clock(left)} left")
        else:
            self.text.setText("The room sees the break screen  ·  the break is over")
        if not self._tick.isActive():
            self._tick.start()


class RoomPreview(QFrame):
    """A small live picture of the shared screen, for the private column."""

    def __init__(self, shared: SharedScreenControls, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shared = shared
        self.setObjectName("RoomPreview")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(4)
        heading = QLabel("What the room sees", self)
        heading.setObjectName("SectionLabel")
        layout.addWidget(heading)
        self.picture = QLabel(self)
        self.picture.setObjectName("RoomPreviewPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumHeight(60)
        self.picture.setAccessibleName("Preview of the shared screen")
        self.picture.setWordWrap(True)
        # The picture follows the column's width; it must never widen the column itself.
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.picture)
        self._timer = QTimer(self, interval=PREVIEW_MS)
        self._timer.timeout.connect(self.refresh)
        shared.actions["open"].toggled.connect(lambda _on: self.refresh())
        shared.actions["blank"].toggled.connect(lambda _on: self.refresh())

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        self._timer.start()
        self.refresh()

    def hideEvent(self, event: object) -> None:  # type: ignore[override]
        super().hideEvent(event)  # type: ignore[arg-type]
        self._timer.stop()

    def refresh(self) -> None:
        """Redraw the picture from the shared screen, if it is open."""
        window = self.shared.window
        if window is None or not window.isVisible():
            self.picture.setPixmap(QPixmap())
            self.picture.setText("The shared screen is closed. Ctrl+Shift+S opens it.")
            return
        width = max(120, self.picture.width() - 4)
        size = window.size()
        scale = width / max(1, size.width())
        target = QSize(width, max(1, round(size.height() * scale)))
        pixmap = QPixmap(target)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            painter.scale(scale, scale)
            window.render(painter, QPoint())
        finally:
            painter.end()
        self.picture.setText("")
        self.picture.setPixmap(pixmap)

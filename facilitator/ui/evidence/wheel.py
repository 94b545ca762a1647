"""Keeping the mouse wheel from changing a drop-down or date the pointer merely passes over.

Scrolling the dialog must never change a zone, a column or a person filter by
accident: those widgets take the wheel only once they have focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        unfocused = isinstance(watched, QWidget) and not watched.hasFocus()
        if event.type() == QEvent.Type.Wheel and unfocused:
            event.ignore()  # let the scroll area behind scroll instead
            return True
        return False


def wheel_only_when_focused(*widgets: QWidget) -> None:
    """Make ``widgets`` ignore the wheel until clicked or tabbed into."""
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        guard = _WheelGuard(widget)
        widget.installEventFilter(guard)

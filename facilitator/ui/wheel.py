"""The mouse wheel changes a value only in an editor that has focus.

Combo boxes, spin boxes and date editors take wheel events by default, so a
facilitator scrolling the page past one silently changed a priority or moved an
event by days. :func:`guard_wheel` makes such a widget pass the wheel on to the
page under it until the user has clicked or tabbed into it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)


class WheelGuard(QObject):
    """Event filter: an unfocused value widget forwards the wheel to the scroll area around it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus() or watched.isAncestorOf(QApplication.focusWidget()):
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)
        # Swallowed either way: the value must not change.
        return True


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def guard_wheel(*widgets: QWidget) -> None:
    """Keep the wheel from changing ``widgets`` unless they have focus.

    Each widget also stops taking focus from the wheel (``Qt.StrongFocus``), so a
    wheel turn never focuses it on the way past.
    """
    for widget in widgets:
        if widget.property("wheelGuarded"):
            continue
        widget.setProperty("wheelGuarded", True)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(WheelGuard(widget))


def is_wheel_sensitive(widget: QWidget) -> bool:
    """Tell whether the wheel would change ``widget``'s value (tests walk every such widget)."""
    return isinstance(widget, QComboBox | QAbstractSpinBox)

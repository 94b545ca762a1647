"""Small pieces the follow-up widgets share: a wheel guard and the "who" setting."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QWidget

from facilitator.followup.records import default_user
from facilitator.followup.trackers import DEFAULT_LABEL

NAME_KEY = "follow_up/name"
LABEL_KEY = "follow_up/label"
BOM_KEY = "follow_up/bom"


class WheelGuard(QObject):
    """Lets a mouse wheel change a picker only while that picker has the focus.

    Scrolling a page past a combo box must scroll the page, never change a filter.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        wheel = event.type() == QEvent.Type.Wheel
        if wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()
            return True
        return False


def who(settings: QSettings | None) -> str:
    """Who changes are recorded as: the name set in the app, else the computer's user name."""
    if settings is not None:
        name = str(settings.value(NAME_KEY, "") or "").strip()
        if name:
            return name
    return default_user()


def who_is_set(settings: QSettings | None) -> bool:
    return settings is not None and bool(str(settings.value(NAME_KEY, "") or "").strip())


def tracker_label(settings: QSettings | None) -> str:
    """The label tickets carry: "debrief" unless the team chose another."""
    if settings is None:
        return DEFAULT_LABEL
    return str(settings.value(LABEL_KEY, "") or "").strip() or DEFAULT_LABEL

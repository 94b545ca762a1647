"""The team library's status in the status bar: online or offline, changes waiting, role."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from facilitator.team.sync import TeamStatus


def status_text(status: TeamStatus) -> str:
    """One short line for the status bar."""
    waiting = f"{status.waiting} change{'s' if status.waiting != 1 else ''} waiting"
    if not status.online:
        return f"Team library: offline · {waiting}"
    role = " · read only" if status.role == "reader" else ""
    return f"Team library: online · {waiting}{role}"


class TeamStatusLabel(QLabel):
    """Shows a TeamStatus; the tooltip says why when offline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TeamStatus")
        self.setAccessibleName("Team library status")
        self.hide()

    def show_status(self, status: TeamStatus) -> None:
        self.setText(status_text(status))
        tip = status.problem or "Changes sync with the team library in the background."
        if status.role == "reader":
            tip += "\nYour account may only read: ask for the editor role to publish."
        self.setToolTip(tip)
        self.show()

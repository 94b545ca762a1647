"""Where a debrief's checkpoint stands, the next one to propose, and the start-up reminder.

Everything is computed from dates the app already has (the checkpoint date, the
last review held, the open items), so reminders work without a network or a
calendar server.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from facilitator.export.timefmt import short_date

#: The practice: the team meets again about two weeks after the debrief.
CHECKPOINT_INTERVAL = timedelta(days=14)
#: A checkpoint this close counts as due in the reminders.
DUE_WITHIN_DAYS = 2


class CheckpointStatus(StrEnum):
    """What the checkpoint of one debrief needs."""

    NOT_SET = "not_set"
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    HELD = "held"
    CLEAR = "clear"


@dataclass(frozen=True)
class CheckpointState:
    """A debrief's checkpoint on a given day; ``days`` is until it (negative once past)."""

    status: CheckpointStatus
    day: date | None = None
    days: int = 0
    open_items: int = 0
    last_held: date | None = None

    @property
    def needs_attention(self) -> bool:
        """True when the reminder should name this checkpoint."""
        return self.status in (CheckpointStatus.DUE, CheckpointStatus.OVERDUE)

    def sentence(self) -> str:
        """The state in words, for the debrief's page and tooltips."""
        items = _items(self.open_items)
        held = f" Last held {short_date(self.last_held)}." if self.last_held else ""
        if self.status is CheckpointStatus.CLEAR:
            return f"Every action item is closed; no checkpoint needed.{held}"
        if self.status is CheckpointStatus.NOT_SET:
            return f"No checkpoint date yet; {items} open.{held}"
        assert self.day is not None
        when = short_date(self.day)
        if self.status is CheckpointStatus.HELD:
            return f"Checkpoint held {short_date(self.last_held or self.day)}; {items} open."
        if self.status is CheckpointStatus.OVERDUE:
            late = -self.days
            return (
                f"Checkpoint overdue by {late} day{'s' if late != 1 else ''} ({when}); "
                f"{items} open.{held}"
            )
        if self.status is CheckpointStatus.DUE:
            return f"Checkpoint {relative_day(self.days)} ({when}); {items} open.{held}"
        return f"Checkpoint {relative_day(self.days)}, {when}; {items} open.{held}"


def _items(n: int) -> str:
    return f"{n} action item{'s' if n != 1 else ''}"


def relative_day(days: int) -> str:
    """ "today", "tomorrow", "in 5 days", "yesterday", "3 days ago"."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def checkpoint_state(
    checkpoint_at: date | None, open_items: int, last_held: date | None, today: date
) -> CheckpointState:
    """Where the checkpoint stands on ``today``.

    A review held on or after the checkpoint date counts as holding it; with no
    open item left there is nothing to check, whatever the date says.
    """
    if open_items == 0:
        return CheckpointState(CheckpointStatus.CLEAR, checkpoint_at, 0, 0, last_held)
    if checkpoint_at is None:
        return CheckpointState(CheckpointStatus.NOT_SET, None, 0, open_items, last_held)
    days = (checkpoint_at - today).days
    if last_held is not None and last_held >= checkpoint_at:
        status = CheckpointStatus.HELD
    elif days < 0:
        status = CheckpointStatus.OVERDUE
    elif days <= DUE_WITHIN_DAYS:
        status = CheckpointStatus.DUE
    else:
        status = CheckpointStatus.UPCOMING
    return CheckpointState(status, checkpoint_at, days, open_items, last_held)


def propose_next(held_on: date, open_items: int) -> date | None:
    """The next checkpoint to propose after one held on ``held_on``: two weeks on, if needed."""
    return held_on + CHECKPOINT_INTERVAL if open_items else None


@dataclass(frozen=True)
class DebriefCheckpoint:
    """One debrief's checkpoint for the reminders: its id and title with its state."""

    debrief_id: str
    title: str
    state: CheckpointState


@dataclass(frozen=True)
class Reminder:
    """What the app says at start: checkpoints due or overdue, and items past due."""

    overdue: tuple[DebriefCheckpoint, ...] = ()
    due: tuple[DebriefCheckpoint, ...] = ()
    items_past_due: int = 0

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due or self.items_past_due)

    def badge(self) -> str:
        """The short text of the library's badge ("" when nothing needs attention)."""
        parts = []
        checkpoints = len(self.overdue) + len(self.due)
        if checkpoints:
            parts.append(f"{checkpoints} checkpoint{'s' if checkpoints != 1 else ''} due")
        if self.items_past_due:
            parts.append(f"{self.items_past_due} past due")
        return " · ".join(parts)

    def sentence(self) -> str:
        """The status-bar message naming the checkpoints ("" when nothing needs attention)."""
        parts = []
        for entry in (*self.overdue, *self.due)[:2]:
            title = " ".join(entry.title.split()) or "Untitled debrief"
            if len(title) > 32:  # the sentence must fit a status bar at 1280 pixels
                title = title[:31] + "…"
            if entry.state.status is CheckpointStatus.OVERDUE:
                late = -entry.state.days
                parts.append(f"“{title}” overdue by {late} day{'s' if late != 1 else ''}")
            else:
                parts.append(f"“{title}” due {relative_day(entry.state.days)}")
        more = len(self.overdue) + len(self.due) - len(parts)
        if more > 0:
            parts.append(f"{more} more")
        text = "Checkpoints: " + ", ".join(parts) + "." if parts else ""
        if self.items_past_due:
            n = self.items_past_due
            items = f"{n} action item{'s are' if n != 1 else ' is'} past due."
            text = f"{text} {items}".strip()
        return text


def reminder(checkpoints: Iterable[DebriefCheckpoint], items_past_due: int) -> Reminder:
    """Gather the checkpoints that need attention, most overdue first."""
    entries = list(checkpoints)
    overdue = sorted(
        (e for e in entries if e.state.status is CheckpointStatus.OVERDUE),
        key=lambda e: e.state.days,
    )
    due = sorted(
        (e for e in entries if e.state.status is CheckpointStatus.DUE), key=lambda e: e.state.days
    )
    return Reminder(tuple(overdue), tuple(due), items_past_due)

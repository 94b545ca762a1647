"""What the follow-up features work on: one action item with the debrief facts around it.

An :class:`ActionRecord` is a flat, immutable copy of an action item plus what
the board and the exports need to know about its debrief (title, services,
tags, checkpoint date). Changes make a new record with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass
from datetime import date, datetime

from facilitator.domain.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Debrief,
    Priority,
    Severity,
)
from facilitator.domain.timing import format_target

#: An action item still needs work in these states.
OPEN_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
#: Labels people read. "Won't do" is what the checkpoint calls dropping an item.
STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.WONT_DO: "Won't do",
}
#: Words accepted for a status on the command line; "dropped" is the practice's word for wont_do.
STATUS_WORDS = {
    "open": ActionStatus.OPEN,
    "in_progress": ActionStatus.IN_PROGRESS,
    "in-progress": ActionStatus.IN_PROGRESS,
    "done": ActionStatus.DONE,
    "dropped": ActionStatus.WONT_DO,
    "wont_do": ActionStatus.WONT_DO,
}
_FACTOR_REF = re.compile(r"^contributing_factors\[(\d+)\]$")


@dataclass(frozen=True)
class ActionRecord:
    """An action item as the board, the reviews and the exports see it."""

    debrief_id: str
    uid: str
    title: str = ""
    owner: str = ""
    priority: Priority | None = None
    due: date | None = None
    ticket: str = ""
    status: ActionStatus = ActionStatus.OPEN
    kind: ActionKind | None = None
    answers: str = ""
    #: What ``answers`` points at, in words ("Detection: could we detect it within 5 min?").
    answers_text: str = ""
    position: int = 0
    debrief_title: str = ""
    incident: str = ""
    severity: Severity | None = None
    #: The day the incident began (else the meeting, else the debrief's creation).
    debrief_day: date | None = None
    checkpoint_at: date | None = None
    services: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        """True while the item still needs work (open or in progress)."""
        # Identity tests: cheaper than hashing an enum, and the board asks this per row.
        status = self.status
        return status is ActionStatus.OPEN or status is ActionStatus.IN_PROGRESS

    def overdue(self, today: date) -> bool:
        """True when the item is still open and its due date has passed."""
        return self.is_open and self.due is not None and self.due < today


@dataclass(frozen=True)
class HistoryEntry:
    """One change to an action item: who changed which field from what to what, and when."""

    at: datetime
    who: str
    field: str
    old: str
    new: str
    note: str = ""


def describe_answers(
    answers: str,
    factors: list[str],
    detection_minutes: float | None = None,
    fix_minutes: float | None = None,
) -> str:
    """Say in words which question or factor an item answers ("" when it answers none)."""
    if answers == "detection":
        goal = f" within {format_target(detection_minutes)}" if detection_minutes else ""
        return f"Detection: could we have detected it{goal}?"
    if answers == "fix":
        goal = f" within {format_target(fix_minutes)}" if fix_minutes else ""
        return f"Fix: could we have fixed it{goal}?"
    match = _FACTOR_REF.match(answers)
    if match:
        index = int(match.group(1))
        if index < len(factors) and factors[index].strip():
            return "Contributing factor: " + " ".join(factors[index].split())
    return ""


def day_of(debrief: Debrief) -> date | None:
    """The day a debrief is filed under: incident start, else meeting, else creation."""
    moment = debrief.started_at or debrief.meeting_at or debrief.created_at
    return moment.date() if moment else None


def record_of(debrief: Debrief, item: ActionItem, position: int) -> ActionRecord:
    """The record of ``item``, the ``position``-th action item of ``debrief``."""
    factors = [f.text for f in debrief.contributing_factors]
    return ActionRecord(
        debrief_id=debrief.id,
        uid=item.uid,
        title=item.title,
        owner=item.owner,
        priority=item.priority,
        due=item.due,
        ticket=item.ticket,
        status=item.status,
        kind=item.kind,
        answers=item.answers,
        answers_text=describe_answers(
            item.answers, factors, debrief.detection.target_minutes, debrief.fix.target_minutes
        ),
        position=position,
        debrief_title=debrief.title,
        incident=debrief.incident,
        severity=debrief.severity,
        debrief_day=day_of(debrief),
        checkpoint_at=debrief.checkpoint_at,
        services=tuple(s for s in debrief.services if s.strip()),
        tags=tuple(t for t in debrief.tags if t.strip()),
    )


def records_of(debrief: Debrief) -> list[ActionRecord]:
    """Every titled action item of ``debrief`` as a record, in the debrief's order."""
    return [
        record_of(debrief, item, i)
        for i, item in enumerate(debrief.action_items)
        if item.title.strip()
    ]


def default_user() -> str:
    """Who status changes are recorded as when no name is set: the operating system's user.

    ``FACILITATOR_USER`` overrides it (scripts, shared accounts).
    """
    name = os.environ.get("FACILITATOR_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (some containers, services)
        return "unknown"

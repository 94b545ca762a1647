"""The checkpoint and the monthly review: the room's decision on each open action item.

A review walks open items one by one. For each the room decides it is done,
in progress, still relevant (perhaps with a new due date or priority) or
dropped (with a reason), and may note why. :func:`outcome` turns a decision
into the item's new status, priority and due date; the storage layer applies
it and keeps the decision so the summary can be written later.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from facilitator.domain.model import ActionStatus, Priority
from facilitator.followup.records import ActionRecord


class ReviewKind(StrEnum):
    """A debrief's checkpoint, or the monthly review of every open item."""

    CHECKPOINT = "checkpoint"
    MONTHLY = "monthly"


class Decision(StrEnum):
    """What the room decided about one action item."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    STILL_RELEVANT = "still_relevant"
    DROPPED = "dropped"


DECISION_LABELS = {
    Decision.DONE: "Done",
    Decision.IN_PROGRESS: "In progress",
    Decision.STILL_RELEVANT: "Still relevant",
    Decision.DROPPED: "Dropped",
}


class ReviewError(ValueError):
    """A decision that cannot be recorded as given; the message says what is missing."""


@dataclass(frozen=True)
class Choice:
    """The room's decision on one item, as entered: new values only where they change."""

    decision: Decision
    note: str = ""
    reason: str = ""
    due: date | None = None
    priority: Priority | None = None


@dataclass(frozen=True)
class DecisionRecord:
    """A decision as stored: the item before and after, so summaries need nothing else."""

    debrief_id: str
    item_uid: str
    title: str
    decision: Decision
    note: str = ""
    reason: str = ""
    before_status: ActionStatus = ActionStatus.OPEN
    after_status: ActionStatus = ActionStatus.OPEN
    before_priority: Priority | None = None
    after_priority: Priority | None = None
    before_due: date | None = None
    after_due: date | None = None
    position: int = 0
    decided_at: datetime | None = None
    debrief_title: str = ""
    owner: str = ""

    @property
    def reprioritised(self) -> bool:
        """True when the room changed the priority or the due date."""
        return self.before_priority != self.after_priority or self.before_due != self.after_due

    @property
    def closed(self) -> bool:
        return self.after_status is ActionStatus.DONE

    @property
    def dropped(self) -> bool:
        return self.after_status is ActionStatus.WONT_DO


@dataclass(frozen=True)
class Review:
    """A checkpoint or monthly review and the decisions taken in it."""

    id: str
    kind: ReviewKind
    held_on: date
    held_by: str = ""
    debrief_id: str | None = None
    next_checkpoint: date | None = None
    finished: bool = False
    decisions: tuple[DecisionRecord, ...] = field(default_factory=tuple)


def outcome(record: ActionRecord, choice: Choice) -> ActionRecord:
    """The item after ``choice``: its new status, and for "still relevant" its new plan.

    Raises:
        ReviewError: dropping an item without saying why.
    """
    if choice.decision is Decision.DROPPED and not choice.reason.strip():
        raise ReviewError("Say why the item is dropped; the monthly summary reports it.")
    if choice.decision is Decision.DONE:
        return replace(record, status=ActionStatus.DONE)
    if choice.decision is Decision.IN_PROGRESS:
        return replace(record, status=ActionStatus.IN_PROGRESS)
    if choice.decision is Decision.DROPPED:
        return replace(record, status=ActionStatus.WONT_DO)
    # Still relevant: it stays open (or in progress) with whatever new date or priority.
    status = record.status if record.is_open else ActionStatus.OPEN
    return replace(
        record,
        status=status,
        due=choice.due or record.due,
        priority=choice.priority or record.priority,
    )


def decision_record(
    before: ActionRecord, choice: Choice, decided_at: datetime | None = None
) -> DecisionRecord:
    """The stored form of ``choice`` on ``before``."""
    after = outcome(before, choice)
    return DecisionRecord(
        debrief_id=before.debrief_id,
        item_uid=before.uid,
        title=before.title,
        decision=choice.decision,
        note=choice.note.strip(),
        reason=choice.reason.strip(),
        before_status=before.status,
        after_status=after.status,
        before_priority=before.priority,
        after_priority=after.priority,
        before_due=before.due,
        after_due=after.due,
        position=before.position,
        decided_at=decided_at,
        debrief_title=before.debrief_title,
        owner=before.owner,
    )


def checkpoint_items(records: Iterable[ActionRecord]) -> list[ActionRecord]:
    """A debrief's open items in the debrief's own order."""
    return sorted((r for r in records if r.is_open), key=lambda r: r.position)


def monthly_items(records: Iterable[ActionRecord]) -> list[ActionRecord]:
    """Every open item, grouped by debrief, the oldest debrief first."""
    far = date.max

    def key(r: ActionRecord) -> tuple[date, str, str, int]:
        return (r.debrief_day or far, r.debrief_title.casefold(), r.debrief_id, r.position)

    return sorted((r for r in records if r.is_open), key=key)


@dataclass(frozen=True)
class ReviewSummary:
    """What a review changed, for its summary document."""

    closed: tuple[DecisionRecord, ...]
    dropped: tuple[DecisionRecord, ...]
    reprioritised: tuple[DecisionRecord, ...]
    in_progress: tuple[DecisionRecord, ...]
    still_open: tuple[DecisionRecord, ...]

    @property
    def open_after(self) -> int:
        return len(self.in_progress) + len(self.still_open)


def summarise(decisions: Sequence[DecisionRecord]) -> ReviewSummary:
    """Sort decisions into closed, dropped, re-prioritised and still open."""
    closed = tuple(d for d in decisions if d.closed)
    dropped = tuple(d for d in decisions if d.dropped)
    reprioritised = tuple(d for d in decisions if d.reprioritised and not (d.closed or d.dropped))
    remaining = [d for d in decisions if not (d.closed or d.dropped)]
    in_progress = tuple(d for d in remaining if d.after_status is ActionStatus.IN_PROGRESS)
    still_open = tuple(d for d in remaining if d.after_status is ActionStatus.OPEN)
    return ReviewSummary(closed, dropped, reprioritised, in_progress, still_open)

"""What the matrix and the trends need to know about each debrief, and nothing more.

Loading whole debriefs for a library of 10,000 would take seconds; the store
hands back these light records instead (see ``DebriefService.facts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from facilitator.domain.model import ActionStatus, FactorKind, Status


@dataclass(frozen=True)
class ActionFact:
    """An action item as the trends count it."""

    status: ActionStatus
    closed_on: date | None = None

    @property
    def is_open(self) -> bool:
        """True while it still needs doing."""
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class DebriefFacts:
    """One debrief's classification, timings and follow-up, for the matrix and the trends."""

    id: str
    title: str
    incident: str = ""
    severity: str | None = None
    status: Status = Status.DRAFT
    started_at: datetime | None = None
    detected_at: datetime | None = None
    mitigated_at: datetime | None = None
    resolved_at: datetime | None = None
    meeting_at: datetime | None = None
    created_at: datetime | None = None
    detection_target: float | None = None
    fix_target: float | None = None
    primary_cause: str = ""
    services: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    factors: tuple[tuple[FactorKind, str], ...] = ()
    #: Each action item's status and closing day (loaded only when trends need them).
    actions: tuple[ActionFact, ...] = ()
    #: How many action items are still open (always loaded: one grouped count).
    open_action_count: int = 0

    @property
    def day(self) -> date | None:
        """The day the incident counts on, in its own offset: start, else meeting, else creation."""
        moment = self.started_at or self.meeting_at or self.created_at
        return moment.date() if moment else None

    @property
    def time_to_detect(self) -> timedelta | None:
        """From the start of the problem to its detection, as in the domain timing module."""
        if self.started_at is None or self.detected_at is None:
            return None
        return self.detected_at - self.started_at

    @property
    def time_to_fix(self) -> timedelta | None:
        """From detection to mitigation, or to resolution when nothing mitigated it first."""
        end = self.mitigated_at or self.resolved_at
        if self.detected_at is None or end is None:
            return None
        return end - self.detected_at

    @property
    def open_actions(self) -> int:
        """How many of its action items still need doing."""
        return self.open_action_count

    @property
    def opened_on(self) -> date | None:
        """When its action items were agreed: the meeting, else the incident day."""
        return self.meeting_at.date() if self.meeting_at else self.day


def month_of(day: date) -> str:
    """ "2026-11" for any day of November 2026."""
    return f"{day.year:04d}-{day.month:02d}"


def quarter_of(day: date) -> str:
    """ "2026-Q4" for any day of October to December 2026."""
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"

"""The debrief and its parts as plain dataclasses.

This is the vocabulary every other layer speaks: storage maps it to tables,
the interchange module maps it to JSON, exporters and the UI read it. It knows
nothing of SQL, Qt or files, so it can be used from tests and scripts freely.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Status(StrEnum):
    """Where a debrief is in its life."""

    DRAFT = "draft"
    IN_MEETING = "in_meeting"
    PUBLISHED = "published"


class Severity(StrEnum):
    """Incident severity, most severe first."""

    SEV1 = "SEV1"
    SEV2 = "SEV2"
    SEV3 = "SEV3"
    SEV4 = "SEV4"


class EventKind(StrEnum):
    """What a timeline event marks."""

    TRIGGER = "trigger"
    DETECTION = "detection"
    ESCALATION = "escalation"
    ACTION = "action"
    MITIGATION = "mitigation"
    RESOLUTION = "resolution"
    NOTE = "note"


class FactorKind(StrEnum):
    """The family a contributing factor belongs to."""

    TECHNICAL = "technical"
    PROCESS = "process"
    ORGANISATIONAL = "organisational"
    HUMAN = "human"  # human conditions: fatigue, load, unclear ownership; never a person


class ActionKind(StrEnum):
    """What an action item improves."""

    DETECT = "detect"
    MITIGATE = "mitigate"
    PREVENT = "prevent"
    PROCESS = "process"


class ActionStatus(StrEnum):
    """Progress of an action item, reviewed at the checkpoint."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    WONT_DO = "wont_do"


class Priority(StrEnum):
    """Action item priority, most urgent first."""

    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class Answer(StrEnum):
    """The team's answer to a timing question."""

    YES = "yes"
    NO = "no"


DEFAULT_DETECTION_TARGET_MINUTES = 5.0
DEFAULT_FIX_TARGET_MINUTES = 10.0


@dataclass
class TimingQuestion:
    """ "Could we have detected / fixed it within the target?" and the team's answer."""

    target_minutes: float | None = None
    answer: Answer | None = None
    notes: str = ""


@dataclass
class Participant:
    """Someone in the debrief and the role they played in the incident."""

    name: str = ""
    role: str = ""


@dataclass
class TimelineEvent:
    """One moment of the incident.

    ``known`` and ``signals`` are filled during a walk-forward replay: what the
    responders knew, and what they could see, at that moment.
    """

    at: datetime | None = None
    kind: EventKind = EventKind.NOTE
    text: str = ""
    known: str = ""
    signals: str = ""


@dataclass
class ContributingFactor:
    """A condition that contributed to the incident."""

    text: str = ""
    kind: FactorKind = FactorKind.TECHNICAL


@dataclass
class ActionItem:
    """A follow-up with an owner. ``answers`` names the question or factor it addresses."""

    title: str = ""
    owner: str = ""
    priority: Priority | None = None
    due: date | None = None
    ticket: str = ""
    status: ActionStatus = ActionStatus.OPEN
    kind: ActionKind | None = None
    answers: str = ""


@dataclass
class IgnoredFinding:
    """A language finding the facilitator chose to keep.

    With ``text`` empty the rule is ignored in the whole debrief; otherwise only
    the flagged phrase ``text`` in ``field`` is kept.
    """

    rule: str
    field: str = ""
    text: str = ""


def new_id() -> str:
    """Return a fresh debrief identifier (a UUID4 string)."""
    return str(uuid.uuid4())


@dataclass
class Debrief:
    """A whole incident debrief."""

    id: str = field(default_factory=new_id)
    title: str = ""
    incident: str = ""
    severity: Severity | None = None
    status: Status = Status.DRAFT
    facilitator: str = ""
    purpose: str = ""
    summary: str = ""
    impact: str = ""
    response: str = ""
    started_at: datetime | None = None
    detected_at: datetime | None = None
    mitigated_at: datetime | None = None
    resolved_at: datetime | None = None
    detection: TimingQuestion = field(
        default_factory=lambda: TimingQuestion(DEFAULT_DETECTION_TARGET_MINUTES)
    )
    fix: TimingQuestion = field(default_factory=lambda: TimingQuestion(DEFAULT_FIX_TARGET_MINUTES))
    meeting_at: datetime | None = None
    checkpoint_at: date | None = None
    timezone: str = ""
    participants: list[Participant] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    went_wrong: list[str] = field(default_factory=list)
    went_right: list[str] = field(default_factory=list)
    contributing_factors: list[ContributingFactor] = field(default_factory=list)
    learnings: list[str] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    primary_cause: str = ""
    private_notes: str = ""
    parking_lot: list[str] = field(default_factory=list)
    ignored_findings: list[IgnoredFinding] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def people(self) -> list[str]:
        """Participant names, for the language checker."""
        return [p.name for p in self.participants if p.name.strip()]


@dataclass(frozen=True)
class DebriefSummary:
    """What the library list shows for a debrief, without loading all of it."""

    id: str
    title: str
    severity: Severity | None
    status: Status
    incident: str
    started_at: datetime | None
    meeting_at: datetime | None
    updated_at: datetime | None

    @property
    def date(self) -> datetime | None:
        """The date to show: the incident start, else the meeting, else the last edit."""
        return self.started_at or self.meeting_at or self.updated_at

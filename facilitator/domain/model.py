"""The debrief and its parts as plain dataclasses.

This is the vocabulary every other layer speaks: storage maps it to tables,
the interchange module maps it to JSON, exporters and the UI read it. It knows
nothing of SQL, Qt or files, so it can be used from tests and scripts freely.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """Where a debrief is in its life."""

    DRAFT = "draft"
    IN_MEETING = "in_meeting"
    PUBLISHED = "published"


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


class ReviewStatus(StrEnum):
    """How far the written debrief has been reviewed before circulation."""

    IN_REVIEW = "in_review"
    REVIEWED = "reviewed"
    APPROVED = "approved"


class Answer(StrEnum):
    """The team's answer to a timing question."""

    YES = "yes"
    NO = "no"


DEFAULT_DETECTION_TARGET_MINUTES = 5.0
DEFAULT_FIX_TARGET_MINUTES = 10.0


def new_id() -> str:
    """Return a fresh identifier (a UUID4 string) for a debrief or one of its items."""
    return str(uuid.uuid4())


def _uid() -> str:
    # Items keep their id for life so two windows' edits can be merged item by item.
    # It is not part of equality: two items are equal when their content is.
    return field(default_factory=new_id, compare=False)  # type: ignore[return-value]


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
    uid: str = _uid()


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
    uid: str = _uid()
    #: Shown among the timeline highlights of a long document.
    starred: bool = False
    #: Where the event came from when imported: "<source kind>:<file>#<message id>".
    source: str = ""


@dataclass
class ContributingFactor:
    """A condition that contributed to the incident."""

    text: str = ""
    kind: FactorKind = FactorKind.TECHNICAL
    uid: str = _uid()


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
    uid: str = _uid()
    #: The day it was done or dropped; stamped by the store when the status first says so.
    closed_on: date | None = None

    @property
    def is_open(self) -> bool:
        """True while the item still needs doing (open or in progress)."""
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass
class Note:
    """One entry of a list of short texts: what went wrong or right, a learning, a parked topic."""

    text: str = ""
    uid: str = _uid()


@dataclass
class EditConflict:
    """Two windows changed the same text at once.

    The text stored first stays in the field; the other one is kept here, where
    the facilitator sees it and decides. ``path`` names the field: ``"impact"``,
    ``"detection.notes"`` or ``"timeline/<item uid>/text"``; ``label`` says it in words.
    """

    path: str = ""
    label: str = ""
    text: str = ""
    at: datetime | None = None
    uid: str = _uid()


@dataclass
class Link:
    """A supporting link: a dashboard, a chat channel, a ticket."""

    label: str = ""
    url: str = ""
    uid: str = _uid()


@dataclass
class Reviewer:
    """Someone who reviewed the written debrief."""

    name: str = ""
    role: str = ""
    reviewed_on: date | None = None
    signed: bool = False
    uid: str = _uid()


#: Debrief attributes that hold lists of :class:`Note`.
NOTE_LISTS: tuple[str, ...] = ("went_wrong", "went_right", "got_lucky", "learnings", "parking_lot")


@dataclass
class IgnoredFinding:
    """A language finding the facilitator chose to keep.

    With ``text`` empty the rule is ignored in the whole debrief; otherwise only
    the flagged phrase ``text`` in ``field`` is kept.
    """

    rule: str
    field: str = ""
    text: str = ""


@dataclass
class Debrief:
    """A whole incident debrief."""

    id: str = field(default_factory=new_id)
    title: str = ""
    incident: str = ""
    #: A name on the team's severity scale (see :mod:`facilitator.domain.taxonomy`), or None.
    severity: str | None = None
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
    went_wrong: list[Note] = field(default_factory=list)
    went_right: list[Note] = field(default_factory=list)
    #: Where chance, not design, kept it from being worse.
    got_lucky: list[Note] = field(default_factory=list)
    contributing_factors: list[ContributingFactor] = field(default_factory=list)
    learnings: list[Note] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    primary_cause: str = ""
    links: list[Link] = field(default_factory=list)
    #: Who answers for the written report, and how far it has been reviewed.
    owner: str = ""
    review_status: ReviewStatus | None = None
    reviewers: list[Reviewer] = field(default_factory=list)
    private_notes: str = ""
    parking_lot: list[Note] = field(default_factory=list)
    ignored_findings: list[IgnoredFinding] = field(default_factory=list)
    conflicts: list[EditConflict] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: The stored revision this copy was loaded at or last saved as (0: never stored).
    revision: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        # Plain strings are accepted for note lists, so tests and scripts can write them simply.
        for name in NOTE_LISTS:
            items = getattr(self, name)
            if any(isinstance(item, str) for item in items):
                setattr(self, name, notes(*items))

    @property
    def people(self) -> list[str]:
        """Participant names, for the language checker."""
        return [p.name for p in self.participants if p.name.strip()]


def notes(*items: str | Note) -> list[Note]:
    """Return ``items`` as a list of notes, each string becoming a new :class:`Note`."""
    return [item if isinstance(item, Note) else Note(item) for item in items]


def texts(items: list[Note]) -> list[str]:
    """Return the texts of a note list."""
    return [item.text for item in items]


@dataclass(frozen=True)
class DebriefSummary:
    """What the library list shows for a debrief, without loading all of it."""

    id: str
    title: str
    severity: str | None
    status: Status
    incident: str
    started_at: datetime | None
    meeting_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_values(cls, values: Sequence[Any]) -> DebriefSummary:
        """Build one from an (id, title, severity, status, incident, started, meeting,
        updated) row, in that order: the order the stores select their columns in."""
        id_, title, severity, status, incident, started, meeting, updated = values
        return cls(
            id=id_,
            title=title,
            severity=severity,
            status=Status(status),
            incident=incident,
            started_at=started,
            meeting_at=meeting,
            updated_at=updated,
        )

    @property
    def date(self) -> datetime | None:
        """The date to show: the incident start, else the meeting, else the last edit."""
        return self.started_at or self.meeting_at or self.updated_at

"""SQLAlchemy 2 typed ORM tables for debriefs and their ordered parts.

Child rows carry a ``position`` column so ordered lists keep their order on
every backend. Short string lists (what went wrong, learnings, services, tags,
the parking lot) share one table keyed by ``section``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from facilitator.storage.types import AwareDateTime, IsoDate


class Base(DeclarativeBase):
    """Declarative base of the debrief store."""


def _children(target: str) -> Mapped:  # type: ignore[type-arg]
    return relationship(
        target,
        cascade="all, delete-orphan",
        order_by=f"{target}.position",
        # Loaded on access: a save touches only the lists that changed (storage/increments.py);
        # a full load asks for all of them at once (service.load).
        lazy="select",
    )


class DebriefRow(Base):
    """One debrief and its single-valued fields."""

    __tablename__ = "debriefs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    incident: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    facilitator: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    impact: Mapped[str] = mapped_column(Text, default="")
    response: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    detected_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    mitigated_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    detection_target_minutes: Mapped[float | None] = mapped_column(Float)
    detection_answer: Mapped[str | None] = mapped_column(String(3))
    detection_notes: Mapped[str] = mapped_column(Text, default="")
    fix_target_minutes: Mapped[float | None] = mapped_column(Float)
    fix_answer: Mapped[str | None] = mapped_column(String(3))
    fix_notes: Mapped[str] = mapped_column(Text, default="")
    meeting_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    checkpoint_at: Mapped[date | None] = mapped_column(IsoDate)
    timezone: Mapped[str] = mapped_column(String(64), default="")
    primary_cause: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(Text, default="", server_default="")
    review_status: Mapped[str | None] = mapped_column(String(16))
    private_notes: Mapped[str] = mapped_column(Text, default="")
    ignored_findings: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    #: Texts that lost a simultaneous edit, kept for the facilitator (see domain EditConflict).
    conflicts: Mapped[list[dict[str, str | None]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )
    created_at: Mapped[datetime] = mapped_column(AwareDateTime)
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime, index=True)
    #: Raised by one on every save; a save states the revision it started from.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    participants: Mapped[list[ParticipantRow]] = _children("ParticipantRow")
    events: Mapped[list[EventRow]] = _children("EventRow")
    factors: Mapped[list[FactorRow]] = _children("FactorRow")
    actions: Mapped[list[ActionRow]] = _children("ActionRow")
    items: Mapped[list[ListItemRow]] = _children("ListItemRow")
    links: Mapped[list[LinkRow]] = _children("LinkRow")
    reviewers: Mapped[list[ReviewerRow]] = _children("ReviewerRow")


class _Child:
    """Columns every ordered child row has."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    debrief_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("debriefs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    #: The domain item's stable id, which merges match on (positions change, ids don't).
    uid: Mapped[str] = mapped_column(String(36), default="", server_default="")


class ParticipantRow(_Child, Base):
    """A participant and their role."""

    __tablename__ = "participants"

    name: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(Text, default="")


class EventRow(_Child, Base):
    """A timeline event."""

    __tablename__ = "timeline_events"

    at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    kind: Mapped[str] = mapped_column(String(16), default="note")
    text: Mapped[str] = mapped_column(Text, default="")
    known: Mapped[str] = mapped_column(Text, default="")
    signals: Mapped[str] = mapped_column(Text, default="")
    starred: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    source: Mapped[str] = mapped_column(Text, default="", server_default="")


class FactorRow(_Child, Base):
    """A contributing factor."""

    __tablename__ = "contributing_factors"

    text: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16), default="technical")


class ActionRow(_Child, Base):
    """An action item."""

    __tablename__ = "action_items"

    title: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str | None] = mapped_column(String(4))
    due: Mapped[date | None] = mapped_column(IsoDate)
    ticket: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    kind: Mapped[str | None] = mapped_column(String(16))
    answers: Mapped[str] = mapped_column(Text, default="")


class LinkRow(_Child, Base):
    """A supporting link."""

    __tablename__ = "links"

    label: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")


class ReviewerRow(_Child, Base):
    """A reviewer of the written debrief."""

    __tablename__ = "reviewers"

    name: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(Text, default="")
    reviewed_on: Mapped[date | None] = mapped_column(IsoDate)
    signed: Mapped[bool] = mapped_column(Boolean, default=False)


class ListItemRow(_Child, Base):
    """One entry of a plain string list; ``section`` names the list."""

    __tablename__ = "list_items"
    __table_args__ = (Index("ix_list_items_section", "debrief_id", "section"),)

    section: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text, default="")


class TeamSyncRow(Base):
    """Where a published debrief stands with the team library (kept in the local store only).

    ``base`` is the public copy as it was at the last sync, in the JSON interchange
    format: the common ancestor the next sync merges against. ``local_revision``
    is the local revision that copy was taken from (-1: compare contents).
    """

    __tablename__ = "team_sync"

    debrief_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("debriefs.id", ondelete="CASCADE"), primary_key=True
    )
    team_revision: Mapped[int] = mapped_column(Integer, default=0)
    local_revision: Mapped[int] = mapped_column(Integer, default=-1)
    base: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(AwareDateTime)


# -- follow-up: action item history and reviews (facilitator.storage.followup) -------------


class ActionHistoryRow(Base):
    """One change to an action item: who, when, which field, from what to what."""

    __tablename__ = "action_history"
    __table_args__ = (Index("ix_action_history_item", "debrief_id", "item_uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    debrief_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("debriefs.id", ondelete="CASCADE")
    )
    item_uid: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(AwareDateTime)
    who: Mapped[str] = mapped_column(Text, default="")
    field: Mapped[str] = mapped_column(String(16))
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    review_id: Mapped[str | None] = mapped_column(String(36))


class ReviewRow(Base):
    """A checkpoint meeting (one debrief) or a monthly review (``debrief_id`` empty)."""

    __tablename__ = "follow_up_reviews"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    held_on: Mapped[date] = mapped_column(IsoDate)
    held_by: Mapped[str] = mapped_column(Text, default="")
    debrief_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("debriefs.id", ondelete="CASCADE"), index=True
    )
    next_checkpoint: Mapped[date | None] = mapped_column(IsoDate)
    finished: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[datetime] = mapped_column(AwareDateTime)

    decisions: Mapped[list[DecisionRow]] = relationship(
        "DecisionRow",
        cascade="all, delete-orphan",
        order_by="DecisionRow.id",
        lazy="selectin",
    )


class DecisionRow(Base):
    """The room's decision on one item in a review, with the item before and after."""

    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    review_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("follow_up_reviews.id", ondelete="CASCADE"), index=True
    )
    debrief_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("debriefs.id", ondelete="CASCADE")
    )
    item_uid: Mapped[str] = mapped_column(String(36))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text, default="")
    debrief_title: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    before_status: Mapped[str] = mapped_column(String(16))
    after_status: Mapped[str] = mapped_column(String(16))
    before_priority: Mapped[str | None] = mapped_column(String(4))
    after_priority: Mapped[str | None] = mapped_column(String(4))
    before_due: Mapped[date | None] = mapped_column(IsoDate)
    after_due: Mapped[date | None] = mapped_column(IsoDate)
    decided_at: Mapped[datetime] = mapped_column(AwareDateTime)

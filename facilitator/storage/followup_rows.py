"""Rows to follow-up records: the board's records, stored reviews and their decisions.

Pure conversions used by :mod:`facilitator.storage.followup`; no session is opened here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, String, select, type_coerce

from facilitator.domain.model import ActionKind, ActionStatus, Priority, Severity
from facilitator.followup.records import ActionRecord, describe_answers
from facilitator.followup.review import Decision, DecisionRecord, Review, ReviewKind
from facilitator.storage.orm import ActionRow, DebriefRow, FactorRow, ListItemRow, ReviewRow


def stored(name: str, value: Any) -> Any:
    """A status or priority as its stored text; other values as they are."""
    if name in ("status", "priority"):
        return None if value is None else str(getattr(value, "value", value))
    return value


def day_of(*moments: datetime | None) -> date | None:
    """The date of the first known moment."""
    for moment in moments:
        if moment is not None:
            return moment.date()
    return None


def records_from(
    rows: Sequence[Any],
    about: dict[str, Any],
    lists: dict[str, dict[str, list[str]]],
    factor_texts: dict[str, list[str]],
) -> list[ActionRecord]:
    """Build the records of :meth:`FollowUpService.actions`, converting each value once."""
    # 10,000 rows share a few hundred dates and a handful of enum values: look them up.
    priorities: dict[str | None, Priority | None] = {p.value: p for p in Priority}
    statuses = {a.value: a for a in ActionStatus}
    kinds: dict[str | None, ActionKind | None] = {k.value: k for k in ActionKind}
    severities: dict[str | None, Severity | None] = {v.value: v for v in Severity}
    priorities[None] = kinds[None] = severities[None] = None
    dates: dict[str | None, date | None] = {None: None}
    facts: dict[str, dict[str, Any]] = {}
    for debrief_id, d in about.items():
        labels = lists.get(debrief_id, {"services": [], "tags": []})
        facts[debrief_id] = {
            "debrief_title": d[1],
            "incident": d[2],
            "severity": severities.get(d[3]),
            "debrief_day": day_of(d[4], d[5], d[6]),
            "checkpoint_at": d[7],
            "services": tuple(labels["services"]),
            "tags": tuple(labels["tags"]),
        }
    answered: dict[tuple[str, str], str] = {}
    records = []
    append = records.append
    for debrief_id, uid, title, owner, priority, due, ticket, status, kind, answers, pos in rows:
        shared = facts.get(debrief_id)
        if shared is None:  # the debrief went between the two reads
            continue
        text = ""
        if answers:
            key = (debrief_id, answers)
            text = answered.get(key)  # type: ignore[assignment]
            if text is None:
                d = about[debrief_id]
                text = answered[key] = describe_answers(
                    answers, factor_texts.get(debrief_id, []), d[8], d[9]
                )
        day = dates.get(due, False)
        if day is False:
            day = dates[due] = date.fromisoformat(due)  # type: ignore[arg-type]
        append(
            ActionRecord(
                debrief_id,
                uid,
                title,
                owner,
                priorities.get(priority),
                day,
                ticket,
                statuses[status],
                kinds.get(kind),
                answers,
                text,
                pos,
                **shared,
            )
        )
    return records


def decision_columns(d: DecisionRecord) -> dict[str, Any]:
    return {
        "debrief_id": d.debrief_id,
        "position": d.position,
        "title": d.title,
        "debrief_title": d.debrief_title,
        "owner": d.owner,
        "decision": str(d.decision),
        "note": d.note,
        "reason": d.reason,
        "before_status": str(d.before_status),
        "after_status": str(d.after_status),
        "before_priority": stored("priority", d.before_priority),
        "after_priority": stored("priority", d.after_priority),
        "before_due": d.before_due,
        "after_due": d.after_due,
        "decided_at": d.decided_at or datetime.now(UTC),
    }


def _priority(value: str | None) -> Priority | None:
    return None if value is None else Priority(value)


def review_from(row: ReviewRow) -> Review:
    decisions = tuple(
        DecisionRecord(
            debrief_id=d.debrief_id,
            item_uid=d.item_uid,
            title=d.title,
            decision=Decision(d.decision),
            note=d.note,
            reason=d.reason,
            before_status=ActionStatus(d.before_status),
            after_status=ActionStatus(d.after_status),
            before_priority=_priority(d.before_priority),
            after_priority=_priority(d.after_priority),
            before_due=d.before_due,
            after_due=d.after_due,
            position=d.position,
            decided_at=d.decided_at,
            debrief_title=d.debrief_title,
            owner=d.owner,
        )
        for d in row.decisions
    )
    return Review(
        id=row.id,
        kind=ReviewKind(row.kind),
        held_on=row.held_on,
        held_by=row.held_by,
        debrief_id=row.debrief_id,
        next_checkpoint=row.next_checkpoint,
        finished=row.finished,
        decisions=decisions,
    )


Query = Select[Any]


def action_queries(debrief_id: str | None) -> tuple[Query, Query, Query, Query]:
    """The four reads of the board: items, their debriefs, services and tags, factors."""
    items = (
        select(
            ActionRow.debrief_id,
            ActionRow.uid,
            ActionRow.title,
            ActionRow.owner,
            ActionRow.priority,
            # The ISO text itself: a few hundred distinct dates are parsed once each below.
            type_coerce(ActionRow.due, String),
            ActionRow.ticket,
            ActionRow.status,
            ActionRow.kind,
            ActionRow.answers,
            ActionRow.position,
        )
        .where(ActionRow.title != "")
        .order_by(ActionRow.debrief_id, ActionRow.position)
    )
    debriefs = select(
        DebriefRow.id,
        DebriefRow.title,
        DebriefRow.incident,
        DebriefRow.severity,
        DebriefRow.started_at,
        DebriefRow.meeting_at,
        DebriefRow.created_at,
        DebriefRow.checkpoint_at,
        DebriefRow.detection_target_minutes,
        DebriefRow.fix_target_minutes,
    ).where(DebriefRow.id.in_(select(ActionRow.debrief_id).where(ActionRow.title != "")))
    labels = select(ListItemRow.debrief_id, ListItemRow.section, ListItemRow.text).where(
        ListItemRow.section.in_(("services", "tags"))
    )
    factors = select(FactorRow.debrief_id, FactorRow.text).where(
        FactorRow.debrief_id.in_(
            select(ActionRow.debrief_id).where(ActionRow.answers.like("contributing_factors%"))
        )
    )
    if debrief_id is not None:
        items = items.where(ActionRow.debrief_id == debrief_id)
        debriefs = debriefs.where(DebriefRow.id == debrief_id)
        labels = labels.where(ListItemRow.debrief_id == debrief_id)
        factors = factors.where(FactorRow.debrief_id == debrief_id)
    return items, debriefs, labels, factors

"""Load :class:`~facilitator.library.facts.DebriefFacts` for every debrief a query selects.

One query for the debriefs and one per kind of child row, each filtered by the
same condition, so the cost is a handful of statements whatever the library size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from facilitator.domain.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    DebriefSummary,
    FactorKind,
    Priority,
    Status,
)
from facilitator.library.facts import ActionFact, DebriefFacts
from facilitator.storage.mapping import summary_from_values
from facilitator.storage.orm import ActionRow, DebriefRow, FactorRow, ListItemRow

#: Child rows a caller may ask for; the matrix needs all, a count by severity none.
PARTS = frozenset({"labels", "factors", "actions"})


def load_facts(
    session: Session, condition: ColumnElement[bool], parts: Iterable[str] = PARTS
) -> list[DebriefFacts]:
    """Facts of the debriefs matching ``condition``, newest incident first."""
    wanted = set(parts)
    selected = select(DebriefRow.id).where(condition)
    rows = session.execute(
        select(
            DebriefRow.id,
            DebriefRow.title,
            DebriefRow.incident,
            DebriefRow.severity,
            DebriefRow.status,
            DebriefRow.started_at,
            DebriefRow.detected_at,
            DebriefRow.mitigated_at,
            DebriefRow.resolved_at,
            DebriefRow.meeting_at,
            DebriefRow.created_at,
            DebriefRow.detection_target_minutes,
            DebriefRow.fix_target_minutes,
            DebriefRow.primary_cause,
        ).where(condition)
    ).all()
    services: dict[str, list[str]] = defaultdict(list)
    tags: dict[str, list[str]] = defaultdict(list)
    if "labels" in wanted:
        for debrief_id, section, text in session.execute(
            select(ListItemRow.debrief_id, ListItemRow.section, ListItemRow.text)
            .where(
                ListItemRow.section.in_(("services", "tags")),
                ListItemRow.debrief_id.in_(selected),
            )
            .order_by(ListItemRow.debrief_id, ListItemRow.position)
        ):
            (services if section == "services" else tags)[debrief_id].append(text)
    factors: dict[str, list[tuple[FactorKind, str]]] = defaultdict(list)
    if "factors" in wanted:
        for debrief_id, kind, text in session.execute(
            select(FactorRow.debrief_id, FactorRow.kind, FactorRow.text)
            .where(FactorRow.debrief_id.in_(selected))
            .order_by(FactorRow.debrief_id, FactorRow.position)
        ):
            factors[debrief_id].append((_factor_kind(kind), text))
    actions: dict[str, list[ActionFact]] = defaultdict(list)
    if "actions" in wanted:
        for debrief_id, status, closed_on in session.execute(
            select(ActionRow.debrief_id, ActionRow.status, ActionRow.closed_on).where(
                ActionRow.debrief_id.in_(selected)
            )
        ):
            actions[debrief_id].append(ActionFact(_action_status(status), closed_on))
    facts = [_facts(row, services, tags, factors, actions) for row in rows]
    facts.sort(key=lambda f: (f.day or date.min, f.id), reverse=True)
    return facts


def _factor_kind(value: str) -> FactorKind:
    try:
        return FactorKind(value)
    except ValueError:
        return FactorKind.TECHNICAL


def _action_status(value: str) -> ActionStatus:
    try:
        return ActionStatus(value)
    except ValueError:
        return ActionStatus.OPEN


def _facts(row: Any, services: Any, tags: Any, factors: Any, actions: Any) -> DebriefFacts:
    debrief_id = row[0]
    return DebriefFacts(
        id=debrief_id,
        title=row[1] or "",
        incident=row[2] or "",
        severity=row[3],
        status=Status(row[4]) if row[4] in Status._value2member_map_ else Status.DRAFT,
        started_at=row[5],
        detected_at=row[6],
        mitigated_at=row[7],
        resolved_at=row[8],
        meeting_at=row[9],
        created_at=row[10],
        detection_target=row[11],
        fix_target=row[12],
        primary_cause=row[13] or "",
        services=tuple(services.get(debrief_id, ())),
        tags=tuple(tags.get(debrief_id, ())),
        factors=tuple(factors.get(debrief_id, ())),
        actions=tuple(actions.get(debrief_id, ())),
    )


def load_action_items(
    session: Session, condition: ColumnElement[bool], *, open_only: bool
) -> list[tuple[DebriefSummary, ActionItem]]:
    """Action items with their debrief's summary; those due soonest (undated last) first."""
    statement = (
        select(ActionRow, *_SUMMARY)
        .join(DebriefRow, DebriefRow.id == ActionRow.debrief_id)
        .where(condition)
    )
    if open_only:
        statement = statement.where(ActionRow.status.in_(("open", "in_progress")))
    out = []
    for row in session.execute(statement):
        a = row[0]
        item = ActionItem(
            title=a.title,
            owner=a.owner,
            priority=Priority(a.priority) if a.priority in Priority._value2member_map_ else None,
            due=a.due,
            ticket=a.ticket,
            status=_action_status(a.status),
            kind=ActionKind(a.kind) if a.kind in ActionKind._value2member_map_ else None,
            answers=a.answers,
            uid=a.uid,
            closed_on=a.closed_on,
        )
        out.append((summary_from_values(tuple(row[1:])), item))
    out.sort(key=lambda pair: (pair[1].due is None, pair[1].due or date.max, pair[0].title))
    return out


_SUMMARY = (
    DebriefRow.id,
    DebriefRow.title,
    DebriefRow.severity,
    DebriefRow.status,
    DebriefRow.incident,
    DebriefRow.started_at,
    DebriefRow.meeting_at,
    DebriefRow.updated_at,
)


def load_labels(session: Session) -> dict[str, dict[str, int]]:
    """How often each service, tag and primary cause has been written."""
    out: dict[str, dict[str, int]] = {"services": {}, "tags": {}, "causes": {}}
    for section, text, count in session.execute(
        select(ListItemRow.section, ListItemRow.text, func.count())
        .where(ListItemRow.section.in_(("services", "tags")))
        .group_by(ListItemRow.section, ListItemRow.text)
    ):
        out[section][text] = count
    for text, count in session.execute(
        select(DebriefRow.primary_cause, func.count())
        .where(DebriefRow.primary_cause != "")
        .group_by(DebriefRow.primary_cause)
    ):
        out["causes"][text] = count
    return out


def load_learnings(
    session: Session, condition: ColumnElement[bool]
) -> list[tuple[DebriefSummary, tuple[str, ...]]]:
    """Each selected debrief that wrote key learnings, with them in their order."""
    texts: dict[str, list[str]] = defaultdict(list)
    for debrief_id, text in session.execute(
        select(ListItemRow.debrief_id, ListItemRow.text)
        .join(DebriefRow, DebriefRow.id == ListItemRow.debrief_id)
        .where(ListItemRow.section == "learnings", condition)
        .order_by(ListItemRow.debrief_id, ListItemRow.position)
    ):
        if text.strip():
            texts[debrief_id].append(text)
    if not texts:
        return []
    summaries = session.execute(select(*_SUMMARY).where(DebriefRow.id.in_(list(texts))))
    return [(summary_from_values(tuple(r)), tuple(texts[r[0]])) for r in summaries]

"""Load :class:`~facilitator.library.facts.DebriefFacts` for every debrief a query selects.

One query for the debriefs and one per kind of child row, each filtered by the
same condition, so the cost is a handful of statements whatever the library size.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    bindparam,
    cast,
    func,
    literal,
    literal_column,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB, aggregate_order_by
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
from facilitator.storage.orm import ActionRow, DebriefRow, FactorRow, ListItemRow
from facilitator.storage.query_sql import incident_day

#: Child rows a caller may ask for; the matrix needs all, a count by severity none.
PARTS = frozenset({"labels", "factors", "actions"})


def load_facts(
    session: Session,
    condition: ColumnElement[bool] | None,
    parts: Iterable[str] = PARTS,
    *,
    limit: int | None = None,
) -> list[DebriefFacts]:
    """Facts of the debriefs matching ``condition`` (None: all), newest incident first.

    With ``limit``, only the newest ``limit`` (what a window shows before the rest arrive).
    """
    wanted = set(parts)
    newest = (incident_day().desc(), DebriefRow.id.desc())
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
        )
        .where(true() if condition is None else condition)
        # Only a limited read needs the database to order; the full list is sorted below.
        .order_by(*(newest if limit is not None else ()))
        .limit(limit)
    ).all()
    whole = condition is None and limit is None
    # The ids travel as one JSON parameter: the filter (perhaps a full-text match) is not
    # run again for each part, the planner sees a short list it can look up by index, and
    # no statement carries thousands of parameters.
    listed = None if whole else _id_values(session, [row[0] for row in rows])

    def of(column: Any) -> Any:
        # The whole library needs no "IN (every id)": it costs more than the rows themselves.
        return true() if listed is None else column.in_(listed)

    services: dict[str, tuple[str, ...]] = {}
    tags: dict[str, tuple[str, ...]] = {}
    if "labels" in wanted:
        # One joined row per debrief and list: a third of the rows of one per label.
        for (debrief_id, section), values in _joined(
            session,
            ListItemRow,
            ListItemRow.text,
            (ListItemRow.section.in_(("services", "tags")), of(ListItemRow.debrief_id)),
            ListItemRow.section,
        ).items():
            (services if section == "services" else tags)[debrief_id] = values
    factors: dict[str, list[tuple[FactorKind, str]]] = defaultdict(list)
    kinds = FactorKind._value2member_map_
    if "factors" in wanted:
        # Kind and text in one value ("process<RS>text"): kinds are short codes.
        both = FactorRow.kind + _KIND_MARK + FactorRow.text
        for (debrief_id, _), values in _joined(
            session, FactorRow, both, (of(FactorRow.debrief_id),)
        ).items():
            pairs = (value.partition(_KIND_MARK) for value in values)
            factors[debrief_id] = [
                (kinds.get(k, FactorKind.TECHNICAL), t)  # type: ignore[misc]
                for k, _mark, t in pairs
            ]
    actions: dict[str, list[ActionFact]] = defaultdict(list)
    if "actions" in wanted:
        statuses = ActionStatus._value2member_map_
        for debrief_id, status, closed_on in session.execute(
            select(ActionRow.debrief_id, ActionRow.status, ActionRow.closed_on).where(
                of(ActionRow.debrief_id)
            )
        ):
            actions[debrief_id].append(
                ActionFact(statuses.get(status, ActionStatus.OPEN), closed_on)
            )
    open_counts = dict(
        session.execute(
            select(ActionRow.debrief_id, func.count())
            .where(ActionRow.status.in_(("open", "in_progress")), of(ActionRow.debrief_id))
            .group_by(ActionRow.debrief_id)
        ).all()
    )
    facts = [_facts(row, services, tags, factors, actions, open_counts) for row in rows]
    facts.sort(key=lambda f: (f.day or date.min, f.id), reverse=True)
    return facts


def _id_values(session: Session, ids: list[str]) -> Any:
    """A one-column SELECT of ``ids``, expanded by the database from a single JSON value."""
    payload = bindparam("ids", json.dumps(ids), literal_execute=False)
    if session.get_bind().dialect.name == "sqlite":
        values = func.json_each(payload).table_valued("value")
    else:
        values = func.jsonb_array_elements_text(cast(payload, JSONB)).table_valued("value")
    return select(values.c.value)


#: Joins a debrief's values in one row; control characters never occur in stored text.
_SEPARATOR = "\x1f"
_KIND_MARK = "\x1e"


def _joined(
    session: Session, row: Any, column: Any, where: tuple[Any, ...], group: Any = None
) -> dict[tuple[str, str], tuple[str, ...]]:
    """``column`` of each debrief's rows of ``row`` in their order: one tuple per debrief
    (and per ``group`` value, such as the list a row belongs to)."""
    key = (group if group is not None else literal_column("''")).label("grp")
    ordered = (
        select(
            row.debrief_id.label("debrief_id"),
            key,
            column.label("value"),
            row.position.label("position"),
        )
        .where(*where)
        .order_by(row.debrief_id, row.position)
        .subquery()
    )
    if session.get_bind().dialect.name == "sqlite":
        # SQLite aggregates rows in the order the subquery gives them.
        joined = func.group_concat(ordered.c.value, _SEPARATOR)
    else:
        # PostgreSQL may aggregate a sorted subquery out of order (a hash aggregate
        # does): only an ORDER BY inside the aggregate keeps a list's order.
        separator = aggregate_order_by(literal(_SEPARATOR), ordered.c.position)
        joined = func.string_agg(ordered.c.value, separator)
    statement = select(ordered.c.debrief_id, ordered.c.grp, joined).group_by(
        ordered.c.debrief_id, ordered.c.grp
    )
    return {
        (debrief_id, grp): tuple(text.split(_SEPARATOR))
        for debrief_id, grp, text in session.execute(statement)
        if text is not None
    }


_STATUSES = Status._value2member_map_


def _facts(
    row: Any, services: Any, tags: Any, factors: Any, actions: Any, open_counts: Any
) -> DebriefFacts:
    debrief_id = row[0]
    return DebriefFacts(
        id=debrief_id,
        title=row[1] or "",
        incident=row[2] or "",
        severity=row[3],
        status=_STATUSES.get(row[4], Status.DRAFT),  # type: ignore[arg-type]
        started_at=row[5],
        detected_at=row[6],
        mitigated_at=row[7],
        resolved_at=row[8],
        meeting_at=row[9],
        created_at=row[10],
        detection_target=row[11],
        fix_target=row[12],
        primary_cause=row[13] or "",
        services=services.get(debrief_id, ()),
        tags=tags.get(debrief_id, ()),
        factors=tuple(factors.get(debrief_id, ())),
        actions=tuple(actions.get(debrief_id, ())),
        open_action_count=open_counts.get(debrief_id, 0),
    )


def load_action_items(
    session: Session,
    condition: ColumnElement[bool],
    *,
    open_only: bool,
    due_before: date | None = None,
) -> list[tuple[DebriefSummary, ActionItem]]:
    """Action items with their debrief's summary; those due soonest (undated last) first."""
    # Columns, not ORM rows: a review reads thousands of overdue items, and mapped
    # objects cost several times more to build than the values they hold.
    statement = (
        select(*_ACTION_COLUMNS, *_SUMMARY)
        .join(DebriefRow, DebriefRow.id == ActionRow.debrief_id)
        .where(condition)
    )
    if due_before is not None:
        statement = statement.where(ActionRow.due < due_before)
    if open_only:
        statement = statement.where(ActionRow.status.in_(("open", "in_progress")))
    priorities = Priority._value2member_map_
    kinds = ActionKind._value2member_map_
    statuses = ActionStatus._value2member_map_
    summaries: dict[str, DebriefSummary] = {}
    out = []
    for row in session.execute(statement):
        title, owner, priority, due, ticket, status, kind, answers, uid, closed_on = row[:10]
        item = ActionItem(
            title=title,
            owner=owner,
            priority=priorities.get(priority) if priority else None,  # type: ignore[arg-type]
            due=due,
            ticket=ticket,
            status=statuses.get(status, ActionStatus.OPEN),  # type: ignore[arg-type]
            kind=kinds.get(kind) if kind else None,  # type: ignore[arg-type]
            answers=answers,
            uid=uid,
            closed_on=closed_on,
        )
        summary = summaries.get(row[10])
        if summary is None:
            summary = summaries[row[10]] = DebriefSummary.from_values(tuple(row[10:]))
        out.append((summary, item))
    out.sort(key=lambda pair: (pair[1].due is None, pair[1].due or date.max, pair[0].title))
    return out


_ACTION_COLUMNS = (
    ActionRow.title,
    ActionRow.owner,
    ActionRow.priority,
    ActionRow.due,
    ActionRow.ticket,
    ActionRow.status,
    ActionRow.kind,
    ActionRow.answers,
    ActionRow.uid,
    ActionRow.closed_on,
)
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
    return [(DebriefSummary.from_values(tuple(r)), tuple(texts[r[0]])) for r in summaries]

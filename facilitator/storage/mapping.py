"""Copy debriefs between domain dataclasses and ORM rows.

Saving updates rows in place, position by position, so an autosave after one
keystroke issues one UPDATE instead of rewriting every list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from facilitator.domain.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Answer,
    ContributingFactor,
    Debrief,
    DebriefSummary,
    EventKind,
    FactorKind,
    IgnoredFinding,
    Participant,
    Priority,
    Severity,
    Status,
    TimelineEvent,
    TimingQuestion,
)
from facilitator.storage.orm import (
    ActionRow,
    DebriefRow,
    EventRow,
    FactorRow,
    ListItemRow,
    ParticipantRow,
)

#: Domain list attributes stored in the shared list_items table.
STRING_LISTS = ("went_wrong", "went_right", "learnings", "services", "tags", "parking_lot")

_SCALARS = (
    "title",
    "incident",
    "facilitator",
    "purpose",
    "summary",
    "impact",
    "response",
    "started_at",
    "detected_at",
    "mitigated_at",
    "resolved_at",
    "meeting_at",
    "checkpoint_at",
    "timezone",
    "primary_cause",
    "private_notes",
    "created_at",
    "updated_at",
)

R = TypeVar("R")


def _enum(cls: Any, value: str | None) -> Any:
    return None if value is None else cls(value)


def _sync(
    rows: list[R], values: Sequence[Any], make: Callable[[], R], fill: Callable[[R, Any], None]
) -> None:
    """Make ``rows`` mirror ``values``: update in place, append new rows, drop extra ones."""
    for position, value in enumerate(values):
        if position == len(rows):
            rows.append(make())
        row = rows[position]
        _set(row, "position", position)
        fill(row, value)
    del rows[len(values) :]


def _set(row: object, name: str, value: Any) -> None:
    # Assigning an equal value still marks the attribute dirty, so compare first.
    if getattr(row, name) != value:
        setattr(row, name, value)


def _fill_participant(row: ParticipantRow, p: Participant) -> None:
    _set(row, "name", p.name)
    _set(row, "role", p.role)


def _fill_event(row: EventRow, e: TimelineEvent) -> None:
    _set(row, "at", e.at)
    _set(row, "kind", str(e.kind))
    _set(row, "text", e.text)
    _set(row, "known", e.known)
    _set(row, "signals", e.signals)


def _fill_factor(row: FactorRow, f: ContributingFactor) -> None:
    _set(row, "text", f.text)
    _set(row, "kind", str(f.kind))


def _fill_action(row: ActionRow, a: ActionItem) -> None:
    _set(row, "title", a.title)
    _set(row, "owner", a.owner)
    _set(row, "priority", None if a.priority is None else str(a.priority))
    _set(row, "due", a.due)
    _set(row, "ticket", a.ticket)
    _set(row, "status", str(a.status))
    _set(row, "kind", None if a.kind is None else str(a.kind))
    _set(row, "answers", a.answers)


def _fill_item(row: ListItemRow, item: tuple[str, str]) -> None:
    _set(row, "section", item[0])
    _set(row, "text", item[1])


def to_row(debrief: Debrief, row: DebriefRow) -> None:
    """Copy ``debrief`` onto ``row`` (new or loaded), changing only what differs."""
    for name in _SCALARS:
        _set(row, name, getattr(debrief, name))
    _set(row, "severity", None if debrief.severity is None else str(debrief.severity))
    _set(row, "status", str(debrief.status))
    for prefix, question in (("detection", debrief.detection), ("fix", debrief.fix)):
        _set(row, f"{prefix}_target_minutes", question.target_minutes)
        _set(row, f"{prefix}_answer", None if question.answer is None else str(question.answer))
        _set(row, f"{prefix}_notes", question.notes)
    ignored = [{"rule": i.rule, "field": i.field, "text": i.text} for i in debrief.ignored_findings]
    _set(row, "ignored_findings", ignored)
    _sync(row.participants, debrief.participants, ParticipantRow, _fill_participant)
    _sync(row.events, debrief.timeline, EventRow, _fill_event)
    _sync(row.factors, debrief.contributing_factors, FactorRow, _fill_factor)
    _sync(row.actions, debrief.action_items, ActionRow, _fill_action)
    items = [(section, text) for section in STRING_LISTS for text in getattr(debrief, section)]
    _sync(row.items, items, ListItemRow, _fill_item)


def from_row(row: DebriefRow) -> Debrief:
    """Build a domain debrief from a loaded row and its children."""
    lists: dict[str, list[str]] = {section: [] for section in STRING_LISTS}
    for item in row.items:
        lists.setdefault(item.section, []).append(item.text)
    return Debrief(
        id=row.id,
        severity=_enum(Severity, row.severity),
        status=Status(row.status),
        detection=TimingQuestion(
            row.detection_target_minutes, _enum(Answer, row.detection_answer), row.detection_notes
        ),
        fix=TimingQuestion(row.fix_target_minutes, _enum(Answer, row.fix_answer), row.fix_notes),
        participants=[Participant(p.name, p.role) for p in row.participants],
        timeline=[
            TimelineEvent(e.at, EventKind(e.kind), e.text, e.known, e.signals) for e in row.events
        ],
        contributing_factors=[ContributingFactor(f.text, FactorKind(f.kind)) for f in row.factors],
        action_items=[
            ActionItem(
                title=a.title,
                owner=a.owner,
                priority=_enum(Priority, a.priority),
                due=a.due,
                ticket=a.ticket,
                status=ActionStatus(a.status),
                kind=_enum(ActionKind, a.kind),
                answers=a.answers,
            )
            for a in row.actions
        ],
        ignored_findings=[IgnoredFinding(**i) for i in row.ignored_findings or []],
        **{name: getattr(row, name) for name in _SCALARS},
        **{section: lists[section] for section in STRING_LISTS},
    )


def summary_from_values(values: Sequence[Any]) -> DebriefSummary:
    """Build a library entry from an (id, title, severity, status, incident, started,
    meeting, updated) row."""
    id_, title, severity, status, incident, started, meeting, updated = values
    return DebriefSummary(
        id=id_,
        title=title,
        severity=_enum(Severity, severity),
        status=Status(status),
        incident=incident,
        started_at=started,
        meeting_at=meeting,
        updated_at=updated,
    )

"""Copy debriefs between domain dataclasses and ORM rows.

Saving matches child rows to domain items by their stable ``uid`` and updates
them in place, so an autosave after one keystroke issues one UPDATE, and moving
an item only rewrites positions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from facilitator.domain.model import (
    NOTE_LISTS,
    ActionItem,
    ActionKind,
    ActionStatus,
    Answer,
    ContributingFactor,
    Debrief,
    EditConflict,
    EventKind,
    FactorKind,
    IgnoredFinding,
    Link,
    Note,
    Participant,
    Priority,
    Reviewer,
    ReviewStatus,
    Status,
    TimelineEvent,
    TimingQuestion,
    new_id,
)
from facilitator.storage.orm import (
    ActionRow,
    DebriefRow,
    EventRow,
    FactorRow,
    LinkRow,
    ListItemRow,
    ParticipantRow,
    ReviewerRow,
)

#: Plain label lists stored in the shared list_items table beside the note lists.
LABEL_LISTS = ("services", "tags")
#: Every section of the list_items table.
STRING_LISTS = (*NOTE_LISTS, *LABEL_LISTS)

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
    "owner",
    "private_notes",
    "created_at",
    "updated_at",
)

R = TypeVar("R")


def _enum(cls: Any, value: str | None) -> Any:
    return None if value is None else cls(value)


def _value(member: Any) -> str | None:
    return None if member is None else str(member)


def _sync(
    rows: list[R],
    values: Sequence[Any],
    make: Callable[[], R],
    fill: Callable[[R, Any], None],
    uid_of: Callable[[Any], str] = lambda value: str(value.uid),
    position_of: Callable[[int, Any], int] = lambda index, _value: index,
) -> None:
    """Make ``rows`` mirror ``values`` by uid: update, insert and drop only what differs."""
    by_uid: dict[str, R] = {}
    for row in rows:
        by_uid.setdefault(row.uid, row)  # type: ignore[attr-defined]
    ordered: list[R] = []
    for position, value in enumerate(values):
        uid = uid_of(value)
        row = by_uid.pop(uid, None)
        if row is None:
            row = make()
            row.uid = uid  # type: ignore[attr-defined]
        _set(row, "position", position_of(position, value))
        fill(row, value)
        ordered.append(row)
    if ordered != rows:
        rows[:] = ordered  # the relationship deletes what is no longer listed


def set_position(row: object, position: int) -> None:
    """Move a child row to ``position`` in its list."""
    _set(row, "position", position)


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
    _set(row, "starred", e.starred)
    _set(row, "source", e.source)


def _fill_link(row: LinkRow, link: Link) -> None:
    _set(row, "label", link.label)
    _set(row, "url", link.url)


def _fill_reviewer(row: ReviewerRow, r: Reviewer) -> None:
    _set(row, "name", r.name)
    _set(row, "role", r.role)
    _set(row, "reviewed_on", r.reviewed_on)
    _set(row, "signed", r.signed)


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
    _set(row, "closed_on", a.closed_on)


def _fill_item(row: ListItemRow, item: tuple[str, str, str, int]) -> None:
    _set(row, "section", item[0])
    _set(row, "text", item[2])


def fill_note(row: ListItemRow, note: Note) -> None:
    """Copy a note's text onto its row (the section is set when the row is made)."""
    _set(row, "text", note.text)


def _list_items(debrief: Debrief) -> list[tuple[str, str, str, int]]:
    """(section, uid, text, position in its section) for every note and label."""
    items = [(s, n.uid, n.text, i) for s in NOTE_LISTS for i, n in enumerate(getattr(debrief, s))]
    for section in LABEL_LISTS:
        items.extend(label_items(section, getattr(debrief, section)))
    return items


def label_items(section: str, labels: list[str]) -> list[tuple[str, str, str, int]]:
    """The list_items entries of a label list, keyed by their section and position."""
    return [(section, f"{section}#{i}", text, i) for i, text in enumerate(labels)]


def _conflict_dict(c: EditConflict) -> dict[str, str | None]:
    return {
        "uid": c.uid,
        "path": c.path,
        "label": c.label,
        "text": c.text,
        "at": None if c.at is None else c.at.isoformat(),
    }


def _conflict(d: dict[str, Any]) -> EditConflict:
    at = d.get("at")
    return EditConflict(
        path=str(d.get("path", "")),
        label=str(d.get("label", "")),
        text=str(d.get("text", "")),
        at=None if not at else datetime.fromisoformat(at),
        uid=str(d.get("uid") or new_id()),
    )


def to_row(debrief: Debrief, row: DebriefRow) -> None:
    """Copy ``debrief`` onto ``row`` (new or loaded), changing only what differs."""
    fill_scalars(debrief, row)
    for name, row_class, fill, section in ITEM_TABLES:
        if section is None:
            _sync(getattr(row, RELATION[name]), getattr(debrief, name), row_class, fill)
    _sync(
        row.items,
        _list_items(debrief),
        ListItemRow,
        _fill_item,
        lambda item: item[1],
        lambda _index, item: item[3],
    )


def fill_scalars(debrief: Debrief, row: DebriefRow) -> None:
    """Copy the single-valued fields (and the JSON lists kept on the row) onto ``row``."""
    for name in _SCALARS:
        _set(row, name, getattr(debrief, name))
    _set(row, "severity", debrief.severity or None)
    _set(row, "status", str(debrief.status))
    _set(row, "review_status", _value(debrief.review_status))
    for prefix, question in (("detection", debrief.detection), ("fix", debrief.fix)):
        _set(row, f"{prefix}_target_minutes", question.target_minutes)
        _set(row, f"{prefix}_answer", None if question.answer is None else str(question.answer))
        _set(row, f"{prefix}_notes", question.notes)
    ignored = [{"rule": i.rule, "field": i.field, "text": i.text} for i in debrief.ignored_findings]
    _set(row, "ignored_findings", ignored)
    _set(row, "conflicts", [_conflict_dict(c) for c in debrief.conflicts])
    _set(row, "revision", debrief.revision)


#: Item lists with their own rows: (domain attribute, row class, fill, list_items section).
ITEM_TABLES: tuple[tuple[str, type[Any], Callable[[Any, Any], None], str | None], ...] = (
    ("participants", ParticipantRow, _fill_participant, None),
    ("timeline", EventRow, _fill_event, None),
    ("contributing_factors", FactorRow, _fill_factor, None),
    ("action_items", ActionRow, _fill_action, None),
    ("links", LinkRow, _fill_link, None),
    ("reviewers", ReviewerRow, _fill_reviewer, None),
    *((name, ListItemRow, fill_note, name) for name in NOTE_LISTS),
)
#: The DebriefRow relationship holding each list's own rows.
RELATION = {
    "participants": "participants",
    "timeline": "events",
    "contributing_factors": "factors",
    "action_items": "actions",
    "links": "links",
    "reviewers": "reviewers",
}


def from_row(row: DebriefRow) -> Debrief:
    """Build a domain debrief from a loaded ORM row and its children."""
    return build(row, {rel: getattr(row, rel) for rel in (*RELATION.values(), "items")})


def build(row: Any, children: dict[str, Sequence[Any]]) -> Debrief:
    """Build a domain debrief from a debrief row and its children's rows, in position order.

    Rows may be ORM objects or Core rows: only attribute access by column name is used.
    ``children`` maps each relationship name (see :data:`RELATION`, and "items") to rows.
    """
    lists: dict[str, list[Any]] = {section: [] for section in STRING_LISTS}
    for item in children["items"]:
        if item.section in NOTE_LISTS:
            lists[item.section].append(Note(item.text, item.uid or new_id()))
        elif item.section in lists:
            lists[item.section].append(item.text)
    return Debrief(
        id=row.id,
        severity=row.severity,
        status=Status(row.status),
        detection=TimingQuestion(
            row.detection_target_minutes, _enum(Answer, row.detection_answer), row.detection_notes
        ),
        fix=TimingQuestion(row.fix_target_minutes, _enum(Answer, row.fix_answer), row.fix_notes),
        participants=[Participant(p.name, p.role, p.uid) for p in children["participants"]],
        timeline=[
            TimelineEvent(
                e.at, EventKind(e.kind), e.text, e.known, e.signals, e.uid, e.starred, e.source
            )
            for e in children["events"]
        ],
        contributing_factors=[
            ContributingFactor(f.text, FactorKind(f.kind), f.uid) for f in children["factors"]
        ],
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
                uid=a.uid,
                closed_on=a.closed_on,
            )
            for a in children["actions"]
        ],
        ignored_findings=[IgnoredFinding(**i) for i in row.ignored_findings or []],
        conflicts=[_conflict(c) for c in row.conflicts or []],
        links=[Link(k.label, k.url, k.uid) for k in children["links"]],
        reviewers=[
            Reviewer(r.name, r.role, r.reviewed_on, r.signed, r.uid) for r in children["reviewers"]
        ],
        review_status=_enum(ReviewStatus, row.review_status),
        revision=row.revision,
        **{name: getattr(row, name) for name in _SCALARS},
        **{section: lists[section] for section in STRING_LISTS},
    )

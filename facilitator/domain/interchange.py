"""The public JSON interchange format ("facilitator-debrief", version 1).

Used for backups, scripts and other tools. :func:`dumps` writes a canonical
document (fixed key order, two-space indent, UTF-8 without escapes) so that
export, import and export again give byte-identical output. :func:`loads`
validates the whole document before building anything and reports every
problem with its JSON path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from facilitator.domain.model import (
    NOTE_LISTS,
    ActionItem,
    ContributingFactor,
    Debrief,
    EditConflict,
    IgnoredFinding,
    Link,
    Note,
    Participant,
    Reviewer,
    TimelineEvent,
    TimingQuestion,
)
from facilitator.domain.validate import Reader, keyed_object

FORMAT = "facilitator-debrief"
VERSION = 1
#: A document larger than this is not a debrief; refuse before parsing it.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a document: where (a JSON path like ``$.timeline[3].at``) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class InterchangeError(ValueError):
    """A document could not be read; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(shown + more)


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _enum_value(value: Any) -> str | None:
    return None if value is None else str(value)


def _question(q: TimingQuestion) -> dict[str, Any]:
    return {
        "target_minutes": _number(q.target_minutes),
        "answer": _enum_value(q.answer),
        "notes": q.notes,
    }


def to_dict(debrief: Debrief) -> dict[str, Any]:
    """Return the interchange document for ``debrief`` as plain JSON values."""
    d = debrief
    return {
        "format": FORMAT,
        "version": VERSION,
        "id": d.id,
        "title": d.title,
        "incident": d.incident,
        "severity": _enum_value(d.severity),
        "status": str(d.status),
        "facilitator": d.facilitator,
        "purpose": d.purpose,
        "summary": d.summary,
        "impact": d.impact,
        "response": d.response,
        "started_at": _iso(d.started_at),
        "detected_at": _iso(d.detected_at),
        "mitigated_at": _iso(d.mitigated_at),
        "resolved_at": _iso(d.resolved_at),
        "detection": _question(d.detection),
        "fix": _question(d.fix),
        "meeting_at": _iso(d.meeting_at),
        "checkpoint_at": _iso(d.checkpoint_at),
        "timezone": d.timezone,
        "participants": [{"id": p.uid, "name": p.name, "role": p.role} for p in d.participants],
        "timeline": [
            {
                "id": e.uid,
                "at": _iso(e.at),
                "kind": str(e.kind),
                "text": e.text,
                "known": e.known,
                "signals": e.signals,
                "starred": e.starred,
                "source": e.source,
            }
            for e in d.timeline
        ],
        "went_wrong": _texts(d.went_wrong),
        "went_right": _texts(d.went_right),
        "got_lucky": _texts(d.got_lucky),
        "contributing_factors": [
            {"id": f.uid, "text": f.text, "kind": str(f.kind)} for f in d.contributing_factors
        ],
        "learnings": _texts(d.learnings),
        "action_items": [
            {
                "id": a.uid,
                "title": a.title,
                "owner": a.owner,
                "priority": _enum_value(a.priority),
                "due": _iso(a.due),
                "ticket": a.ticket,
                "status": str(a.status),
                "kind": _enum_value(a.kind),
                "answers": a.answers,
            }
            for a in d.action_items
        ],
        "services": list(d.services),
        "tags": list(d.tags),
        "primary_cause": d.primary_cause,
        "links": [{"id": k.uid, "label": k.label, "url": k.url} for k in d.links],
        "owner": d.owner,
        "review_status": _enum_value(d.review_status),
        "reviewers": [
            {
                "id": r.uid,
                "name": r.name,
                "role": r.role,
                "reviewed_on": _iso(r.reviewed_on),
                "signed": r.signed,
            }
            for r in d.reviewers
        ],
        "private_notes": d.private_notes,
        "parking_lot": _texts(d.parking_lot),
        "ignored_findings": [
            {"rule": i.rule, "field": i.field, "text": i.text} for i in d.ignored_findings
        ],
        "conflicts": [
            {"id": c.uid, "path": c.path, "label": c.label, "text": c.text, "at": _iso(c.at)}
            for c in d.conflicts
        ],
        # Note lists stay lists of strings, so version-1 readers keep working; their ids ride
        # alongside, position by position.
        "note_ids": {name: [n.uid for n in getattr(d, name)] for name in NOTE_LISTS},
        "created_at": _iso(d.created_at),
        "updated_at": _iso(d.updated_at),
    }


def _texts(items: list[Note]) -> list[str]:
    return [n.text for n in items]


def dumps(debrief: Debrief) -> str:
    """Return the canonical JSON text of ``debrief`` (ends with a newline)."""
    return json.dumps(to_dict(debrief), ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class Loaded:
    """A validated document: the debrief, and notes on values read in a normalised form."""

    debrief: Debrief
    notes: tuple[str, ...] = ()


def loads(text: str | bytes) -> Debrief:
    """Parse and validate a document; raise :class:`InterchangeError` listing every problem."""
    return read_document(text).debrief


def read_document(text: str | bytes) -> Loaded:
    """Like :func:`loads`, also returning notes such as "severity 'Sev-2' read as SEV2"."""
    if isinstance(text, bytes):
        if len(text) > MAX_DOCUMENT_BYTES:
            raise InterchangeError([Problem("$", "the file is too large to be a debrief")])
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InterchangeError(
                [Problem("$", f"not UTF-8 text (bad byte at offset {exc.start})")]
            ) from None
    if len(text) > MAX_DOCUMENT_BYTES:
        raise InterchangeError([Problem("$", "the document is too large to be a debrief")])
    try:
        # Duplicate names are kept aside by keyed_object, so validation can refuse them.
        data = json.loads(text, object_pairs_hook=keyed_object)
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            [Problem("$", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")]
        ) from None
    except RecursionError:
        raise InterchangeError([Problem("$", "the document is nested too deeply")]) from None
    except ValueError:  # an integer of thousands of digits
        raise InterchangeError([Problem("$", "holds a number too long to read")]) from None
    return _validated(data)


def from_dict(data: Any) -> Debrief:
    """Validate an already-parsed document and build the debrief."""
    return _validated(data).debrief


def _validated(data: Any) -> Loaded:
    r = Reader()
    debrief = _read(r, data)
    if r.problems:
        raise InterchangeError([Problem(path, reason) for path, reason in r.problems])
    assert debrief is not None
    return Loaded(debrief, tuple(r.remarks))


def _read(r: Reader, data: Any) -> Debrief | None:
    root = r.object(data, "$")
    if root is None:
        return None
    fmt = root.get("format")
    if fmt != FORMAT:
        r.fail("$.format", f'must be "{FORMAT}"' + ("" if fmt is None else f", not {fmt!r}"))
        return None
    version = root.get("version")
    if type(version) is not int or version != VERSION:
        if type(version) is int and version > VERSION:
            r.fail(
                "$.version",
                f"this document is format version {version}, written by a newer Facilitator; "
                f"this one reads version {VERSION}",
            )
        else:
            r.fail("$.version", f"must be {VERSION}")
        return None
    p = "$."
    debrief = Debrief(
        id=r.uuid(root, "id", p),
        title=r.text(root, "title", p),
        incident=r.text(root, "incident", p),
        severity=r.severity(root, "severity", p),
        status=r.status(root, "status", p),
        facilitator=r.text(root, "facilitator", p),
        purpose=r.text(root, "purpose", p),
        summary=r.text(root, "summary", p),
        impact=r.text(root, "impact", p),
        response=r.text(root, "response", p),
        started_at=r.moment(root, "started_at", p),
        detected_at=r.moment(root, "detected_at", p),
        mitigated_at=r.moment(root, "mitigated_at", p),
        resolved_at=r.moment(root, "resolved_at", p),
        detection=r.question(root, "detection", p),
        fix=r.question(root, "fix", p),
        meeting_at=r.moment(root, "meeting_at", p),
        checkpoint_at=r.day(root, "checkpoint_at", p),
        timezone=r.zone(root, "timezone", p),
        participants=r.items(root, "participants", p, _participant, ids=True),
        timeline=r.items(root, "timeline", p, _event, ids=True),
        went_wrong=r.notes(root, "went_wrong", p),
        went_right=r.notes(root, "went_right", p),
        got_lucky=r.notes(root, "got_lucky", p),
        contributing_factors=r.items(root, "contributing_factors", p, _factor, ids=True),
        learnings=r.notes(root, "learnings", p),
        action_items=r.items(root, "action_items", p, _action, ids=True),
        services=r.strings(root, "services", p),
        tags=r.strings(root, "tags", p),
        primary_cause=r.text(root, "primary_cause", p),
        links=r.items(root, "links", p, _link, ids=True),
        owner=r.text(root, "owner", p),
        review_status=r.review_status(root, "review_status", p),
        reviewers=r.items(root, "reviewers", p, _reviewer, ids=True),
        private_notes=r.text(root, "private_notes", p),
        parking_lot=r.notes(root, "parking_lot", p),
        ignored_findings=r.items(root, "ignored_findings", p, _ignored),
        conflicts=r.items(root, "conflicts", p, _conflict, ids=True),
        created_at=r.moment(root, "created_at", p),
        updated_at=r.moment(root, "updated_at", p),
    )
    return debrief


def _participant(r: Reader, obj: dict[str, Any], p: str) -> Participant:
    return Participant(r.text(obj, "name", p), r.text(obj, "role", p))


def _link(r: Reader, obj: dict[str, Any], p: str) -> Link:
    return Link(r.text(obj, "label", p), r.text(obj, "url", p))


def _reviewer(r: Reader, obj: dict[str, Any], p: str) -> Reviewer:
    return Reviewer(
        name=r.text(obj, "name", p),
        role=r.text(obj, "role", p),
        reviewed_on=r.day(obj, "reviewed_on", p),
        signed=r.flag(obj, "signed", p),
    )


def _conflict(r: Reader, obj: dict[str, Any], p: str) -> EditConflict:
    return EditConflict(
        path=r.text(obj, "path", p),
        label=r.text(obj, "label", p),
        text=r.text(obj, "text", p),
        at=r.moment(obj, "at", p),
    )


def _event(r: Reader, obj: dict[str, Any], p: str) -> TimelineEvent:
    return TimelineEvent(
        at=r.moment(obj, "at", p),
        kind=r.event_kind(obj, "kind", p),
        text=r.text(obj, "text", p),
        known=r.text(obj, "known", p),
        signals=r.text(obj, "signals", p),
        starred=r.flag(obj, "starred", p),
        source=r.text(obj, "source", p),
    )


def _factor(r: Reader, obj: dict[str, Any], p: str) -> ContributingFactor:
    return ContributingFactor(r.text(obj, "text", p), r.factor_kind(obj, "kind", p))


def _action(r: Reader, obj: dict[str, Any], p: str) -> ActionItem:
    return ActionItem(
        title=r.text(obj, "title", p),
        owner=r.text(obj, "owner", p),
        priority=r.priority(obj, "priority", p),
        due=r.day(obj, "due", p),
        ticket=r.text(obj, "ticket", p),
        status=r.action_status(obj, "status", p),
        kind=r.action_kind(obj, "kind", p),
        answers=r.text(obj, "answers", p),
    )


def _ignored(r: Reader, obj: dict[str, Any], p: str) -> IgnoredFinding:
    rule = r.text(obj, "rule", p)
    if not rule:
        r.fail(p + "rule", "must name a rule")
    return IgnoredFinding(rule, r.text(obj, "field", p), r.text(obj, "text", p))

"""The checkpoint as an iCalendar file (RFC 5545): one VEVENT and a VTODO per dated open item.

Written here rather than with an iCalendar library: the output is a handful of
properties whose escaping and folding rules fit in this module, and the app
then ships no extra dependency. Times are written in UTC (RFC 5545 form 2),
which every calendar shows in its user's own zone, so no VTIMEZONE has to be
derived from the zone database; the debrief's own zone is named in the
description. Tests parse the output with the ``icalendar`` library.

Re-exporting updates the same calendar entries: their UIDs derive from the
debrief and item ids, and SEQUENCE follows the debrief's stored revision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilitator import __version__
from facilitator.domain.model import ActionStatus, Debrief, Priority
from facilitator.domain.text import clean_text
from facilitator.export.timefmt import short_date
from facilitator.followup.records import ActionRecord, records_of

#: RFC 5545 priorities: 1 highest, 9 lowest (3.8.1.9).
ICS_PRIORITY = {Priority.P1: 1, Priority.P2: 3, Priority.P3: 5, Priority.P4: 9}
ICS_STATUS = {ActionStatus.OPEN: "NEEDS-ACTION", ActionStatus.IN_PROGRESS: "IN-PROCESS"}
DEFAULT_START = time(10, 0)
DEFAULT_MINUTES = 30
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_DOMAIN = "facilitator.invalid"


class CalendarError(ValueError):
    """The calendar entry cannot be made; the message says what to fill in."""


def event_uid(debrief_id: str) -> str:
    """The checkpoint event's UID: the same for every export of one debrief."""
    return f"checkpoint-{debrief_id}@{_DOMAIN}"


def todo_uid(item_uid: str) -> str:
    """An action item's VTODO UID."""
    return f"action-{item_uid}@{_DOMAIN}"


def escape_text(value: str) -> str:
    """Escape a TEXT value (3.3.11): backslash, semicolon, comma and newlines."""
    value = clean_text(value).replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def param_value(value: str) -> str:
    """A parameter value (3.2): quoted when it holds ``: ; ,``; double quotes cannot appear."""
    value = " ".join(clean_text(value).replace('"', "'").split())
    return f'"{value}"' if any(c in value for c in ":;,") else value


def fold(line: str) -> str:
    """Fold a content line at 75 octets (3.1), never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        # Step back off a continuation byte so a multi-byte character stays whole.
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines start with one space
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _zone(name: str, fallback: tzinfo) -> tuple[tzinfo, str]:
    if name.strip():
        try:
            return ZoneInfo(name.strip()), name.strip()
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return fallback, ""


def address_of(text: str) -> str:
    """The e-mail address written in a name or role ("Ada <ada@example.com>"), else ""."""
    match = _EMAIL.search(text or "")
    return match.group(0) if match else ""


def display_name(text: str) -> str:
    """A name without its address and brackets."""
    return " ".join(_EMAIL.sub("", text or "").replace("<", " ").replace(">", " ").split())


@dataclass(frozen=True)
class CheckpointSlot:
    """When the checkpoint meets: start and end (aware), and the zone name used."""

    start: datetime
    end: datetime
    zone_name: str


def checkpoint_slot(
    debrief: Debrief, *, local_zone: tzinfo = UTC, minutes: int = DEFAULT_MINUTES
) -> CheckpointSlot:
    """The checkpoint's time: its date at the debrief meeting's time of day (10:00 without one).

    Raises:
        CalendarError: the debrief has no checkpoint date yet.
    """
    if debrief.checkpoint_at is None:
        raise CalendarError(
            "This debrief has no checkpoint date yet; set it in the Checkpoint phase first."
        )
    zone, name = _zone(debrief.timezone, local_zone)
    at = DEFAULT_START
    if debrief.meeting_at is not None:
        at = debrief.meeting_at.astimezone(zone).time().replace(second=0, microsecond=0)
    start = datetime.combine(debrief.checkpoint_at, at, tzinfo=zone)
    return CheckpointSlot(start, start + timedelta(minutes=minutes), name)


def _item_line(r: ActionRecord) -> str:
    facts = [v for v in (r.priority.value if r.priority else "", r.owner.strip()) if v]
    if r.due:
        facts.append(f"due {short_date(r.due)}")
    tail = f" ({', '.join(facts)})" if facts else ""
    return f"- {' '.join(r.title.split())}{tail}"


def _event(
    debrief: Debrief, slot: CheckpointSlot, open_items: list[ActionRecord], stamp: str
) -> list[str]:
    title = " ".join(debrief.title.split()) or "Untitled debrief"
    when = slot.start.strftime("%H:%M")
    zone = slot.zone_name or "the organiser's time zone"
    lines = [
        f"Checkpoint on the action items of the debrief “{title}”"
        + (f" ({debrief.incident.strip()})" if debrief.incident.strip() else "")
        + ".",
        f"Starts {when} in {zone}.",
        "",
    ]
    if open_items:
        lines.append(f"Open action items ({len(open_items)}):")
        lines += [_item_line(r) for r in open_items]
    else:
        lines.append("Every action item is closed.")
    out = [
        "BEGIN:VEVENT",
        f"UID:{event_uid(debrief.id)}",
        f"DTSTAMP:{stamp}",
        f"SEQUENCE:{max(0, debrief.revision)}",
        f"DTSTART:{_utc(slot.start)}",
        f"DTEND:{_utc(slot.end)}",
        f"SUMMARY:{escape_text('Checkpoint: ' + title)}",
        f"DESCRIPTION:{escape_text(chr(10).join(lines))}",
        "CATEGORIES:" + escape_text("Incident debrief"),
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
    ]
    organiser = address_of(debrief.facilitator)
    if organiser:
        name = display_name(debrief.facilitator) or organiser
        out.append(f"ORGANIZER;CN={param_value(name)}:mailto:{organiser}")
    seen = {organiser.casefold()} if organiser else set()
    for person in debrief.participants:
        address = address_of(person.name) or address_of(person.role)
        if not address or address.casefold() in seen:
            continue
        seen.add(address.casefold())
        name = display_name(person.name) or address
        out.append(
            f"ATTENDEE;CN={param_value(name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
            f"RSVP=TRUE:mailto:{address}"
        )
    out += [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text('Tomorrow: checkpoint for ' + title)}",
        "TRIGGER;RELATED=START:-P1D",
        "END:VALARM",
        "END:VEVENT",
    ]
    return out


def _todo(r: ActionRecord, debrief_id: str, stamp: str) -> list[str]:
    assert r.due is not None
    details = [f"From the debrief “{' '.join(r.debrief_title.split()) or 'Untitled debrief'}”."]
    if r.owner.strip():
        details.append(f"Owner: {' '.join(r.owner.split())}")
    if r.answers_text:
        details.append(f"It answers: {r.answers_text}")
    if r.ticket.strip():
        details.append(f"Ticket: {r.ticket.strip()}")
    out = [
        "BEGIN:VTODO",
        f"UID:{todo_uid(r.uid)}",
        f"DTSTAMP:{stamp}",
        f"SUMMARY:{escape_text(' '.join(r.title.split()))}",
        f"DESCRIPTION:{escape_text(chr(10).join(details))}",
        f"DUE;VALUE=DATE:{r.due.strftime('%Y%m%d')}",
        f"STATUS:{ICS_STATUS[r.status]}",
    ]
    if r.priority is not None:
        out.append(f"PRIORITY:{ICS_PRIORITY[r.priority]}")
    out += [f"RELATED-TO;RELTYPE=PARENT:{event_uid(debrief_id)}", "END:VTODO"]
    return out


def checkpoint_calendar(
    debrief: Debrief,
    *,
    now: datetime | None = None,
    local_zone: tzinfo = UTC,
    records: Iterable[ActionRecord] | None = None,
) -> str:
    """Return the iCalendar text (CRLF line ends, folded) for ``debrief``'s checkpoint.

    ``records`` are its action items (read from the debrief when not given).

    Raises:
        CalendarError: the debrief has no checkpoint date.
    """
    slot = checkpoint_slot(debrief, local_zone=local_zone)
    stamp = _utc(now or datetime.now(UTC))
    items = list(records) if records is not None else records_of(debrief)
    open_items = [r for r in items if r.is_open and r.title.strip()]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Facilitator//Facilitator {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *_event(debrief, slot, open_items, stamp),
    ]
    for r in open_items:
        if r.due is not None:
            lines += _todo(r, debrief.id, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def due_dates(records: Iterable[ActionRecord]) -> list[date]:
    """The due dates of the open items, soonest first (for messages)."""
    return sorted(r.due for r in records if r.is_open and r.due is not None)

"""Reading PagerDuty: an incident's log entries, the incident itself, or both in one file.

Accepted shapes: ``{"log_entries": [...]}`` as the API lists them, a bare list
of log entries, ``{"incident": {...}}`` or a bare incident, and an object with
both ``incident`` and ``log_entries``. Entry types say what happened, so they
decide the kind: a trigger is detection, an acknowledgement, notification,
assignment or escalation is escalation, a resolve entry is resolution.
Provenance: ``pagerduty:<file>#<log entry id>``, and for the incident's own
moments ``pagerduty:<file>#<incident id>/triggered|acknowledged-<n>|resolved``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo
from typing import Any

from facilitator.domain.model import EventKind
from facilitator.evidence.candidates import Candidate, Evidence, ReadOptions, within
from facilitator.evidence.errors import EvidenceError
from facilitator.evidence.jsondata import placed, text_of
from facilitator.evidence.kinds import guess_kind
from facilitator.evidence.times import zone_named

_ENTRY_KINDS = {
    "trigger_log_entry": EventKind.DETECTION,
    "acknowledge_log_entry": EventKind.ESCALATION,
    "notify_log_entry": EventKind.ESCALATION,
    "assign_log_entry": EventKind.ESCALATION,
    "escalate_log_entry": EventKind.ESCALATION,
    "delegate_log_entry": EventKind.ESCALATION,
    "resolve_log_entry": EventKind.RESOLUTION,
}
#: Agents that are people; services, integrations and PagerDuty itself are not.
_PERSON_AGENTS = {"user", "user_reference"}


def looks_like_pagerduty(data: object) -> bool:
    """Tell whether parsed JSON has a PagerDuty shape."""
    if isinstance(data, Mapping):
        if "log_entries" in data or "incident" in data:
            return True
        return data.get("type") in {"incident", "incident_reference"} or "incident_number" in data
    return isinstance(data, list) and bool(data) and _is_entry(data[0])


def read_pagerduty(data: object, options: ReadOptions) -> Evidence:
    """Turn parsed PagerDuty JSON into candidates."""
    name = options.name or "pagerduty.json"
    entries, incident = _split(data, name)
    zone = zone_named(options.zone)
    evidence = Evidence("pagerduty", name)
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping):
            raise EvidenceError(f"{name}: log entry {position} is not an object")
        candidate = _entry(entry, name, position, zone)
        if candidate is None:
            evidence.skip("unreadable entry")
        else:
            evidence.candidates.append(candidate)
    if incident is not None:
        logged = {(c.kind, int(c.at.timestamp() // 60)) for c in evidence.candidates}
        for candidate in _incident(incident, name, zone):
            # The log already holds these moments when both were exported together.
            if (candidate.kind, int(candidate.at.timestamp() // 60)) not in logged:
                evidence.candidates.append(candidate)
    if not evidence.candidates and not evidence.left_out:
        raise EvidenceError(f"{name}: the PagerDuty file holds no log entries")
    evidence.candidates.sort(key=lambda c: c.at)
    evidence.candidates = within(evidence.candidates, options.since, options.until)
    return evidence


def _is_entry(value: object) -> bool:
    return isinstance(value, Mapping) and str(value.get("type", "")).endswith("log_entry")


def _split(data: object, name: str) -> tuple[list[Any], Mapping[str, Any] | None]:
    shape = (
        f"{name} is not a PagerDuty export: expected log_entries[] (each with created_at and "
        "type) or an incident with created_at"
    )
    if isinstance(data, list):
        if data and not all(_is_entry(e) for e in data):
            raise EvidenceError(shape)
        return data, None
    if not isinstance(data, Mapping):
        raise EvidenceError(shape)
    entries = data.get("log_entries", [])
    if not isinstance(entries, list):
        raise EvidenceError(f"{name}: log_entries is not a list")
    incident = data.get("incident")
    if incident is None and ("incident_number" in data or data.get("type") == "incident"):
        incident = data
    if incident is not None and not isinstance(incident, Mapping):
        raise EvidenceError(f"{name}: incident is not an object")
    if not entries and incident is None:
        raise EvidenceError(shape)
    return entries, incident


def _entry(entry: Mapping[str, Any], name: str, position: int, zone: tzinfo) -> Candidate | None:
    when = placed(entry.get("created_at"), zone)
    if when is None:
        return None
    entry_type = str(entry.get("type", ""))
    summary = text_of(entry, "summary")
    detail = text_of(entry, "channel", "summary") or text_of(entry, "channel", "subject")
    note = text_of(entry, "note") or (detail if entry_type == "annotate_log_entry" else "")
    if entry_type == "trigger_log_entry" and detail:
        text = f"Triggered: {detail}"
    elif note:
        text = note
    else:
        text = summary or entry_type.replace("_log_entry", "").replace("_", " ").capitalize()
    agent_type = text_of(entry, "agent", "type")
    person = agent_type in _PERSON_AGENTS
    author = text_of(entry, "agent", "summary") or ("PagerDuty" if not person else "")
    ident = str(entry.get("id") or f"entry{position}")
    return Candidate(
        at=when[0],
        text=text,
        author=author,
        person=person,
        kind=guess_kind(text, _ENTRY_KINDS.get(entry_type)),
        source=f"pagerduty:{name}#{ident}",
        wall=when[1],
    )


def _incident(incident: Mapping[str, Any], name: str, zone: tzinfo) -> list[Candidate]:
    ident = str(incident.get("id") or incident.get("incident_number") or "incident")
    number = incident.get("incident_number")
    title = text_of(incident, "title") or text_of(incident, "summary")
    label = f"Incident #{number}" if number else "Incident"
    found: list[Candidate] = []
    created = placed(incident.get("created_at"), zone)
    if created is not None:
        text = f"{label} triggered: {title}" if title else f"{label} triggered"
        found.append(
            Candidate(
                created[0],
                text,
                "PagerDuty",
                person=False,
                kind=EventKind.DETECTION,
                source=f"pagerduty:{name}#{ident}/triggered",
                wall=created[1],
            )
        )
    acks = incident.get("acknowledgements")
    for n, ack in enumerate(acks if isinstance(acks, list) else [], start=1):
        if not isinstance(ack, Mapping):
            continue
        when = placed(ack.get("at"), zone)
        who = text_of(ack, "acknowledger", "summary")
        if when is not None:
            found.append(
                Candidate(
                    when[0],
                    f"Acknowledged by {who}" if who else "Acknowledged",
                    who,
                    person=bool(who),
                    kind=EventKind.ESCALATION,
                    source=f"pagerduty:{name}#{ident}/acknowledged-{n}",
                    wall=when[1],
                )
            )
    if incident.get("status") == "resolved":
        when = placed(incident.get("resolved_at") or incident.get("last_status_change_at"), zone)
        who = text_of(incident, "last_status_change_by", "summary")
        person = text_of(incident, "last_status_change_by", "type") in _PERSON_AGENTS
        if when is not None:
            found.append(
                Candidate(
                    when[0],
                    f"Resolved by {who}" if who else "Resolved",
                    who,
                    person=person,
                    kind=EventKind.RESOLUTION,
                    source=f"pagerduty:{name}#{ident}/resolved",
                    wall=when[1],
                )
            )
    return found

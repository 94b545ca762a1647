"""Reading Opsgenie alert logs: ``{"data": [{"log", "type", "owner", "createdAt"}, ...]}``.

The log sentence says what happened ("Alert created via API", "Alert
acknowledged via web", "Alert closed by …"), so it decides the kind; notes are
read for their words like chat. ``owner`` is a person unless it is "System" or
an integration. Provenance: ``opsgenie:<file>#<offset>`` (or ``#log<n>``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from facilitator.domain.model import EventKind
from facilitator.evidence.candidates import Candidate, Evidence, ReadOptions, within
from facilitator.evidence.errors import EvidenceError
from facilitator.evidence.jsondata import placed, text_of
from facilitator.evidence.kinds import guess_kind
from facilitator.evidence.times import zone_named

_LOG_KINDS: tuple[tuple[re.Pattern[str], EventKind], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (r"^alert (?:created|triggered|raised)\b", EventKind.DETECTION),
        (r"\backnowledged\b", EventKind.ESCALATION),
        (r"^(?:notified|escalated|assigned|sent .* notification)\b", EventKind.ESCALATION),
        (r"\bnotification (?:sent|delivered)\b|\bescalat", EventKind.ESCALATION),
        (r"^alert (?:closed|resolved)\b|\bclosed (?:via|by)\b", EventKind.RESOLUTION),
    )
)
_NOT_PEOPLE = {"system", "opsgenie", "alert", "api", "integration", ""}


def looks_like_opsgenie(data: object) -> bool:
    """Tell whether parsed JSON has the shape of Opsgenie alert logs."""
    entries = data.get("data") if isinstance(data, Mapping) else data
    return (
        isinstance(entries, list)
        and bool(entries)
        and isinstance(entries[0], Mapping)
        and "log" in entries[0]
        and "createdAt" in entries[0]
    )


def read_opsgenie(data: object, options: ReadOptions) -> Evidence:
    """Turn parsed Opsgenie alert logs into candidates."""
    name = options.name or "opsgenie.json"
    entries = data.get("data") if isinstance(data, Mapping) else data
    if not isinstance(entries, list):
        raise EvidenceError(
            f"{name} is not an Opsgenie alert log: expected data[] with log, type, owner "
            "and createdAt"
        )
    zone = zone_named(options.zone)
    evidence = Evidence("opsgenie", name)
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping) or "log" not in entry:
            raise EvidenceError(
                f"{name}: entry {position} is not an Opsgenie log (it has no “log” text)"
            )
        candidate = _entry(entry, name, position, zone)
        if candidate is None:
            evidence.skip("unreadable entry")
        else:
            evidence.candidates.append(candidate)
    evidence.candidates.sort(key=lambda c: c.at)
    evidence.candidates = within(evidence.candidates, options.since, options.until)
    return evidence


def _entry(entry: Mapping[str, Any], name: str, position: int, zone: Any) -> Candidate | None:
    when = placed(entry.get("createdAt"), zone)
    text = text_of(entry, "log")
    if when is None or not text:
        return None
    owner = text_of(entry, "owner")
    person = owner.casefold() not in _NOT_PEOPLE and not owner.casefold().endswith("integration")
    hint = None
    if text_of(entry, "type").casefold() != "note":
        hint = next((kind for pattern, kind in _LOG_KINDS if pattern.search(text)), None)
    ident = text_of(entry, "offset") or f"log{position}"
    return Candidate(
        at=when[0],
        text=text,
        author=owner or "Opsgenie",
        person=person,
        kind=guess_kind(text, hint),
        source=f"opsgenie:{name}#{ident}",
        wall=when[1],
    )

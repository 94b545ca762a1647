"""Checking every free-text field of a debrief, with the facilitator's ignores applied."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from facilitator.domain.model import Debrief, IgnoredFinding
from facilitator.language import default_checker
from facilitator.language.checker import Checker
from facilitator.language.findings import Finding

_SINGLE = {
    "purpose": "Purpose",
    "summary": "Summary",
    "impact": "Impact",
    "response": "Response",
    "primary_cause": "Primary cause",
    "detection.notes": "Detection question, notes",
    "fix.notes": "Fix question, notes",
}
_LISTS = {
    "timeline": (
        "Timeline, event",
        {"text": "", "known": " (what we knew)", "signals": " (signals)"},
    ),
    "went_wrong": ("What went wrong, item", {}),
    "went_right": ("What went right, item", {}),
    "got_lucky": ("Where we got lucky, item", {}),
    "contributing_factors": ("Contributing factor", {"text": ""}),
    "learnings": ("Learning", {}),
    "action_items": ("Action item", {"title": ""}),
}
_KEY = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+))?$")


@dataclass(frozen=True)
class FieldFinding:
    """A finding together with the debrief field it was found in."""

    field: str
    finding: Finding


def field_label(field: str) -> str:
    """Return a human label for a field key: "timeline[3].text" -> "Timeline, event 4"."""
    if field in _SINGLE:
        return _SINGLE[field]
    match = _KEY.match(field)
    if match and match.group(1) in _LISTS:
        name, parts = _LISTS[match.group(1)]
        suffix = parts.get(match.group(3) or "", "")
        return f"{name} {int(match.group(2)) + 1}{suffix}"
    return field.replace("_", " ").capitalize()


def text_fields(debrief: Debrief) -> Iterator[tuple[str, str]]:
    """Yield ``(field key, text)`` for every free-text field the room writes together.

    Private notes and the parking lot are the facilitator's own scratch space and
    are not checked.
    """
    yield "purpose", debrief.purpose
    yield "summary", debrief.summary
    yield "impact", debrief.impact
    yield "response", debrief.response
    yield "detection.notes", debrief.detection.notes
    yield "fix.notes", debrief.fix.notes
    for i, event in enumerate(debrief.timeline):
        yield f"timeline[{i}].text", event.text
        yield f"timeline[{i}].known", event.known
        yield f"timeline[{i}].signals", event.signals
    for i, item in enumerate(debrief.went_wrong):
        yield f"went_wrong[{i}]", item.text
    for i, item in enumerate(debrief.went_right):
        yield f"went_right[{i}]", item.text
    for i, item in enumerate(debrief.got_lucky):
        yield f"got_lucky[{i}]", item.text
    for i, factor in enumerate(debrief.contributing_factors):
        yield f"contributing_factors[{i}].text", factor.text
    for i, item in enumerate(debrief.learnings):
        yield f"learnings[{i}]", item.text
    for i, action in enumerate(debrief.action_items):
        yield f"action_items[{i}].title", action.title
    yield "primary_cause", debrief.primary_cause


def is_ignored(field: str, finding: Finding, ignored: list[IgnoredFinding]) -> bool:
    """Return whether the facilitator chose to keep this finding."""
    for entry in ignored:
        if entry.rule != finding.rule:
            continue
        if not entry.text and not entry.field:
            return True  # the rule is ignored in the whole debrief
        if entry.field == field and entry.text == finding.text:
            return True
    return False


def debrief_findings(debrief: Debrief, checker: Checker | None = None) -> list[FieldFinding]:
    """Return the open findings in every free-text field of ``debrief``, in field order."""
    active = checker or default_checker()
    people = debrief.people
    ignored = list(debrief.ignored_findings)
    found: list[FieldFinding] = []
    for field, text in text_fields(debrief):
        if not text:
            continue
        for finding in active.check(text, people):
            if not is_ignored(field, finding, ignored):
                found.append(FieldFinding(field, finding))
    return found

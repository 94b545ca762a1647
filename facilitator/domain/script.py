"""The meeting script: the phases a facilitator walks through, loaded from TOML.

The default script ships in ``facilitator.resources/script/default.toml``; a team
can supply its own file with the same shape. Loading validates everything and
reports problems in sentences that point at the phase and key at fault, because
the person reading them edited a text file, not Python.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from facilitator.domain.changes import DebriefChanges
from facilitator.domain.model import Debrief

#: Parts of a debrief a phase can show. Each maps to one editor in the UI.
PARTS: tuple[str, ...] = (
    "details",
    "purpose",
    "ground_rules",
    "participants",
    "timeline",
    "response",
    "impact",
    "detection",
    "fix",
    "contributing_factors",
    "went_wrong",
    "went_right",
    "got_lucky",
    "learnings",
    "action_items",
    "classification",
    "summary",
    "checkpoint",
    "links",
    "review",
)

_PHASE_KEYS = {"id", "title", "goal", "timebox_minutes", "edits", "questions", "tips"}
_TOP_KEYS = {"name", "version", "purpose_template", "ground_rules", "phase"}


class ScriptError(ValueError):
    """A meeting script that cannot be used; the message says what to change."""


@dataclass(frozen=True)
class Phase:
    """One step of the meeting."""

    id: str
    title: str
    goal: str
    timebox_minutes: float
    edits: tuple[str, ...]
    questions: tuple[str, ...]
    tips: tuple[str, ...]

    @property
    def timebox_seconds(self) -> int:
        """The suggested timebox in whole seconds."""
        return round(self.timebox_minutes * 60)


@dataclass(frozen=True)
class MeetingScript:
    """A whole script: the phases in order plus the texts shared by all of them."""

    name: str
    phases: tuple[Phase, ...]
    purpose_template: str = ""
    ground_rules: tuple[str, ...] = ()

    def phase_for_part(self, part: str) -> int | None:
        """Return the index of the first phase that edits ``part``, or None."""
        for index, phase in enumerate(self.phases):
            if part in phase.edits:
                return index
        return None

    @property
    def total_minutes(self) -> float:
        """The sum of all timeboxes."""
        return sum(p.timebox_minutes for p in self.phases)


def _text(value: Any, where: str, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ScriptError(f"{where} must be a non-empty text in quotes.")
    return value.strip()


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ScriptError(f'{where} must be a list of non-empty texts, like ["…", "…"].')
    return tuple(v.strip() for v in value)


def _phase(raw: Any, number: int) -> Phase:
    where = f"Phase {number}"
    if not isinstance(raw, dict):
        raise ScriptError(f"{where} must be a [[phase]] table.")
    unknown = sorted(set(raw) - _PHASE_KEYS)
    if unknown:
        raise ScriptError(
            f"{where} has unknown keys: {', '.join(unknown)}. "
            f"Known keys: {', '.join(sorted(_PHASE_KEYS))}."
        )
    phase_id = _text(raw.get("id"), f"{where}: “id”")
    where = f"Phase {number} (“{phase_id}”)"
    timebox = raw.get("timebox_minutes", 5)
    if isinstance(timebox, bool) or not isinstance(timebox, int | float) or not 0 < timebox <= 240:
        raise ScriptError(f"{where}: “timebox_minutes” must be a number from 1 to 240.")
    edits = _texts(raw.get("edits"), f"{where}: “edits”")
    bad = [e for e in edits if e not in PARTS]
    if bad:
        raise ScriptError(
            f"{where}: “edits” names unknown parts: {', '.join(bad)}. "
            f"Known parts: {', '.join(PARTS)}."
        )
    return Phase(
        id=phase_id,
        title=_text(raw.get("title"), f"{where}: “title”"),
        goal=_text(raw.get("goal"), f"{where}: “goal”", required=False),
        timebox_minutes=float(timebox),
        edits=edits,
        questions=_texts(raw.get("questions"), f"{where}: “questions”"),
        tips=_texts(raw.get("tips"), f"{where}: “tips”"),
    )


def parse_script(text: str) -> MeetingScript:
    """Parse and validate a script from TOML text; raise :class:`ScriptError` if unusable."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScriptError(f"The script is not valid TOML: {exc}.") from exc
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ScriptError(f"The script has unknown top-level keys: {', '.join(unknown)}.")
    raw_phases = data.get("phase")
    if not isinstance(raw_phases, list) or not raw_phases:
        raise ScriptError("The script has no phases: add at least one [[phase]] table.")
    phases = tuple(_phase(raw, n) for n, raw in enumerate(raw_phases, start=1))
    seen: set[str] = set()
    for phase in phases:
        if phase.id in seen:
            raise ScriptError(f"Two phases share the id “{phase.id}”; ids must be unique.")
        seen.add(phase.id)
    return MeetingScript(
        name=_text(data.get("name", "Custom script"), "“name”"),
        phases=phases,
        purpose_template=_text(data.get("purpose_template"), "“purpose_template”", required=False),
        ground_rules=_texts(data.get("ground_rules"), "“ground_rules”"),
    )


def load_script(path: Path) -> MeetingScript:
    """Load a team's own script from ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScriptError(f"The script {path} could not be read: {exc}.") from exc
    try:
        return parse_script(text)
    except ScriptError as exc:
        raise ScriptError(f"{path.name}: {exc}") from exc


def default_script() -> MeetingScript:
    """Return the script that ships with the application."""
    resource = files("facilitator.resources") / "script" / "default.toml"
    return parse_script(resource.read_text(encoding="utf-8"))


def _filled(text: str) -> bool:
    return bool(text.strip())


def part_has_content(debrief: Debrief, part: str) -> bool:
    """Tell whether ``part`` of ``debrief`` holds anything the team wrote."""
    checks = {
        "details": lambda d: _filled(d.title) or _filled(d.incident),
        "purpose": lambda d: _filled(d.purpose),
        "ground_rules": lambda d: False,
        "participants": lambda d: bool(d.people),
        "timeline": lambda d: bool(d.timeline),
        "response": lambda d: _filled(d.response),
        "impact": lambda d: _filled(d.impact),
        "detection": lambda d: d.detection.answer is not None or _filled(d.detection.notes),
        "fix": lambda d: d.fix.answer is not None or _filled(d.fix.notes),
        "contributing_factors": lambda d: any(_filled(f.text) for f in d.contributing_factors),
        "went_wrong": lambda d: any(_filled(n.text) for n in d.went_wrong),
        "went_right": lambda d: any(_filled(n.text) for n in d.went_right),
        "got_lucky": lambda d: any(_filled(n.text) for n in d.got_lucky),
        "learnings": lambda d: any(_filled(n.text) for n in d.learnings),
        "action_items": lambda d: any(_filled(a.title) for a in d.action_items),
        "classification": lambda d: d.severity is not None or bool(d.services) or bool(d.tags),
        "summary": lambda d: _filled(d.summary),
        "checkpoint": lambda d: d.checkpoint_at is not None,
        "links": lambda d: any(_filled(link.url) or _filled(link.label) for link in d.links),
        "review": lambda d: _filled(d.owner) or d.review_status is not None or bool(d.reviewers),
    }
    return checks[part](debrief)


def phase_has_content(debrief: Debrief, phase: Phase) -> bool:
    """Tell whether the team has written anything in a phase (drives the sidebar marks)."""
    return any(part_has_content(debrief, part) for part in phase.edits if part != "ground_rules")


def part_of_field(field_key: str) -> str:
    """Map a NoteEdit field key ("timeline[3].text", "detection.notes") to its part."""
    head = field_key.split("[", 1)[0].split(".", 1)[0]
    return {"primary_cause": "classification", "reviewers": "review", "owner": "review"}.get(
        head, head
    )


#: Which part of the meeting script shows each attribute of the debrief.
_PART_OF: dict[str, str] = {
    "title": "details",
    "incident": "details",
    "facilitator": "details",
    "meeting_at": "details",
    "started_at": "timeline",
    "detected_at": "timeline",
    "mitigated_at": "timeline",
    "resolved_at": "timeline",
    "timezone": "timeline",
    "checkpoint_at": "checkpoint",
    "severity": "classification",
    "services": "classification",
    "tags": "classification",
    "primary_cause": "classification",
    "owner": "review",
    "review_status": "review",
    "reviewers": "review",
    "private_notes": "private_notes",
    "parking_lot": "parking_lot",
    "ignored_findings": "ignored_findings",
    "conflicts": "conflicts",
}


def parts_changed(changes: DebriefChanges) -> list[str]:
    """The script parts (``facilitator.domain.script.PARTS``) a change set touches."""
    names = [*changes.fields, *changes.lists]
    return sorted({_PART_OF.get(name, name) for name in names})

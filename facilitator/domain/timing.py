"""Timing measured from the timeline: time to detect, time to fix, and ordering problems.

Detection is measured from the moment the problem began (not from the first
complaint) to the moment it was detected. Fixing is measured from detection to
mitigation, or to resolution when nothing mitigated it first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from facilitator.domain.model import Debrief, EventKind, TimelineEvent

#: Stretch goals the team can aim at once the default targets are met.
STRETCH_DETECTION_MINUTES = 0.5
STRETCH_FIX_MINUTES = 1.0

#: A debrief held later than this after resolution loses detail; earlier than a day loses calm.
SOAK_WARNING_DAYS = 7

#: The moment fields in story order, with the event kind that marks each.
MOMENTS: tuple[tuple[str, EventKind, str], ...] = (
    ("started_at", EventKind.TRIGGER, "Problem started"),
    ("detected_at", EventKind.DETECTION, "Detected"),
    ("mitigated_at", EventKind.MITIGATION, "Mitigated"),
    ("resolved_at", EventKind.RESOLUTION, "Resolved"),
)


def _elapsed(start: datetime | None, end: datetime | None) -> timedelta | None:
    if start is None or end is None:
        return None
    return end - start


def time_to_detect(debrief: Debrief) -> timedelta | None:
    """Return how long the problem went unnoticed, or None when a moment is missing."""
    return _elapsed(debrief.started_at, debrief.detected_at)


def time_to_fix(debrief: Debrief) -> timedelta | None:
    """Return the time from detection to mitigation (or resolution), or None."""
    return _elapsed(debrief.detected_at, debrief.mitigated_at or debrief.resolved_at)


def total_duration(debrief: Debrief) -> timedelta | None:
    """Return the time from the start of the problem to its resolution, or None."""
    return _elapsed(debrief.started_at, debrief.resolved_at or debrief.mitigated_at)


@dataclass(frozen=True)
class TargetCheck:
    """A measured time compared with its target."""

    measured: timedelta | None
    target_minutes: float | None

    @property
    def met(self) -> bool | None:
        """True when within target, False when over, None when either side is unknown."""
        if self.measured is None or self.target_minutes is None:
            return None
        return self.measured <= timedelta(minutes=self.target_minutes)


def detection_check(debrief: Debrief) -> TargetCheck:
    """Compare the measured time to detect with the detection target."""
    return TargetCheck(time_to_detect(debrief), debrief.detection.target_minutes)


def fix_check(debrief: Debrief) -> TargetCheck:
    """Compare the measured time to fix with the fix target."""
    return TargetCheck(time_to_fix(debrief), debrief.fix.target_minutes)


def order_problems(debrief: Debrief) -> list[str]:
    """Return sentences describing moments that are in an impossible order."""
    problems: list[str] = []
    known = [
        (label, getattr(debrief, name)) for name, _kind, label in MOMENTS if getattr(debrief, name)
    ]
    for i, (label_a, at_a) in enumerate(known):
        for label_b, at_b in known[i + 1 :]:
            if at_b < at_a:
                problems.append(f"“{label_b}” is earlier than “{label_a}”.")
    return problems


def soak_warning(debrief: Debrief) -> str | None:
    """Warn when the meeting comes so long after resolution that memories have faded."""
    end = debrief.resolved_at or debrief.mitigated_at
    if end is None or debrief.meeting_at is None:
        return None
    gap = debrief.meeting_at - end
    if gap > timedelta(days=SOAK_WARNING_DAYS):
        return (
            f"This debrief is {gap.days} days after the incident was resolved. Details fade "
            "quickly: lean on chat logs, graphs and the timeline rather than memory."
        )
    return None


def format_duration(delta: timedelta | None) -> str:
    """Format a duration for people: "4 min 30 s", "2 h 05 min", "1 d 3 h"; "—" when unknown."""
    if delta is None:
        return "—"
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{sign}{days} d {hours} h"
    if hours:
        return f"{sign}{hours} h {minutes:02d} min"
    if minutes:
        return f"{sign}{minutes} min {secs} s" if secs else f"{sign}{minutes} min"
    return f"{sign}{secs} s"


def format_target(minutes: float | None) -> str:
    """Format a target in minutes for people: "5 min", "30 s", "automatic" for zero."""
    if minutes is None:
        return "no target"
    if minutes == 0:
        return "automatic"
    return format_duration(timedelta(minutes=minutes))


def moment_of(debrief: Debrief, event: TimelineEvent) -> str | None:
    """Return the moment field ("started_at", ...) ``event`` marks, if any.

    An event marks a moment when it has that moment's kind and its time is the
    moment's time; the detection and fix figures are measured between them.
    """
    if event.at is None:
        return None
    for name, kind, _label in MOMENTS:
        if event.kind == kind and getattr(debrief, name) == event.at:
            return name
    return None


def moment_label(name: str) -> str:
    """The label of a moment field: "started_at" -> "Problem started"."""
    return next(label for field, _kind, label in MOMENTS if field == name)

"""What every section builder shares: the debrief, its clocks and the words for its values."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.domain.model import ActionKind, ActionStatus, Debrief, ReviewStatus, Status
from facilitator.export.timefmt import Clock

NONE = "—"

STATUS = {
    Status.DRAFT: "Draft",
    Status.IN_MEETING: "In meeting",
    Status.PUBLISHED: "Published",
}
ACTION_STATUS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.WONT_DO: "Won't do",
}
ACTION_KIND = {
    ActionKind.PREVENT: "Prevent",
    ActionKind.DETECT: "Detect",
    ActionKind.MITIGATE: "Mitigate",
    ActionKind.PROCESS: "Process",
}
REVIEW_STATUS = {
    ReviewStatus.IN_REVIEW: "In review",
    ReviewStatus.REVIEWED: "Reviewed",
    ReviewStatus.APPROVED: "Approved",
}


def present(text: str) -> bool:
    """True when ``text`` holds more than white space."""
    return bool(text and text.strip())


@dataclass(frozen=True)
class Context:
    """The debrief, the clock for the timeline and the clock for its four moments."""

    debrief: Debrief
    timeline_clock: Clock
    moment_clock: Clock

    @classmethod
    def of(cls, debrief: Debrief) -> Context:
        moments = [
            debrief.started_at,
            debrief.detected_at,
            debrief.mitigated_at,
            debrief.resolved_at,
        ]
        return cls(
            debrief,
            Clock(debrief.timezone, [e.at for e in debrief.timeline]),
            Clock(debrief.timezone, moments),
        )

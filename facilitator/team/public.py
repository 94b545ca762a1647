"""What of a debrief goes to the team library, and what stays on this machine.

Private notes, the parking lot and the findings the facilitator chose to keep
never leave the machine; nor do edit conflicts about them. The phase timers are
never stored at all.
"""

from __future__ import annotations

from facilitator.domain.changes import snapshot
from facilitator.domain.model import Debrief, EditConflict

#: Debrief attributes that stay local.
PRIVATE_FIELDS: tuple[str, ...] = ("private_notes", "parking_lot", "ignored_findings")


def _private(conflict: EditConflict) -> bool:
    head = conflict.path.split("/", 1)[0].split(".", 1)[0]
    return head in PRIVATE_FIELDS


def public_copy(debrief: Debrief) -> Debrief:
    """A copy of ``debrief`` without what stays on this machine."""
    copy = snapshot(debrief)
    copy.private_notes = ""
    copy.parking_lot = []
    copy.ignored_findings = []
    copy.conflicts = [c for c in copy.conflicts if not _private(c)]
    return copy


def with_public(local: Debrief, public: Debrief) -> Debrief:
    """``public``'s shared content with ``local``'s private fields and local revision."""
    merged = snapshot(public)
    merged.private_notes = local.private_notes
    merged.parking_lot = snapshot(local).parking_lot
    merged.ignored_findings = list(local.ignored_findings)
    merged.conflicts = merged.conflicts + [c for c in snapshot(local).conflicts if _private(c)]
    merged.revision = local.revision
    return merged

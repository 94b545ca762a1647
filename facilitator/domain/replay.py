"""Walk-forward replay: reveal the timeline one event at a time, from the start.

Hindsight makes every past decision look obvious. Replaying the timeline with
later events hidden lets the room say what was known, and which signals were
visible, at each moment before the outcome colours the answer. This module holds
only the cursor; which events exist is the debrief's business.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from facilitator.domain.model import TimelineEvent

_LAST = datetime.max.replace(tzinfo=UTC)


def ordered_events(events: list[TimelineEvent]) -> list[tuple[int, TimelineEvent]]:
    """Return ``(index in events, event)`` in time order; undated events last, in list order.

    The index is kept because field keys ("timeline[3].known") name the stored position.
    """

    def key(pair: tuple[int, TimelineEvent]) -> datetime:
        at = pair[1].at
        if at is None:
            return _LAST
        # Storage may hand back naive values; they are UTC, and mixing kinds cannot be sorted.
        return at if at.tzinfo is not None else at.replace(tzinfo=UTC)

    return sorted(enumerate(events), key=key)


@dataclass(frozen=True)
class ReplayState:
    """Where a replay is: ``index`` is the position, in time order, of the current event.

    Events ``0..index`` are revealed; later ones stay hidden. The state is
    immutable: every move returns a new state, clamped to ``total`` events.
    """

    active: bool = False
    index: int = 0

    def start(self, total: int) -> ReplayState:
        """Begin a replay at the first event (no-op for an empty timeline)."""
        return ReplayState(active=total > 0, index=0)

    def stop(self) -> ReplayState:
        """End the replay; the whole timeline shows again."""
        return replace(self, active=False)

    def next(self, total: int) -> ReplayState:
        """Reveal one more event, stopping at the last."""
        return self.clamped(total, self.index + 1)

    def previous(self, total: int) -> ReplayState:
        """Step back one event, stopping at the first."""
        return self.clamped(total, self.index - 1)

    def reveal_all(self, total: int) -> ReplayState:
        """Reveal every event, keeping the replay on so the last one stays highlighted."""
        return self.clamped(total, total - 1)

    def reset(self, total: int) -> ReplayState:
        """Go back to the first event."""
        return self.clamped(total, 0)

    def clamped(self, total: int, index: int | None = None) -> ReplayState:
        """Keep ``index`` (default: the current one) within ``total`` events."""
        if not self.active:
            return self
        if total <= 0:
            return ReplayState(active=False, index=0)
        wanted = self.index if index is None else index
        return ReplayState(active=True, index=max(0, min(wanted, total - 1)))

    def revealed(self, total: int) -> int:
        """How many events, counted from the start, the room may see."""
        if not self.active:
            return total
        return max(0, min(self.index + 1, total))

    def at_end(self, total: int) -> bool:
        """True when the current event is the last one."""
        return self.active and self.index >= total - 1

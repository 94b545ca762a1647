"""Checkpoint states, proposals and the start-up reminder."""

from __future__ import annotations

from datetime import date

from facilitator.followup.checkpoints import (
    CheckpointStatus,
    DebriefCheckpoint,
    checkpoint_state,
    propose_next,
    relative_day,
    reminder,
)

TODAY = date(2026, 4, 1)


def test_states() -> None:
    s = checkpoint_state
    assert s(None, 2, None, TODAY).status is CheckpointStatus.NOT_SET
    assert s(date(2026, 3, 1), 0, None, TODAY).status is CheckpointStatus.CLEAR
    assert s(date(2026, 3, 29), 2, None, TODAY).status is CheckpointStatus.OVERDUE
    assert s(date(2026, 4, 1), 2, None, TODAY).status is CheckpointStatus.DUE
    assert s(date(2026, 4, 3), 2, None, TODAY).status is CheckpointStatus.DUE
    assert s(date(2026, 4, 4), 2, None, TODAY).status is CheckpointStatus.UPCOMING
    assert s(date(2026, 3, 29), 2, date(2026, 3, 30), TODAY).status is CheckpointStatus.HELD


def test_sentences() -> None:
    overdue = checkpoint_state(date(2026, 3, 29), 1, date(2026, 3, 1), TODAY)
    assert overdue.sentence() == (
        "Checkpoint overdue by 3 days (29 Mar 2026); 1 action item open. Last held 1 Mar 2026."
    )
    assert checkpoint_state(date(2026, 4, 1), 2, None, TODAY).sentence() == (
        "Checkpoint today (1 Apr 2026); 2 action items open."
    )
    assert "in 9 days" in checkpoint_state(date(2026, 4, 10), 2, None, TODAY).sentence()
    assert relative_day(-1) == "yesterday" and relative_day(-4) == "4 days ago"


def test_propose_next_only_while_items_stay_open() -> None:
    assert propose_next(TODAY, 3) == date(2026, 4, 15)
    assert propose_next(TODAY, 0) is None


def test_reminder_orders_most_overdue_first_and_says_how_many_more() -> None:
    def entry(title: str, day: date) -> DebriefCheckpoint:
        return DebriefCheckpoint(title, title, checkpoint_state(day, 1, None, TODAY))

    entries = [
        entry("A", date(2026, 3, 30)),
        entry("B", date(2026, 3, 20)),
        entry("C", date(2026, 4, 1)),
        entry("D", date(2026, 4, 2)),
        entry("Later", date(2026, 5, 1)),
    ]
    note = reminder(entries, 1)
    assert [e.title for e in note.overdue] == ["B", "A"]
    assert [e.title for e in note.due] == ["C", "D"]
    assert note.sentence() == (
        "Checkpoints: “B” overdue by 12 days, “A” overdue by 2 days, 2 more. "
        "1 action item is past due."
    )
    assert note.badge() == "4 checkpoints due · 1 past due"
    assert reminder([], 0).empty and reminder([], 0).sentence() == ""

"""Walk-forward replay cursor: moves, clamping, and time order of events."""

from __future__ import annotations

from datetime import UTC, datetime

from facilitator.domain.model import TimelineEvent
from facilitator.domain.replay import ReplayState, ordered_events


def test_inactive_replay_reveals_everything() -> None:
    assert ReplayState().revealed(5) == 5
    assert ReplayState().next(5) == ReplayState()


def test_start_reveals_only_the_first_event() -> None:
    state = ReplayState().start(4)
    assert state.active and state.index == 0
    assert state.revealed(4) == 1


def test_moves_are_clamped_to_the_timeline() -> None:
    state = ReplayState().start(3)
    assert state.previous(3).index == 0
    state = state.next(3).next(3).next(3)
    assert state.index == 2 and state.at_end(3)
    assert state.reveal_all(3).revealed(3) == 3
    assert state.reset(3).index == 0
    assert state.stop().active is False


def test_shrinking_timeline_pulls_the_cursor_back_and_empty_ends_replay() -> None:
    state = ReplayState().start(5).reveal_all(5)
    assert state.clamped(2).index == 1
    assert state.clamped(0).active is False


def test_starting_on_an_empty_timeline_does_nothing() -> None:
    assert ReplayState().start(0).active is False


def test_events_are_ordered_by_time_with_undated_last_and_keep_their_index() -> None:
    late = TimelineEvent(datetime(2026, 1, 1, 12, tzinfo=UTC), text="late")
    early = TimelineEvent(datetime(2026, 1, 1, 9, tzinfo=UTC), text="early")
    naive = TimelineEvent(datetime(2026, 1, 1, 10), text="naive")
    undated = TimelineEvent(None, text="undated")
    ordered = ordered_events([undated, late, early, naive])
    assert [(i, e.text) for i, e in ordered] == [
        (2, "early"),
        (3, "naive"),
        (1, "late"),
        (0, "undated"),
    ]

"""The picker's rules without Qt: defaults, ranges that keep threads whole, people, moments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from facilitator.domain.model import EventKind, TimelineEvent
from facilitator.evidence import Candidate
from facilitator.evidence.choice import Choice

T = datetime(2026, 3, 13, 23, 0, tzinfo=UTC)


def candidates() -> list[Candidate]:
    return [
        Candidate(T, "alert firing", "Alertmanager", person=False, source="s#1"),
        Candidate(T + timedelta(minutes=2), "looking", "Ada", source="s#2"),
        Candidate(
            T + timedelta(minutes=50), "found it, thread reply", "Ravi", source="s#3", thread="s#2"
        ),
        Candidate(T + timedelta(minutes=5), "paging", "ada", source="s#4"),
        Candidate(T + timedelta(minutes=20), "rolled back", "Ravi", source="s#5"),
    ]


def test_duplicates_start_left_out_and_everything_else_chosen() -> None:
    choice = Choice(candidates(), {4: TimelineEvent(T, EventKind.NOTE, "x")})
    assert choice.chosen == [True, True, True, True, False]
    assert choice.count == 4
    assert choice.choose([4, 0], True) == [4]
    assert choice.only([1], among=[0, 1, 2]) == [0, 2]
    assert choice.chosen == [False, True, False, True, True]


def test_a_time_range_keeps_threads_whole_and_leaves_duplicates_alone() -> None:
    choice = Choice(candidates(), {3: TimelineEvent(T, EventKind.NOTE, "x")})
    among = range(5)
    # From "looking" (23:02) to "paging" (23:05): the 23:50 reply comes with its parent;
    # the duplicate at 23:05 stays out.
    assert choice.time_range(3, 1, among) == [1, 2]
    assert choice.time_range(0, 4, among) == [0, 1, 2, 4]


def test_everything_from_one_person_ignores_case() -> None:
    choice = Choice(candidates())
    assert choice.from_author("ADA", range(5)) == [1, 3]


def test_a_moment_is_marked_by_one_row_which_is_chosen_and_takes_its_kind() -> None:
    choice = Choice(candidates(), {4: TimelineEvent(T, EventKind.NOTE, "x")})
    assert choice.set_moment(4, "mitigation") == [4]
    assert choice.chosen[4] and choice.kinds[4] is EventKind.MITIGATION
    assert choice.set_moment(1, "mitigation") == [1, 4]
    assert choice.moment_of(4) is None and choice.moment_of(1) == "mitigation"
    choice.set_moment(1, "detection")
    assert choice.moments == {"detection": 1}
    choice.set_kind(1, EventKind.NOTE)  # the kind no longer fits the moment
    assert choice.moments == {}


def test_the_result_is_reindexed_to_the_chosen_rows() -> None:
    choice = Choice(candidates())
    choice.choose([0, 2], False)
    choice.set_kind(3, EventKind.ESCALATION)
    choice.set_moment(4, "resolution")
    result = choice.result()
    assert [c.source for c in result.candidates] == ["s#2", "s#4", "s#5"]
    assert result.kinds == {1: EventKind.ESCALATION, 2: EventKind.RESOLUTION}
    assert result.moments == {"resolution": 2}

"""Board filters and counts, without Qt."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from facilitator.domain.model import ActionStatus, Priority
from facilitator.followup.filters import (
    ActionFilter,
    DueFilter,
    StatusFilter,
    choices,
    count,
    end_of_week,
)
from facilitator.followup.records import ActionRecord, default_user, records_of

from support.samples import sample_debrief

TODAY = date(2026, 4, 1)  # a Wednesday


def _records() -> list[ActionRecord]:
    base = ActionRecord("d1", "u0", "Base", services=("api",), tags=("config",))
    return [
        replace(base, uid="u1", title="Overdue", due=date(2026, 3, 20), owner="Ada"),
        replace(base, uid="u2", title="This week", due=date(2026, 4, 5), priority=Priority.P1),
        replace(
            base, uid="u3", title="Later", due=date(2026, 4, 6), status=ActionStatus.IN_PROGRESS
        ),
        replace(base, uid="u4", title="Undated", owner="ada "),
        replace(base, uid="u5", title="Closed", status=ActionStatus.DONE, due=date(2026, 1, 1)),
        replace(
            base, uid="u6", title="Dropped", status=ActionStatus.WONT_DO, debrief_id="d2",
            services=("db",), tags=(), ticket="OPS-1",
        ),
    ]  # fmt: skip


def _titles(f: ActionFilter) -> list[str]:
    return [r.title for r in f.apply(_records(), TODAY)]


def test_status_filters() -> None:
    assert _titles(ActionFilter()) == ["Overdue", "This week", "Later", "Undated"]
    assert _titles(ActionFilter(StatusFilter.DONE)) == ["Closed"]
    assert _titles(ActionFilter(StatusFilter.DROPPED)) == ["Dropped"]
    assert _titles(ActionFilter(StatusFilter.IN_PROGRESS)) == ["Later"]
    assert _titles(ActionFilter(StatusFilter.NOT_STARTED)) == ["Overdue", "This week", "Undated"]
    assert len(_titles(ActionFilter(StatusFilter.ALL))) == 6


def test_due_filters_use_the_calendar_week() -> None:
    assert end_of_week(TODAY) == date(2026, 4, 5)
    assert _titles(ActionFilter(due=DueFilter.OVERDUE)) == ["Overdue"]
    assert _titles(ActionFilter(due=DueFilter.THIS_WEEK)) == ["This week"]
    assert _titles(ActionFilter(due=DueFilter.NONE)) == ["Undated"]
    # A closed item is never overdue, whatever its date.
    assert _titles(ActionFilter(StatusFilter.ALL, due=DueFilter.OVERDUE)) == ["Overdue"]


def test_owner_priority_service_tag_debrief_ticket_and_text() -> None:
    every = StatusFilter.ALL
    assert _titles(ActionFilter(owner="ADA")) == ["Overdue", "Undated"]
    assert _titles(ActionFilter(priority="P1")) == ["This week"]
    assert _titles(ActionFilter(priority="none")) == ["Overdue", "Later", "Undated"]
    assert _titles(ActionFilter(every, service="db")) == ["Dropped"]
    assert _titles(ActionFilter(every, tag="config")) == [
        "Overdue", "This week", "Later", "Undated", "Closed",
    ]  # fmt: skip
    assert _titles(ActionFilter(every, debrief_id="d2")) == ["Dropped"]
    assert "Dropped" not in _titles(ActionFilter(every, without_ticket=True))
    assert _titles(ActionFilter(every, text="week")) == ["This week"]


def test_counts_for_the_header() -> None:
    counts = count(_records(), TODAY)
    assert (counts.total, counts.open, counts.in_progress) == (6, 3, 1)
    assert (counts.overdue, counts.due_this_week, counts.done, counts.dropped) == (1, 1, 1, 1)
    assert counts.sentence() == (
        "4 open (1 in progress)  ·  1 overdue  ·  1 due this week  ·  1 done  ·  1 won't do"
    )


def test_choices_are_sorted_and_unique() -> None:
    picked = choices(_records())
    assert picked == {"owner": ["Ada", "ada"], "service": ["api", "db"], "tag": ["config"]}


def test_records_of_a_debrief_resolve_what_they_answer() -> None:
    debrief = sample_debrief()
    records = records_of(debrief)
    assert [r.position for r in records] == [0, 1]
    assert records[1].answers_text == "Detection: could we have detected it within 5 min?"
    assert records[0].checkpoint_at == debrief.checkpoint_at


def test_default_user_prefers_the_setting_variable(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FACILITATOR_USER", "Maya")
    assert default_user() == "Maya"
    monkeypatch.delenv("FACILITATOR_USER")
    assert default_user()


def test_the_fast_predicate_agrees_with_matches() -> None:
    import itertools

    records = _records()
    for status, due, owner, service, debrief, ticket in itertools.product(
        list(StatusFilter), list(DueFilter), ("", "ada"), ("", "db"), ("", "d2"), (False, True)
    ):
        f = ActionFilter(status, owner, "", due, service, "", debrief, ticket)
        test = f.predicate(TODAY)
        assert [test(r) for r in records] == [f.matches(r, TODAY) for r in records]

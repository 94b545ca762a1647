"""Follow-up storage on SQLite and PostgreSQL: the board's query, inline changes, reviews."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.domain.model import ActionItem, ActionStatus, Debrief, Priority
from facilitator.followup.checkpoints import CheckpointStatus
from facilitator.followup.review import Choice, Decision, ReviewKind
from facilitator.storage import DebriefService, NotFoundError
from facilitator.storage.followup import FollowUpService

from support.samples import sample_debrief

TODAY = date(2026, 4, 2)


@pytest.fixture
def stores(db_url: str):  # type: ignore[no-untyped-def]
    with DebriefService(db_url) as service:
        yield service, FollowUpService(service)


def test_actions_lists_every_item_with_its_debrief(stores) -> None:  # type: ignore[no-untyped-def]
    service, follow = stores
    debrief = sample_debrief()
    service.save(debrief)
    other = Debrief(title="DNS", action_items=[ActionItem("Add a second resolver"), ActionItem("")])
    service.save(other)
    records = follow.actions()
    assert sorted(r.title for r in records) == [
        "Add a second resolver",
        "Saturation alert on payment pool",
        "Validate pool limits in CI",
    ]
    first = next(r for r in records if r.title == "Validate pool limits in CI")
    assert first.debrief_title == debrief.title
    assert first.services == ("checkout", "payment-gateway")
    assert first.tags == ("config", "database-pool")
    assert (
        first.answers_text == "Contributing factor: Config validation does not check pool limits."
    )
    assert first.priority is Priority.P1 and first.due == date(2026, 3, 27)
    assert first.debrief_day == date(2026, 3, 13)
    alert = next(r for r in records if r.title.startswith("Saturation"))
    assert alert.answers_text == "Detection: could we have detected it within 5 min?"
    assert [r.title for r in follow.actions(other.id)] == ["Add a second resolver"]


def test_update_changes_the_item_records_history_and_raises_the_revision(stores) -> None:  # type: ignore[no-untyped-def]
    service, follow = stores
    debrief = sample_debrief()
    service.save(debrief)
    revision = service.load(debrief.id).revision
    uid = debrief.action_items[0].uid
    entries = follow.update(
        debrief.id, uid, "maya", status=ActionStatus.DONE, owner="Ada Okafor", due=date(2026, 4, 9)
    )
    assert [(e.field, e.old, e.new) for e in entries] == [
        ("status", "open", "done"),
        ("due", "2026-03-27", "2026-04-09"),
    ]
    loaded = service.load(debrief.id)
    assert loaded.action_items[0].status is ActionStatus.DONE
    assert loaded.action_items[0].due == date(2026, 4, 9)
    assert loaded.revision == revision + 1
    history = follow.history(debrief.id, uid)
    assert [(h.who, h.field, h.new) for h in history] == [
        ("maya", "status", "done"),
        ("maya", "due", "2026-04-09"),
    ]
    assert history[0].at.tzinfo is not None
    assert follow.update(debrief.id, uid, "maya", owner="Ada Okafor") == []
    with pytest.raises(NotFoundError):
        follow.update(debrief.id, "gone", "maya", status=ActionStatus.DONE)
    with pytest.raises(ValueError, match="title"):
        follow.update(debrief.id, uid, "maya", title="x")


def test_a_checkpoint_applies_decisions_and_sets_the_next_date(stores) -> None:  # type: ignore[no-untyped-def]
    service, follow = stores
    debrief = sample_debrief()
    service.save(debrief)
    first, second = follow.actions(debrief.id)
    review = follow.start_review(ReviewKind.CHECKPOINT, "maya", TODAY, debrief.id)
    follow.decide(review.id, first, Choice(Decision.DONE, note="Merged last week"), "maya")
    # Changing one's mind replaces the decision; the history keeps both.
    follow.decide(review.id, second, Choice(Decision.STILL_RELEVANT, due=date(2026, 4, 30)), "maya")
    follow.decide(
        review.id,
        second,
        Choice(Decision.STILL_RELEVANT, due=date(2026, 5, 7), priority=Priority.P1),
        "maya",
    )
    done = follow.finish_review(review.id, held_on=TODAY, next_checkpoint=date(2026, 4, 16))
    assert [d.decision for d in done.decisions] == [Decision.DONE, Decision.STILL_RELEVANT]
    assert done.decisions[1].before_due == date(2026, 3, 30)
    assert done.decisions[1].after_due == date(2026, 5, 7)
    assert done.decisions[0].note == "Merged last week"
    loaded = service.load(debrief.id)
    assert [a.status for a in loaded.action_items] == [ActionStatus.DONE, ActionStatus.IN_PROGRESS]
    assert loaded.action_items[1].priority is Priority.P1
    assert loaded.checkpoint_at == date(2026, 4, 16)
    notes = [h.note for h in follow.history(debrief.id, second.uid)]
    assert notes and all("still relevant at the review" in n for n in notes)
    assert follow.last_held() == {debrief.id: TODAY}
    state = follow.checkpoint_of(debrief.id, TODAY)
    assert state.status is CheckpointStatus.UPCOMING and state.open_items == 1
    assert [r.id for r in follow.reviews(debrief.id)] == [review.id]


def test_a_checkpoint_without_open_items_keeps_the_day_it_was_held(stores) -> None:  # type: ignore[no-untyped-def]
    service, follow = stores
    debrief = sample_debrief()
    service.save(debrief)
    review = follow.start_review(ReviewKind.CHECKPOINT, "maya", TODAY, debrief.id)
    for record in follow.actions(debrief.id):
        follow.decide(review.id, record, Choice(Decision.DROPPED, reason="Superseded"), "maya")
    follow.finish_review(review.id, held_on=TODAY)
    assert service.load(debrief.id).checkpoint_at == TODAY
    assert follow.checkpoint_of(debrief.id, TODAY).status is CheckpointStatus.CLEAR


def test_reminder_names_overdue_checkpoints_and_counts_items_past_due(stores) -> None:  # type: ignore[no-untyped-def]
    service, follow = stores
    debrief = sample_debrief()  # checkpoint 30 March, one item due 27 March, one 30 March
    service.save(debrief)
    service.save(Debrief(title="No items", checkpoint_at=date(2026, 3, 1)))
    note = follow.reminder(TODAY)
    assert [e.title for e in note.overdue] == [debrief.title]
    assert note.overdue[0].state.days == -3
    assert note.items_past_due == 2
    assert (
        "overdue by 3 days" in note.sentence() and "2 action items are past due" in note.sentence()
    )
    assert note.badge() == "1 checkpoint due · 2 past due"


def test_deleting_a_debrief_deletes_its_history_and_reviews(stores) -> None:  # type: ignore[no-untyped-def]
    service, follow = stores
    debrief = sample_debrief()
    service.save(debrief)
    record = follow.actions(debrief.id)[0]
    review = follow.start_review(ReviewKind.MONTHLY, "maya", TODAY)
    follow.decide(review.id, record, Choice(Decision.DONE), "maya")
    service.delete(debrief.id)
    assert follow.history(debrief.id, record.uid) == []
    assert follow.review(review.id).decisions == ()


def test_participants_by_debrief(stores) -> None:  # type: ignore[no-untyped-def]
    service, follow = stores
    debrief = sample_debrief()
    service.save(debrief)
    people = follow.participants([debrief.id, "unknown"])
    assert [p.name for p in people[debrief.id]][:2] == ["Maya Chen", "Ravi Patel"]
    assert people["unknown"] == []

"""Two windows on one library: revisions, merges, and no edit lost under concurrent saves."""

from __future__ import annotations

import threading

import pytest

from facilitator.domain.changes import snapshot
from facilitator.domain.model import TimelineEvent
from facilitator.storage import DebriefService, StorageError

from support.samples import at, sample_debrief


def test_every_save_raises_the_revision(db_url: str) -> None:
    with DebriefService(db_url) as service:
        debrief = service.create("Revisions")
        assert debrief.revision == 1
        service.save(debrief)
        assert debrief.revision == 2 == service.revision_of(debrief.id)
        assert service.load(debrief.id).revision == 2
        assert service.revision_of("no-such-id") is None


def test_two_windows_editing_different_parts_both_keep_their_edits(db_url: str) -> None:
    with DebriefService(db_url) as a, DebriefService(db_url) as b:
        a.save(sample_debrief())
        mine = a.load(sample_debrief().id)
        theirs = b.load(mine.id)  # window B opened earlier, still on the old revision
        base_b = snapshot(theirs)
        mine.impact = "Impact written in window A."
        a.save(mine, base=snapshot(mine))
        theirs.timeline.append(TimelineEvent(at(1, 0), text="Added in window B."))
        result = b.save(theirs, base=base_b)
        assert result.merged is not None and result.conflicts == ()
        stored = a.load(mine.id)
    assert stored.impact == "Impact written in window A."
    assert stored.timeline[-1].text == "Added in window B."
    assert len(stored.timeline) == len(sample_debrief().timeline) + 1
    assert stored.revision == result.revision == 3


def test_the_same_text_from_two_windows_becomes_a_conflict_note(db_url: str) -> None:
    with DebriefService(db_url) as a, DebriefService(db_url) as b:
        a.save(sample_debrief())
        first, second = a.load(sample_debrief().id), b.load(sample_debrief().id)
        base = snapshot(first)
        first.summary = "Summary typed in the first window."
        a.save(first, base=base)
        second.summary = "Summary typed in the second window."
        result = b.save(second, base=base)
        stored = a.load(first.id)
    assert stored.summary == "Summary typed in the first window."
    assert [(c.path, c.text) for c in stored.conflicts] == [
        ("summary", "Summary typed in the second window.")
    ]
    assert [c.text for c in result.conflicts] == ["Summary typed in the second window."]


def test_a_failed_save_leaves_the_copy_as_it_was(db_url: str) -> None:
    with DebriefService(db_url) as service:
        debrief = service.create("x")
        revision, updated = debrief.revision, debrief.updated_at
        debrief.timeline.append(TimelineEvent(at(1, 0), text="x"))
        debrief.timeline[0].at = at(1, 0).replace(tzinfo=None)  # refused by the column type
        with pytest.raises(StorageError):
            service.save(debrief)
        assert (debrief.revision, debrief.updated_at) == (revision, updated)


def test_threads_saving_at_once_lose_no_event(db_url: str) -> None:
    """Two threads, each with its own copy and service, add events in 30 rounds."""
    with DebriefService(db_url) as setup:
        debrief_id = setup.create("Concurrency").id
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            with DebriefService(db_url) as service:
                copy = service.load(debrief_id)
                base = snapshot(copy)
                for round_ in range(30):
                    copy.timeline.append(TimelineEvent(at(2, round_ % 60), text=f"{name}-{round_}"))
                    result = service.save(copy, base=base)
                    if result.merged is not None:
                        copy = result.merged
                    base = snapshot(copy)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with DebriefService(db_url) as service:
        texts = {e.text for e in service.load(debrief_id).timeline}
    assert texts == {f"{n}-{r}" for n in "AB" for r in range(30)}


def test_incremental_saves_of_inserts_moves_and_removals_store_the_same_order(
    db_url: str,
) -> None:
    import random

    from facilitator.domain.model import ActionItem, Note

    rng = random.Random(7)
    with DebriefService(db_url) as service:
        debrief = sample_debrief()
        debrief.timeline = [TimelineEvent(at(0, n % 60), text=f"event {n}") for n in range(120)]
        service.save(debrief)
        copy = service.load(debrief.id)
        for step in range(40):
            base = snapshot(copy)
            events, learnings = copy.timeline, copy.learnings
            for _ in range(rng.randint(1, 4)):
                kind = rng.choice(["insert", "remove", "move", "edit", "learning"])
                if kind == "insert":
                    events.insert(rng.randrange(len(events) + 1), TimelineEvent(text=f"new {step}"))
                elif kind == "remove" and events:
                    events.pop(rng.randrange(len(events)))
                elif kind == "move" and len(events) > 1:
                    moved = events.pop(rng.randrange(len(events)))
                    events.insert(rng.randrange(len(events) + 1), moved)
                elif kind == "edit" and events:
                    events[rng.randrange(len(events))].text += " edited"
                else:
                    learnings.insert(0, Note(f"learning {step}"))
                    copy.action_items.insert(0, ActionItem(title=f"action {step}"))
            service.save(copy, base=base)
            stored = service.load(copy.id)
            assert [e.text for e in stored.timeline] == [e.text for e in copy.timeline], step
            assert [n.text for n in stored.learnings] == [n.text for n in copy.learnings]
            assert [a.title for a in stored.action_items] == [a.title for a in copy.action_items]
            copy = stored

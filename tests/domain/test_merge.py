"""Three-way merge: both edits survive, the same text edited twice becomes a visible conflict."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.domain.changes import snapshot
from facilitator.domain.merge import merge, merge_order
from facilitator.domain.model import Note, TimelineEvent, texts

from support.samples import at, sample_debrief


def test_edits_to_different_fields_and_items_both_survive() -> None:
    base = sample_debrief()
    ours, theirs = snapshot(base), snapshot(base)
    ours.impact = "Impact as window A wrote it."
    theirs.timeline.append(TimelineEvent(at(0, 30), text="Postmortem scheduled."))
    theirs.learnings[0].text = "Reworded by B."
    result = merge(base, ours, theirs)
    merged = result.debrief
    assert merged.impact == "Impact as window A wrote it."
    assert merged.timeline[-1].text == "Postmortem scheduled."
    assert merged.learnings[0].text == "Reworded by B."
    assert result.conflicts == ()


def test_the_same_text_changed_twice_keeps_the_stored_one_and_a_conflict_note() -> None:
    base = sample_debrief()
    ours, theirs = snapshot(base), snapshot(base)
    ours.impact = "Ours: 18% of checkouts failed."
    theirs.impact = "Theirs: one in five checkouts failed."
    event = base.timeline[2].uid
    ours.timeline[2].text = "Ours: incident declared."
    theirs.timeline[2].text = "Theirs: SEV2 declared by the IC."
    result = merge(base, ours, theirs)
    assert result.debrief.impact == "Theirs: one in five checkouts failed."
    assert result.debrief.timeline[2].text == "Theirs: SEV2 declared by the IC."
    notes = {c.path: c for c in result.debrief.conflicts}
    assert notes["impact"].text == "Ours: 18% of checkouts failed."
    assert notes["impact"].label == "Impact"
    assert notes[f"timeline/{event}/text"].text == "Ours: incident declared."
    assert len(result.conflicts) == 2


def test_fields_of_one_item_merge_separately() -> None:
    base = sample_debrief()
    ours, theirs = snapshot(base), snapshot(base)
    ours.timeline[1].text = "Alert paged the on-call engineer."
    theirs.timeline[1].at = at(0, 3)
    merged = merge(base, ours, theirs).debrief
    assert (merged.timeline[1].text, merged.timeline[1].at) == (
        "Alert paged the on-call engineer.",
        at(0, 3),
    )


def test_a_deleted_item_stays_deleted_unless_the_other_side_edited_it() -> None:
    base = sample_debrief()
    ours, theirs = snapshot(base), snapshot(base)
    del ours.went_right[0]  # we delete, they leave it: gone
    del ours.learnings[1]  # we delete, they edit: kept with their edit
    theirs.learnings[1].text = "Alert on pool saturation, not only errors."
    del theirs.participants[2]  # they delete, we leave it: gone
    merged = merge(base, ours, theirs).debrief
    assert texts(merged.went_right) == ["Support posted a status update quickly."]
    assert "Alert on pool saturation, not only errors." in texts(merged.learnings)
    assert [p.name for p in merged.participants] == ["Maya Chen", "Ravi Patel"]


def test_items_added_on_both_sides_are_all_kept_in_a_sensible_order() -> None:
    base = sample_debrief()
    ours, theirs = snapshot(base), snapshot(base)
    ours.learnings.insert(1, Note("Ours, after the first."))
    theirs.learnings.append(Note("Theirs, at the end."))
    merged = merge(base, ours, theirs).debrief
    assert texts(merged.learnings) == [
        base.learnings[0].text,
        "Ours, after the first.",
        base.learnings[1].text,
        base.learnings[2].text,
        "Theirs, at the end.",
    ]


def test_label_lists_merge_as_sets() -> None:
    base = sample_debrief()
    ours, theirs = snapshot(base), snapshot(base)
    ours.tags = ["config", "night"]  # removed database-pool, added night
    theirs.tags = [*base.tags, "rollback"]
    assert merge(base, ours, theirs).debrief.tags == ["config", "rollback", "night"]


def test_without_a_base_nothing_is_dropped() -> None:
    theirs = sample_debrief()
    ours = snapshot(theirs)
    ours.summary = "A different summary."
    ours.timeline.append(TimelineEvent(at(1, 0), text="Ours only."))
    theirs.timeline.append(TimelineEvent(at(1, 5), text="Theirs only."))
    result = merge(None, ours, theirs)
    assert {"Ours only.", "Theirs only."} <= {e.text for e in result.debrief.timeline}
    assert [c.text for c in result.conflicts] == ["A different summary."]


def test_our_reorder_wins_when_they_did_not_reorder() -> None:
    # Their new item follows its predecessor on their side.
    assert merge_order(["a", "b", "c"], ["c", "a", "b"], ["a", "b", "c", "d"]) == [
        "c",
        "d",
        "a",
        "b",
    ]
    assert merge_order(["a", "b", "c"], ["a", "b", "c"], ["b", "a", "c"]) == ["b", "a", "c"]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_every_edit_survives_a_random_concurrent_session(seed: int) -> None:
    """Random edits on both sides: each side's final text is in its field or in a conflict note."""
    rng = random.Random(seed)
    base = sample_debrief()
    ours, theirs = snapshot(base), snapshot(base)
    for side, name in ((ours, "A"), (theirs, "B")):
        for n in range(rng.randint(1, 6)):
            text = f"{name}-edit-{n}-{rng.random():.6f}"
            choice = rng.randrange(5)
            if choice == 0:
                side.impact = text
            elif choice == 1:
                side.timeline.append(TimelineEvent(at(2, rng.randrange(60)), text=text))
            elif choice == 2:
                rng.choice(side.learnings).text = text
            elif choice == 3:
                side.learnings.append(Note(text))
            elif side.went_right:
                side.went_right.pop(rng.randrange(len(side.went_right)))
    merged = merge(base, ours, theirs).debrief
    present = (
        {merged.impact}
        | {e.text for e in merged.timeline}
        | set(texts(merged.learnings))
        | {c.text for c in merged.conflicts}
    )
    for side in (ours, theirs):
        typed = {side.impact} - {base.impact}
        typed |= {e.text for e in side.timeline} - {e.text for e in base.timeline}
        typed |= set(texts(side.learnings)) - set(texts(base.learnings))
        assert typed <= present
    # Nobody edits what went right here, so a deletion on either side goes through.
    for note in base.went_right:
        kept = note.uid in {n.uid for n in ours.went_right} & {n.uid for n in theirs.went_right}
        assert kept == (note.uid in {n.uid for n in merged.went_right})

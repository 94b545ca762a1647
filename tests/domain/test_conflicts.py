"""Putting a conflict's text back swaps it with the field's, so nothing is lost either way."""

from __future__ import annotations

from facilitator.domain.conflicts import can_use, use_conflict_text
from facilitator.domain.model import EditConflict

from support.samples import sample_debrief


def test_a_scalar_text_comes_back_and_the_replaced_text_is_kept() -> None:
    debrief = sample_debrief()
    conflict = EditConflict(path="impact", label="Impact", text="The other impact.")
    debrief.conflicts = [conflict]
    old = debrief.impact
    assert can_use(debrief, conflict)
    assert use_conflict_text(debrief, conflict) == "impact"
    assert debrief.impact == "The other impact."
    assert [c.text for c in debrief.conflicts] == [old]


def test_item_and_question_texts_come_back() -> None:
    debrief = sample_debrief()
    event = debrief.timeline[1]
    item = EditConflict(path=f"timeline/{event.uid}/text", text="Alert paged.")
    notes = EditConflict(path="detection.notes", text="Other notes.")
    debrief.conflicts = [item, notes]
    assert use_conflict_text(debrief, item) == "timeline"
    assert use_conflict_text(debrief, notes) == "detection"
    assert event.text == "Alert paged." and debrief.detection.notes == "Other notes."


def test_values_that_are_not_text_or_gone_are_only_shown() -> None:
    debrief = sample_debrief()
    for path in ("severity", f"timeline/{debrief.timeline[0].uid}/at", "timeline/gone/text", "x"):
        conflict = EditConflict(path=path, text="SEV1")
        debrief.conflicts = [conflict]
        assert not can_use(debrief, conflict)
        assert use_conflict_text(debrief, conflict) is None
        assert debrief.conflicts == [conflict]

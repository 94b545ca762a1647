"""Checking a whole debrief: field keys, labels, people and ignored findings."""

from __future__ import annotations

from facilitator.domain.model import (
    ActionItem,
    ContributingFactor,
    Debrief,
    IgnoredFinding,
    Participant,
    TimelineEvent,
)
from facilitator.language.debrief_findings import debrief_findings, field_label

BAD = "We should have caught it."


def _debrief() -> Debrief:
    debrief = Debrief(
        summary=BAD,
        participants=[Participant("Zephyrine Okoro", "on-call")],
        timeline=[TimelineEvent(text="fine"), TimelineEvent(known="Zephyrine skipped the canary.")],
        went_wrong=[BAD],
        contributing_factors=[ContributingFactor(text="fine"), ContributingFactor(text=BAD)],
        action_items=[ActionItem(title=BAD)],
        private_notes=BAD,
        parking_lot=[BAD],
    )
    debrief.detection.notes = BAD
    return debrief


def test_every_text_field_is_checked_with_its_key_and_private_ones_are_not() -> None:
    fields = [f.field for f in debrief_findings(_debrief())]
    assert fields == [
        "summary",
        "detection.notes",
        "timeline[1].known",
        "went_wrong[0]",
        "contributing_factors[1].text",
        "action_items[0].title",
    ]


def test_ignored_findings_are_honoured() -> None:
    debrief = _debrief()
    debrief.ignored_findings = [
        IgnoredFinding("counterfactual.should-have", "summary", "should have caught"),
        IgnoredFinding("blame.person-cause"),
    ]
    fields = [f.field for f in debrief_findings(debrief)]
    assert "summary" not in fields and "timeline[1].known" not in fields
    assert "went_wrong[0]" in fields


def test_field_labels_are_human() -> None:
    assert field_label("timeline[3].text") == "Timeline, event 4"
    assert field_label("timeline[0].known") == "Timeline, event 1 (what we knew)"
    assert field_label("went_wrong[0]") == "What went wrong, item 1"
    assert field_label("contributing_factors[2].text") == "Contributing factor 3"
    assert field_label("action_items[1].title") == "Action item 2"
    assert field_label("detection.notes") == "Detection question, notes"
    assert field_label("summary") == "Summary"

"""Adding chosen candidates: events in time order with provenance, participants and moments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from facilitator.domain.interchange import dumps, loads
from facilitator.domain.model import Debrief, EventKind, Participant, TimelineEvent
from facilitator.evidence import Candidate, add_candidates, match_authors

T = datetime(2026, 3, 13, 22, 30, tzinfo=UTC)


def debrief() -> Debrief:
    return Debrief(
        title="Checkout",
        participants=[Participant("Ada Okafor", "Responder")],
        timeline=[TimelineEvent(T + timedelta(minutes=10), EventKind.NOTE, "typed by hand")],
    )


def test_events_are_added_in_time_order_with_author_and_provenance() -> None:
    d = debrief()
    chosen = [
        Candidate(T + timedelta(minutes=20, microseconds=5), "rolled back", "ada",
                  kind=EventKind.MITIGATION, source="slack:e.zip#C1/1.000001"),
        Candidate(T, "[FIRING:1] errors", "Alertmanager", person=False,
                  kind=EventKind.DETECTION, source="slack:e.zip#C1/0.000001"),
        Candidate(T + timedelta(minutes=5), "paging\n  payments", "lin.wu@example.com",
                  source="chat:pasted#L3"),
    ]  # fmt: skip
    added = add_candidates(d, chosen)
    assert [e.text for e in d.timeline] == [
        "Alertmanager: [FIRING:1] errors",
        "Lin Wu: paging\n  payments",
        "typed by hand",
        "Ada Okafor: rolled back",
    ]
    assert d.timeline[3].source == "slack:e.zip#C1/1.000001"
    assert d.timeline[3].at == T + timedelta(minutes=20)  # whole seconds, UTC
    assert [p.name for p in added.participants] == ["Lin Wu"]
    assert d.participants[-1].role == ""  # for the facilitator to fill in
    assert len(added.events) == 3


def test_moments_and_kind_overrides() -> None:
    d = debrief()
    chosen = [Candidate(T, "errors up"), Candidate(T + timedelta(minutes=9), "config restored")]
    add_candidates(d, chosen, kinds={0: EventKind.ACTION}, moments={"start": 0, "mitigation": 1})
    assert d.started_at == T and d.mitigated_at == T + timedelta(minutes=9)
    start = next(e for e in d.timeline if e.at == T)
    assert start.kind is EventKind.TRIGGER  # the moment decides the kind
    assert next(e for e in d.timeline if e.text == "config restored").kind is EventKind.MITIGATION


def test_a_confirmed_author_mapping_is_used() -> None:
    d = debrief()
    chosen = [Candidate(T, "hello", "bot-ish", person=True)]
    mapping = match_authors([("bot-ish", False)], d.participants)  # the user said: not a person
    added = add_candidates(d, chosen, authors=mapping)
    assert added.participants == [] and d.timeline[0].text == "bot-ish: hello"


def test_provenance_survives_json() -> None:
    d = debrief()
    add_candidates(d, [Candidate(T, "x", source="pagerduty:log.json#R1")])
    assert loads(dumps(d)).timeline[0].source == "pagerduty:log.json#R1"

"""Kind guesses, duplicates of existing events, and authors matched to participants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from facilitator.domain.model import EventKind, Participant, TimelineEvent
from facilitator.evidence import Candidate, find_duplicates, match_authors
from facilitator.evidence.kinds import guess_kind
from facilitator.evidence.people import display_name, name_key

T = datetime(2026, 3, 13, 23, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("[FIRING:1] CheckoutErrorRatio", EventKind.DETECTION),
        ("the error ratio alert is firing", EventKind.DETECTION),
        ("customers report failed payments", EventKind.DETECTION),
        ("Acknowledged by Ada Okafor.", EventKind.ESCALATION),
        ("paging the payments on-call", EventKind.ESCALATION),
        ("declaring an incident, SEV2", EventKind.ESCALATION),
        ("rolled back the gateway config", EventKind.MITIGATION),
        ("mitigated: traffic moved to eu-west", EventKind.MITIGATION),
        ("rolling back now", EventKind.ACTION),
        ("Resolved by Ada Okafor.", EventKind.RESOLUTION),
        ("[RESOLVED] CheckoutErrorRatio", EventKind.RESOLUTION),
        ("is it resolved?", EventKind.NOTE),
        ("did the rollback finish? not mitigated yet", EventKind.NOTE),
        ("not resolved yet", EventKind.NOTE),
        ("lunch anyone", EventKind.NOTE),
        ("", EventKind.NOTE),
    ],
)
def test_guess_kind(text: str, kind: EventKind) -> None:
    assert guess_kind(text) is kind


def test_a_structured_hint_wins() -> None:
    assert guess_kind("Resolved by Ada", EventKind.ESCALATION) is EventKind.ESCALATION


def test_duplicates_by_minute_and_words_or_by_provenance() -> None:
    events = [
        TimelineEvent(T, EventKind.DETECTION, "Error-ratio alert paged on-call."),
        TimelineEvent(T + timedelta(minutes=19), EventKind.MITIGATION, "Config v41 restored."),
        TimelineEvent(
            T + timedelta(hours=2), EventKind.NOTE, "Ada Okafor: anything",
            source="slack:e.zip#C1/1773442560.000007",
        ),
    ]  # fmt: skip
    candidates = [
        Candidate(T + timedelta(seconds=40), "error ratio alert paged the on-call"),
        Candidate(T + timedelta(seconds=70), "error ratio alert paged the on-call"),  # next minute
        Candidate(T + timedelta(minutes=19, seconds=5), "restarting the workers"),
        Candidate(T, "other words entirely", source="slack:e.zip#C1/1773442560.000007"),
        Candidate(T + timedelta(minutes=19, seconds=59), "Config v41 restored"),
    ]
    found = find_duplicates(candidates, events)
    assert found == {0: events[0], 3: events[2], 4: events[1]}


def test_an_imported_events_author_prefix_does_not_hide_a_duplicate() -> None:
    events = [TimelineEvent(T, EventKind.NOTE, "Ravi Patel: pool is at 2 connections")]
    assert find_duplicates([Candidate(T, "pool is at 2 connections")], events) == {0: events[0]}


def test_name_keys() -> None:
    assert name_key("Ada.Okafor") == name_key("ADA_OKAFOR") == "ada okafor"
    assert name_key("ada.okafor@example.com") == "ada okafor"
    assert name_key("@José Núñez") == "jose nunez"
    assert display_name("ada.okafor@example.com") == "Ada Okafor"
    assert display_name("ravi@example.com") == "ravi"


def test_authors_match_participants_or_become_new_ones() -> None:
    people = [Participant("Ada Okafor", "Responder"), Participant("Ravi Patel", "IC"),
              Participant("Ravi Shah", "Support")]  # fmt: skip
    authors = [
        ("Ada Okafor", True), ("ada.okafor@example.com", True), ("aokafor", True),
        ("ada", True), ("ravi", True), ("Lin Wu", True), ("lin.wu", True),
        ("Alertmanager", False),
    ]  # fmt: skip
    found = match_authors(authors, people)
    assert {a: (m.name, m.new) for a, m in found.items()} == {
        "Ada Okafor": ("Ada Okafor", False),
        "ada.okafor@example.com": ("Ada Okafor", False),
        "aokafor": ("Ada Okafor", False),
        "ada": ("Ada Okafor", False),  # the only participant called Ada
        "ravi": ("ravi", True),  # two Ravis: a first name alone is not enough
        "Lin Wu": ("Lin Wu", True),
        "lin.wu": ("Lin Wu", True),  # the same new person, once
        "Alertmanager": ("", False),  # tools never become participants
    }

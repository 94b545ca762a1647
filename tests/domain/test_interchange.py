"""The JSON interchange format: canonical output, validation with paths, odd text."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from importlib import resources

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.domain.interchange import InterchangeError, dumps, loads
from facilitator.domain.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Answer,
    ContributingFactor,
    Debrief,
    EventKind,
    FactorKind,
    Participant,
    Priority,
    Status,
    TimelineEvent,
    TimingQuestion,
)

from support.samples import sample_debrief


def schema() -> dict:
    path = resources.files("facilitator.resources") / "schema" / "debrief-v1.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_sample_round_trips_and_matches_the_schema() -> None:
    text = dumps(sample_debrief())
    assert dumps(loads(text)) == text
    jsonschema.Draft202012Validator(schema()).validate(json.loads(text))


def test_fixed_top_level_names_are_present() -> None:
    doc = json.loads(dumps(Debrief()))
    fixed = [
        "format",
        "version",
        "id",
        "title",
        "incident",
        "severity",
        "status",
        "purpose",
        "summary",
        "impact",
        "started_at",
        "detected_at",
        "mitigated_at",
        "resolved_at",
        "detection",
        "fix",
        "meeting_at",
        "checkpoint_at",
        "participants",
        "timeline",
        "went_wrong",
        "went_right",
        "contributing_factors",
        "learnings",
        "action_items",
        "services",
        "tags",
        "primary_cause",
    ]
    assert set(fixed) <= set(doc)
    assert doc["format"] == "facilitator-debrief" and doc["version"] == 1
    assert set(doc["detection"]) == {"target_minutes", "answer", "notes"}


def test_errors_name_the_json_path_and_reason() -> None:
    doc = json.loads(dumps(sample_debrief()))
    doc["timeline"][1]["at"] = "yesterday"
    doc["action_items"][0]["due"] = "2026-13-40"
    doc["detection"]["answer"] = "maybe"
    doc["tags"] = "config"
    with pytest.raises(InterchangeError) as caught:
        loads(json.dumps(doc))
    paths = {p.path for p in caught.value.problems}
    assert paths == {
        "$.timeline[1].at",
        "$.action_items[0].due",
        "$.detection.answer",
        "$.tags",
    }
    assert "not an ISO 8601 date-time" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (b"\xff\xfe garbage", "not UTF-8"),
        ("{", "not valid JSON"),
        ("[]", "must be an object"),
        ('{"format": "other", "version": 1}', '$.format: must be "facilitator-debrief"'),
        ('{"format": "facilitator-debrief", "version": 7}', "newer Facilitator"),
        (
            '{"format": "facilitator-debrief", "version": 1, "started_at": "2026-01-01T00:00"}',
            "no UTC offset",
        ),
        ('{"format": "facilitator-debrief", "version": 1, "id": "nope"}', "not a UUID"),
        ('{"format": "facilitator-debrief", "version": 1, "timezone": "Mars/Base"}', "time zone"),
        ('{"format": "facilitator-debrief", "version": 1, "title": "a\\u0000b"}', "U+0000"),
        ('{"format": "facilitator-debrief", "version": 1, "title": "\\ud800"}', "U+D800"),
        (
            '{"format": "facilitator-debrief", "version": 1, "fix": {"target_minutes": -1}}',
            "from 0 to",
        ),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_bad_documents_are_rejected_with_a_clear_reason(text: str | bytes, reason: str) -> None:
    with pytest.raises(InterchangeError, match=None) as caught:
        loads(text)
    assert reason in str(caught.value)


def test_minimal_document_takes_defaults() -> None:
    debrief = loads('{"format": "facilitator-debrief", "version": 1}')
    assert debrief.title == "" and debrief.status is Status.DRAFT and len(debrief.id) == 36


def test_odd_but_valid_text_imports_faithfully() -> None:
    odd = "Tab\there, emoji 🚒🔥, RTL \u200fשלום\u200f, combining e\u0301, " + "x" * 200_000
    debrief = Debrief(summary=odd, went_wrong=[odd])
    assert loads(dumps(debrief)).summary == odd


# --- property: export, import, export gives the same bytes -------------------------------

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x7f"),
    max_size=40,
) | st.sampled_from(["", "tab\tand\nnewline", "🚒", "\u200fשלום"])
_offsets = st.sampled_from(
    [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-7, minutes=-30))]
)
_moments = st.none() | st.builds(
    lambda dt, tz: dt.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    _offsets,
)
_days = st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1))
_minutes = (
    st.none()
    | st.floats(min_value=0, max_value=10_000, allow_nan=False)
    | st.integers(0, 999).map(float)
)


def _opt(enum: type) -> st.SearchStrategy:
    return st.none() | st.sampled_from(list(enum))


_debriefs = st.builds(
    Debrief,
    title=_text,
    incident=_text,
    severity=st.none() | st.sampled_from(["SEV1", "SEV2", "SEV3", "SEV4"]),
    status=st.sampled_from(list(Status)),
    summary=_text,
    started_at=_moments,
    detected_at=_moments,
    detection=st.builds(TimingQuestion, _minutes, _opt(Answer), _text),
    fix=st.builds(TimingQuestion, _minutes, _opt(Answer), _text),
    checkpoint_at=_days,
    timezone=st.sampled_from(["", "UTC", "Europe/Berlin", "America/New_York"]),
    participants=st.lists(st.builds(Participant, _text, _text), max_size=3),
    timeline=st.lists(
        st.builds(TimelineEvent, _moments, st.sampled_from(list(EventKind)), _text), max_size=4
    ),
    went_wrong=st.lists(_text, max_size=3),
    contributing_factors=st.lists(
        st.builds(ContributingFactor, _text, st.sampled_from(list(FactorKind))), max_size=3
    ),
    action_items=st.lists(
        st.builds(
            ActionItem,
            title=_text,
            owner=_text,
            priority=_opt(Priority),
            due=_days,
            ticket=_text,
            status=st.sampled_from(list(ActionStatus)),
            kind=_opt(ActionKind),
        ),
        max_size=3,
    ),
    tags=st.lists(_text, max_size=3),
    created_at=_moments,
    updated_at=_moments,
)


@settings(max_examples=150, deadline=None)
@given(_debriefs)
def test_export_import_export_is_byte_identical(debrief: Debrief) -> None:
    first = dumps(debrief)
    second = dumps(loads(first))
    assert second == first
    assert dumps(loads(second.encode("utf-8"))) == first

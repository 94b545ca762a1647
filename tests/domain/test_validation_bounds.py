"""Import refuses what an export could not write: bounds on numbers, years, offsets, names."""

from __future__ import annotations

import json

import pytest

from facilitator.domain.interchange import InterchangeError, dumps, loads, read_document
from facilitator.domain.model import Severity

from support.samples import sample_debrief

HEAD = '{"format": "facilitator-debrief", "version": 1, '


@pytest.mark.parametrize(
    ("body", "path", "reason"),
    [
        ('"fix": {"target_minutes": 1e308}}', "$.fix.target_minutes", "from 0 to"),
        ('"fix": {"target_minutes": ' + "1" + "0" * 400 + "}}", "$.fix.target_minutes", "from 0"),
        ('"started_at": "9999-12-31T23:59:59-14:00"}', "$.started_at", "outside the years"),
        ('"started_at": "0001-01-01T00:00:00+14:00"}', "$.started_at", "outside the years"),
        ('"started_at": "1899-12-31T23:00:00+00:00"}', "$.started_at", "outside the years"),
        ('"started_at": "2026-01-01T00:00:00+05:30:15.123456"}', "$.started_at", "whole minutes"),
        ('"started_at": "2026-01-01T00:00:00+19:00"}', "$.started_at", "within ±18 h"),
        ('"checkpoint_at": "0999-01-01"}', "$.checkpoint_at", "outside the years"),
        ('"title": "a", "title": "b"}', "$.title", "more than once"),
        ('"id": "5f0c2b8e-3a1d-4c2e-9b7a-2d4f6e8a1c3b", "id": "x"}', "$.id", "more than once"),
        ('"timeline": [{"text": "a", "text": "b"}]}', "$.timeline[0].text", "more than once"),
        ('"timeline": [{"id": "e1"}, {"id": "e1"}]}', "$.timeline[1].id", "earlier item"),
        ('"timeline": [{"id": "bad id!"}]}', "$.timeline[0].id", "not an item id"),
        ('"learnings": ["a"], "note_ids": {"learnings": ["x", "y"]}}', "$.note_ids.learnings", ""),
        ('"severity": "SEV9"}', "$.severity", "is not one of"),
        ('"timezone": "' + "A" * 80 + '"}', "$.timezone", "too long"),
        ('"timeline": [{"starred": "yes"}]}', "$.timeline[0].starred", "true or false"),
    ],
)
def test_values_no_export_could_write_are_refused(body: str, path: str, reason: str) -> None:
    with pytest.raises(InterchangeError) as caught:
        loads(HEAD + body)
    found = [p.reason for p in caught.value.problems if p.path == path]
    assert any(reason in r for r in found), caught.value.problems


@pytest.mark.parametrize("version", ["true", "1.0", '"1"', "0"])
def test_version_must_be_the_integer_one(version: str) -> None:
    with pytest.raises(InterchangeError, match=r"\$\.version"):
        loads('{"format": "facilitator-debrief", "version": ' + version + "}")


@pytest.mark.parametrize("spelling", ["SEV-2", "Sev 2", "sev2", "Sev-2", " severity 2 ", "SEV_2"])
def test_common_severity_spellings_are_read_as_the_scale_name(spelling: str) -> None:
    loaded = read_document(HEAD + json.dumps({"severity": spelling})[1:])
    assert loaded.debrief.severity is Severity.SEV2
    assert loaded.notes == (f"severity {spelling!r} read as SEV2",)


def test_extremes_that_are_accepted_export_everywhere(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from facilitator.export import export_docx, render_markdown

    doc = json.loads(dumps(sample_debrief()))
    doc["started_at"] = "9999-12-31T09:59:59+14:00"
    doc["resolved_at"] = "1900-01-01T14:00:00-14:00"
    doc["fix"]["target_minutes"] = 525_600
    debrief = loads(json.dumps(doc))
    assert render_markdown(debrief)
    export_docx(debrief, tmp_path / "x.docx")
    assert loads(dumps(debrief)) == debrief


def test_ids_survive_a_round_trip_and_old_documents_get_fresh_ones() -> None:
    debrief = sample_debrief()
    again = loads(dumps(debrief))
    assert [e.uid for e in again.timeline] == [e.uid for e in debrief.timeline]
    assert [n.uid for n in again.learnings] == [n.uid for n in debrief.learnings]
    doc = json.loads(dumps(debrief))
    for event in doc["timeline"]:
        del event["id"]
    del doc["note_ids"]
    old = loads(json.dumps(doc))
    assert len({e.uid for e in old.timeline}) == len(old.timeline)
    assert old == debrief  # same content; ids are not part of equality

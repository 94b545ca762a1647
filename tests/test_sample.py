"""The shipped sample debrief: complete, valid, blameless, marked, and added only once."""

from __future__ import annotations

import json

import pytest

from facilitator.cli import main
from facilitator.domain.interchange import dumps
from facilitator.domain.model import EventKind, FactorKind
from facilitator.domain.timing import detection_check, fix_check, order_problems
from facilitator.language.debrief_findings import debrief_findings, text_fields
from facilitator.sample import (
    SAMPLE_ID,
    SAMPLE_TAG,
    TITLE_PREFIX,
    add_sample,
    is_sample,
    load_sample,
    sample_json,
)
from facilitator.storage import DebriefService


def test_the_sample_is_canonical_v1_json_and_valid_against_the_schema() -> None:
    from importlib.resources import files

    import jsonschema

    raw = sample_json().decode("utf-8")
    assert dumps(load_sample()) == raw, "keep the file canonical: load and dump it again"
    schema = json.loads(
        (files("facilitator.resources") / "schema" / "debrief-v1.schema.json").read_text("utf-8")
    )
    jsonschema.validate(json.loads(raw), schema)


def test_the_sample_is_marked_as_one() -> None:
    d = load_sample()
    assert d.id == SAMPLE_ID and is_sample(d)
    assert SAMPLE_TAG in d.tags
    assert d.title.startswith(TITLE_PREFIX)
    assert "sample" in d.private_notes.lower()


def test_every_phase_of_the_sample_is_filled() -> None:
    d = load_sample()
    assert len(d.timeline) >= 20
    kinds = {e.kind for e in d.timeline}
    assert {EventKind.TRIGGER, EventKind.DETECTION, EventKind.MITIGATION} <= kinds
    # The timeline starts where the problem began (or before, with the change that led to it).
    assert d.timeline[0].at is not None and d.started_at is not None
    assert d.timeline[0].at <= d.started_at
    assert [e.at for e in d.timeline] == sorted(e.at for e in d.timeline if e.at)
    assert order_problems(d) == []
    assert d.impact and d.summary and d.purpose and d.response
    # Detection and fix are measured from the timeline against their targets.
    assert detection_check(d).met is False and fix_check(d).met is False
    assert d.detection.notes and d.fix.notes
    assert len(d.contributing_factors) >= 4
    assert FactorKind.HUMAN in {f.kind for f in d.contributing_factors}
    assert any("fatigue" in f.text.lower() for f in d.contributing_factors)
    assert len(d.went_right) >= 3
    assert 3 <= len(d.learnings) <= 5
    assert len(d.action_items) >= 5
    for item in d.action_items:
        assert item.owner and item.priority and item.due and item.ticket, item.title
    assert d.services and d.primary_cause and d.checkpoint_at
    assert d.meeting_at is not None and d.checkpoint_at >= d.meeting_at.date()


def test_the_sample_uses_blameless_wording_everywhere() -> None:
    d = load_sample()
    assert debrief_findings(d) == []
    # The facilitator's own notes are not checked by the app; check them here too.
    from facilitator.language import default_checker

    checker = default_checker()
    texts = [text for _key, text in text_fields(d)] + [
        d.private_notes,
        *(n.text for n in d.parking_lot),
    ]
    assert all(checker.check(text, d.people) == [] for text in texts)


def test_the_lint_command_finds_nothing_in_the_sample_file(tmp_path, capsys) -> None:
    path = tmp_path / "sample.json"
    path.write_bytes(sample_json())
    assert main(["lint", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_add_sample_stores_it_once_and_keeps_edits(db_url: str) -> None:
    with DebriefService(db_url) as service:
        first = add_sample(service)
        assert first.added and first.id == SAMPLE_ID
        edited = service.load(SAMPLE_ID)
        edited.summary = "Our own words now."
        service.save(edited)
        again = add_sample(service)
        assert not again.added
        assert service.load(SAMPLE_ID).summary == "Our own words now."
        assert [s.id for s in service.list()] == [SAMPLE_ID]


def test_demo_command_prints_the_id_and_is_idempotent(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added the sample debrief") and SAMPLE_ID in out
    assert main(["--db", db_url, "demo"]) == 0
    out = capsys.readouterr().out
    assert "already in the library" in out and SAMPLE_ID in out
    assert main(["list", "--db", db_url]) == 0
    assert capsys.readouterr().out.count(SAMPLE_ID) == 1

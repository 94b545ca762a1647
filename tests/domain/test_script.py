"""The meeting script: the default loads, a team's script is validated with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.domain.model import Answer, Debrief, Participant
from facilitator.domain.script import (
    PARTS,
    ScriptError,
    default_script,
    load_script,
    parse_script,
    part_of_field,
    phase_has_content,
)

MINIMAL = """
[[phase]]
id = "only"
title = "Only phase"
edits = ["summary"]
"""


def test_default_script_follows_the_debrief_in_order() -> None:
    script = default_script()
    assert [p.id for p in script.phases] == [
        "opening", "participants", "timeline", "response", "impact", "detection", "fix",
        "went_wrong", "went_right", "learnings", "actions", "classification", "close",
    ]  # fmt: skip
    assert all(p.questions and p.title and p.timebox_minutes > 0 for p in script.phases)
    assert script.purpose_template and len(script.ground_rules) >= 4
    assert 60 <= script.total_minutes <= 120


def test_every_part_is_edited_somewhere_in_the_default_script() -> None:
    script = default_script()
    assert {part for p in script.phases for part in p.edits} == set(PARTS)


def test_a_minimal_script_is_enough() -> None:
    script = parse_script(MINIMAL)
    assert script.name == "Custom script"
    assert script.phases[0].timebox_seconds == 300


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name = 'x'", "no phases"),
        ("[[phase", "not valid TOML"),
        (MINIMAL.replace('"summary"', '"sumary"'), "unknown parts: sumary"),
        (MINIMAL.replace('title = "Only phase"', ""), "“title”"),
        (MINIMAL + "timebox_minutes = 0\n", "timebox_minutes"),
        (MINIMAL + "timebox_minutes = true\n", "timebox_minutes"),
        (MINIMAL + "colour = 'red'\n", "unknown keys: colour"),
        (MINIMAL + MINIMAL, "share the id “only”"),
        (MINIMAL.replace('edits = ["summary"]', "edits = 'summary'"), "list of non-empty texts"),
        ("colour = 1\n" + MINIMAL, "unknown top-level keys: colour"),
    ],
)
def test_mistakes_in_a_script_are_explained(text: str, message: str) -> None:
    with pytest.raises(ScriptError, match=message):
        parse_script(text)


def test_loading_a_file_names_it_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "ours.toml"
    path.write_text("[[phase]]\nid = 'a'\n", encoding="utf-8")
    with pytest.raises(ScriptError, match=r"^ours\.toml: Phase 1 \(“a”\): “title”"):
        load_script(path)
    with pytest.raises(ScriptError, match="could not be read"):
        load_script(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("key", "part"),
    [
        ("purpose", "purpose"),
        ("timeline[3].text", "timeline"),
        ("detection.notes", "detection"),
        ("went_wrong[0]", "went_wrong"),
        ("contributing_factors[1].text", "contributing_factors"),
        ("action_items[2].title", "action_items"),
        ("primary_cause", "classification"),
    ],
)
def test_field_keys_map_to_the_part_that_shows_them(key: str, part: str) -> None:
    assert part_of_field(key) == part
    assert default_script().phase_for_part(part) is not None


def test_phase_marks_follow_content() -> None:
    script = default_script()
    debrief = Debrief()
    assert not any(phase_has_content(debrief, p) for p in script.phases)
    debrief.participants.append(Participant("Ana"))
    debrief.detection.answer = Answer.NO
    filled = [p.id for p in script.phases if phase_has_content(debrief, p)]
    assert filled == ["participants", "detection"]

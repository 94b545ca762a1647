"""Loading rule files: the defaults, a team's own file, and clear errors for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.language import Checker, RulesError, load_rules

CUSTOM = r"""
disable = ["blame.judgement"]

[[rule]]
id = "team.gremlins"
category = "blame"
triggers = ["gremlin*"]
pattern = '''\bgremlins?\b'''
message = "Blaming gremlins ends the inquiry as surely as blaming a person."
suggestion = "Which condition do we not understand yet?"
examples_match = ["Gremlins in the deploy again."]
examples_no_match = ["The deploy went out at noon."]
"""


def test_default_rules_load_and_cover_both_categories() -> None:
    rules = load_rules()
    assert {r.category for r in rules.rules} == {"blame", "counterfactual"}
    assert len({r.id for r in rules.rules}) == len(rules.rules)


def test_custom_file_adds_rules_and_disables_defaults(tmp_path: Path) -> None:
    path = tmp_path / "team.toml"
    path.write_text(CUSTOM, encoding="utf-8")
    checker = Checker(extra_rules_path=path)
    assert [f.rule for f in checker.check("Gremlins in the deploy again.")] == ["team.gremlins"]
    assert checker.check("That was sloppy.") == []
    assert "team.gremlins" in {r.id for r in load_rules(path).rules}


def test_custom_rule_with_same_id_replaces_the_default(tmp_path: Path) -> None:
    path = tmp_path / "team.toml"
    path.write_text(
        '[[rule]]\nid = "blame.human-error"\ncategory = "blame"\npattern = "\\\\bpebcak\\\\b"\n'
        'message = "m."\nsuggestion = "s?"\n',
        encoding="utf-8",
    )
    checker = Checker(extra_rules_path=path)
    assert checker.check("Root cause: human error.") == []
    assert [f.rule for f in checker.check("pebcak again")] == ["blame.human-error"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[[rule]\n", "not valid TOML"),
        ('[[rule]]\nid = "x"\n', "missing required key 'category'"),
        (
            '[[rule]]\nid = "x"\ncategory = "rude"\npattern = "a"\nmessage = "m"\n'
            'suggestion = "s"\n',
            "category must be one of",
        ),
        (
            '[[rule]]\nid = "x"\ncategory = "blame"\npattern = "(a"\nmessage = "m"\n'
            'suggestion = "s"\n',
            "pattern is not a valid regex",
        ),
        (
            '[[rule]]\nid = "x"\ncategory = "blame"\npattern = "{NOPE}"\nmessage = "m"\n'
            'suggestion = "s"\n',
            "unknown vocabulary name {NOPE}",
        ),
        (
            '[[rule]]\nid = "x"\ncategory = "blame"\npattern = "a"\nmessage = "m"\n'
            'suggestion = "s"\nexeptions = ["b"]\n',
            "unknown key 'exeptions'",
        ),
        ('disable = ["blame.nope"]\n', "disable names unknown rule"),
        ("colour = 1\n", "unknown top-level key"),
    ],
)
def test_bad_custom_files_name_file_rule_and_reason(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    assert str(path) in str(caught.value)
    assert reason in str(caught.value)


def test_missing_folder_and_binary_rule_files_are_reported(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="not found"):
        load_rules(tmp_path / "nope.toml")
    with pytest.raises(RulesError, match="folder"):
        load_rules(tmp_path)
    binary = tmp_path / "b.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(RulesError, match="UTF-8"):
        load_rules(binary)

"""Every rule's own examples run as tests (the LanguageTool habit)."""

from __future__ import annotations

import pytest

from facilitator.language import Checker, Rule, load_rules

RULES = load_rules()
CHECKER = Checker(RULES)


def _cases(kind: str) -> list[tuple[Rule, str]]:
    return [
        (rule, example) for rule in RULES.rules for example in getattr(rule, f"examples_{kind}")
    ]


def _ids(cases: list[tuple[Rule, str]]) -> list[str]:
    return [f"{rule.id}: {example}" for rule, example in cases]


MATCH = _cases("match")
NO_MATCH = _cases("no_match")


@pytest.mark.parametrize(("rule", "example"), MATCH, ids=_ids(MATCH))
def test_rule_flags_its_positive_example(rule: Rule, example: str) -> None:
    found = CHECKER.check(example, rule.examples_people)
    assert any(f.has(rule.category) for f in found), found


@pytest.mark.parametrize(("rule", "example"), MATCH, ids=_ids(MATCH))
def test_rule_itself_matches_its_positive_example(rule: Rule, example: str) -> None:
    only = Checker(type(RULES)((rule,), RULES.vocab, RULES.words))
    assert [f.rule for f in only.check(example, rule.examples_people)] != []


@pytest.mark.parametrize(("rule", "example"), NO_MATCH, ids=_ids(NO_MATCH))
def test_rule_leaves_its_negative_example_alone(rule: Rule, example: str) -> None:
    only = Checker(type(RULES)((rule,), RULES.vocab, RULES.words))
    assert only.check(example, rule.examples_people) == []


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULES.rules:
        assert len(rule.examples_match) >= 2, rule.id
        assert len(rule.examples_no_match) >= 2, rule.id

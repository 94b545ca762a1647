"""The trigger scan: which words it finds, and what each wakes."""

from __future__ import annotations

from facilitator.language.rules import Rule
from facilitator.language.triggers import TriggerIndex


def _rule(rule_id: str, *triggers: str) -> Rule:
    return Rule(
        id=rule_id, category="blame", pattern="x", message="m", suggestion="s", triggers=triggers
    )


def _found(index: TriggerIndex, text: str) -> list[str]:
    assert index.prefilter is not None
    return [hit.group() for hit in index.prefilter.finditer(text)]


def test_a_word_that_only_starts_phrases_is_found_only_before_one_of_them() -> None:
    index = TriggerIndex([_rule("a", "this is"), _rule("b", "this was"), _rule("c", "broke")])
    assert _found(index, "this is it. this one broke. and this was") == ["this", "broke", "this"]
    assert _found(index, "thistle this") == []


def test_a_phrase_start_that_is_also_a_word_of_its_own_is_always_found() -> None:
    index = TriggerIndex([_rule("a", "would have"), _rule("b", "would")])
    assert _found(index, "it would not") == ["would"]
    entry = index.lookup("would")
    assert entry[0] == (1,)
    assert entry[1] is not None


def test_a_phrase_start_covered_by_a_prefix_trigger_is_always_found() -> None:
    index = TriggerIndex([_rule("a", "engineer error"), _rule("b", "engineer*")])
    assert _found(index, "the engineer left") == ["engineer"]
    assert index.lookup("engineer")[0] == (1,)


def test_longer_words_sharing_the_start_of_a_phrase_word_are_still_found() -> None:
    index = TriggerIndex([_rule("a", "this is"), _rule("b", "thistle")])
    assert _found(index, "a thistle, this one, this is") == ["thistle", "this"]

"""Behaviour of the checker beyond single rules: offsets, masking, people, first person."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.language import BLAME, COUNTERFACTUAL, Checker, check


def test_issue_example_is_flagged_in_all_three_places() -> None:
    text = (
        "Bob forgot to run the migration. We should have caught this in review. "
        "Root cause: human error."
    )
    found = check(text)
    assert [(f.category, f.text) for f in found] == [
        (BLAME, "Bob forgot"),
        (COUNTERFACTUAL, "should have caught"),
        (BLAME, "human error"),
    ]
    for finding in found:
        assert text[finding.start : finding.end] == finding.text
        assert finding.message.endswith(".") and finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        'The rule "human error" is on the banned list.',
        "The log line `Bob forgot` is a test fixture.",
        "See https://wiki.example.com/we-should-have-known for the old notes.",
        "The counter failed_to_connect and failedToConnect both rose.",
        "She said \u201cwe should have caught this\u201d and we talked about it.",
        "We renamed the 'human error' label.",
    ],
)
def test_quoted_code_links_and_identifiers_are_not_read(text: str) -> None:
    assert check(text) == []


def test_participant_names_make_unknown_names_recognisable() -> None:
    text = "Zephyrine misconfigured the autoscaler."
    assert check(text) == []
    (finding,) = check(text, ["Zephyrine Okoro"])
    assert finding.category == BLAME and finding.text.startswith("Zephyrine")


def test_first_person_gets_the_gentler_message() -> None:
    (mine,) = check("I should have rolled back sooner.")
    (ours,) = check("They should have rolled back sooner.")
    assert mine.rule == ours.rule
    assert mine.message != ours.message
    assert "yourself" in mine.message


def test_curly_apostrophes_are_understood() -> None:
    assert [f.rule for f in check("We shouldn\u2019t have shipped it.")] == [
        "counterfactual.should-have"
    ]


def test_long_text_offsets_survive_sentences_and_lines() -> None:
    text = ("All fine here. " * 300) + "\nThe intern broke prod.\n" + ("Nothing else. " * 300)
    (finding,) = check(text)
    assert text[finding.start : finding.end] == "The intern broke"


def test_overlapping_findings_in_one_category_collapse_to_the_specific_rule() -> None:
    found = check("We should have known the table would lock.")
    assert [f.rule for f in found] == ["counterfactual.hindsight"]


def test_checker_caches_compiled_rules_per_people_list() -> None:
    checker = Checker()
    for _ in range(3):
        checker.check("Ada skipped it.", ["Ada"])
        checker.check("Ada skipped it.", [])
    assert len(checker._compiled) == 2


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_gives_consistent_offsets(text: str) -> None:
    for finding in check(text, ["Ada"]):
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Bob",
                "forgot",
                "should",
                "have",
                "had",
                "we",
                "if",
                "the",
                "intern",
                "'",
                '"',
                "`",
                "_",
                ".",
                ",",
                "\n",
                "why",
                "didn't",
                "you",
                "blame",
                "error",
                "human",
                "only",
            ]
        ),
        max_size=60,
    )
)
def test_trigger_heavy_word_salad_never_breaks(words: list[str]) -> None:
    text = " ".join(words)
    for finding in check(text):
        assert text[finding.start : finding.end] == finding.text

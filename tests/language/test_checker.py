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
        "We renamed the 'human error' label.",
        "\u201cHuman error\u201d is where analysis starts, not where it ends.",
        'We stopped using the phrase "root cause" in our write-ups.',
    ],
)
def test_quoted_code_links_and_identifiers_are_not_read(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("She said \u201cwe should have caught this\u201d in the chat.", {COUNTERFACTUAL}),
        ('Lena said "Ravi broke it, not me."', {BLAME}),
        ('"That\'s on Pernille," the manager said.', {BLAME}),
    ],
)
def test_reported_speech_is_read_like_any_text(text: str, categories: set[str]) -> None:
    """A quoted utterance is what the room will read; only a quoted term is a mention."""
    assert {c for f in check(text) for c in f.categories} == categories


@pytest.mark.parametrize(
    "text",
    [
        "Zephyrine misconfigured the autoscaler.",
        "Later that night Oluwaseun skipped the canary.",
        "@mo fat fingered the dns record",
        "mo: forgot to drain the node again lol",
        "bogdan totally borked the dns zone again",
        "02:31 Thandiwe applies the wrong config to prod-eu",
        "Bartholomew, who was new to the rotation, should have asked.",
    ],
)
def test_names_from_anywhere_are_recognised_by_the_shape_of_the_sentence(text: str) -> None:
    assert any(f.has(BLAME) for f in check(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "Terraform deleted the old bucket because it was removed from the module.",
        "Traffic broke through the rate limit during the sale.",
        "Retention removed the backups older than thirty days, as configured.",
        "The pods restarted but they ignored the new config map.",
        "classic dns, always dns",
    ],
)
def test_things_acting_are_not_people(text: str) -> None:
    assert not any(f.has(BLAME) for f in check(text)), check(text)


def test_participants_make_names_that_are_english_words_recognisable() -> None:
    text = "Brook misconfigured the autoscaler."
    assert check(text) == []
    (finding,) = check(text, ["Brook Okoro"])
    assert finding.category == BLAME and finding.text.startswith("Brook")


def test_a_person_as_subject_of_a_counterfactual_is_blame_too() -> None:
    (theirs,) = check("Dana should have looked at the graph before shipping.")
    assert theirs.categories == (BLAME, COUNTERFACTUAL)
    (ours,) = check("We should have looked at the graph before shipping.")
    assert ours.categories == (COUNTERFACTUAL,) and "yourself" in ours.message
    assert check("The cache should have three replicas.") == []
    (thing,) = check("The alert should have fired.")
    assert thing.categories == (COUNTERFACTUAL,)


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


def test_rules_compile_when_first_needed_and_participants_recompile_nothing() -> None:
    checker = Checker()
    assert all(c is None for c in checker._compiled)
    checker.check("Ada skipped the canary.", ["Ada"])
    compiled = [c for c in checker._compiled if c is not None]
    assert 0 < len(compiled) < len(checker._compiled) // 2
    checker.check("Ada skipped the canary.", ["Ada", "Ravi"])
    assert [c for c in checker._compiled if c is not None] == compiled
    checker.warm_up()
    assert all(c is not None for c in checker._compiled)


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

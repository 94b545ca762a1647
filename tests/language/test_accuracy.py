"""The checker's precision and recall on the labelled corpus stay above the floor."""

from __future__ import annotations

import pytest

from facilitator.language import CATEGORIES, Checker
from tests.language.corpus import load_corpus, score

FLOOR = 0.90


def test_corpus_is_big_and_mostly_hard() -> None:
    samples = load_corpus()
    assert len(samples) >= 250
    assert sum(s.kind == "hard" for s in samples) / len(samples) >= 0.40
    assert len({s.sentence for s in samples}) == len(samples), "duplicate sentences"


@pytest.mark.parametrize("category", CATEGORIES)
def test_precision_and_recall_hold_the_floor(category: str) -> None:
    scores, errors = score(Checker(), load_corpus())
    result = scores[category]
    detail = "\n".join(e for e in errors if category in e)
    assert result.precision >= FLOOR, detail
    assert result.recall >= FLOOR, detail

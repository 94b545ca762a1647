"""The checker's precision and recall on the labelled sets stay above the floor.

``corpus.tsv`` is the development set; ``heldout.tsv`` was written separately
(without reading the corpus) so that rules tuned to one set are caught by the other.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.language import CATEGORIES, Checker
from tests.language.corpus import CORPUS, HELDOUT, load_corpus, score

FLOOR = 0.90
SETS = {"corpus": (CORPUS, 250, 0.40), "heldout": (HELDOUT, 150, 0.45)}


@pytest.mark.parametrize("name", SETS)
def test_set_is_big_and_mostly_hard(name: str) -> None:
    path, size, hard_share = SETS[name]
    samples = load_corpus(path)
    assert len(samples) >= size
    assert sum(s.kind == "hard" for s in samples) / len(samples) >= hard_share
    assert len({s.sentence for s in samples}) == len(samples), "duplicate sentences"


def test_heldout_shares_no_sentence_with_the_corpus() -> None:
    corpus = {s.sentence for s in load_corpus(CORPUS)}
    assert not corpus & {s.sentence for s in load_corpus(HELDOUT)}


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("category", CATEGORIES)
def test_precision_and_recall_hold_the_floor(name: str, category: str) -> None:
    path: Path = SETS[name][0]
    scores, errors = score(Checker(), load_corpus(path))
    result = scores[category]
    detail = "\n".join(e for e in errors if category in e)
    assert result.precision >= FLOOR, detail
    assert result.recall >= FLOOR, detail

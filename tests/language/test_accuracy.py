"""The labelled sets are big, varied and honest, and the checker holds its measured scores.

``tuning.tsv`` is what the rules were tuned against. ``locked.tsv`` was written before the
rules were tuned for it; its misses are not read while tuning, and its floors below are
the figures it scored once, at the end. A change that lowers them fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from facilitator.language import CATEGORIES, Checker
from facilitator.language.rules import builtin_rules
from tests.language.corpus import LOCKED, STYLES, TUNING, load_corpus, score

SETS = {"tuning": TUNING, "locked": LOCKED}
#: (precision, recall) floors per set and category: the figures measured when the locked
#: set was scored (blame P 1.000 / R 0.986, counterfactual P 0.993 / R 1.000), and the
#: tuning set's at the same commit. The issue's targets are P >= 0.95, R >= 0.92 (blame)
#: and P, R >= 0.95 (counterfactual).
FLOORS = {
    "tuning": {"blame": (1.0, 0.997), "counterfactual": (1.0, 1.0)},
    "locked": {"blame": (1.0, 0.985), "counterfactual": (0.992, 1.0)},
}


def test_the_sets_are_big_and_mostly_hard() -> None:
    total = 0
    for path in SETS.values():
        samples = load_corpus(path)
        total += len(samples)
        assert sum(s.kind == "hard" for s in samples) / len(samples) >= 0.40, path.name
        assert len({s.sentence for s in samples}) == len(samples), "duplicate sentences"
        assert all((s.kind == "pos") == bool(s.labels) for s in samples), (
            "kind must say pos exactly when a label is set"
        )
    assert total >= 1000
    assert len(load_corpus(LOCKED)) >= 400


@pytest.mark.parametrize("name", SETS)
def test_every_style_is_represented(name: str) -> None:
    samples = load_corpus(SETS[name])
    for style in STYLES:
        assert sum(s.style == style for s in samples) >= 8, style
    assert {s.style for s in samples} <= set(STYLES)


def test_the_sets_share_no_sentence() -> None:
    tuning = {s.sentence for s in load_corpus(TUNING)}
    assert not tuning & {s.sentence for s in load_corpus(LOCKED)}


def _lists_the_code_holds() -> set[str]:
    rules = builtin_rules()
    words = {w.lower() for values in rules.words.values() for w in values}
    english = Path(__file__).parents[2] / "resources" / "language" / "english_words.txt"
    words |= {w for w in english.read_text(encoding="utf-8").split("\n") if w[:1] != "#"}
    for fragment in rules.vocab.values():
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{2,}", fragment)}
    return words


def test_most_names_are_in_no_list_the_code_holds() -> None:
    """Names are recognised by shape, so the sets are mostly names the code never saw."""
    known = _lists_the_code_holds()
    names = [n for path in SETS.values() for s in load_corpus(path) for n in s.names]
    assert len(names) >= 200
    unlisted = [n for n in names if n.lower().lstrip("@") not in known]
    assert len(unlisted) / len(names) >= 0.30, len(unlisted) / len(names)
    for sample in load_corpus(LOCKED):
        for name in sample.names:
            assert name.lower() in sample.sentence.lower(), (name, sample.sentence)


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("category", CATEGORIES)
def test_precision_and_recall_hold_the_floor(name: str, category: str) -> None:
    scores, errors = score(Checker(), load_corpus(SETS[name]))
    result = scores[category]
    low_precision, low_recall = FLOORS[name][category]
    # The locked set's misses are never printed: nobody tunes against them.
    detail = "\n".join(e for e in errors if category in e) if name == "tuning" else ""
    assert result.precision >= low_precision, f"{result.precision:.3f}\n{detail}"
    assert result.recall >= low_recall, f"{result.recall:.3f}\n{detail}"

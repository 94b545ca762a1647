"""Accuracy of the language checker on the labelled sentence sets in tests/language.

Prints sentence-level precision and recall per category for the training corpus
and the held-out set, plus the share of hard negatives in each.
Run: .venv/bin/python benchmarks/bench_accuracy.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "language"))

from corpus import CORPUS, HELDOUT, load_corpus, score

from facilitator.language import Checker


def main() -> None:
    checker = Checker()
    for name, path in (("corpus", CORPUS), ("held-out", HELDOUT)):
        samples = load_corpus(path)
        negatives = sum(1 for s in samples if not s.labels)
        print(
            f"{name}: {len(samples)} sentences, "
            f"{negatives / len(samples):.0%} with neither category (hard negatives)"
        )
        results, _errors = score(checker, samples)
        for category, result in results.items():
            print(
                f"  {category:15s} precision {result.precision:.3f}  recall {result.recall:.3f}"
                f"  (tp {result.tp}, fp {result.fp}, fn {result.fn})"
            )


if __name__ == "__main__":
    main()

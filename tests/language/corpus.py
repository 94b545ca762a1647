"""Reading the labelled sentence sets and scoring the checker on them (tests and benchmarks).

``tuning.tsv`` is what the rules are tuned against. ``locked.tsv`` was written before
the rules were tuned for it and is scored once, at the end: nobody reads its misses
while changing the rules, so its figures say how the rules do on text nobody fitted
them to. Both use the columns described at the top of ``tuning.tsv``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from facilitator.language import CATEGORIES, Checker

TUNING = Path(__file__).with_name("tuning.tsv")
LOCKED = Path(__file__).with_name("locked.tsv")
STYLES = ("prose", "notes", "slack", "nonnative", "compound", "quote", "timeline")


@dataclass(frozen=True)
class Sample:
    labels: frozenset[str]
    kind: str
    style: str
    people: tuple[str, ...]
    names: tuple[str, ...]
    sentence: str


@dataclass(frozen=True)
class Score:
    category: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(",") if p.strip())


def load_corpus(path: Path = TUNING) -> list[Sample]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    samples = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        labels = frozenset(c for c in CATEGORIES if row[c] == "1")
        samples.append(
            Sample(
                labels,
                row["kind"],
                row["style"],
                _split(row["people"]),
                _split(row["names"]),
                row["sentence"],
            )
        )
    return samples


def score(checker: Checker, samples: Iterable[Sample]) -> tuple[dict[str, Score], list[str]]:
    """Return sentence-level scores per category and a description of each error."""
    counts = {c: [0, 0, 0] for c in CATEGORIES}
    errors = []
    for sample in samples:
        found = checker.check(sample.sentence, sample.people)
        predicted = {c for f in found for c in f.categories}
        for category in CATEGORIES:
            expected = category in sample.labels
            got = category in predicted
            if expected and got:
                counts[category][0] += 1
            elif got:
                counts[category][1] += 1
                hits = [f"{f.rule}:{f.text!r}" for f in found if category in f.categories]
                errors.append(f"FP {category}: {sample.sentence}  {hits}")
            elif expected:
                counts[category][2] += 1
                errors.append(f"FN {category}: {sample.sentence}")
    return {c: Score(c, *counts[c]) for c in CATEGORIES}, errors

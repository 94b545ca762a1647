"""Reading the labelled corpus and scoring the checker on it (shared by tests and benchmarks)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from facilitator.language import CATEGORIES, Checker

CORPUS = Path(__file__).with_name("corpus.tsv")
#: Written without looking at corpus.tsv, to check the rules generalise beyond it.
HELDOUT = Path(__file__).with_name("heldout.tsv")


@dataclass(frozen=True)
class Sample:
    labels: frozenset[str]
    kind: str
    people: tuple[str, ...]
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


def load_corpus(path: Path = CORPUS) -> list[Sample]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    samples = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        labels = frozenset(c for c in CATEGORIES if row[c] == "1")
        people = tuple(p.strip() for p in row["people"].split(",") if p.strip())
        samples.append(Sample(labels, row["kind"], people, row["sentence"]))
    return samples


def score(checker: Checker, samples: Iterable[Sample]) -> tuple[dict[str, Score], list[str]]:
    """Return sentence-level scores per category and a description of each error."""
    counts = {c: [0, 0, 0] for c in CATEGORIES}
    errors = []
    for sample in samples:
        found = checker.check(sample.sentence, sample.people)
        predicted = {f.category for f in found}
        for category in CATEGORIES:
            expected = category in sample.labels
            got = category in predicted
            if expected and got:
                counts[category][0] += 1
            elif got:
                counts[category][1] += 1
                hits = [f"{f.rule}:{f.text!r}" for f in found if f.category == category]
                errors.append(f"FP {category}: {sample.sentence}  {hits}")
            elif expected:
                counts[category][2] += 1
                errors.append(f"FN {category}: {sample.sentence}")
    return {c: Score(c, *counts[c]) for c in CATEGORIES}, errors

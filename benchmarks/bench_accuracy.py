"""Accuracy of the language checker on the labelled sentence sets in tests/language.

Prints sentence-level precision and recall per category for the tuning set (what the
rules were tuned against) and the locked set (written before tuning, never read while
tuning), with each set's size, share of hard negatives and names in no list the code
holds. ``--show-locked-misses`` prints the locked set's errors: only for the closing
report, never while changing the rules.
Run: .venv/bin/python benchmarks/bench_accuracy.py [--json] [--show-locked-misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "language"))

from corpus import LOCKED, TUNING, load_corpus, score  # noqa: E402

from facilitator.language import Checker  # noqa: E402


def _known_words() -> set[str]:
    import re

    from facilitator.language.rules import builtin_rules

    rules = builtin_rules()
    words = {w.lower() for values in rules.words.values() for w in values}
    english = ROOT / "resources" / "language" / "english_words.txt"
    words |= {w for w in english.read_text(encoding="utf-8").split("\n") if w[:1] != "#"}
    for fragment in rules.vocab.values():
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{2,}", fragment)}
    return words


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-locked-misses", action="store_true")
    args = parser.parse_args()
    checker = Checker()
    known = _known_words()
    report: dict[str, dict[str, object]] = {}
    misses: list[str] = []
    for name, path in (("tuning", TUNING), ("locked", LOCKED)):
        samples = load_corpus(path)
        names = [n for s in samples for n in s.names]
        results, errors = score(checker, samples)
        if name == "locked":
            misses = errors
        report[name] = {
            "sentences": len(samples),
            "hard_negatives": sum(s.kind == "hard" for s in samples) / len(samples),
            "names": len(names),
            "names_in_no_list": sum(n.lower() not in known for n in names) / max(1, len(names)),
            **{
                category: {
                    "precision": round(r.precision, 3),
                    "recall": round(r.recall, 3),
                    "tp": r.tp,
                    "fp": r.fp,
                    "fn": r.fn,
                }
                for category, r in results.items()
            },
        }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for name, r in report.items():
            print(
                f"{name}: {r['sentences']} sentences, {r['hard_negatives']:.0%} hard negatives, "
                f"{r['names']} names of people, "
                f"{r['names_in_no_list']:.0%} in no list the code holds"
            )
            for category in ("blame", "counterfactual"):
                c = r[category]
                print(
                    f"  {category:15s} precision {c['precision']:.3f}  recall {c['recall']:.3f}"  # type: ignore[index]
                    f"  (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})"  # type: ignore[index]
                )
    if args.show_locked_misses:
        print("\nlocked set errors:")
        for line in misses:
            print("  " + line)


if __name__ == "__main__":
    main()

"""Every finding the checker gives on the labelled sets and the benchmark texts, recorded.

A change meant to make the checker faster must not change a single finding. The
fixture ``recorded_findings.json.gz`` holds, for each input below, every finding's
start, end, rule, categories and which of the rule's messages it carries; the test
``test_recorded_findings.py`` checks the checker still gives exactly those.

The inputs are the tuning and locked sentences (with their participants), the rules'
own examples (with the whole rule set and with each rule alone), the benchmark's 1 MB
dense and realistic texts, its 500-character paragraphs (cut mid-sentence, checked one
after another by one fresh checker), dense prose with every participant of the sets on
the list, and the sentences again through a team file that overrides a vocabulary
fragment (so the rules using it run on the ``regex`` engine with time limits).

A change that is meant to change findings (a new rule, a tuned pattern, a relabelled
corpus) records again, once the accuracy tests are green::

    .venv/bin/python tests/language/recorded.py
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

if __name__ == "__main__":  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from facilitator.language import Checker, Finding, RuleSet
from facilitator.language.rules import builtin_rules
from tests.language.corpus import LOCKED, TUNING, load_corpus
from tests.language.texts import MEGABYTE, paragraphs, prose

FIXTURE = Path(__file__).with_name("recorded_findings.json.gz")

#: A team file whose ADV fragment means the same but is spelt differently: every bundled
#: rule using it counts as changed and runs on the regex engine, as a team's would.
TEAM_FILE = r"""
[vocab]
ADV = '''(?:{adv})'''

[[rule]]
id = "team.gremlins"
category = "blame"
triggers = ["gremlin*"]
pattern = '''gremlins?(?:\s+\w+){0,3}\s+again\b'''
message = "Blaming gremlins ends the inquiry as surely as blaming a person."
suggestion = "Which condition do we not understand yet?"

[[rule]]
id = "team.participant-pushed"
category = "blame"
triggers = ["pushed"]
pattern = '''{PEOPLE}\s+pushed'''
message = "A person named as the one who pushed."
suggestion = "What made pushing look safe?"
"""

#: One input: its name, the text, the participants.
Case = tuple[str, str, tuple[str, ...]]
#: One group of inputs checked by one checker: the checker's maker and the inputs' maker.
Group = tuple[Callable[[], Checker], Callable[[], list[Case]]]


def _sentences() -> list[Case]:
    return [
        (f"{path.stem}:{n}", sample.sentence, sample.people)
        for path in (TUNING, LOCKED)
        for n, sample in enumerate(load_corpus(path))
    ]


def _examples(rules: RuleSet) -> list[Case]:
    return [
        (f"{rule.id}:{kind}:{n}", example, rule.examples_people)
        for rule in rules.rules
        for kind in ("match", "no_match")
        for n, example in enumerate(getattr(rule, f"examples_{kind}"))
    ]


def _team_checker(folder: Path) -> Checker:
    path = folder / "team.toml"
    adv = builtin_rules().vocab["ADV"]
    path.write_text(TEAM_FILE.replace("{adv}", adv), encoding="utf-8")
    return Checker(extra_rules_path=path)


def groups(folder: Path) -> dict[str, Group]:
    """Every named group of inputs; ``folder`` is where the team file is written."""
    rules = builtin_rules()

    def everyone() -> tuple[str, ...]:
        return tuple(sorted({p for _name, _text, people in _sentences() for p in people}))

    found: dict[str, Group] = {
        "sentences": (Checker, _sentences),
        "examples": (Checker, lambda: _examples(rules)),
    }
    for rule in rules.rules:
        alone = RuleSet((rule,), rules.vocab, rules.words)
        found[f"alone:{rule.id}"] = (
            lambda alone=alone: Checker(alone),
            lambda alone=alone: _examples(alone),
        )
    found["dense"] = (Checker, lambda: [("dense", prose(MEGABYTE), ())])
    found["realistic"] = (Checker, lambda: [("realistic", prose(MEGABYTE, dilution=3), ())])
    found["paragraphs"] = (
        Checker,
        lambda: [(f"paragraph:{n}", text, ()) for n, text in enumerate(paragraphs())],
    )
    found["participants"] = (
        Checker,
        lambda: [("participants", prose(200_000, seed=5), everyone())],
    )
    found["team"] = (lambda: _team_checker(folder), _sentences)
    return found


def row(finding: Finding, checker: Checker) -> list[object]:
    """A finding as recorded: start, end, rule, categories and which message it carries."""
    rule = next(r for r in checker.rules.rules if r.id == finding.rule)
    if finding.message == rule.message:
        which = "plain"
    elif finding.message == rule.self_message:
        which = "self"
    else:
        which = "person"
    return [finding.start, finding.end, finding.rule, "+".join(finding.categories), which]


def digest(cases: list[Case]) -> str:
    """A fingerprint of a group's inputs, to tell a changed input from a changed finding."""
    hasher = hashlib.sha256()
    for name, text, people in cases:
        hasher.update(json.dumps([name, text, people]).encode())
    return hasher.hexdigest()


def run(maker: Callable[[], Checker], cases: list[Case]) -> dict[str, list[list[object]]]:
    """Check every input of a group with one fresh checker; the findings by input name."""
    from facilitator.language import safety

    budget = safety.CHECK_BUDGET
    # Team rules get a budget no loaded machine runs out of, so none is switched off.
    safety.CHECK_BUDGET = 60.0
    try:
        checker = maker()
        result = {}
        for name, text, people in cases:
            found = checker.check(text, people)
            if found:
                result[name] = [row(f, checker) for f in found]
        assert not checker.switched_off, checker.switched_off
        return result
    finally:
        safety.CHECK_BUDGET = budget


def record(folder: Path) -> dict[str, object]:
    """Check every group now and return the fixture's content."""
    recorded: dict[str, object] = {}
    for name, (maker, inputs) in groups(folder).items():
        cases = inputs()
        recorded[name] = {"inputs": digest(cases), "findings": run(maker, cases)}
    return recorded


def load() -> dict[str, dict[str, object]]:
    with gzip.open(FIXTURE, "rt", encoding="utf-8") as stream:
        return json.load(stream)


def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        recorded = record(Path(folder))
    data = json.dumps(recorded, separators=(",", ":"), sort_keys=True)
    with gzip.GzipFile(FIXTURE, "wb", mtime=0) as stream:  # same findings, same bytes
        stream.write(data.encode("utf-8"))
    total = sum(
        len(rows)
        for group in recorded.values()
        for rows in group["findings"].values()  # type: ignore[index]
    )
    print(f"recorded {total} findings in {len(recorded)} groups to {FIXTURE.name}")


if __name__ == "__main__":
    main()

"""The language checker: runs the rules over a text and returns findings.

Speed comes from a trigger prefilter (:mod:`facilitator.language.triggers`). Every
rule names trigger words that must appear for it to match; one compiled regex finds
all of them in a single pass, and only the sentences holding a trigger are read
(:mod:`facilitator.language.reading`), and only by the rules that trigger belongs to.
Text without triggers costs that one scan.

Rules compile the first time a sentence needs them, so building a checker is cheap
and the window never waits for every pattern; :meth:`Checker.warm_up` compiles the rest
ahead of time (a worker thread can call it).

Who acts is decided in Python (:mod:`facilitator.language.actors`), not by a list of
names inside every pattern: participants are a set lookup, so a change of participants
recompiles nothing.

Rules from a team file run on the ``regex`` engine with a time budget per check
(:mod:`facilitator.language.safety`); the bundled rules run on ``re``.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from facilitator.language.actors import Actors, People, Words
from facilitator.language.casefold import lowered_literals, without_ignorecase
from facilitator.language.compiled import Compiled
from facilitator.language.findings import Finding
from facilitator.language.masking import mask, normalise
from facilitator.language.overlaps import resolve_overlaps
from facilitator.language.reading import Reading, match_lower
from facilitator.language.rules import PEOPLE, RuleSet, load_rules, merge_rules_file
from facilitator.language.triggers import TriggerIndex, trigger_regex

__all__ = ["Checker", "trigger_regex"]

_LOWER_ASCII = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# A sentence ends with its full stops (before a space, a quote or a bracket) or a line
# break. Written to start with one character set, so the engine skips the characters
# between sentences in C; "[.!?]+(?=[\s\"')\]”’])|\n" finds the same ends three times slower.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)|[.!?]*(?=[\s\"')\]”’]))")
# Every match starts at the beginning of a word, never inside one.
_WORD_ANCHOR = r"(?<![\w'-])"


class Checker:
    """Checks text against a rule set.

    ``rules`` defaults to the bundled rules; ``extra_rules_path`` names a team's own
    rule file merged over them (same id replaces). ``switched_off`` maps the id of any
    team rule that ran out of time to the reason, for the UI to report.
    """

    def __init__(
        self, rules: RuleSet | None = None, extra_rules_path: str | Path | None = None
    ) -> None:
        rule_set = rules if rules is not None else load_rules()
        if extra_rules_path is not None:
            rule_set = merge_rules_file(rule_set, extra_rules_path)
        self.rules = rule_set
        self.actors = Actors(Words.from_lists(rule_set.words))
        self._priority = {rule.id: rule.priority for rule in rule_set.rules}
        self._compiled: list[Compiled | None] = [None] * len(rule_set.rules)
        self._per_people: dict[tuple[tuple[str, ...], int], Compiled] = {}
        self._people: dict[tuple[str, ...], People] = {}
        self._lock = threading.RLock()
        self._trust: list[bool] | None = None
        marker = "{" + PEOPLE + "}"
        self._uses_people = [
            marker in rule.pattern or any(marker in e for e in rule.exceptions)
            for rule in rule_set.rules
        ]
        self.switched_off: dict[str, str] = {}
        self._triggers = TriggerIndex(rule_set.rules)
        self._always = self._triggers.always

    # -- checking ---------------------------------------------------------------------------

    def check(self, text: str, people: Sequence[str] = ()) -> list[Finding]:
        """Return the findings in ``text``, ordered by position."""
        norm = normalise(text)
        lowered = _lower(norm)
        reading = Reading(self, text, norm, tuple(people), lowered)
        if self._triggers.prefilter is not None:
            _scan(self._triggers, reading, lowered)
        if self._always:
            self._run_always(reading)
            return resolve_overlaps(reading.candidates, self._priority)
        return reading.candidates

    def _run_always(self, reading: Reading) -> None:
        masked = mask(reading.norm, keep=reading.keep)
        reading.low = match_lower(masked)
        reading.chat = None
        for index in self._always:
            compiled = self.compiled(index, reading.people)
            if compiled is None:
                continue
            for match in reading.finditer(compiled, masked, 0, len(masked)):
                reading.add(compiled, match, masked, 0, len(masked))

    # -- compiling --------------------------------------------------------------------------

    def compiled(self, index: int, people: tuple[str, ...] = ()) -> Compiled | None:
        """Return rule ``index`` compiled (compiling it now if needed); None if switched off."""
        found = self._compiled[index]
        if found is not None and not self.switched_off:
            return found
        rule = self.rules.rules[index]
        if rule.id in self.switched_off:
            return None
        if self._uses_people[index]:
            key = (people, index)
            found = self._per_people.get(key)
            if found is None:
                found = self._compile(index, _people_regex(people))
                if len(self._per_people) > 64:
                    self._per_people.clear()  # participant lists change rarely
                self._per_people[key] = found
            return found
        found = self._compiled[index]
        if found is None:
            with self._lock:  # a warm-up thread may be compiling this very rule
                found = self._compiled[index]
                if found is None:
                    found = self._compile(index, "(?!)")
                    self._compiled[index] = found
        return found

    def _compile(self, index: int, names: str) -> Compiled:
        rule = self.rules.rules[index]
        pattern = self.rules.expand(rule.pattern, names)
        exceptions = [self.rules.expand(e, names) for e in rule.exceptions]
        trusted = self._trusted(index)
        pattern = _WORD_ANCHOR + "(?:" + pattern + ")"
        on_lower = exception_on_lower = False
        if trusted:
            # Matched against the lower-cased sentence where that gives the same matches.
            lowered = lowered_literals(pattern)
            on_lower = lowered is not None
            regex = re.compile(lowered or without_ignorecase(pattern), re.MULTILINE)
            # One alternation of every exception: one scan of the sentence instead of several.
            joined = "|".join(f"(?:{e})" for e in exceptions)
            blocked: tuple[object, ...] = ()
            if joined:
                lowered = lowered_literals(joined)
                exception_on_lower = lowered is not None
                blocked = (re.compile(lowered or without_ignorecase(joined), re.MULTILINE),)
        else:
            import regex as engine  # team rules only: it can stop a runaway match

            flags = engine.IGNORECASE | engine.MULTILINE | engine.VERSION0
            regex = engine.compile(pattern, flags)
            blocked = tuple(engine.compile(e, flags) for e in exceptions)
        return Compiled(rule, regex, blocked, trusted, on_lower, exception_on_lower)

    def _trusted(self, index: int) -> bool:
        if self._trust is None:
            from facilitator.language.safety import is_trusted

            with self._lock:
                self._trust = [is_trusted(self.rules, i) for i in range(len(self.rules.rules))]
        return self._trust[index]

    def warm_up(self) -> None:
        """Compile every rule and load the word lists now, so no later check waits for them."""
        for index in range(len(self.rules.rules)):
            self.compiled(index)
        _ = self.actors.words.english

    def people(self, names: tuple[str, ...]) -> People:
        found = self._people.get(names)
        if found is None:
            if len(self._people) > 32:
                self._people.clear()
            found = self._people[names] = People.of(names)
        return found


def _scan(triggers: TriggerIndex, reading: Reading, lowered: str) -> None:
    """Find every trigger, group them by sentence and read each sentence that has one."""
    memo = triggers.memo
    lookup = triggers.lookup
    norm = reading.norm
    ends = _SENTENCE_END.finditer(norm)
    start, end = 0, 0
    # Rule -> where its triggers are in the sentence; a defaultdict appends in C.
    by_rule: defaultdict[int, list[int]] = defaultdict(list)
    for hit in triggers.prefilter.finditer(lowered):  # type: ignore[union-attr]
        at = hit.start()
        if at >= end:
            if by_rule:
                reading.read(start, end, by_rule)
                by_rule = defaultdict(list)
            while end <= at:  # move to the sentence holding this trigger
                start = end
                found = next(ends, None)
                end = found.end() if found is not None else len(norm)
        token = hit.group()
        entry = memo.get(token)
        if entry is None:
            entry = lookup(token)
        for index in entry[0]:
            by_rule[index].append(at)
        if entry[1] is not None:  # the first word of a trigger of several words
            phrases, rules = entry[1]
            followed = phrases(lowered, at).groups()  # type: ignore[union-attr]
            for found, index in zip(followed, rules, strict=True):
                if found is not None:
                    by_rule[index].append(at)
    if by_rule:
        reading.read(start, end, by_rule)


def _people_regex(people: Sequence[str]) -> str:
    """A case-sensitive regex matching any participant's full or first name (team rules)."""
    names: set[str] = set()
    for person in people:
        words = person.split()
        for name in (" ".join(words), words[0] if words else ""):
            if len(name) >= 2:
                names.add(name)
                names.add(name[0].upper() + name[1:])
    if not names:
        return "(?!)"
    alternatives = "|".join(
        r"\s+".join(re.escape(w) for w in name.split())
        for name in sorted(names, key=len, reverse=True)
    )
    return r"(?-i:(?<![\w'])(?:" + alternatives + r")(?![\w-]))"


def _lower(text: str) -> str:
    """Return ``text`` in lower case with every character at the same offset."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text.translate(_LOWER_ASCII)  # a few characters change length when lowered
    return lowered

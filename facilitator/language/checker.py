"""The language checker: runs the compiled rules over a text and returns findings.

Speed comes from a keyword prefilter. Every rule names trigger words that must
appear for it to match; one combined regex finds all triggers in a single pass,
and only the rules a trigger belongs to are run, and only over the sentence
around it. Texts without triggers cost one regex scan.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from facilitator.language.casefold import without_ignorecase
from facilitator.language.findings import Finding
from facilitator.language.masking import mask, normalise
from facilitator.language.rules import Rule, RuleSet, load_rules, merge_rules_file

_LOWER_ASCII = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "i'd", "i've", "i'm", "mine"})
_WORD_BEFORE = re.compile(r"([\w']+)\W*\Z")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s)|\n")
# How many words before its trigger a match may start: room for a subject with an
# aside ("Priya Rao, the on-call engineer, forgot") or "if the on-call engineer had".
_LOOKBACK = 10


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    regex: re.Pattern[str]
    exceptions: tuple[re.Pattern[str], ...]


def people_regex(people: Sequence[str]) -> str:
    """Return a case-sensitive regex matching any participant's full or first name."""
    names: set[str] = set()
    for person in people:
        words = person.split()
        if not words:
            continue
        for name in (" ".join(words), words[0]):
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


class Checker:
    """Checks text against a rule set.

    ``rules`` defaults to the bundled rules; ``extra_rules_path`` names a team's
    own rule file merged over them (same id replaces). Compiled patterns are
    cached per participant list, so checking many fields of one debrief is cheap.
    """

    def __init__(
        self, rules: RuleSet | None = None, extra_rules_path: str | Path | None = None
    ) -> None:
        rule_set = rules if rules is not None else load_rules()
        if extra_rules_path is not None:
            rule_set = merge_rules_file(rule_set, extra_rules_path)
        self.rules = rule_set
        self._index_triggers()
        self._priority = {rule.id: rule.priority for rule in rule_set.rules}
        self._compiled: dict[tuple[str, ...], list[_Compiled]] = {}

    def _index_triggers(self) -> None:
        self._exact: dict[str, set[int]] = {}
        self._prefixes: list[tuple[str, int]] = []
        self._phrases: dict[str, list[tuple[re.Pattern[str], int]]] = {}
        self._always = [i for i, rule in enumerate(self.rules.rules) if not rule.triggers]
        for index, rule in enumerate(self.rules.rules):
            for trigger in rule.triggers:
                words = trigger.split()
                if len(words) > 1:
                    rest = r"\s+".join(re.escape(w) for w in words[1:]).replace(r"\*", r"[\w']*")
                    pattern = re.compile(r"[\w'-]*\s+" + rest + r"(?![\w'])")
                    self._phrases.setdefault(words[0].rstrip("*"), []).append((pattern, index))
                elif trigger.endswith("*"):
                    self._prefixes.append((trigger[:-1], index))
                else:
                    self._exact.setdefault(trigger, set()).add(index)
        self._memo: dict[str, tuple[frozenset[int], tuple[tuple[re.Pattern[str], int], ...]]] = {}

    def _lookup(self, token: str) -> tuple[frozenset[int], tuple[tuple[re.Pattern[str], int], ...]]:
        word = token.rstrip("'-")
        rules = set(self._exact.get(word, ()))
        rules.update(i for prefix, i in self._prefixes if word.startswith(prefix))
        entry = (frozenset(rules), tuple(self._phrases.get(word, ())))
        self._memo[token] = entry
        return entry

    def check(self, text: str, people: Sequence[str] = ()) -> list[Finding]:
        """Return the findings in ``text``, ordered by position."""
        norm = normalise(text)
        lowered = _lower(norm)
        by_rule: dict[int, list[int]] = {}
        memo = self._memo
        starts: list[int] = []
        for number, word in enumerate(_WORD.finditer(lowered)):
            at = word.start()
            starts.append(at)
            token = word.group()
            entry = memo.get(token) or self._lookup(token)
            for index in entry[0]:
                by_rule.setdefault(index, []).append(number)
            for rest, index in entry[1]:
                if rest.match(lowered, at):
                    by_rule.setdefault(index, []).append(number)
        if not by_rule and not self._always:
            return []
        compiled = self._compile(tuple(people))
        masked = mask(norm, keep=set(people))
        bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(masked)), len(masked)]
        candidates: list[Finding] = []
        for index in self._always:
            candidates.extend(self._run(compiled[index], text, masked, 0, len(masked)))
        for index, numbers in by_rule.items():
            near = self._run_near(compiled[index], text, masked, starts, numbers, bounds)
            candidates.extend(near)
        return _resolve_overlaps(candidates, self._priority)

    def _run_near(
        self,
        compiled: _Compiled,
        text: str,
        masked: str,
        starts: list[int],
        numbers: list[int],
        bounds: list[int],
    ) -> Iterable[Finding]:
        """Try one rule only at the word starts just before each of its trigger words.

        A match contains a trigger and starts at most ``lookback`` words before it,
        so anchoring there keeps the cost proportional to the triggers, not the text.
        """
        regex = compiled.regex
        lookback = compiled.rule.lookback
        done = 0
        tried: set[int] = set()
        for number in numbers:
            at = starts[number]
            if masked[at] == " ":
                continue  # the trigger sits in code, a link or a quotation
            after = bisect.bisect_right(bounds, at)
            region_start = bounds[after - 1]
            region_end = bounds[min(after, len(bounds) - 1)]
            for candidate in range(max(0, number - lookback), number + 1):
                pos = starts[candidate]
                if pos < done or pos < region_start or candidate in tried:
                    continue
                tried.add(candidate)
                match = regex.match(masked, pos, region_end)
                if match is None:
                    continue
                finding = self._finding(compiled, match, text, masked, region_start, region_end)
                done = match.end()
                if finding is not None:
                    yield finding

    def _run(
        self, compiled: _Compiled, text: str, masked: str, start: int, end: int
    ) -> Iterable[Finding]:
        """Run a rule without triggers over the whole text."""
        for match in compiled.regex.finditer(masked, start, end):
            finding = self._finding(compiled, match, text, masked, start, end)
            if finding is not None:
                yield finding

    def _finding(
        self,
        compiled: _Compiled,
        match: re.Match[str],
        text: str,
        masked: str,
        context_start: int,
        context_end: int,
    ) -> Finding | None:
        group = "flag" if "flag" in compiled.regex.groupindex else 0
        if match.group(group) is None:
            return None
        span_start, span_end = match.span(group)
        if span_end <= span_start:
            return None
        for exception in compiled.exceptions:
            for blocked in exception.finditer(masked, context_start, context_end):
                if blocked.start() >= span_end:
                    break  # this and every later exception match start past the phrase
                if span_start < blocked.end():
                    return None
        rule = compiled.rule
        first_person = _is_first_person(match, masked, context_start)
        return Finding(
            span_start,
            span_end,
            rule.category,
            rule.id,
            rule.self_message if first_person and rule.self_message else rule.message,
            rule.self_suggestion if first_person and rule.self_suggestion else rule.suggestion,
            text[span_start:span_end],
        )

    def _compile(self, people: tuple[str, ...]) -> list[_Compiled]:
        compiled = self._compiled.get(people)
        if compiled is not None:
            return compiled
        # Most rules do not mention people: share their compiled form with the default.
        shared = self._compile(()) if people else None
        names = people_regex(people)
        compiled = []
        for index, rule in enumerate(self.rules.rules):
            pattern = self.rules.expand(rule.pattern, names)
            exceptions = [self.rules.expand(e, names) for e in rule.exceptions]
            if (
                shared is not None
                and shared[index].regex.pattern == pattern
                and [e.pattern for e in shared[index].exceptions] == exceptions
            ):
                compiled.append(shared[index])
                continue
            compiled.append(
                _Compiled(
                    rule,
                    re.compile(without_ignorecase(pattern), re.MULTILINE),
                    tuple(re.compile(without_ignorecase(e), re.MULTILINE) for e in exceptions),
                )
            )
        if len(self._compiled) > 16:
            # Participant lists change rarely; keep the default and drop the rest.
            self._compiled = {k: v for k, v in self._compiled.items() if not k}
        self._compiled[people] = compiled
        return compiled


_WORD = re.compile(r"[a-z0-9][\w'-]*")


def _lower(text: str) -> str:
    """Return ``text`` in lower case with every character at the same offset."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text.translate(_LOWER_ASCII)  # a few characters change length when lowered
    return lowered


def _is_first_person(match: re.Match[str], masked: str, region_start: int) -> bool:
    if "who" in match.re.groupindex and match.group("who") is not None:
        return match.group("who").lower() in _FIRST_PERSON
    first = match.group().split(None, 1)
    if first and first[0].lower() in _FIRST_PERSON:
        return True
    before = _WORD_BEFORE.search(masked, max(region_start, match.start() - 20), match.start())
    return before is not None and before.group(1).lower() in _FIRST_PERSON


def _resolve_overlaps(candidates: list[Finding], priority: dict[str, int]) -> list[Finding]:
    """Keep one finding per overlapping phrase within a category: the most specific rule."""
    if len(candidates) < 2:
        return candidates
    kept: list[Finding] = []
    for category in {f.category for f in candidates}:
        cluster: list[Finding] = []
        cluster_end = -1
        for finding in sorted(
            (f for f in candidates if f.category == category), key=lambda f: f.start
        ):
            if finding.start >= cluster_end and cluster:
                kept.extend(_best_of(cluster, priority))
                cluster = []
            cluster.append(finding)
            cluster_end = max(cluster_end, finding.end)
        kept.extend(_best_of(cluster, priority))
    kept.sort(key=lambda f: (f.start, f.end, f.category))
    return kept


def _best_of(cluster: list[Finding], priority: dict[str, int]) -> list[Finding]:
    if len(cluster) == 1:
        return cluster
    chosen: list[Finding] = []
    for finding in sorted(cluster, key=lambda f: (-priority[f.rule], f.start - f.end, f.start)):
        if not any(c.start < finding.end and finding.start < c.end for c in chosen):
            chosen.append(finding)
    return chosen

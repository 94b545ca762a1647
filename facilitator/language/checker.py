"""The language checker: runs the compiled rules over a text and returns findings.

Speed comes from a keyword prefilter. Every rule names trigger words that must
appear for it to match; one combined regex finds all trigger words in a single
pass (in C, without visiting the other words), and only the rules a trigger
belongs to are run, once per trigger, over the sentence around it. Texts without
triggers cost one regex scan.
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
    group: str | int  # the underlined part: the "flag" group if the pattern has one
    has_who: bool


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
        self._memo: dict[str, tuple[tuple[int, ...], tuple[tuple[re.Pattern[str], int], ...]]] = {}
        self._trigger_words = _trigger_regex(
            set(self._exact) | set(self._phrases), {prefix for prefix, _ in self._prefixes}
        )

    def _lookup(self, word: str) -> tuple[tuple[int, ...], tuple[tuple[re.Pattern[str], int], ...]]:
        rules = set(self._exact.get(word, ()))
        rules.update(i for prefix, i in self._prefixes if word.startswith(prefix))
        entry = (tuple(sorted(rules)), tuple(self._phrases.get(word, ())))
        self._memo[word] = entry
        return entry

    def check(self, text: str, people: Sequence[str] = ()) -> list[Finding]:
        """Return the findings in ``text``, ordered by position."""
        norm = normalise(text)
        lowered = _lower(norm)
        by_rule: dict[int, list[int]] = {}
        memo = self._memo
        for hit in self._trigger_words.finditer(lowered):
            word = hit.group(1)
            entry = memo.get(word) or self._lookup(word)
            at = hit.start(1)
            for index in entry[0]:
                if index in by_rule:
                    by_rule[index].append(at)
                else:
                    by_rule[index] = [at]
            for rest, index in entry[1]:
                if rest.match(lowered, at):
                    by_rule.setdefault(index, []).append(at)
        if not by_rule and not self._always:
            return []
        if not isinstance(people, tuple):
            people = tuple(people)
        compiled = self._compile(people)
        masked = mask(norm, keep=people)
        bounds = [0]
        bounds.extend(m.end() for m in _SENTENCE_END.finditer(masked))
        bounds.append(len(masked))
        candidates: list[Finding] = []
        for index in self._always:
            candidates.extend(self._run(compiled[index], text, masked, 0, len(masked)))
        for index, positions in by_rule.items():
            self._run_near(compiled[index], text, masked, lowered, positions, bounds, candidates)
        return _resolve_overlaps(candidates, self._priority)

    def _run_near(
        self,
        compiled: _Compiled,
        text: str,
        masked: str,
        lowered: str,
        positions: list[int],
        bounds: list[int],
        out: list[Finding],
    ) -> None:
        """Run one rule around each of its trigger words, appending findings to ``out``.

        A match contains a trigger and starts at most ``lookback`` words before it
        (a rule with no lookback starts at its trigger), within the trigger's
        sentence. One search per trigger, from the sentence start or the end of the
        previous match, finds the leftmost such match; its distance is checked after.
        """
        regex = compiled.regex
        lookback = compiled.rule.lookback
        done = 0
        last_from = last_end = -1
        last: re.Match[str] | None = None
        for at in positions:
            if at < done or masked[at] == " ":
                continue  # inside the previous match, or in code, a link or a quotation
            after = bisect.bisect_right(bounds, at)
            region_start = bounds[after - 1]
            region_end = bounds[after] if after < len(bounds) else len(masked)
            if lookback == 0:
                match = regex.match(masked, at, region_end)
            else:
                start = max(region_start, done)
                if last_end == region_end and last_from <= start and (
                    last is None or last.start() >= start
                ):
                    match = last  # the search from here would find the same match
                else:
                    match = regex.search(masked, start, region_end)
                    last_from, last_end, last = start, region_end, match
                if match is None or match.start() > at:
                    continue
                if lowered.count(" ", match.start(), at) > lookback:
                    match = self._match_within(regex, lowered, masked, at, start, lookback)
                    if match is None:
                        continue
            if match is None:
                continue
            done = match.end()
            finding = self._finding(compiled, match, text, masked, region_start, region_end)
            if finding is not None:
                out.append(finding)

    @staticmethod
    def _match_within(
        regex: re.Pattern[str], lowered: str, masked: str, at: int, start: int, lookback: int
    ) -> re.Match[str] | None:
        """Return the first match starting at one of the ``lookback`` words before ``at``."""
        starts = [m.start() for m in _WORD.finditer(lowered, start, at + 1)][-(lookback + 1) :]
        end = len(masked)
        for pos in starts:
            match = regex.match(masked, pos, end)
            if match is not None:
                return match
        return None

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
        group = compiled.group
        if match.group(group) is None:
            return None
        span_start, span_end = match.span(group)
        if span_end <= span_start:
            return None
        for exception in compiled.exceptions:
            for blocked in exception.finditer(masked, context_start, context_end):
                if blocked.start() < span_end and span_start < blocked.end():
                    return None
        rule = compiled.rule
        first_person = _is_first_person(match, masked, context_start, compiled.has_who)
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
            regex = re.compile(without_ignorecase(pattern), re.MULTILINE)
            compiled.append(
                _Compiled(
                    rule,
                    regex,
                    tuple(re.compile(without_ignorecase(e), re.MULTILINE) for e in exceptions),
                    "flag" if "flag" in regex.groupindex else 0,
                    "who" in regex.groupindex,
                )
            )
        if len(self._compiled) > 16:
            # Participant lists change rarely; keep the default and drop the rest.
            self._compiled = {k: v for k, v in self._compiled.items() if not k}
        self._compiled[people] = compiled
        return compiled


_WORD = re.compile(r"[a-z0-9][\w'-]*")


def _trigger_regex(words: set[str], prefixes: set[str]) -> re.Pattern[str]:
    """Return a regex finding, in lower-case text, every word that is or starts a trigger.

    A word is a run ``[a-z0-9][\\w'-]*`` with trailing apostrophes and hyphens
    dropped; group 1 is that word. Longer alternatives come first so "didn't" is
    not read as "did".
    """
    def alternatives(items: set[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(items, key=lambda w: (-len(w), w)))

    parts = []
    if words:
        parts.append(f"(?:{alternatives(words)})(?=['-]*(?![\\w'-]))")
    if prefixes:
        parts.append(f"(?:{alternatives(prefixes)})[\\w'-]*?(?=['-]*(?![\\w'-]))")
    if not parts:
        return re.compile("(?!)")
    # A word starts where no word character, apostrophe or hyphen comes before it, or
    # after apostrophes or hyphens that themselves follow a non-word character.
    return re.compile(r"(?<![\w'-])['-]*(" + "|".join(parts) + ")")


def _lower(text: str) -> str:
    """Return ``text`` in lower case with every character at the same offset."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text.translate(_LOWER_ASCII)  # a few characters change length when lowered
    return lowered


def _is_first_person(match: re.Match[str], masked: str, region_start: int, has_who: bool) -> bool:
    if has_who and match.group("who") is not None:
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

"""The language checker: runs the rules over a text and returns findings.

Speed comes from a trigger prefilter. Every rule names trigger words that must appear
for it to match; one compiled alternation finds all of them in a single pass, and only
the sentences holding a trigger are masked and read, and only by the rules that
trigger belongs to. Text without triggers costs that one scan.

Rules compile the first time a sentence needs them, so building a checker is cheap
and the window never waits for 200 patterns; :meth:`Checker.warm_up` compiles the rest
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
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.language.actors import FIRST, NOBODY, PERSON, Actors, People, Span, Words
from facilitator.language.casefold import without_ignorecase
from facilitator.language.findings import BLAME, COUNTERFACTUAL, Finding
from facilitator.language.masking import mask, normalise
from facilitator.language.rules import PEOPLE, Rule, RuleSet, load_rules, merge_rules_file

_LOWER_ASCII = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"')\]”’])|\n")
_WORD_START = re.compile(r"(?<![\w'-])[@\w]")
# Every match starts at the beginning of a word, never inside one.
_WORD_ANCHOR = r"(?<![\w'-])"
_BY = re.compile(r"\s+by\s+")
_CHAT_HEAD = re.compile(r"[\s\-*•>\d:.]*(?:@?\w{1,20}:\s+)?")


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    regex: Any  # re.Pattern, or regex.Pattern for untrusted rules
    exceptions: tuple[Any, ...]
    trusted: bool
    who_groups: tuple[str, ...]
    flag: bool = False  # the pattern has a "flag" group narrowing the underline
    passive: bool = False  # the pattern has a "passive" group


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
        self._compiled: list[_Compiled | None] = [None] * len(rule_set.rules)
        self._per_people: dict[tuple[tuple[str, ...], int], _Compiled] = {}
        self._people: dict[tuple[str, ...], People] = {}
        self._lock = threading.RLock()
        self._trust: list[bool] | None = None
        marker = "{" + PEOPLE + "}"
        self._uses_people = [
            marker in rule.pattern or any(marker in e for e in rule.exceptions)
            for rule in rule_set.rules
        ]
        self.switched_off: dict[str, str] = {}
        self._index_triggers()

    # -- triggers ---------------------------------------------------------------------------

    def _index_triggers(self) -> None:
        exact: dict[str, set[int]] = {}
        self._prefixes: list[tuple[str, int]] = []
        self._phrases: dict[str, list[tuple[re.Pattern[str], int]]] = {}
        self._always = [i for i, rule in enumerate(self.rules.rules) if not rule.triggers]
        words: set[str] = set()
        prefixes: set[str] = set()
        for index, rule in enumerate(self.rules.rules):
            for trigger in rule.triggers:
                parts = trigger.split()
                if len(parts) > 1:
                    rest = r"\s+".join(re.escape(w) for w in parts[1:]).replace(r"\*", r"[\w']*")
                    pattern = re.compile(r"[\w'-]*\s+" + rest + r"(?![\w'])")
                    self._phrases.setdefault(parts[0].rstrip("*"), []).append((pattern, index))
                    (prefixes if parts[0].endswith("*") else words).add(parts[0].rstrip("*"))
                elif trigger.endswith("*"):
                    self._prefixes.append((trigger[:-1], index))
                    prefixes.add(trigger[:-1])
                else:
                    exact.setdefault(trigger, set()).add(index)
                    words.add(trigger)
        self._exact = exact
        self._prefilter = re.compile(trigger_regex(words, prefixes)) if words or prefixes else None
        self._memo: dict[str, tuple[frozenset[int], tuple[tuple[re.Pattern[str], int], ...]]] = {}

    def _lookup(self, token: str) -> tuple[frozenset[int], tuple[tuple[re.Pattern[str], int], ...]]:
        word = token.rstrip("'-")
        rules = set(self._exact.get(word, ()))
        rules.update(i for prefix, i in self._prefixes if word.startswith(prefix))
        entry = (frozenset(rules), tuple(self._phrases.get(word, ())))
        self._memo[token] = entry
        return entry

    # -- checking ---------------------------------------------------------------------------

    def check(self, text: str, people: Sequence[str] = ()) -> list[Finding]:
        """Return the findings in ``text``, ordered by position."""
        norm = normalise(text)
        lowered = _lower(norm)
        context = _Context(self, text, norm, tuple(people), lowered)
        if self._prefilter is not None:
            self._scan(context, lowered)
        if self._always:
            self._run_always(context)
            return _resolve_overlaps(context.candidates, self._priority)
        return context.candidates

    def _scan(self, context: _Context, lowered: str) -> None:
        """Find every trigger, group them by sentence and read each sentence that has one."""
        memo = self._memo
        lookup = self._lookup
        read = context.read
        norm = context.norm
        ends = _SENTENCE_END.finditer(norm)
        start, end = 0, 0
        by_rule: dict[int, list[int]] = {}
        for hit in self._prefilter.finditer(lowered):  # type: ignore[union-attr]
            at = hit.start()
            if at >= end:
                if by_rule:
                    read((start, end), by_rule)
                    by_rule = {}
                while end <= at:  # move to the sentence holding this trigger
                    start = end
                    found = next(ends, None)
                    end = found.end() if found is not None else len(norm)
            token = hit.group()
            entry = memo.get(token)
            if entry is None:
                entry = lookup(token)
            for index in entry[0]:
                hits = by_rule.get(index)
                if hits is None:
                    by_rule[index] = [at]
                else:
                    hits.append(at)
            for rest, index in entry[1]:
                if rest.match(lowered, at):
                    by_rule.setdefault(index, []).append(at)
        if by_rule:
            read((start, end), by_rule)

    def _run_always(self, context: _Context) -> None:
        masked = mask(context.norm, keep=context.keep)
        context.chat = None
        for index in self._always:
            compiled = self.compiled(index, context.people)
            if compiled is None:
                continue
            for match in context.finditer(compiled, masked, 0, len(masked)):
                context.add(compiled, match, masked, 0, len(masked))

    # -- compiling --------------------------------------------------------------------------

    def compiled(self, index: int, people: tuple[str, ...] = ()) -> _Compiled | None:
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

    def _compile(self, index: int, names: str) -> _Compiled:
        rule = self.rules.rules[index]
        pattern = self.rules.expand(rule.pattern, names)
        exceptions = [self.rules.expand(e, names) for e in rule.exceptions]
        trusted = self._trusted(index)
        pattern = _WORD_ANCHOR + "(?:" + pattern + ")"
        if trusted:
            regex = re.compile(without_ignorecase(pattern), re.MULTILINE)
            # One alternation of every exception: one scan of the sentence instead of several.
            joined = "|".join(f"(?:{e})" for e in exceptions)
            blocked = (re.compile(without_ignorecase(joined), re.MULTILINE),) if joined else ()
        else:
            import regex as engine  # team rules only: it can stop a runaway match

            flags = engine.IGNORECASE | engine.MULTILINE | engine.VERSION0
            regex = engine.compile(pattern, flags)
            blocked = tuple(engine.compile(e, flags) for e in exceptions)
        groups = regex.groupindex
        who = tuple(sorted(g for g in groups if g.startswith("who")))
        return _Compiled(rule, regex, blocked, trusted, who, "flag" in groups, "passive" in groups)

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


class _Context:
    """One check() call: the text, the participants, the time budget and the findings."""

    def __init__(
        self, checker: Checker, text: str, norm: str, people: tuple[str, ...], lowered: str = ""
    ) -> None:
        self.checker = checker
        self.text = text
        self.norm = norm
        self.lowered = lowered
        self.people = people
        self.chat: bool | None = None
        self.keep = set(people)
        self.known = checker.people(people)
        self.candidates: list[Finding] = []
        self.deadline = 0.0

    # -- reading one sentence ------------------------------------------------------------

    def read(self, region: tuple[int, int], by_rule: dict[int, list[int]]) -> None:
        """Check one sentence with the rules its trigger words belong to."""
        start, end = region
        masked = mask(self.norm[start:end], keep=self.keep)
        size = len(masked)
        found = self.candidates
        before = len(found)
        self.chat = None
        checker = self.checker
        compiled_rules = checker._compiled
        lowered: str | None = None
        for index, hits in by_rule.items():
            compiled = compiled_rules[index]
            if compiled is None or checker.switched_off:
                compiled = checker.compiled(index, self.people)
                if compiled is None:
                    continue
            requires = compiled.rule.requires
            if requires:
                if lowered is None:
                    lowered = self.lowered[start:end]
                if not any(r in lowered for r in requires):
                    continue
            if compiled.rule.lookback or not compiled.trusted:
                self._near(compiled, masked, start, hits)
                continue
            match_at = compiled.regex.match
            done = 0
            for hit in hits:  # the common case, inlined: a rule anchored at its trigger
                at = hit - start
                if at < done or masked[at] == " ":
                    continue
                match = match_at(masked, at)
                if match is not None and self.add(compiled, match, masked, start, size):
                    done = match.end()
        if len(found) - before > 1:
            found[before:] = _resolve_overlaps(found[before:], checker._priority)

    def _near(self, compiled: _Compiled, masked: str, offset: int, hits: list[int]) -> None:
        """Find the rule's matches that start at most ``lookback`` words before a trigger.

        One search from the earliest start a trigger allows finds the next match in the
        sentence, in C, instead of trying every word start in Python. A match whose
        actor or exception rules it out does not hide a later one that starts inside it
        ("Yesterday Lee's change…" is tried again from "Lee's").
        """
        lookback = compiled.rule.lookback
        size = len(masked)
        pos = 0
        for hit in hits:
            at = hit - offset
            if at < pos or masked[at] == " ":
                continue  # inside the last finding, or in code, a link or a quoted term
            low = at
            if lookback:
                starts = [
                    m.start()
                    for m in _WORD_START.finditer(masked, max(pos, at - 12 * lookback), at)
                ]
                if starts:
                    low = starts[-lookback] if len(starts) >= lookback else starts[0]
            for _ in range(lookback + 1):
                match = self._find(compiled, masked, low)
                if match is None:
                    return  # no match anywhere further on in this sentence
                if match.start() > at:
                    break  # nothing starts near this trigger; a later one may do
                if self.add(compiled, match, masked, offset, size):
                    pos = match.end()
                    break
                again = _WORD_START.search(masked, match.start() + 1)
                if again is None or again.start() > at:
                    break
                low = again.start()

    def _find(self, compiled: _Compiled, masked: str, pos: int) -> Any:
        if compiled.trusted:
            return compiled.regex.search(masked, pos)
        return self._bounded(
            compiled, lambda timeout: compiled.regex.search(masked, pos, timeout=timeout)
        )

    def _match(self, compiled: _Compiled, masked: str, pos: int) -> Any:
        if compiled.trusted:
            return compiled.regex.match(masked, pos)
        return self._bounded(
            compiled, lambda timeout: compiled.regex.match(masked, pos, timeout=timeout)
        )

    def finditer(self, compiled: _Compiled, masked: str, start: int, end: int) -> Iterable[Any]:
        if compiled.trusted:
            yield from compiled.regex.finditer(masked, start, end)
            return
        found = self._bounded(
            compiled,
            lambda timeout: list(compiled.regex.finditer(masked, start, end, timeout=timeout)),
        )
        yield from found or ()

    def _bounded(self, compiled: _Compiled, run: Any) -> Any:
        """Run an untrusted rule within what is left of this check's time budget."""
        from facilitator.language.safety import CHECK_BUDGET

        now = time.perf_counter()
        if not self.deadline:
            self.deadline = now + CHECK_BUDGET
        left = self.deadline - now
        if left <= 0:
            return None
        try:
            # The regex engine checks its clock only now and then and overruns a timeout
            # by up to about three times, so each call gets a quarter of what is left.
            return run(max(0.001, left / 4))
        except TimeoutError:
            self.checker.switched_off[compiled.rule.id] = (
                f"the team rule '{compiled.rule.id}' took too long and was switched off"
            )
            return None

    # -- turning a match into a finding ----------------------------------------------------

    def add(self, compiled: _Compiled, match: Any, masked: str, offset: int, end: int) -> bool:
        """Turn ``match`` into a finding if its actor and exceptions allow; return whether."""
        rule = compiled.rule
        group = "flag" if compiled.flag else 0
        if group and match.group(group) is None:
            return False
        span_start, span_end = match.span(group)
        if span_end <= span_start:
            return False
        actor, subject = self._actor(compiled, match, masked)
        if rule.needs_person and actor not in (PERSON, FIRST):
            return False
        if rule.skip_first_person and actor == FIRST:
            return False
        if rule.needs_person and isinstance(subject, Span) and group == 0:
            span_start = min(span_start, subject.start)
        if self._blocked(compiled, masked, span_start, span_end, end):
            return False
        category, also = rule.category, rule.also
        message, suggestion = rule.message, rule.suggestion
        if actor == FIRST and rule.self_message:
            message, suggestion = rule.self_message, rule.self_suggestion or suggestion
        elif actor == PERSON and rule.person_message:
            message, suggestion = rule.person_message, rule.person_suggestion or suggestion
            if category == COUNTERFACTUAL:
                category, also = BLAME, (COUNTERFACTUAL,)
        a, b = span_start + offset, span_end + offset
        self.candidates.append(
            Finding(a, b, category, rule.id, message, suggestion, self.text[a:b], also)
        )
        return True

    def _actor(self, compiled: _Compiled, match: Any, masked: str) -> tuple[str, Span | str]:
        rule = compiled.rule
        actors = self.checker.actors
        chat = self.chat
        if chat is None:
            chat = self.chat = _is_chat(masked)
        subject: Span | str = NOBODY
        for name in compiled.who_groups:
            if match.group(name) is not None:
                subject = actors.span_of(masked, *match.span(name), 0)
                break
        else:
            if rule.actor == "subject":
                subject = actors.subject_before(masked, match.start(), 0)
        actor = actors.classify(subject, self.known, chat, rule.human_only)
        if actor == PERSON and compiled.passive and match.group("passive"):
            actor = NOBODY  # "the DBA should have been paged": the person is not judged
        if rule.agent_after and actor != PERSON:
            by = _BY.match(masked, match.end())
            if by is not None:
                agent = actors.span_of(masked, by.end(), min(len(masked), by.end() + 40), 0)
                agent = actors.span_of(masked, agent.start, _phrase_end(masked, agent.start), 0)
                if actors.classify(agent, self.known, chat) == PERSON:
                    actor = PERSON
        return actor, subject

    def _blocked(self, compiled: _Compiled, masked: str, start: int, end: int, limit: int) -> bool:
        """Whether an exception of the rule overlaps ``start:end`` (searched nearby only)."""
        # Exceptions name the words around the phrase ("don't forget", "… as designed"):
        # a few words before it and a clause after it are all they need to see.
        low = max(0, start - 40)
        high = min(limit, end + 100)
        for exception in compiled.exceptions:
            if compiled.trusted:
                found = exception.finditer(masked, low, high)
            else:
                found = (
                    self._bounded(
                        compiled,
                        lambda t, e=exception: list(e.finditer(masked, low, high, timeout=t)),
                    )
                    or ()
                )
            for blocked in found:
                if blocked.start() >= end:
                    break  # this and every later exception match start past the phrase
                if start < blocked.end():
                    return True
        return False


def trigger_regex(words: Iterable[str], prefixes: Iterable[str] = ()) -> str:
    """Return one regex matching any of ``words`` (or a word starting with a prefix).

    The alternatives are folded into a trie ("forgot|forget" becomes "forg(?:ot|et)"), so
    the engine tests each position against a few characters instead of every word.
    """
    trie: dict[str, Any] = {}
    for word, is_prefix in [(w, False) for w in words] + [(p, True) for p in prefixes]:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node["*" if is_prefix else ""] = True
    return r"(?<![\w'-])" + _trie(trie) + r"(?![\w'-])"


def _trie(node: dict[str, Any]) -> str:
    ends = "" in node
    prefix_end = "*" in node
    branches = sorted(k for k in node if k not in ("", "*"))
    if prefix_end:
        return r"[\w'-]*"
    parts = [re.escape(char) + _trie(node[char]) for char in branches]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if ends:
        return "(?:" + body + ")?" if len(parts) == 1 else body[:-1] + "|)"
    return body


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


def _is_chat(sentence: str) -> bool:
    """Lower-case chat style: the sentence's first letter (after a time or handle) is small."""
    head = _CHAT_HEAD.match(sentence)
    rest = sentence[head.end() if head else 0 :].lstrip("@\"'“‘(")
    return bool(rest) and rest[0].islower()


def _phrase_end(text: str, start: int) -> int:
    stop = re.compile(r"[,.;:!?()\n]|\s(?:on|at|in|during|last|yesterday|before|after|while)\s")
    found = stop.search(text, start, start + 60)
    return found.start() if found else min(len(text), start + 60)


def _resolve_overlaps(candidates: list[Finding], priority: dict[str, int]) -> list[Finding]:
    """Keep one finding per overlapping phrase within a category: the most specific rule.

    A finding that carries both categories also absorbs a single-category finding of its
    second category that overlaps it, so one phrase is never reported twice.
    """
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
    doubles = [f for f in kept if f.also]
    if doubles:
        kept = [
            f
            for f in kept
            if f.also
            or not any(d.has(f.category) and d.start < f.end and f.start < d.end for d in doubles)
        ]
    kept.sort(key=lambda f: (f.start, f.end, f.category))
    return kept


def _best_of(cluster: list[Finding], priority: dict[str, int]) -> list[Finding]:
    if len(cluster) == 1:
        return cluster
    chosen: list[Finding] = []
    ranked = sorted(
        cluster, key=lambda f: (-len(f.also), -priority[f.rule], f.start - f.end, f.start)
    )
    for finding in ranked:
        if not any(c.start < finding.end and finding.start < c.end for c in chosen):
            chosen.append(finding)
    return chosen

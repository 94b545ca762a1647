"""Reading one check's sentences: matching the woken rules and turning matches into findings.

A :class:`Reading` lives for one ``Checker.check`` call. The checker hands it each
sentence that holds a trigger, with the rules woken there and where their triggers
are; it masks the sentence (only if something in it could need masking), runs each
rule at its triggers, asks :mod:`facilitator.language.actors` who acts, drops matches
an exception covers, and keeps one finding per phrase.

Everything a rule needs at check time is worked out once, when the rule is compiled
(:class:`facilitator.language.compiled.Compiled`), so the per-sentence loop reads plain
attributes.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from facilitator.language.actors import FIRST, NOBODY, PERSON, Span
from facilitator.language.compiled import Compiled
from facilitator.language.findings import BLAME, COUNTERFACTUAL, Finding, new_finding
from facilitator.language.masking import mask, mask_points
from facilitator.language.overlaps import resolve_overlaps

if TYPE_CHECKING:
    from facilitator.language.checker import Checker

_LOWER_ASCII = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WORD_START = re.compile(r"(?<![\w'-])[@\w]")
_BY = re.compile(r"\s+by\s+")
# A time, a bullet or a "name:" label, then any opening quote or bracket.
_CHAT_HEAD = re.compile(r"[\s\-*•>\d:.]*(?:@?\w{1,20}:\s+)?[@\"'“‘(]*")
_PHRASE_STOP = re.compile(r"[,.;:!?()\n]|\s(?:on|at|in|during|last|yesterday|before|after|while)\s")


class Reading:
    """One check() call: the text, the participants, the time budget and the findings."""

    def __init__(
        self, checker: Checker, text: str, norm: str, people: tuple[str, ...], lowered: str
    ) -> None:
        self.checker = checker
        self.actors = checker.actors
        self.text = text
        self.norm = norm
        self.lowered = lowered
        self.people = people
        self.chat: bool | None = None
        self.keep = set(people)
        self.known = checker.people(people)
        self.candidates: list[Finding] = []
        self.deadline = 0.0
        self._points: list[int] | None = None
        #: ``lowered`` for matching: the Kelvin sign, which lower() makes a "k", stays.
        self.match_lowered = lowered if "\u212a" not in norm else norm.translate(_LOWER_ASCII)
        #: The sentence being read, lower-cased, for the rules that match it that way.
        self.low = ""

    # -- reading one sentence ------------------------------------------------------------

    def read(self, start: int, end: int, by_rule: dict[int, list[int]]) -> None:
        """Check the sentence ``start:end`` with the rules its trigger words belong to."""
        points = self._points
        if points is None:
            points = self._points = mask_points(self.norm)
        masked = self.norm[start:end]
        low = None
        if points:
            at = bisect_left(points, start)
            if at < len(points) and points[at] < end:
                masked = mask(masked, keep=self.keep)
                low = match_lower(masked)
        if low is None:
            low = self.match_lowered[start:end]
        self.low = low
        size = len(masked)
        found = self.candidates
        before = len(found)
        self.chat = None
        checker = self.checker
        compiled_rules = checker._compiled
        for index, hits in by_rule.items():
            compiled = compiled_rules[index]
            if compiled is None or checker.switched_off:
                compiled = checker.compiled(index, self.people)
                if compiled is None:
                    continue
            requires = compiled.requires
            if requires is not None and requires(self.lowered, start, end) is None:
                continue
            if compiled.near:
                if compiled.bounded:
                    self._near_words(compiled, masked, low, start, hits)
                else:
                    self._near(compiled, masked, start, hits)
                continue
            match_at = compiled.match
            subject = low if compiled.on_lower else masked
            done = 0
            for hit in hits:  # the common case, inlined: a rule anchored at its trigger
                at = hit - start
                if at < done or masked[at] == " ":
                    continue
                match = match_at(subject, at)
                if match is not None and self.add(compiled, match, masked, start, size):
                    done = match.end()
        if len(found) - before > 1:
            found[before:] = resolve_overlaps(found[before:], checker._priority)

    def _near_words(
        self, compiled: Compiled, masked: str, low: str, offset: int, hits: list[int]
    ) -> None:
        """Try the rule at each word start at most ``lookback`` words before a trigger.

        Finds what :meth:`_near` finds for a rule whose matches all start a word: the
        first match from the earliest start allowed, then (if its actor or an exception
        rules it out) the next one from the following word, up to the trigger.
        """
        lookback = compiled.lookback
        match_at = compiled.match
        subject = low if compiled.on_lower else masked
        size = len(masked)
        pos = 0
        for hit in hits:
            at = hit - offset
            if at < pos or masked[at] == " ":
                continue  # inside the last finding, or in code, a link or a quoted term
            starts = _word_starts_before(masked, max(pos, at - 12 * lookback), at, lookback)
            starts.append(at)
            for first in starts:
                match = match_at(subject, first)
                if match is not None and self.add(compiled, match, masked, offset, size):
                    pos = match.end()
                    break

    def _near(self, compiled: Compiled, masked: str, offset: int, hits: list[int]) -> None:
        """Find the rule's matches that start at most ``lookback`` words before a trigger.

        One search from the earliest start a trigger allows finds the next match in the
        sentence, in C, instead of trying every word start in Python. A match whose
        actor or exception rules it out does not hide a later one that starts inside it
        ("Yesterday Lee's change…" is tried again from "Lee's").
        """
        lookback = compiled.lookback
        size = len(masked)
        pos = 0
        for hit in hits:
            at = hit - offset
            if at < pos or masked[at] == " ":
                continue  # inside the last finding, or in code, a link or a quoted term
            low = at
            if lookback:
                starts = _word_starts_before(masked, max(pos, at - 12 * lookback), at, lookback)
                if starts:
                    low = starts[0]
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

    def _find(self, compiled: Compiled, masked: str, pos: int) -> Any:
        if compiled.trusted:
            return compiled.regex.search(self.low if compiled.on_lower else masked, pos)
        return self._bounded(
            compiled, lambda timeout: compiled.regex.search(masked, pos, timeout=timeout)
        )

    def finditer(self, compiled: Compiled, masked: str, start: int, end: int) -> Iterable[Any]:
        if compiled.trusted:
            subject = self.low if compiled.on_lower else masked
            yield from compiled.regex.finditer(subject, start, end)
            return
        found = self._bounded(
            compiled,
            lambda timeout: list(compiled.regex.finditer(masked, start, end, timeout=timeout)),
        )
        yield from found or ()

    def _bounded(self, compiled: Compiled, run: Any) -> Any:
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
            self.checker.switched_off[compiled.id] = (
                f"the team rule '{compiled.id}' took too long and was switched off"
            )
            return None

    # -- turning a match into a finding ----------------------------------------------------

    def add(self, compiled: Compiled, match: Any, masked: str, offset: int, end: int) -> bool:
        """Turn ``match`` into a finding if its actor and exceptions allow; return whether."""
        if compiled.flag:
            span_start, span_end = match.span("flag")
            if span_start < 0:
                return False
        else:
            span_start, span_end = match.span()
        if span_end <= span_start:
            return False
        category, also = compiled.category, compiled.also
        message, suggestion = compiled.message, compiled.suggestion
        if compiled.actor_matters:
            actor, subject = self._actor(compiled, match, masked)
            if compiled.needs_person:
                if actor != PERSON and actor != FIRST:
                    return False
                if isinstance(subject, Span) and not compiled.flag:
                    span_start = min(span_start, subject.start)
            if compiled.skip_first_person and actor == FIRST:
                return False
            if actor == FIRST:
                if compiled.self_message:
                    message, suggestion = compiled.self_message, compiled.self_suggestion
            elif actor == PERSON and compiled.person_message:
                message, suggestion = compiled.person_message, compiled.person_suggestion
                if category == COUNTERFACTUAL:
                    category, also = BLAME, (COUNTERFACTUAL,)
        if compiled.exceptions and self._blocked(compiled, masked, span_start, span_end, end):
            return False
        a, b = span_start + offset, span_end + offset
        self.candidates.append(
            new_finding(a, b, category, compiled.id, message, suggestion, self.text[a:b], also)
        )
        return True

    def _actor(self, compiled: Compiled, match: Any, masked: str) -> tuple[str, Span | str]:
        actors = self.actors
        chat = self.chat
        if chat is None:
            chat = self.chat = _is_chat(masked)
        subject: Span | str = NOBODY
        for name in compiled.who_groups:
            low, high = match.span(name)
            if low >= 0:
                subject = actors.span_of(masked, low, high, 0)
                break
        else:
            if compiled.subject:
                subject = actors.subject_before(masked, match.start(), 0)
        actor = actors.classify(subject, self.known, chat, compiled.human_only)
        if actor == PERSON and compiled.passive and match.group("passive"):
            actor = NOBODY  # "the DBA should have been paged": the person is not judged
        if compiled.agent_after and actor != PERSON:
            by = _BY.match(masked, match.end())
            if by is not None:
                agent = actors.span_of(masked, by.end(), min(len(masked), by.end() + 40), 0)
                agent = actors.span_of(masked, agent.start, _phrase_end(masked, agent.start), 0)
                if actors.classify(agent, self.known, chat) == PERSON:
                    actor = PERSON
        return actor, subject

    def _blocked(self, compiled: Compiled, masked: str, start: int, end: int, limit: int) -> bool:
        """Whether an exception of the rule overlaps ``start:end`` (searched nearby only)."""
        # Exceptions name the words around the phrase ("don't forget", "… as designed"):
        # a few words before it and a clause after it are all they need to see.
        low = max(0, start - 40)
        high = min(limit, end + 100)
        exception = compiled.exception
        if exception is not None:  # trusted: the exceptions are one alternation
            subject = self.low if compiled.exception_on_lower else masked
            for blocked in exception.finditer(subject, low, high):
                if blocked.start() >= end:
                    return False  # this and every later exception match start past the phrase
                if start < blocked.end():
                    return True
            return False
        return self._blocked_untrusted(compiled, masked, start, end, low, high)

    def _blocked_untrusted(
        self, compiled: Compiled, masked: str, start: int, end: int, low: int, high: int
    ) -> bool:
        """:meth:`_blocked` for a team rule: each exception within the time budget."""
        for exception in compiled.exceptions:
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


def match_lower(text: str) -> str:
    """Lower-case ``text`` for the rules that match it lower-cased, keeping every offset."""
    if "\u212a" in text or "\u0130" in text:
        return text.translate(_LOWER_ASCII)  # see casefold.lowered_literals
    return text.lower()


def _is_chat(sentence: str) -> bool:
    """Lower-case chat style: the sentence's first letter (after a time or handle) is small."""
    at = _CHAT_HEAD.match(sentence).end()  # type: ignore[union-attr]  # it matches ""
    return at < len(sentence) and sentence[at].islower()


def _word_starts_before(text: str, low: int, at: int, count: int) -> list[int]:
    """The last ``count`` (at least 1) word starts in ``text[low:at]``, in order.

    The starts ``_WORD_START.finditer(text, low, at)`` finds: a word character or "@"
    after anything but a word character, an apostrophe or a hyphen (looking before
    ``low`` too, as the regex does). A loop, not the regex: it stops after ``count``
    starts, and the compiled build runs it on C characters (reading.pxd), several times
    faster than a regex scan that builds a match object per word.
    """
    found: list[int] = []
    i = at - 1
    while i >= low and len(found) < count:
        char = text[i]
        if char.isalnum() or char == "_" or char == "@":
            if i == 0:
                found.append(i)
            else:
                before = text[i - 1]
                if not (before.isalnum() or before == "_" or before == "'" or before == "-"):
                    found.append(i)
        i -= 1
    found.reverse()
    return found


def _phrase_end(text: str, start: int) -> int:
    found = _PHRASE_STOP.search(text, start, start + 60)
    return found.start() if found else min(len(text), start + 60)

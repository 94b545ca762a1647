"""One rule compiled for the reading loop, with everything it asks at check time worked out.

:class:`Compiled` is built once per rule (and per participant list for the rules that
name participants) by ``Checker.compiled``; :mod:`facilitator.language.reading` reads
its plain attributes in the per-sentence loop instead of asking the rule each time.
"""

from __future__ import annotations

import re
from typing import Any

from facilitator.language.pattern_facts import starts_a_word
from facilitator.language.rules import Rule


class Compiled:
    """One rule compiled, with everything the reading loop asks of it precomputed."""

    __slots__ = (
        "actor_matters",
        "agent_after",
        "also",
        "bounded",
        "category",
        "exception",
        "exception_on_lower",
        "exceptions",
        "flag",
        "human_only",
        "id",
        "lookback",
        "match",
        "message",
        "near",
        "needs_person",
        "on_lower",
        "passive",
        "person_message",
        "person_suggestion",
        "regex",
        "requires",
        "rule",
        "self_message",
        "self_suggestion",
        "skip_first_person",
        "subject",
        "suggestion",
        "trusted",
        "who_groups",
    )

    def __init__(
        self,
        rule: Rule,
        regex: Any,
        exceptions: tuple[Any, ...],
        trusted: bool,
        on_lower: bool = False,
        exception_on_lower: bool = False,
    ) -> None:
        self.rule = rule
        # Whether the pattern (and the exceptions) match the lower-cased sentence rather
        # than the sentence as written (see casefold.lowered_literals).
        self.on_lower = on_lower
        self.exception_on_lower = exception_on_lower
        self.regex = regex  # re.Pattern, or regex.Pattern for untrusted rules
        self.exceptions = exceptions
        self.trusted = trusted
        groups = regex.groupindex
        self.who_groups = tuple(sorted(g for g in groups if g.startswith("who")))
        self.flag = "flag" in groups  # the pattern has a "flag" group narrowing the underline
        self.passive = "passive" in groups
        self.id = rule.id
        self.match = regex.match
        # The words one of which must be in the sentence, as one search of the lower-cased
        # text (the same as testing each with "in").
        self.requires = (
            re.compile("|".join(re.escape(r) for r in rule.requires)).search
            if rule.requires
            else None
        )
        self.lookback = rule.lookback
        # Rules that may start before their trigger are searched for near it; untrusted
        # ones always are, as only that path keeps to the time budget.
        self.near = bool(rule.lookback) or not trusted
        # A trusted rule whose every match starts a word is tried at the few word starts
        # its lookback allows instead of searched for through the rest of the sentence.
        self.bounded = self.near and trusted and starts_a_word(regex.pattern, regex.flags)
        # For trusted rules the exceptions are one alternation (see Checker._compile).
        self.exception = exceptions[0] if trusted and exceptions else None
        self.needs_person = rule.needs_person
        self.skip_first_person = rule.skip_first_person
        self.human_only = rule.human_only
        self.subject = rule.actor == "subject"
        self.agent_after = rule.agent_after
        self.category, self.also = rule.category, rule.also
        self.message, self.suggestion = rule.message, rule.suggestion
        self.self_message = rule.self_message
        self.self_suggestion = rule.self_suggestion or rule.suggestion
        self.person_message = rule.person_message
        self.person_suggestion = rule.person_suggestion or rule.suggestion
        # Whether who acts can change anything about this rule's findings.
        self.actor_matters = bool(
            rule.needs_person
            or rule.skip_first_person
            or rule.self_message
            or rule.person_message
            or rule.agent_after
        )

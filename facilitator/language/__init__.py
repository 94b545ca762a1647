"""Blameless-language checker: finds blame and counterfactual wording in debrief notes.

Pure Python, no Qt. ``check(text, people)`` uses the bundled rules; build a
:class:`Checker` to add a team's own rule file. Its hot modules are also compiled when
installed (:mod:`facilitator.language.native`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from facilitator.language import native

# Before the checker is imported: a module edited since it was compiled runs as edited.
native.use_fresh_sources()

from facilitator.language.checker import Checker  # noqa: E402
from facilitator.language.findings import BLAME, CATEGORIES, COUNTERFACTUAL, Finding  # noqa: E402
from facilitator.language.rules import Rule, RulesError, RuleSet, load_rules  # noqa: E402

__all__ = [
    "BLAME",
    "CATEGORIES",
    "COUNTERFACTUAL",
    "Checker",
    "Finding",
    "Rule",
    "RuleSet",
    "RulesError",
    "check",
    "default_checker",
    "load_rules",
]


@lru_cache(maxsize=1)
def default_checker() -> Checker:
    """Return the shared checker with the bundled rules (built once)."""
    return Checker()


def check(text: str, people: Sequence[str] = ()) -> list[Finding]:
    """Return blame and counterfactual findings in ``text`` using the bundled rules.

    ``people`` are the debrief's participant names, so "Ada skipped the canary"
    is caught even though "Ada" is in no word list.
    """
    return default_checker().check(text, people)

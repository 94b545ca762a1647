"""Language findings for list cells that are painted, not edited: cached per item.

A list cell shows its underlines without a live editor. Checking the text on
every paint would make scrolling a 2,000-event timeline check 2,000 texts; the
cache keeps each item's findings until that item's text changes, or the
checker, the participant names or the ignored findings do. Only cells that are
painted are ever checked.
"""

from __future__ import annotations

from typing import Any

from facilitator.language import Finding
from facilitator.language.debrief_findings import is_ignored


class FindingsCache:
    """Findings per (item uid, attribute), valid while text and checker context stay the same.

    ``language`` is the window's ``LanguageSupport`` (or None: nothing is flagged).
    """

    def __init__(self, language: Any = None) -> None:
        self._language = language
        self._entries: dict[tuple[str, str], tuple[str, tuple[object, ...], list[Finding]]] = {}

    @property
    def enabled(self) -> bool:
        return self._language is not None

    def _context(self) -> tuple[object, ...]:
        language = self._language
        return (
            id(language.checker),
            tuple(language.people()),
            tuple((i.rule, i.field, i.text) for i in language.ignored()),
        )

    def findings(self, uid: str, attr: str, text: str, field_key: str) -> list[Finding]:
        """The open findings of ``text`` (the ``attr`` of item ``uid``, shown as ``field_key``)."""
        if self._language is None or not text.strip():
            return []
        context = (*self._context(), field_key)
        entry = self._entries.get((uid, attr))
        if entry is not None and entry[0] == text and entry[1] == context:
            return entry[2]
        language = self._language
        ignored = language.ignored()
        found = [
            f
            for f in language.checker.check(text, language.people())
            if not is_ignored(field_key, f, ignored)
        ]
        self._entries[(uid, attr)] = (text, context, found)
        return found

    def forget(self, uid: str) -> None:
        """Drop the entries of an item that left the list."""
        for key in [k for k in self._entries if k[0] == uid]:
            del self._entries[key]

    def clear(self) -> None:
        self._entries.clear()

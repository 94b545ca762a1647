"""Finding the words that wake the rules: one scan over the text for every rule's triggers.

Every rule names trigger words that must appear for it to match. All of them, folded
into one trie-shaped regex, are found in a single pass; each word found is looked up
once (and remembered) to learn which rules it wakes. A trigger of several words
("should have") is found by its first word and confirmed by a short pattern for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from facilitator.language.rules import Rule

# The rest of a found word before the words of its phrase: a word of a trigger such as
# "fat* fingered" ends wherever the word does.
_WORD_REST = r"[\w'-]*"

#: What a found word wakes: the rules it is a trigger of, and for the triggers it is the
#: first word of (whose other words must follow) one pattern and the rule of each of its
#: groups (see ``_phrases_pattern``), or None.
Entry = tuple[tuple[int, ...], "tuple[Any, tuple[int, ...]] | None"]


class TriggerIndex:
    """The trigger words of a rule list, for :meth:`Checker.check` to scan text with."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        exact: dict[str, set[int]] = {}
        self._prefixes: list[tuple[str, int]] = []
        self._phrases: dict[str, list[tuple[str, int]]] = {}
        #: Rules without triggers: they read the whole text.
        self.always = [i for i, rule in enumerate(rules) if not rule.triggers]
        words: set[str] = set()
        prefixes: set[str] = set()
        for index, rule in enumerate(rules):
            for trigger in rule.triggers:
                parts = trigger.split()
                if len(parts) > 1:
                    rest = r"\s+".join(re.escape(w) for w in parts[1:]).replace(r"\*", r"[\w']*")
                    # What must follow the first word (and the rest of it, for "fat*").
                    pattern = r"\s+" + rest + r"(?![\w'])"
                    self._phrases.setdefault(parts[0].rstrip("*"), []).append((pattern, index))
                    (prefixes if parts[0].endswith("*") else words).add(parts[0].rstrip("*"))
                elif trigger.endswith("*"):
                    self._prefixes.append((trigger[:-1], index))
                    prefixes.add(trigger[:-1])
                else:
                    exact.setdefault(trigger, set()).add(index)
                    words.add(trigger)
        self._exact = exact
        # A word that only starts phrases ("this", "engineer") wakes nothing alone: the
        # scan finds it only where one of its phrases follows, so the common words
        # among them cost nothing where they lead nowhere.
        follow = {
            word: "(?=" + "|".join(_WORD_REST + p for p, _rule in self._phrases[word]) + ")"
            for word in words
            if word in self._phrases
            and word not in exact
            and word not in prefixes
            and not any(word.startswith(p) for p, _i in self._prefixes)
        }
        #: One regex finding every trigger word (in lower-cased text), or None.
        self.prefilter = (
            re.compile(trigger_regex(words, prefixes, follow)) if words or prefixes else None
        )
        #: What each word found so far wakes (see :meth:`lookup`).
        self.memo: dict[str, Entry] = {}

    def lookup(self, token: str) -> Entry:
        """Return (and remember) the rules the found word ``token`` wakes."""
        word = token.rstrip("'-")
        rules = set(self._exact.get(word, ()))
        rules.update(i for prefix, i in self._prefixes if word.startswith(prefix))
        # A tuple iterates as fast as it can; it keeps the order the set would have given,
        # and that order decides which of two equal findings is listed first.
        phrases = self._phrases.get(word)
        entry = (tuple(frozenset(rules)), _phrases_pattern(phrases) if phrases else None)
        self.memo[token] = entry
        return entry


def _phrases_pattern(phrases: list[tuple[str, int]]) -> tuple[Any, tuple[int, ...]]:
    """One pattern testing every phrase a word starts, and the rule of each of its groups.

    The word is read once; then each phrase is an optional look-ahead with one group, so
    a single match at the word says which phrases follow it: group n is set exactly when
    phrase n matches there. Reading the word once gives what reading it in each
    look-ahead gave: only the whole run of word characters can be followed by a space.
    """
    pattern = _WORD_REST + "".join(f"(?:(?=({p}))|)" for p, _rule in phrases)
    return re.compile(pattern).match, tuple(rule for _p, rule in phrases)


def trigger_regex(
    words: Iterable[str], prefixes: Iterable[str] = (), follow: dict[str, str] | None = None
) -> str:
    """Return one regex matching any of ``words`` (or a word starting with a prefix).

    The alternatives are folded into a trie ("forgot|forget" becomes "forg(?:ot|et)"), so
    the engine tests each position against a few characters instead of every word.
    ``follow`` maps a word to a look-ahead it matches only before.
    """
    follow = follow or {}
    trie: dict[str, Any] = {}
    for word, is_prefix in [(w, False) for w in words] + [(p, True) for p in prefixes]:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        if is_prefix:
            node["*"] = True
        else:
            node[""] = follow.get(word, "")
    return r"(?<![\w'-])" + _trie(trie) + r"(?![\w'-])"


def _trie(node: dict[str, Any]) -> str:
    ends = "" in node
    prefix_end = "*" in node
    branches = sorted(k for k in node if k not in ("", "*"))
    if prefix_end:
        return r"[\w'-]*"
    parts = [re.escape(char) + _trie(node[char]) for char in branches]
    if not parts:
        return node.get("", "")
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if ends:
        after = node[""]  # "" or the look-ahead the word must stand before
        if after:
            return "(?:" + "|".join([*parts, after]) + ")"
        return "(?:" + body + ")?" if len(parts) == 1 else body[:-1] + "|)"
    return body

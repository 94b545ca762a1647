"""What can be known about a rule's pattern before it runs, read from its parse tree.

Two facts the reading loop uses to skip work without changing a single match:

* whether every match starts a word (:func:`starts_a_word`), so a rule can be tried at
  the few word starts before its trigger instead of searched for through the sentence;
* a few literal strings one of which is in every match (:func:`required_literals`), so
  a long alternation of exceptions is not run over a stretch of text that holds none.

Anything the analysis cannot vouch for gives the answer that skips nothing.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from typing import Any


def starts_a_word(pattern: str, flags: int) -> bool:
    """Whether every match of ``pattern`` begins with a word character or "@".

    Together with the look-behind every rule pattern starts with, such a match can only
    start where ``_WORD_START`` finds a word. Anything this cannot vouch for (an optional
    first part followed by punctuation, a back reference) answers False.
    """
    try:
        items = list(sre_parse.parse(pattern, flags))
    except re.error:
        return False
    return _first_is_word(items)


_WORDLIKE_CATEGORIES = {sre.CATEGORY_WORD, sre.CATEGORY_DIGIT}
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}


def _first_is_word(items: list[Any]) -> bool:
    """Whether the first character the sequence ``items`` consumes is always word-like."""
    for position, (op, av) in enumerate(items):
        rest = items[position + 1 :]
        if op in _ZERO_WIDTH:
            continue
        if op == sre.LITERAL:
            return _wordlike(chr(av))
        if op == sre.IN:
            return _set_is_word(av)
        if op == sre.SUBPATTERN:
            return _first_is_word(list(av[-1]) + rest)
        if op == getattr(sre, "ATOMIC_GROUP", None):
            return _first_is_word(list(av) + rest)
        if op == sre.BRANCH:
            return all(_first_is_word(list(alternative) + rest) for alternative in av[1])
        if op in _REPEATS:
            low, _high, body = av
            with_body = _first_is_word(list(body) + rest)
            if low >= 1 and body.getwidth()[0] > 0:
                return with_body
            return with_body and _first_is_word(rest)
        return False  # any character, a back reference, or something unknown
    return False  # the sequence can match nothing at all


def _wordlike(char: str) -> bool:
    return char.isalnum() or char in "_@"


def _set_is_word(items: Any) -> bool:
    for op, av in items:
        if op == sre.LITERAL:
            if not _wordlike(chr(av)):
                return False
        elif op == sre.RANGE:
            low, high = av
            if not all(_wordlike(chr(c)) for c in range(low, high + 1)):
                return False
        elif op == sre.CATEGORY:
            if av not in _WORDLIKE_CATEGORIES:
                return False
        else:
            return False  # a negated set, or something unknown
    return True


# -- literals every match holds ---------------------------------------------------------------


def required_literals(pattern: str, flags: int) -> tuple[str, ...] | None:
    """Lower-case strings one of which is in every match of ``pattern``, lower-cased.

    A match of ``pattern`` in a stretch of text holds one of them in the same stretch
    of the text lower-cased (ASCII letters only, so every offset stays put), whether
    the pattern spells a letter as ``t``, ``T`` or ``[tT]``. None when no such strings
    of two characters or more can be vouched for.
    """
    if flags & re.IGNORECASE:
        return None  # "k" would also match the Kelvin sign, which lower-cases apart
    try:
        items = list(sre_parse.parse(pattern, flags))
    except re.error:
        return None
    found = _required(items)
    return tuple(sorted(found, key=lambda s: (-len(s), s))) if found else None


def _required(items: list[Any]) -> frozenset[str] | None:
    """The best set of strings one of which every match of the sequence ``items`` holds."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= 2:
            candidates.append(frozenset({"".join(run)}))
        run.clear()

    for op, av in items:
        char = _one_char(op, av)
        if char is not None:
            run.append(char)
            continue
        close_run()  # a zero-width test or anything wider ends the run of characters
        inner: frozenset[str] | None = None
        if op == sre.SUBPATTERN:
            if not av[1] & re.IGNORECASE:
                inner = _required(list(av[-1]))
        elif op == getattr(sre, "ATOMIC_GROUP", None):
            inner = _required(list(av))
        elif op in _REPEATS and av[0] >= 1:
            inner = _required(list(av[2]))
        elif op == sre.BRANCH:
            options = [_required(list(alternative)) for alternative in av[1]]
            if all(options):
                inner = frozenset().union(*options)  # type: ignore[arg-type]
        if inner:
            candidates.append(inner)
    close_run()
    if not candidates:
        return None
    # Fewest strings to look for, then the longest shortest one (rarer in prose).
    return min(candidates, key=lambda s: (min(map(len, s)) < 3, len(s), -min(map(len, s))))


def _one_char(op: Any, av: Any) -> str | None:
    """The one ASCII character (lower-cased) a literal or a ``[tT]`` set matches, or None."""
    if op == sre.LITERAL:
        return chr(av).lower() if av < 128 else None
    if op == sre.IN and av and all(item_op == sre.LITERAL for item_op, _c in av):
        chars = {chr(c).lower() for _op, c in av}
        if len(chars) == 1 and all(c < 128 for _op, c in av):
            return chars.pop()
    return None

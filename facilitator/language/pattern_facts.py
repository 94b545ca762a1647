"""What can be known about a rule's pattern before it runs, read from its parse tree.

Whether every match starts a word (:func:`starts_a_word`): such a rule can be tried at
the few word starts before its trigger instead of searched for through the sentence.
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

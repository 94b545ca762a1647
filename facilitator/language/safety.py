"""Keeping a team's rule file from hanging the app: refuse slow patterns, bound the rest.

A team file is someone else's regex, run on every keystroke on the UI thread. Python's
own engine cannot be interrupted, and a pattern such as ``(a+)+b`` takes longer than
the age of the universe on a line of forty a's. So:

* At load, every pattern a team file brings (or changes by overriding a vocabulary
  fragment) is checked for the shape that makes backtracking engines explode: a repeat
  over a variable-width body that can end with what it starts with (``(a+)+``,
  ``(\\w+\\s?)*``, ``(.*x){20}``), and then probed on strings built from its own
  characters with a time limit. Either failure refuses the file, naming the rule.
* At check time those patterns run on the ``regex`` engine, which takes a timeout, with
  one budget for the whole text (:data:`CHECK_BUDGET`): whatever slipped through the
  probe cannot make a paragraph take longer than that. A rule that times out is switched
  off for the session and reported.

The bundled rules are ours, tested for speed, and run on ``re`` without a limit.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
import string
from collections.abc import Iterator

from facilitator.language.rules import RulesError, RuleSet, builtin_rules

#: The most time the untrusted (team) rules may take on one check() call, in seconds.
CHECK_BUDGET = 0.020
#: How long one probe string may take before the pattern is refused, in seconds.
PROBE_LIMIT = 0.020
#: A repeat bounded above this many times is treated as unbounded.
_LARGE = 9

_SAMPLE = frozenset(string.printable) | frozenset("éß’“”\u00a0—")
_FLAGS = re.IGNORECASE | re.MULTILINE


def untrusted_patterns(rules: RuleSet) -> Iterator[tuple[str, str, str]]:
    """Yield ``(rule id, label, expanded pattern)`` for each pattern not vetted with the app.

    A bundled rule counts as vetted only while its expansion is the bundled one: a team
    file that overrides a vocabulary fragment changes every rule that uses it.
    """
    builtin = builtin_rules()
    stock = {rule.id: rule for rule in builtin.rules}
    for rule in rules.rules:
        patterns = [("pattern", rule.pattern)] + [
            (f"exception {n}", p) for n, p in enumerate(rule.exceptions, start=1)
        ]
        original = stock.get(rule.id) if rule.builtin else None
        for label, pattern in patterns:
            expanded = rules.expand(pattern, "(?:Ada)")
            if original is not None and builtin.expand(pattern, "(?:Ada)") == expanded:
                continue
            yield rule.id, label, expanded


def is_trusted(rules: RuleSet, index: int) -> bool:
    """Return whether rule ``index`` of ``rules`` is bundled and unchanged by vocabulary."""
    rule = rules.rules[index]
    if not rule.builtin:
        return False
    builtin = builtin_rules()
    return all(
        builtin.expand(p, "(?:Ada)") == rules.expand(p, "(?:Ada)")
        for p in (rule.pattern, *rule.exceptions)
    )


def refuse_slow_patterns(rules: RuleSet, source: str) -> None:
    """Raise RulesError naming the first rule whose pattern could hang the checker."""
    import regex  # only team files need it; the bundled rules never do

    for rule_id, label, pattern in untrusted_patterns(rules):
        where = f"{source}: rule '{rule_id}': {label}"
        shape = explosive_repeat(pattern)
        if shape:
            raise RulesError(
                f"{where} can take minutes on a short line (the repeat {shape} can match the "
                "same text in many ways); rewrite it so each repeated part starts with "
                "something the part before cannot end with"
            )
        try:
            compiled = regex.compile(pattern, _FLAGS)
        except regex.error as exc:
            raise RulesError(f"{where} is not supported by the checker ({exc})") from None
        for probe in _probes(pattern):
            try:
                compiled.search(probe, timeout=PROBE_LIMIT)
            except TimeoutError:
                raise RulesError(
                    f"{where} took longer than {PROBE_LIMIT * 1000:.0f} ms on a "
                    f"{len(probe)}-character test line; simplify its repeats"
                ) from None


# -- the shape check -----------------------------------------------------------------------


def explosive_repeat(pattern: str) -> str:
    """Return a description of the first explosive repeat in ``pattern``, or "".

    Explosive: repeated without a small bound, the body's width varies, and a character
    the body can end with can also start it, so a run of such characters splits into
    iterations in exponentially many ways.
    """
    try:
        tree = sre_parse.parse(pattern, _FLAGS)
    except re.error:
        return ""
    ignore_case = bool(tree.state.flags & re.IGNORECASE)
    for body, low, high in _repeats(tree):
        width = body.getwidth()
        if high != sre.MAXREPEAT and high <= _LARGE:
            continue
        if width[0] == width[1]:
            continue
        first = _edge(list(body), ignore_case, from_end=False)
        last = _edge(list(body), ignore_case, from_end=True)
        if first & last:
            bound = "" if high == sre.MAXREPEAT else f"{{{low},{high}}}"
            example = sorted(first & last)[0]
            return f"of a part that can start and end with {example!r}{bound}"
    return ""


def _repeats(items: object) -> Iterator[tuple[sre_parse.SubPattern, int, int]]:
    for op, av in items:  # type: ignore[attr-defined]
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            low, high, body = av
            yield body, low, high
            yield from _repeats(body)
        elif op == sre.SUBPATTERN:
            yield from _repeats(av[-1])
        elif op == sre.BRANCH:
            for alternative in av[1]:
                yield from _repeats(alternative)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _repeats(av[1])
        elif op == getattr(sre, "ATOMIC_GROUP", None):
            yield from _repeats(av)


def _edge(items: list, ignore_case: bool, from_end: bool) -> frozenset[str]:
    """Characters (from a sample alphabet) a sequence can start with, or end with."""
    found: set[str] = set()
    for op, av in reversed(items) if from_end else items:
        chars, nullable = _node(op, av, ignore_case, from_end)
        found |= chars
        if not nullable:
            break
    return frozenset(found)


def _node(op: object, av: object, ignore_case: bool, from_end: bool) -> tuple[set[str], bool]:
    if op == sre.LITERAL:
        return _cased({chr(av)}, ignore_case), False  # type: ignore[arg-type]
    if op == sre.NOT_LITERAL:
        return set(_SAMPLE) - _cased({chr(av)}, ignore_case), False  # type: ignore[arg-type]
    if op == sre.ANY:
        return set(_SAMPLE), False
    if op == sre.IN:
        return _cased(_in(av), ignore_case), False  # type: ignore[arg-type]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av  # type: ignore[misc]
        return set(_edge(list(body), ignore_case, from_end)), low == 0
    if op == sre.SUBPATTERN:
        body = av[-1]  # type: ignore[index]
        return set(_edge(list(body), ignore_case, from_end)), body.getwidth()[0] == 0
    if op == getattr(sre, "ATOMIC_GROUP", None):
        return set(_edge(list(av), ignore_case, from_end)), av.getwidth()[0] == 0  # type: ignore[union-attr]
    if op == sre.BRANCH:
        chars: set[str] = set()
        nullable = False
        for alternative in av[1]:  # type: ignore[index]
            chars |= _edge(list(alternative), ignore_case, from_end)
            nullable = nullable or alternative.getwidth()[0] == 0
        return chars, nullable
    if op == sre.GROUPREF:
        return set(_SAMPLE), True
    return set(), True  # anchors and lookarounds match no characters


def _in(items: object) -> set[str]:
    chars: set[str] = set()
    negate = False
    for op, av in items:  # type: ignore[attr-defined]
        if op == sre.NEGATE:
            negate = True
        elif op == sre.LITERAL:
            chars.add(chr(av))
        elif op == sre.RANGE:
            low, high = av
            chars |= {c for c in _SAMPLE if low <= ord(c) <= high}
        elif op == sre.CATEGORY:
            chars |= {c for c in _SAMPLE if _in_category(c, av)}
    return set(_SAMPLE) - chars if negate else chars


_CATEGORIES = {
    "CATEGORY_DIGIT": str.isdigit,
    "CATEGORY_WORD": lambda c: c.isalnum() or c == "_",
    "CATEGORY_SPACE": str.isspace,
}


def _in_category(char: str, category: object) -> bool:
    name = str(category)
    negated = name.startswith("CATEGORY_NOT_")
    test = _CATEGORIES.get(name.replace("_NOT_", "_"))
    if test is None:
        return True
    return test(char) != negated


def _cased(chars: set[str], ignore_case: bool) -> set[str]:
    return chars | {c.swapcase() for c in chars} if ignore_case else chars


# -- the probe -------------------------------------------------------------------------------


def _probes(pattern: str) -> Iterator[str]:
    """Strings that make a backtracking engine try many ways before failing."""
    try:
        tree = sre_parse.parse(pattern, _FLAGS)
        ignore_case = bool(tree.state.flags & re.IGNORECASE)
        chars = set()
        for body, _low, _high in _repeats(tree):
            chars |= _edge(list(body), ignore_case, from_end=False)
    except re.error:
        chars = set()
    picked = sorted(c for c in chars if c.isprintable())[:12] or ["a"]
    for char in picked:
        yield char * 32 + "\x00"
        yield (char + " ") * 24 + "\x00"
    yield "a" * 300
    yield " " * 300 + "x"

"""What a noun phrase is: a person, the writer, a thing, or nobody at all.

:mod:`facilitator.language.actors` finds the words that act in a sentence; this module
says what they are, from their head word, the word lists (:class:`Words`), the
debrief's participants (:class:`People`) and, for names nobody listed, their shape.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import NamedTuple

FIRST = "first"
PERSON = "person"
THING = "thing"
NOBODY = "none"


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``, split on blanks, as a set."""
    return frozenset(text.split())


DETERMINERS = word_set(
    "the a an this that these those their your his her its some one of every each any all "
    "another same whole entire other"
)
_FIRST_WORDS = word_set("i we me us myself ourselves i'd i've i'm we'd we've we're")
_PERSON_WORDS = word_set(
    "he she you they someone somebody anyone anybody everyone everybody nobody whoever u ya "
    "yall y'all he'd she'd they'd you'd he's she's they've you've ppl who"
)
_THING_WORDS = word_set(
    "it this that there which what nothing everything something its it's what's"
)
# Endings stripped to find the dictionary form: "retries" -> "retry", "deploys" -> "deploy".
_SUFFIXES = (
    ("'s", ""), ("s", ""), ("es", ""), ("ed", ""), ("ed", "e"),
    ("ing", ""), ("ing", "e"), ("ies", "y"), ("ied", "y"),
)  # fmt: skip
_GROUPS = word_set("team teams squad crew org organisation organization company department")
_PREPOSITIONS = word_set("on of in at from for with")
_THING_SUFFIXES = ("ing", "tion", "sion", "ment", "ness", "ity", "ism", "ics", "ware", "ance")


class Span(NamedTuple):
    """A run of words in the checked text: ``start``/``end`` offsets and the words.

    A named tuple rather than a frozen dataclass: the reader makes one per subject it
    reads, and a tuple is built in a quarter of the time.
    """

    start: int
    end: int
    words: tuple[str, ...]
    initial: bool  # the first word starts a sentence, a line or a clause after a label


@dataclass
class Words:
    """The word lists the recogniser uses, all lower case.

    ``roles`` are head words naming people by what they do (engineer, dba, team);
    ``things`` are products and system nouns (terraform, cron, deploy); ``names`` are
    first names kept only as a hint. ``english`` loads the bundled list of common
    English words the first time it is needed.
    """

    roles: frozenset[str] = frozenset()
    things: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    extra_english: frozenset[str] = frozenset()

    @classmethod
    def from_lists(cls, lists: Mapping[str, Collection[str]]) -> Words:
        """Build from a rule file's ``[words]`` table (lists named roles, things, names)."""

        def pick(name: str) -> frozenset[str]:
            return frozenset(w.lower() for w in lists.get(name, ()))

        return cls(pick("roles"), pick("things"), pick("names"), pick("english"))

    @cached_property
    def english(self) -> frozenset[str]:
        text = resources.files("facilitator.resources") / "language" / "english_words.txt"
        words = text.read_text(encoding="utf-8").split("\n")
        return frozenset(w for w in words if w and w[0] != "#") | self.extra_english

    def is_english(self, word: str) -> bool:
        """Return whether ``word`` (lower case) is an ordinary English word or a form of one."""
        english = self.english
        if word in english or word in self.things:
            return True
        for suffix, replacement in _SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)] + replacement
                if stem in english or stem in self.things:
                    return True
        return False


@dataclass(frozen=True)
class People:
    """The debrief's participants, as the recogniser matches them."""

    full: frozenset[str] = frozenset()  # "ada okafor"
    parts: frozenset[str] = frozenset()  # "Ada", "Okafor" as written (and capitalised)

    def __post_init__(self) -> None:
        # Hashed on every classification (it is part of the memo's key): once is enough.
        object.__setattr__(self, "_hash", hash((self.full, self.parts)))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined,no-any-return]

    @classmethod
    def of(cls, people: Collection[str]) -> People:
        full: set[str] = set()
        parts: set[str] = set()
        for person in people:
            words = [w.strip(".,;:()\"'") for w in person.split()]
            words = [w for w in words if len(w) >= 2]
            if not words:
                continue
            full.add(" ".join(words).casefold())
            for word in words:
                parts.add(word)
                parts.add(word[0].upper() + word[1:])
        return cls(frozenset(full), frozenset(parts))

    def __contains__(self, words: object) -> bool:
        if not isinstance(words, tuple) or not words:
            return False
        bare = tuple(w.lstrip("@") for w in words)
        return " ".join(bare).casefold() in self.full or any(w in self.parts for w in bare)


def classify_phrase(
    vocab: Words, span: Span, people: People | None, chat: bool, human_only: bool
) -> str:
    """Return FIRST, PERSON, THING or NOBODY for ``span`` (``Actors.classify`` remembers it)."""
    words = [w for w in span.words if not is_punct(w)]
    if not words:
        return NOBODY
    lowered = [w.lower() for w in words]
    if lowered[0] == "whoever":
        return PERSON
    if lowered[0] in ("no", "not", "none") and lowered[1:2] != ["one"]:
        return THING  # "no single person caused this" denies, it does not blame
    if lowered[-1].endswith("'s") or lowered[-1].endswith("s'"):
        return THING  # a possessive whose noun was not captured: "the team's [decision]"
    if len(lowered) == 1 and lowered[0] in ("his", "her", "their", "your"):
        return PERSON  # "his failure to escalate"
    if all(w in DETERMINERS for w in lowered):
        return NOBODY
    if lowered[0] in ("our", "my") and len(lowered) > 1:
        head = lowered[-1]
        if head in vocab.things:
            return THING
        if head in _GROUPS or head not in vocab.roles:
            return FIRST  # "our team should have": the writer's own group
        return PERSON  # "our manager should have": a colleague, not the writer
    cut = 0
    while cut < len(lowered) - 1 and lowered[cut] in DETERMINERS:
        cut += 1
    has_determiner = cut > 0
    words, lowered = words[cut:], lowered[cut:]
    first = lowered[0]
    if len(lowered) == 1 and first in _FIRST_WORDS:
        return FIRST
    if lowered[-1] in _PERSON_WORDS:
        return PERSON  # "Paulo he ignore…"
    if lowered[-1] in _FIRST_WORDS:
        return FIRST  # "kemal: yep i deleted…", "in an ideal world we…"
    if first in _PERSON_WORDS or (first == "no" and lowered[1:2] == ["one"]):
        return PERSON
    if first in _THING_WORDS:
        return THING
    if people is not None and tuple(words) in people:
        return PERSON
    head = _bare(lowered[-1])
    for n in range(1, len(lowered) - 1):
        if lowered[n] in _PREPOSITIONS:
            head = _bare(lowered[n - 1])  # "the SRE on duty", "the team of support"
            break
    if lowered[-2:] == ["on", "call"] or head in vocab.roles:
        return PERSON
    if head in vocab.things or any(w in vocab.things for w in lowered):
        return THING
    if any(w.startswith("@") and len(w) > 1 for w in words):
        return PERSON
    if has_determiner:
        return THING  # "the migration": a determiner before a non-role noun is a thing
    return _name_shape(vocab, words, lowered, span.initial and not human_only, chat)


def _name_shape(
    vocab: Words, words: list[str], lowered: list[str], initial: bool, chat: bool
) -> str:
    if len(words) > 3:
        return THING
    capitalised = all(w[:1].isupper() for w in words)
    if capitalised:
        if any(w.isupper() and len(w) > 1 for w in words):
            return THING  # an acronym that is not a role: API, DNS, CDN
        first = _bare(lowered[0])
        if first in vocab.names:
            return PERSON
        if initial and (vocab.is_english(first) or first.endswith(_THING_SUFFIXES)):
            return THING  # "Retention removed…", "Autoscaling ignored…"
        return PERSON
    if len(words) == 1 and (chat or (initial and chat)) and words[0].isalpha():
        word = lowered[0]
        if word in vocab.names or not vocab.is_english(word):
            return PERSON
    return THING


def _bare(word: str) -> str:
    for suffix in ("'s", "'"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def is_punct(word: str) -> bool:
    """Whether the token ``word`` is punctuation rather than a word or a handle."""
    return bool(word) and not word[0].isalnum() and word[0] != "@"


def is_clock(word: str) -> bool:
    """Whether the token ``word`` starts with a digit (a time such as "14:05")."""
    return bool(word) and word[0].isdigit()

"""Who did it: telling a person from a thing by the shape of the sentence, not a list of names.

"Thandi deleted the bucket" and "Terraform deleted the bucket" differ only in who acts.
The rules find the wording ("deleted the bucket", "should have looked"); this module
finds the words that act (the subject before the verb, or a group a rule marks) and
says whether they are a person:

* pronouns (he, she, you, someone, whoever…) and roles (the DBA, the on-call, Support,
  the platform team) by their head word;
* participants of the debrief, and chat handles ("@mo");
* names from anywhere by shape: a capitalised word that is not a known product and,
  at the start of a sentence where everything is capitalised, not an ordinary English
  word ("Ngozi", "Bartholomew", not "Traffic" or "Retention"); in lower-case chat
  ("mo fat fingered the dns"), a word that is no English word at the start of a clause;
* "we" and "I" separately, because owning a slip deserves a gentler message.

The reading of the sentence lives here; what a phrase it found is (person, writer,
thing) is decided in :mod:`facilitator.language.kinds`.

A short list of common first names is kept only as a hint for names that are also
English words ("Grace", "Will").
"""

from __future__ import annotations

import re

from facilitator.language.kinds import (
    DETERMINERS,
    FIRST,
    NOBODY,
    PERSON,
    THING,
    People,
    Span,
    Words,
    classify_phrase,
    is_clock,
    is_punct,
    word_set,
)

__all__ = ["FIRST", "NOBODY", "PERSON", "THING", "Actors", "People", "Span", "Words"]

# Span(...) runs a __new__ written in Python; tuple.__new__ builds the same named tuple in C.
_new_span = tuple.__new__
_TOKEN = re.compile(r"@?[^\W_][\w'-]*|[^\w\s]")
_PLAIN = re.compile(r"@?[^\W_][\w'-]*\Z")
# A character other than the blanks and bullets a line may start with.
_HEAD_TEXT = re.compile(r"[^ \t\-*•>]")


# Words that may sit between a subject and its verb: "Ravi had apparently forgotten".
_SKIP = word_set(
    "had has have hadn't hasn't haven't must apparently clearly obviously totally completely "
    "just also then again simply accidentally mistakenly somehow probably really definitely "
    "honestly never always even already still actually deliberately quietly literally "
    "basically certainly surely frankly seriously repeatedly personally kinda lowkey def prob "
    "pretty all both once only themselves himself herself myself ourselves yourself themself "
    "ever nearly almost allegedly supposedly evidently typically usually often sometimes "
    "constantly carelessly blindly mindlessly recklessly lazily sloppily thoughtlessly "
    "hastily inadvertently knowingly way so very quite didn't didnt did not wasn't wasnt "
    "weren't was were is are isn't aren't couldn't couldnt doesn't does don't won't hasn't "
    "haven't hadn't even bother to"
)
# Words that end a subject when reading backwards from the verb.
_BOUNDARY = word_set(
    "and but or so because when while if then after before since although though until once "
    "whom where whereas unless cause cuz coz as than yet said says think thinks thought guess "
    "reckon believe feel felt bet say admitted wrote told asked lol tbh ngl imo imho fwiw btw "
    "ok okay yes yeah yep no nope sure well oh also is was are were be been being am i'm "
    "isn't wasn't aren't weren't did does do didn't doesn't don't would could should might "
    "will shall can may must wouldn't couldn't shouldn't ought to for with by at from into "
    "onto about against without within like unlike per via whether how why who what which "
    "that"
)
# Words that start a new clause, so a "who" before them belongs to another clause.
_CLAUSE_WORDS = word_set(
    "and but or so because when while if after before since although though until once "
    "whereas unless cause cuz coz as than yet said says think thinks thought"
)
# Words that end a noun phrase a rule captured: "the intern | on Tuesday".
_TRIM = word_set(
    "the a an on at in during last yesterday today tonight this that who which and but or "
    "with without "
    "for from by to after before when while because since again too earlier later twice once "
    "is was are were had has have would could should did does do not never just also then "
    "always"
)
#: What the phrase reader asks of a word, learnt once per word (``Actors._learn``): its
#: lower case, whether it is skipped over before a verb, whether it ends a plain phrase
#: (a clause boundary, punctuation or a clock time), whether it is punctuation, a clock
#: time, a clause boundary or a word that starts a clause.
_Facts = tuple[str, bool, bool, bool, bool, bool, bool]
_LOWER, _SKIPPED, _ENDS_PLAIN, _PUNCT, _CLOCK, _BOUND, _CLAUSE = range(7)


class Actors:
    """Finds and classifies the words that act in a sentence (see the module docstring)."""

    def __init__(self, words: Words | None = None) -> None:
        self.words = words if words is not None else Words()
        self._memo: dict[tuple[object, ...], str] = {}
        #: What the phrase reader has learnt about each word it met (see ``_learn``).
        self._known_words: dict[str, _Facts] = {}

    # -- finding the subject --------------------------------------------------------------

    def subject_before(self, text: str, pos: int, region_start: int) -> Span | str:
        """Return the subject that ends just before ``pos``, or a class when it is implied.

        Reads backwards over adverbs and auxiliaries ("had apparently"), then over the
        noun phrase, and stops at punctuation, a conjunction or a verb-like word.
        Returns FIRST for a clause with no subject at all ("forgot the flag again" in
        chat, where the writer is the subject) and PERSON for a relative "who".
        """
        fast = self._simple_subject(text, pos, region_start)
        if fast is not None:
            return fast
        low = max(region_start, pos - 120)
        if low > region_start:
            space = text.find(" ", low, pos)
            low = space + 1 if space >= 0 else low
        tokens = _Tokens(text, low, pos, self)
        if (
            low > region_start
            and len(tokens) > 1
            and not any(f[_PUNCT] or f[_BOUND] for f in tokens.facts)
        ):
            # The phrase may reach further back than the window: read the whole clause.
            tokens = _Tokens(text, max(region_start, pos - 200), pos, self)
        facts = tokens.facts
        i = len(facts) - 1
        while i >= 0 and facts[i][_SKIPPED]:
            i -= 1
        if i < 0:
            return FIRST if self._clause_is_chat(text, region_start) else NOBODY
        word = tokens.words[i]
        lower = facts[i][_LOWER]
        if lower == "who":
            return PERSON
        if lower in ("that", "which"):
            return self._antecedent(text, tokens, i, region_start)
        if lower in ("and", "but", "then", "&", "so"):
            return self._first_subject(text, tokens, i, region_start)  # "Kim was rushed and…"
        if facts[i][_PUNCT]:
            if word == ",":
                return self._appositive(text, tokens, i, region_start)
            return FIRST if word == ":" and self._clause_is_chat(text, region_start) else NOBODY
        found = self._phrase_ending_at(text, tokens, i, region_start)
        if isinstance(found, Span) and [w.lower() for w in found.words] in (["they"], ["them"]):
            return self._they(text, tokens, found, region_start)
        return found

    def _simple_subject(self, text: str, pos: int, region_start: int) -> Span | None:
        """The common cases, cheaply: a short plain phrase right after a clause boundary.

        "We | should have", "The on-call engineer | forgot", "and Bob | broke": plain
        words, no commas, no relative clause, no "they" to resolve. Anything else
        returns None and is read by the full analysis.
        """
        low = max(region_start, pos - 60)
        chunks = text[low:pos].rsplit(None, 8)
        if low > region_start and len(chunks) < 9 and text[low - 1 : low].strip():
            chunks = chunks[1:]  # the window cut a word in half
        known = self._known_words
        i = len(chunks) - 1
        while i >= 0:
            facts = known.get(chunks[i]) or self._learn(chunks[i])
            if not facts[_SKIPPED]:
                break
            i -= 1
        end = i
        while i >= 0 and end - i < 4:
            facts = known.get(chunks[i]) or self._learn(chunks[i])
            if facts[_ENDS_PLAIN]:  # a clause boundary, punctuation or a clock time
                break
            i -= 1
        if i == end:
            return None
        words = chunks[i + 1 : end + 1]
        if i >= 0:
            before = chunks[i]
            if before[-1:] in '.!?;:("“' or is_clock(before):
                initial = True
            elif before.lower() in _CLAUSE_WORDS:
                initial = False
            else:
                return None  # a verb, a comma, a relative pronoun: needs the full analysis
        elif len(chunks) == 9 or (low > region_start and text[region_start:low].strip()):
            return None  # the phrase may reach further back than the window
        else:
            initial = True
        lowered = [known[w][_LOWER] for w in words]
        if lowered[-1] in ("they", "them") or "who" in lowered or "whoever" in lowered:
            return None
        capitals = [w[:1].isupper() for w in words]
        if any(capitals) and not all(capitals) and capitals[-1] and lowered[0] not in DETERMINERS:
            return None  # "later that night | Oluwaseun": leave it to the full analysis
        first = text.rfind(words[0], low, pos)
        last = text.rfind(words[-1], low, pos) + len(words[-1])
        return _new_span(Span, (first, last, tuple(words), initial))

    def _learn(self, word: str) -> _Facts:
        """Remember what the phrase reader asks of ``word`` (see ``_Facts``)."""
        known = self._known_words
        if len(known) > 50_000:
            known.clear()  # a vocabulary, not a text: it stays small, but never grows unbounded
        lower = word.lower()
        clock = is_clock(word)
        facts = known[word] = (
            lower,
            lower in _SKIP,
            lower in _BOUNDARY or not _PLAIN.match(word) or clock,
            is_punct(word),
            clock,
            lower in _BOUNDARY,
            lower in _CLAUSE_WORDS,
        )
        return facts

    def _first_subject(self, text: str, tokens: _Tokens, i: int, region_start: int) -> Span | str:
        """The subject at the start of the clause that ends at token ``i``."""
        facts = tokens.facts
        j = i - 1
        while j >= 0 and not facts[j][_PUNCT] and not facts[j][_CLAUSE]:
            j -= 1
        return self._subject_at(text, tokens, j + 1, i, region_start)

    def _subject_at(
        self, text: str, tokens: _Tokens, start: int, limit: int, region_start: int
    ) -> Span | str:
        """The noun phrase that opens a clause at token ``start`` (before token ``limit``)."""
        last: Span | None = None
        for size in (1, 2, 3, 4):
            stop = start + size
            if stop > limit or any(f[_BOUND] for f in tokens.facts[start:stop]):
                break
            last = self._span(text, tokens, start, stop - 1, region_start)
            if self.classify(last) in (PERSON, FIRST):
                return last
        return last if last is not None else NOBODY

    def _they(self, text: str, tokens: _Tokens, they: Span, region_start: int) -> Span | str:
        """ "they" is people unless the sentence began with things ("the pods … they")."""
        facts = tokens.facts
        first = 0
        while first < len(facts) and (facts[first][_PUNCT] or facts[first][_CLAUSE]):
            first += 1
        if first >= len(tokens.words) or tokens.start(first) >= they.start:
            return they
        limit = first
        while limit < len(tokens.words) and tokens.start(limit) < they.start:
            limit += 1
        opening = self._subject_at(text, tokens, first, limit, region_start)
        if isinstance(opening, Span) and self.classify(opening) == THING:
            return THING
        return they

    def _phrase_ending_at(
        self, text: str, tokens: _Tokens, i: int, region_start: int
    ) -> Span | str:
        facts = tokens.facts
        end = i
        while i >= 0 and end - i < 6:
            found = facts[i]
            if found[_PUNCT] or found[_BOUND] or found[_CLOCK]:
                break
            i -= 1
        if i >= 0 and facts[i][_LOWER] in ("no", "not") and end - i < 6:
            i -= 1  # keep the negation: "no single person caused this"
        first = i + 1
        if self._relative_person(tokens, i):
            return PERSON  # "whoever wrote this runbook | should", "the engineer who wrote…"
        if first > end:
            return NOBODY
        run = end
        while run - 1 >= first and tokens.words[run - 1][:1].isupper():
            run -= 1
        if first < run <= end and tokens.words[end][:1].isupper():
            before = facts[run - 1][_LOWER]
            if before not in DETERMINERS and not before.endswith("'s"):
                first = run  # "later that night | Oluwaseun skipped": the name is the subject
        return self._span(text, tokens, first, end, region_start)

    @staticmethod
    def _relative_person(tokens: _Tokens, i: int) -> bool:
        """Whether the clause holding token ``i`` is introduced by "who" or "whoever"."""
        facts = tokens.facts
        while i >= 0:
            found = facts[i]
            if found[_LOWER] in ("who", "whoever", "whoever's", "whomever"):
                return True
            if found[_PUNCT] or found[_CLAUSE] or found[_CLOCK]:
                return False
            i -= 1
        return False

    def _antecedent(self, text: str, tokens: _Tokens, i: int, region_start: int) -> Span | str:
        """The noun a relative "that"/"which" refers back to: "the change | that … broke"."""
        i -= 1
        facts = tokens.facts
        while i >= 0 and facts[i][_SKIPPED]:
            i -= 1
        if i < 0 or facts[i][_PUNCT]:
            return NOBODY
        return self._phrase_ending_at(text, tokens, i, region_start)

    def _appositive(self, text: str, tokens: _Tokens, comma: int, region_start: int) -> Span | str:
        """Handle "Priya, the on-call engineer, forgot" and "Bart, who owned it, should have"."""
        j = comma - 1
        while j >= 0 and tokens.words[j] != "," and comma - j < 24:
            j -= 1
        if j < 0 or tokens.words[j] != ",":
            return NOBODY
        inner = tokens.words[j + 1 : comma]
        if inner and tokens.facts[j + 1][_LOWER] == "who":
            return PERSON
        if inner:
            middle = self._span(text, tokens, j + 1, comma - 1, region_start)
            if self.classify(middle) == PERSON:
                return middle
        if j - 1 < 0:
            return NOBODY
        return self._phrase_ending_at(text, tokens, j - 1, region_start)

    @staticmethod
    def _span(text: str, tokens: _Tokens, first: int, last: int, region_start: int) -> Span:
        before = first - 1
        initial = before < 0 or tokens.facts[before][_PUNCT] or tokens.facts[before][_CLOCK]
        start, end = tokens.start(first), tokens.end(last)
        return _new_span(Span, (start, end, tuple(tokens.words[first : last + 1]), initial))

    @staticmethod
    def _clause_is_chat(text: str, region_start: int) -> bool:
        """A clause with no subject is the writer's own in chat and notes, not in prose."""
        head = text[region_start : region_start + 40].lstrip(" \t-*•>")
        return bool(head) and (head[0].islower() or bool(re.match(r"\S{1,20}:\s", head)))

    def span_of(self, text: str, start: int, end: int, region_start: int) -> Span:
        """Return the noun phrase at the start of ``text[start:end]`` (a ``who`` group).

        The phrase ends before a preposition or time word ("the intern | on Tuesday"),
        except in "the person on call".
        """
        tokens = [(m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
        if not tokens:
            return _new_span(Span, (start, end, (), True))
        words = [t[1] for t in tokens]
        known = self._known_words
        facts = [known.get(w) or self._learn(w) for w in words]
        cut = len(tokens)
        for n in range(1, len(tokens)):
            found = facts[n]
            lower = found[_LOWER]
            if lower == "on" and n + 1 < cut and facts[n + 1][_LOWER] == "call":
                cut = n + 2
                break
            if found[_PUNCT] or lower in _TRIM or found[_CLOCK]:
                cut = n
                break
            if lower.endswith("ing") and len(lower) > 4:
                cut = n  # "Idris | merging his own PR", "one engineer | being sloppy"
                break
        head = text[max(region_start, start - 24) : start].rstrip()
        last = head.rsplit(None, 1)[-1] if head else ""
        initial = (
            _HEAD_TEXT.search(text, region_start, start) is None
            or is_punct(head[-1:])
            or is_clock(last)
        )
        return _new_span(Span, (start, tokens[cut - 1][0], tuple(words[:cut]), initial))

    # -- classifying ------------------------------------------------------------------------

    def classify(
        self,
        span: Span | str,
        people: People | None = None,
        chat: bool = False,
        human_only: bool = False,
    ) -> str:
        """Return FIRST, PERSON, THING or NOBODY for the noun phrase ``span``.

        ``human_only`` says the verb only fits people, so a capitalised word that is
        also an ordinary English word ("Aurora forgot") is taken as a name.
        """
        if isinstance(span, str):
            return span
        key = (span.words, span.initial, chat, people, human_only)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > 20_000:
                self._memo.clear()  # phrases repeat; a bounded memo keeps the cost flat
            found = self._memo[key] = classify_phrase(self.words, span, people, chat, human_only)
        return found


class _Tokens:
    """The words of a stretch of text, with their matches for the offsets."""

    __slots__ = ("facts", "matches", "words")

    def __init__(self, text: str, start: int, end: int, actors: Actors) -> None:
        # One scan gives both the words and their offsets: nearly every reading that
        # tokenises a stretch goes on to ask where a word of it starts.
        self.matches = list(_TOKEN.finditer(text, start, end))
        self.words: list[str] = [m.group() for m in self.matches]
        known = actors._known_words
        learn = actors._learn
        self.facts: list[_Facts] = [known.get(w) or learn(w) for w in self.words]

    def __len__(self) -> int:
        return len(self.words)

    def start(self, index: int) -> int:
        return self.matches[index].start()

    def end(self, index: int) -> int:
        return self.matches[index].end()

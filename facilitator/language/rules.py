"""Loading and validating language rule files.

A rule file is TOML: a ``[vocab]`` table of named regex fragments and a list of
``[[rule]]`` tables, each with its pattern, exceptions (antipatterns), message,
suggestion and examples that must and must not match (the LanguageTool habit:
examples double as tests). Patterns refer to fragments as ``{NAME}``; ``{PEOPLE}``
is filled in at check time with the debrief's participant names.

A ``[words]`` table holds named word lists for the person recogniser (``roles``,
``things``, ``names``, ``english``; see :mod:`facilitator.language.actors`). Rule keys
``actor``, ``needs_person``, ``human_only``, ``person_message`` and friends say how the
words that act decide the finding; the header of ``blameless.toml`` explains each.

Custom rule files use the same format and are merged over the defaults: a rule
with an existing id replaces it, vocab entries replace those of the same name, word
lists are added to, and a top-level ``disable = ["rule.id", ...]`` switches default
rules off. A custom file whose patterns could hang the checker is refused
(:mod:`facilitator.language.safety`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from facilitator.language.findings import CATEGORIES

#: Placeholder filled with the participant names at check time.
PEOPLE = "PEOPLE"

#: The word lists a rule file may add to (see ``[words]`` in blameless.toml).
WORD_LISTS = ("roles", "things", "names", "english")

_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_REQUIRED = {"id": str, "category": str, "pattern": str, "message": str, "suggestion": str}
_OPTIONAL = {
    "exceptions": list,
    "triggers": list,
    "priority": int,
    "lookback": int,
    "self_message": str,
    "self_suggestion": str,
    "examples_match": list,
    "examples_no_match": list,
    "examples_people": list,
    "note": str,
    "actor": str,
    "needs_person": bool,
    "skip_first_person": bool,
    "human_only": bool,
    "person_message": str,
    "person_suggestion": str,
    "also": list,
    "agent_after": bool,
    "requires": list,
}
_ACTORS = ("", "subject", "who")
_RULE_ID = re.compile(r"^[a-z][a-z0-9_.-]*$")
_TOP_LEVEL = {"vocab", "words", "rule", "disable", "meta"}
#: The ``source`` of the bundled rules; only they run on the fast engine without a time limit.
BUILTIN_SOURCE = "blameless.toml (built-in)"


class RulesError(ValueError):
    """A rule file cannot be used; the message names the file, the rule and the reason."""


@dataclass(frozen=True)
class Rule:
    """One language rule as written in a rule file (patterns not yet expanded)."""

    id: str
    category: str
    pattern: str
    message: str
    suggestion: str
    exceptions: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    priority: int = 0
    lookback: int = 10
    self_message: str = ""
    self_suggestion: str = ""
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()
    examples_people: tuple[str, ...] = ()
    source: str = ""
    actor: str = ""
    needs_person: bool = False
    skip_first_person: bool = False
    human_only: bool = False
    person_message: str = ""
    person_suggestion: str = ""
    also: tuple[str, ...] = ()
    agent_after: bool = False
    requires: tuple[str, ...] = ()

    @property
    def builtin(self) -> bool:
        """Whether the rule comes from the bundled file (and so is trusted to be fast)."""
        return self.source == BUILTIN_SOURCE


@dataclass(frozen=True)
class RuleSet:
    """Rules plus the vocabulary their patterns draw on."""

    rules: tuple[Rule, ...]
    vocab: Mapping[str, str] = field(default_factory=dict)
    #: Named word lists for the person recogniser (roles, things, names, english).
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def merged(self, other: RuleSet, disable: tuple[str, ...] = ()) -> RuleSet:
        """Return these rules overlaid with ``other`` (same id replaces) minus ``disable``.

        Word lists are added to, never replaced: a team names its own products and roles.
        """
        by_id = {rule.id: rule for rule in self.rules}
        for rule in other.rules:
            by_id[rule.id] = rule
        for rule_id in disable:
            by_id.pop(rule_id, None)
        words = {k: tuple(v) for k, v in self.words.items()}
        for name, values in other.words.items():
            words[name] = tuple(dict.fromkeys((*words.get(name, ()), *values)))
        return RuleSet(tuple(by_id.values()), {**self.vocab, **other.vocab}, words)

    def expand(self, pattern: str, people: str = "(?!)") -> str:
        """Return ``pattern`` with every ``{NAME}`` replaced by its vocabulary regex."""
        return _expand(pattern, self.vocab, people, depth=0)


def _expand(pattern: str, vocab: Mapping[str, str], people: str, depth: int) -> str:
    if depth > 8:
        # A fragment that refers to itself would otherwise expand forever.
        raise KeyError("vocabulary nested too deeply (does a fragment refer to itself?)")

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == PEOPLE:
            return people
        if name not in vocab:
            raise KeyError(f"unknown vocabulary name {{{name}}}")
        return "(?:" + _expand(vocab[name], vocab, people, depth + 1) + ")"

    return _PLACEHOLDER.sub(fill, pattern)


def default_rules_text() -> str:
    """Return the text of the bundled default rule file."""
    return (resources.files("facilitator.resources") / "rules" / "blameless.toml").read_text(
        encoding="utf-8"
    )


@lru_cache(maxsize=1)
def builtin_rules() -> RuleSet:
    """Return the bundled rules, parsed once (they are immutable)."""
    # The bundled patterns are compiled and tested by the test suite; compiling them here
    # only to validate would cost the UI thread a quarter of a second at every start.
    return parse_rules(default_rules_text(), BUILTIN_SOURCE, validate=False)[0]


def load_rules(path: str | Path | None = None) -> RuleSet:
    """Load the default rules, merged with the custom rule file at ``path`` if given.

    Raises :class:`RulesError` with a readable reason when a file is missing,
    unreadable, not TOML, holds an invalid rule, or holds a pattern that could hang
    the checker (see :mod:`facilitator.language.safety`).
    """
    defaults = builtin_rules()
    return defaults if path is None else merge_rules_file(defaults, path)


def merge_rules_file(base: RuleSet, path: str | Path) -> RuleSet:
    """Return ``base`` overlaid with the custom rule file at ``path``."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesError(f"{name}: rules file not found") from None
    except IsADirectoryError:
        raise RulesError(f"{name}: is a folder, not a rules file") from None
    except UnicodeDecodeError:
        raise RulesError(f"{name}: rules file is not UTF-8 text") from None
    except OSError as exc:
        raise RulesError(f"{name}: cannot read rules file ({exc.strerror})") from None
    custom, disable = parse_rules(text, name, base_vocab=base.vocab)
    unknown = [rule_id for rule_id in disable if rule_id not in {r.id for r in base.rules}]
    if unknown:
        raise RulesError(f"{name}: disable names unknown rule(s): {', '.join(unknown)}")
    merged = base.merged(custom, disable)
    # Imported here: the probe needs the regex engine, which the built-in rules never do.
    from facilitator.language.safety import refuse_slow_patterns

    refuse_slow_patterns(merged, name)
    return merged


def parse_rules(
    text: str, source: str, base_vocab: Mapping[str, str] | None = None, validate: bool = True
) -> tuple[RuleSet, tuple[str, ...]]:
    """Parse and validate one rule file's text; return its rules and its ``disable`` list."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{source}: not valid TOML ({exc})") from None
    extra = set(data) - _TOP_LEVEL
    if extra:
        raise RulesError(f"{source}: unknown top-level key(s): {', '.join(sorted(extra))}")
    vocab = data.get("vocab", {})
    if not isinstance(vocab, dict) or not all(isinstance(v, str) for v in vocab.values()):
        raise RulesError(f"{source}: [vocab] must map names to regex strings")
    words = data.get("words", {})
    if not isinstance(words, dict) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in words.values()
    ):
        raise RulesError(f"{source}: [words] must map names to lists of words")
    unknown_lists = set(words) - set(WORD_LISTS)
    if unknown_lists:
        raise RulesError(
            f"{source}: [words] has unknown list(s) {', '.join(sorted(unknown_lists))}; "
            f"use {', '.join(WORD_LISTS)}"
        )
    disable = data.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(d, str) for d in disable):
        raise RulesError(f"{source}: disable must be a list of rule ids")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RulesError(f"{source}: rules must be written as [[rule]] tables")
    all_vocab = {**(base_vocab or {}), **vocab}
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_rules, start=1):
        rule = _parse_rule(raw, source, index, all_vocab, validate)
        if rule.id in seen:
            raise RulesError(f"{source}: rule '{rule.id}': the id is used twice in this file")
        seen.add(rule.id)
        rules.append(rule)
    lists = {name: tuple(values) for name, values in words.items()}
    return RuleSet(tuple(rules), vocab, lists), tuple(disable)


def _parse_rule(
    raw: object, source: str, index: int, vocab: Mapping[str, str], validate: bool = True
) -> Rule:
    where = f"{source}: rule #{index}"
    if not isinstance(raw, dict):
        raise RulesError(f"{where}: must be a table")
    if isinstance(raw.get("id"), str):
        where = f"{source}: rule '{raw['id']}'"
    for key, kind in _REQUIRED.items():
        if key not in raw:
            raise RulesError(f"{where}: missing required key '{key}'")
        if not isinstance(raw[key], kind) or not raw[key].strip():
            raise RulesError(f"{where}: '{key}' must be a non-empty string")
    for key, value in raw.items():
        if key in _REQUIRED:
            continue
        if key not in _OPTIONAL:
            raise RulesError(f"{where}: unknown key '{key}'")
        kind = _OPTIONAL[key]
        if not isinstance(value, kind) or (
            kind is list and not all(isinstance(item, str) for item in value)
        ):
            expected = "a list of strings" if kind is list else kind.__name__
            raise RulesError(f"{where}: '{key}' must be {expected}")
    if not _RULE_ID.match(raw["id"]):
        raise RulesError(f"{where}: id must be lower-case letters, digits, '.', '-' or '_'")
    if not 0 <= raw.get("lookback", 10) <= 30:
        raise RulesError(f"{where}: 'lookback' must be between 0 and 30 words")
    if raw["category"] not in CATEGORIES:
        raise RulesError(f"{where}: category must be one of {', '.join(CATEGORIES)}")
    if raw.get("actor", "") not in _ACTORS:
        raise RulesError(f'{where}: \'actor\' must be "subject" or "who"')
    for other in raw.get("also", ()):
        if other not in CATEGORIES or other == raw["category"]:
            raise RulesError(f"{where}: 'also' must name the other category")
    rule = Rule(
        id=raw["id"],
        category=raw["category"],
        pattern=raw["pattern"],
        message=raw["message"].strip(),
        suggestion=raw["suggestion"].strip(),
        exceptions=tuple(raw.get("exceptions", ())),
        triggers=tuple(t.lower() for t in raw.get("triggers", ())),
        priority=raw.get("priority", 0),
        lookback=raw.get("lookback", 10),
        self_message=raw.get("self_message", "").strip(),
        self_suggestion=raw.get("self_suggestion", "").strip(),
        examples_match=tuple(raw.get("examples_match", ())),
        examples_no_match=tuple(raw.get("examples_no_match", ())),
        examples_people=tuple(raw.get("examples_people", ())),
        source=source,
        actor=raw.get("actor", ""),
        needs_person=raw.get("needs_person", False),
        skip_first_person=raw.get("skip_first_person", False),
        human_only=raw.get("human_only", False),
        person_message=raw.get("person_message", "").strip(),
        person_suggestion=raw.get("person_suggestion", "").strip(),
        also=tuple(raw.get("also", ())),
        agent_after=raw.get("agent_after", False),
        requires=tuple(r.lower() for r in raw.get("requires", ())),
    )
    if validate:
        _check_regexes(rule, where, vocab)
    return rule


def _check_regexes(rule: Rule, where: str, vocab: Mapping[str, str]) -> None:
    probe = RuleSet((), vocab)
    for label, pattern in [("pattern", rule.pattern)] + [
        (f"exception {n}", p) for n, p in enumerate(rule.exceptions, start=1)
    ]:
        try:
            re.compile(probe.expand(pattern, "(?:Ada)"))
        except KeyError as exc:
            raise RulesError(f"{where}: {label}: {exc.args[0]}") from None
        except re.error as exc:
            raise RulesError(f"{where}: {label} is not a valid regex ({exc})") from None
    for trigger in rule.triggers:
        if not re.fullmatch(r"[a-z0-9' -]+\*?", trigger):
            raise RulesError(
                f"{where}: trigger '{trigger}' must be a plain word or phrase, "
                "optionally ending in * for a prefix"
            )

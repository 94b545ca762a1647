"""The library's query language, parsed into a small tree every backend compiles.

One language serves the search box, ``facilitator search``, the matrix filter and
``trends --where``::

    payments timeout            both words, anywhere in the debrief
    "connection pool"           the exact phrase
    deploy*                     words starting with "deploy"
    rollback OR revert          either word
    -flaky  -"load test"        without this word or phrase
    severity:SEV2  sev:"Sev 2"  on the team's scale, synonyms accepted
    service:payments            a service (case, spaces and hyphens ignored)
    cause:"configuration change"  tag:config  owner:ada  status:published
    after:2026-07-01  before:2026-Q4  (also YYYY-MM and YYYY)
    -tag:flaky                  any filter can be negated

A query that cannot be understood raises :class:`QueryError` whose message is a
hint saying what to type instead; it never reaches the database as SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from facilitator.domain.model import Status
from facilitator.domain.taxonomy import Taxonomy, default_taxonomy, fold

#: Filter names and the spellings people reach for.
FIELDS: dict[str, str] = {
    "severity": "severity",
    "sev": "severity",
    "service": "service",
    "system": "service",
    "component": "service",
    "cause": "cause",
    "tag": "tag",
    "owner": "owner",
    "after": "after",
    "since": "after",
    "before": "before",
    "until": "before",
    "status": "status",
}
FILTER_HELP = (
    "severity:, service:, cause:, tag:, owner:, status:, after:YYYY-MM-DD, before:YYYY-MM-DD"
)
#: A longer query is a paste gone wrong, not a search.
MAX_QUERY_CHARS = 2_000
MAX_CLAUSES = 32
#: A term needs a letter or digit; punctuation alone (even "_") indexes as nothing.
_WORD = re.compile(r"[^\W_]")
_DAY = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?|-?[Qq]([1-4]))?")


class QueryError(ValueError):
    """The query cannot be understood; ``str()`` is a hint for the person who typed it."""


@dataclass(frozen=True)
class Term:
    """A word, a prefix (``deploy*``) or an exact phrase."""

    text: str
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class TextClause:
    """Terms of which at least one must appear (or, negated, none may)."""

    terms: tuple[Term, ...]
    negated: bool = False


@dataclass(frozen=True)
class Filter:
    """A ``field:value`` condition, its value already normalised.

    ``value`` is the canonical severity name, status value, folded service or tag,
    cause text, owner text, or an ISO date for ``after`` (inclusive) and ``before``
    (exclusive).
    """

    field: str
    value: str
    negated: bool = False


@dataclass(frozen=True)
class Query:
    """A parsed query: text clauses (all must hold) and filters (all must hold)."""

    clauses: tuple[TextClause, ...] = ()
    filters: tuple[Filter, ...] = ()
    source: str = ""

    @property
    def is_empty(self) -> bool:
        """True when the query matches every debrief."""
        return not self.clauses and not self.filters

    @property
    def positive_terms(self) -> tuple[Term, ...]:
        """Terms a result contains, for ranking and highlighting."""
        return tuple(t for c in self.clauses if not c.negated for t in c.terms)

    def filter_values(self, name: str) -> tuple[str, ...]:
        """Values of the non-negated filters on ``name``."""
        return tuple(f.value for f in self.filters if f.field == name and not f.negated)


def _tokens(text: str) -> list[str]:
    """Split into raw tokens, keeping quoted parts (and ``field:"..."``) whole."""
    tokens: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        while i < n and not text[i].isspace():
            if text[i] == '"':
                close = text.find('"', i + 1)
                if close < 0:
                    shown = text[start : start + 30]
                    raise QueryError(
                        f"The quote before “{shown.lstrip(chr(34) + '-')}” is not closed: "
                        'add a closing " (or remove the quote).'
                    )
                i = close + 1
            else:
                i += 1
        tokens.append(text[start:i])
    return tokens


def _term(raw: str) -> Term | None:
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
        inner = " ".join(raw[1:-1].split())
        return Term(inner, phrase=True) if _WORD.search(inner) else None
    word = raw.replace('"', "")
    prefix = word.endswith("*")
    word = word.rstrip("*")
    return Term(word, prefix=prefix) if _WORD.search(word) else None


def _unquote(value: str) -> str:
    return " ".join(value.replace('"', " ").split())


def parse_day(value: str, *, end: bool = False) -> date:
    """Read YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY; ``end`` gives the day after the period."""
    match = _DAY.fullmatch(value.strip())
    if match is None:
        raise ValueError(value)
    year, month, day, quarter = match.groups()
    y = int(year)
    if quarter:
        m = (int(quarter) - 1) * 3 + 1
        start, span = date(y, m, 1), 3
    elif month and day:
        start = date(y, int(month), int(day))  # raises on 2026-02-30
        return date.fromordinal(start.toordinal() + 1) if end else start
    elif month:
        start, span = date(y, int(month), 1), 1
    else:
        start, span = date(y, 1, 1), 12
    if not end:
        return start
    months = start.year * 12 + start.month - 1 + span
    return date(months // 12, months % 12 + 1, 1)


def _filter(name: str, raw_value: str, negated: bool, taxonomy: Taxonomy) -> Filter:
    field_name = FIELDS[name]
    value = _unquote(raw_value)
    if not value:
        example = {"severity": "SEV2", "after": "2026-07-01", "before": "2026-10-01"}
        raise QueryError(
            f"“{name}:” needs a value, for example {name}:{example.get(field_name, 'payments')}."
        )
    if field_name == "severity":
        canonical = taxonomy.normalise_severity(value)
        if canonical is None:
            raise QueryError(
                f"“{value}” is not on the severity scale; use severity: with "
                f"{taxonomy.allowed_severities()}."
            )
        return Filter("severity", canonical, negated)
    if field_name == "status":
        key = fold(value)
        for status in Status:
            if fold(status.value) == key:
                return Filter("status", status.value, negated)
        raise QueryError(
            f"“{value}” is not a status; use status:draft, status:in_meeting or status:published."
        )
    if field_name in ("after", "before"):
        try:
            # Both take the period's first day: after: is inclusive and before: is not, so
            # "after:2026-07 before:2026-08" is July and the two never overlap.
            day = parse_day(value)
        except ValueError:
            raise QueryError(
                f"“{value}” is not a date; write {field_name}:2026-07-01, "
                f"{field_name}:2026-07 or {field_name}:2026-Q3."
            ) from None
        return Filter(field_name, day.isoformat(), negated)
    if field_name in ("service", "tag"):
        folded = fold(value)
        if not folded:
            raise QueryError(f"“{name}:{value}” needs letters or digits to look for.")
        return Filter(field_name, folded, negated)
    return Filter(field_name, value, negated)


def parse_query(text: str, taxonomy: Taxonomy | None = None) -> Query:
    """Parse ``text``; raise :class:`QueryError` with a hint when it cannot be understood."""
    taxonomy = taxonomy or default_taxonomy()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"The query is {len(text):,} characters long; keep it under {MAX_QUERY_CHARS:,}."
        )
    clauses: list[TextClause] = []
    filters: list[Filter] = []
    pending_or = False
    for raw in _tokens(text):
        if raw == "OR":
            if not clauses or clauses[-1].negated:
                raise QueryError("“OR” goes between two words, as in: rollback OR revert.")
            pending_or = True
            continue
        negated = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negated else raw
        name, colon, value = body.partition(":")
        if colon and not name.startswith('"') and "//" not in value:
            key = name.lower()
            if key not in FIELDS:
                raise QueryError(
                    f"“{name}:” is not a filter. Filters are {FILTER_HELP}; "
                    f'put the text in quotes ("{body}") to search for it.'
                )
            if pending_or:
                raise QueryError("“OR” joins words, not filters: write the filters separately.")
            filters.append(_filter(key, value, negated, taxonomy))
            continue
        term = _term(body)
        if term is None:
            continue  # punctuation alone: nothing to look for
        if pending_or:
            if negated:
                raise QueryError("“OR -word” cannot be searched; exclude the word on its own.")
            last = clauses.pop()
            clauses.append(TextClause((*last.terms, term)))
            pending_or = False
        else:
            clauses.append(TextClause((term,), negated))
    if pending_or:
        raise QueryError("The query ends with “OR”; add the other word, or remove OR.")
    if len(clauses) + len(filters) > MAX_CLAUSES:
        raise QueryError(f"The query has more than {MAX_CLAUSES} parts; narrow it down.")
    return Query(tuple(clauses), tuple(filters), text)

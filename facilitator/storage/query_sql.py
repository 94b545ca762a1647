"""Compile a parsed library query (:mod:`facilitator.library.query`) into SQL conditions.

Values only ever reach the database as bound parameters, and full-text terms
are quoted for FTS5 or passed to ``plainto_tsquery`` and friends, so no query a
person types can produce an SQL error or change the statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    column,
    exists,
    func,
    literal_column,
    not_,
    or_,
    select,
    table,
    true,
)

from facilitator.domain.taxonomy import Taxonomy, fold
from facilitator.library.query import Query, Term, TextClause
from facilitator.storage.orm import ActionRow, DebriefRow, ListItemRow
from facilitator.storage.search_schema import LABEL_PREFIX, LABEL_SECTIONS

#: The tables as tables: the conditions are plain SQL expressions, which compile
#: without the ORM's per-statement bookkeeping (a third of a filter's compile time).
_ITEMS = ListItemRow.__table__
_DEBRIEF = DebriefRow.__table__.c
_ACTION = ActionRow.__table__.c

search_docs = table(
    "search_docs", column("key", Integer), column("debrief_id", String), column("document")
)
debrief_fts = table("debrief_fts", column("rowid", Integer))
FTS = literal_column("debrief_fts")
_LETTERS = re.compile(r"[^\W_]+")


#: SQLite gets the domain's own fold() as an SQL function (see register_functions).
SQLITE_FOLD = "facilitator_fold"


def register_functions(dbapi_connection: Any, _record: Any = None) -> None:
    """Give a SQLite connection ``facilitator_fold(text)``: the taxonomy's exact folding."""
    dbapi_connection.create_function(SQLITE_FOLD, 1, _fold_value, deterministic=True)


@lru_cache(maxsize=4096)
def _fold_value(text: object) -> str:
    # Cached: a filter folds the same few dozen labels and causes over and over.
    return fold(text) if isinstance(text, str) else ""


def _folded(expr: Any, dialect: str) -> Any:
    """SQL that folds like :func:`facilitator.domain.taxonomy.fold`, once per value."""
    if dialect == "sqlite":
        return getattr(func, SQLITE_FOLD)(expr)
    return func.regexp_replace(func.lower(expr), r"[\s._/·-]+", "", "g")


def incident_day() -> Any:
    """The day a debrief counts on: the incident start, else the meeting, else creation.

    Written exactly as the expression index DAY_INDEX (literal 1 and 10, not parameters),
    so both databases use that index to order and to filter by day.
    """
    return func.substr(
        func.coalesce(_DEBRIEF.started_at, _DEBRIEF.meeting_at, _DEBRIEF.created_at),
        literal_column("1"),
        literal_column("10"),
    )


# -- full text ------------------------------------------------------------------------------


def _fts5_term(term: Term) -> str:
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + " *" if term.prefix else quoted


def fts5_match(clauses: tuple[TextClause, ...]) -> str:
    """An FTS5 MATCH expression requiring every clause (each any of its terms)."""
    parts = []
    for clause in clauses:
        terms = [_fts5_term(t) for t in clause.terms]
        parts.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
    return " AND ".join(parts)


@dataclass
class TsQuery:
    """PostgreSQL tsqueries written as driver SQL text (``%(name)s``), values bound.

    The same tsquery as :func:`pg_tsquery_expr`, without building SQL objects: a
    search statement made of fixed text needs no compiling. Each term gets one
    parameter, shared by every expression made from this instance.
    """

    params: dict[str, str] = field(default_factory=dict)
    _sql: dict[Term, str] = field(default_factory=dict)

    def term(self, term: Term) -> str:
        """The tsquery of one term."""
        known = self._sql.get(term)
        if known is not None:
            return known
        name = f"tq{len(self.params)}"
        if term.prefix:
            words = _LETTERS.findall(term.text)
            self.params[name] = " & ".join([*words[:-1], words[-1] + ":*"])
            sql = f"to_tsquery('english', %({name})s)"
        else:
            self.params[name] = term.text
            maker = "phraseto_tsquery" if term.phrase else "plainto_tsquery"
            sql = f"{maker}('english', %({name})s)"
        self._sql[term] = sql
        return sql

    def all_of(self, clauses: tuple[TextClause, ...]) -> str:
        """Every clause (each any of its terms), grouped as :func:`pg_tsquery_expr` does."""
        every = ""
        for clause in clauses:
            either = self.term(clause.terms[0])
            for other in clause.terms[1:]:
                either = f"({either} || {self.term(other)})"
            every = f"({either})" if not every else f"({every} && ({either}))"
        return every

    def any_of(self, clauses: tuple[TextClause, ...]) -> str:
        """Any term of any clause."""
        return "(" + " || ".join(self.term(t) for c in clauses for t in c.terms) + ")"


_ENGLISH = literal_column("'english'::regconfig")


def _pg_term_expr(term: Term) -> Any:
    if term.prefix:
        words = _LETTERS.findall(term.text)
        return func.to_tsquery(_ENGLISH, " & ".join([*words[:-1], words[-1] + ":*"]))
    maker = func.phraseto_tsquery if term.phrase else func.plainto_tsquery
    return maker(_ENGLISH, term.text)


def pg_tsquery_expr(clauses: tuple[TextClause, ...]) -> Any:
    """A tsquery requiring every clause (each any of its terms), its values bound."""
    parts = []
    for clause in clauses:
        terms = [_pg_term_expr(t) for t in clause.terms]
        either = terms[0]
        for other in terms[1:]:
            either = either.op("||")(other).self_group()
        parts.append(either.self_group())
    every = parts[0]
    for other in parts[1:]:
        every = every.op("&&")(other).self_group()
    return every


def text_condition(
    clauses: tuple[TextClause, ...], dialect: str, ids: Any = None
) -> ColumnElement[bool]:
    """Debriefs whose document matches every clause (``ids``: see :func:`split_conditions`)."""
    ids = _DEBRIEF.id if ids is None else ids
    if dialect == "sqlite":
        matching = (
            select(search_docs.c.debrief_id)
            .select_from(debrief_fts.join(search_docs, search_docs.c.key == debrief_fts.c.rowid))
            .where(FTS.op("MATCH")(fts5_match(clauses)))
        )
        return ids.in_(matching)
    # An expression, not SQL text: each of several conditions (a word and "-other")
    # gets its own bound values, where texts would share and overwrite their names.
    matching = select(search_docs.c.debrief_id).where(
        search_docs.c.document.op("@@")(pg_tsquery_expr(clauses))
    )
    return ids.in_(matching)


# -- filters --------------------------------------------------------------------------------


def _fenced(statement: Any, dialect: str) -> Any:
    """Keep the database from folding the outer conditions into this subquery.

    Folded in, the fold() of a DISTINCT subquery would run once per row again.
    """
    return statement.limit(-1) if dialect == "sqlite" else statement.offset(0)


def _prefix(text_column: Any) -> Any:
    # Written exactly as LABEL_INDEX (literal numbers) so both databases use that index.
    return func.substr(text_column, literal_column("1"), literal_column(str(LABEL_PREFIX)))


def _in_label_sections(items: Any) -> ColumnElement[bool]:
    # Literal section names: a partial index serves a query only when the query
    # names its condition, and SQLite cannot see through bound parameters.
    return items.section.in_([literal_column(f"'{s}'") for s in LABEL_SECTIONS])


@lru_cache(maxsize=len(LABEL_SECTIONS))
def _pg_distinct_labels(section: str) -> Any:
    """The distinct label prefixes of ``section``, one LABEL_INDEX probe each (PostgreSQL).

    PostgreSQL reads an expression index only together with the table, so a plain
    DISTINCT visits every row of the section (12,000 services in a library of 10,000
    debriefs: 10 ms). Stepping from each prefix to the next larger one in the index
    visits one row per distinct label instead: a few dozen, 0.4 ms. (Each step costs
    about what 12 rows of the scan cost, so a section with a thousand distinct labels
    would be slower this way; labels come from the team's taxonomy and autocomplete,
    and stay far fewer.) One object per section, so a query naming the section twice
    ("service:a -service:b") shares it.
    """
    first_row, next_row = _ITEMS.alias().c, _ITEMS.alias().c
    first = _prefix(first_row.text)
    start = (
        select(first.label("prefix"))
        .where(_in_label_sections(first_row), first_row.section == section)
        .order_by(first)
        .limit(1)
    )
    # Nested: rendered inside the subquery that reads it, so a condition compiled on its
    # own (see search_pg) carries its CTE with it.
    labels = start.cte(f"labels_{section}", recursive=True, nesting=True)
    following = _prefix(next_row.text)
    step = (
        select(following)
        .where(
            _in_label_sections(next_row), next_row.section == section, following > labels.c.prefix
        )
        .order_by(following)
        .limit(1)
        .scalar_subquery()
    )
    labels = labels.union_all(select(step).where(labels.c.prefix.is_not(None)))
    # The last step finds nothing and yields NULL, which no label condition matches.
    return select(labels.c.prefix).where(labels.c.prefix.is_not(None)).subquery()


def _label_condition(
    section: str, matches: Callable[[Any], ColumnElement[bool]], dialect: str, ids: Any = None
) -> ColumnElement[bool]:
    """Debriefs with a label in list ``section`` whose folded text ``matches``.

    Folding every row costs a function call per row (a Python one on SQLite): the
    services and tags of 10,000 debriefs took a tenth of a second. A library has
    a few dozen distinct labels, so they are read from LABEL_INDEX and folded once
    each; the rows are then found by the matching labels through the same index.
    A label longer than the indexed prefix is folded whole.
    """
    items = _ITEMS.c
    labels = _in_label_sections(items)
    if dialect == "sqlite":
        inner = _ITEMS.alias().c
        prefix = _prefix(inner.text).label("prefix")
        distinct = (
            select(prefix).where(_in_label_sections(inner), inner.section == section).distinct()
        ).subquery()
        distinct = _fenced(select(distinct.c.prefix), dialect).subquery()
    else:
        distinct = _pg_distinct_labels(section)
    picked = select(distinct.c.prefix).where(
        or_(
            matches(_folded(distinct.c.prefix, dialect)),
            func.length(distinct.c.prefix) == LABEL_PREFIX,
        )
    )
    rows = select(items.debrief_id).where(
        labels,
        items.section == section,
        _prefix(items.text).in_(picked),
        or_(
            func.length(items.text) < LABEL_PREFIX,
            matches(_folded(items.text, dialect)),
        ),
    )
    return (_DEBRIEF.id if ids is None else ids).in_(rows)


def _spellings(value: str, known: Any) -> list[str]:
    """The folded value, plus every spelling of the taxonomy entry it names."""
    keys = {value}
    if known is not None:
        keys.update(fold(s) for s in (*known.spellings(), *known.components))
    return sorted(k for k in keys if k)


def _folded_match(value: str, known: Any) -> Callable[[Any], ColumnElement[bool]]:
    """The typed value anywhere in the folded text, or exactly one of the entry's spellings."""
    keys = _spellings(value, known)

    def matches(folded: Any) -> ColumnElement[bool]:
        contains = folded.contains(value, autoescape=True)
        return or_(folded.in_(keys), contains) if len(keys) > 1 else contains

    return matches


#: Filters that select debriefs by id alone, from their lists (see :func:`split_conditions`).
BY_ID = frozenset({"tag", "service"})


def filter_condition(
    name: str, value: str, taxonomy: Taxonomy, dialect: str = "sqlite", ids: Any = None
) -> ColumnElement[bool]:
    """The SQL condition of one ``name:value`` filter (value already normalised).

    The filters in :data:`BY_ID` test ``ids`` (the debriefs' id by default).
    """
    if name == "severity":
        # Not coalesce(severity, '') = value: that hides the column from its index and
        # its statistics. Spelled out, "-severity:SEV2" still keeps debriefs without one.
        return and_(_DEBRIEF.severity.is_not(None), _DEBRIEF.severity == value)
    if name == "status":
        return _DEBRIEF.status == value
    if name == "after":
        return incident_day() >= value
    if name == "before":
        return incident_day() < value
    if name == "tag":
        return _label_condition("tags", lambda folded: folded == value, dialect, ids)
    if name == "service":
        return _label_condition(
            "services", _folded_match(value, taxonomy.service_for(value)), dialect, ids
        )
    if name == "cause":
        # Folded row by row: a cause filter usually narrows a month or a quarter, where
        # that is cheaper than folding the distinct causes of the whole library.
        folded = _folded(func.coalesce(_DEBRIEF.primary_cause, ""), dialect)
        return _folded_match(fold(value), taxonomy.cause_for(value))(folded)
    if name == "owner":
        needle = value.lower()
        return or_(
            func.lower(_DEBRIEF.owner).contains(needle, autoescape=True),
            exists().where(
                _ACTION.debrief_id == _DEBRIEF.id,
                func.lower(_ACTION.owner).contains(needle, autoescape=True),
            ),
        )
    raise ValueError(f"unknown filter {name}")


def query_condition(
    query: Query, taxonomy: Taxonomy, dialect: str, *, include_positive_text: bool = True
) -> ColumnElement[bool]:
    """Every condition of ``query`` on ``DebriefRow``; True for an empty query."""
    conditions = _conditions(query, taxonomy, dialect, None, include_positive_text)
    return and_(true(), *(condition for _by_id, condition in conditions))


def split_conditions(
    query: Query, taxonomy: Taxonomy, dialect: str, ids: Any, *, include_positive_text: bool = True
) -> tuple[list[ColumnElement[bool]], list[ColumnElement[bool]]]:
    """The conditions of ``query`` that test a debrief's id alone, written on ``ids``, and
    those that read its row (on ``DebriefRow``).

    ``ids`` is a column holding debrief ids: a query on another table keyed by debrief
    (the search documents) applies the first kind to its own rows, without a join.
    """
    conditions = _conditions(query, taxonomy, dialect, ids, include_positive_text)
    by_id = [condition for is_by_id, condition in conditions if is_by_id]
    by_row = [condition for is_by_id, condition in conditions if not is_by_id]
    return by_id, by_row


def _conditions(
    query: Query, taxonomy: Taxonomy, dialect: str, ids: Any, include_positive_text: bool
) -> list[tuple[bool, ColumnElement[bool]]]:
    """Each condition of ``query``, in order, and whether it tests the id alone."""
    conditions: list[tuple[bool, ColumnElement[bool]]] = []
    positive = tuple(c for c in query.clauses if not c.negated)
    if positive and include_positive_text:
        conditions.append((True, text_condition(positive, dialect, ids)))
    for clause in query.clauses:
        if clause.negated:
            matching = text_condition((TextClause(clause.terms),), dialect, ids)
            conditions.append((True, not_(matching)))
    for item in query.filters:
        by_id = item.field in BY_ID
        condition = filter_condition(
            item.field, item.value, taxonomy, dialect, ids if by_id else None
        )
        conditions.append((by_id, not_(condition) if item.negated else condition))
    return conditions

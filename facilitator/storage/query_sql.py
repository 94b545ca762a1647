"""Compile a parsed library query (:mod:`facilitator.library.query`) into SQL conditions.

Values only ever reach the database as bound parameters, and full-text terms
are quoted for FTS5 or passed to ``plainto_tsquery`` and friends, so no query a
person types can produce an SQL error or change the statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
    dbapi_connection.create_function(
        SQLITE_FOLD, 1, lambda text: fold(text) if isinstance(text, str) else "", deterministic=True
    )


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
        func.coalesce(DebriefRow.started_at, DebriefRow.meeting_at, DebriefRow.created_at),
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
    """A PostgreSQL tsquery built as SQL text with its own bound parameters."""

    sql: str = ""
    params: dict[str, str] = field(default_factory=dict)

    def term(self, term: Term) -> str:
        name = f"tq{len(self.params)}"
        if term.prefix:
            words = _LETTERS.findall(term.text)
            self.params[name] = " & ".join([*words[:-1], words[-1] + ":*"])
            return f"to_tsquery('english', :{name})"
        self.params[name] = term.text
        maker = "phraseto_tsquery" if term.phrase else "plainto_tsquery"
        return f"{maker}('english', :{name})"


def pg_tsquery(clauses: tuple[TextClause, ...], query: TsQuery | None = None) -> TsQuery:
    """A tsquery requiring every clause (each any of its terms)."""
    query = query or TsQuery()
    parts = []
    for clause in clauses:
        terms = [query.term(t) for t in clause.terms]
        parts.append(terms[0] if len(terms) == 1 else "(" + " || ".join(terms) + ")")
    query.sql = "(" + " && ".join(parts) + ")"
    return query


def text_condition(clauses: tuple[TextClause, ...], dialect: str) -> ColumnElement[bool]:
    """Debriefs whose document matches every clause."""
    if dialect == "sqlite":
        matching = (
            select(search_docs.c.debrief_id)
            .select_from(debrief_fts.join(search_docs, search_docs.c.key == debrief_fts.c.rowid))
            .where(FTS.op("MATCH")(fts5_match(clauses)))
        )
        return DebriefRow.id.in_(matching)
    from sqlalchemy import text

    ts = pg_tsquery(clauses)
    matching = select(search_docs.c.debrief_id).where(
        text(f"search_docs.document @@ {ts.sql}").bindparams(**ts.params)
    )
    return DebriefRow.id.in_(matching)


# -- filters --------------------------------------------------------------------------------


def _list_has(section: str, condition: Any) -> ColumnElement[bool]:
    return exists().where(
        ListItemRow.debrief_id == DebriefRow.id, ListItemRow.section == section, condition
    )


def _spellings(value: str, known: Any) -> list[str]:
    """The folded value, plus every spelling of the taxonomy entry it names."""
    keys = {value}
    if known is not None:
        keys.update(fold(s) for s in (*known.spellings(), *known.components))
    return sorted(k for k in keys if k)


def _folded_match(folded: Any, value: str, known: Any) -> ColumnElement[bool]:
    """The typed value anywhere in the folded text, or exactly one of the entry's spellings."""
    keys = _spellings(value, known)
    contains = folded.contains(value, autoescape=True)
    return or_(folded.in_(keys), contains) if len(keys) > 1 else contains


def filter_condition(
    name: str, value: str, taxonomy: Taxonomy, dialect: str = "sqlite"
) -> ColumnElement[bool]:
    """The SQL condition of one ``name:value`` filter (value already normalised)."""
    if name == "severity":
        return func.coalesce(DebriefRow.severity, "") == value
    if name == "status":
        return DebriefRow.status == value
    if name == "after":
        return incident_day() >= value
    if name == "before":
        return incident_day() < value
    if name == "tag":
        return _list_has("tags", _folded(ListItemRow.text, dialect) == value)
    if name == "service":
        folded = _folded(ListItemRow.text, dialect)
        return _list_has("services", _folded_match(folded, value, taxonomy.service_for(value)))
    if name == "cause":
        folded = _folded(func.coalesce(DebriefRow.primary_cause, ""), dialect)
        return _folded_match(folded, fold(value), taxonomy.cause_for(value))
    if name == "owner":
        needle = value.lower()
        return or_(
            func.lower(DebriefRow.owner).contains(needle, autoescape=True),
            exists().where(
                ActionRow.debrief_id == DebriefRow.id,
                func.lower(ActionRow.owner).contains(needle, autoescape=True),
            ),
        )
    raise ValueError(f"unknown filter {name}")


def query_condition(
    query: Query, taxonomy: Taxonomy, dialect: str, *, include_positive_text: bool = True
) -> ColumnElement[bool]:
    """Every condition of ``query`` on ``DebriefRow``; True for an empty query."""
    conditions: list[ColumnElement[bool]] = []
    positive = tuple(c for c in query.clauses if not c.negated)
    if positive and include_positive_text:
        conditions.append(text_condition(positive, dialect))
    for clause in query.clauses:
        if clause.negated:
            conditions.append(not_(text_condition((TextClause(clause.terms),), dialect)))
    for item in query.filters:
        condition = filter_condition(item.field, item.value, taxonomy, dialect)
        conditions.append(not_(condition) if item.negated else condition)
    return and_(true(), *conditions)

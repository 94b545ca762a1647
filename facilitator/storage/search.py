"""Ranked full-text search over the index, with a highlighted snippet naming its field.

SQLite ranks with FTS5's bm25 and cuts snippets with ``snippet()``
(:mod:`~facilitator.storage.search_sqlite`); PostgreSQL ranks with ``ts_rank_cd``
over the weighted ``tsvector`` and cuts them with ``ts_headline``
(:mod:`~facilitator.storage.search_pg`). Both return the same :class:`SearchHit`
values; a query of filters alone lists the newest incidents first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, event, func, literal, select
from sqlalchemy.orm import Session, sessionmaker

from facilitator.domain.model import Status
from facilitator.domain.taxonomy import Taxonomy
from facilitator.library.query import Query
from facilitator.storage.orm import DebriefRow
from facilitator.storage.query_sql import query_condition, register_functions
from facilitator.storage.search_schema import has_stale, refresh_stale

#: Marks around highlighted words inside snippets. Stored text never holds them:
#: control characters are refused on import and removed when typed.
START, END = "\x02", "\x03"


@dataclass(frozen=True)
class SearchHit:
    """One debrief that matched, best first."""

    id: str
    title: str
    severity: str | None
    status: Status
    incident: str
    date: datetime | None
    #: Where the words were found ("timeline", "action items"), "" for a filter-only query.
    field: str
    #: A short passage around the hit, on one line, and the spans to highlight in it.
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float


@dataclass(frozen=True)
class SearchPage:
    """The hits asked for and how many debriefs match in all."""

    hits: tuple[SearchHit, ...]
    total: int


def install(sessions: sessionmaker[Session], engine: Engine) -> None:
    """Keep search documents fresh for every transaction that wrote.

    On PostgreSQL (a team library, read by accounts that may not write) a transaction
    rebuilds its stale documents before it commits. On SQLite the rebuild waits for the
    next search (:func:`ensure_fresh`): an autosave of a 2,000-event debrief would
    otherwise spend 20 ms of the facilitator's typing re-indexing its timeline.

    SQLite connections also get the folding function the filters use; connections
    opened before (by the schema upgrade) are closed so every one has it. PostgreSQL
    connections plan every search afresh (see :data:`UNPREPARED`).
    """
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", register_functions)
        engine.dispose()
        return
    event.listen(engine, "do_execute", _execute_unprepared)

    @event.listens_for(sessions, "after_flush")
    def _wrote(session: Session, _context: Any) -> None:
        session.info["search_stale"] = True

    @event.listens_for(sessions, "before_commit")
    def _refresh(session: Session) -> None:
        if session.info.pop("search_stale", False):
            session.flush()
            refresh_stale(session.connection())


#: Execution option of a statement PostgreSQL must plan with its values each time.
#: psycopg prepares a statement run five times on a connection, and after five more
#: runs PostgreSQL may keep one generic plan for any values: one that cannot see how
#: many debriefs hold the words, and that parses a phrase's tsquery again for every
#: document it rechecks (44.6 ms instead of 36.9 for "connection pool").
UNPREPARED = "facilitator_unprepared"


def _execute_unprepared(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
    if not context.execution_options.get(UNPREPARED):
        return False  # SQLAlchemy runs it as usual
    cursor.execute(statement, parameters, prepare=False)
    return True


def ensure_fresh(session: Session) -> None:
    """Bring documents written by someone else's transaction up to date before reading."""
    connection = session.connection()
    if has_stale(connection):
        refresh_stale(connection)


def parse_marked(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Turn a snippet with START/END marks into one line of text and highlight spans."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    start = -1
    length = 0
    pending_space = False
    for char in marked:
        if char == START:
            joins = bool(spans) and spans[-1][1] == length  # "connection pool": one span
            if pending_space and length:
                out.append(" ")
                length += 1
            pending_space = False
            start = spans.pop()[0] if joins else length
        elif char == END:
            if start >= 0 and length > start:
                spans.append((start, length))
            start = -1
        elif char.isspace():
            pending_space = True
        else:
            if pending_space and length:
                out.append(" ")
                length += 1
            pending_space = False
            out.append(char)
            length += 1
    return "".join(out), tuple(spans)


def _date(value: str | datetime | None) -> datetime | None:
    if isinstance(value, str):  # some backends drop the column type through coalesce
        return datetime.fromisoformat(value)
    return value


def search(
    session: Session, query: Query, taxonomy: Taxonomy, *, limit: int = 20, offset: int = 0
) -> SearchPage:
    """Return the best ``limit`` matches of ``query`` after ``offset``, and the match count."""
    ensure_fresh(session)
    dialect = session.get_bind().dialect.name
    positive = tuple(c for c in query.clauses if not c.negated)
    if not positive:
        rest = query_condition(query, taxonomy, dialect, include_positive_text=False)
        return _browse(session, rest, limit, offset)
    filtered = bool(query.filters) or any(c.negated for c in query.clauses)
    if dialect == "sqlite":
        from facilitator.storage import search_sqlite as backend

        rest = query_condition(query, taxonomy, dialect, include_positive_text=False)
    else:
        from facilitator.storage import search_pg as backend  # type: ignore[no-redef]

        rest = backend.filters(query, taxonomy) if filtered else None
    rows, total, snippets = backend.search(
        session, positive, rest, (limit, offset), filtered, (START, END)
    )
    return SearchPage(_hits_from_rows(rows, snippets), total)


def _browse(session: Session, condition: Any, limit: int, offset: int) -> SearchPage:
    """Filters alone: the newest incidents first."""
    # The table, not the ORM class, and the session's connection: a plain SQL statement
    # skips the ORM's per-statement work.
    debriefs = DebriefRow.__table__.c
    day = func.coalesce(debriefs.started_at, debriefs.meeting_at, debriefs.created_at)
    connection = session.connection()
    # One statement: the count rides along as a window over the rows the filters keep.
    rows = connection.execute(
        select(
            debriefs.id,
            literal(0.0),
            debriefs.title,
            debriefs.severity,
            debriefs.status,
            debriefs.incident,
            day,
            func.count().over(),
        )
        .where(condition)
        .order_by(day.desc(), debriefs.id)
        .limit(limit)
        .offset(offset)
    ).all()
    if rows:
        total = int(rows[0][-1])
    else:
        count = select(func.count()).select_from(DebriefRow.__table__).where(condition)
        total = connection.execute(count).scalar() or 0
    return SearchPage(_hits_from_rows([tuple(r[:-1]) for r in rows], {}), total)


def _hits_from_rows(rows: list[Any], snippets: dict[str, tuple[str, str]]) -> tuple[SearchHit, ...]:
    """Hits from rows of (debrief id, score, title, severity, status, incident, date)."""
    hits = []
    for debrief_id, score, title, severity, status, incident, day in rows:
        label, marked = snippets.get(debrief_id, ("", ""))
        snippet, spans = parse_marked(marked)
        hits.append(
            SearchHit(
                id=debrief_id,
                title=title,
                severity=severity,
                status=Status(status),
                incident=incident,
                date=_date(day),
                field=label,
                snippet=snippet,
                highlights=spans,
                score=score,
            )
        )
    return tuple(hits)

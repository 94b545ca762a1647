"""Ranked full-text search over the index, with a highlighted snippet naming its field.

SQLite ranks with FTS5's bm25 and cuts snippets with ``snippet()``; PostgreSQL
ranks with ``ts_rank_cd`` over the weighted ``tsvector`` and cuts them with
``ts_headline``. Both return the same :class:`SearchHit` values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from facilitator.domain.model import Status
from facilitator.domain.taxonomy import Taxonomy
from facilitator.library.query import Query, TextClause
from facilitator.storage.orm import DebriefRow
from facilitator.storage.query_sql import (
    FTS,
    TsQuery,
    debrief_fts,
    fts5_match,
    pg_tsquery,
    query_condition,
    register_functions,
    search_docs,
)
from facilitator.storage.search_schema import (
    FIELDS_V1,
    PG_FIELD_CAP,
    field_expression,
    has_stale,
    refresh_stale,
)

#: Marks around highlighted words inside snippets. Stored text never holds them:
#: control characters are refused on import and removed when typed.
START, END = "\x02", "\x03"
SNIPPET_TOKENS = 14
FIELDS = FIELDS_V1


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
    """Rebuild stale search documents in every transaction that wrote, before it commits.

    SQLite connections also get the folding function the filters use; connections
    opened before (by the schema upgrade) are closed so every one has it.
    """
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", register_functions)
        engine.dispose()

    @event.listens_for(sessions, "after_flush")
    def _wrote(session: Session, _context: Any) -> None:
        session.info["search_stale"] = True

    @event.listens_for(sessions, "before_commit")
    def _refresh(session: Session) -> None:
        if session.info.pop("search_stale", False):
            session.flush()
            refresh_stale(session.connection())


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


def _summaries(session: Session, ids: list[str]) -> dict[str, Any]:
    rows = session.execute(
        select(
            DebriefRow.id,
            DebriefRow.title,
            DebriefRow.severity,
            DebriefRow.status,
            DebriefRow.incident,
            func.coalesce(DebriefRow.started_at, DebriefRow.meeting_at, DebriefRow.created_at),
        ).where(DebriefRow.id.in_(ids))
    )
    return {r[0]: r for r in rows}


def _date(value: str | datetime | None) -> datetime | None:
    if isinstance(value, str):  # some backends drop the column type through coalesce
        return datetime.fromisoformat(value)
    return value


def _hits(
    session: Session, ranked: list[tuple[str, float]], snippets: dict[str, tuple[str, str]]
) -> tuple[SearchHit, ...]:
    info = _summaries(session, [debrief_id for debrief_id, _ in ranked])
    hits = []
    for debrief_id, score in ranked:
        row = info.get(debrief_id)
        if row is None:
            continue
        label, marked = snippets.get(debrief_id, ("", ""))
        snippet, spans = parse_marked(marked)
        hits.append(
            SearchHit(
                id=debrief_id,
                title=row[1],
                severity=row[2],
                status=Status(row[3]),
                incident=row[4],
                date=_date(row[5]),
                field=label,
                snippet=snippet,
                highlights=spans,
                score=score,
            )
        )
    return tuple(hits)


def search(
    session: Session, query: Query, taxonomy: Taxonomy, *, limit: int = 20, offset: int = 0
) -> SearchPage:
    """Return the best ``limit`` matches of ``query`` after ``offset``, and the match count."""
    ensure_fresh(session)
    dialect = session.get_bind().dialect.name
    positive = tuple(c for c in query.clauses if not c.negated)
    rest = query_condition(query, taxonomy, dialect, include_positive_text=False)
    if not positive:
        return _browse(session, rest, limit, offset)
    filtered = bool(query.filters) or any(c.negated for c in query.clauses)
    if dialect == "sqlite":
        return _search_sqlite(session, positive, rest, limit, offset, filtered)
    return _search_pg(session, positive, rest, limit, offset, filtered)


def _browse(session: Session, condition: Any, limit: int, offset: int) -> SearchPage:
    """Filters alone: the newest incidents first."""
    day = func.coalesce(DebriefRow.started_at, DebriefRow.meeting_at, DebriefRow.created_at)
    total = session.scalar(select(func.count()).select_from(DebriefRow).where(condition)) or 0
    ids = session.scalars(
        select(DebriefRow.id)
        .where(condition)
        .order_by(day.desc(), DebriefRow.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return SearchPage(_hits(session, [(i, 0.0) for i in ids], {}), total)


def _search_sqlite(
    session: Session,
    positive: tuple[TextClause, ...],
    rest: Any,
    limit: int,
    offset: int,
    filtered: bool,
) -> SearchPage:
    match = fts5_match(positive)
    matching = FTS.op("MATCH")(match)
    score = func.bm25(FTS, *[f.weight for f in FIELDS])
    if filtered:
        # Two plain queries instead of one join: joined to the filters, SQLite may drive
        # from the debriefs and re-run the MATCH per row (seconds instead of milliseconds).
        allowed = set(
            session.scalars(
                select(search_docs.c.key)
                .join(DebriefRow, DebriefRow.id == search_docs.c.debrief_id)
                .where(rest)
            )
        )
        scored = session.execute(select(debrief_fts.c.rowid, score).where(matching)).all()
        kept = sorted((s, k) for k, s in scored if k in allowed)
        total = len(kept)
        ranked = [(k, s) for s, k in kept[offset : offset + limit]]
    else:
        ranked = [
            (k, s)
            for k, s in session.execute(
                select(debrief_fts.c.rowid, score.label("score"))
                .where(matching)
                .order_by(score, debrief_fts.c.rowid)
                .limit(limit)
                .offset(offset)
            )
        ]
        total = session.scalar(select(func.count()).select_from(debrief_fts).where(matching)) or 0
    ids: dict[int, str] = {}
    snippets: dict[str, tuple[str, str]] = {}
    if ranked:
        keys = [r[0] for r in ranked]
        ids = dict(
            session.execute(
                select(search_docs.c.key, search_docs.c.debrief_id).where(
                    search_docs.c.key.in_(keys)
                )
            ).all()
        )
        columns = [
            func.snippet(FTS, i, START, END, "…", SNIPPET_TOKENS) for i in range(len(FIELDS))
        ]
        rows = session.execute(
            select(debrief_fts.c.rowid, *columns).where(matching, debrief_fts.c.rowid.in_(keys))
        )
        for row in rows:
            # Fields are listed by weight, so the first that holds a hit is the best to show.
            for spec, marked in zip(FIELDS, row[1:], strict=True):
                if marked and START in marked:
                    snippets[ids[row[0]]] = (spec.label, marked)
                    break
    hits = [(ids[key], -float(score)) for key, score in ranked if key in ids]
    return SearchPage(_hits(session, hits, snippets), total)


def _search_pg(
    session: Session,
    positive: tuple[TextClause, ...],
    rest: Any,
    limit: int,
    offset: int,
    filtered: bool,
) -> SearchPage:
    ts = pg_tsquery(positive)
    matches = text(f"search_docs.document @@ {ts.sql}").bindparams(**ts.params)
    rank = text(f"ts_rank_cd(search_docs.document, {ts.sql}) AS score").bindparams(**ts.params)
    conditions = [matches]
    if filtered:
        conditions.append(search_docs.c.debrief_id.in_(select(DebriefRow.id).where(rest)))
    # The count rides along as a window over the same scan: one pass over the matches.
    ranked = session.execute(
        select(search_docs.c.debrief_id, rank, func.count().over().label("total"))
        .where(*conditions)
        .order_by(text("score DESC"), search_docs.c.debrief_id)
        .limit(limit)
        .offset(offset)
    ).all()
    if ranked:
        total = int(ranked[0][2])
    elif offset:
        total = session.scalar(select(func.count()).select_from(search_docs).where(*conditions))
    else:
        total = 0
    snippets = _pg_headlines(session, [r[0] for r in ranked], positive) if ranked else {}
    return SearchPage(_hits(session, [(r[0], float(r[1])) for r in ranked], snippets), total)


def _pg_headlines(
    session: Session, ids: list[str], positive: tuple[TextClause, ...]
) -> dict[str, tuple[str, str]]:
    # Highlight any positive term: a hit on one of two words still deserves its snippet.
    terms = tuple(TextClause((t,)) for c in positive for t in c.terms)
    any_term = TsQuery()
    parts = [any_term.term(c.terms[0]) for c in terms]
    q = "(" + " || ".join(parts) + ")"
    expressions = [f"left({field_expression(f, 'postgresql')}, {PG_FIELD_CAP})" for f in FIELDS]
    which = " ".join(
        f"WHEN to_tsvector('english', {e}) @@ {q} THEN {i}" for i, e in enumerate(expressions)
    )
    params = {**any_term.params, "ids": ids}
    found = session.execute(
        text(f"SELECT d.id, CASE {which} ELSE -1 END FROM debriefs d WHERE d.id = ANY(:ids)"),
        params,
    ).all()
    options = (
        f"StartSel={START}, StopSel={END}, MaxWords=24, MinWords=10, ShortWord=2, "
        "MaxFragments=1, FragmentDelimiter=…"
    )
    chosen = [(debrief_id, index) for debrief_id, index in found if index >= 0]
    if not chosen:
        return {}
    # One statement for every headline: each row cuts only the field that held its hit.
    cut = " ".join(
        f"WHEN {i} THEN ts_headline('english', {e}, {q}, :options)"
        for i, e in enumerate(expressions)
    )
    rows = session.execute(
        text(
            f"SELECT d.id, CASE x.k {cut} END FROM debriefs d "
            "JOIN unnest(CAST(:hit_ids AS varchar[]), CAST(:fields AS int[])) AS x(id, k) "
            "ON x.id = d.id"
        ),
        {
            **any_term.params,
            "options": options,
            "hit_ids": [c[0] for c in chosen],
            "fields": [c[1] for c in chosen],
        },
    ).all()
    index_of = dict(chosen)
    return {i: (FIELDS[index_of[i]].label, marked or "") for i, marked in rows}

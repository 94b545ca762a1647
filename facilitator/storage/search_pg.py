"""Ranked search on PostgreSQL: the GIN index finds the matches, ``ts_rank_cd`` orders them.

One statement does the whole page: it ranks every match once into a narrow
materialized set (debrief id and score), keeps the best page of it by a top-N
sort and counts it, joins only that page to the debriefs for what a hit shows,
and cuts each page row's headline from the field that holds its hit.

The ranking is exact: every match is scored with ``ts_rank_cd`` (cover density:
words close together count more). The statement is plain SQL text built from
fixed pieces with bound values, so no SQL objects are compiled per query; only
the filters (severity:, service:, -word...) are compiled by SQLAlchemy, and only
when the query has them. Both query texts (the one ranking and the one
highlighting) are parsed once, in their own CTE, and read from it by every row;
the match is written inline too, for the planner, which plans each search with
its values (never a prepared, generic plan: see ``search.UNPREPARED``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, select, true
from sqlalchemy.orm import Session

from facilitator.domain.taxonomy import Taxonomy
from facilitator.library.query import Query, TextClause
from facilitator.storage.orm import DebriefRow
from facilitator.storage.query_sql import TsQuery, search_docs, split_conditions
from facilitator.storage.search import UNPREPARED
from facilitator.storage.search_schema import FIELDS_V1, PG_FIELD_CAP, field_expression

FIELDS = FIELDS_V1
_FIELD_TEXTS = [f"left({field_expression(f, 'postgresql')}, {PG_FIELD_CAP})" for f in FIELDS]
# The first field (by weight) holding any positive term; the CASE stops at the first match.
_WHICH = " ".join(
    f"WHEN to_tsvector('english', {e}) @@ q.marks THEN {i}" for i, e in enumerate(_FIELD_TEXTS)
)
# The headline of that one field only.
_CUT = " ".join(
    f"WHEN {i} THEN ts_headline('english', {e}, q.marks, %(fts_options)s)"
    for i, e in enumerate(_FIELD_TEXTS)
)
_SUMMARY = (
    "d.title, d.severity, d.status, d.incident, coalesce(d.started_at, d.meeting_at, d.created_at)"
)
_PAGE = (
    "WITH q AS MATERIALIZED (SELECT {rank} AS query, {marks} AS marks), "
    # Narrow rows (id and rank), ranked once: the page and the count both read them.
    # (A window count over the same rows would sort every match instead of keeping the best.)
    "matches AS MATERIALIZED (SELECT s.debrief_id, ts_rank_cd(s.document, q.query) AS score "
    # The match is written inline, so the planner sees the words and estimates how many
    # debriefs hold them.
    "FROM search_docs s CROSS JOIN q WHERE s.document @@ {rank}{allowed}), "
    "page AS (SELECT debrief_id, score FROM matches ORDER BY score DESC, debrief_id "
    "LIMIT %(fts_limit)s OFFSET %(fts_offset)s) "
    f"SELECT page.debrief_id, page.score, (SELECT count(*) FROM matches), {_SUMMARY}, "
    f"x.k, CASE x.k {_CUT} END "
    "FROM page JOIN debriefs d ON d.id = page.debrief_id CROSS JOIN q "
    # OFFSET 0 keeps the planner from copying the CASE into every place x.k is used.
    f"CROSS JOIN LATERAL (SELECT CASE {_WHICH} ELSE -1 END AS k OFFSET 0) x "
    "ORDER BY page.score DESC, page.debrief_id"
)
_COUNT = "SELECT count(*) FROM search_docs s WHERE s.document @@ {rank}{allowed}"


def search(
    session: Session,
    positive: tuple[TextClause, ...],
    rest: Any,
    page: tuple[int, int],
    filtered: bool,
    marks: tuple[str, str],
) -> tuple[list[tuple[Any, ...]], int, dict[str, tuple[str, str]]]:
    """One page of hits: rows (debrief id, score, *summary) best first, the match count,
    and per debrief the field its headline comes from and the headline between ``marks``.

    ``rest`` is the filters' condition on the documents (:func:`filters`); ``page`` is
    (limit, offset).
    """
    limit, offset = page
    terms = TsQuery()
    rank = terms.all_of(positive)
    # Highlight any positive term: a hit on one of two words still deserves its snippet.
    highlight = terms.any_of(positive)
    start, end = marks
    values: dict[str, Any] = {
        **terms.params,
        "fts_limit": limit,
        "fts_offset": offset,
        "fts_options": (
            f"StartSel={start}, StopSel={end}, MaxWords=24, MinWords=10, ShortWord=2, "
            "MaxFragments=1, FragmentDelimiter=…"
        ),
    }
    allowed = ""
    if filtered:
        # The filters first: only debriefs that pass them are ranked at all.
        compiled = rest.compile(
            dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
        )
        allowed = f" AND ({compiled})"
        values.update(compiled.params)
    # Planned with its values every time: a generic plan would not see the words.
    connection = session.connection().execution_options(**{UNPREPARED: True})
    sql = _PAGE.format(rank=rank, marks=highlight, allowed=allowed)
    rows = connection.exec_driver_sql(sql, values).all()
    found = {r[0]: (FIELDS[r[8]].label, r[9] or "") for r in rows if r[8] >= 0}
    hits = [(r[0], float(r[1]), *r[3:8]) for r in rows]
    if rows:
        return hits, int(rows[0][2]), found
    if not offset:
        return [], 0, {}
    count = connection.exec_driver_sql(_COUNT.format(rank=rank, allowed=allowed), values)
    return [], count.scalar() or 0, {}


#: The ranked document's debrief id, as the statement names it.
_DOCUMENT_ID = search_docs.alias("s").c.debrief_id


def filters(query: Query, taxonomy: Taxonomy) -> ColumnElement[bool]:
    """The conditions of ``query`` other than its words to rank, on the ranked documents ``s``.

    A condition that tests nothing of a debrief but its id (service:, tag:, -word) is
    written on ``s.debrief_id`` directly, the same id: going through ``debriefs`` for
    it cost an index probe per candidate (1,673 for service:payments, 3 ms). The others
    (severity:, after:, owner:...) select debriefs by their columns.
    """
    by_id, by_row = split_conditions(
        query, taxonomy, "postgresql", _DOCUMENT_ID, include_positive_text=False
    )
    if by_row:
        by_id.append(_DOCUMENT_ID.in_(select(DebriefRow.__table__.c.id).where(*by_row)))
    return and_(true(), *by_id)

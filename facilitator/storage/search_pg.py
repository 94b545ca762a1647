"""Ranked search on PostgreSQL: the GIN index finds the matches, ``ts_rank_cd`` orders them.

One statement ranks every match once into a narrow materialized set (debrief id
and score), keeps the best page of it by a top-N sort and counts it, then joins
only that page to the debriefs for what a hit shows. A second statement cuts the
headlines of the page's debriefs, each from the field that holds its hit.

The ranking is exact, as before: every match is scored with ``ts_rank_cd``
(cover density: words close together count more). What changed is the shape:
counting with a window over the ranked rows made PostgreSQL sort every match in
full, and the summaries came from a third round trip.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text, true
from sqlalchemy.orm import Session

from facilitator.library.query import TextClause
from facilitator.storage.orm import DebriefRow
from facilitator.storage.query_sql import TsQuery, pg_tsquery_expr, search_docs
from facilitator.storage.search_schema import FIELDS_V1, PG_FIELD_CAP, field_expression

FIELDS = FIELDS_V1


def summary_columns() -> tuple[Any, ...]:
    """What a hit shows of its debrief, in the order ``SearchHit`` takes it."""
    return (
        DebriefRow.title,
        DebriefRow.severity,
        DebriefRow.status,
        DebriefRow.incident,
        func.coalesce(DebriefRow.started_at, DebriefRow.meeting_at, DebriefRow.created_at),
    )


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

    ``rest`` is the filters' condition on debriefs; ``page`` is (limit, offset).
    """
    rows, total = _ranked_page(session, positive, rest, page, filtered)
    found = _headlines(session, [r[0] for r in rows], positive, marks) if rows else {}
    return rows, total, found


def _ranked_page(
    session: Session,
    positive: tuple[TextClause, ...],
    rest: Any,
    page: tuple[int, int],
    filtered: bool,
) -> tuple[list[tuple[Any, ...]], int]:
    limit, offset = page
    # The match is written inline, so the planner sees the words and estimates how many
    # debriefs hold them. The ranking reads the query parsed once in its own CTE: written
    # inline there, a prepared (generic) plan would parse it again for every row it ranks.
    parsed = select(pg_tsquery_expr(positive).label("query")).cte("q").prefix_with("MATERIALIZED")
    query = parsed.c.query
    document = search_docs.c.document
    conditions = [document.op("@@")(pg_tsquery_expr(positive))]
    if filtered:
        # The filters first: only debriefs that pass them are ranked at all.
        conditions.append(search_docs.c.debrief_id.in_(select(DebriefRow.id).where(rest)))
    # Narrow rows (id and rank), ranked once: the page and the count both read them.
    # (A window count over the same rows would sort every match instead of keeping
    # the best few.)
    matches = (
        select(search_docs.c.debrief_id, func.ts_rank_cd(document, query).label("score"))
        .select_from(search_docs.join(parsed, true()))
        .where(*conditions)
        .cte("matches")
        .prefix_with("MATERIALIZED")
    )
    order = (matches.c.score.desc(), matches.c.debrief_id)
    best = select(matches).order_by(*order).limit(limit).offset(offset).subquery()
    total = select(func.count()).select_from(matches).scalar_subquery()
    rows = session.execute(
        select(best.c.debrief_id, best.c.score, total, *summary_columns())
        .select_from(best)
        .join(DebriefRow, DebriefRow.id == best.c.debrief_id)
        .order_by(best.c.score.desc(), best.c.debrief_id)
    ).all()
    if rows:
        return [(r[0], float(r[1]), *r[3:]) for r in rows], int(rows[0][2])
    count = select(func.count()).select_from(search_docs.join(parsed, true())).where(*conditions)
    return [], (session.scalar(count) or 0) if offset else 0


def _headlines(
    session: Session, ids: list[str], positive: tuple[TextClause, ...], marks: tuple[str, str]
) -> dict[str, tuple[str, str]]:
    """For each debrief, the label of the first field (by weight) holding a hit, and its cut."""
    start, end = marks
    # Highlight any positive term: a hit on one of two words still deserves its snippet.
    any_term = TsQuery()
    parts = [any_term.term(t) for c in positive for t in c.terms]
    q = "(" + " || ".join(parts) + ")"
    expressions = [f"left({field_expression(f, 'postgresql')}, {PG_FIELD_CAP})" for f in FIELDS]
    which = " ".join(
        f"WHEN to_tsvector('english', {e}) @@ {q} THEN {i}" for i, e in enumerate(expressions)
    )
    cut = " ".join(
        f"WHEN {i} THEN ts_headline('english', {e}, {q}, :options)"
        for i, e in enumerate(expressions)
    )
    options = (
        f"StartSel={start}, StopSel={end}, MaxWords=24, MinWords=10, ShortWord=2, "
        "MaxFragments=1, FragmentDelimiter=…"
    )
    # One statement: each row finds its field (the CASE stops at the first that matches)
    # and cuts only that one.
    rows = session.execute(
        text(
            f"SELECT d.id, x.k, CASE x.k {cut} END FROM debriefs d "
            # OFFSET 0 keeps the planner from copying the CASE into every place x.k is used.
            f"CROSS JOIN LATERAL (SELECT CASE {which} ELSE -1 END AS k OFFSET 0) x "
            "WHERE d.id = ANY(:ids) AND x.k >= 0"
        ),
        {**any_term.params, "options": options, "ids": ids},
    ).all()
    return {i: (FIELDS[k].label, marked or "") for i, k, marked in rows}

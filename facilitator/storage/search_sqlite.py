"""Ranked search on SQLite: FTS5's bm25 over the weighted fields, snippets by ``snippet()``.

The statements are fixed texts with bound values: a search builds no SQL
objects, and the SQL is compiled once per process. Filters (severity:, after:,
-word...) are applied by first listing the search keys of the debriefs that
pass them, then ranking only the full-text matches among those keys.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from facilitator.library.query import TextClause
from facilitator.storage.orm import DebriefRow
from facilitator.storage.query_sql import fts5_match, search_docs
from facilitator.storage.search_schema import FIELDS_V1

FIELDS = FIELDS_V1
SNIPPET_TOKENS = 14
_WEIGHTS = ", ".join(repr(f.weight) for f in FIELDS)
# "+rowid", not "rowid": a plain rowid condition is offered to FTS5, which then runs
# the MATCH once per listed key (a quarter of a second instead of a few milliseconds).
_ALLOWED = "AND +rowid IN (SELECT value FROM json_each(:allowed))"
_RANKED = (
    f"SELECT rowid, bm25(debrief_fts, {_WEIGHTS}) AS score FROM debrief_fts "
    "WHERE debrief_fts MATCH :match {allowed} ORDER BY score, rowid LIMIT :limit OFFSET :offset"
)
_COUNT = "SELECT count(*) FROM debrief_fts WHERE debrief_fts MATCH :match {allowed}"
STATEMENTS = {
    (kind, filtered): text(sql.format(allowed=_ALLOWED if filtered else ""))
    for kind, sql in (("ranked", _RANKED), ("count", _COUNT))
    for filtered in (False, True)
}
SUMMARIES = text(
    "SELECT s.key, d.id, d.title, d.severity, d.status, d.incident, "
    "coalesce(d.started_at, d.meeting_at, d.created_at) "
    "FROM search_docs s JOIN debriefs d ON d.id = s.debrief_id "
    "WHERE s.key IN (SELECT value FROM json_each(:keys))"
)
SNIPPETS = text(
    "SELECT rowid, "
    + ", ".join(
        f"snippet(debrief_fts, {i}, :start, :end, '…', {SNIPPET_TOKENS})"
        for i in range(len(FIELDS))
    )
    + " FROM debrief_fts WHERE debrief_fts MATCH :match "
    "AND rowid IN (SELECT value FROM json_each(:keys))"
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
    and per debrief the field its snippet comes from and the snippet between ``marks``.

    ``rest`` is the filters' condition on debriefs; ``page`` is (limit, offset).
    """
    match = fts5_match(positive)
    limit, offset = page
    values: dict[str, Any] = {"match": match, "limit": limit, "offset": offset}
    if filtered:
        allowed = session.scalars(
            select(search_docs.c.key)
            .join(DebriefRow, DebriefRow.id == search_docs.c.debrief_id)
            .where(rest)
        ).all()
        values["allowed"] = json.dumps(allowed)
    ranked = session.execute(STATEMENTS["ranked", filtered], values).all()
    total = session.scalar(STATEMENTS["count", filtered], values) or 0
    if not ranked:
        return [], total, {}
    keys = json.dumps([key for key, _score in ranked])
    info = {r[0]: r[1:] for r in session.execute(SUMMARIES, {"keys": keys})}
    # bm25 is lower for better matches; the score shown grows with relevance.
    rows = [(info[k][0], -float(score), *info[k][1:]) for k, score in ranked if k in info]
    start, end = marks
    found: dict[str, tuple[str, str]] = {}
    values = {"match": match, "keys": keys, "start": start, "end": end}
    for row in session.execute(SNIPPETS, values):
        # Fields are listed by weight, so the first that holds a hit is the best to show.
        for spec, marked in zip(FIELDS, row[1:], strict=True):
            if marked and start in marked and row[0] in info:
                found[info[row[0]][0]] = (spec.label, marked)
                break
    return rows, total, found

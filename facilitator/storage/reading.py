"""Reading a whole debrief with Core queries: one per table, no ORM objects to track.

Loading is what opening a debrief and merging another window's save cost, and
building thousands of tracked ORM objects for rows that are only read is most of
that cost. These queries hand plain rows to :func:`facilitator.storage.mapping.build`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.domain.model import Debrief
from facilitator.storage.mapping import RELATION, build
from facilitator.storage.orm import DebriefRow

#: Each child relationship's table, looked up once.
_TABLES: dict[str, Any] = {
    rel: getattr(DebriefRow, rel).property.mapper.local_table
    for rel in (*RELATION.values(), "items")
}


def read_debrief(session: Session, debrief_id: str) -> Debrief | None:
    """Read the debrief ``debrief_id`` in the session's transaction, or None if there is none."""
    table = DebriefRow.__table__
    row = session.execute(select(table).where(table.c.id == debrief_id)).first()
    if row is None:
        return None
    children = {
        rel: session.execute(
            select(child).where(child.c.debrief_id == debrief_id).order_by(child.c.position)
        ).all()
        for rel, child in _TABLES.items()
    }
    return build(row, children)


def read_debriefs(session: Session, ids: list[str], batch: int = 400) -> list[Debrief]:
    """Read many debriefs with a handful of queries per batch (a first sync reads thousands)."""
    found: list[Debrief] = []
    table = DebriefRow.__table__
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        rows = session.execute(select(table).where(table.c.id.in_(chunk))).all()
        children: dict[str, dict[str, list[Any]]] = {
            rel: {debrief_id: [] for debrief_id in chunk} for rel in _TABLES
        }
        for rel, child in _TABLES.items():
            query = (
                select(child)
                .where(child.c.debrief_id.in_(chunk))
                .order_by(child.c.debrief_id, child.c.position)
            )
            for item in session.execute(query):
                children[rel][item.debrief_id].append(item)
        found.extend(build(row, {rel: children[rel][row.id] for rel in _TABLES}) for row in rows)
    return found

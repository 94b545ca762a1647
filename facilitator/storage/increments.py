"""Saving only what changed since the copy stored last, so an autosave costs what was edited.

When the stored revision is the one the caller started from, the stored rows are
exactly the caller's ``base``; comparing ``base`` with the edited copy tells which
fields and which items changed, and only those rows are read and written. A
keystroke in one event of a 2,000-event timeline updates one row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from facilitator.domain.changes import DebriefChanges, ListChange
from facilitator.domain.model import Debrief
from facilitator.storage.mapping import (
    ITEM_TABLES,
    LABEL_LISTS,
    fill_scalars,
    label_items,
    set_position,
)
from facilitator.storage.orm import DebriefRow, ListItemRow


def apply_changes(
    session: Session, row: DebriefRow, base: Debrief, debrief: Debrief, changes: DebriefChanges
) -> None:
    """Write ``changes`` (from ``base`` to ``debrief``) onto the stored ``row`` and its children."""
    fill_scalars(debrief, row)
    for name, row_class, fill, section in ITEM_TABLES:
        change = changes.lists.get(name)
        if change:
            _apply_list(session, row.id, row_class, fill, section, base, debrief, name, change)
    for section in LABEL_LISTS:
        if section in changes.fields:
            session.execute(
                delete(ListItemRow).where(
                    ListItemRow.debrief_id == row.id, ListItemRow.section == section
                )
            )
            for sec, uid, text, position in label_items(section, getattr(debrief, section)):
                session.add(
                    ListItemRow(
                        debrief_id=row.id, section=sec, uid=uid, text=text, position=position
                    )
                )


def _apply_list(
    session: Session,
    debrief_id: str,
    row_class: Any,
    fill: Any,
    section: str | None,
    base: Debrief,
    debrief: Debrief,
    name: str,
    change: ListChange,
) -> None:
    items = getattr(debrief, name)
    by_uid = {item.uid: item for item in items}
    new_position = {item.uid: i for i, item in enumerate(items)}
    old_position = {item.uid: i for i, item in enumerate(getattr(base, name))}
    where = [row_class.debrief_id == debrief_id]
    if section is not None:
        where.append(row_class.section == section)
    if change.removed:
        session.execute(delete(row_class).where(*where, row_class.uid.in_(change.removed)))
    edited = set(change.changed)
    moved: set[str] = set()
    if change.reordered or change.removed or change.inserted:
        moved = {
            uid
            for uid, pos in new_position.items()
            if uid in old_position and old_position[uid] != pos and uid not in edited
        }
    if edited:
        for stored in session.scalars(select(row_class).where(*where, row_class.uid.in_(edited))):
            fill(stored, by_uid[stored.uid])
            set_position(stored, new_position[stored.uid])
    if moved:
        # An event inserted near the top moves every row below it: their positions are
        # written by primary key in one executemany, without loading 1,000 ORM rows to
        # change one number each.
        table = row_class.__table__
        ids = session.execute(select(table.c.id, table.c.uid).where(*where)).all()
        shift = (
            update(table)
            .where(table.c.id == bindparam("moved_id"))
            .values(position=bindparam("moved_to"))
        )
        session.execute(
            shift,
            [{"moved_id": i, "moved_to": new_position[uid]} for i, uid in ids if uid in moved],
        )
    for uid in change.inserted:
        fresh = row_class(debrief_id=debrief_id, uid=uid, position=new_position[uid])
        if section is not None:
            fresh.section = section
        fill(fresh, by_uid[uid])
        session.add(fresh)

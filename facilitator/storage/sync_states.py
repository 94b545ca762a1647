"""The local record of where each published debrief stands with the team library.

Only the team sync (facilitator/team/) uses this; it lives here because it is
storage: a table in the local store, reached through the service's sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from facilitator.domain.model import Debrief
from facilitator.storage.orm import DebriefRow, TeamSyncRow
from facilitator.storage.reading import read_debriefs
from facilitator.storage.service import DebriefService


@dataclass(frozen=True)
class SyncState:
    """A published debrief's team revision and public base at the last sync."""

    debrief_id: str
    team_revision: int
    local_revision: int
    base: str
    published_at: datetime | None = None


def all_states(service: DebriefService) -> dict[str, SyncState]:
    """Every published debrief's state, by id."""
    with service._session() as session:
        rows = session.execute(select(TeamSyncRow)).scalars()
        return {
            r.debrief_id: SyncState(
                r.debrief_id, r.team_revision, r.local_revision, r.base, r.published_at
            )
            for r in rows
        }


def put_state(service: DebriefService, state: SyncState) -> None:
    """Record ``state`` (insert or replace)."""
    put_states(service, [state])


def put_states(service: DebriefService, given: list[SyncState]) -> None:
    """Record several states in one transaction."""
    with service._session(write=True) as session:
        for state in given:
            row = session.get(TeamSyncRow, state.debrief_id)
            if row is None:
                row = TeamSyncRow(debrief_id=state.debrief_id)
                session.add(row)
            row.team_revision = state.team_revision
            row.local_revision = state.local_revision
            row.base = state.base
            row.published_at = state.published_at


def drop_state(service: DebriefService, debrief_id: str) -> None:
    """Forget a debrief's team state (it is no longer published from here)."""
    with service._session(write=True) as session:
        session.execute(delete(TeamSyncRow).where(TeamSyncRow.debrief_id == debrief_id))


def revisions(service: DebriefService) -> dict[str, int]:
    """Every stored debrief's revision, by id: one cheap query to see what moved."""
    with service._session() as session:
        return dict(session.execute(select(DebriefRow.id, DebriefRow.revision)).all())


def load_many(service: DebriefService, ids: list[str]) -> list[Debrief]:
    """Load several whole debriefs at once."""
    with service._session() as session:
        return read_debriefs(session, ids)

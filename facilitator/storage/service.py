"""The debrief service: the only API the UI and the command line use to reach storage.

Each call opens a short session and closes it, so no caller ever holds an ORM
object or a transaction; what goes in and out are domain dataclasses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from facilitator.domain.model import ActionItem, ActionStatus, Debrief, DebriefSummary
from facilitator.domain.taxonomy import Taxonomy, default_taxonomy
from facilitator.library.facts import DebriefFacts
from facilitator.library.query import Query, parse_query
from facilitator.paths import resolve_database_url
from facilitator.storage import database, search
from facilitator.storage.errors import NotFoundError, StorageError
from facilitator.storage.facts import (
    PARTS,
    load_action_items,
    load_facts,
    load_labels,
    load_learnings,
)
from facilitator.storage.mapping import from_row, summary_from_values, to_row
from facilitator.storage.orm import DebriefRow
from facilitator.storage.query_sql import query_condition
from facilitator.storage.search import ensure_fresh

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp_closed(debrief: Debrief, now: datetime) -> None:
    """Date action items the first time they are saved done or dropped, for the trends."""
    for item in debrief.action_items:
        if item.is_open:
            item.closed_on = None
        elif item.closed_on is None and item.status in (ActionStatus.DONE, ActionStatus.WONT_DO):
            item.closed_on = now.date()


class DebriefService:
    """Create, load, save, list and delete debriefs in one database.

    ``url`` is any SQLAlchemy URL; ``None`` means ``FACILITATOR_DB`` or the
    SQLite file in the user data folder. The schema is upgraded on opening.
    Every failure the user can cause surfaces as :class:`StorageError`.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_database_url(url)
        self._engine: Engine = database.create_db_engine(self.url)
        try:
            database.upgrade(self._engine)
        except SQLAlchemyError as exc:
            self._engine.dispose()
            raise StorageError(database.describe_error(exc, self.url)) from exc
        except Exception as exc:  # alembic raises plain errors for unknown revisions
            self._engine.dispose()
            raise StorageError(
                f"The database {self.url} was written by a newer or unknown version of "
                f"Facilitator and cannot be opened ({exc})."
            ) from exc
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        # The search index rebuilds what a transaction changed before it commits.
        search.install(self._sessions, self._engine)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with self._sessions.begin() as session:
                yield session
        except SQLAlchemyError as exc:
            log.warning("database error on %s: %s", self.url, exc)
            raise StorageError(database.describe_error(exc, self.url)) from exc

    def create(self, title: str = "") -> Debrief:
        """Create, store and return a new debrief."""
        debrief = Debrief(title=title)
        self.save(debrief)
        return debrief

    def load(self, debrief_id: str) -> Debrief:
        """Return the debrief with ``debrief_id``; raise NotFoundError if there is none."""
        with self._session() as session:
            row = session.get(DebriefRow, debrief_id)
            if row is None:
                raise NotFoundError(f"No debrief has the id {debrief_id}.")
            return from_row(row)

    def exists(self, debrief_id: str) -> bool:
        """Tell whether a debrief with ``debrief_id`` is stored."""
        with self._session() as session:
            return session.get(DebriefRow, debrief_id) is not None

    def save(self, debrief: Debrief, *, touch: bool = True) -> None:
        """Store the whole debrief, inserting it if new.

        Sets ``updated_at`` to now unless ``touch`` is false (an import keeps the
        document's own timestamps) and fills ``created_at`` when missing.
        """
        now = _now()
        debrief.created_at = debrief.created_at or now
        if touch or debrief.updated_at is None:
            debrief.updated_at = now
        if touch:
            _stamp_closed(debrief, now)
        with self._session() as session:
            row = session.get(DebriefRow, debrief.id)
            if row is None:
                row = DebriefRow(id=debrief.id)
                session.add(row)
            to_row(debrief, row)

    def save_many(self, debriefs: Iterable[Debrief], *, touch: bool = False) -> int:
        """Store many debriefs in one transaction (all or none); return how many.

        For imports and generated libraries: the search index is rebuilt once, at
        the end, instead of once per debrief.
        """
        now = _now()
        count = 0
        with self._session() as session:
            for debrief in debriefs:
                debrief.created_at = debrief.created_at or now
                if touch or debrief.updated_at is None:
                    debrief.updated_at = now
                row = session.get(DebriefRow, debrief.id)
                if row is None:
                    row = DebriefRow(id=debrief.id)
                    session.add(row)
                to_row(debrief, row)
                count += 1
                if count % 200 == 0:
                    session.flush()  # bounded memory for large batches
                    session.expunge_all()
        return count

    def list(self) -> list[DebriefSummary]:
        """Return every debrief's library entry, most recently edited first."""
        columns = (
            DebriefRow.id,
            DebriefRow.title,
            DebriefRow.severity,
            DebriefRow.status,
            DebriefRow.incident,
            DebriefRow.started_at,
            DebriefRow.meeting_at,
            DebriefRow.updated_at,
        )
        with self._session() as session:
            rows = session.execute(select(*columns).order_by(DebriefRow.updated_at.desc()))
            return [summary_from_values(tuple(r)) for r in rows]

    def delete(self, debrief_id: str) -> None:
        """Delete a debrief and all its parts; raise NotFoundError if there is none."""
        with self._session() as session:
            row = session.get(DebriefRow, debrief_id)
            if row is None:
                raise NotFoundError(f"No debrief has the id {debrief_id}.")
            session.delete(row)

    # -- the library: search, matrix, trends ----------------------------------------------

    def search(
        self,
        query: str | Query,
        *,
        taxonomy: Taxonomy | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> search.SearchPage:
        """Ranked full-text search in the library's query language.

        Raises :class:`facilitator.library.query.QueryError` (a hint) for a query
        that cannot be understood, and StorageError when the database fails.
        """
        taxonomy = taxonomy or default_taxonomy()
        parsed = parse_query(query, taxonomy) if isinstance(query, str) else query
        with self._session() as session:
            return search.search(session, parsed, taxonomy, limit=limit, offset=offset)

    def _condition(self, query: str | Query, taxonomy: Taxonomy) -> Any:
        parsed = parse_query(query, taxonomy) if isinstance(query, str) else query
        return query_condition(parsed, taxonomy, self._engine.dialect.name)

    def facts(
        self,
        query: str | Query = "",
        *,
        taxonomy: Taxonomy | None = None,
        parts: Iterable[str] = PARTS,
        limit: int | None = None,
    ) -> list[DebriefFacts]:
        """Classification, timings and follow-up of every debrief ``query`` selects.

        ``parts`` names the child rows wanted ("labels", "factors", "actions"); fewer
        is faster. ``limit`` keeps the newest incidents only. Raises QueryError for a
        query that cannot be understood.
        """
        taxonomy = taxonomy or default_taxonomy()
        parsed = parse_query(query, taxonomy) if isinstance(query, str) else query
        condition = None if parsed.is_empty else self._condition(parsed, taxonomy)
        with self._session() as session:
            if parsed.clauses:
                ensure_fresh(session)
            return load_facts(session, condition, parts, limit=limit)

    def action_items(
        self,
        query: str | Query = "",
        *,
        taxonomy: Taxonomy | None = None,
        open_only: bool = True,
        due_before: date | None = None,
    ) -> list[tuple[DebriefSummary, ActionItem]]:
        """Action items of the debriefs ``query`` selects, with their debrief, soonest due first.

        ``due_before`` keeps only items due before that day (the overdue ones).
        """
        taxonomy = taxonomy or default_taxonomy()
        condition = self._condition(query, taxonomy)
        with self._session() as session:
            ensure_fresh(session)
            return load_action_items(session, condition, open_only=open_only, due_before=due_before)

    def learnings(
        self, query: str | Query = "", *, taxonomy: Taxonomy | None = None
    ) -> list[tuple[DebriefSummary, tuple[str, ...]]]:
        """Key learnings of the debriefs ``query`` selects, each with its debrief."""
        taxonomy = taxonomy or default_taxonomy()
        condition = self._condition(query, taxonomy)
        with self._session() as session:
            return load_learnings(session, condition)

    def labels(self) -> dict[str, dict[str, int]]:
        """Every service, tag and primary cause written so far, with how often (autocomplete)."""
        with self._session() as session:
            return load_labels(session)

    def rebuild_search_index(self) -> int:
        """Rebuild every search document; return how many debriefs were indexed."""
        from facilitator.storage.search_schema import mark_all_stale, refresh_stale

        with self._session() as session:
            connection = session.connection()
            mark_all_stale(connection)
            refresh_stale(connection)
            return session.scalar(select(func.count()).select_from(DebriefRow)) or 0

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> DebriefService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

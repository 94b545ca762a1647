"""The incident library's questions of the store: search, classification facts, trends' inputs.

A mixin of :class:`facilitator.storage.service.DebriefService`, kept apart so
the service module stays about storing debriefs. Every method reads through the
service's sessions; none writes, except rebuilding the search index.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from facilitator.domain.model import ActionItem, DebriefSummary
from facilitator.domain.taxonomy import Taxonomy, default_taxonomy
from facilitator.library.facts import DebriefFacts
from facilitator.library.query import Query, parse_query
from facilitator.storage import search
from facilitator.storage.facts import (
    PARTS,
    load_action_items,
    load_facts,
    load_labels,
    load_learnings,
)
from facilitator.storage.orm import DebriefRow
from facilitator.storage.query_sql import query_condition
from facilitator.storage.search import ensure_fresh


class LibraryQueries:
    """Search and classification queries over every debrief in the library."""

    _engine: Engine

    def _session(self, *, write: bool = False) -> AbstractContextManager[Session]:
        raise NotImplementedError  # provided by DebriefService

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
        from facilitator.storage.search_schema import rebuild_documents

        with self._session(write=True) as session:
            rebuild_documents(session.connection())
            return session.scalar(select(func.count()).select_from(DebriefRow)) or 0

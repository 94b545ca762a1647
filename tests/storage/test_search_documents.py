"""PostgreSQL keeps search documents in their rows, on every write path and after upgrading."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, create_engine

from facilitator.domain.model import Debrief, TimelineEvent
from facilitator.storage import DebriefService
from facilitator.storage.database import alembic_config, writer
from facilitator.storage.search_schema import PG_INLINE_TARGET

from support.postgres import fresh_database


@pytest.fixture
def pg_url() -> Iterator[str]:
    with fresh_database() as url:
        yield url


def _words(seed: int, count: int) -> str:
    # Distinct made-up words: their document grows with the text, as a real one does.
    rng = random.Random(seed)
    return " ".join(
        "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(4))
        for _ in range(count)
    )


def _moved_out(connection: Connection) -> int:
    """How many pieces of documents live in the TOAST table instead of their rows."""
    toast = connection.exec_driver_sql(
        "SELECT reltoastrelid::regclass FROM pg_class WHERE oid = 'search_docs'::regclass"
    ).scalar()
    return int(connection.exec_driver_sql(f"SELECT count(*) FROM {toast}").scalar() or 0)


def _documents(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT debrief_id, document::text FROM search_docs")
        return dict(rows.all())


def _migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = alembic_config()
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_documents_past_two_kilobytes_stay_in_their_rows(pg_url: str) -> None:
    with DebriefService(pg_url) as service:
        debrief = Debrief(title="Wide", summary=_words(1, 300))
        service.save(debrief)  # through the commit hook
        service.save_many([Debrief(title="Bulk", summary=_words(2, 300))])  # the bulk path
        service.rebuild_search_index()  # and the rebuild
        huge = Debrief(
            title="Long night",
            timeline=[TimelineEvent(text=f"{_words(i, 12)} okapi") for i in range(2000)],
        )
        service.save(huge)  # past a page: compressed and moved out, and still found
        assert [h.id for h in service.search("okapi").hits] == [huge.id]
        assert [h.id for h in service.search(debrief.summary.split()[123]).hits] == [debrief.id]
    engine = create_engine(pg_url)
    with engine.connect() as connection:
        sizes = connection.exec_driver_sql(
            "SELECT pg_column_size(document) FROM search_docs s JOIN debriefs d "
            "ON d.id = s.debrief_id WHERE d.title IN ('Wide', 'Bulk')"
        ).scalars()
        # Past the default 2 KB where PostgreSQL would move them out, under a page.
        assert all(2100 < size < PG_INLINE_TARGET for size in sizes)
        options = connection.exec_driver_sql(
            "SELECT reloptions FROM pg_class WHERE oid = 'search_docs'::regclass"
        ).scalar()
        assert options == [f"toast_tuple_target={PG_INLINE_TARGET}"]
        # Only the 2,000-event document, too big for a page, went out.
        assert _moved_out(connection) > 0
        connection.exec_driver_sql("DELETE FROM debriefs WHERE title = 'Long night'")
        assert _moved_out(connection) == 0
        connection.rollback()
    engine.dispose()


def test_upgrade_brings_moved_documents_back_unchanged(pg_url: str) -> None:
    with DebriefService(pg_url) as service:
        service.save_many([Debrief(title=f"D{i}", summary=_words(i, 300)) for i in range(5)])
        before = service.search("D3").hits
    engine = create_engine(pg_url)
    _migrate(engine, "0007", down=True)
    with engine.begin() as connection:
        # As 0007 stored them: past 2 KB, moved out to the TOAST table.
        connection.exec_driver_sql("UPDATE search_docs SET document = document || ''::tsvector")
        assert _moved_out(connection) > 0
    documents = _documents(engine)
    _migrate(engine, "head")
    with engine.connect() as connection:
        assert _moved_out(connection) == 0
        # The new column type came with fresh statistics for the planner.
        analysed = connection.exec_driver_sql(
            "SELECT count(*) FROM pg_stats WHERE tablename = 'search_docs' AND attname = 'document'"
        ).scalar()
        assert analysed == 1
    assert _documents(engine) == documents
    engine.dispose()
    with DebriefService(pg_url) as service:
        assert service.search("D3").hits == before


def test_rebuilding_leaves_the_table_as_compact_as_a_fresh_one(pg_url: str) -> None:
    with DebriefService(pg_url) as service:
        made = [Debrief(title=f"D{i}", summary=_words(i, 120)) for i in range(200)]
        service.save_many(made)
        before = service.search("D7").hits
        engine = service._engine
        documents = _documents(engine)
        size = _heap_pages(engine)
        for _ in range(3):
            assert service.rebuild_search_index() == 200
        # Rewritten, not updated in place: no old row versions left behind.
        assert _heap_pages(engine) <= size * 1.1 + 2
        assert _documents(engine) == documents
        assert service.search("D7").hits == before
        with engine.connect() as connection:
            stale = connection.exec_driver_sql("SELECT count(*) FROM search_docs WHERE stale")
            assert stale.scalar() == 0
            analysed = connection.exec_driver_sql(
                "SELECT count(*) FROM pg_stats WHERE tablename = 'search_docs'"
            ).scalar()
            assert analysed == 3  # every column has statistics again


def _heap_pages(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.exec_driver_sql("SELECT pg_relation_size('search_docs') / 8192").scalar()
            or 0
        )


def test_a_new_library_leaves_its_empty_search_table_unmeasured(pg_url: str) -> None:
    # Statistics of an empty table tell the planner it stays empty; the triggers' cached
    # plans then scanned it during a whole import (saving took a third longer).
    with DebriefService(pg_url) as service:
        assert service.rebuild_search_index() == 0
        with service._engine.connect() as connection:
            tuples = connection.exec_driver_sql(
                "SELECT reltuples FROM pg_class WHERE oid = 'search_docs'::regclass"
            ).scalar()
    assert tuples == -1  # never analysed: PostgreSQL measures the table as it grows

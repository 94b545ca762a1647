"""Storage trouble told apart: disk full, read-only, damaged; and no typed text in any message."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import DataError, OperationalError

from facilitator.domain.model import Debrief, TimelineEvent
from facilitator.storage import (
    DamagedError,
    DebriefService,
    DiskFullError,
    ReadOnlyError,
    StorageError,
)
from facilitator.storage import database as db

from support.samples import at, sample_debrief


def _limit_pages(service: DebriefService, pages: int) -> None:
    """Make the file unable to grow past ``pages``: SQLite then reports a full disk."""
    service._engine.dispose()
    event.listen(
        service._engine, "connect", lambda c, _r: c.execute(f"PRAGMA max_page_count={pages}")
    )


def test_a_full_disk_is_reported_as_such_and_the_edit_stays_in_memory(sqlite_url: str) -> None:
    with DebriefService(sqlite_url) as service:
        debrief = service.create("Disk full")
        with service._engine.connect() as conn:
            used = conn.exec_driver_sql("PRAGMA page_count").scalar()
        _limit_pages(service, int(used))
        debrief.summary = "A long summary that needs new pages. " * 5000
        with pytest.raises(DiskFullError, match=r"disk holding the library .* is full"):
            service.save(debrief)
        assert debrief.summary.startswith("A long summary")
        assert debrief.revision == 1
        _limit_pages(service, 1_000_000)  # space freed: the same copy saves
        service.save(debrief)
        assert service.load(debrief.id).summary == debrief.summary


def test_a_library_that_cannot_be_written_opens_read_only(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with DebriefService(sqlite_url) as service:
        service.save(sample_debrief())
    path = db.sqlite_file(sqlite_url)
    assert path is not None
    real_access = os.access
    # Tests run as root, which ignores file modes; pretend the file is read-only.
    monkeypatch.setattr(
        db.os,
        "access",
        lambda p, mode: False if Path(p) == path and mode == os.W_OK else real_access(p, mode),
    )
    with DebriefService(sqlite_url) as service:
        assert service.read_only and "read-only" in (service.read_only_reason or "")
        assert [e.title for e in service.list()] == [sample_debrief().title]
        loaded = service.load(sample_debrief().id)
        assert loaded.summary == sample_debrief().summary
        with pytest.raises(ReadOnlyError, match="Browse, search and export still work"):
            service.save(loaded)
        with pytest.raises(ReadOnlyError):
            service.delete(loaded.id)


def test_the_engine_itself_refuses_writes_when_opened_read_only(sqlite_url: str) -> None:
    with DebriefService(sqlite_url) as service:
        debrief = service.create("x")
    engine = db.create_db_engine(sqlite_url, read_only=True)
    with pytest.raises(OperationalError, match="readonly"), engine.connect() as conn:
        conn.exec_driver_sql("UPDATE debriefs SET title = 'y'")
    engine.dispose()
    error = db.classify(sqlite3.OperationalError("attempt to write a readonly database"), "x")
    assert isinstance(error, ReadOnlyError)
    assert debrief.title == "x"


def _many_debriefs(url: str, count: int = 40) -> None:
    with DebriefService(url) as service:
        for i in range(count):
            d = Debrief(title=f"Debrief {i}", summary="Words of a summary. " * 40)
            d.timeline = [TimelineEvent(at(1, m), text=f"event {m} " * 10) for m in range(20)]
            service.save(d)


def test_a_damaged_page_in_the_middle_is_found_at_open(sqlite_url: str) -> None:
    _many_debriefs(sqlite_url)
    path = db.sqlite_file(sqlite_url)
    assert path is not None
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(path.read_bytes())
    middle = (pages // 2) * page_size
    data[middle : middle + page_size] = b"\x5a" * page_size
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedError, match="is damaged"):
        DebriefService(sqlite_url)


def test_messages_and_logs_carry_neither_typed_text_nor_passwords(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    secret_text = "PRIVATE-NOTE-7731"
    error = DataError(
        f"UPDATE debriefs SET private_notes=%(p)s -- {secret_text}",
        {"p": secret_text},
        Exception(f"value too long: {secret_text}"),
    )
    url = "postgresql+psycopg://ada:hunter2@db.example/debriefs"
    message = str(db.classify(error, url))
    assert secret_text not in message and "hunter2" not in message
    assert "ada:***@db.example" in message
    assert message.count("\n") == 0
    with DebriefService(sqlite_url) as service, caplog.at_level(logging.DEBUG):
        service._error(error)
    assert secret_text not in caplog.text


def test_an_unreadable_url_never_echoes_its_password() -> None:
    with pytest.raises(StorageError) as caught:
        DebriefService("postgresql+nosuchdriver://ada:hunter2@db.example/x")
    assert "hunter2" not in str(caught.value)


def test_the_schema_head_constant_matches_the_migrations() -> None:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(db.alembic_config()).get_current_head()
    assert head == db.SCHEMA_HEAD

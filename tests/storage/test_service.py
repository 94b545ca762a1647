"""The debrief service: create, load, save, list, delete, and user-facing errors."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from facilitator.domain.model import Debrief, Participant, TimelineEvent, notes, texts
from facilitator.storage import DebriefService, NotFoundError, StorageError

from support.samples import at, sample_debrief


def test_round_trip_keeps_every_field_and_order(db_url: str) -> None:
    debrief = sample_debrief()
    with DebriefService(db_url) as service:
        service.save(debrief)
    with DebriefService(db_url) as service:
        loaded = service.load(debrief.id)
    assert loaded == debrief
    assert loaded.started_at is not None and loaded.started_at.utcoffset() == at(0, 0).utcoffset()
    assert [e.text for e in loaded.timeline] == [e.text for e in debrief.timeline]


def test_save_updates_lists_in_place(db_url: str) -> None:
    with DebriefService(db_url) as service:
        debrief = service.create("Disk full")
        debrief.timeline = [TimelineEvent(at(1, 0), text="a"), TimelineEvent(at(1, 5), text="b")]
        debrief.went_wrong = notes("x", "y", "z")
        service.save(debrief)
        debrief.timeline.reverse()
        debrief.went_wrong = debrief.went_wrong[2:]
        debrief.participants.append(Participant("Ada", "Responder"))
        service.save(debrief)
        loaded = service.load(debrief.id)
    assert [e.text for e in loaded.timeline] == ["b", "a"]
    assert texts(loaded.went_wrong) == ["z"]
    assert loaded.participants == [Participant("Ada", "Responder")]


def test_list_is_newest_first_and_delete_removes(db_url: str) -> None:
    with DebriefService(db_url) as service:
        first = service.create("First")
        second = service.create("Second")
        second.updated_at = None
        service.save(first)  # touching first makes it the newest
        titles = [entry.title for entry in service.list()]
        assert titles[0] == "First" and set(titles) == {"First", "Second"}
        service.delete(second.id)
        assert [e.id for e in service.list()] == [first.id]
        with pytest.raises(NotFoundError):
            service.load(second.id)
        with pytest.raises(NotFoundError):
            service.delete(second.id)


def test_delete_cascades_to_children(db_url: str) -> None:
    with DebriefService(db_url) as service:
        debrief = sample_debrief()
        service.save(debrief)
        service.delete(debrief.id)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        for table in ("timeline_events", "participants", "action_items", "list_items"):
            assert conn.execute(text(f"select count(*) from {table}")).scalar() == 0
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str, tmp_path: Path) -> None:
    db_url = sqlite_url
    with DebriefService(db_url) as service:
        service.create("x")
        engine = service._engine
        with engine.connect() as conn:
            assert conn.execute(text("pragma journal_mode")).scalar() == "wal"
            assert conn.execute(text("pragma foreign_keys")).scalar() == 1


def test_default_database_lives_in_the_user_data_dir(isolated_user_dirs: Path) -> None:
    with DebriefService() as service:
        service.create("x")
        assert str(isolated_user_dirs / "data") in service.url
    assert (isolated_user_dirs / "data" / "debriefs.sqlite3").exists()


def test_environment_variable_chooses_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("FACILITATOR_DB", url)
    with DebriefService() as service:
        assert service.url == url


def test_corrupt_database_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="damaged or is not a Facilitator library"):
        DebriefService(f"sqlite:///{path}")
    assert path.read_bytes().startswith(b"this is not sqlite")  # nothing overwritten


def test_locked_database_gives_a_clear_message(sqlite_url: str, tmp_path: Path) -> None:
    db_url = sqlite_url
    with DebriefService(db_url) as service:
        debrief = service.create("x")
        blocker = sqlite3.connect(tmp_path / "debriefs.sqlite3", timeout=0)
        blocker.execute("begin exclusive")
        try:
            service._engine.dispose()
            # Shorten the wait so the test is quick; the app waits 5 s.
            from sqlalchemy import event

            event.listen(
                service._engine,
                "connect",
                lambda c, _r: c.execute("pragma busy_timeout=50"),
            )
            debrief.title = "y"
            with pytest.raises(StorageError, match="locked by another program"):
                service.save(debrief)
        finally:
            blocker.rollback()
            blocker.close()
        service.save(debrief)
        assert service.load(debrief.id).title == "y"


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else False, reason="root ignores file modes"
)
def test_read_only_folder_gives_a_clear_message(tmp_path: Path) -> None:  # pragma: no cover
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StorageError):
            DebriefService(f"sqlite:///{folder / 'sub' / 'x.db'}")
    finally:
        folder.chmod(stat.S_IRWXU)


def test_unusable_folder_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("I am a file, not a folder")
    with pytest.raises(StorageError, match="Cannot create the folder"):
        DebriefService(f"sqlite:///{blocker / 'x.db'}")


def test_bad_url_gives_a_clear_message() -> None:
    with pytest.raises(StorageError, match="not a database URL"):
        DebriefService("not a url")
    with pytest.raises(StorageError, match="driver"):
        DebriefService("nosuchdb://x")


def test_unicode_survives_storage(db_url: str) -> None:
    text_value = "Résumé 🚒 \u200fשלום\u200f " + "x" * 200_000
    with DebriefService(db_url) as service:
        debrief = Debrief(title="🔥", summary=text_value, tags=["naïve"])
        service.save(debrief)
        assert service.load(debrief.id).summary == text_value

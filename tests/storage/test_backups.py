"""Backups: before migrations, daily, seven kept; a restore checks first and keeps the old."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command

from facilitator.cli import main
from facilitator.storage import DamagedError, DebriefService, StorageError
from facilitator.storage import backups as bk
from facilitator.storage import database as db

from support.samples import sample_debrief


def _path(url: str) -> Path:
    path = db.sqlite_file(url)
    assert path is not None
    return path


def test_first_open_of_the_day_makes_one_daily_backup(sqlite_url: str) -> None:
    with DebriefService(sqlite_url) as service:
        service.save(sample_debrief())
    with DebriefService(sqlite_url):  # this open backs up what is there
        pass
    with DebriefService(sqlite_url) as service:  # and this one does not repeat it
        found = service.backups()
    assert [b.kind for b in found] == ["daily"]
    with DebriefService(f"sqlite:///{found[0].path}") as copy:
        assert copy.load(sample_debrief().id).title == sample_debrief().title


def test_seven_daily_backups_are_kept_and_every_pre_migration_one(sqlite_url: str) -> None:
    with DebriefService(sqlite_url):
        pass
    path = _path(sqlite_url)
    start = datetime(2026, 11, 1, 9, 0)
    for day in range(10):
        bk.make_backup(path, "daily", now=start + timedelta(days=day))
    bk.make_backup(path, "pre-migration", now=start - timedelta(days=30))
    kinds = [b.kind for b in bk.list_backups(path)]
    assert kinds.count("daily") == 7 and kinds.count("pre-migration") == 1
    assert bk.daily_backup_due(path, now=start + timedelta(days=10))
    assert not bk.daily_backup_due(path, now=start + timedelta(days=9, hours=5))


def test_a_migration_is_preceded_by_a_backup(sqlite_url: str) -> None:
    engine = db.create_db_engine(sqlite_url)
    config = db.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    with DebriefService(sqlite_url, maintenance=False) as service:
        service.create("after the upgrade")
        kinds = [b.kind for b in service.backups()]
    assert kinds == ["pre-migration"]
    old = bk.list_backups(_path(sqlite_url))[0].path
    assert db.schema_revision(db.create_db_engine(f"sqlite:///{old}")) == "0001"


def test_restore_checks_the_backup_and_keeps_the_library_as_it_was(
    sqlite_url: str, tmp_path: Path
) -> None:
    with DebriefService(sqlite_url) as service:
        service.save(sample_debrief())
        saved = service.backup(tmp_path / "copy.sqlite3")
        service.delete(sample_debrief().id)
        kept = service.restore(saved)
        assert service.load(sample_debrief().id).title == sample_debrief().title
    assert kept is not None and kept.exists()
    with DebriefService(f"sqlite:///{kept}") as old:
        assert old.list() == []  # the library as it was before the restore


def test_a_file_that_is_not_a_library_is_refused(sqlite_url: str, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"not a database at all" * 50)
    with DebriefService(sqlite_url) as service:
        service.save(sample_debrief())
        with pytest.raises(StorageError, match="cannot be restored"):
            service.restore(bogus)
        assert service.load(sample_debrief().id).title == sample_debrief().title


def test_a_damaged_library_is_restored_from_the_command_line(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with DebriefService(sqlite_url) as service:
        service.save(sample_debrief())
    DebriefService(sqlite_url).close()  # the day's first open with debriefs backs them up
    path = _path(sqlite_url)
    latest = bk.list_backups(path)[0].path
    path.write_bytes(b"garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with pytest.raises(DamagedError, match=f"facilitator restore {latest}"):
        DebriefService(sqlite_url)
    assert main(["--db", sqlite_url, "restore", str(latest)]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "kept in" in out
    with DebriefService(sqlite_url) as service:
        assert service.load(sample_debrief().id).title == sample_debrief().title
    damaged = [b for b in bk.list_backups(path) if b.kind == "damaged"]
    assert damaged and damaged[0].path.read_bytes().startswith(b"garbage")


def test_backup_command_writes_a_copy(sqlite_url: str, tmp_path: Path) -> None:
    with DebriefService(sqlite_url) as service:
        service.save(sample_debrief())
    out = tmp_path / "mine.sqlite3"
    assert main(["--db", sqlite_url, "backup", "-o", str(out)]) == 0
    with DebriefService(f"sqlite:///{out}") as copy:
        assert [e.id for e in copy.list()] == [sample_debrief().id]


def test_a_server_library_is_not_backed_up_here(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "postgresql+psycopg://nobody@127.0.0.1:1/x", "backup"]) == 2
    assert capsys.readouterr().err.count("\n") == 1

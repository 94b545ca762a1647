"""Backups of a SQLite library, made with SQLite's online backup API.

A copy goes into ``backups/`` beside the database before every migration and
once a day on the first open. Seven daily copies are kept, and every copy made
before a migration or a restore. A copy is consistent even while the app writes:
the backup API copies a snapshot, page by page.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from facilitator.storage.errors import StorageError

#: Daily copies to keep; copies made before a migration or a restore are all kept.
KEEP_DAILY = 7
FOLDER = "backups"
_KINDS = ("daily", "pre-migration", "before-restore", "manual", "damaged")


@dataclass(frozen=True)
class Backup:
    """One backup file: where it is, why it was made and when."""

    path: Path
    kind: str
    made: datetime


def backup_folder(database: Path) -> Path:
    """The folder holding the backups of ``database``."""
    return database.parent / FOLDER


def list_backups(database: Path) -> list[Backup]:
    """Every backup of ``database``, newest first."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = []
    stem = database.stem
    for path in folder.glob(f"{stem}-*.sqlite3"):
        parts = path.stem[len(stem) + 1 :].split("-", 2)
        if len(parts) != 3 or parts[2] not in _KINDS:
            continue
        try:
            made = datetime.strptime(f"{parts[0]}-{parts[1]}", "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        found.append(Backup(path, parts[2], made))
    return sorted(found, key=lambda b: b.made, reverse=True)


def daily_backup_due(database: Path, now: datetime | None = None) -> bool:
    """True when no daily backup was made today (local time) and the library exists."""
    if not database.exists():
        return False
    today = (now or datetime.now()).date()
    return not any(b.kind == "daily" and b.made.date() == today for b in list_backups(database))


def make_backup(
    database: Path, kind: str = "manual", *, output: Path | None = None, now: datetime | None = None
) -> Path:
    """Copy ``database`` with the online backup API; return the new file.

    Without ``output`` the copy goes into the backups folder and old daily
    copies beyond :data:`KEEP_DAILY` are removed.
    """
    if kind not in _KINDS:
        raise ValueError(kind)
    made = now or datetime.now()
    if output is None:
        folder = backup_folder(database)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"Cannot create the backup folder {folder}: {exc.strerror}."
            ) from exc
        output = folder / f"{database.stem}-{made:%Y%m%d-%H%M%S}-{kind}.sqlite3"
    try:
        # A name of its own: two windows opening at once may both make the day's copy.
        handle, name = tempfile.mkstemp(dir=output.parent, prefix=output.name, suffix=".partial")
        os.close(handle)
    except OSError as exc:
        raise StorageError(f"The backup to {output} failed: {exc.strerror}.") from exc
    partial = Path(name)
    try:
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        os.replace(partial, output)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise StorageError(f"The backup of {database} to {output} failed: {reason}.") from exc
    if output.parent == backup_folder(database):
        prune(database)
    return output


def prune(database: Path) -> None:
    """Remove daily backups beyond the newest :data:`KEEP_DAILY`."""
    daily = [b for b in list_backups(database) if b.kind == "daily"]
    for old in daily[KEEP_DAILY:]:
        old.path.unlink(missing_ok=True)


def check_backup(path: Path, known_revisions: set[str]) -> str | None:
    """Return why ``path`` cannot be restored, or None when it is a sound Facilitator library."""
    if not path.is_file():
        return f"{path} does not exist"
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return f"{path} cannot be opened ({exc})"
    try:
        rows = [r[0] for r in connection.execute("PRAGMA quick_check(5)")]
        if rows != ["ok"]:
            return f"{path} is damaged ({'; '.join(map(str, rows))})"
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        if "debriefs" not in tables or "alembic_version" not in tables:
            return f"{path} is not a Facilitator library"
        stamp = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if stamp is None or stamp[0] not in known_revisions:
            return f"{path} was written by a newer version of Facilitator"
    except sqlite3.DatabaseError as exc:
        return f"{path} is not a Facilitator library ({exc})"
    finally:
        connection.close()
    return None


def restore(database: Path, backup: Path) -> Path | None:
    """Replace ``database`` with the contents of ``backup``; return the safety copy made first.

    The current library is copied aside first (or, if it is too damaged to copy,
    moved aside whole), so a restore never loses anything.
    """
    kept: Path | None = None
    if database.exists():
        try:
            kept = make_backup(database, "before-restore")
        except StorageError:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            kept = backup_folder(database) / f"{database.stem}-{stamp}-damaged.sqlite3"
            kept.parent.mkdir(exist_ok=True)
            os.replace(database, kept)
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    make_backup(backup, "manual", output=database)
    return kept

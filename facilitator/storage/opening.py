"""Opening a library: writable, read-only, or refused with a reason.

A SQLite file whose file, folder or disk cannot be written is opened read-only
(an older schema is upgraded in a private copy for browsing). A writable file
is checked for damage and backed up before a migration. A server library is
upgraded, or with ``migrate=False`` refused without writing when its schema is
not the one this version writes.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from facilitator.storage import backups, database
from facilitator.storage.errors import DamagedError, ReadOnlyError, StorageError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Opened:
    """An engine on the library, why it is read-only (None if writable), and any private copy."""

    engine: Engine
    read_only_reason: str | None = None
    scratch: Path | None = None


def open_engine(url: str, path: Path | None, *, migrate: bool = True) -> Opened:
    """Open the library at ``url`` (``path`` is its SQLite file, if it is one)."""
    reason = database.read_only_reason(path) if path is not None else None
    if path is not None and reason is not None:
        if not path.exists():
            raise ReadOnlyError(f"No library can be created at {path}: {reason}.")
        return _open_read_only(url, path, reason)
    engine = database.create_db_engine(url)
    try:
        if path is not None and path.exists() and path.stat().st_size:
            check_integrity(engine, path)
            if database.schema_revision(engine) != database.SCHEMA_HEAD and database.has_tables(
                engine
            ):
                backups.make_backup(path, "pre-migration")
        if migrate:
            database.upgrade(engine)
        else:
            require_current(engine, url)
    except SQLAlchemyError as exc:
        engine.dispose()
        error = database.classify(exc, url)
        if isinstance(error, DamagedError) and path is not None:
            error = damaged(path)
        log.warning("storage: %s opening %s", type(error).__name__, database.where(url))
        raise error from exc
    except StorageError:
        engine.dispose()
        raise
    except Exception as exc:  # alembic raises plain errors for unknown revisions
        engine.dispose()
        raise StorageError(
            f"The library {database.where(url)} was written by a newer or unknown "
            f"version of Facilitator and cannot be opened ({type(exc).__name__})."
        ) from exc
    if engine.dialect.name == "postgresql" and not may_write(engine):
        return Opened(engine, "your account may only read this library")
    return Opened(engine)


def require_current(engine: Engine, url: str) -> None:
    """Refuse, without writing, a library whose schema this version would have to change."""
    stamp = database.schema_revision(engine)
    if stamp == database.SCHEMA_HEAD:
        return
    where = database.where(url)
    if stamp is not None and stamp not in database.known_revisions():
        raise StorageError(
            f"The library {where} was written by a newer version of Facilitator; "
            "update Facilitator to use it. Nothing was changed."
        )
    raise StorageError(
        f"The library {where} needs its tables created or upgraded by its owner first "
        "(facilitator team upgrade). Nothing was changed."
    )


def _open_read_only(url: str, path: Path, reason: str) -> Opened:
    engine = database.create_db_engine(url, read_only=True)
    try:
        stamp = database.schema_revision(engine)
        if stamp is None and database.has_tables(engine):
            raise DamagedError(f"The library at {path} is not a Facilitator library.")
    except SQLAlchemyError:
        # A read-only mount cannot hold WAL's lock files: read without locking.
        engine.dispose()
        engine = database.create_db_engine(url, read_only=True, immutable=True)
        try:
            stamp = database.schema_revision(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise database.classify(exc, url) from exc
    if stamp == database.SCHEMA_HEAD:
        return Opened(engine, reason)
    # An older schema cannot be upgraded in place: browse an upgraded copy instead.
    engine.dispose()
    scratch = Path(tempfile.mkdtemp(prefix="facilitator-ro-"))
    copy = backups.make_backup(path, "manual", output=scratch / path.name)
    engine = database.create_db_engine(f"sqlite:///{copy}")
    database.upgrade(engine)
    return Opened(engine, f"{reason} (showing an upgraded copy of an older library)", scratch)


def check_integrity(engine: Engine, path: Path | None) -> None:
    """Raise DamagedError, naming the latest backup, when SQLite's quick check finds damage."""
    if database.quick_check(engine) is not None:
        raise damaged(path)


def damaged(path: Path | None) -> DamagedError:
    """The error for a damaged library, with the latest backup to restore if there is one."""
    found = backups.list_backups(path) if path else []
    error = DamagedError(
        f"The library at {path} is damaged or is not a Facilitator library."
        + (
            f" The latest backup is from {found[0].made:%d %b %Y %H:%M}: restore it with "
            f"File > Restore from backup, or: facilitator restore {found[0].path}"
            if found
            else " No backup of it exists yet."
        )
    )
    error.backups = found  # type: ignore[attr-defined]
    return error


def may_write(engine: Engine) -> bool:
    """Tell whether the server account may change debriefs (an editor, not a reader)."""
    with engine.connect() as connection:
        query = text("SELECT has_table_privilege(current_user, 'debriefs', 'UPDATE')")
        return bool(connection.execute(query).scalar())

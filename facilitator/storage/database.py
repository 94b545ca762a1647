"""Engines, connection settings, schema upgrades and turning driver errors into sentences.

SQLite gets WAL journaling (a crash never corrupts committed work and readers
don't block the autosave), foreign keys on, and a busy timeout so a second
window or process waits briefly instead of failing. Writes begin with
``BEGIN IMMEDIATE``, so two processes saving the same debrief take turns
instead of one failing half-way. A library whose file or folder cannot be
written is opened read-only.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from facilitator.storage import schema_version
from facilitator.storage.errors import (
    DamagedError,
    DiskFullError,
    LockedError,
    ReadOnlyError,
    StorageError,
    UnreachableError,
)
from facilitator.storage.secrets import with_keychain_password

_SCRIPT_LOCATION = "facilitator.storage:migrations"
#: The newest migration (see schema_version): compared with the database's stamp at
#: start so Alembic is only imported when an upgrade is due.
SCHEMA_HEAD = schema_version.SCHEMA_HEAD
#: How long SQLite waits for another writer before reporting the library as locked.
BUSY_TIMEOUT_MS = 5000

# SQLite's primary result codes (https://sqlite.org/rescode.html).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26


def _sqlite_connect(read_only: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (see _sqlite_begin); pysqlite's implicit one can't be IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            # NORMAL with WAL is durable against application crashes, the failure we guard against.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def _sqlite_begin(connection: Any) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get("sqlite_write") else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL, or None for another backend or an in-memory database."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def read_only_reason(path: Path) -> str | None:
    """Why the SQLite library at ``path`` cannot be written, or None if it can."""
    folder = path.parent
    if folder.exists() and hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
        return f"the disk holding {folder} is mounted read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path} is read-only"
    if folder.exists() and not os.access(folder, os.W_OK):
        # WAL keeps two files beside the database; a read-only folder cannot hold them.
        return f"the folder {folder} is read-only"
    return None


def parse_url(url: str) -> URL:
    """Parse ``url``, raising StorageError with a sentence when it is not a database URL."""
    try:
        return make_url(url)
    except ArgumentError:
        raise StorageError(
            f"“{mask_url(url)}” is not a database URL (expected e.g. sqlite:///path.db)."
        ) from None


def create_db_engine(url: str, *, read_only: bool = False, immutable: bool = False) -> Engine:
    """Create an engine for ``url``, preparing the folder of a writable SQLite file.

    ``read_only`` opens a SQLite file with ``mode=ro``; ``immutable`` also skips
    locking, for a library on a read-only mount whose WAL files cannot be created.
    """
    parsed = parse_url(url)
    path = sqlite_file(url)
    target: str | URL = url
    if path is not None and read_only:
        flags = "mode=ro" + ("&immutable=1" if immutable else "")
        target = f"sqlite:///file:{quote(str(path))}?{flags}&uri=true"
    elif path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"Cannot create the folder {path.parent} for the database: {exc.strerror}."
            ) from exc
    else:
        target = with_keychain_password(url)
    try:
        engine = create_engine(target)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        hint = " (pip install 'facilitator[postgres]')" if "postgres" in parsed.drivername else ""
        raise StorageError(
            f"The database driver for “{parsed.drivername}” is not installed{hint}."
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect(read_only))
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, beginning transactions that take the write lock at once."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(sqlite_write=True)


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision stamped in the database, or None when it has none."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError:
            return None


def has_tables(engine: Engine) -> bool:
    """Tell whether the database holds any table (an upgrade of it warrants a backup)."""
    return bool(inspect(engine).get_table_names())


def alembic_config() -> Any:
    """Return the Alembic configuration pointing at the packaged migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", _SCRIPT_LOCATION)
    return config


def known_revisions() -> set[str]:
    """Every schema revision this version of Facilitator can read (and upgrade from)."""
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade(engine: Engine) -> None:
    """Bring the schema of ``engine`` to the newest revision (Alembic loads only if needed)."""
    if schema_revision(engine) == SCHEMA_HEAD:
        return
    from alembic import command

    config = alembic_config()
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def quick_check(engine: Engine) -> str | None:
    """Run SQLite's quick integrity check; return None when sound, else what it found."""
    if engine.dialect.name != "sqlite":
        return None
    with engine.connect() as connection:
        rows = [r[0] for r in connection.exec_driver_sql("PRAGMA quick_check(5)")]
    return None if rows == ["ok"] else "; ".join(str(r) for r in rows)


def mask_url(url: str) -> str:
    """``url`` with any password replaced by ***, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def where(url: str) -> str:
    """Where the library is, in words: its file, or its URL without the password."""
    path = sqlite_file(url)
    if path is not None:
        return f"at {path}"
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "(not a database URL)"
    if parsed.get_backend_name() == "sqlite":
        return "in memory"
    return f"at {parsed.render_as_string(hide_password=True)}"


def classify(exc: BaseException, url: str) -> StorageError:
    """Turn a driver error into the matching StorageError with a sentence for the user.

    Neither the SQL nor its parameters nor the driver's message about a value is
    ever included: they may hold what someone typed.
    """
    at = where(url)
    original = getattr(exc, "orig", None) or exc
    if isinstance(original, sqlite3.Error):
        return _classify_sqlite(original, at)
    state = getattr(original, "sqlstate", None) or ""
    if state == "53100":
        return DiskFullError(
            f"The server holding the library {at} is out of disk space; nothing was written."
        )
    if state in ("25006", "42501"):
        return ReadOnlyError(
            f"Your account may only read the library {at}. Ask its owner for the editor role."
        )
    if state.startswith("28"):
        return UnreachableError(
            f"The server refused the login to the library {at}. Check the user name and password."
        )
    if state == "3D000":
        return UnreachableError(f"The database of the library {at} does not exist on the server.")
    if state.startswith("08") or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        return UnreachableError(f"The library {at} cannot be reached. Check the network.")
    if state in ("55P03", "40P01"):
        return LockedError(f"The library {at} is busy with another change. Try again.")
    if type(original).__name__ == "OperationalError" and not state:
        return UnreachableError(f"The library {at} cannot be reached. Check the server is running.")
    detail = f"SQLSTATE {state}" if state else type(original).__name__
    return StorageError(f"The library {at} could not be used ({detail}).")


def _classify_sqlite(error: sqlite3.Error, at: str) -> StorageError:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    message = str(error).lower()
    if code == _SQLITE_FULL or "disk is full" in message:
        return DiskFullError(
            f"The disk holding the library {at} is full; nothing was written. Free some space."
        )
    if code == _SQLITE_READONLY or "readonly" in message:
        return ReadOnlyError(
            f"The library {at} is read-only: it can be browsed and exported, not edited. "
            "Check the permissions of the file and its folder."
        )
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in message:
        return LockedError(
            f"The library {at} is locked by another program. Close it and try again."
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in message:
        return DamagedError(
            f"The library {at} is damaged or is not a Facilitator library. "
            "Restore a backup (facilitator restore), or open another with --db."
        )
    if code == _SQLITE_CANTOPEN:
        return StorageError(
            f"The library {at} cannot be opened. Check the folder exists and is writable."
        )
    if code == _SQLITE_IOERR:
        return DiskFullError(
            f"The library {at} could not be written to disk; nothing was written. Check the "
            "disk has space and is still connected."
        )
    name = getattr(error, "sqlite_errorname", "") or type(error).__name__
    return StorageError(f"The library {at} could not be used ({name}).")


def describe_error(exc: BaseException, url: str) -> str:
    """Turn a driver error into a sentence for the user."""
    return str(classify(exc, url))


def table_names(engine: Engine) -> list[str]:
    """Return the tables present, for diagnostics and tests."""
    return sorted(inspect(engine).get_table_names())

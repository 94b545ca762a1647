"""Engines, connection settings and schema upgrades.

SQLite gets WAL journaling (a crash never corrupts committed work and readers
don't block the autosave), foreign keys on, and a busy timeout so a second
window or process waits briefly instead of failing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from facilitator.storage.errors import StorageError
from facilitator.storage.secrets import with_keychain_password

_SCRIPT_LOCATION = "facilitator.storage:migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL with WAL is durable against application crashes, the failure we guard against.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_db_engine(url: str) -> Engine:
    """Create an engine for ``url``, preparing the folder of a SQLite file."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(
            f"“{url}” is not a database URL (expected e.g. sqlite:///path.db)."
        ) from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"Cannot create the folder {folder} for the database: {exc.strerror}."
            ) from exc
    try:
        engine = create_engine(with_keychain_password(url))
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise StorageError(
            f"The database driver for “{parsed.drivername}” is not installed."
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config() -> Config:
    """Return the Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", _SCRIPT_LOCATION)
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema of ``engine`` to the newest revision."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def describe_error(exc: BaseException, url: str) -> str:
    """Turn a driver error into a sentence for the user."""
    where = _where(url)
    original = getattr(exc, "orig", exc)
    text = str(original).lower()
    if "locked" in text or "busy" in text:
        return f"The database {where} is locked by another program. Close it and try again."
    if "readonly" in text or "read-only" in text:
        return f"The database {where} is read-only. Check the file's permissions."
    if (
        "not a database" in text
        or "malformed" in text
        or isinstance(original, sqlite3.DatabaseError)
    ):
        return (
            f"The database {where} is damaged or is not a Facilitator database. "
            "Move it aside to start a fresh one, or open another with --db."
        )
    if "unable to open" in text:
        return f"The database {where} cannot be opened. Check the folder exists and is writable."
    if isinstance(exc, OperationalError | DBAPIError):
        return f"The database {where} could not be used: {original}."
    return f"The database {where} could not be used: {exc}."


def _where(url: str) -> str:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return f"at {parsed.database or 'memory'}"
    return f"at {parsed.render_as_string(hide_password=True)}"


def table_names(engine: Engine) -> list[str]:
    """Return the tables present, for diagnostics and tests."""
    return sorted(inspect(engine).get_table_names())

"""Alembic environment: migrations run on a connection handed over by the app.

The app (and tests) call :func:`facilitator.storage.database.upgrade`, which
passes its connection in ``config.attributes``; there is no alembic.ini.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from facilitator.storage.orm import Base
from facilitator.storage.search_schema import is_unmanaged

config = context.config
target_metadata = Base.metadata


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Leave the search index (raw DDL, FTS5 shadow tables) out of autogenerate."""
    return not is_unmanaged(name, type_)


def _configure(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables for it.
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )


connection = config.attributes.get("connection")
if connection is not None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()

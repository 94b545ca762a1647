"""Alembic migrations build the schema the models describe, and the app upgrades old files."""

from __future__ import annotations

import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from facilitator.storage import DebriefService
from facilitator.storage.database import alembic_config, create_db_engine, table_names, upgrade
from facilitator.storage.orm import Base
from facilitator.storage.search_schema import is_unmanaged


def _not_search(name: str | None, type_: str, _parent: object) -> bool:
    return not is_unmanaged(name, type_)


def test_upgrade_empty_database_to_head_has_no_pending_diff(db_url: str) -> None:
    engine = create_db_engine(db_url)
    upgrade(engine)
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_name": _not_search}
        context = MigrationContext.configure(conn, opts=opts)
        with warnings.catch_warnings():
            # The day index is an expression index, made with raw DDL and skipped above.
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression")
            assert compare_metadata(context, Base.metadata) == []
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert context.get_current_revision() == head
    assert "debriefs" in table_names(engine)
    engine.dispose()


def test_service_upgrades_an_older_database(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:  # an empty file, as an old version would leave before any table
        conn.execute(text("create table unrelated (x int)"))
    engine.dispose()
    with DebriefService(db_url) as service:
        service.create("after upgrade")
        assert [e.title for e in service.list()] == ["after upgrade"]


def test_migrations_are_a_single_linear_history() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    assert script.get_base() == "0001"

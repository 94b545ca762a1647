"""A fresh PostgreSQL database per test, on the server named by ``FACILITATOR_TEST_PG``.

``.ci/postgres start`` starts a throwaway cluster and prints that variable. Without
it the PostgreSQL cases are skipped with a reason; with ``FACILITATOR_REQUIRE_PG=1``
(set by ``.ci/run``) a missing or unreachable server fails them instead, so CI
never skips them silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

SERVER_ENV = "FACILITATOR_TEST_PG"
REQUIRE_ENV = "FACILITATOR_REQUIRE_PG"


def server_url() -> str | None:
    """The admin URL of the test server, if one is configured."""
    return os.environ.get(SERVER_ENV) or None


def unavailable(reason: str) -> None:
    """Skip, or fail when PostgreSQL is required."""
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"PostgreSQL is required here but {reason}", pytrace=False)
    pytest.skip(f'PostgreSQL cases skipped: {reason} (run: eval "$(bash .ci/postgres start)")')


@contextmanager
def fresh_database() -> Iterator[str]:
    """Create an empty database for one test and drop it afterwards; yield its URL."""
    admin_url = server_url()
    if admin_url is None:
        unavailable(f"{SERVER_ENV} is not set")
        raise AssertionError  # unreachable: skip or fail raised
    try:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        name = f"t_{uuid.uuid4().hex[:16]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no driver, server down: say so
        unavailable(f"the server at {SERVER_ENV} cannot be used ({type(exc).__name__}: {exc})")
        raise AssertionError from exc
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def login_role(admin_url: str, database: str, role: str) -> Iterator[str]:
    """A login in ``role`` (facilitator_editor or facilitator_reader) on ``database``.

    Yields the login's URL, with its password. The login is dropped afterwards.
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"u_{uuid.uuid4().hex[:12]}"
    password = uuid.uuid4().hex
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {name} LOGIN PASSWORD '{password}' IN ROLE {role}"))
    try:
        yield (
            make_url(admin_url)
            .set(username=name, password=password, database=database)
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {name}"))
            conn.execute(text(f"DROP ROLE {name}"))
        admin.dispose()


def grant_team_roles(database_url: str) -> None:
    """Run packaging/team-library.sql on a database, as a team's owner would."""
    from pathlib import Path

    from sqlalchemy import create_engine

    script = Path(__file__).resolve().parents[2] / "packaging" / "team-library.sql"
    engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
    raw = engine.raw_connection()
    try:
        # The driver's own cursor without parameters: the script's % signs are not placeholders.
        raw.cursor().execute(script.read_text(encoding="utf-8"))
    finally:
        raw.close()
    engine.dispose()
